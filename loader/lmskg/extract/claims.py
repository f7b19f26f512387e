"""Candidate claims of one clause.

A clause gives:
- one outcome candidate per outcome figure (a rate, a median time, a hazard
  ratio), with its arm, measure, qualifiers, CI, p-value and time point;
- one dose candidate per dose figure, with its drug and schedule;
- otherwise one candidate for what the clause says of its therapies (option,
  recommendation, caution, description ...), one per regimen when the clause
  names alternatives ('X combined with either Y or Z').
A clause that names no therapy still gives a candidate when it speaks of
treatment in general ('the treatments aim to ...'), of prognosis, of a tool,
or holds a figure; a clause that does neither (a description of the disease)
gives none.
"""

from __future__ import annotations

import re

from . import arms as armmod
from .anaphora import ANAPHOR, COMBINATION_REF, DETERMINER, GENERIC_TREATMENT
from .candidate import Candidate, ClauseFacts, Memory
from .claimtype import Features, classify
from .combinations import find_combinations
from .figure_claims import FigureClaims, _time_point
from .figures import find_figures
from .lexicon import Lexicon, Mention
from .measures import find_measures
from .negation import polarity
from .proposals import Proposals, scan_unknown
from .sentences import clauses
from .settings import MAINTENANCE, context_of, is_prior_therapy, is_timing_anchor
from .vocabulary import Vocabulary

_RUN_IN_HEAD = re.compile(r"^[\w\s/+\-\u00a0]{1,60}\.$")
_RELIEF = re.compile(r"\b(?:reduce|relieve|ease|control|prevent|treat|manage|alleviate|palliate)\w*"
                    r"(?:\s+\w+){0,2}\s*$", re.I)
_TRIAL = re.compile(r"\b(?:trial|study|randomi[sz]ed|assigned|allocated|enrolled|compared)\b", re.I)


class ClaimBuilder(FigureClaims):
    """Builds candidates clause by clause, remembering the paragraph."""

    def __init__(self, text: str, lexicon: Lexicon, vocab: Vocabulary, props: Proposals) -> None:
        self.text = text
        self.lexicon = lexicon
        self.vocab = vocab
        self.props = props
        self.memory = Memory()
        self.known_ids = set(vocab.terms)
        self.known_labels = {lbl.lower() for labels in lexicon.labels.values() for lbl in labels}
        self._last_groups: list[tuple[tuple[str, ...], str | None]] = []

    # --- facts of a clause -------------------------------------------------

    def facts(self, start: int, end: int) -> ClauseFacts:
        text = self.text
        mentions = self.lexicon.find(text, start, end)
        all_ther = [m for m in mentions if m.category in ("therapy", "regimen")]
        prior = [m for m in all_ther if is_prior_therapy(text, m, start)]
        ther = [m for m in all_ther if not is_timing_anchor(text, m, start) and m not in prior]
        anchors = [m for m in all_ther if m not in ther and m not in prior]
        ther = sorted(ther + self._combination_references(start, end), key=lambda m: m.start)
        combos_raw = find_combinations(text, ther, self.vocab, start)
        combos = [(c.start, c.end, c.components, c.regimen) for c in combos_raw]
        for c in combos_raw:
            if c.regimen is None:
                self.props.add(text[c.start:c.end], "regimen", c.start, c.end,
                               "combination of known therapies that no regimen has",
                               components=c.components)
        groups = self._groups(ther, combos)
        effects = [e for e in scan_unknown(text, start, end, mentions, self.known_labels, self.props)
                   if not _RELIEF.search(text[max(start, e[0] - 30):e[0]])]
        for m in MAINTENANCE.finditer(text, start, end):
            self.props.add(m.group(), "context", m.start(), m.end(),
                           "maintenance: the ontology has no timing or line notation for it")
        ctx = context_of(text, start, end, mentions, self.known_ids).values
        if prior and "pretreated" in self.known_ids:
            ctx.setdefault("extent", []).append("pretreated")
        return ClauseFacts(start, end, mentions, ther, groups, combos, find_figures(text, start, end),
                           find_measures(text, start, end), ctx, effects,
                           anchors=[(m.term_id,) for m in anchors],
                           prior=[m.surface for m in prior])

    def _combination_references(self, start: int, end: int) -> list[Mention]:
        """'this doublet', 'the combination': the regimen named before, as a mention."""
        remembered = self.memory.combination
        if remembered is None or not remembered.regimen:
            return []
        return [Mention(m.start(), m.end(), m.group(), remembered.regimen, "regimen", "combination")
                for m in COMBINATION_REF.finditer(self.text, start, end)]

    def _groups(self, ther: list[Mention], combos: list[tuple[int, int, tuple[str, ...], str | None]]
                ) -> list[tuple[tuple[str, ...], str | None]]:
        """Therapy groups: one per regimen alternative, plus the loose therapies."""
        in_combo = {(m.start, m.end) for m in ther
                    if any(s <= m.start and m.end <= e for s, e, _c, _r in combos)}
        loose = []
        for m in ther:
            if (m.start, m.end) in in_combo:
                continue
            if m.category == "regimen":
                combos = combos + [(m.start, m.end, tuple(sorted(self.vocab.components(m.term_id))),
                                    m.term_id)]
            elif m.term_id not in loose:
                loose.append(m.term_id)
        groups: list[tuple[tuple[str, ...], str | None]] = []
        for _s, _e, comps, regimen in combos:
            g = ((), regimen) if regimen else (tuple(comps), None)
            if g not in groups:
                groups.append(g)
        if loose:
            groups.append((tuple(loose), None))
        return groups

    # --- one clause to candidates ------------------------------------------

    def sentence(self, start: int, end: int, paragraph: int, cites: list[str],
                 heading_disease: list[str], heading_text: str) -> list[Candidate]:
        """Candidates of a sentence, clause by clause. A sentence that names no
        therapy and opens by referring back ('These drugs ...', 'Despite these
        advancements, ...') takes the therapies of the sentence before."""
        if paragraph != self.memory.paragraph:
            self.memory.reset(paragraph)
            self.memory.disease, self.memory.disease_from = list(heading_disease), heading_text
        names_therapy = any(m.category in ("therapy", "regimen")
                            and not is_timing_anchor(self.text, m, start)
                            for m in self.lexicon.find(self.text, start, end))
        refers_back = not names_therapy and bool(ANAPHOR.match(self.text[start:end]))
        if self._run_in_head(start, end):
            return []
        out: list[Candidate] = []
        sentence_groups: list[tuple[tuple[str, ...], str | None]] = []
        for n, (a, b) in enumerate(clauses(self.text, start, end)):
            continues = n > 0 and self.text[max(start, a - 3):a].strip().endswith(";")
            if n > 0 and self._attach_statistics(out, a, b):
                continue
            made = self.clause(a, b, cites, refers_back or (continues and bool(sentence_groups)))
            out.extend(made)
            for g in self._last_groups:
                if g not in sentence_groups:
                    sentence_groups.append(g)
            if sentence_groups:
                self.memory.groups = list(sentence_groups)
        return out


    def _run_in_head(self, start: int, end: int) -> bool:
        """'Eribulin.' or 'Gemcitabine plus docetaxel.' opening a paragraph: a
        run-in heading. It gives no claim, but what follows refers to it."""
        body = self.text[start:end]
        if not _RUN_IN_HEAD.match(body) or len(body.split()) > 5:
            return False
        f = self.facts(start, end)
        if not f.therapy_mentions:
            return False
        rest = list(body)
        for m in f.therapy_mentions:
            rest[m.start - start:m.end - start] = [" "] * (m.end - m.start)
        words = re.findall(r"[A-Za-z]+", "".join(rest))
        if any(w.lower() not in ("plus", "and", "with", "or", "versus", "vs", "combined")
               for w in words):
            return False
        self._remember(f)
        self.memory.groups = list(f.groups)
        return True

    def clause(self, start: int, end: int, cites: list[str],
               refers_back: bool = False) -> list[Candidate]:
        f = self.facts(start, end)
        self._inherit(f, refers_back)
        cands = self._numeric(f)
        if not cands:
            cands = self._qualitative(f)
        elif f.groups:
            cands += self._stance_beside_figures(f)
        for c in cands:
            c.cites = list(cites)
            self._disease(c, f)
            c.figures = [fig for fig in f.figures if fig.role not in ("citation",)]
        self._remember(f)
        self._last_groups = [] if f.inherited else list(f.groups)
        return cands

    def _inherit(self, f: ClauseFacts, refers_back: bool) -> None:
        """A clause without a therapy of its own takes those of the sentence
        before when it refers back to them; a surgery named only as a time
        ('before surgery') is its therapy only when nothing else is."""
        if f.groups:
            return
        clause = self.text[f.start:f.end]
        own_generic = any(not DETERMINER.search(clause[:m.start()])
                          for m in GENERIC_TREATMENT.finditer(clause))
        if self.memory.groups and not own_generic and (refers_back or ANAPHOR.match(clause)):
            f.groups = list(self.memory.groups)
            f.inherited = True
        elif f.anchors and not own_generic:
            f.groups = [(tuple(t for a in f.anchors for t in a), None)]

    def _remember(self, f: ClauseFacts) -> None:
        arms = armmod.arm_mentions(self.text, f.start, f.end, f.therapy_mentions, f.combos,
                                   self.memory.combination)
        for a in arms:
            if a.regimen and not a.therapies:
                self.memory.combination = a
            if all(a.key != b.key for b in self.memory.arms):
                self.memory.arms.append(a)
        for _s, _e, comps, regimen in f.combos:
            self.memory.combination = armmod.Arm(_s, _e, "", () if regimen else comps, regimen)
        if f.context.get("disease") and not self.memory.disease:
            self.memory.disease = list(f.context["disease"])
            self.memory.disease_from = "an earlier sentence of the paragraph"

    def _disease(self, c: Candidate, f: ClauseFacts) -> None:
        if c.context.get("disease"):
            return
        if c.type in ("treatment-option", "recommendation", "recommendation-against",
                      "prognostic-factor", "treatment-selection") and self.memory.disease:
            c.context["disease"] = list(self.memory.disease)
            c.notes.append(f"Disease from {self.memory.disease_from}.")


    def _base(self, f: ClauseFacts, type_: str, direction: str) -> Candidate:
        c = Candidate(type_, direction, f.start, f.end)
        c.context = {k: list(v) for k, v in f.context.items()}
        c.side_effects = [m.term_id for m in f.mentions if m.category == "effect"]
        c.factors = [m.term_id for m in f.mentions if m.category == "factor"]
        tools = [m.term_id for m in f.mentions if m.category == "tool"]
        c.tool = tools[0] if tools else None
        c.unmapped = sorted({e[2] for e in f.effects})
        if f.inherited:
            c.notes.append("Therapy taken from the previous sentence (the clause refers back to it).")
        return c

    def _features(self, f: ClauseFacts, outcome: int = 0, dose: int = 0) -> Features:
        return Features(
            has_therapy=bool(f.groups), outcome_figures=outcome, dose_figures=dose,
            measures=len(f.measures), effects=len(f.effects) + sum(
                1 for m in f.mentions if m.category == "effect"),
            factors=sum(1 for m in f.mentions if m.category == "factor"),
            tools=sum(1 for m in f.mentions if m.category == "tool"),
            polarity=polarity(self.text, f.start, f.end))


    def _stance_beside_figures(self, f: ClauseFacts) -> list[Candidate]:
        """'First-line therapy includes X (response rate 30%)': besides the
        figures, the clause says that X is an option (or recommended, or not):
        that is a claim of its own, without a figure."""
        clause = self.text[f.start:f.end]
        typed = classify(clause, self._features(f))
        if typed.type not in ("treatment-option", "recommendation", "recommendation-against") \
                or typed.cues[0].startswith("default"):
            return []
        return [c for c in self._qualitative(f) if c.type == typed.type]

    # --- qualitative candidates -------------------------------------------

    def _qualitative(self, f: ClauseFacts) -> list[Candidate]:
        clause = self.text[f.start:f.end]
        feats = self._features(f)
        typed = classify(clause, feats)
        generic = GENERIC_TREATMENT.search(clause)
        speaks = (f.groups or generic or feats.factors or feats.tools or f.measures
                  or typed.type in ("trial-referral", "prognostic-factor", "prognostic-tool",
                                    "treatment-selection"))
        if not speaks:
            return []
        if not f.groups and typed.type in ("treatment-option",) and not generic:
            return []
        out = []
        for therapies, regimen in (f.groups or [((), None)]):
            c = self._base(f, typed.type, typed.direction)
            c.therapies, c.regimen = list(therapies), regimen
            c.cues = typed.cues
            if not therapies and not regimen and generic:
                c.unnamed_therapy = f'"{generic.group()}", none named in this clause'
            if f.measures and typed.type == "outcome":
                c.measure = f.measures[0].measure
            if typed.type in ("prognostic-tool", "outcome"):
                c.time_point = _time_point(f.figures)
            if _TRIAL.search(clause) and f.figures:
                c.notes.append("Trial design: its figures are listed under draft.figures.")
            c.confidence = 0.6 if therapies or regimen else 0.4
            out.append(c)
        return out
