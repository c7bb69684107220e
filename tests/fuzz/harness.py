"""Mutate valid documents (from :mod:`ocop.testing`) and require a result or an OcopError.

Targets: the rank request, the rank result, the certificate and the council documents,
each read by its reader after :func:`ocop.serialize.loads`. For rank requests the fast
scorer is compared with the checked one, and ``ocop rank --jsonl`` with the one pipeline.
"""

from __future__ import annotations

import collections
import copy
import io
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

import ocop
from ocop.batch import rank_document
from ocop.errors import OcopError
from ocop.jsonl import rank_jsonl
from ocop.ranking.compile import compile_sheet
from ocop.ranking.score import _score_checked, score_member
from ocop.serialize import (
    certificate_from_dict,
    council_from_dict,
    encode_line,
    loads,
    rank_request_from_dict,
    result_from_dict,
    result_to_dict,
)
from ocop.testing import rank_requests

ROOT = Path(__file__).resolve().parents[2]

JUNK_STRINGS = ["", " ", "\x00", "\u200f", "\ufeff", "9" * 400, "x" * 5000, "1.1", "a", "null"]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.sampled_from([10**400, -1, 0, 1, 2, 3, 4, 5, 6]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(JUNK_STRINGS),
    st.text(max_size=8),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=5,
)


def slots_of(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON value (dict keys and list indexes), the root excluded."""
    out: list[tuple[Any, ...]] = []
    if isinstance(value, dict):
        for key, sub in value.items():
            out.append((*path, key))
            out.extend(slots_of(sub, (*path, key)))
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            out.append((*path, i))
            out.extend(slots_of(sub, (*path, i)))
    return out


@st.composite
def mutated(draw: st.DrawFn, base: st.SearchStrategy[Any]) -> str:
    """A valid document from *base*, mutated 1 to 3 times, as JSON text (sometimes made
    non-standard: NaN, a repeated key, a truncated text)."""
    doc = copy.deepcopy(draw(base))
    for _ in range(draw(st.integers(1, 3))):
        slots = slots_of(doc)
        if not slots:
            break
        where = draw(st.sampled_from(slots))
        parent = doc
        for step in where[:-1]:
            parent = parent[step]
        last = where[-1]
        how = draw(st.sampled_from(["replace", "delete", "duplicate", "type", "rename", "junk"]))
        if how == "replace":
            parent[last] = draw(VALUES)
        elif how == "delete":
            del parent[last]
        elif how == "duplicate":
            if isinstance(parent, list):
                parent.insert(last, copy.deepcopy(parent[last]))
            else:
                parent[f"{last}_"] = copy.deepcopy(parent[last])
        elif how == "type":
            value = parent[last]
            parent[last] = (
                ([value] if not isinstance(value, list) else {"0": value})
                if draw(st.booleans())
                else str(value)
            )
        elif how == "rename" and isinstance(parent, dict):
            parent[draw(st.sampled_from(JUNK_STRINGS))] = parent.pop(last)
        else:
            parent[last] = draw(st.sampled_from(JUNK_STRINGS))
    text = json.dumps(doc, ensure_ascii=draw(st.booleans()))
    finish = draw(st.sampled_from(["none"] * 6 + ["nan", "dupkey", "truncate", "bom"]))
    if finish == "nan":
        text = text.replace("1", "NaN", 1)
    elif finish == "dupkey" and text.startswith("{") and len(text) > 2:
        text = '{"sheet": 1, ' + text[1:]
    elif finish == "truncate":
        text = text[: draw(st.integers(0, len(text)))]
    elif finish == "bom":
        text = "\ufeff" + text
    return text


def _result_docs() -> st.SearchStrategy[dict[str, Any]]:
    def full(doc: dict[str, Any]) -> dict[str, Any]:
        return result_to_dict(rank_document(doc))

    return rank_requests(max_members=3).map(full)


def _fixed(name: str) -> st.SearchStrategy[Any]:
    return st.just(loads((ROOT / "examples" / name).read_text("utf-8")))


def _council_docs() -> st.SearchStrategy[Any]:
    return _fixed("council-province.json")


def _certificate_docs() -> st.SearchStrategy[Any]:
    return _fixed("certificate-lam-dong.json")


TARGETS: dict[str, tuple[Callable[[], st.SearchStrategy[Any]], Callable[[Any], Any]]] = {
    "rank-request": (lambda: rank_requests(max_members=4), rank_request_from_dict),
    "rank-result": (_result_docs, result_from_dict),
    "certificate": (_certificate_docs, certificate_from_dict),
    "council": (_council_docs, council_from_dict),
}

#: Outcomes, by target: "ok", the OcopError class names, "BUG <class>" for anything else.
STATS: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
BUGS: list[tuple[str, str, str]] = []


def read(target: str, text: str) -> Any:
    """Read *text* as the target's document: the value, or the OcopError raised."""
    reader = TARGETS[target][1]
    try:
        value = reader(loads(text))
    except OcopError as exc:
        STATS[target][type(exc).__name__] += 1
        return exc
    except Exception as exc:  # a bug: counted, reported, and re-raised
        STATS[target][f"BUG {type(exc).__name__}"] += 1
        BUGS.append((target, text[:300], f"{type(exc).__name__}: {exc}"[:300]))
        raise
    STATS[target]["ok"] += 1
    return value


def check_rank_request(text: str) -> None:
    """The request reads and ranks or raises an OcopError; fast and checked scorers agree;
    the JSON Lines output of the line equals the one pipeline's."""
    request = read("rank-request", text)
    if isinstance(request, OcopError):
        return
    try:
        expected: Any = result_to_dict(rank_document(request), detail="summary")
    except OcopError as exc:
        expected = exc
        STATS["rank-request"][f"rank {type(exc).__name__}"] += 1
    try:
        ruleset = (
            request.ruleset
            or ocop.select_ruleset(request.as_of, filed=request.filed, kind=request.kind).ruleset
        )
        compiled = compile_sheet(ruleset, request.sheet)
    except OcopError:
        compiled = None
    if compiled is not None:
        for i, sheet in enumerate(request.members):
            try:
                want = _score_checked(compiled, sheet, position=i, skipped_by_flags=frozenset())
            except OcopError as exc:
                try:
                    score_member(compiled, sheet, position=i, skipped_by_flags=frozenset())
                except OcopError as got:
                    if type(got) is not type(exc) or got.path != exc.path:
                        raise AssertionError(f"scorers disagree: {got!r} vs {exc!r}") from None
                else:
                    raise AssertionError(
                        f"fast scorer accepted what the checked one refused: {exc}"
                    )
                continue
            got = score_member(compiled, sheet, position=i, skipped_by_flags=frozenset())
            assert got[0] == want[0]
    line = text.replace("\n", " ").replace("\r", " ").replace("\u2028", " ").replace("\u2029", " ")
    if not line.strip():
        return
    out = io.StringIO()
    rank_jsonl(io.BytesIO(line.encode("utf-8", "surrogatepass") + b"\n"), out)
    written = out.getvalue()
    if isinstance(expected, OcopError):
        assert json.loads(written)["line"] == 1
    else:
        assert written.rstrip("\n") == encode_line(expected).rstrip("\n")


def check(target: str, text: str) -> None:
    if target == "rank-request":
        check_rank_request(text)
    else:
        read(target, text)


def report() -> str:
    lines = []
    for target, counts in sorted(STATS.items()):
        total = sum(v for k, v in counts.items() if not k.startswith("rank "))
        lines.append(f"{target}: {total} inputs")
        for outcome, n in counts.most_common():
            lines.append(f"    {outcome:<28} {n}")
    for target, text, error in BUGS:
        lines.append(f"NOT AN OcopError ({target}): {error}\n    input: {text!r}")
    return "\n".join(lines)


def finite(x: float) -> bool:  # pragma: no cover - kept for the atheris targets
    return not (math.isnan(x) or math.isinf(x))
