"""The carry-over table (``ocop/advice/carry_over.json``) and what it carries in a migration."""

from __future__ import annotations

import copy
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

import ocop
from ocop.advice import migrate
from ocop.advice._carry_over import check_table, read_table
from ocop.errors import CatalogueIntegrityError, InvalidInput
from ocop.serialize import loads, migration_from_dict, migration_to_dict, rank_request_from_dict

ROOT = Path(__file__).resolve().parents[1]
OLD = ROOT / "examples" / "advice" / "dossier-honey-2024-qd148.json"
LAW = ROOT.parent / "shared" / "reference" / "laws" / "qd-26-2026.txt"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def test_every_entry_quotes_both_catalogues_and_cites_both_decisions() -> None:
    doc = read_table()
    old, new = ocop.load_ruleset("qd148-2023"), ocop.load_ruleset("qd26-2026")
    assert doc["from_rulesets"] == ["qd148-2023", "qd1489-2025"]
    assert doc["criteria"]
    assert doc["options"]
    for row in doc["criteria"]:
        for sheet in row["sheets"]:
            a = old.sheet(sheet).criterion(row["from_criterion"])
            b = new.sheet(sheet).criterion(row["to_criterion"])
            assert _nfc(row["from_title"]) == _nfc(a.title)
            assert _nfc(row["to_title"]) == _nfc(b.title)
            assert _norm(a.title).casefold() != _norm(b.title).casefold()
    for row in doc["options"]:
        for sheet in row["sheets"]:
            a = old.sheet(sheet).criterion(row["from_criterion"])
            b = new.sheet(sheet).criterion(row["to_criterion"])
            assert _nfc(row["from_label"]) == _nfc(a.option(row["from_option"]).label)
            assert _nfc(row["to_label"]) == _nfc(b.option(row["to_option"]).label)
            assert _norm(row["from_label"]) != _norm(row["to_label"])
    for row in doc["criteria"] + doc["options"]:
        assert row["reason"].strip()
        cited = {s["instrument"] for s in row["sources"]}
        assert cited == {"148/QĐ-TTg", "26/2026/QĐ-TTg"}
    check_table(doc)  # the load-time check passes on the shipped table


@pytest.mark.skipif(not LAW.exists(), reason="the decision's text is not beside the repo")
def test_the_new_texts_are_printed_in_the_decision() -> None:
    law = _norm(LAW.read_text(encoding="utf-8"))
    doc = read_table()
    texts = [r["to_title"] for r in doc["criteria"]] + [r["to_label"] for r in doc["options"]]
    assert [t for t in texts if _norm(t) not in law] == []


def _broken(change: Any) -> Any:
    doc = copy.deepcopy(read_table())
    change(doc)
    return doc


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["options"][0].update(to_label="Khác"), "not the catalogue's text"),
        (lambda d: d["options"][0].update(from_option="z"), "no criterion or option"),
        (lambda d: d["criteria"][0].update(to_criterion="99.9"), "no criterion"),
        (lambda d: d["options"].append(dict(d["options"][0])), "listed twice"),
        (lambda d: d["criteria"].append({**d["criteria"][0], "id": "x"}), "mapped twice"),
    ],
)
def test_a_broken_table_is_refused_at_load(change: Any, message: str) -> None:
    with pytest.raises(CatalogueIntegrityError, match=message):
        check_table(_broken(change))


def test_an_entry_that_repeats_the_same_wording_is_refused() -> None:
    old = ocop.load_ruleset("qd148-2023").sheet(4).criterion("1.e")
    new = ocop.load_ruleset("qd26-2026").sheet(4).criterion("1.7")
    row = {
        "id": "4:1.e/a",
        "sheets": [4],
        "from_criterion": "1.e",
        "from_option": "a",
        "to_criterion": "1.7",
        "to_option": "a",
        "from_label": old.option("a").label,
        "to_label": new.option("a").label,
        "reason": "x",
        "sources": [],
    }
    with pytest.raises(CatalogueIntegrityError, match="adds nothing"):
        check_table(_broken(lambda d: d["options"].append(row)))


def _expected_questions(old_request: ocop.RankRequest) -> dict[str, list[str]]:
    """The open questions worked out again from the two sheets and the raw table."""
    doc = read_table()
    old_sheet = ocop.load_ruleset("qd148-2023").sheet(4)
    new_sheet = ocop.load_ruleset("qd26-2026").sheet(4)
    source_of = {}
    for crit in new_sheet.criteria:
        for o in old_sheet.criteria:
            if _norm(o.title).casefold() == _norm(crit.title).casefold():
                source_of[crit.code] = o
    for row in doc["criteria"]:
        if 4 in row["sheets"]:
            source_of[row["to_criterion"]] = old_sheet.criterion(row["from_criterion"])
    listed = {
        (r["from_criterion"], r["from_option"], r["to_criterion"])
        for r in doc["options"]
        if 4 in r["sheets"]
    }
    expected: dict[str, list[str]] = {}
    before = ocop.rank_request(old_request)
    for crit in new_sheet.criteria:
        source = source_of.get(crit.code)
        for member in before.members:
            if crit.applies_if is not None:
                continue  # 5.2: open exactly when 5.1 is
            carried = False
            if source is not None:
                key = member.answers[source.code]
                label = _norm(source.option(key).label)
                carried = any(_norm(o.label) == label for o in crit.options) or (
                    (source.code, key, crit.code) in listed
                )
            if not carried:
                expected.setdefault(crit.code, []).append(member.member)
    return {k: sorted(v) for k, v in expected.items()}


def test_the_honey_dossier_carries_what_the_table_lists_and_nothing_else() -> None:
    old = rank_request_from_dict(loads(OLD.read_text(encoding="utf-8")))
    m = migrate(old)
    got = {q.criterion: sorted(q.members) for q in m.questions if q.criterion != "5.2"}
    assert got == _expected_questions(old)
    by_code = {c.criterion: c for c in m.carried}
    # 4.b 'Tổ chức phân phối' continues as 4.2 and its options (word for word) carry
    assert by_code["4.2"].mapping is not None
    assert by_code["4.2"].mapping.entry == "2,3,4:4.b"
    assert by_code["4.2"].members == 3
    assert "4.2" not in got
    # 5.a continues as 5.1, but no answer carries: a 'wording_changed' question, old answers shown
    story = next(q for q in m.questions if q.criterion == "5.1")
    assert story.reason == "wording_changed"
    assert {p.criterion for p in story.previous} == {"5.a"}
    assert "5.a" not in m.dropped
    # option entries name the members whose answers they carried
    used = {u.entry: u for c in m.carried for u in c.mapped}
    assert set(used) == {"3,4:1.b/c"}
    assert len(used["3,4:1.b/c"].members) == 2
    assert m.request.members[0].answers.get("1.3") is not None
    # without the table, 4.2 and 5.1 would be new criteria and 1.3 open for two members
    assert len(m.questions) == 19


def test_only_148_and_1489_under_26_2026_use_the_table() -> None:
    old = rank_request_from_dict(loads(OLD.read_text(encoding="utf-8")))
    same = ocop.RankRequest(
        ruleset="qd1489-2025", sheet=4, members=old.members, policy=old.policy, id=old.id
    )
    m1489 = migrate(same)
    assert m1489.carried == migrate(old).carried
    assert all(c.mapping is None and c.mapped == () for c in migrate(same, to="qd148-2023").carried)


def test_a_migration_document_names_only_real_entries() -> None:
    old = rank_request_from_dict(loads(OLD.read_text(encoding="utf-8")))
    doc = json.loads(json.dumps(migration_to_dict(migrate(old))))
    assert migration_from_dict(doc) == migrate(old)
    i = next(i for i, c in enumerate(doc["carried"]) if c["mapping"] is not None)
    doc["carried"][i]["mapping"]["reason"] = "because"
    with pytest.raises(InvalidInput, match=r"carried\[\d+\]\.mapping\.entry"):
        migration_from_dict(doc)


def test_every_listed_option_carries_to_its_new_option() -> None:
    old = ocop.load_ruleset("qd148-2023")
    for row in read_table()["options"]:
        for sheet in row["sheets"]:
            answers = {c.code: c.options[-1].key for c in old.sheet(sheet).criteria}
            answers[row["from_criterion"]] = row["from_option"]
            request = ocop.RankRequest(
                ruleset="qd148-2023",
                sheet=sheet,
                members=[ocop.MemberSheet(member="A", answers=answers)],
            )
            m = migrate(request)
            assert m.request.members[0].answers[row["to_criterion"]] == row["to_option"]
            carried = next(c for c in m.carried if c.criterion == row["to_criterion"])
            assert [(u.entry, u.members) for u in carried.mapped] == [(row["id"], ("A",))]
