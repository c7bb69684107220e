"""The service's JSON writer: the command line's bytes, whichever encoder writes them."""

from __future__ import annotations

import builtins
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("starlette")

from ocop.conformance import answer, generate_cases
from ocop.service import _http


def _cli(doc: Any) -> bytes:
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _stdlib_writer(monkeypatch: pytest.MonkeyPatch) -> Any:
    real = builtins.__import__

    def no_msgspec(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "msgspec":
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_msgspec)
    return _http._indented_writer()


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**30), 10**30) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(JSON)
def test_any_document_is_written_as_the_command_line_writes_it(doc: Any) -> None:
    assert _http.write_indented(doc) == _cli(doc)


def test_every_answer_of_the_kit_is_written_as_the_command_line_writes_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    docs = [answer(c["kind"], c["request"])[0] for c in generate_cases()[::7]]
    assert any("province_name" in d for d in docs)
    assert any(d.get("type") == "InvalidProductCode" for d in docs)  # an error document
    for doc in docs:
        assert _http.write_indented(doc) == _cli(doc)
    stdlib = _stdlib_writer(monkeypatch)
    assert stdlib is not _http.write_indented
    for doc in docs:
        assert stdlib(doc) == _cli(doc)
