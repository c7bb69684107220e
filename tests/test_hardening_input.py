"""Bad input at the boundaries: one ``OcopError`` (one line on the command line), never a
traceback, a hang or a silent coercion.

Each test is a reproducer of a defect found by hand; inputs are small, so none is slow.
"""

from __future__ import annotations

import json

import pytest

from ocop.errors import InvalidInput
from ocop.serialize import _json, error_to_dict, loads

# -- loads: the one boundary of every JSON document ---------------------------------------


@pytest.mark.parametrize(
    ("text", "path", "message"),
    [
        ('{"n": ' + "9" * 4301 + "}", "", "an integer beyond ±10\\*\\*18"),
        ('{"n": ' + "9" * 19 + "}", "n", "an integer beyond ±10\\*\\*18"),
        ('{"a": [0, -1000000000000000001]}', "a[1]", "an integer beyond ±10\\*\\*18"),
        ('{"a": {"b c": 1e400}}', 'a["b c"]', "beyond the range of floating-point"),
        ("[" * 10_000 + "]" * 10_000, "", "nested more than 64 levels deep"),
        ('{"a": ' + "[" * 64 + "]" * 64 + "}", "", "nested more than 64 levels deep"),
        ('{"members": [{"member": "A\\ud800"}]}', "members[0].member", "lone surrogate"),
        ('{"k\\udfff": 1}', '["k\\\\udfff"]', "lone surrogate"),
        ("\ufeff{}", "", "byte-order mark"),
    ],
)
def test_loads_refuses_with_one_error(text: str, path: str, message: str) -> None:
    for fast in (_json.FAST, None):
        saved = _json.FAST
        _json.FAST = fast
        try:
            with pytest.raises(InvalidInput, match=message) as caught:
                loads(text)
        finally:
            _json.FAST = saved
        assert caught.value.path == path
        doc = error_to_dict(caught.value)
        json.dumps(doc, ensure_ascii=False).encode("utf-8")  # printable: no lone surrogate


@pytest.mark.parametrize(
    "text",
    [
        "[" * 64 + "]" * 64,
        '{"n": 1000000000000000000, "m": -1000000000000000000, "x": 1e308}',
        '{"id": "123456789012345678901234567890", "emoji": "\\ud83d\\ude00"}',
        '{"text": "C:\\\\udata"}',
    ],
)
def test_loads_accepts_what_is_within_the_bounds(text: str) -> None:
    assert loads(text) == json.loads(text)


def test_loads_refuses_a_text_beyond_the_document_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_json, "MAX_DOCUMENT", 10)
    with pytest.raises(InvalidInput, match="longer than"):
        loads('{"a": "12345"}')
    assert loads("[1, 2]") == [1, 2]


def test_loads_refuses_what_is_not_text() -> None:
    with pytest.raises(InvalidInput, match="JSON text is a str"):
        loads(b"{}")  # type: ignore[arg-type]


def test_error_values_are_bounded() -> None:
    big = list(range(1000))
    doc = error_to_dict(InvalidInput("", big, "expected an object"))
    assert isinstance(doc["value"], str)
    assert len(doc["value"]) <= 201
    assert error_to_dict(InvalidInput("", "x" * 1000, "m"))["value"] == "x" * 200 + "…"
    assert error_to_dict(InvalidInput("", [1, "a"], "m"))["value"] == [1, "a"]
    assert error_to_dict(InvalidInput("", "A\ud800", "m"))["value"] == "A\\ud800"
