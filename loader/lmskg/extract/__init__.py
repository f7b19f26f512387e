"""Draft candidate claims from a plain-text document, for a curator to review.

The public entry point is :func:`lmskg.extract.draft.extract`; everything else is a
small step of the pipeline, one module per job:

    document   -> decode and check the input, SHA-256
    vocabulary -> read the curated terms (therapies, regimens, contexts, ...)
    lexicon    -> find vocabulary terms in text (case-insensitive, longest match)
    sentences  -> sentences and clauses with exact code-point offsets
    numbers    -> numbers in digits and in words
    dates      -> calendar dates
    units      -> units and their UCUM codes
    figure     -> the figure record and the matcher registry
    stat_figures, quantity_figures -> the figure matchers
    figures    -> figures of a span: matchers in order, qualifiers, time points
    measures   -> outcome measures (ORR, PFS, OS, ...)
    settings   -> clinical context (line, timing, intent, extent, disease, site)
    negation   -> NegEx-style negation and hedging cues
    combinations -> combinations of therapies mapped to vocabulary regimens
    arms       -> which arm of a comparison a figure belongs to
    citations  -> citation markers and reference-list entries
    metadata   -> title, dates, reviewer, flags of the whole document
    claimtype  -> claim type and direction from cue words
    anaphora   -> words that refer back ('it', 'the combination')
    candidate  -> the candidate, clause-facts and paragraph-memory records
    claims     -> candidate claims of a sentence, clause by clause
    figure_claims -> outcome and dose candidates (figures, arms, statistics)
    proposals  -> terms the vocabulary lacks (a vocabulary draft)
    draft      -> assemble the draft source record (and ``curated_view``)
    output     -> the draft as YAML or as rows of build/evidence.csv; written atomically
    agent      -> the extractor's name and version
    evaluate   -> compare drafts with curated claims
"""

from __future__ import annotations
