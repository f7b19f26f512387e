"""Redaction: no credential survives into a message, known or only shaped like one."""

from __future__ import annotations

import base64
import json
from urllib.parse import quote

import pytest

from lmskg.net.auth import credentials_for
from lmskg.net.redact import REDACTED, redact, remember

TOKEN = "tok-Redact-8c1f/+e"
PASSWORD = "p@ss wörd-Redact"
BLOB = base64.b64encode(f"carol:{PASSWORD}".encode()).decode()


@pytest.fixture(scope="module", autouse=True)
def known():
    credentials_for("http://h/", {"LMSKG_ENDPOINT_TOKEN": TOKEN})
    credentials_for("http://h/", {"LMSKG_ENDPOINT_USER": "carol",
                                  "LMSKG_ENDPOINT_PASSWORD": PASSWORD})


@pytest.mark.parametrize("text", [
    f"token {TOKEN} refused",
    f"password={quote(PASSWORD, safe='')}",
    f'{{"password": {json.dumps(PASSWORD)}}}',
    f"b'password: {PASSWORD.encode()!r}'",
    f"credentials {BLOB} refused",
    f"credentials {BLOB.rstrip('=')} refused",
    f"carol:{PASSWORD}",
])
def test_known_credentials_in_every_form_a_server_may_echo(text):
    out = redact(text)
    assert REDACTED in out
    assert not [s for s in (TOKEN, PASSWORD, BLOB, BLOB.rstrip("="), quote(PASSWORD, safe=""))
                if s in out]


@pytest.mark.parametrize("text, expected", [
    # header lines, JSON and Python dicts: the value goes, the rest stays
    ("Host: h\nAuthorization: Bearer abc.def.ghi\nAccept: */*",
     "Host: h\nAuthorization: [redacted]\nAccept: */*"),
    ('{"authorization": "Digest username=\\"u\\", response=\\"0a\\"", "Host": "h"}',
     '{"authorization": "[redacted]", "Host": "h"}'),
    ("{'Proxy-Authorization': 'Basic dTpw', 'Host': 'h'}",
     "{'Proxy-Authorization': '[redacted]', 'Host': 'h'}"),
    # schemes, without a header name
    ("sent Bearer eyJhbGciOiJIUzI1NiJ9.e30.x, refused", "sent Bearer [redacted], refused"),
    ("sent Basic dXNlcjpwYXNzd29yZA== here", "sent Basic [redacted] here"),
    ('Digest username="u", realm="r", response="6629fae49393a05397450978507c4ef1"',
     'Digest username="u", realm="r", response="[redacted]"'),
    # URLs
    ("see https://bob:hunter2@example.org/sparql", "see https://[redacted]@example.org/sparql"),
    ("GET /sparql?query=x&access-token=abc123&x=1",
     "GET /sparql?query=x&access-token=[redacted]&x=1"),
    ("http://h/q?password=pw#f", "http://h/q?password=[redacted]#f"),
    ("endpoint http://h/q?token=a:b: refused", "endpoint http://h/q?token=[redacted]: refused"),
])
def test_what_is_shaped_like_a_credential(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize("text", [
    "Basic authentication is required",
    'WWW-Authenticate: Basic realm="store"',
    "Bearer authentication is required",
    "HTTP 401 Unauthorized: who are you?",
    "the response was slow; the key is the index",
    "Parse error: unexpected '}' at 1:12",
])
def test_ordinary_messages_are_left_alone(text):
    assert redact(text) == text


def test_redacting_twice_changes_nothing_more():
    text = "Authorization: Bearer abc.def.ghi\nHost: h"
    once = redact(text)
    folded = " ".join(once.split())  # as a message is made one line
    assert redact(folded) == folded == "Authorization: [redacted] Host: h"


def test_a_short_password_is_redacted_where_it_stands_alone():
    remember("dave", "pw1")
    assert redact("user dave, password pw1") == "user dave, password [redacted]"
    assert redact("upw1x") == "upw1x"
