"""The strict JSON reader: the same documents and the same errors on every decoder path.

``ocop.serialize.loads`` reads with a plain decoder (msgspec's with the ``fast`` extra,
else the standard library's) and proves by counting that no key is repeated; the strict
decoder decides whenever the count does not prove it.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocop.errors import InvalidInput
from ocop.serialize import _json
from ocop.serialize._json import loads

VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**80), 2**80)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=12,
)

TWISTS = [
    "none",
    "duplicate",
    "colon_in_string",
    "nan",
    "huge_number",
    "lone_surrogate",
    "bom",
    "trailing",
    "deep",
    "very_deep",
    "big_integer",
    "huge_integer",
    "big_exponent",
    "surrogate_value",
    "surrogate_pair",
    "long_digits_in_string",
]


def _text(value: Any, twist: str) -> str:
    text = json.dumps(value, ensure_ascii=False)
    if twist == "duplicate" and text.startswith("{") and text != "{}":
        key = json.dumps(next(iter(value)), ensure_ascii=False)
        text = "{" + key + ": 0, " + text[1:]
    elif twist == "colon_in_string":
        text = json.dumps({"a:b": value}, ensure_ascii=False)
    elif twist == "nan":
        text = "[" + text + ", NaN]"
    elif twist == "huge_number":
        text = '{"n": 1e400, "m": ' + "9" * 40 + ", " + '"v": ' + text + "}"
    elif twist == "lone_surrogate":
        text = '{"k\\ud800": "\\udfff", "v": ' + text + "}"
    elif twist == "bom":
        text = "\ufeff" + text
    elif twist == "trailing":
        text = text + " x"
    elif twist == "deep":
        text = "[" * 64 + text + "]" * 64
    elif twist == "very_deep":
        text = "[" * 10_000 + text + "]" * 10_000
    elif twist == "big_integer":
        text = '{"v": ' + text + ', "n": [' + str(10**18 + 1) + "]}"
    elif twist == "huge_integer":
        text = '{"v": ' + text + ', "n": -' + "9" * 4301 + "}"
    elif twist == "big_exponent":
        text = "[" + text + ", 1.5e308, 2E+0400]"
    elif twist == "surrogate_value":
        text = '{"v": ' + text + ', "member": "A\\ud800"}'
    elif twist == "surrogate_pair":
        text = '{"v": ' + text + ', "member": "\\ud83d\\ude00"}'
    elif twist == "long_digits_in_string":
        text = '{"id": "' + "1" * 30 + '", "v": ' + text + "}"
    return text


def _depth(doc: Any) -> int:
    if isinstance(doc, list):
        return 1 + max(map(_depth, doc), default=0)
    if isinstance(doc, dict):
        return 1 + max(map(_depth, doc.values()), default=0)
    return 0


def _bad(doc: Any) -> bool:
    """What loads refuses beyond the standard library, found the simple way."""
    if isinstance(doc, list):
        return any(map(_bad, doc))
    if isinstance(doc, dict):
        return any(_bad(k) or _bad(v) for k, v in doc.items())
    if isinstance(doc, str):
        return any(0xD800 <= ord(ch) <= 0xDFFF for ch in doc)
    if isinstance(doc, bool):
        return False
    if isinstance(doc, int):
        return abs(doc) > 10**18
    if isinstance(doc, float):
        return doc in (float("inf"), float("-inf"))
    return False


def _read(text: str) -> tuple[str, Any]:
    try:
        return "ok", loads(text)
    except InvalidInput as exc:
        return "error", (exc.path, exc.message)


@settings(max_examples=400, deadline=None)
@given(VALUES, st.sampled_from(TWISTS))
def test_every_decoder_gives_the_same_answer(value: Any, twist: str) -> None:
    text = _text(value, twist)
    with_fast = _read(text)
    saved = _json.FAST
    try:
        _json.FAST = None
        standard = _read(text)
    finally:
        _json.FAST = saved
    assert with_fast == standard
    strict = _json._STRICT
    try:
        reference: tuple[str, Any] = ("ok", strict.decode(text.removeprefix("\ufeff")))
        if text.startswith("\ufeff") or _depth(reference[1]) > 64 or _bad(reference[1]):
            reference = ("error", None)
    except InvalidInput as exc:
        reference = ("error", (exc.path, exc.message))
    except (ValueError, RecursionError):  # not JSON, or an integer of over 4,300 digits
        reference = ("error", None)
    assert standard[0] == reference[0]
    if standard[0] == "ok":
        assert standard[1] == reference[1]


def test_a_repeated_key_is_refused_wherever_it_is() -> None:
    for text in (
        '{"a": 1, "a": 2}',
        '{"members": [{"member": "A", "answers": {"1.1": "a", "1.1": "b"}}]}',
        '{"x": {"y": {"z": 1, "z": 1}}}',
        '[{"a": [{"b": {"c": 1, "c": 2}}]}]',
    ):
        with pytest.raises(InvalidInput, match="appears twice"):
            loads(text)


def test_the_fast_extra_is_used_when_installed() -> None:
    pytest.importorskip("msgspec")
    assert _json.FAST is not None
