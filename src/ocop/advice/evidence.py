"""The evidence a dossier attaches for a criterion, where Phụ lục III of 26/2026 lists it.

Mẫu số 02 (*Báo cáo tự đánh giá về sản phẩm*), Phần III, lists the evidence (*tài liệu
minh chứng*) by topic (*Nội dung*) with its requirement (*Yêu cầu*), not by criterion.
``evidence.json`` beside this module copies those rows and names, for each, the criterion
titles the library attaches it to, with the basis of that reading (word-for-word titles,
or the library's reading where the topic and the title differ). A criterion whose title
is not listed gets no evidence: :func:`evidence_for` returns ``None`` rather than a guess.

>>> ev = evidence_for("qd26-2026", "Sở hữu trí tuệ")
>>> ev.topic, str(ev.source)
('Sở hữu trí tuệ', '26/2026/QĐ-TTg, Phụ lục III, Mẫu số 02, Phần III, dòng 7')
>>> evidence_for("qd26-2026", "Vị") is None
True
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources

import attrs

from ocop._source import Source
from ocop._text import nfc

__all__ = ["Evidence", "evidence_for", "normalise"]


@attrs.frozen(kw_only=True)
class Evidence:
    """A row of Mẫu số 02, Phần III: the topic, what the dossier attaches, and why the
    library attaches it to this criterion (``basis``)."""

    topic: str
    requirement: str
    basis: str
    source: Source


def normalise(text: str) -> str:
    """*text* for comparing wording: NFC, runs of white space as one space, trimmed."""
    return re.sub(r"\s+", " ", nfc(text)).strip()


def _title_key(title: str) -> str:
    return normalise(title.split("(")[0]).casefold()


@functools.cache
def _table() -> tuple[str, dict[str, Evidence]]:
    text = resources.files(__package__).joinpath("evidence.json").read_text(encoding="utf-8")
    doc = json.loads(text)
    base = doc["source"]
    table: dict[str, Evidence] = {}
    for row in doc["rows"]:
        evidence = Evidence(
            topic=row["topic"],
            requirement=row["requirement"],
            basis=row["basis"],
            source=Source(
                instrument=base["instrument"], provision=f"{base['provision']}, dòng {row['row']}"
            ),
        )
        for title in row["titles"]:
            table[_title_key(title)] = evidence
    return doc["ruleset"], table


def evidence_for(ruleset: str, title: str) -> Evidence | None:
    """The evidence Phụ lục III lists for a criterion of this title, or ``None`` where the
    decision names none for it (or the rule set is not 26/2026, whose forms are read here)."""
    ruleset_id, table = _table()
    if ruleset != ruleset_id:
        return None
    return table.get(_title_key(title))
