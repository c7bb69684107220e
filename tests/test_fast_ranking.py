"""The fast scorer agrees with the checked scorer, and JSON Lines with the one pipeline.

One fast path exists (see ``docs/performance.md``), inside the scoring step: a well-formed
member sheet, answered by option keys or by unambiguous points, is scored through packed
lookup tables (:func:`ocop.ranking.score.fast_member`); anything irregular goes to the
checked scorer. These tests generate councils, valid and broken in many ways, and require
the fast answers to equal the checked ones, and ``ocop rank --jsonl`` to write, line by
line, the bytes of the one pipeline (read, rank, write).
"""

from __future__ import annotations

import io
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ocop
from ocop.batch import rank_document
from ocop.errors import OcopError
from ocop.jsonl import rank_jsonl
from ocop.ranking import MinimumPolicy
from ocop.ranking.compile import compile_sheet
from ocop.ranking.score import _score_checked, fast_member, score_member
from ocop.serialize import encode_line as _ENCODE
from ocop.serialize import loads, result_to_dict

sys.path.insert(0, str(Path(__file__).parent))
from fuzz.harness import slots_of

RANKABLE = [
    (info.id, sheet.number)
    for info in ocop.list_rulesets()
    for sheet in ocop.load_ruleset(info.id).sheets
    if sheet.available
]


def _answers(ruleset: str, number: int, pick: Any) -> dict[str, str]:
    """A complete sheet: *pick(options)* chooses each option; conditions respected."""
    answers: dict[str, str] = {}
    for crit in ocop.load_ruleset(ruleset).sheet(number).criteria:
        cond = crit.applies_if
        if cond is not None and answers.get(cond.criterion) not in cond.options:
            continue
        answers[crit.code] = pick(crit.options).key
    return answers


@st.composite
def councils(draw: st.DrawFn) -> dict[str, Any]:
    ruleset, number = draw(st.sampled_from(RANKABLE))
    size = draw(st.integers(1, 11))
    members = []
    for i in range(size):
        answers = _answers(ruleset, number, lambda opts: draw(st.sampled_from(opts)))
        members.append({"member": f"Thành viên {i + 1}", "answers": answers})
    doc: dict[str, Any] = {"id": f"P{draw(st.integers(0, 999))}", "ruleset": ruleset}
    doc["sheet"] = number
    doc["policy"] = draw(st.sampled_from([p.value for p in MinimumPolicy]))
    doc["members"] = members
    return doc


def _break(doc: dict[str, Any], how: str, rnd: Any) -> str:
    """The request's JSON line, broken (or only made irregular) in one way."""
    members = doc["members"]
    victim = members[rnd.randrange(len(members))]
    answers = victim["answers"]
    code = rnd.choice(sorted(answers))
    if how in ("points", "all_points"):
        criteria = {
            c.code: c for c in ocop.load_ruleset(doc["ruleset"]).sheet(doc["sheet"]).criteria
        }
        for each in sorted(answers) if how == "all_points" else [code]:
            opts = criteria[each].options
            answers[each] = next(o.points for o in opts if o.key == answers[each])
    elif how == "bool_answer":
        answers[code] = True
    elif how == "float_answer":
        answers[code] = 1.0
    elif how == "unknown_key":
        answers[code] = "zz"
    elif how == "unknown_code":
        answers["99.9"] = "a"
    elif how == "missing":
        del answers[code]
    elif how == "duplicate_member":
        members.append(json.loads(json.dumps(members[0])))
    elif how == "colon_in_name":
        victim["member"] = "Chủ tịch: Trần Văn Bình"
    elif how == "nfd_name":
        victim["member"] = unicodedata.normalize("NFD", "Nguyễn Thị Hà")
    elif how == "blank_name":
        victim["member"] = "  "
    elif how == "extra_key":
        victim["note"] = "x"
    elif how == "flags":
        doc["flags"] = []
    elif how == "no_members":
        doc["members"] = []
    elif how == "bad_policy":
        doc["policy"] = "loud"
    elif how == "policy_list":
        doc["policy"] = ["majority"]
    elif how == "answers_list":
        victim["answers"] = list(answers)
    elif how == "unhashable_answer":
        answers[code] = ["a"]
    elif how == "id_number":
        doc["id"] = 7
    elif how == "bool_sheet":
        doc["sheet"] = True
    text = json.dumps(doc, ensure_ascii=False)
    if how == "duplicate_key":  # the same criterion twice in one object: strict JSON refuses
        text = text.replace(f'"{code}": ', f'"{code}": "a", "{code}": ', 1)
    return text


HOW = [
    "none",
    "points",
    "all_points",
    "bool_answer",
    "float_answer",
    "unknown_key",
    "unknown_code",
    "missing",
    "duplicate_member",
    "colon_in_name",
    "nfd_name",
    "blank_name",
    "extra_key",
    "flags",
    "no_members",
    "bad_policy",
    "policy_list",
    "answers_list",
    "unhashable_answer",
    "id_number",
    "bool_sheet",
    "duplicate_key",
]


def _checked(text: str, override: MinimumPolicy | None) -> dict[str, Any] | OcopError:
    try:
        doc = loads(text)
        result = rank_document(doc, policy=override)
    except OcopError as exc:
        return exc
    return result_to_dict(result, detail="summary")


@pytest.mark.parametrize(("ruleset", "number"), RANKABLE)
def test_plain_councils_take_the_fast_path(ruleset: str, number: int) -> None:
    """Not vacuous: a plain sheet, by option keys or by points, is scored fast."""
    import random

    rnd = random.Random(number)
    compiled = compile_sheet(ruleset, number)
    assert compiled.fast is not None
    criteria = {c.code: c for c in ocop.load_ruleset(ruleset).sheet(number).criteria}
    for _ in range(5):
        answers = _answers(ruleset, number, lambda o: rnd.choice(o[1:]))
        assert fast_member(compiled.fast, answers) is not None
        unique = {
            code: next(o.points for o in criteria[code].options if o.key == key)
            for code, key in answers.items()
            if [o.points for o in criteria[code].options].count(
                next(o.points for o in criteria[code].options if o.key == key)
            )
            == 1
        }
        by_points = {**answers, **unique}
        scored = fast_member(compiled.fast, by_points)
        assert scored is not None
        assert scored[2] == answers  # the answers as option keys


ENGINE_HOW = [
    "none",
    "points",
    "all_points",
    "bool_answer",
    "float_answer",
    "unknown_key",
    "unknown_code",
    "unhashable_answer",
    "missing",
]


@settings(max_examples=200, deadline=None)
@given(councils(), st.sampled_from(ENGINE_HOW), st.randoms())
def test_engine_fast_member_equals_checked(doc: dict[str, Any], how: str, rnd: Any) -> None:
    _break(doc, how, rnd)
    compiled = compile_sheet(doc["ruleset"], doc["sheet"])
    for i, raw in enumerate(doc["members"]):
        sheet = ocop.ranking.member_sheet(raw)
        try:
            expected = _score_checked(compiled, sheet, position=i, skipped_by_flags=frozenset())
        except OcopError as exc:
            with pytest.raises(type(exc), match="^" + str(exc.path).replace("[", r"\[")):
                score_member(compiled, sheet, position=i, skipped_by_flags=frozenset())
            continue
        got = score_member(compiled, sheet, position=i, skipped_by_flags=frozenset())
        assert got[0] == expected[0]
        assert got[2] == expected[2]
        marked = {m.code for m in compiled.minimums}
        assert {c: got[1][c] for c in marked} == {c: expected[1][c] for c in marked}


def _lines(n: int) -> bytes:
    """A file of requests: plain ones, broken ones, blank lines, a line that isn't JSON."""
    import random

    rnd = random.Random(7)
    out = []
    for i in range(n):
        ruleset, number = RANKABLE[i % len(RANKABLE)]
        members = [
            {"member": f"M{j}", "answers": _answers(ruleset, number, rnd.choice)}
            for j in range(rnd.randint(5, 9))
        ]
        doc = {"id": f"p{i}", "ruleset": ruleset, "sheet": number, "members": members}
        how = HOW[i % len(HOW)] if i % 3 == 0 else "none"
        out.append(_break(doc, how, rnd).encode())
        if i % 50 == 0:
            out.append(b"")
        if i % 97 == 0:
            out.append(b"{not json")
    return b"\n".join(out) + b"\n"


@pytest.mark.parametrize("detail", ["summary", "full"])
def test_rank_jsonl_equals_checked_line_by_line(detail: str) -> None:
    data = _lines(120)
    out = io.StringIO()
    summary = rank_jsonl(io.BytesIO(data), out, detail=detail)  # type: ignore[arg-type]
    written = out.getvalue().splitlines()
    lines = [(n, t) for n, t in enumerate(data.decode().splitlines(), 1) if t.strip()]
    assert len(written) == len(lines) == summary.ranked + summary.failed
    assert summary.failed > 10
    for (number, text), got in zip(lines, written, strict=True):
        expected = _checked(text, None)
        if isinstance(expected, OcopError):
            assert json.loads(got)["line"] == number
        elif detail == "summary":
            assert got == _ENCODE(expected)
        else:
            doc = loads(text)
            full = result_to_dict(rank_document(doc))
            assert got == _ENCODE(full)


@pytest.mark.parametrize("fail_fast", [False, True])
def test_jobs_give_the_same_bytes(fail_fast: bool) -> None:
    data = _lines(700)  # several blocks of 256 lines
    one, two = io.StringIO(), io.StringIO()
    s1 = rank_jsonl(io.BytesIO(data), one, fail_fast=fail_fast)
    s2 = rank_jsonl(io.BytesIO(data), two, fail_fast=fail_fast, jobs=2)
    assert one.getvalue() == two.getvalue()
    assert s1 == s2
    assert s1.stopped is fail_fast
    if not fail_fast:
        assert s1.failed_lines == sorted(s1.failed_lines)
        assert len(s1.failed_lines) == 10


def test_rank_jsonl_rejects_bad_options() -> None:
    with pytest.raises(ocop.InvalidInput, match="detail"):
        rank_jsonl(io.BytesIO(b""), io.StringIO(), detail="most")  # type: ignore[arg-type]
    with pytest.raises(ocop.InvalidInput, match="jobs"):
        rank_jsonl(io.BytesIO(b""), io.StringIO(), jobs=-1)


def test_answer_keys_equal_after_nfc_are_refused() -> None:
    nfc_key, nfd_key = "\u1ec7", unicodedata.normalize("NFD", "\u1ec7")
    assert nfc_key != nfd_key
    with pytest.raises(ocop.UnknownCriterion, match="same code after Unicode NFC") as info:
        ocop.rank(
            [{"member": "A", "answers": {nfc_key: "a", nfd_key: "b"}}], sheet=1, ruleset="qd26-2026"
        )
    assert info.value.path == "members[0].answers"
    # one spelling alone is normalised and then reported as an unknown criterion
    with pytest.raises(ocop.UnknownCriterion, match="no criterion \u1ec7"):
        ocop.rank([{"member": "A", "answers": {nfd_key: "a"}}], sheet=1, ruleset="qd26-2026")


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=6),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=6,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(councils(), st.data())
def test_any_json_in_any_place_gives_a_result_or_an_ocop_error(
    doc: dict[str, Any], data: st.DataObject
) -> None:
    """Replace one value anywhere in a request by any JSON value: the pipeline stays total."""
    slots = slots_of(doc)
    where = data.draw(st.sampled_from(slots))
    value = data.draw(JSON_VALUES)
    target = doc
    for step in where[:-1]:
        target = target[step]
    target[where[-1]] = value
    text = json.dumps(doc, ensure_ascii=False)
    expected = _checked(text, None)  # an OcopError or a document, never another exception
    assert isinstance(expected, OcopError | dict)
