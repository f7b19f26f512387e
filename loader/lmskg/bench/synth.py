"""``lmskg synth``: a realistic synthetic corpus, in the project's own format, for benchmarks.

Writes ``DIR/corpus/*.txt`` (documents), ``DIR/data/`` (one curated file per source, the
project's vocabulary, synthetic references) and ``DIR/vocab/`` (the verified identifiers
the build checks mappings against), so that ``lmskg build --data DIR/data --corpus
DIR/corpus --build DIR/build`` and every other command take them as they take the real
ones. Every quote sits at its offsets; every figure is written in its quote.

What makes it realistic rather than a k-fold copy of the real graph:

- sources of every type, of 10 to 120 claims, dated over 25 years (question-and-answer
  pages date their answers one by one);
- claims of every type in the proportions of the curated corpus, about the vocabulary's
  regimens or (most statements that are not figures, as in the curated corpus) its
  therapies, in their contexts (disease, extent, line);
- figures scattered around one value per regimen and measure, so that corroborations
  arise, with a few outliers (conflicts) and a few opposite stances;
- citations to a shared pool of references (several sources citing one work), and some
  sentences copied from an earlier source (same-origin copies);
- trial reports that describe their randomised trial (two arms and their sizes) and report
  its results: each arm's median, the hazard ratio with its interval and p-value, and a
  grade 3 or higher adverse-event rate; some treatment statements say when therapy is
  given (adjuvant, neoadjuvant, postoperative);
- beside every :data:`DRAFT_EVERY`-th source, a draft of another document in
  ``data/drafts/`` as ``lmskg extract`` leaves one (unreviewed candidates, not claims of
  the graph: they are not counted in the claims asked for).

The same seed gives the same bytes. Nothing here is a fact about leiomyosarcoma: the
documents say so in their first line.
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..curated import yamlio
from ..curated.layout import DRAFTS, REFERENCES, SOURCES, VOCABULARY
from ..curate.fmt import canonical_text
from ..extract.agent import STATUS_UNREVIEWED

# Raise it when the same seed comes to write other bytes: benchmarks then write their kept
# corpora again instead of measuring an older generator's (2: therapies; 3: trials,
# timings and drafts; both 2026-11-30).
SYNTH_VERSION = 3
STAMP = "synth.json"
DISCLAIMER = "Synthetic text written by lmskg synth for benchmarks; it states no facts."
TYPES = (("review-article", 25), ("clinical-trial-report", 20), ("guideline", 10),
         ("patient-information-page", 15), ("general-article", 15),
         ("ai-generated-answer", 8), ("question-answer-compilation", 7))
CLAIM_KINDS = (("outcome", 35), ("treatment-option", 20), ("recommendation", 10),
               ("recommendation-against", 5), ("dose", 8), ("side-effect", 8),
               ("prognostic-factor", 4), ("trial-referral", 3), ("investigational", 3),
               ("therapy-description", 4))
MEASURES = (("response-rate", "%", "response rate"), ("progression-free-survival", "mo",
            "median progression-free survival"), ("overall-survival", "mo",
            "median overall survival"))
DISEASES = ("leiomyosarcoma", "uterine-leiomyosarcoma", "soft-tissue-sarcoma",
            "non-uterine-leiomyosarcoma", "retroperitoneal-leiomyosarcoma")
EXTENTS = ("advanced", "metastatic", "unresectable", "localized", "recurrent")
LINES = ("first-line", "second-line")
DOSES = (("mg/m2", 75), ("mg/m2", 900), ("g/m2", 10), ("mg/m2", 1000))
# Wording: sources rarely phrase one finding alike, so a sentence is built from several
# independent choices (an opening, a study, a verb, a closing); near-identical sentences
# then arise from copying (COPY_RATE), not from a template.
DESIGNS = ("retrospective", "prospective", "single-centre", "multicentre", "population-based",
           "registry", "phase II", "phase III", "observational", "institutional")
STUDIES = ("series", "cohort", "analysis", "study", "review", "trial", "experience")
OPENINGS = ("In {setting}", "Among patients with {setting}", "For {setting}",
            "In patients treated for {setting}", "When used for {setting}",
            "In the setting of {setting}")
GAVE = ("gave", "yielded", "was associated with", "produced", "showed", "achieved",
        "resulted in", "was followed by")
ABOUT = ("about", "approximately", "around", "roughly", "close to", "nearly")
STANCE_FOR = ("is recommended", "should be considered", "is a reasonable choice",
              "can be offered", "is an accepted option", "is often used", "is an option",
              "remains a standard choice")
STANCE_AGAINST = ("is not recommended", "should not be used", "is discouraged",
                  "is not advised", "should be avoided")
CLOSINGS = ("", "", " according to the panel", " based on {design} data",
            " in a {design} {study} of {n} patients", " after review by a sarcoma team",
            " in centre {centre}", " in {design} reports from {year}",
            " when performance status allows", " following discussion at tumour board")
# Most sentences name the study they report, as the literature does; studies are named
# like trials (synthetic acronyms) and some are cited far more often than others.
STUDY_CLOSINGS = (" in the {name} {study} of {n} patients", " ({name} {study}, {year})",
                  " as the {name} investigators reported", " in {name}, a {design} {study}",
                  " according to the {name} {study} group", " in the {name} {study}")
STUDY_RATE = 0.6
# Real prose keeps meeting new words (Heaps' law: a vocabulary of about k * n^0.6 words
# in n sentences), mostly rare ones (Zipf): names of agents, markers, places. Sentences
# carry such details, drawn from a synthetic lexicon that grows with the corpus.
DETAILS = (" in {w}-pretreated patients", " with {w} expression", " despite prior {w}",
           " after {w} failure", " in {w}-positive disease", " alongside {w} monitoring")
DETAIL_RATE = 0.7
_SYLLABLES = [c + v for c in "BDFGKLMNPRSTVZ" for v in "AEIOU"]
DRAFT_EVERY = 50
COPY_RATE = 0.03  # share of claims copied from an earlier source
OUTLIER_RATE = 0.05
CITE_RATE = 0.4
# Most statements that are not figures name therapies (drugs, surgery, radiotherapy), not a
# regimen: 115 of the 176 curated claims do. Figures stay with regimens, which pairs compare.
THERAPY_RATE = 0.6
# Some treatment statements say when therapy is given, as the curated ones do.
TIMINGS = ("adjuvant", "neoadjuvant", "postoperative")
TIMED_KINDS = ("treatment-option", "recommendation", "recommendation-against")
TIMING_RATE = 0.15
# A trial report describes its trial and reports its results (the first claims of the source):
# the two arms' medians and the hazard ratio of one sentence, and one adverse-event rate.
TRIAL_MEASURES = (("progression-free-survival", "progression-free survival"),
                  ("overall-survival", "overall survival"))
P_VALUES = ("0.001", "0.01", "0.03", "0.04", "0.2", "0.45")
GRADE_3_OR_HIGHER = ["grade-3", "grade-4", "grade-5"]
THERAPY_KINDS = ("treatment-option", "recommendation", "recommendation-against",
                 "investigational", "therapy-description", "side-effect")


@dataclass
class Vocab:
    """What synthetic claims are about: the project's own vocabulary."""

    regimens: list[dict[str, Any]]
    therapies: list[tuple[str, str]]  # (id, label) of the therapies, drugs and procedures
    labels: dict[str, str]  # context key -> label
    effects: list[str]
    factors: list[str]


@dataclass
class Doc:
    """A document being written: its text so far and its curated record."""

    sid: str
    parts: list[str] = field(default_factory=list)
    length: int = 0
    claims: list[dict[str, Any]] = field(default_factory=list)
    unclaimed: list[dict[str, Any]] = field(default_factory=list)

    def at(self, line: tuple[int, int], quote: str, after: int = 0) -> dict[str, Any]:
        """``quote`` where it first sits in the written ``line`` (from offset ``after``
        of the document on), with its offsets."""
        start = self.text.index(quote, max(line[0], after), line[1])
        return {"quote": quote, "start": start, "end": start + len(quote)}

    def add(self, text: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start, start + len(text)

    def line(self, text: str, reason: str | None = None) -> tuple[int, int]:
        start, end = self.add(text)
        self.add("\n")
        if reason:
            self.unclaimed.append({"quote": text, "start": start, "end": end, "reason": reason})
        return start, end

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([k for k, _ in weighted], [w for _, w in weighted])[0]


def _vocab(data_dir: Path) -> Vocab:
    regimens = yamlio.load(data_dir / "vocabulary" / "regimens.yaml") or []
    contexts = yamlio.load(data_dir / "vocabulary" / "contexts.yaml") or []
    effects = yamlio.load(data_dir / "vocabulary" / "effects.yaml") or []
    factors = yamlio.load(data_dir / "vocabulary" / "factors.yaml") or []
    therapies = yamlio.load(data_dir / "vocabulary" / "therapies.yaml") or []
    usable = [r for r in regimens if r["kind"] in ("single-agent", "combination", "family")]
    return Vocab(usable, [(t["id"], t["label"]) for t in therapies],
                 {c["id"]: c["label"] for c in contexts},
                 [e["id"] for e in effects], [f["id"] for f in factors])


class Writer:
    """Writes one synthetic source after another, remembering what copies may repeat."""

    def __init__(self, rng: random.Random, vocab: Vocab, n_refs: int, n_studies: int = 100,
                 lexicon_size: int = 1000):
        self.rng = rng
        self.lexicon_size = lexicon_size
        self.lexicon: dict[int, str] = {}
        self.studies = sorted({"".join(rng.sample(_SYLLABLES, rng.randint(2, 3)))
                               + f"-{rng.randint(1, 12)}" for _ in range(n_studies)})
        rng.shuffle(self.studies)
        self.vocab = vocab
        self.n_refs = n_refs
        self.truth: dict[tuple[str, str], float] = {}
        self.earlier: list[tuple[str, dict[str, Any]]] = []  # sentence, claim fields

    def _truth(self, regimen: str, measure: str, unit: str) -> float:
        key = (regimen, measure)
        if key not in self.truth:
            self.truth[key] = (self.rng.randint(15, 60) if unit == "%" else
                               self.rng.randint(3, 24))
        return self.truth[key]

    def _context(self) -> dict[str, list[str]]:
        rng, ctx = self.rng, {}
        if rng.random() < 0.8:
            ctx["disease"] = [rng.choice(DISEASES)]
        if rng.random() < 0.6:
            ctx["extent"] = [rng.choice(EXTENTS)]
        if rng.random() < 0.4:
            ctx["line"] = [rng.choice(LINES)]
        return ctx

    def _setting(self, ctx: dict[str, list[str]]) -> str:
        words = list(ctx.get("timing", ()))
        if "line" in ctx:
            words.append(ctx["line"][0])
        for kind in ("extent", "disease"):
            if kind in ctx:
                words.append(self.vocab.labels[ctx[kind][0]])
        return " ".join(words) or "this setting"

    def _word(self) -> str:
        """A word of the synthetic lexicon: word k, for k drawn with Zipf-like skew."""
        k = int(self.lexicon_size * self.rng.random() ** 3)
        word = self.lexicon.get(k)
        if word is None:
            word = self.lexicon[k] = "".join(self.rng.choice(_SYLLABLES) for _ in range(3)) \
                .lower() + f"{k % 7 and 'ine' or 'ab'}"
        return word

    def _closing(self) -> str:
        rng = self.rng
        pool = STUDY_CLOSINGS if rng.random() < STUDY_RATE else CLOSINGS
        name = self.studies[int(len(self.studies) * rng.random() ** 2)]  # a few often
        detail = rng.choice(DETAILS).format(w=self._word()) if rng.random() < DETAIL_RATE \
            else ""
        return detail + rng.choice(pool).format(design=rng.choice(DESIGNS), study=rng.choice(STUDIES),
                                       n=rng.randint(12, 640), centre=rng.randint(1, 400),
                                       year=rng.randint(1995, 2025), name=name)

    def sentence(self, kind: str) -> tuple[str, dict[str, Any]]:
        """One sentence and the claim fields it supports (quote = the whole sentence)."""
        rng = self.rng
        if self.earlier and rng.random() < COPY_RATE:
            return rng.choice(self.earlier)
        regimen = rng.choice(self.vocab.regimens)
        name = regimen["label"]
        therapies: list[tuple[str, str]] = []
        if kind in THERAPY_KINDS and self.vocab.therapies and rng.random() < THERAPY_RATE:
            therapies = rng.sample(self.vocab.therapies, rng.choice((1, 1, 2)))
            name = " and ".join(label for _, label in therapies)
        ctx = self._context()
        if kind in TIMED_KINDS and rng.random() < TIMING_RATE:
            ctx["timing"] = [rng.choice(TIMINGS)]
        fields: dict[str, Any] = {"type": kind, "regimen": regimen["id"], **ctx}
        setting = self._setting(ctx)
        opening = rng.choice(OPENINGS).format(setting=setting)
        closing = self._closing()
        if kind == "outcome":
            measure, unit, label = rng.choice(MEASURES)
            base = self._truth(regimen["id"], measure, unit)
            value = base * (rng.choice((0.4, 2.0)) if rng.random() < OUTLIER_RATE else
                            rng.uniform(0.92, 1.08))
            value = max(1, min(99, round(value))) if unit == "%" else max(1, round(value, 1))
            shown = f"{value:g}"
            words = f"{shown}%" if unit == "%" else f"{shown} months"
            text = f"{opening}, {name} {rng.choice(GAVE)} a {label} of {rng.choice(ABOUT)} " \
                   f"{words}{closing}."
            fields.update(direction="neutral", measure=measure, value=value, unit=unit,
                          qualifiers=["approximate"] + (["median"] if unit == "mo" else []))
        elif kind == "dose":
            unit, dose = rng.choice(DOSES)
            text = f"{name.capitalize()} is given at {dose} {unit} per cycle in {setting}" \
                   f"{closing}."
            fields.update(direction="neutral", value=dose, unit=unit)
        elif kind == "side-effect" and self.vocab.effects:
            effect = rng.choice(self.vocab.effects)
            text = f"{name.capitalize()} can cause {effect.replace('-', ' ')}{closing}."
            fields = {"type": kind, "regimen": regimen["id"], "direction": "neutral",
                      "side_effects": [effect]}
        elif kind == "prognostic-factor" and self.vocab.factors:
            factor = rng.choice(self.vocab.factors)
            text = f"{opening}, outcomes depend on {factor.replace('-', ' ')}{closing}."
            fields = {"type": kind, "direction": "neutral", "factors": [factor], **ctx}
        elif kind == "recommendation-against":
            text = f"{opening}, {name} {rng.choice(STANCE_AGAINST)}{closing}."
            fields.update(direction="against")
        elif kind == "trial-referral":
            text = f"Patients with {setting} may be referred to clinical trials{closing}."
            fields = {"type": kind, "direction": "for", **ctx}
        elif kind == "investigational":
            text = f"{opening}, {name} is still under investigation{closing}."
            fields.update(direction="for")
        elif kind == "therapy-description":
            text = f"{name.capitalize()} is a treatment used in sarcoma{closing}."
            fields = {"type": kind, "regimen": regimen["id"], "direction": "neutral"}
        else:  # treatment options and recommendations; an opposite stance now and then
            fields.update(type=kind if kind in ("recommendation", "treatment-option")
                          else "treatment-option", direction="for")
            text = f"{opening}, {name} {rng.choice(STANCE_FOR)}{closing}."
        if therapies and "regimen" in fields:  # named as therapies, not as a regimen
            del fields["regimen"]
            fields["therapies"] = [tid for tid, _ in therapies]
        self.earlier.append((text, fields))
        if len(self.earlier) > 5000:
            del self.earlier[:1000]
        return text, fields

    def trial(self, doc: Doc, sid: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """A randomised trial of two arms, written into ``doc``: its study record and the
        claims that report its results (without ids)."""
        rng = self.rng
        name = self.studies[int(len(self.studies) * rng.random() ** 2)]
        exp, ctl = rng.sample(self.vocab.regimens, 2)
        a, b = exp["label"], ctl["label"]
        n1 = rng.randint(20, 300)
        n2 = n1 + rng.randint(-3, 3)
        phase = rng.choice((2, 3))
        intro = doc.line(f"The {name} trial was a randomised phase {phase} trial in which "
                         f"{n1 + n2} patients were randomised 1:1 to {a} or to {b}; {n1} "
                         f"received {a} and {n2} received {b}.")

        labels = dict(self.vocab.therapies)

        def passage(quote: str, after: int = 0) -> dict[str, Any]:
            return doc.at(intro, quote, after)

        def arm(key: str, regimen: dict[str, Any], said: str, n: int) -> dict[str, Any]:
            where = passage(said)  # each component the arm's words name is administered
            given = [{"key": c, "agent": c, **passage(labels[c], where["start"])}
                     for c in regimen.get("components", ())
                     if c in labels and labels[c] in regimen["label"]]
            return {"key": key, "label": regimen["label"], "regimen": regimen["id"], **where,
                    "size": {"value": n, **passage(f"{n} received {regimen['label']}")},
                    **({"administrations": given} if given else {})}

        study = {"id": f"{sid}-{name.lower()}", "label": f"the {name} trial",
                 **passage(f"The {name} trial"),
                 "design": [{"value": "randomised", **passage(f"randomised phase {phase} trial")}],
                 "phase": {"value": f"phase-{phase}", **passage(f"phase {phase}")},
                 "randomised": {"value": n1 + n2,
                                **passage(f"{n1 + n2} patients were randomised")},
                 "allocation_ratio": {"value": "1:1", "arms": ["experimental", "control"],
                                      **passage("randomised 1:1")},
                 "arms": [arm("experimental", exp, f"to {a}", n1),
                          arm("control", ctl, f"or to {b}", n2)]}
        measure, label = rng.choice(TRIAL_MEASURES)
        m1, m2 = (max(1, round(self._truth(r["id"], measure, "mo") * rng.uniform(0.9, 1.1), 1))
                  for r in (exp, ctl))
        hr = max(0.2, min(3.0, round(m2 / m1, 2)))
        low, high, p = round(hr * 0.75, 2), round(hr * 1.3, 2), rng.choice(P_VALUES)
        text = (f"Median {label} was {m1:g} months with {a} and {m2:g} months with {b} "
                f"(HR {hr:g}; 95% CI {low:g}-{high:g}; p={p}).")
        results = doc.at(doc.line(text), text)
        trial = {"study": study["id"], "direction": "neutral"}
        claims = [{"type": "arm-result", **results, **trial, "measure": measure, "value": m,
                   "unit": "mo", "qualifiers": ["median"], "arm": key}
                  for m, key in ((m1, "experimental"), (m2, "control"))]
        claims.append({"type": "comparative-result", **results, **trial, "measure": measure,
                       "value": hr, "unit": "1", "arm": "experimental",
                       "comparator_arm": "control", "effect_measure": "hazard-ratio",
                       "ci_low": low, "ci_high": high, "ci_level": 95, "p_value": float(p),
                       "p_relation": "="})
        if self.vocab.effects:
            effect = rng.choice(self.vocab.effects)
            k = rng.randint(1, max(1, n1 // 4))
            text = f"Grade 3 or higher {effect.replace('-', ' ')} occurred in {k}/{n1} with {a}."
            claims.append({"type": "adverse-event-rate", **doc.at(doc.line(text), text),
                           **trial, "side_effects": [effect], "arm": "experimental",
                           "numerator": k, "denominator": n1, "grades": GRADE_3_OR_HIGHER})
        return study, claims

    def source(self, sid: str, n_claims: int) -> tuple[str, dict[str, Any]]:
        """The text and curated record of one source."""
        rng, doc = self.rng, Doc(sid)
        stype = _pick(rng, TYPES)
        title = f"Synthetic {stype.replace('-', ' ')} {sid}"
        t0, t1 = doc.line(title)
        doc.line(DISCLAIMER, "disclaimer of the synthetic corpus")
        record: dict[str, Any] = {"id": sid, "file": f"{sid}.txt", "sha256": "", "type": stype,
                                  "title": {"quote": title, "start": t0, "end": t1}}
        year = rng.randint(2000, 2025)
        dated_answers = stype == "question-answer-compilation"
        if not dated_answers:
            kind = rng.choice(("published", "last-updated", "medically-reviewed"))
            text = f"{kind.replace('-', ' ').capitalize()}: {year}-{rng.randint(1, 12):02d}-" \
                   f"{rng.randint(1, 28):02d}"
            d0, d1 = doc.line(text)
            record["dates"] = [{"kind": kind, "value": text.split(": ")[1], "quote": text,
                                "start": d0, "end": d1}]
        if stype == "clinical-trial-report" and len(self.vocab.regimens) >= 2:
            study, results = self.trial(doc, sid)
            record["studies"] = [study]
            doc.claims.extend({"id": f"{sid}-c{i + 1:03d}", **c} for i, c in enumerate(results))
        refs: dict[str, int] = {}
        for i in range(len(doc.claims), n_claims):
            if i % 12 == 0:
                doc.line(f"Section {i // 12 + 1}", "heading")
            kind = _pick(rng, CLAIM_KINDS)
            text, fields = self.sentence(kind)
            start, end = doc.add(text)
            claim: dict[str, Any] = {"id": f"{sid}-c{i + 1:03d}", **fields, "quote": text,
                                     "start": start, "end": end}
            if dated_answers:
                day = f"{rng.randint(year - 5, year)}-{rng.randint(1, 12):02d}-" \
                      f"{rng.randint(1, 28):02d}"
                d0, _ = doc.add(f" (answered {day})")
                at = d0 + len(" (answered ")
                claim["date"] = {"value": day, "quote": day, "start": at, "end": at + len(day)}
            if rng.random() < CITE_RATE:
                ref = f"synth-ref-{rng.randint(1, self.n_refs):05d}"
                marker = str(refs.setdefault(ref, len(refs) + 1))
                doc.add(f" [{marker}]")
                claim["cites"] = [marker]
            doc.add("\n")
            doc.claims.append(claim)
        citations = []
        if refs:
            doc.line("References", "heading of the reference list")
            for ref, n in refs.items():
                entry = f"[{n}] {ref.replace('-', ' ').title()}, Synthetic Journal."
                e0, e1 = doc.line(entry)
                citations.append({"marker": str(n), "reference": ref, "mapping": "stated",
                                  "cited_as": {"quote": entry, "start": e0, "end": e1}})
        text = doc.text
        record.update(sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                      citations=citations, unclaimed=doc.unclaimed, claims=doc.claims)
        return text, record


def _references(n_refs: int) -> list[dict[str, Any]]:
    return [{"id": f"synth-ref-{i:05d}", "type": "research-article",
             "title": f"Synth Ref {i:05d}", "journal": "Synthetic Journal",
             "date": str(2000 + i % 25)} for i in range(1, n_refs + 1)]


def stamp(claims: int, seed: int, repo_data: Path) -> dict:
    """What ``DIR/synth.json`` says of a finished corpus: asked again with the same
    figures and the same vocabulary (``repo_data``'s, which claims are about), this
    version of synth writes the same bytes."""
    digest = hashlib.sha256()
    for path in sorted((repo_data / VOCABULARY).glob("*.yaml")):
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return {"claims": claims, "seed": seed, "synth_version": SYNTH_VERSION,
            "vocabulary_sha256": digest.hexdigest()}


def is_written(out: Path, claims: int, seed: int, repo_data: Path) -> bool:
    """Whether ``out`` holds a whole corpus this version of synth writes for these figures
    and this vocabulary (a killed run, another seed, an edited vocabulary or an older
    generator leave none)."""
    try:
        return json.loads((out / STAMP).read_text(encoding="utf-8")) == \
            stamp(claims, seed, repo_data)
    except (OSError, ValueError):
        return False


def synthesize(out: Path, claims: int, seed: int, repo_data: Path, shared_vocab: Path) -> dict:
    """Write a corpus of about ``claims`` claims under ``out``, its stamp last; a summary."""
    (out / STAMP).unlink(missing_ok=True)
    rng = random.Random(seed)
    corpus, data = out / "corpus", out / "data"
    for d in (corpus, data / SOURCES, data / DRAFTS, out / "vocab"):
        if d.exists():
            shutil.rmtree(d)
        d.mkdir(parents=True)
    shutil.copytree(repo_data / VOCABULARY, data / VOCABULARY, dirs_exist_ok=True)
    for name in ("crosswalk.csv", "references.csv"):
        shutil.copyfile(shared_vocab / name, out / "vocab" / name)
    n_refs = max(10, claims // 50)
    (data / REFERENCES).write_text(canonical_text(REFERENCES, "", _references(n_refs)),
                                   encoding="utf-8")
    writer = Writer(rng, _vocab(repo_data), n_refs, n_studies=max(20, claims // 20),
                    lexicon_size=int(40 * claims ** 0.6))
    written, n, drafts = 0, 0, 0
    while written < claims:
        n += 1
        size = min(claims - written, max(10, min(120, round(rng.gauss(50, 15)))))
        sid = f"x{n:06d}"
        text, record = writer.source(sid, size)
        (corpus / f"{sid}.txt").write_text(text, encoding="utf-8")
        rel = f"{SOURCES}/{sid}.yaml"
        (data / rel).write_text(canonical_text(rel, "", record), encoding="utf-8")
        written += size
        if n % DRAFT_EVERY == 0:
            did = f"d{n:06d}"
            text, record = writer.source(did, size)
            (corpus / f"{did}.txt").write_text(text, encoding="utf-8")
            (data / DRAFTS / f"{did}.yaml").write_text(yamlio.dump(drafted(record)),
                                                       encoding="utf-8")
            drafts += 1
    (out / STAMP).write_text(json.dumps(stamp(claims, seed, repo_data), sort_keys=True)
                             + "\n", encoding="utf-8")
    return {"claims": written, "sources": n, "drafts": drafts, "references": n_refs,
            "seed": seed}


def drafted(record: dict[str, Any]) -> dict[str, Any]:
    """A source record as a draft of ``lmskg extract``: the source and every claim
    marked unreviewed, with the software that drafted them."""
    mark = {"status": STATUS_UNREVIEWED, "extractor": "lmskg synth",
            "version": str(SYNTH_VERSION)}
    return {**record, "draft": mark,
            "claims": [{**claim, "draft": dict(mark)} for claim in record["claims"]]}
