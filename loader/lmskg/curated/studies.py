"""The records of a study as one source describes it: the trial-report part of the schema.

A source may describe studies (``studies:`` of :class:`~lmskg.curated.records.Source`):
the design, phase, blinding, control, registry identifiers, numbers enrolled and
randomised, allocation ratio, population, follow-up, arms (with how each component is
given), subgroups and endpoints. Every value the text states is a record with its own
quote and offsets, like a source's title; curated links (an arm's regimen, an agent,
contexts) are plain ids, and the record that holds them has its own quote.

Enumerated values (phase, blinding, route, ...) are notations of the ontology, checked
by :mod:`lmskg.curated.validate_studies` against ``ontology/lmskg.ttl``. Results of a
study stay claims (:class:`~lmskg.curated.records.Claim`), which name the study and its
arms. See docs/decisions/0010-trial-evidence.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from .structure import ID, RECORD, Context, fld

_QUOTE = "The exact text of the corpus file that states it."
_START = "Code-point offset where the quote starts."
_END = "Code-point offset where the quote ends (exclusive)."
_UNIT = "UCUM code ('mg/m2', 'g/m2', 'mg', 'h', 'min', 'd', 'wk', 'mo', 'a', '%', '1')."


@dataclass(**RECORD)
class StatedValue:
    """A value the text states, anchored: a notation of the ontology (phase-3, open-label,
    intravenous...) or a name, as the field says."""

    value: str = fld("The value, as the field describes.")
    quote: str = fld(_QUOTE)
    start: int = fld(_START)
    end: int = fld(_END)


@dataclass(**RECORD)
class StatedCount:
    """A whole number the text states ('455 randomised patients', 'n=345'), anchored."""

    value: int = fld("The number, in digits ('four hundred and fifty-two' is 452).")
    quote: str = fld(_QUOTE)
    start: int = fld(_START)
    end: int = fld(_END)


@dataclass(**RECORD)
class StatedFlag:
    """A yes or no the text states ('crossover was not permitted' is false), anchored."""

    value: bool = fld("true or false, as the text says.")
    quote: str = fld(_QUOTE)
    start: int = fld(_START)
    end: int = fld(_END)


@dataclass(**RECORD)
class StatedQuantity:
    """A figure the text states (a duration, a cycle length), anchored."""

    value: float | None = fld("The number (or give low and high).", default=None)
    low: float | None = fld("Low end of a range.", default=None)
    high: float | None = fld("High end of a range.", default=None)
    unit: str = fld(_UNIT)
    qualifiers: tuple[str, ...] = fld("approximate, upper-bound, lower-bound, range, median.",
                                      default=())
    quote: str = fld(_QUOTE)
    start: int = fld(_START)
    end: int = fld(_END)


@dataclass(**RECORD)
class Dose:
    """A dose of an administration, with what it is per where the text says so."""

    value: float | None = fld("The dose (or give low and high).", default=None)
    low: float | None = fld("Low end of a range.", default=None)
    high: float | None = fld("High end of a range.", default=None)
    unit: str = fld("UCUM code: 'mg/m2', 'g/m2' or 'mg'.")
    basis: str | None = fld("What the dose is per (ontology: per-administration, per-day, "
                            "per-cycle), where the wording fixes it ('daily' is per-day); omit "
                            "otherwise.", default=None)
    quote: str = fld(_QUOTE)
    start: int = fld(_START)
    end: int = fld(_END)


@dataclass(**RECORD)
class Days:
    """The days of the cycle on which an agent is given, anchored."""

    value: tuple[int, ...] = fld("Days of the cycle ('days 1-3' is [1, 2, 3]).")
    quote: str = fld(_QUOTE)
    start: int = fld(_START)
    end: int = fld(_END)


@dataclass(**RECORD)
class AllocationRatio:
    """The allocation ratio as written, and the arms its numbers refer to."""

    value: str = fld("The ratio as written, digits and colons ('2:1').")
    arms: tuple[str, ...] = fld("Keys of the arms the ratio's numbers refer to, in order.")
    quote: str = fld(_QUOTE)
    start: int = fld(_START)
    end: int = fld(_END)


@dataclass(**RECORD)
class RegistryId:
    """A registry identifier the text states (NCT00061984)."""

    value: str = fld("The identifier exactly as written.")
    registry: str = fld("Which registry (ontology: clinicaltrials-gov, eudract).")
    quote: str = fld(_QUOTE)
    start: int = fld(_START)
    end: int = fld(_END)


@dataclass(**RECORD)
class Period:
    """A period the text gives (enrolment ran from ... to ...), at its precision."""

    start_date: str = fld("YYYY, YYYY-MM or YYYY-MM-DD, at the precision the text gives.")
    end_date: str | None = fld("YYYY, YYYY-MM or YYYY-MM-DD, at the precision the text gives.",
                               default=None)
    quote: str = fld(_QUOTE)
    start: int = fld(_START)
    end: int = fld(_END)


@dataclass(**RECORD)
class Endpoint:
    """An outcome measure the text names as an endpoint of the study, with its role."""

    measure: str = fld("Outcome measure (ontology notation, e.g. overall-survival).")
    role: str = fld("primary or secondary, as stated (ontology notation).")
    analysis_population: str | None = fld("Population analysed, as stated (ontology: "
                                          "intention-to-treat).", default=None)
    quote: str = fld(_QUOTE)
    start: int = fld(_START)
    end: int = fld(_END)


@dataclass(**RECORD)
class Population:
    """A statement of who was studied; the statements of a study all apply."""

    quote: str = fld(_QUOTE)
    start: int = fld(_START)
    end: int = fld(_END)
    context: Context = fld("The population's clinical context, one list per kind "
                           "(lmskg.curated.contexts); several values of a kind are "
                           "alternatives.", default=Context())
    prior_therapies: tuple[str, ...] = fld("Therapies (therapies.yaml) the patients had "
                                           "received (all apply).", default=())
    prior_regimens: tuple[str, ...] = fld("Regimens (regimens.yaml) the patients had received "
                                          "('one contained an anthracycline': "
                                          "anthracycline-based).", default=())
    excluded_prior_therapies: tuple[str, ...] = fld("Therapies the text says none had "
                                                    "received.", default=())
    min_prior_regimens: int | None = fld("Least number of earlier regimens ('two or more' is "
                                         "2).", default=None)


@dataclass(**RECORD)
class Characteristic:
    """A figure about the study's setting, eligibility or participants."""

    kind: str = fld("What the figure describes (ontology: sites, countries, eligible-age, "
                    "eligible-who-performance-status, eligible-ecog-performance-status, age, "
                    "disease-share).")
    value: float | None = fld("The figure (or give low and high).", default=None)
    low: float | None = fld("Low end of a range.", default=None)
    high: float | None = fld("High end of a range.", default=None)
    unit: str = fld("UCUM code: 'a' for ages, '%' for a share, '1' for counts and scores.")
    qualifiers: tuple[str, ...] = fld("approximate, upper-bound, lower-bound, range, median.",
                                      default=())
    disease: tuple[str, ...] = fld("For disease-share: the disease whose share it is.",
                                   default=())
    quote: str = fld(_QUOTE)
    start: int = fld(_START)
    end: int = fld(_END)


@dataclass(**RECORD)
class FollowUp:
    """The follow-up of the study's analysis, with its spread where the text gives one."""

    value: float | None = fld("The follow-up time (or give low and high).", default=None)
    low: float | None = fld("Low end of a range.", default=None)
    high: float | None = fld("High end of a range.", default=None)
    unit: str = fld("UCUM code of a time: 'd', 'wk', 'mo' or 'a'.")
    qualifiers: tuple[str, ...] = fld("Usually median.", default=())
    spread: str | None = fld("Which spread the text gives with it.", choices=("iqr", "range"),
                             default=None)
    spread_low: float | None = fld("Low end of the spread.", default=None)
    spread_high: float | None = fld("High end of the spread.", default=None)
    quote: str = fld(_QUOTE)
    start: int = fld(_START)
    end: int = fld(_END)


@dataclass(**RECORD)
class Administration:
    """How one component of an arm is given, as the text states it."""

    key: str = fld("Key within the arm ('doxorubicin', 'doxorubicin-bolus').", pattern=ID)
    agent: str = fld("Therapy id of the drug given (data/vocabulary/therapies.yaml).")
    quote: str = fld("The exact text that introduces it.")
    start: int = fld(_START)
    end: int = fld(_END)
    doses: tuple[Dose, ...] = fld("Doses, each with its basis where stated.", default=())
    route: StatedValue | None = fld("Route (ontology: intravenous, oral).", default=None)
    method: StatedValue | None = fld("Method (ontology: bolus, infusion, continuous-infusion).",
                                     default=None)
    days: Days | None = fld("Days of the cycle.", default=None)
    duration: StatedQuantity | None = fld("Time over which one dose is given ('over 24 "
                                          "hours').", default=None)
    dose_interval: StatedQuantity | None = fld("Interval between doses ('once daily' is 1 d).",
                                               default=None)
    cycle_length: StatedQuantity | None = fld("Cycle length ('every 3 weeks' is 3 wk).",
                                              default=None)
    max_cycles: StatedCount | None = fld("Maximum number of cycles.", default=None)
    maintenance: StatedFlag | None = fld("Given as maintenance, as stated.", default=None)
    supportive: StatedFlag | None = fld("Given to support the treatment (mesna, growth "
                                        "factors), as stated.", default=None)
    alternative_to: tuple[str, ...] = fld("Keys of administrations of the same arm that are "
                                          "alternatives to this one ('bolus ... or continuous "
                                          "infusion').", default=())
    note: str | None = fld("Curator's note.", default=None)


@dataclass(**RECORD)
class Arm:
    """An arm of the study: its regimen, size, role, and how each component is given."""

    key: str = fld("Key within the study; the IRI is id/study/<study id>/arm/<key>.",
                   pattern=ID)
    label: str = fld("Short label ('trabectedin').")
    regimen: str = fld("Regimen id (data/vocabulary/regimens.yaml): what the arm is given.")
    quote: str = fld("The exact text that introduces the arm.")
    start: int = fld(_START)
    end: int = fld(_END)
    role: StatedValue | None = fld("Role, as stated (ontology: experimental, control, "
                                   "active-control, placebo-control).", default=None)
    size: StatedCount | None = fld("Patients allocated to the arm.", default=None)
    administrations: tuple[Administration, ...] = fld("How each component is given.",
                                                      default=())
    note: str | None = fld("Curator's note.", default=None)


@dataclass(**RECORD)
class Subgroup:
    """Part of the study's participants for which the text gives results separately."""

    key: str = fld("Key within the study; the IRI is id/study/<study id>/subgroup/<key>.",
                   pattern=ID)
    label: str = fld("Short label.")
    quote: str = fld("The exact text that names the subgroup.")
    start: int = fld(_START)
    end: int = fld(_END)
    context: Context = fld("What defines the subgroup, one list per context kind.",
                           default=Context())
    size: StatedCount | None = fld("Patients in the subgroup.", default=None)
    note: str | None = fld("Curator's note.", default=None)


@dataclass(**RECORD)
class Study:
    """A study as this source describes it; another source's description of the same trial
    is another study (linked by a registry id or same_study_as)."""

    id: str = fld("Stable id '<source id>-<slug>'; the IRI is id/study/<id>.", pattern=ID)
    label: str = fld("Short label for people (the curator's; names as written go in names).")
    quote: str = fld("The exact text that introduces the study.")
    start: int = fld(_START)
    end: int = fld(_END)
    names: tuple[StatedValue, ...] = fld("Names, acronyms and protocol codes as written.",
                                         default=())
    registry_ids: tuple[RegistryId, ...] = fld("Registry identifiers the text states.",
                                               default=())
    design: tuple[StatedValue, ...] = fld("Design features the text states, all apply "
                                          "(ontology: randomised, parallel-group, single-arm, "
                                          "multicentre, retrospective, pooled-analysis).",
                                          default=())
    phase: StatedValue | None = fld("Trial phase (ontology: phase-1 ... phase-4).",
                                    default=None)
    blinding: StatedValue | None = fld("Blinding (ontology: open-label, single-blind, "
                                       "double-blind).", default=None)
    control: tuple[StatedValue, ...] = fld("Kind of control (ontology: active, placebo).",
                                           default=())
    enrolled: StatedCount | None = fld("Patients enrolled, registered or recruited.",
                                       default=None)
    randomised: StatedCount | None = fld("Patients randomised, allocated or assigned to the "
                                         "arms (the randomised design only where the text "
                                         "says so).", default=None)
    allocation_ratio: AllocationRatio | None = fld("Allocation ratio and the arms it refers "
                                                   "to.", default=None)
    crossover: StatedFlag | None = fld("Whether crossover was allowed, as stated.",
                                       default=None)
    population: tuple[Population, ...] = fld("Statements of who was studied (all apply).",
                                             default=())
    characteristics: tuple[Characteristic, ...] = fld("Figures about setting, eligibility "
                                                      "and participants.", default=())
    follow_up: FollowUp | None = fld("Follow-up with its spread.", default=None)
    recruitment: Period | None = fld("Recruitment period.", default=None)
    endpoints: tuple[Endpoint, ...] = fld("Endpoints with their role.", default=())
    arms: tuple[Arm, ...] = fld("The arms.", default=())
    subgroups: tuple[Subgroup, ...] = fld("Subgroups with separate results.", default=())
    cites: tuple[StatedValue, ...] = fld("Where the text cites a work for the study: the "
                                         "marker as written (one of the source's citations), "
                                         "anchored.", default=())
    same_study_as: tuple[str, ...] = fld("Ids of other sources' descriptions of the same "
                                         "study (say in the note what the match rests on).",
                                         default=())
    note: str | None = fld("Curator's note: what the text leaves unsaid.", default=None)

    def arm(self, key: str | None) -> Arm | None:
        return next((a for a in self.arms if a.key == key), None)

    def subgroup(self, key: str | None) -> Subgroup | None:
        return next((s for s in self.subgroups if s.key == key), None)
