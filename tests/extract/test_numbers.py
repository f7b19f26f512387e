"""Numbers in digits and in words, with exact spans."""

import pytest

from lmskg.extract.numbers import find_numbers, words_to_number


@pytest.mark.parametrize("words,value", [
    ("four hundred and fifty-two", 452), ("three hundred and nine", 309),
    ("twenty-one", 21), ("a hundred", 100), ("ten", 10), ("seventy", 70),
    ("one thousand two hundred", 1200), ("Two hundred and fifty-seven", 257),
])
def test_words_to_number(words, value):
    assert words_to_number(words) == value


def test_numbers_in_a_sentence_keep_their_spans():
    text = "Of eleven centres, 1,250 women took part; p was .03 and the dose 2.5 mg."
    found = [(text[n.start:n.end], n.value) for n in find_numbers(text)]
    assert found == [("eleven", 11), ("1,250", 1250), (".03", 0.03), ("2.5", 2.5)]


def test_word_number_before_a_hyphenated_unit():
    text = "Five-year survival and one-month follow-up."
    assert [n.value for n in find_numbers(text)] == [5, 1]


def test_digits_inside_words_and_units_are_not_numbers():
    text = "COVID19 and mg/m2 and m² are not figures"
    assert find_numbers(text) == []


def test_a_single_is_one():
    text = "It rests on a single randomised study."
    [n] = find_numbers(text)
    assert (text[n.start:n.end], n.value) == ("a single", 1)
