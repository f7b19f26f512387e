"""Bad input gives a clear error; good input its checksum."""

import hashlib

import pytest

from lmskg.extract.draft import extract
from lmskg.extract.document import decode
from lmskg.extract.errors import ExtractInputError


@pytest.mark.parametrize("data,message", [
    (b"", "empty"), (b"   \n\t ", "no text"), (b"abc\x00def", "binary"),
    (b"caf\xe9 au lait", "not valid UTF-8"), (bytes(range(1, 32)) * 4, "control characters"),
])
def test_bad_input_is_refused_with_a_reason(vocab, data, message):
    with pytest.raises(ExtractInputError, match=message):
        extract(data, "s902", vocab)


def test_checksum_is_of_the_bytes():
    data = "Doxorubicin \u2013 75\u00a0mg/m\u00b2\r\n".encode("utf-8")
    assert decode(data).sha256 == hashlib.sha256(data).hexdigest()


def test_bom_is_kept_so_offsets_count_it(vocab):
    data = "\ufeffChemotherapy is used.".encode("utf-8")
    draft = extract(data, "s903", vocab)
    [c] = draft.claims
    assert c["start"] == 1 and c["quote"] == "Chemotherapy is used."
