"""One request, one pipeline: every entry point gives the same rule set, class, average and id.

The entry points are ``ocop.rank``, ``ocop.rank_request``, ``ocop.rank_many``,
``ocop rank FILE``, ``ocop rank --jsonl`` (one process and two) and ``ocop.to_frame``;
the requests include the transitional rules of 26/2026 Điều 12.2, where the rule set
depends on the filing date and the dossier's kind, and council rules (every other request
under Tây Ninh's), whose breaches must be the same on every path.
"""

from __future__ import annotations

import io
import json
import random
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import ocop
from ocop.cli import main
from ocop.jsonl import rank_jsonl
from ocop.serialize import rank_request_from_dict


def _answers(ruleset: str, sheet: int, seed: int) -> dict[str, str]:
    rnd = random.Random(seed)
    answers: dict[str, str] = {}
    for crit in ocop.load_ruleset(ruleset).sheet(sheet).criteria:
        cond = crit.applies_if
        if cond is not None and answers.get(cond.criterion) not in cond.options:
            continue
        answers[crit.code] = rnd.choice(crit.options[1:] or crit.options).key
    return answers


def _request(rules_for_answers: str, seed: int, **how: Any) -> dict[str, Any]:
    members = [
        {"member": name, "answers": _answers(rules_for_answers, 4, seed + i)}
        for i, name in enumerate(["Trần Văn Bình", "Lê Thị Hoa", "Phạm Minh Đức"])
    ]
    rules = {"council_rules": "tay-ninh"} if seed % 2 == 0 else {}
    return {"id": f"case-{seed}", **how, "sheet": 4, "members": members, **rules}


# (what the request says, the rule set that must govern it)
CASES = [
    # 26/2026 Điều 12.2.a: a first evaluation filed before 22 May 2026, evaluated in time
    ({"as_of": "2026-06-10", "filed": "2026-05-02", "kind": "first"}, "qd1489-2025"),
    # the same dossier as an upgrade, evaluated on the last day (21 July 2026)
    ({"as_of": "2026-07-21", "filed": "2026-05-02", "kind": "upgrade"}, "qd1489-2025"),
    # Điều 12.2.b: a re-ranking, after its 30 days (ended Monday 22 June 2026)
    ({"as_of": "2026-07-01", "filed": "2026-05-02", "kind": "reranking"}, "qd26-2026"),
    # a re-ranking within its 30 days
    ({"as_of": "2026-06-22", "filed": "2026-05-02", "kind": "reranking"}, "qd1489-2025"),
    # no filing date: the newest rule set in force
    ({"as_of": "2026-06-10"}, "qd26-2026"),
    ({"as_of": "2024-03-01"}, "qd148-2023"),
    ({"ruleset": "qd26-2026"}, "qd26-2026"),
]


def _breaches(breaches: list[dict[str, Any]]) -> tuple[Any, ...]:
    return tuple((b["rule"], tuple(b["members"]), b["excess"]) for b in breaches)


def _key(doc: dict[str, Any]) -> tuple[Any, ...]:
    return (
        doc["id"],
        doc["ruleset"],
        doc["stars"],
        doc["average_exact"],
        _breaches(doc["council_breaches"]),
    )


def _direct(r: ocop.RankResult) -> tuple[Any, ...]:
    breaches = tuple((b.rule, b.members, str(b.excess)) for b in r.council_breaches)
    return (r.id, r.ruleset, r.stars, str(r.average), breaches)


@pytest.fixture(scope="module")
def requests() -> list[tuple[dict[str, Any], str]]:
    return [(_request(rules, seed, **how), rules) for seed, (how, rules) in enumerate(CASES)]


def test_every_entry_point_gives_the_same_result(
    requests: list[tuple[dict[str, Any], str]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    docs = [doc for doc, _ in requests]
    expected = [rules for _, rules in requests]

    # the Python API
    direct = []
    for doc in docs:
        req = rank_request_from_dict(doc)
        result = ocop.rank(
            req.members,
            sheet=req.sheet,
            ruleset=req.ruleset,
            as_of=req.as_of,
            filed=req.filed,
            kind=req.kind,
            id=req.id,
            council_rules=req.council_rules,
        )
        assert result == ocop.rank_request(req)
        direct.append(_direct(result))
    assert [d[1] for d in direct] == expected
    assert [d[0] for d in direct] == [doc["id"] for doc in docs]

    # rank_many on documents
    many = [_direct(r) for r in ocop.rank_many(docs)]
    assert many == direct
    assert any(d[-1] for d in direct)  # some councils breach Tây Ninh's 10 points
    assert not any(d[-1] for d, doc in zip(direct, docs, strict=True) if "council_rules" not in doc)

    # ocop rank FILE, one process per request
    for doc, want in zip(docs, direct, strict=True):
        path = tmp_path / "request.json"
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        assert main(["rank", str(path)]) == 0
        assert _key(json.loads(capsys.readouterr().out)) == want

    # ocop rank --jsonl, summary and full, one and two processes
    data = "".join(json.dumps(doc, ensure_ascii=False) + "\n" for doc in docs).encode()
    for detail in ("summary", "full"):
        for jobs in (1, 2):
            out = io.StringIO()
            rank_jsonl(io.BytesIO(data), out, detail=detail, jobs=jobs)  # type: ignore[arg-type]
            assert [_key(json.loads(line)) for line in out.getvalue().splitlines()] == direct

    # to_records / to_frame, from results and from the JSON Lines output
    rows = list(ocop.to_records(ocop.rank_many(docs)))
    assert [(r["id"], r["ruleset"], r["stars"], r["average"]) for r in rows] == [
        d[:4] for d in direct
    ]
    assert [bool(r["council_breaches"]) for r in rows] == [bool(d[-1]) for d in direct]
    pytest.importorskip("pandas")
    frame = ocop.to_frame(ocop.rank_many(docs))
    assert frame["id"].tolist() == [d[0] for d in direct]
    assert frame["ruleset"].tolist() == expected
    out = io.StringIO()
    rank_jsonl(io.BytesIO(data), out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert ocop.to_frame(lines)["id"].tolist() == [d[0] for d in direct]


@pytest.mark.parametrize(
    ("changes", "path", "message"),
    [
        ({"filed": "not a date"}, "filed", "YYYY-MM-DD"),
        ({"filed": "20260502"}, "filed", "YYYY-MM-DD"),
        ({"filed": 20260502}, "filed", "YYYY-MM-DD"),
        ({"kind": "second"}, "kind", "unknown dossier kind"),
        ({"kind": 1}, "kind", "unknown dossier kind"),
        ({"filed": "2026-06-11"}, "filed", "cannot be filed after it is evaluated"),
    ],
)
def test_filing_fields_are_checked_with_as_of(
    changes: dict[str, Any], path: str, message: str
) -> None:
    doc = {**_request("qd26-2026", 1, as_of="2026-06-10", filed="2026-05-02", kind="first")}
    doc.update(changes)
    with pytest.raises(ocop.InvalidInput, match=message) as info:
        rank_request_from_dict(doc)
    assert info.value.path == path


@pytest.mark.parametrize(
    "changes", [{"filed": "2026-05-02"}, {"kind": "first"}, {"filed": "not a date"}]
)
def test_filing_fields_are_refused_with_an_explicit_ruleset(changes: dict[str, Any]) -> None:
    doc = {**_request("qd26-2026", 1, ruleset="qd26-2026"), **changes}
    with pytest.raises(ocop.InvalidInput) as info:
        rank_request_from_dict(doc)
    assert info.value.path in ("filed", "kind")


def test_the_request_type_checks_python_values() -> None:
    members = [{"member": "A", "answers": {}}]
    with pytest.raises(ocop.InvalidInput, match=r"^as_of: ") as info:
        ocop.RankRequest(sheet=1, members=members, as_of="2026-06-10")  # type: ignore[arg-type]
    assert info.value.value == "2026-06-10"
    with pytest.raises(ocop.InvalidInput, match=r"^filed: "):
        ocop.RankRequest(sheet=1, members=members, as_of=date(2026, 6, 10), filed="x")  # type: ignore[arg-type]
    with pytest.raises(ocop.InvalidInput, match=r"^ruleset: give exactly one"):
        ocop.RankRequest(sheet=1, members=members)
    with pytest.raises(ocop.InvalidInput, match=r"^flags: expected a list"):
        ocop.RankRequest(sheet=1, members=members, ruleset="qd26-2026", flags={"a": 1})  # type: ignore[arg-type]
    with pytest.raises(ocop.InvalidInput, match=r"^id: "):
        ocop.RankRequest(sheet=1, members=members, ruleset="qd26-2026", id=7)  # type: ignore[arg-type]
    with pytest.raises(ocop.InvalidInput, match=r"^sheet: "):
        ocop.RankRequest(sheet=True, members=members, ruleset="qd26-2026")
    req = ocop.RankRequest(sheet=1, members=members, ruleset="qd26-2026", id="Cà phê")
    assert "Cà phê" in repr(req)
    with pytest.raises(TypeError, match="RankRequest"):
        ocop.rank_request({"sheet": 1})  # type: ignore[arg-type]


def test_answers_by_points_and_by_key_give_the_same_result() -> None:
    sheet = ocop.load_ruleset("qd26-2026").sheet(4)
    keys = _answers("qd26-2026", 4, 3)
    points = {}
    for crit in sheet.criteria:
        if crit.code in keys:
            opt = next(o for o in crit.options if o.key == keys[crit.code])
            same = [o for o in crit.options if o.points == opt.points]
            points[crit.code] = opt.points if len(same) == 1 else opt.key
    assert any(isinstance(v, int) for v in points.values())
    by_key = ocop.rank([{"member": "A", "answers": keys}], sheet=4, ruleset="qd26-2026")
    by_points = ocop.rank([{"member": "A", "answers": points}], sheet=4, ruleset="qd26-2026")
    assert by_points == by_key
    assert by_points.members[0].answers == keys
