"""Build ``rulesets/qd1048-2019/catalogue.json`` and ``rulesets/qd781-2020/catalogue.json``
from the reference notes on 1048/QĐ-TTg.

Usage: ``python tools/extract_qd1048.py ../shared/reference/qd-1048-2019.md OUT_DIR``

The notes (§10 of ``qd-1048-2019.md``) hold 25 of the 26 score sheets of Phụ lục III as
Markdown tables, generated from a 2022 production database of a provincial OCOP system
(GitHub ``tranquangduc24011999/ommani_ocop``), with S01 cross-checked against a second,
independent 2020 dump. This tool reads those tables; no point value is typed in by hand.

* "Gạo, ngũ cốc" (sheet 3) is missing from every source: it is shipped as a sheet with no
  criteria and a gap, and ranking on it raises.
* Sheets 10, 16 and 19 sum to 38 of Part C's 40 points: each gets a gap of 2 points.
* The tourism sheet in the source is the one renamed by 781/QĐ-TTg (2020); the pre-781
  sheet ("Dịch vụ du lịch – truyền thống – lễ hội") was not found, so ``qd1048-2019``
  ships sheet 26 as missing and ``qd781-2020`` (which inherits the other 25 sheets of 1048)
  carries the transcribed one.
* Sheet numbers are the library's: the order of Phụ lục I, as in the notes (S01–S26).
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

from knockouts import add_knockouts

I1048 = "1048/QĐ-TTg"
I781 = "781/QĐ-TTg"
KEYS = "abcdefghijkl"
MOA = "Bộ Nông nghiệp và Phát triển nông thôn"
MOIT = "Bộ Công Thương"
MOH = "Bộ Y tế"
MOST = "Bộ Khoa học và Công nghệ"
MOCST = "Bộ Văn hóa, Thể thao và Du lịch"
MINISTRIES_EN = {
    MOA: "Ministry of Agriculture and Rural Development",
    MOIT: "Ministry of Industry and Trade",
    MOH: "Ministry of Health",
    MOST: "Ministry of Science and Technology",
    MOCST: "Ministry of Culture, Sports and Tourism",
}

# Phụ lục I of 1048 as tabled in §5 of the notes (managing ministries from one 2020 dump,
# unverified; the letters inside nhóm 3 and the nhóm numbers of ngành II-VI are
# reconstructed there). (code, name, English name, ministries, sheet)
CLASSIFICATION_1048: list[tuple[str, str, str, tuple[str, ...], int | None]] = [
    ("I", "Thực phẩm", "Food", (), None),
    ("I.1", "Thực phẩm tươi sống", "Fresh food", (), None),
    ("I.1.a", "Rau, củ, quả, hạt tươi", "Fresh vegetables, tubers, fruits and seeds", (MOA,), 1),
    ("I.1.b", "Thịt, trứng, sữa tươi", "Fresh meat, eggs and milk", (MOA,), 2),
    ("I.2", "Thực phẩm thô, sơ chế", "Raw and minimally processed food", (), None),
    ("I.2.a", "Gạo, ngũ cốc", "Rice and cereals", (MOA,), 3),
    (
        "I.2.b",
        "Mật ong, các sản phẩm từ mật ong, mật khác",
        "Honey, honey products and other syrups",
        (MOA,),
        4,
    ),
    ("I.3", "Thực phẩm chế biến", "Processed food", (), None),
    ("I.3.a", "Đồ ăn nhanh", "Fast food", (MOIT,), 5),
    ("I.3.b", "Chế biến từ gạo, ngũ cốc", "Processed from rice and cereals", (MOA,), 6),
    (
        "I.3.c",
        "Chế biến từ rau, củ, quả, hạt",
        "Processed from vegetables, tubers, fruits and seeds",
        (MOA,),
        7,
    ),
    ("I.3.d", "Chế biến từ thịt, trứng, sữa", "Processed from meat, eggs and milk", (MOA,), 8),
    ("I.3.đ", "Chế biến từ thủy, hải sản", "Processed from aquatic and marine products", (MOA,), 9),
    ("I.4", "Gia vị", "Condiments", (), None),
    (
        "I.4.a",
        "Tương, nước mắm, gia vị dạng lỏng khác",
        "Soybean sauces, fish sauce and other liquid condiments",
        (MOA,),
        10,
    ),
    ("I.4.b", "Gia vị khác", "Other condiments", (MOA,), 11),
    ("I.5", "Chè", "Tea", (), None),
    ("I.5.a", "Chè tươi, chế biến", "Fresh and processed tea", (MOA,), 12),
    ("I.5.b", "Các sản phẩm khác từ chè, trà", "Other tea products", (MOA,), 13),
    ("I.6", "Cà phê, ca cao", "Coffee and cocoa", (MOA,), 14),
    ("II", "Đồ uống", "Beverages", (), None),
    ("II.1", "Đồ uống có cồn", "Alcoholic beverages", (), None),
    ("II.1.a", "Rượu trắng", "White spirits", (MOIT,), 15),
    ("II.1.b", "Đồ uống có cồn khác", "Other alcoholic beverages", (MOIT,), 16),
    ("II.2", "Đồ uống không cồn", "Non-alcoholic beverages", (), None),
    (
        "II.2.a",
        "Nước khoáng thiên nhiên, nước uống tinh khiết",
        "Natural mineral water, purified drinking water",
        (MOH,),
        17,
    ),
    ("II.2.b", "Đồ uống không cồn", "Non-alcoholic beverages", (MOIT,), 18),
    ("III", "Thảo dược", "Herbal products", (), None),
    (
        "III.1",
        "Thực phẩm chức năng, thuốc từ dược liệu, thuốc Y học cổ truyền",
        "Functional foods, medicines from medicinal materials, traditional medicines",
        (MOH,),
        19,
    ),
    ("III.2", "Mỹ phẩm", "Cosmetics", (MOH,), 20),
    ("III.3", "Trang thiết bị, dụng cụ y tế", "Medical equipment and devices", (MOH,), 21),
    ("III.4", "Thảo dược khác", "Other herbal products", (MOH,), 22),
    ("IV", "Vải và may mặc", "Textiles and garments", (), None),
    ("IV.1", "Vải, may mặc", "Textiles and garments", (MOIT,), 23),
    ("V", "Lưu niệm – nội thất – trang trí", "Souvenirs, furniture and decoration", (), None),
    ("V.1", "Thủ công mỹ nghệ, trang trí", "Decorative handicrafts", (MOST,), 24),
    ("V.2", "Thủ công mỹ nghệ gia dụng", "Household handicrafts", (MOST,), 25),
    ("VI", "Dịch vụ du lịch nông thôn, bán hàng", "Rural tourism and sales services", (), None),
    (
        "VI.1",
        "Dịch vụ du lịch – truyền thống – lễ hội",
        "Tourism, tradition and festival services",
        (MOCST,),
        26,
    ),
]
TOURISM_781 = (
    "Dịch vụ du lịch cộng đồng và điểm du lịch",
    "Community tourism services and tourist sites",
)

CASE_NOTE = "Lựa chọn một trong hai trường hợp sau:"
STORY_NOTE = "Chỉ áp dụng khi có câu chuyện"


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def clean(text: str) -> str:
    return nfc(re.sub(r"\s+", " ", text.replace("**", "")).strip())


def src(instrument: str, provision: str) -> dict[str, str]:
    return {"instrument": instrument, "provision": provision}


def parse_options(cell: str) -> tuple[list[dict[str, Any]], list[str]]:
    opts: list[dict[str, Any]] = []
    cases: list[str] = []
    counters: dict[str | None, int] = {}
    for part in (p for p in cell.split("<br>") if p.strip()):
        m = re.fullmatch(r"\s*(?:\(([ab])\) )?\*\*(\d+)\*\* – (.*?)\s*", part)
        if not m:
            raise ValueError(f"bad option {part!r}")
        case = m.group(1)
        n = counters.get(case, 0)
        counters[case] = n + 1
        if case and case not in cases:
            cases.append(case)
        opt: dict[str, Any] = {
            "key": f"{case}{n + 1}" if case else KEYS[n],
            "label": clean(m.group(3)),
            "points": int(m.group(2)),
            "min_stars": None,
        }
        if case:
            opt["case"] = case
        opts.append(opt)
    return opts, cases


def parse_sheet(number: int, name: str, chunk: str, instrument: str) -> dict[str, Any]:
    sheet: dict[str, Any] = {
        "number": number,
        "name": clean(name),
        "printed_classification": clean(name),
        "source": src(instrument, f"Phụ lục III, phiếu {number} (library numbering)"),
        "conditions": [],
        "headings": [],
        "criteria": [],
    }
    heads: dict[str, dict[str, Any]] = {}
    pending_note = ""
    for line in chunk.splitlines():
        if not line.startswith("| ") or line.startswith("| Part ") or line.startswith("|---"):
            continue
        cells = [c.strip() for c in line.strip()[1:-1].split("|")]
        if len(cells) == 6:
            cells.append("")
        if len(cells) != 7:
            raise ValueError(f"sheet {number}: bad row {line[:80]!r}")
        part, ident, label, optcell, maxcell, star, note = cells
        part = part.strip("*")
        if ident.startswith("**"):
            code = ident.strip("*")
            title = re.sub(r"^\d+\.\s*", "", clean(label))
            head = {
                "code": code,
                "title": title,
                "part": part,
                "parent": None,
                "max_points": int(maxcell.strip("*")),
            }
            heads[code] = head
            sheet["headings"].append(head)
            continue
        if star != "no":
            raise ValueError(f"sheet {number} {ident}: unexpected star column {star!r}")
        if optcell == "_(sub-criteria below)_":
            head = {
                "code": ident,
                "title": clean(label),
                "part": part,
                "parent": ident.rsplit(".", 1)[0],
                "max_points": int(maxcell),
            }
            heads[ident] = head
            sheet["headings"].append(head)
            pending_note = clean(note)
            continue
        opts, cases = parse_options(optcell)
        crit: dict[str, Any] = {
            "code": ident,
            "title": clean(label),
            "part": part,
            "parent": ident.rsplit(".", 1)[0] if "." in ident else None,
            "max_points": int(maxcell),
        }
        notes = [clean(n) for n in re.split(r"\s*_\(a\)/\(b\).*?_\s*", note) if n.strip()]
        if pending_note:
            # The note printed on a sub-heading row goes with its first criterion.
            notes.insert(0, pending_note)
            pending_note = ""
        if cases:
            crit["cases_note"] = CASE_NOTE
            crit["cases"] = [{"key": c, "label": f"Trường hợp ({c})"} for c in cases]
            notes = [n for n in notes if not n.startswith(CASE_NOTE.rstrip(":"))]
        if any(n.startswith(STORY_NOTE) for n in notes):
            story = next(c for c in sheet["criteria"] if c["code"] == "5.1")
            crit["applies_if"] = {
                "criterion": "5.1",
                "options": [
                    o["key"]
                    for o in story["options"]
                    if not o["label"].startswith("Không có câu chuyện")
                ],
                "text": STORY_NOTE,
            }
        if notes:
            crit["notes"] = [
                {"kind": "requirement" if n.startswith("Yêu cầu") else "note", "text": n}
                for n in notes
            ]
        crit["options"] = opts
        if ident in heads:
            # A group scored directly (row "7 | DINH DƯỠNG" under heading "7"): one node.
            head = heads.pop(ident)
            sheet["headings"].remove(head)
            if head["max_points"] != crit["max_points"]:
                raise ValueError(f"sheet {number} {ident}: heading and criterion differ")
        sheet["criteria"].append(crit)
    renumber_duplicates(sheet)
    return sheet


def equal_points(sheet: dict[str, Any]) -> None:
    """Two options of one criterion (and case) worth the same: scored as transcribed, noted."""
    for crit in sheet["criteria"]:
        opts = crit["options"]
        for i in range(1, len(opts)):
            same_case = opts[i].get("case") == opts[i - 1].get("case")
            if same_case and opts[i]["points"] == opts[i - 1]["points"]:
                opts[i]["errata"] = [
                    {
                        "field": "points",
                        "printed": str(opts[i]["points"]),
                        "used": opts[i]["points"],
                        "kind": "equal_points",
                        "reason": "Two options of this criterion carry the same points in the "
                        "only transcription (probably 2 and 3); scored as transcribed "
                        "(reference notes §7.2).",
                    }
                ]


def finish(sheet: dict[str, Any]) -> dict[str, Any]:
    """Mark equal points, then the points of each part that no source gives (gaps)."""
    equal_points(sheet)
    sums: dict[str, int] = {}
    for c in sheet["criteria"]:
        sums[c["part"]] = sums.get(c["part"], 0) + c["max_points"]
    gaps = []
    for p, want in (("A", 35), ("B", 25), ("C", 40)):
        if sums.get(p, 0) != want:
            gaps.append(
                {
                    "part": p,
                    "points": want - sums.get(p, 0),
                    "text": f"Phần {p} is worth {want} points (Điều 1.1) but the criteria of this "
                    f"sheet in the transcription sum to {sums.get(p, 0)}: {want - sums.get(p, 0)} "
                    "point(s) cannot be scored.",
                }
            )
    if gaps:
        sheet["gaps"] = gaps
        sheet["verified"] = False
        sheet["verification_note"] = GAP_NOTES[sheet["number"]]
    return sheet


def renumber_duplicates(sheet: dict[str, Any]) -> None:
    """A code printed twice (S14: 6.1.3 Màu sắc, 6.1.3 Mùi, 6.1.4 Vị): the children of that
    parent are renumbered in printed order, each change recorded as an erratum."""
    codes = [c["code"] for c in sheet["criteria"]]
    for dup in {c for c in codes if codes.count(c) > 1}:
        parent = dup.rsplit(".", 1)[0]
        kids = [c for c in sheet["criteria"] if c["parent"] == parent]
        for n, crit in enumerate(kids, 1):
            code = f"{parent}.{n}"
            if crit["code"] != code:
                crit.setdefault("errata", []).append(
                    {
                        "field": "code",
                        "printed": crit["code"],
                        "used": code,
                        "kind": "malformed_cell",
                        "reason": f"The transcription numbers two criteria {dup}; the criteria "
                        f"under {parent} are numbered in printed order so that every code is "
                        "unique.",
                    }
                )
                crit["code"] = code


GAP_NOTES = {
    19: "No 'Công bố chất lượng' criterion (present in sheets 20-22); Part C sums to 38 of 40 "
    "(reference notes §7.2), in the second transcription (congnn1107/ocop_project) as well.",
}


def missing_sheet(number: int, name: str, instrument: str, text: str) -> dict[str, Any]:
    return {
        "number": number,
        "name": name,
        "printed_classification": name,
        "source": src(instrument, f"Phụ lục III, phiếu {number} (library numbering)"),
        "criteria": [],
        "verified": False,
        "verification_note": text,
        "gaps": [{"part": None, "points": 100, "text": text}],
    }


def classification(*, tourism_781: bool) -> list[dict[str, Any]]:
    out = []
    for code, name, name_en, ministries, sheet in CLASSIFICATION_1048:
        if tourism_781 and code == "VI.1":
            name, name_en = TOURISM_781
        entry: dict[str, Any] = {
            "code": code,
            "level": ["product_group", "group", "subgroup"][code.count(".")],
            "name": nfc(name),
            "name_en": name_en,
            "parent": code.rsplit(".", 1)[0] if "." in code else None,
        }
        if sheet is not None:
            entry["ministries"] = list(ministries)
            entry["ministries_en"] = [MINISTRIES_EN[m] for m in ministries]
            entry["sheet"] = sheet
        out.append(entry)
    return out


def bands(instrument: str) -> list[dict[str, Any]]:
    printed = [
        "dưới 30 điểm",
        "từ 30 đến 49 điểm",
        "từ 50 đến 69 điểm",
        "từ 70 đến 89 điểm",
        "từ 90 đến 100 điểm",
    ]
    edges = ["0", "30", "50", "70", "90", None]
    return [
        {
            "stars": i + 1,
            "lower": edges[i],
            "upper": edges[i + 1],
            "printed": printed[i],
            "source": src(I1048, "Điều 1.2"),
        }
        for i in range(5)
    ]


BAND_READING = (
    '1048/QĐ-TTg prints its bands as integer ranges ("từ 50 đến 69 điểm", "từ 70 đến 89 '
    'điểm") while the score is an average that need not be an integer. The library reads '
    "each range as reaching up to, but not including, the next range's first number: "
    "[50, 70) for 3 stars, so 69.5 is 3 stars and 89.99 is 4 stars. A class is reached only "
    "when its printed first number is reached; no average is rounded up into a higher class. "
    '148/QĐ-TTg later wrote the same bands as "từ 50 đến dưới 70" (docs/rulesets.md).'
)


# 781/QĐ-TTg Phụ lục II Mục 6 "Yêu cầu về một số tiêu chí cần đạt tối thiểu trong đánh giá,
# phân hạng sản phẩm", the rows known (reference notes §6.6, from the Yên Bái and Khánh Hòa
# summaries of 10 June 2020). "Nhóm 1-5" read as ngành I-V of Phụ lục I: sheets 1-14 (thực
# phẩm), 15-18 (đồ uống), 19-22 (thảo dược), 23 (vải, may mặc), 24-25 (lưu niệm, nội thất,
# trang trí); the tourism sheet (26) is outside Mục 6. Stated in words, not as options: the
# council answers each (a flag: the requirement, quoted, is not met), and the product is
# not placed in that class or above.
M6 = "781/QĐ-TTg Phụ lục II Mục 6 (Chất lượng sản phẩm)"
G1_4 = list(range(1, 24))
G4_5 = [23, 24, 25]
G5 = [24, 25]


def muc6(key: str, stars: int, sheets: list[int], text: str, where: str) -> dict[str, Any]:
    return {
        "key": key,
        "effect": "not_in_class",
        "trigger": "flag",
        "text": f"Chưa đáp ứng yêu cầu tối thiểu cần đạt của hạng {stars} sao: {text}",
        "printed_at": None,
        "stars": stars,
        "sheets": sheets,
        "source": src(I781, f"Phụ lục II Mục 6, Chất lượng sản phẩm, hạng {stars} sao, {where}"),
    }


MUC6 = [
    muc6(
        "m6_2_quality_description",
        2,
        G4_5,
        "Hồ sơ công bố chất lượng sản phẩm – nhóm 4 và 5: có bản mô tả về tiêu chuẩn chất "
        "lượng sản phẩm.",
        "Hồ sơ công bố chất lượng sản phẩm",
    ),
    muc6(
        "m6_3_standard_declared",
        3,
        list(range(1, 26)),
        "Hồ sơ công bố chất lượng sản phẩm: có công bố tiêu chuẩn sản phẩm theo quy định.",
        "(1) Hồ sơ công bố chất lượng sản phẩm",
    ),
    muc6(
        "m6_3_internal_control_traceability",
        3,
        G1_4,
        "Bảo đảm chất lượng sản phẩm – nhóm 1, 2, 3 và 4: có kế hoạch kiểm soát nội bộ gắn "
        "với truy xuất nguồn gốc theo quy định của pháp luật.",
        "(2) Bảo đảm chất lượng sản phẩm",
    ),
    muc6(
        "m6_3_artistic_technical_value",
        3,
        G5,
        "Mức độ tinh xảo/sắc nét – nhóm 5: có giá trị mỹ thuật, kỹ thuật.",
        "(3) Mức độ tinh xảo/sắc nét",
    ),
    muc6(
        "m6_4_distinctive_quality",
        4,
        G1_4,
        "Tính độc đáo – nhóm 1, 2, 3 và 4: chất lượng sản phẩm độc đáo, mang tính đặc […] "
        '(the rest of this row is not known: the summaries seen break off at "mang tính đặc").',
        "(2) Tính độc đáo",
    ),
]
MUC6_GAP = (
    "781/QĐ-TTg Phụ lục II Mục 6 (minimum criteria per star class) is known only in part. The "
    "rows known (Chất lượng sản phẩm: 2★ for nhóm 4-5, 3★, the start of 4★) are conditions the "
    "council answers (flags m6_…); a failed one keeps the product out of that class, as the "
    "2020 national round classed such dossiers 'Không đạt'. Not known: the minimums of Parts A "
    "and B for every class, and of Part C for the rest of 4★ and for 5★: the class shown may "
    "be above the one the council would have given."
)


def ruleset(kind: str, sheets: list[dict[str, Any]]) -> dict[str, Any]:
    is781 = kind == "781"
    instrument = I781 if is781 else I1048
    rs: dict[str, Any] = {
        "format_version": 1,
        "id": "qd781-2020" if is781 else "qd1048-2019",
        "title": (
            "Bộ tiêu chí OCOP theo Quyết định 1048/QĐ-TTg, sửa đổi bởi Quyết định 781/QĐ-TTg"
            if is781
            else "Bộ tiêu chí đánh giá, phân hạng sản phẩm OCOP theo Quyết định 1048/QĐ-TTg"
        ),
        "instrument": (
            {
                "number": I781,
                "title": "Quyết định sửa đổi, bổ sung một số Phụ lục Quyết định số "
                "1048/QĐ-TTg ngày 21 tháng 8 năm 2019",
                "signed": "2020-06-08",
                "signer": "KT. Thủ tướng, Phó Thủ tướng Trịnh Đình Dũng",
                "url": None,
            }
            if is781
            else {
                "number": I1048,
                "title": "Quyết định về việc ban hành Bộ Tiêu chí đánh giá, phân hạng sản phẩm "
                "Chương trình mỗi xã một sản phẩm",
                "signed": "2019-08-21",
                "signer": "KT. Thủ tướng, Phó Thủ tướng Vương Đình Huệ",
                "url": None,
            }
        ),
        "amends": "qd1048-2019" if is781 else None,
        "in_force_from": "2020-06-08" if is781 else "2019-08-21",
        "in_force_until": "2023-02-23" if is781 else "2020-06-07",
        "source": src(instrument, "Điều 1" if not is781 else "Điều 1 (Phụ lục I, II, III)"),
        "verified": False,
        "verification_note": (
            "No primary text of 1048/QĐ-TTg or 781/QĐ-TTg was reachable. The score sheets come "
            "from a 2022 production database of a provincial OCOP system (ommani_ocop), sheet 1 "
            "cross-checked against an independent 2020 dump; part and band rules from several "
            "secondary copies of Điều 1. Sheet 3 (Gạo, ngũ cốc) is missing; sheets 10, 16 and 19 "
            "lack 2 points of Part C. Managing ministries of Phụ lục I come from one 2020 dump; "
            "the letters inside nhóm 3 and the nhóm numbers of ngành II-VI are reconstructed. "
            + (
                "The tourism sheet (26) is the post-781 one; that 781 replaced it is probable "
                "but not confirmed. The minimum criteria per star class that 781 added (Phụ lục "
                "II, Mục 6) are known only in part: the rows known are conditions the council "
                "answers; the rest is a caveat on every result of sheets 1-25."
                if is781
                else "The pre-781 tourism sheet was not found (sheet 26 is missing)."
            )
        ),
        "caveats": (
            [
                "781/QĐ-TTg criteria: the sheets of 1048/QĐ-TTg from two transcriptions, "
                "reconciled (doubts recorded), not checked against the decision; bands "
                '"từ 50 đến 69" read as [50, 70) (docs/rulesets.md).',
            ]
            if is781
            else [
                "1048/QĐ-TTg criteria from two transcriptions (a 2022 and a 2020 database), "
                "reconciled (doubts recorded), not checked against the decision; bands "
                '"từ 50 đến 69" read as [50, 70) (docs/rulesets.md).',
            ]
        ),
        "band_reading": BAND_READING,
        "parts": [
            {
                "code": "A",
                "title": "Các tiêu chí đánh giá về sản phẩm và sức mạnh cộng đồng",
                "title_en": "Product and community strength",
                "max_points": 35,
                "source": src(I1048, "Điều 1.1"),
            },
            {
                "code": "B",
                "title": "Các tiêu chí đánh giá về khả năng tiếp thị",
                "title_en": "Marketing capacity",
                "max_points": 25,
                "source": src(I1048, "Điều 1.1"),
            },
            {
                "code": "C",
                "title": "Các tiêu chí đánh giá về chất lượng sản phẩm",
                "title_en": "Product quality",
                "max_points": 40,
                "source": src(I1048, "Điều 1.1"),
            },
        ],
        "bands": bands(instrument),
        "rounding": {
            "places": 2,
            "mode": "ROUND_HALF_UP",
            "note": "The decision does not say how the average is rounded. The star band is "
            "decided on the exact average (a fraction) as described in band_reading; averages "
            "are displayed with 2 decimal places, rounded half up.",
        },
        "marker_legend": src(
            instrument,
            "no star markers on the 1048 sheets; minimum criteria per star class are in "
            "Phụ lục II Mục 6 (added by 781/QĐ-TTg)",
        ),
        "classification": classification(tourism_781=is781),
    }
    if is781:
        rs["inherits"] = "qd1048-2019"
        rs["conditions"] = MUC6
        rs["sheet_caveats"] = [{"sheets": list(range(1, 26)), "text": MUC6_GAP}]
    rs["sheets"] = sheets
    return rs


SECOND_SOURCE = Path(__file__).resolve().parent / "qd1048_second_source.json"
FIRST_SRC = (
    "first transcription: tranquangduc24011999/ommani_ocop, "
    "ocop-web-master/ocop-web-master/mysql/init.sql @38ed3c1 (2022 database), "
    "as tabled in the reference notes qd-1048-2019.md §10"
)
R4 = (
    "The second source's Part C sums to 38 of 40: its 9.1 lists seven options (0/1/2 and "
    "0/1/2/3, two criteria run together), its 9.2 and 10 are shifted one place and 11 is "
    "missing; the first transcription sums to 40 and its options ascend: the first is used."
)
R16 = (
    "The two transcriptions print different option lists for the sensory criteria and "
    "Tính độc đáo of this sheet. The second's make Part C sum to 40 (6.5 Vị worth 8); the "
    "first's sum to 38, and it numbers the criteria 6.1, 6.2, 6.3, 6.5 (no 6.4). 6.2, 6.3, "
    "6.5 and 7 are taken together from the second source, labels and points, so that the "
    "sheet is one source's reading and not a mixture."
)
RECONCILED = {
    6: "the sheet's part sums are the same under either reading.",
    10: "with them Part C sums to 40 (it summed to 38 and the sheet was refused).",
    16: "with them Part C sums to 40 (it summed to 38 and the sheet was refused).",
}
# Every criterion where the two transcriptions differ: which reading is used, and why.
# A difference not listed here, or an entry no longer needed, stops the run.
DECISIONS: dict[tuple[int, str], tuple[str, str]] = {
    (4, "9.1"): ("first", R4),
    (4, "9.2"): ("first", R4),
    (4, "10"): ("first", R4),
    (4, "11"): ("first", R4),
    (6, "6.2"): (
        "second",
        "The first transcription gives two options 3 points (0/1/3/3, noted as a probable "
        "typo in the reference notes §7.2); the second gives 0/1/2/3, which ascends. The "
        "maximum (3) and the part sums are the same either way: the second is used.",
    ),
    (7, "3.1"): (
        "first",
        "The second source lists two options (1/2) and its Part A sums to 34 of 35; the first "
        "lists three (1/2/3, as every other sheet of both sources) and sums to 35: the first "
        "is used.",
    ),
    (10, "7"): (
        "second",
        "The second source scores Tính độc đáo 0/1/3/5, as every other food sheet of both "
        "sources, and Part C then sums to 40; the first's 0/1/2/3 leaves it at 38: the "
        "second is used.",
    ),
    (16, "6.2"): ("second", R16),
    (16, "6.3"): ("second", R16),
    (16, "6.5"): ("second", R16),
    (16, "7"): ("second", R16),
    (17, "7"): (
        "first",
        "The second source's top option is worth 0 (0/2/5/0) and its Part C sums to 35; the "
        "first's 0/2/5/10 ascends and sums to 40: the first is used.",
    ),
}


def second_src(second: dict[str, Any]) -> str:
    s = second["source"]
    return (
        f"second transcription: {s['repository']}, {s['path']} @{s['commit'][:7]}, table "
        f"{s['table']} (rows dated {s['rows_dated']})"
    )


def joined(points: list[int]) -> str:
    return "/".join(map(str, points))


def reconcile(sheets: dict[int, dict[str, Any]], second: dict[str, Any]) -> None:
    """Apply ``DECISIONS`` to the differences listed in the comparison data, record a doubt
    on each, and build sheet 3 from the second source (the first lacks it)."""
    used = set()
    src2 = second_src(second)
    for entry in second["sheets"]:
        number = entry["sheet"]
        if "criteria" in entry:
            sheets[number] = sheet_from_second(sheets[number], entry, src2)
            continue
        for diff in entry.get("differences", []):
            key = (number, diff["first_code"])
            if key not in DECISIONS:
                raise SystemExit(f"UNEXPLAINED DIFFERENCE {key}: {diff}")
            used.add(key)
            apply_decision(sheets[number], diff, *DECISIONS[key], src2)
            if DECISIONS[key][0] == "second":
                codes = [c for (n, c) in DECISIONS if n == number]
                sheets[number]["verified"] = False
                sheets[number]["verification_note"] = (
                    ("Criterion " if len(codes) == 1 else "Criteria ")
                    + ", ".join(codes)
                    + (" is" if len(codes) == 1 else " are")
                    + " scored as the second transcription prints "
                    "them, where the two transcriptions differ (each carries a doubt with both "
                    "readings); "
                    + RECONCILED[number]
                    + " Not checked against the decision (docs/rulesets.md)."
                )
    if set(DECISIONS) - used:
        raise SystemExit(f"DECISIONS no longer needed: {sorted(set(DECISIONS) - used)}")


def apply_decision(
    sheet: dict[str, Any], diff: dict[str, Any], choice: str, reason: str, src2: str
) -> None:
    crit = next(c for c in sheet["criteria"] if c["code"] == diff["first_code"])
    theirs = diff["second"]
    second_points = "—" if theirs is None else joined([o["points"] for o in theirs["options"]])
    readings = [
        {"source": FIRST_SRC, "printed": joined(diff["first_points"])},
        {"source": src2, "printed": second_points},
    ]
    if choice == "second":
        opts = theirs["options"]
        if len(opts) == len(crit["options"]):
            for mine, other in zip(crit["options"], opts, strict=True):
                mine["points"] = other["points"]
        else:
            crit["options"] = [
                {"key": KEYS[i], "label": o["label"], "points": o["points"], "min_stars": None}
                for i, o in enumerate(opts)
            ]
            reason += " (Option labels are the second source's too.)"
        old = crit["max_points"]
        crit["max_points"] = max(o["points"] for o in opts)
        if crit["parent"] is not None and old != crit["max_points"]:
            head = next(h for h in sheet["headings"] if h["code"] == crit["parent"])
            printed = head["max_points"]
            head["max_points"] += crit["max_points"] - old
            head.setdefault("doubts", [])
            if not head["doubts"]:
                head["doubts"].append(
                    {
                        "field": "max_points",
                        "readings": [
                            {"source": FIRST_SRC, "printed": str(printed)},
                            {"source": src2, "printed": "none printed"},
                        ],
                        "used": "",
                        "reason": "The heading's maximum is the sum of its criteria, "
                        "as reconciled with the second transcription.",
                    }
                )
            head["doubts"][0]["used"] = str(head["max_points"])
    crit.setdefault("doubts", []).append(
        {
            "field": "points",
            "readings": readings,
            "used": joined([o["points"] for o in crit["options"]]),
            "reason": reason,
        }
    )


CASE_A = "Đối với Công ty TNHH 2 thành viên trở lên, công ty cổ phần, HTX, Tổ hợp tác"
CASE_B = "Đối với Công ty TNHH 1 thành viên, doanh nghiệp tư nhân, hộ gia đình"
STORY_5_1 = "Chỉ áp dụng khi có câu chuyện, đánh giá nội dung câu chuyện"


def split_code(text: str) -> tuple[str, str]:
    m = re.fullmatch(r"(\d+(?:\.\d+)*)\.\s*(.*)", text)
    assert m, text
    return m.group(1), m.group(2)


def sheet_from_second(missing: dict[str, Any], entry: dict[str, Any], src2: str) -> dict[str, Any]:
    """Sheet 3 (Gạo, ngũ cốc) from the second transcription, the only one that has it.

    Read as the first transcription reads every other sheet: a group with one criterion of
    its own name is scored directly (code ``7``, not ``7.1``); a trailing parenthesis of a
    title is a note; 3.2's two kinds of organisation are alternative cases; 5.2 and 5.3
    apply only when there is a story. Two places need a reading, each recorded.
    """
    number = missing["number"]
    sheet: dict[str, Any] = {
        "number": number,
        "name": missing["name"],
        "printed_classification": missing["printed_classification"],
        "source": missing["source"],
        "conditions": [],
        "headings": [],
        "criteria": [],
        "verified": False,
        "verification_note": "Only the second transcription has this sheet ("
        + src2
        + "); its parts sum to 35/25/40. Not checked against the decision; the printed notes "
        "of the sheet (knock-outs, Ghi chú) are not in that source. The note 'Chỉ áp dụng khi "
        "có câu chuyện, đánh giá nội dung câu chuyện', which that source prints on 5.1's row "
        "on every sheet, is read as 5.2's, where the first transcription places it "
        "(docs/rulesets.md).",
    }
    groups: dict[str, list[dict[str, Any]]] = {}
    for leaf in entry["criteria"]:
        groups.setdefault(leaf["group"], []).append(leaf)
    story: dict[str, Any] | None = None
    for group, leaves in groups.items():
        gcode, gtitle = split_code(group)
        direct = len(leaves) == 1 and split_code(leaves[0]["title"])[1] == gtitle
        if not direct:
            sheet["headings"].append(
                {
                    "code": gcode,
                    "title": gtitle,
                    "part": leaves[0]["part"],
                    "parent": None,
                    "max_points": sum(max(o["points"] for o in x["options"]) for x in leaves),
                }
            )
        for leaf in leaves:
            code, title = split_code(leaf["title"])
            notes: list[str] = []
            m = re.fullmatch(r"(.*?)\s*\((.*)\)", title)
            if m:
                title, notes = m.group(1), [m.group(2)]
            crit: dict[str, Any] = {
                "code": gcode if direct else code,
                "title": title,
                "part": leaf["part"],
                "parent": None if direct else gcode,
                "max_points": max(o["points"] for o in leaf["options"]),
            }
            opts: list[dict[str, Any]] = []
            counters: dict[str | None, int] = {}
            for o in leaf["options"]:
                label, case = o["label"], None
                for key, text in (("a", CASE_A), ("b", CASE_B)):
                    if label.endswith(f"({text})"):
                        label, case = label[: -len(text) - 2].strip(), key
                n = counters.get(case, 0)
                counters[case] = n + 1
                opt = {
                    "key": f"{case}{n + 1}" if case else KEYS[n],
                    "label": label,
                    "points": o["points"],
                    "min_stars": None,
                }
                if case:
                    opt["case"] = case
                opts.append(opt)
            if counters.keys() - {None}:
                crit["cases_note"] = CASE_NOTE
                crit["cases"] = [{"key": "a", "label": CASE_A}, {"key": "b", "label": CASE_B}]
            if code == "5.1":
                story = crit
                notes = []
            elif code in ("5.2", "5.3"):
                assert story is not None
                crit["applies_if"] = {
                    "criterion": "5.1",
                    "options": [
                        o["key"] for o in story["options"] if not o["label"].startswith("Không")
                    ],
                    "text": STORY_NOTE if code == "5.3" else STORY_5_1,
                }
                notes = []
            if direct and gtitle != "TÍNH ĐỘC ĐÁO" and gcode == "8":
                crit["errata"] = [
                    {
                        "field": "title",
                        "printed": gtitle,
                        "used": "TÍNH ĐỘC ĐÁO",
                        "kind": "header_contradiction",
                        "reason": "The second transcription titles group 8 of this sheet "
                        "'CÔNG BỐ CHẤT LƯỢNG SẢN PHẨM' (the title of group 9) while its options "
                        "are those of Tính độc đáo (Trung bình / Tương đối độc đáo / Độc đáo / "
                        "Rất độc đáo, 0/1/3/5), which is group 8 on every food sheet of both "
                        "sources. Titled by its options; the points are as printed.",
                    }
                ]
                crit["title"] = "TÍNH ĐỘC ĐÁO"
            if notes:
                crit["notes"] = [{"kind": "note", "text": f"({n})"} for n in notes]
            crit["options"] = opts
            sheet["criteria"].append(crit)
    return sheet


def parse_notes(text: str) -> tuple[dict[int, dict[str, Any]], dict[str, Any]]:
    """The first transcription as tabled in the notes: the 26 sheets of 1048 (3 and 26
    missing) and the post-781 tourism sheet, before reconciliation."""
    body = text.split("## 10. Full score sheets", 1)[1]
    chunks = re.split(r"^#### S(\d\d)\. (.+)$", body, flags=re.M)
    sheets: dict[int, dict[str, Any]] = {}
    tourism: dict[str, Any] | None = None
    for i in range(1, len(chunks), 3):
        number, name, chunk = int(chunks[i]), chunks[i + 1].strip(), chunks[i + 2]
        name = re.sub(r"\s+", " ", name)
        if "**Not available**" in chunk:
            sheets[number] = missing_sheet(
                number,
                name,
                I1048,
                "Not found in any source: the 2022 database has the product type but no "
                "criteria, and no other copy was found (reference notes §7.2).",
            )
            continue
        if number == 26:
            tourism = parse_sheet(number, name, chunk, I781)
            tourism["verified"] = False
            tourism["verification_note"] = (
                "Transcribed from a 2022 database; that 781/QĐ-TTg replaced the tourism sheet "
                "is probable but not confirmed by any text seen (reference notes §6.6). The "
                "second transcription (congnn1107/ocop_project) has no copy of this sheet: "
                "its sheet 26 is the pre-781 one, incomplete (docs/rulesets.md)."
            )
            sheets[number] = missing_sheet(
                number,
                CLASSIFICATION_1048[-1][1],
                I1048,
                "The tourism sheet in force before 781/QĐ-TTg (Dịch vụ du lịch – truyền thống "
                "– lễ hội) was not found complete: the first transcription has only the "
                "post-781 sheet; the second (congnn1107/ocop_project, tb_bo_tieu_chi) has "
                "this sheet, but its parts sum to 34/25/15 of 35/25/40 (docs/rulesets.md).",
            )
            continue
        sheets[number] = parse_sheet(number, name, chunk, I1048)
    assert tourism is not None
    assert sorted(sheets) == list(range(1, 27))
    return sheets, tourism


def first_transcription(text: str) -> dict[int, dict[str, Any]]:
    """The 26 sheets of the first transcription, unreconciled (for the reconciler)."""
    return parse_notes(text)[0]


def main(notes_path: str, out_dir: str) -> None:
    sheets, tourism = parse_notes(Path(notes_path).read_text(encoding="utf-8"))
    second = json.loads(SECOND_SOURCE.read_text(encoding="utf-8"))
    reconcile(sheets, second)
    for sheet in [*sheets.values(), tourism]:
        if sheet["criteria"]:
            finish(sheet)
            add_knockouts(sheet)
    out = Path(out_dir)
    for kind, data in (("1048", [sheets[n] for n in range(1, 27)]), ("781", [tourism])):
        rs = ruleset(kind, data)
        (out / rs["id"]).mkdir(parents=True, exist_ok=True)
        with open(out / rs["id"] / "catalogue.json", "w", encoding="utf-8") as f:
            json.dump(rs, f, ensure_ascii=False, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
