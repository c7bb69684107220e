"""Reading the advisor's documents back (advice_from_dict, whatif_from_dict,
migration_from_dict): lossless round trips over generated requests, and strict refusals
naming the field path of a hand-edited or malformed document."""

from __future__ import annotations

import copy
import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import ocop
from ocop.serialize import (
    advice_from_dict,
    advice_to_dict,
    loads,
    migration_from_dict,
    migration_to_dict,
    rank_request_from_dict,
    whatif_from_dict,
    whatif_to_dict,
)
from ocop.testing import rank_requests

ROOT = Path(__file__).resolve().parents[1]
HONEY = rank_request_from_dict(
    loads((ROOT / "examples" / "rank-honey-council.json").read_text("utf-8"))
)
OLD = rank_request_from_dict(
    loads((ROOT / "examples" / "advice" / "dossier-honey-2024-qd148.json").read_text("utf-8"))
)
SLOW = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _json(doc: dict[str, Any]) -> Any:
    """The document as another program receives it: JSON text, read strictly."""
    return loads(json.dumps(doc, ensure_ascii=False))


@SLOW
@given(
    doc=rank_requests(max_members=4),
    target=st.none() | st.integers(1, 5),
    lang=st.sampled_from(["en", "vi"]),
    cost=st.none() | st.integers(0, 3),
    data=st.data(),
)
def test_advice_round_trips(
    doc: dict[str, Any], target: int | None, lang: str, cost: int | None, data: st.DataObject
) -> None:
    request = rank_request_from_dict(doc)
    codes = [
        c.code
        for c in ocop.load_ruleset(ocop.rank_request(request).ruleset).sheet(request.sheet).criteria
    ]
    fixed = data.draw(st.lists(st.sampled_from(codes), max_size=3, unique=True))
    costs = None if cost is None else ocop.Costs(default=Fraction(cost))
    try:
        advice = ocop.advise(request, target=target, costs=costs, fixed=fixed)
    except ocop.InvalidInput:  # a target below the class, say: nothing to write
        return
    except RuntimeError as exc:  # the advisor's search bound (not the documents' concern):
        # a group of criteria coupling too many choices (781's sheet 7 with its Mục 6 rows)
        assume("couple" not in str(exc))
        raise
    written = _json(advice_to_dict(advice, lang=lang))  # type: ignore[arg-type]
    read = advice_from_dict(written)
    assert read == advice
    assert _json(advice_to_dict(read, lang=lang)) == written  # type: ignore[arg-type]


@SLOW
@given(doc=rank_requests(max_members=4), lang=st.sampled_from(["en", "vi"]), data=st.data())
def test_whatif_round_trips(doc: dict[str, Any], lang: str, data: st.DataObject) -> None:
    request = rank_request_from_dict(doc)
    sheet = ocop.load_ruleset(ocop.rank_request(request).ruleset).sheet(request.sheet)
    crit = data.draw(st.sampled_from(sheet.criteria))
    option = data.draw(st.sampled_from(crit.options))
    policy = data.draw(st.none() | st.sampled_from(["majority", "all", "mean"]))
    subject = data.draw(st.sampled_from([request, ocop.rank_request(request)]))
    try:
        w = ocop.whatif(subject, answers={crit.code: option.key}, policy=policy)
    except ocop.OcopError:  # the change breaks a rule (applies_if, a case): not written
        return
    written = _json(whatif_to_dict(w, lang=lang))  # type: ignore[arg-type]
    assert whatif_from_dict(written) == w


@settings(
    max_examples=15,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(doc=rank_requests(rulesets=["qd148-2023", "qd1489-2025"], max_members=3, as_of=False))
def test_migration_round_trips(doc: dict[str, Any]) -> None:
    try:
        m = ocop.migrate(rank_request_from_dict(doc))
    except ocop.OcopError:  # a sheet with no single successor: nothing to write
        return
    assert migration_from_dict(_json(migration_to_dict(m))) == m


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_examples_round_trip(lang: Any) -> None:
    for target in (4, 5):
        advice = ocop.advise(HONEY, target=target)
        assert advice_from_dict(_json(advice_to_dict(advice, lang=lang))) == advice
    unreachable = ocop.advise(HONEY, target=5, fixed=["5.1", "6.4", "8"])
    assert advice_from_dict(_json(advice_to_dict(unreachable, lang=lang))) == unreachable
    w = ocop.whatif(HONEY, answers={"5.1": "e"})
    assert whatif_from_dict(_json(whatif_to_dict(w, lang=lang))) == w
    m = ocop.migrate(OLD)
    assert m.questions  # the example has open questions: lowest, highest and advice
    assert migration_from_dict(_json(migration_to_dict(m, lang=lang))) == m


def _advice_doc() -> dict[str, Any]:
    return _json(advice_to_dict(ocop.advise(HONEY, target=4)))  # type: ignore[no-any-return]


def _edit(doc: dict[str, Any], path: list[Any], value: Any) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    at: Any = doc
    for key in path[:-1]:
        at = at[key]
    at[path[-1]] = value
    return doc


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (["colour"], "red", "colour"),
        (["format_version"], 2, "format_version"),
        (["target"], "4", "target"),
        (["target"], 9, "target"),
        (["objective"], "cheapest", "objective"),
        (["stars_before"], 4, "stars_before"),
        (["average_before"], "74.01", "average_before"),
        (["id"], "another", "id"),
        (["before", "stars"], 4, "before.stars"),
        (["before", "members", 0, "total"], 99, "before.members[0].total"),
        (["result", "members", 1, "answers", "5.1"], "d", "result"),
        (["changes", 0, "points_exact"], "7/5", "changes[0].points_exact"),
        (["changes", 0, "points"], "1.30", "changes"),
        (["changes", 0, "members", 0, "before"], "c", "changes[0].members[0].before"),
        (["changes", 0, "members", 0, "member"], "Ai đó", "changes[0].members[0].member"),
        (["changes", 0, "members", 0, "implied"], "no", "changes[0].members[0].implied"),
        (["changes", 0, "title"], "Câu chuyện", "changes"),
        (["changes", 0, "to"], "z", "changes[0].criterion"),
        (["changes", 0, "source"], "26/2026/QĐ-TTg", "changes"),
        (["changes", 0, "minimum", "stars"], "4", "changes[0].minimum.stars"),
        (["above_needed"], "5", "above_needed"),
        (["reachable"], False, "reachable"),
        (["total_cost"], "3", "total_cost"),
        (["explanation"], ["Now 3★."], "explanation"),
        (["explanation_lang"], "fr", "explanation_lang"),
        (["fixed"], "5.1", "fixed"),
        (["reasons"], [{"code": "nope", "text": "t", "text_vi": "t"}], "reasons[0].code"),
    ],
)
def test_an_edited_advice_is_refused_naming_its_path(
    path: list[Any], value: Any, expected: str
) -> None:
    doc = _edit(_advice_doc(), path, value)
    with pytest.raises(ocop.InvalidInput) as info:
        advice_from_dict(doc)
    assert info.value.path == expected or info.value.path.startswith(expected), str(info.value)
    assert "\n" not in str(info.value)


def test_a_missing_key_and_a_non_object_are_refused() -> None:
    doc = _advice_doc()
    del doc["before"]
    with pytest.raises(ocop.InvalidInput, match="before"):
        advice_from_dict(doc)
    for reader in (advice_from_dict, whatif_from_dict, migration_from_dict):
        with pytest.raises(ocop.InvalidInput) as info:
            reader([1, 2])
        assert info.value.path == ""


def test_an_edited_whatif_is_refused() -> None:
    doc = _json(whatif_to_dict(ocop.whatif(HONEY, answers={"5.1": "e"})))
    with pytest.raises(ocop.InvalidInput) as info:
        whatif_from_dict(_edit(doc, ["request", "policy"], "all"))
    assert info.value.path == "after"  # the changed request no longer ranks as `after`
    with pytest.raises(ocop.InvalidInput) as info:
        whatif_from_dict(_edit(doc, ["differences", 0, "after"], "5★"))
    assert info.value.path == "differences"
    with pytest.raises(ocop.InvalidInput) as info:
        whatif_from_dict(_edit(doc, ["original_request", "members", 0, "answers", "9"], "zz"))
    assert info.value.path == 'original_request.members[0].answers["9"]'
    with pytest.raises(ocop.InvalidInput) as info:
        whatif_from_dict(_edit(doc, ["original_request", "members", 0, "answers", "9"], "a"))
    assert info.value.path == "before"  # another answer: `before` is not its ranking


def test_an_edited_migration_is_refused() -> None:
    doc = _json(migration_to_dict(ocop.migrate(OLD)))
    with pytest.raises(ocop.InvalidInput) as info:
        migration_from_dict(_edit(doc, ["advice", "average_before"], "1.00"))
    assert info.value.path == "advice.average_before"
    with pytest.raises(ocop.InvalidInput) as info:
        migration_from_dict(_edit(doc, ["questions", 0, "members"], "A"))
    assert info.value.path == "questions[0].members"
    with pytest.raises(ocop.InvalidInput) as info:
        migration_from_dict(_edit(doc, ["lowest"], None))
    assert info.value.path == "lowest"
    with pytest.raises(ocop.InvalidInput) as info:
        migration_from_dict(_edit(doc, ["to_sheet"], 5))
    assert info.value.path == "to_sheet"


def test_a_document_of_another_version_reads() -> None:
    doc = _advice_doc()
    doc["ocop_version"] = "0.0.1"
    doc["result"]["ocop_version"] = "0.0.1"
    assert advice_from_dict(doc) == ocop.advise(HONEY, target=4)
