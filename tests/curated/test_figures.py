"""Numbers as sources write them, in digits or words of any size."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lmskg.curated.figures import appears_in, numbers_in


@pytest.mark.parametrize("text,value", [
    ("four hundred and fifty-two patients", 452),
    ("Among the three hundred and nine patients", 309),
    ("Two hundred and fifty-seven untreated patients", 257),
    ("one thousand two hundred and five", 1205),
    ("a hundred patients", 100),
    ("ten countries", 10),
    ("twenty-two", 22),
    ("800 mg once daily", 1),
    ("a single open-label study", 1),
    ("twice weekly", 2),
    ("One-year survival", 1),
    ("a difference of 5 points", -5),  # a sign is not read
])
def test_a_number_is_read(text, value):
    assert appears_in(value, text)


@pytest.mark.parametrize("text,value", [
    ("twenty-two", 20),  # the parts of a hyphenated number are not numbers of their own
    ("twenty-two", 2),
    ("four hundred and fifty-two", 450),
    ("0.02", 2),
    ("12 months", 2),
    ("anderson", 1),  # 'and' and 'a' count only inside a number
])
def test_a_number_is_not_read_where_it_is_not_written(text, value):
    assert not appears_in(value, text)


def test_words_written_apart_count_alone_and_together():
    assert {Decimal(20), Decimal(2), Decimal(22)} <= numbers_in("twenty two")
