"""The curated files' schema, as the typed records every later stage reads.

Each class is one kind of record of ``data/``: its fields, in the order ``lmskg fmt``
writes them, each with its type and description; a field without a default is required.
:mod:`lmskg.curated.structure` parses YAML into these classes (reporting every
structural problem), writes the canonical form, and generates the JSON Schema that
editors use (``data/schema/*.schema.json``, ``lmskg schema --write``). Whether a term
exists, a quote sits at its offsets or a range is ordered is checked afterwards by
:mod:`lmskg.curated.validate`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from .structure import ID, RECORD, Context, fld
from .studies import Study

DATE_KINDS = ("published", "medically-reviewed", "last-updated", "literature-cutoff")
CLAIM_TYPES = (
    "treatment-option", "regulatory-approval", "investigational", "recommendation",
    "recommendation-against",
    "outcome", "dose", "side-effect", "prognostic-tool", "trial-referral",
    "prognostic-factor", "treatment-selection", "therapy-description",
    # results of a study, and a label's cautions (docs/decisions/0010-trial-evidence.md)
    "arm-result", "comparative-result", "adverse-event-rate", "warning", "contraindication",
)
P_RELATIONS = ("=", "<", "<=", ">", ">=")
DIRECTIONS = ("for", "against", "neutral")
MAPPINGS = ("stated", "inferred", "candidate", "unresolved")
REVIEW_STATUSES = ("pending-human-review", "medically-reviewed")
REGIMEN_KINDS = ("single-agent", "combination", "family")
MATCHES = ("exact", "close", "related")
IDENTIFIER_MATCHES = ("stated", "inferred")

_QUOTE = "The exact text of the corpus file that states it."
_START = "Code-point offset where the quote starts."
_END = "Code-point offset where the quote ends (exclusive)."


# -- small records --------------------------------------------------------------------------

@dataclass(**RECORD)
class Quantity:
    """A figure: a value, or a range from low to high, in a UCUM unit."""

    value: float | None = fld("The number (or give low and high).", default=None)
    low: float | None = fld("Low end of a range.", default=None)
    high: float | None = fld("High end of a range.", default=None)
    unit: str = fld("UCUM code of the unit ('a' year, 'mo' month, 'wk' week, 'mg/m2').")


@dataclass(**RECORD)
class Passage:
    """A quoted passage of the source: its exact text and code-point offsets."""

    quote: str = fld(_QUOTE)
    start: int = fld(_START)
    end: int = fld(_END)


@dataclass(**RECORD)
class Title:
    """The title as the text gives it, anchored."""

    value: str | None = fld("The title, if it differs from the quote.", default=None)
    quote: str = fld(_QUOTE)
    start: int = fld(_START)
    end: int = fld(_END)

    @property
    def text(self) -> str:
        return self.value or self.quote


@dataclass(**RECORD)
class Stated:
    """A value the text states (a name, a flag), anchored to where it states it."""

    value: str = fld("The value, as the field describes.")
    quote: str = fld(_QUOTE)
    start: int = fld(_START)
    end: int = fld(_END)


@dataclass(**RECORD)
class ReviewStatus:
    """The review status the text states, anchored."""

    value: str = fld("Review status.", choices=REVIEW_STATUSES)
    quote: str = fld(_QUOTE)
    start: int = fld(_START)
    end: int = fld(_END)


@dataclass(**RECORD)
class StatedDate:
    """A date the text gives, at its precision, anchored."""

    value: str = fld("The date, as YYYY, YYYY-MM or YYYY-MM-DD (the precision the text "
                     "gives).")
    quote: str = fld(_QUOTE)
    start: int = fld(_START)
    end: int = fld(_END)


@dataclass(**RECORD)
class SourceDate:
    """A date of the whole source, with its kind, anchored."""

    kind: str = fld("Which date this is.", choices=DATE_KINDS)
    value: str = fld("The date, as YYYY, YYYY-MM or YYYY-MM-DD (the precision the text "
                     "gives).")
    quote: str = fld(_QUOTE)
    start: int = fld(_START)
    end: int = fld(_END)


@dataclass(**RECORD)
class CitedAs:
    """Where the source describes a cited work (its reference-list entry)."""

    value: str | None = fld("Unused; the quote is what the source says.", default=None)
    quote: str = fld(_QUOTE)
    start: int = fld(_START)
    end: int = fld(_END)


@dataclass(**RECORD)
class Citation:
    """A citation marker the source uses, and the work it stands for."""

    marker: str = fld("The marker exactly as the source writes it ('1', 'Demetri 2015').")
    reference: str | None = fld("Id of the reference in data/references.yaml; omit if "
                                "unresolved.", default=None)
    mapping: str = fld("How certain the marker-to-reference link is.", choices=MAPPINGS)
    cited_as: CitedAs | None = fld("Where the source describes the cited work (its list "
                                   "entry).", default=None)
    note: str | None = fld("Why the mapping is what it is.", default=None)


@dataclass(**RECORD)
class Unclaimed:
    """A passage that holds no claim, with the reason (for the coverage report)."""

    quote: str = fld("Exact text of a passage that holds no claim.")
    start: int = fld("Code-point offset where it starts.")
    end: int = fld("Code-point offset where it ends (exclusive).")
    reason: str = fld("Why no claim is anchored there (heading, navigation, disclaimer...).")


# -- claims and sources -----------------------------------------------------------------------

@dataclass(**RECORD)
class Claim:
    """One thing a source says, resting on the exact words of its quote."""

    id: str = fld("Stable id, '<source id>-c<nn>' (a letter suffix for split claims).",
                  pattern=ID)
    type: str = fld("Kind of claim.", choices=CLAIM_TYPES)
    quote: str = fld("The exact words the claim rests on.")
    start: int = fld(_START)
    end: int = fld(_END)
    direction: str = fld("For, against or neither.", choices=DIRECTIONS)
    date: StatedDate | None = fld("The date the text gives for this statement alone.",
                                  default=None)
    cites: tuple[str, ...] = fld("Citation markers (as in the source's citations) the claim "
                                 "carries.", default=())
    therapies: tuple[str, ...] = fld("Therapies, drugs, classes or procedures named (not as "
                                     "a regimen).", default=())
    unnamed_therapy: str | None = fld(
        "Set when the claim is about a therapy the text does not name: says what the text "
        "does say of it.", default=None)
    regimen: str | None = fld("Regimen id from data/vocabulary/regimens.yaml.", default=None)
    pooled_with: tuple[str, ...] = fld(
        "Ids of the other claims split from the same pooled statement (one figure or stance "
        "given for several regimens at once, recorded per regimen with the same quote).",
        default=())
    context: Context = fld("The clinical context, one list per kind "
                           "(lmskg.curated.contexts).", default=Context())
    prior_therapies: tuple[str, ...] = fld("Therapies (therapies.yaml) the claim's patients "
                                           "had received.", default=())
    prior_regimens: tuple[str, ...] = fld("Regimens (regimens.yaml) the claim's patients had "
                                          "received ('after anthracycline failure': "
                                          "anthracycline-based).", default=())
    measure: str | None = fld("Outcome measure (ontology notation, e.g. response-rate); for a "
                              "comparison, the outcome compared.", default=None)
    value: float | None = fld("The figure, normalised to a number ('thirty' is 30); for a "
                              "comparison, the estimate of its effect measure.", default=None)
    low: float | None = fld("Low end of a range.", default=None)
    high: float | None = fld("High end of a range.", default=None)
    unit: str | None = fld("UCUM code of the figure's unit ('%', 'mo', 'mg/m2', 'g/m2').",
                           default=None)
    qualifiers: tuple[str, ...] = fld("approximate, upper-bound, lower-bound, range, median.",
                                      default=())
    time_point: Quantity | None = fld("When the outcome is measured or predicted.",
                                      default=None)
    side_effects: tuple[str, ...] = fld("Adverse effects (data/vocabulary/effects.yaml).",
                                        default=())
    tool: str | None = fld("Prognostic tool (data/vocabulary/tools.yaml).", default=None)
    factors: tuple[str, ...] = fld("Prognostic or treatment-selection factors (factors.yaml).",
                                   default=())
    # -- a result of a study (docs/decisions/0010-trial-evidence.md) --
    study: str | None = fld("Id of a study of this source: the study whose result (or approval "
                            "basis) the claim states.", default=None)
    arm: str | None = fld("Arm key: the arm the result is for; in a comparison, the arm "
                          "compared (the numerator of a ratio). Its regimen is the claim's.",
                          default=None)
    comparator_arm: str | None = fld("Arm key of the reference arm of a comparison.",
                                     default=None)
    subgroup: str | None = fld("Subgroup key: the result is restricted to it.", default=None)
    subgroup_of: str | None = fld("Id of the whole-study claim (same study, measure and arms) "
                                  "this gives the subgroup's value of.", default=None)
    analysis: str | None = fld("Which analysis, where the text says (ontology: interim, "
                               "final).", default=None)
    assessment: str | None = fld("Who assessed the outcome, as stated (ontology: "
                                 "investigator, independent-review).", default=None)
    effect_measure: str | None = fld("Statistic of a comparison (ontology: hazard-ratio, "
                                     "odds-ratio, relative-risk, difference); value is its "
                                     "estimate.", default=None)
    ci_low: float | None = fld("Lower limit of the figure's confidence interval.",
                               default=None)
    ci_high: float | None = fld("Upper limit of the figure's confidence interval.",
                                default=None)
    ci_level: float | None = fld("Confidence level in percent ('95% CI' is 95).", default=None)
    p_value: float | None = fld("p-value of a comparison, 0 to 1 ('p<0.001' is 0.001).",
                                default=None)
    p_relation: str | None = fld("'=' for an exact p-value, or the bound ('<' for "
                                 "'p<0.001'); required with p_value.", choices=P_RELATIONS,
                                 default=None)
    significance: str | None = fld("What the text says of significance (ontology: "
                                   "significant, not-significant); omit when it says "
                                   "nothing (a p-value alone is not a statement).",
                                   default=None)
    adjusted: bool | None = fld("true or false where the text says adjusted or unadjusted.",
                                default=None)
    numerator: int | None = fld("Patients with the event or outcome ('3' of '3/48').",
                                default=None)
    denominator: int | None = fld("Patients the proportion is of ('48' of '3/48').",
                                  default=None)
    participants: int | None = fld("Patients analysed for the result, where stated apart from "
                                   "a denominator.", default=None)
    n_studies: int | None = fld("Number of studies the claim says it rests on ('a single "
                                "study' is 1).", default=None)
    grades: tuple[str, ...] = fld("CTCAE grades the adverse-event figure counts ('grade 3 or "
                                  "higher' is grade-3, grade-4, grade-5); any-grade alone.",
                                  default=())
    serious: bool | None = fld("true where the text calls the event serious.", default=None)
    note: str | None = fld("Curator's note: how the quote was read, and what was left "
                           "unsaid.", default=None)

    @property
    def figure(self) -> Quantity | None:
        """The claim's own figure as a quantity (None when it states no unit)."""
        if self.unit is None:
            return None
        return Quantity(value=self.value, low=self.low, high=self.high, unit=self.unit)

    @property
    def figure_fields(self) -> Iterator[tuple[str, float]]:
        """(field name, number) of every figure field the claim sets."""
        for name in ("value", "low", "high"):
            v = getattr(self, name)
            if v is not None:
                yield name, v

    @property
    def statistic_fields(self) -> Iterator[tuple[str, float]]:
        """(field name, number) of every statistic a result states besides its figure: the
        confidence interval and level, the p-value, the counts."""
        for name in ("ci_low", "ci_high", "ci_level", "p_value", "numerator", "denominator",
                     "participants", "n_studies"):
            v = getattr(self, name)
            if v is not None:
                yield name, v


@dataclass(**RECORD)
class Source:
    """A source document of the corpus, what it says about itself, and its claims."""

    id: str = fld("Stable id of the source ('s000'); the file name is <id>.yaml.", pattern=ID)
    file: str = fld("File name in the corpus directory.")
    sha256: str = fld("SHA-256 of the corpus file (checked at build).")
    type: str = fld("Document type (ontology notation).")
    title: Title | None = fld("The title as the text gives it (omit if the text has none; "
                              "say so in the note).", default=None)
    dates: tuple[SourceDate, ...] = fld("Dates of the whole source, each with its kind.",
                                        default=())
    publisher: Stated | None = fld("The publisher or site, where the text names it.",
                                   default=None)
    reviewer: Stated | None = fld("The reviewer the text names.", default=None)
    review_status: ReviewStatus | None = fld("The review status the text states.",
                                             default=None)
    flags: tuple[Stated, ...] = fld("Flags the text states about itself; 'truncated' where "
                                    "it breaks off (anchor its last words).", default=())
    note: str | None = fld("Curator's note on the source.", default=None)
    citations: tuple[Citation, ...] = fld("Every citation marker the source uses.", default=())
    unclaimed: tuple[Unclaimed, ...] = fld(
        "Passages with no claim, each with the reason, for the coverage report.", default=())
    studies: tuple[Study, ...] = fld("The studies the source describes (trial reports, "
                                     "reviews of trials), each as this source describes it.",
                                     default=())
    claims: tuple[Claim, ...] = fld("The claims, in the order of the text.")

    def study(self, study_id: str | None) -> Study | None:
        return next((s for s in self.studies if s.id == study_id), None)


# -- vocabulary -------------------------------------------------------------------------------

@dataclass(**RECORD)
class Mapping:
    """An identifier of another scheme that the crosswalk verifies."""

    scheme: str = fld("Scheme column of ../shared/vocab/crosswalk.csv.")
    id: str = fld("Id column of the crosswalk, exactly.")
    match: str = fld("SKOS match: exact, close or related.", choices=MATCHES)
    note: str | None = fld("Why the match is close or related rather than exact.", default=None)


@dataclass(**RECORD)
class Term:
    """A term of the vocabulary: a therapy, context, effect, tool or factor."""

    id: str = fld("Stable key; the IRI is <kind namespace>/<id>.", pattern=ID)
    kind: str = fld("What the term is (a class notation of the ontology).")
    label: str = fld("Preferred label, lower case unless a proper name.")
    alt_labels: tuple[str, ...] = fld("Synonyms (SKOS alternative labels).", default=())
    definition: str | None = fld("What the term means here.", default=None)
    in_class: tuple[str, ...] = fld("Drug classes a drug belongs to.", default=())
    broader: tuple[str, ...] = fld("Broader terms of the same file (SKOS broader).", default=())
    part_of: str | None = fld("For a prediction model: the tool it belongs to.", default=None)
    mappings: tuple[Mapping, ...] = fld("Identifiers from the crosswalk.", default=())
    note: str | None = fld("Curator's note.", default=None)


@dataclass(**RECORD)
class Regimen:
    """A regimen: one drug, a combination, or a family of regimens."""

    id: str = fld("Stable key; the IRI is id/regimen/<id>.", pattern=ID)
    kind: str = fld("single-agent, combination or family.", choices=REGIMEN_KINDS)
    label: str = fld("Preferred label.")
    alt_labels: tuple[str, ...] = fld("Other names.", default=())
    components: tuple[str, ...] = fld("Therapy ids of the components.")
    dose: Quantity | None = fld("Dose of a single-agent regimen.", default=None)
    interval: Quantity | None = fld("Interval between doses or cycles.", default=None)
    schedule: str | None = fld("Schedule in words, as stated.", default=None)
    broader: tuple[str, ...] = fld("Regimens this one is a variant of.", default=())
    note: str | None = fld("Curator's note.", default=None)


@dataclass(**RECORD)
class Identifiers:
    """PMID and DOI of a cited work, with how they were matched."""

    pmid: str | None = fld("PubMed id from ../shared/vocab/references.csv.", default=None)
    doi: str | None = fld("DOI from ../shared/vocab/references.csv.", default=None)
    match: str = fld("stated: the source's full citation matches the record; inferred: "
                     "matched by title, or author and year.", choices=IDENTIFIER_MATCHES)
    basis: str = fld("What the match rests on.")


@dataclass(**RECORD)
class Reference:
    """A work a source cites, as the citing source describes it."""

    id: str = fld("Stable key (references.csv key where there is one).", pattern=ID)
    type: str = fld("Document type (ontology notation) as the citing source shows it.")
    title: str | None = fld("Title as the citing source gives it.", default=None)
    description: str | None = fld("How the work is described when it has no title.",
                                  default=None)
    authors: str | None = fld("Authors as the citing source lists them.", default=None)
    journal: str | None = fld("Journal as the citing source names it.", default=None)
    date: str | None = fld("Publication date as stated (YYYY or YYYY-MM or YYYY-MM-DD).",
                           default=None)
    volume: str | None = fld("Volume.", default=None)
    issue: str | None = fld("Issue.", default=None)
    pages: str | None = fld("Pages.", default=None)
    url: str | None = fld("Address as written by the source.", default=None)
    retrieved: str | None = fld("Retrieval date the citing source gives (YYYY-MM-DD).",
                                default=None)
    identifiers: Identifiers | None = fld("PMID and DOI, with how they were matched.",
                                          default=None)
    note: str | None = fld("Curator's note.", default=None)
