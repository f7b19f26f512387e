"""Vocabulary terms in text: case-insensitive, whole words, longest match."""

from lmskg.extract.lexicon import Lexicon


def ids(lex, text):
    return [(text[m.start:m.end], m.term_id) for m in lex.find(text)]


def test_longest_match_wins(vocab):
    lex = Lexicon.from_vocabulary(vocab)
    text = "They used stereotactic body radiation therapy, not plain radiation therapy."
    assert ids(lex, text) == [("stereotactic body radiation therapy", "sbrt"),
                              ("radiation therapy", "radiation-therapy")]


def test_synonyms_and_brand_names(vocab):
    lex = Lexicon.from_vocabulary(vocab)
    text = "ADRIAMYCIN with DTIC, then chemo."
    assert ids(lex, text) == [("ADRIAMYCIN", "doxorubicin"), ("DTIC", "dacarbazine"),
                              ("chemo", "chemotherapy")]


def test_word_boundaries(vocab):
    lex = Lexicon.from_vocabulary(vocab)
    assert ids(lex, "chemotherapeutic and nonsurgery") == []


def test_short_abbreviations_match_in_capitals_only(vocab):
    lex = Lexicon.from_vocabulary(vocab)
    assert ids(lex, "uterine LMS") == [("uterine LMS", "uterine-leiomyosarcoma")]
    assert ids(lex, "sbrt and lms") == []


def test_plural_spelling_and_hyphen_variants(vocab):
    lex = Lexicon.from_vocabulary(vocab)
    text = "localised soft-tissue sarcomas after anthracycline; Anthracyclines"
    assert ids(lex, text) == [("localised", "localized"),
                              ("soft-tissue sarcomas", "soft-tissue-sarcoma"),
                              ("anthracycline", "anthracyclines"),
                              ("Anthracyclines", "anthracyclines")]


def test_generic_synonyms_only_for_terms_the_vocabulary_has(vocab):
    lex = Lexicon.from_vocabulary(vocab)
    assert ids(lex, "a complete resection") == [("complete resection", "surgical-resection")]
    assert ids(lex, "lymph node dissection") == []  # no lymphadenectomy in this vocabulary


def test_family_regimens_get_based_and_containing_forms(vocab):
    lex = Lexicon.from_vocabulary(vocab)
    text = "an anthracycline-containing regimen"
    assert ids(lex, text) == [("anthracycline-containing regimen", "anthracycline-based")]
