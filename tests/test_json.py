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
    return text


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
        if text.startswith("\ufeff"):
            reference = ("error", None)
    except json.JSONDecodeError:
        reference = ("error", None)
    except InvalidInput as exc:
        reference = ("error", (exc.path, exc.message))
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
