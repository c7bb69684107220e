"""Build ``src/ocop/criteria/rulesets/qd148-2023/catalogue.json`` from the reference notes
on 148/QĐ-TTg.

Usage: ``python tools/extract_qd148.py ../shared/reference/qd-148-2023.md OUT_DIR``

Writes ``OUT_DIR/qd148-2023/catalogue.json`` and ``OUT_DIR/qd1489-2025/catalogue.json``
(which inherits the sheets); OUT_DIR is ``src/ocop/criteria/rulesets``.

The notes (§5 of ``qd-148-2023.md``) hold the 26 score sheets of Phụ lục III as Markdown
tables, transcribed mechanically from one public OCR-based copy (GitHub
``augustine-tran/ocop``, ``db/ocop/*.csv``). This tool reads those tables only; no value is
typed in by hand. What the notes flag as doubtful is carried into the data:

* the rule set is ``verified: false`` (single OCR source, not compared with the gazette);
* the sheets the notes flag (7, 11, 12, 13, 26) are ``verified: false`` with the reason;
* a sheet whose criteria do not reach a part's stated maximum gets a ``gap`` (the points
  that the transcription lost) instead of an invented criterion; the library refuses to
  rank on it;
* a maximum left blank by the transcription is taken from the best option, as an erratum.

Codes follow the printed numbering: group ``1``, criterion ``1.a`` (printed ``a)``),
sub-criterion ``6.a.1`` (printed as the first dash row under ``a)``).
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

from knockouts import add_knockouts

INSTR = "148/QĐ-TTg"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
KEYS = "abcdefghij"
TOOLS = Path(__file__).resolve().parent

DOUBTFUL = {
    7: "Criterion 6.d (Mùi) is printed with a maximum of 4 but its best option scores 3 in "
    "the only transcription; one point of Part C cannot be reached (reference notes §6.4).",
    11: "Part C criteria sum to 32, not the stated 35 (reference notes §6.3); the "
    "transcription probably lost criteria or points.",
    12: "Part C criteria sum to 32, not the stated 35 (reference notes §6.3); the "
    "transcription probably lost criteria or points.",
    13: "Part C criteria sum to 33, not the stated 35 (reference notes §6.3); the "
    "transcription probably lost criteria or points.",
    26: "Only two star markers in the transcription (3.d and 3.e, both ****) and no *** at "
    "all; the transcriber may have dropped markers (reference notes §6.6).",
}


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def src(provision: str) -> dict[str, str]:
    return {"instrument": INSTR, "provision": provision}


def clean(text: str) -> str:
    text = text.replace("&nbsp;", " ").replace("**", "")
    return nfc(re.sub(r"\s+", " ", text).strip())


def split_note(label: str) -> tuple[str, list[str]]:
    """``a) Title — *note*`` → (``a) Title``, [``note``])."""
    notes = re.findall(r"—\s*\*(.+?)\*\s*$", label)
    title = re.sub(r"\s*—\s*\*.+?\*\s*$", "", label)
    return title, [clean(n) for n in notes]


def parse_options(cell: str, case: str | None = None) -> list[dict[str, Any]]:
    opts = []
    for i, part in enumerate(p for p in cell.split("<br>") if p.strip()):
        m = re.fullmatch(r"\s*([①-⑩])\s*(.*?)\s*→\s*\*\*(\d+)\*\*\s*", part)
        if not m:
            raise ValueError(f"bad option {part!r}")
        if CIRCLED.index(m.group(1)) != i:
            raise ValueError(f"options out of order: {cell!r}")
        key = f"{case}{i + 1}" if case else KEYS[i]
        opt: dict[str, Any] = {
            "key": key,
            "label": clean(m.group(2)),
            "points": int(m.group(3)),
            "min_stars": None,
        }
        if case:
            opt["case"] = case
        opts.append(opt)
    return opts


def apply_markers(cell: str, opts: list[dict[str, Any]], where: str) -> None:
    for part in cell.split("<br>"):
        part = part.strip()
        if part in ("", "—"):
            continue
        m = re.fullmatch(r"(criterion|[①-⑩]) (\*{3,5}) \(([345])★\)", part)
        if not m or len(m.group(2)) != int(m.group(3)):
            raise ValueError(f"{where}: bad marker {part!r}")
        stars = int(m.group(3))
        # A marker on the whole criterion ("e) Sở hữu trí tuệ****"): the criterion must be
        # met at all, i.e. at least its lowest option (docs/rulesets.md).
        index = 0 if m.group(1) == "criterion" else CIRCLED.index(m.group(1))
        if opts[index]["min_stars"] is not None:
            raise ValueError(f"{where}: two markers on one option")
        opts[index]["min_stars"] = stars


def strip_prefix(title: str) -> str:
    title = re.sub(r"^(\d+\.|[a-zđ] ?\)|[a-zđ]\.|-)\s*", "", title)
    return title.strip()


STORY_NOTE = "Chỉ áp dụng khi có câu chuyện"


def parse_sheet(number: int, name: str, lines: list[str]) -> dict[str, Any]:
    sheet: dict[str, Any] = {
        "number": number,
        "name": nfc(name),
        "printed_classification": nfc(name),
        "source": src(f"Phụ lục III, bộ sản phẩm {number}"),
        "conditions": [],
        "headings": [],
        "criteria": [],
        "errata": [],
    }
    part = None
    stated: dict[str, int] = {}
    heads: dict[str, dict[str, Any]] = {}
    case_parent: dict[str, Any] | None = None
    for line in lines:
        pm = re.search(r"\(Phần ([ABC]); stated max (\d+)\)", line)
        if pm:
            part = pm.group(1)
            stated[part] = int(pm.group(2))
            continue
        if not line.startswith("| ") or line.startswith("| ID ") or line.startswith("|---"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        if len(cells) != 5:
            raise ValueError(f"sheet {number}: bad row {line[:80]!r}")
        ident, label, maxcell, optcell, markcell = cells
        assert part is not None
        label, notes = split_note(label)
        bold = ident.startswith("**")
        ident = ident.strip("*")
        im = re.fullmatch(r"([ABC])(\d+)([a-zđ]?)(\d*)", ident)
        if not im or im.group(1) != part:
            raise ValueError(f"sheet {number}: bad id {ident!r}")
        group, letter, sub = im.group(2), im.group(3), im.group(4)
        code = ".".join(x for x in (group, letter, sub) if x)
        mm = re.fullmatch(
            r"\**(\d+)\**"
            r"( \(max not stated in transcription; = best option\)| ⚠ best option = \d+)?",
            maxcell,
        )
        if not mm:
            raise ValueError(f"sheet {number} {ident}: bad max {maxcell!r}")
        max_points = int(mm.group(1))
        title = strip_prefix(clean(label))
        where = f"sheet {number} {code}"
        if bold and optcell.startswith("(choose ONE case"):
            crit: dict[str, Any] = {
                "code": code,
                "title": title,
                "part": part,
                "parent": None,
                "max_points": max_points,
                "cases_note": "Lựa chọn một trong hai trường hợp sau:",
                "cases": [],
                "options": [],
            }
            sheet["criteria"].append(crit)
            case_parent = crit
            continue
        if case_parent is not None and letter and code.startswith(case_parent["code"] + "."):
            cm = re.fullmatch(r"[a-z]\. (Trường hợp \d+: .+)", clean(label))
            if not cm or int(maxcell) != case_parent["max_points"]:
                raise ValueError(f"{where}: bad case row")
            case_parent["cases"].append({"key": letter, "label": cm.group(1)})
            opts = parse_options(optcell, case=letter)
            apply_markers(markcell, opts, where)
            case_parent["options"].extend(opts)
            continue
        case_parent = None
        parent = None
        if letter:
            parent = f"{group}.{letter}" if sub and f"{group}.{letter}" in heads else group
        if optcell in ("", "*(sub-criteria below)*"):
            head = {
                "code": code,
                "title": title,
                "part": part,
                "parent": parent,
                "max_points": max_points,
            }
            heads[code] = head
            sheet["headings"].append(head)
            continue
        crit = {
            "code": code,
            "title": title or clean(heads.get(group, {}).get("title", "")),
            "part": part,
            "parent": parent,
            "max_points": max_points,
        }
        if not title:
            # "a)" printed alone under a group: the group's title is the criterion's.
            crit["title"] = heads[group]["title"]
        story = STORY_NOTE in label or any(n.startswith(STORY_NOTE) for n in notes)
        if STORY_NOTE in crit["title"]:
            crit["title"] = crit["title"].split(STORY_NOTE)[0].strip()
            notes = [clean(STORY_NOTE + label.split(STORY_NOTE, 1)[1]), *notes]
        kept = []
        for n in notes:
            kind = "requirement" if n.startswith("Yêu cầu") else "note"
            kept.append({"kind": kind, "text": n})
        if kept:
            crit["notes"] = kept
        opts = parse_options(optcell)
        apply_markers(markcell, opts, where)
        crit["options"] = opts
        if mm.group(2) and mm.group(2).startswith(" (max not"):
            crit["errata"] = [
                {
                    "field": "max_points",
                    "printed": "",
                    "used": max_points,
                    "kind": "empty_cell",
                    "reason": "The transcription gives no maximum for this criterion; the "
                    "points of its best option are used, and the part then sums to its "
                    "stated maximum (reference notes §6.5).",
                }
            ]
        if story:
            story_crit = next(
                c for c in sheet["criteria"] if c["code"] == f"{group}.a" and c["part"] == "B"
            )
            with_story = [
                o["key"]
                for o in story_crit["options"]
                if not o["label"].startswith("Không có câu chuyện")
            ]
            crit["applies_if"] = {
                "criterion": story_crit["code"],
                "options": with_story,
                "text": STORY_NOTE,
            }
        sheet["criteria"].append(crit)
    # Headings whose children do not reach the printed maximum; part sums short of the
    # stated maximum become gaps (never invented criteria).
    leaves_by_parent: dict[str, int] = {}
    for node in sheet["headings"] + sheet["criteria"]:
        if node["parent"]:
            leaves_by_parent[node["parent"]] = (
                leaves_by_parent.get(node["parent"], 0) + node["max_points"]
            )
    for crit in sheet["criteria"]:
        top = max(o["points"] for o in crit["options"])
        if top < crit["max_points"]:
            crit.setdefault("errata", []).append(
                {
                    "field": "max_points",
                    "printed": str(crit["max_points"]),
                    "used": top,
                    "kind": "over_maximum",
                    "reason": f"The transcription prints a maximum of {crit['max_points']} but "
                    f"the best option scores {top}; the reachable {top} is used and the "
                    "missing point is recorded as a gap of the sheet.",
                }
            )
            crit["max_points"] = top
    for head in reversed(sheet["headings"]):
        total = sum(
            n["max_points"]
            for n in sheet["headings"] + sheet["criteria"]
            if n["parent"] == head["code"]
        )
        if total != head["max_points"]:
            head.setdefault("errata", []).append(
                {
                    "field": "max_points",
                    "printed": str(head["max_points"]),
                    "used": total,
                    "kind": "header_contradiction",
                    "reason": f"The transcription prints {head['max_points']} for this group but "
                    f"its criteria sum to {total}; the sum is used and the difference is "
                    "recorded as a gap of the sheet.",
                }
            )
            head["max_points"] = total
    gaps = []
    for p, want in stated.items():
        got = sum(c["max_points"] for c in sheet["criteria"] if c["part"] == p)
        if got != want:
            gaps.append(
                {
                    "part": p,
                    "points": want - got,
                    "text": f"Phần {p} is stated as {want} points but its criteria in the "
                    f"transcription sum to {got}: {want - got} point(s) cannot be scored.",
                }
            )
    if gaps:
        sheet["gaps"] = gaps
    if number in DOUBTFUL:
        sheet["verified"] = False
        sheet["verification_note"] = DOUBTFUL[number]
    if not sheet["errata"]:
        del sheet["errata"]
    return sheet


def classification(text: str) -> list[dict[str, Any]]:
    """Phụ lục I from the table in §3 of the notes."""
    sec = text.split("## 3. Phụ lục I", 1)[1].split("## 4.", 1)[0]
    labels = json.loads((TOOLS / "qd148_labels_en.json").read_text(encoding="utf-8"))
    out: list[dict[str, Any]] = []
    for line in sec.splitlines():
        if not line.startswith("| ") or line.startswith("| Code") or line.startswith("|---"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        code = cells[0].strip("*")
        if not re.fullmatch(r"[IV]+(\.\d+(\.[a-zđ])?)?", code):
            continue
        name = clean(re.sub(r"^(Nhóm|Phân nhóm):\s*", "", cells[1].strip("*")))
        name = re.sub(r"\s*\((no sub-group|same)\)$", "", name)
        level = ["product_group", "group", "subgroup"][code.count(".")]
        entry: dict[str, Any] = {
            "code": code,
            "level": level,
            "name": name,
            "name_en": labels["classification"][code],
            "parent": code.rsplit(".", 1)[0] if "." in code else None,
        }
        sheet_cell = cells[4] if len(cells) > 4 else ""
        sm = re.match(r"(\d+)", sheet_cell)
        if sm:
            ministries = [m.strip() for m in cells[3].split(";") if m.strip()]
            entry["ministries"] = ministries
            entry["ministries_en"] = [labels["ministries"][m] for m in ministries]
            entry["sheet"] = int(sm.group(1))
        out.append(entry)
    return out


RULES: dict[str, Any] = {}


def main(notes_path: str, out_dir: str) -> None:
    text = Path(notes_path).read_text(encoding="utf-8")
    labels = json.loads((TOOLS / "qd148_labels_en.json").read_text(encoding="utf-8"))
    body = text.split("### 5.2 Sheets", 1)[1].split("## 6.", 1)[0]
    chunks = re.split(r"^#### Sheet (\d+)\. (.+)$", body, flags=re.M)
    sheets = []
    for i in range(1, len(chunks), 3):
        number, name, chunk = int(chunks[i]), chunks[i + 1].strip(), chunks[i + 2]
        sheet = parse_sheet(number, name, chunk.splitlines())
        add_knockouts(sheet)
        sheet["name_en"] = labels["sheets"][str(number)]
        sheets.append(sheet)
    rs: dict[str, Any] = {
        "format_version": 1,
        "id": "qd148-2023",
        "title": "Bộ tiêu chí đánh giá, phân hạng sản phẩm OCOP theo Quyết định 148/QĐ-TTg",
        "instrument": {
            "number": INSTR,
            "title": "Quyết định ban hành Bộ tiêu chí và quy trình đánh giá, phân hạng sản "
            "phẩm Chương trình mỗi xã một sản phẩm",
            "signed": "2023-02-24",
            "signer": "KT. Thủ tướng, Phó Thủ tướng Trần Lưu Quang",
            "url": None,
        },
        "amends": None,
        "in_force_from": "2023-02-24",
        "in_force_until": "2025-07-05",
        "source": src("Điều 1; Phụ lục III"),
        "verified": False,
        "verification_note": "The score sheets come from one public OCR-based transcription "
        "(GitHub augustine-tran/ocop, db/ocop/*.csv, 2024) via the project's reference notes; "
        "they have not been compared with the official text of the decision. The legend of the "
        "star markers is inferred (the 26/2026 successor states it explicitly). Sheets 7, 11, "
        "12, 13 and 26 are flagged as doubtful; 7, 11, 12 and 13 have points missing and "
        "cannot be ranked. Phụ lục I ministries after row I.3.c come from a post-2025 source.",
        "caveats": [
            "148/QĐ-TTg star markers read with the legend of 26/2026 (its own footnote was "
            "not seen); the knock-out notes of its sheets are applied as conditions the "
            "council answers (flags, or none_apply).",
        ],
        "parts": [
            {
                "code": "A",
                "title": "Các tiêu chí đánh giá về sản phẩm và sức mạnh cộng đồng",
                "title_en": "Product and community strength",
                "max_points": 40,
                "source": src("Điều 1.1.b"),
            },
            {
                "code": "B",
                "title": "Các tiêu chí đánh giá về khả năng tiếp thị",
                "title_en": "Marketing capacity",
                "max_points": 25,
                "source": src("Điều 1.1.b"),
            },
            {
                "code": "C",
                "title": "Các tiêu chí đánh giá về chất lượng sản phẩm",
                "title_en": "Product quality",
                "max_points": 35,
                "source": src("Điều 1.1.b"),
            },
        ],
        "bands": [
            {
                "stars": 1,
                "lower": "0",
                "upper": "30",
                "printed": "đạt dưới 30 điểm",
                "source": src("Điều 1.2"),
            },
            {
                "stars": 2,
                "lower": "30",
                "upper": "50",
                "printed": "từ 30 đến dưới 50 điểm",
                "source": src("Điều 1.2"),
            },
            {
                "stars": 3,
                "lower": "50",
                "upper": "70",
                "printed": "từ 50 đến dưới 70 điểm",
                "source": src("Điều 1.2"),
            },
            {
                "stars": 4,
                "lower": "70",
                "upper": "90",
                "printed": "từ 70 đến dưới 90 điểm",
                "source": src("Điều 1.2"),
            },
            {
                "stars": 5,
                "lower": "90",
                "upper": None,
                "printed": "từ 90 đến 100 điểm",
                "source": src("Điều 1.2"),
            },
        ],
        "rounding": {
            "places": 2,
            "mode": "ROUND_HALF_UP",
            "note": "The decision does not say how the average is rounded. The star band is "
            "decided on the exact average (a fraction); averages are displayed with 2 decimal "
            "places, rounded half up.",
        },
        "marker_legend": src(
            "Phụ lục III (legend not seen; read as in 26/2026/QĐ-TTg Phụ lục II: the marked "
            "option is the minimum to reach for 3, 4 or 5 stars)"
        ),
        "classification": classification(text),
        "sheets": sheets,
    }
    RULES.update(rs)
    out = Path(out_dir)
    for data in (rs, amended_1489()):
        (out / data["id"]).mkdir(parents=True, exist_ok=True)
        with open(out / data["id"] / "catalogue.json", "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=1)
            f.write("\n")


def amended_1489() -> dict[str, Any]:
    """148 as amended by 1489/QĐ-TTg: the same criteria (inherited), its own dates."""
    i = "1489/QĐ-TTg"
    return {
        "format_version": 1,
        "id": "qd1489-2025",
        "inherits": "qd148-2023",
        "title": "Bộ tiêu chí OCOP theo Quyết định 148/QĐ-TTg, sửa đổi bởi Quyết định 1489/QĐ-TTg",
        "instrument": {
            "number": i,
            "title": "Quyết định sửa đổi, bổ sung một số nội dung của Quyết định số "
            "148/QĐ-TTg ngày 24 tháng 02 năm 2023",
            "signed": "2025-07-06",
            "signer": None,
            "url": "https://vanban.chinhphu.vn/?classid=2&docid=214441&pageid=27160",
        },
        "amends": "qd148-2023",
        "in_force_from": "2025-07-06",
        "in_force_until": "2026-07-21",
        "source": {
            "instrument": i,
            "provision": "Phụ lục II (procedure); criteria of 148/QĐ-TTg Phụ lục III unchanged",
        },
        "verified": False,
        "verification_note": "The text of 1489/QĐ-TTg was not read; press summaries agree that "
        "it amends the procedure of 148/QĐ-TTg (Phụ lục II) for two-tier local government and "
        "leaves the criteria (Phụ lục III) as they were, so the sheets are those of "
        "qd148-2023, with all its caveats. It ceases to be in force 60 days after 22 May 2026 "
        "(26/2026/QĐ-TTg Điều 11.2): last day 21 July 2026.",
        "caveats": [
            "Criteria of 148/QĐ-TTg (unchanged by 1489/QĐ-TTg, per press summaries; its text "
            "was not read); star markers read with the legend of 26/2026; knock-out notes "
            "applied as conditions the council answers (flags, or none_apply).",
        ],
        "parts": RULES["parts"],
        "bands": RULES["bands"],
        "rounding": RULES["rounding"],
        "marker_legend": RULES["marker_legend"],
    }


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
