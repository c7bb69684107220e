"""Hardening of the Python API: every bad input is an :class:`ocop.OcopError` naming its path.

Each test reproduces a defect found by fuzzing; the outcome is a documented return or an
``OcopError`` subclass with the right ``path``, never another exception.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ocop
from ocop import calendar as cal
from ocop import procedure
from ocop.certificates import days_after, validity_end
from ocop.errors import InvalidCertificate, InvalidInput, OcopError, show
from ocop.serialize import certificate_from_dict

DT = datetime(2026, 6, 10, 12, 0)  # noqa: DTZ001 - a datetime is what is being refused
FAR = date(9999, 12, 31)


def _fails(call: Callable[[], object], path: str, kind: type[OcopError] = InvalidInput) -> str:
    with pytest.raises(OcopError) as info:
        call()
    err = info.value
    assert isinstance(err, kind), repr(err)
    assert getattr(err, "path", None) == path, str(err)
    return str(err)


# --- 1. One rule for dates ------------------------------------------------------------

DATE_ENTRIES: list[tuple[str, Callable[[Any], object], str]] = [
    ("select_ruleset", lambda d: ocop.select_ruleset(d), "evaluated"),
    ("select_ruleset filed", lambda d: ocop.select_ruleset(date(2026, 6, 10), filed=d), "filed"),
    ("ruleset_for", lambda d: ocop.ruleset_for(d), "as_of"),
    ("procedure_for", lambda d: ocop.procedure_for(d), "as_of"),
    ("procedure_for filed", lambda d: ocop.procedure_for(date(2026, 6, 1), filed=d), "filed"),
    (
        "next_step as_of",
        lambda d: ocop.next_step(as_of=d, level="province", stars=3, score=60),
        "as_of",
    ),
    ("deadline", lambda d: ocop.deadline("rerank", d), "start"),
    ("round_for", lambda d: procedure.round_for(d, "province"), "proposed"),
    ("day_deadline", lambda d: cal.day_deadline(d, 3), "start"),
    ("months_end", lambda d: cal.months_end(d, 3), "start"),
    ("days_before", lambda d: cal.days_before(d, 3), "reference"),
    ("validity_end", lambda d: validity_end(d), "issued"),
    ("in_force_on", lambda d: ocop.list_rulesets()[0].in_force_on(d), "day"),
    ("RankRequest", lambda d: ocop.RankRequest(sheet=4, members=[], as_of=d), "as_of"),
    (
        "certificate_status",
        lambda d: ocop.certificate_status(
            ocop.Certificate(issued=date(2026, 8, 5), ruleset="qd26-2026"), d
        ),
        "as_of",
    ),
    ("holidays", lambda d: cal.HolidayCalendar.explicit([d]), "holidays[0]"),
]


@pytest.mark.parametrize(("name", "call", "path"), DATE_ENTRIES, ids=[e[0] for e in DATE_ENTRIES])
@pytest.mark.parametrize("bad", [DT, "2026-06-10", 20260610, None], ids=repr)
def test_every_date_entry_refuses_datetimes_and_strings(
    name: str, call: Callable[[Any], object], path: str, bad: object
) -> None:
    if bad is None and name in {
        "select_ruleset filed",
        "procedure_for filed",
        "RankRequest",
        "next_step as_of",
    }:
        return  # optional dates: None means "not given"
    message = _fails(lambda: call(bad), path)
    assert "expected a datetime.date" in message
    if isinstance(bad, datetime):
        assert "pass its .date()" in message
    if isinstance(bad, str):
        assert "date.fromisoformat('2026-06-10')" in message


def test_certificate_dates_refuse_datetimes_with_the_certificate_error() -> None:
    _fails(lambda: ocop.Certificate(issued=DT, ruleset="qd26-2026"), "issued", InvalidCertificate)


def test_a_date_still_works_everywhere() -> None:
    assert ocop.select_ruleset(date(2026, 6, 10)).ruleset == "qd26-2026"
    assert ocop.procedure_for(date(2026, 6, 1)).id == "qd26-2026"
    assert ocop.deadline("rerank", date(2026, 6, 3)).end == date(2026, 7, 20)


# --- 2. Far dates --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "path"),
    [
        (lambda: ocop.deadline("rerank", FAR), "start"),
        (lambda: cal.day_deadline(FAR, 1), "start"),
        (lambda: cal.last_day(FAR, 1), "start"),
        (lambda: cal.working_day_deadline(FAR, 1), "start"),
        (lambda: cal.months_end(FAR, 1), "start"),
        (lambda: cal.days_before(date(1, 1, 1), 1), "reference"),
        (lambda: cal.day_deadline(date(2026, 1, 1), 10**20), "length"),
        (lambda: cal.months_end(date(2026, 1, 1), 10**20), "months"),
        (lambda: procedure.round_for(FAR, "province"), "proposed"),
        (lambda: ocop.Certificate(issued=date(9999, 1, 1), ruleset="qd26-2026"), "issued"),
        (
            lambda: certificate_from_dict(
                {"issued": "9999-01-01", "ruleset": "qd26-2026", "stars": 3}
            ),
            "issued",
        ),
    ],
)
def test_far_dates_are_an_error_naming_the_start(call: Callable[[], object], path: str) -> None:
    message = _fails(call, path)
    assert "year 9999" in message or "year 1" in message


@settings(max_examples=60, deadline=None)
@given(start=st.dates(min_value=date(9000, 1, 1)), length=st.integers(0, 10**6))
def test_day_periods_never_overflow(start: date, length: int) -> None:
    if (date.max - start).days < length:
        _fails(lambda: cal.last_day(start, length), "start")
    else:
        assert (cal.last_day(start, length) - start).days == length


# --- 3. Lengths, years, stars, sheets, model validators, error formatting -------------


@pytest.mark.parametrize("length", [1.5, -1, True, "3", None])
def test_day_lengths_are_whole_numbers(length: object) -> None:
    _fails(lambda: days_after(date(2026, 1, 1), length), "length")  # type: ignore[arg-type]
    _fails(lambda: cal.months_end(date(2026, 1, 1), length), "months")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("years", "path"),
    [("2026", "years"), (2026, "years"), ([2026, 1.5], "years[1]"), ([True], "years[0]")],
)
def test_calendar_years_are_a_list_of_ints(years: object, path: str) -> None:
    _fails(lambda: cal.HolidayCalendar.explicit([], years=years), path)  # type: ignore[arg-type]


def test_explicit_years_still_work() -> None:
    assert cal.HolidayCalendar.explicit([], years=[2026]).years == frozenset({2026})
    assert cal.HolidayCalendar.explicit([], years=range(2026, 2028)).years == {2026, 2027}


def test_show_never_raises() -> None:
    deep: list[object] = []
    cur = deep
    for _ in range(10_000):
        nxt: list[object] = []
        cur.append(nxt)
        cur = nxt

    class Broken:
        def __repr__(self) -> str:
            raise RuntimeError("no")

    for value in (10**5000, deep, "x" * 100_000, Broken(), {i: i for i in range(1000)}):
        text = show(value)
        assert len(text) < 200
    err = InvalidInput("x", 10**5000, "bad")
    assert str(err) == "x: bad"
    assert "x: bad" in repr(err)


@pytest.mark.parametrize("value", [10**5000, -(10**5000)], ids=["big", "negative"])
def test_huge_answers_and_keys_are_reported(value: int) -> None:
    _fails(
        lambda: ocop.rank(
            [{"member": "a", "answers": {"1.1": value}}], sheet=4, ruleset="qd26-2026"
        ),
        'members[0].answers["1.1"]',
    )
    with pytest.raises(OcopError) as info:
        ocop.rank([{"member": "a", "answers": {value: 1}}], sheet=4, ruleset="qd26-2026")
    assert "digits" in str(info.value)


@pytest.mark.parametrize("stars", [2.0, True, 0, 6, "3"], ids=repr)
def test_next_step_stars_are_ints(stars: object) -> None:
    _fails(
        lambda: ocop.next_step(ruleset="qd26-2026", level="province", stars=stars, score=60),  # type: ignore[arg-type]
        "stars",
    )
    _fails(
        lambda: ocop.next_step(
            as_of=date(2025, 7, 3),
            level="district",
            stars=stars,
            score=60,  # type: ignore[arg-type]
        ),
        "stars",
    )


@pytest.mark.parametrize("score", [60.0, True, "nan", "1e400", -1, 10**5000], ids=range(6))
def test_next_step_scores_are_exact(score: object) -> None:
    _fails(
        lambda: ocop.next_step(ruleset="qd26-2026", level="province", stars=3, score=score),  # type: ignore[arg-type]
        "score",
    )


def test_next_step_accepts_exact_scores() -> None:
    from fractions import Fraction

    for score in (78, Fraction(156, 2), "78", "78.0", "156/2"):
        step = ocop.next_step(ruleset="qd26-2026", level="province", stars=4, score=score)
        assert step.stars == 4
        assert type(step.stars) is int
        assert step.score == 78


@pytest.mark.parametrize("number", [True, 99, 0, "4", 4.0], ids=repr)
def test_sheet_lookup_is_an_unknown_sheet(number: object) -> None:
    rs = ocop.load_ruleset("qd26-2026")
    with pytest.raises(ocop.UnknownSheet) as info:
        rs.sheet(number)  # type: ignore[arg-type]
    assert isinstance(info.value, LookupError)
    assert info.value.path == "sheet"
    with pytest.raises(ocop.UnknownSheet):
        rs.classify(number)  # type: ignore[arg-type]
    assert rs.sheet(4).number == 4


@pytest.mark.parametrize(
    ("build", "path", "kind"),
    [
        (lambda: ocop.CouncilMember(name=""), "name", ocop.InvalidCouncil),
        (lambda: ocop.CouncilMember(name=None), "name", ocop.InvalidCouncil),
        (lambda: ocop.CouncilMember(name="A", agency=3), "agency", ocop.InvalidCouncil),
        (
            lambda: ocop.Council(level=ocop.CouncilLevel.PROVINCE, chair=None),
            "chair",
            ocop.InvalidCouncil,
        ),
        (
            lambda: ocop.Council(level="province", chair=ocop.CouncilMember(name="A")),
            "level",
            ocop.InvalidCouncil,
        ),
        (
            lambda: ocop.Council(
                level=ocop.CouncilLevel.PROVINCE, chair=ocop.CouncilMember(name="A"), members=["B"]
            ),
            "members[0]",
            ocop.InvalidCouncil,
        ),
        (
            lambda: ocop.Council(
                level=ocop.CouncilLevel.PROVINCE, chair=ocop.CouncilMember(name="A"), members="B"
            ),
            "members",
            ocop.InvalidCouncil,
        ),
        (lambda: ocop.Producer(name=" ", kind=ocop.ProducerKind.HOI), "name", InvalidInput),
        (lambda: ocop.Product(name="Mật ong", sheet=True), "sheet", InvalidInput),
        (lambda: ocop.Product(name="Mật ong", sheet=4, producer="HTX"), "producer", InvalidInput),
    ],
)
def test_model_validators_name_the_field(
    build: Callable[[], object], path: str, kind: type[OcopError]
) -> None:
    _fails(build, path, kind)


def test_check_council_still_checks_a_well_built_council() -> None:
    chair = ocop.CouncilMember(name="A")
    council = ocop.Council(level=ocop.CouncilLevel.PROVINCE, chair=chair, members=[chair])
    assert council.members == (chair,)
    check = ocop.check_council(council, ruleset="qd26-2026")
    assert not check.ok
    _fails(lambda: ocop.check_council(None, ruleset="qd26-2026"), "council")  # type: ignore[arg-type]


# --- 4. Readers check what they read --------------------------------------------------


def _full_doc() -> dict[str, Any]:
    import json

    from ocop.serialize import result_to_dict

    rs = ocop.load_ruleset("qd26-2026")
    answers = {c.code: c.options[-1].key for c in rs.sheet(4).criteria}
    sheets = [{"member": "A", "answers": answers}, {"member": "B", "answers": answers}]
    result = ocop.rank(sheets, sheet=4, ruleset="qd26-2026")
    doc: dict[str, Any] = json.loads(json.dumps(result_to_dict(result)))
    return doc


def _honey_summary() -> dict[str, Any]:
    import json
    from pathlib import Path

    from ocop.serialize import rank_request_from_dict, result_to_dict

    path = Path(__file__).resolve().parents[1] / "examples/rank-honey-council.json"
    result = ocop.rank_request(rank_request_from_dict(json.loads(path.read_text("utf-8"))))
    assert (result.stars, result.band_stars) == (3, 4)
    doc: dict[str, Any] = json.loads(json.dumps(result_to_dict(result, detail="summary")))
    return doc


def _answers(doc: dict[str, Any]) -> dict[str, Any]:
    answers: dict[str, Any] = doc["members"][0]["answers"]
    return answers


@pytest.mark.parametrize(
    ("edit", "path"),
    [
        (lambda d: d.update(status="disqualified"), "stars"),
        (lambda d: d.update(sheet=0), "sheet"),
        (lambda d: d.update(sheet=99), "sheet"),
        (lambda d: d.update(sheet=True), "sheet"),
        (lambda d: d.update(format_version=True), "format_version"),
        (lambda d: d.update(format_version=1.0), "format_version"),
        (lambda d: d.update(format_version=2), "format_version"),
        (lambda d: _answers(d).update({"99.9": "a"}), 'members[0].answers["99.9"]'),
        (lambda d: _answers(d).update({"1.1": "a"}), "members[0].total"),
    ],
)
def test_result_from_dict_refuses_inconsistent_documents(
    edit: Callable[[dict[str, Any]], None], path: str
) -> None:
    from ocop.serialize import result_from_dict

    doc = _full_doc()
    assert result_from_dict(doc).stars == 5
    edit(doc)
    _fails(lambda: result_from_dict(doc), path)


@pytest.mark.parametrize(
    ("edit", "path"),
    [
        (lambda d: d.update(stars=5), "stars"),
        (lambda d: d.update(stars=4), "stars"),
        (lambda d: d.update(band_stars=5), "band_stars"),
        (lambda d: d.update(status="disqualified"), "stars"),
        (lambda d: d.update(sheet=99), "sheet"),
        (lambda d: d["members"][0].update(total=1), "members[0].total"),
        (lambda d: d.update(format_version=1.0), "format_version"),
    ],
)
def test_to_records_refuses_inconsistent_summary_lines(
    edit: Callable[[dict[str, Any]], None], path: str
) -> None:
    doc = _honey_summary()
    assert [r["stars"] for r in ocop.to_records([doc])] == [3]
    edit(doc)
    _fails(lambda: list(ocop.to_records([doc])), path)


# --- 5. Friction ---------------------------------------------------------------------


def test_no_sheet_of_an_unverified_rule_set_claims_to_be_verified() -> None:
    for info in ocop.list_rulesets():
        rs = ocop.load_ruleset(info.id)
        if not rs.verified:
            assert not any(s.verified for s in rs.sheets), info.id
    assert all(s.verified for s in ocop.load_ruleset("qd26-2026").sheets)


@pytest.mark.parametrize("places", [1_000_000, 3, 0])
def test_a_result_document_carries_its_rule_sets_rounding(places: int) -> None:
    """An edited rounding is refused before any display value is computed with it
    (1,000,000 places ran for minutes)."""
    import json
    from pathlib import Path

    from ocop.serialize import rank_request_from_dict, result_from_dict, result_to_dict

    example = Path(__file__).resolve().parents[1] / "examples" / "rank-honey-council.json"
    request = rank_request_from_dict(json.loads(example.read_text(encoding="utf-8")))
    doc = result_to_dict(ocop.rank_request(request))
    doc["rounding"]["places"] = places
    with pytest.raises(ocop.InvalidInput, match="displays averages with 2 places") as info:
        result_from_dict(doc)
    assert info.value.path == "rounding"
    summary = result_to_dict(ocop.rank_request(request), detail="summary")
    summary["rounding"]["places"] = places
    with pytest.raises(ocop.InvalidInput, match="displays averages with 2 places"):
        list(ocop.to_records([summary]))
