"""Draft the catalogue file of Quyết định 26/2026/QĐ-TTg from the text of the decision.

Usage (from the repository root)::

    python tools/extract_qd26.py [PATH-TO-qd-26-2026.txt]

It reads the plain-text rendering of the decision (by default
``../shared/reference/laws/qd-26-2026.txt``; the text itself is never copied into this
repository), parses Phụ lục II row by row, and writes
``src/ocop/criteria/rulesets/qd26-2026/catalogue.json``.

* It is deterministic: the same text gives the same file, byte for byte
  (``tests/test_extraction.py`` checks that the committed file is exactly its output).
* It never fixes a value silently. Every place where the text breaks an invariant must be
  listed in ``ERRATA`` below with the value used and the reasoning, or the run stops with
  ``UNEXPLAINED ANOMALY``; an ``ERRATA`` entry the text no longer needs also stops it.
* English labels come from ``tools/qd26_labels_en.json`` (Vietnamese text -> English).

This is a development tool, not part of the installed package.
"""

import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SRC = (
    Path(sys.argv[1])
    if len(sys.argv) > 1
    else ROOT.parent / "shared" / "reference" / "laws" / "qd-26-2026.txt"
)
LABELS = ROOT / "tools" / "qd26_labels_en.json"
RULESETS = ROOT / "src" / "ocop" / "criteria" / "rulesets"
OUT = Path(sys.argv[2]) if len(sys.argv) > 2 else RULESETS / "qd26-2026" / "catalogue.json"
L = [unicodedata.normalize("NFC", x) for x in SRC.read_text(encoding="utf-8").split("\n")]
INSTR = "26/2026/QĐ-TTg"
ANNEX_II, ANNEX_III = L.index("PHỤ LỤC II"), L.index("PHỤ LỤC III")
starts = [
    i
    for i, s in enumerate(L)
    if re.match(r"^\d+\. (Bộ sản phẩm: |Sản phẩm )", s) and ANNEX_II < i < ANNEX_III
] + [ANNEX_III]
code_re = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(.*?)\s*\|\s*(\S.*?)?\s*$")
opt_re = re.compile(r"^(□|o )\s*(.*?)\s*\|\s*(.*?)\s*$")
part_re = re.compile(r"^(?:Phần|PHẦN) ([ABC]):?\s+(.*?)\s*\|\s*(\d+)\s*$")
marker_re = re.compile(r"\s*((?:\*\s*){3,5})$")
case_re = re.compile(r"^([ab])\. (Trường hợp \d): (.*?)\s*\|?\s*$")

# ---- anomalies: (sheet, location, field) -> (used value, kind, reason)
SIB = "the same criterion in the sibling sets of Phụ lục II"
ERRATA: dict[tuple[int, str, str], tuple[int | str, str, str]] = {
    (4, "1.2/a", "points"): (
        0,
        "empty_cell",
        (
            "The points cell of the lowest option is empty. Every other set that has this "
            'criterion (1.2, "Không được cấp giấy chứng nhận chất lượng") prints 0, and an option '
            "that earns nothing is worth 0."
        ),
    ),
    (7, "1.2/a", "points"): (
        0,
        "empty_cell",
        (
            "The points cell of the lowest option is empty. Every other set that has this "
            "criterion prints 0 for it."
        ),
    ),
    (10, "1.2/a", "points"): (
        0,
        "empty_cell",
        (
            "The points cell of the lowest option is empty. Every other set that has this "
            "criterion prints 0 for it."
        ),
    ),
    (11, "1.2/a", "points"): (
        0,
        "empty_cell",
        (
            "The points cell of the lowest option is empty. Every other set that has this "
            "criterion prints 0 for it."
        ),
    ),
    (4, "7/c", "points"): (
        3,
        "over_maximum",
        (
            "Printed 13 for a criterion whose maximum is 3; 13 cannot be scored. Set 1 criterion "
            '7 (same wording, "Có trên 2 chỉ tiêu") prints 3, and 3 is the criterion maximum, so '
            "3 is used."
        ),
    ),
    (11, "6.1.1/b", "points"): (
        1,
        "over_maximum",
        (
            "Printed 11 for a criterion whose maximum is 2, between options worth 0 and 2; 11 "
            "cannot be scored. The only value that keeps the options ascending and unique is 1, "
            "and set 13 criterion 6.1.1 scores the middle option 1."
        ),
    ),
    (7, "3.1/b", "points"): (
        1,
        "equal_points",
        (
            "Options a and b are both printed as 1, while every other set prints 1/2/3 for this "
            'criterion ("Loại hình tổ chức sản xuất - kinh doanh"). The printed value is a '
            "possible score, so it is kept and scored as printed; 2 is the likely intended value. "
            "Answers naming this criterion by points 1 are ambiguous and must use the option key."
        ),
    ),
    (23, "6.2/b", "points"): (
        1,
        "equal_points",
        (
            "Options a and b are both printed as 1 (in the sibling sets of the ornamental group, "
            '24 prints 1/2/4 and 25 prints 1/3/5 for "Màu sắc"). The printed value is a possible '
            "score, so it is kept and scored as printed. Answers naming this criterion by points "
            "1 are ambiguous and must use the option key."
        ),
    ),
    (23, "9", "max_points"): (
        4,
        "malformed_cell",
        (
            'The maximum cell reads "4 1" (a stray footnote or typing mark). The options are '
            "worth 2 and 4 and Part C sums to its 35 points only with 4, so 4 is used."
        ),
    ),
    (26, "A", "title"): (
        "SẢN PHẨM VÀ SỨC MẠNH CỘNG ĐỒNG (40 Điểm)",
        "header_contradiction",
        (
            'The Part A header text says "(35 Điểm)" while its points cell says 40; the criteria '
            "of Part A sum to 40 and Điều 3.1.a gives Part A 40 points, so 40 is used."
        ),
    ),
    (1, "header", "disqualification"): (
        "1 condition",
        "duplicated_line",
        (
            'The "Hồ sơ bị loại khi" line is printed twice in a row with identical text; it is '
            "one condition."
        ),
    ),
}
used_errata: set[tuple[int, str, str]] = set()


def erratum(sheet: int, loc: str, field: str, printed: str) -> tuple[Any, dict[str, Any]]:
    k = (sheet, loc, field)
    if k not in ERRATA:
        raise SystemExit(f"UNEXPLAINED ANOMALY {k}: printed {printed!r}")
    used_errata.add(k)
    v, kind, reason = ERRATA[k]
    return v, {"field": field, "printed": printed, "used": v, "kind": kind, "reason": reason}


KNOCK = [  # (regex on note text, key, effect)
    (
        r"Bị loại nếu sử dụng toàn bộ nguyên liệu nhập khẩu",
        "imported_or_unknown_materials",
        "disqualify",
    ),
    (r"Bị loại nếu phát hiện giống hệt", "copy_of_other_product", "disqualify"),
    (
        r"Không đánh giá những sản phẩm có tính phổ biến",
        "common_product_without_distinction",
        "disqualify",
    ),
    (r"Nếu sản phẩm vi phạm sở hữu trí tuệ", "ip_infringement", "disqualify"),
    (r"Nếu được 0 điểm tại một trong các chỉ tiêu trên", "zero_sensory_score", "skip_rest"),
    (r"nếu không có Phiếu công bố", "no_product_declaration", "skip_rest"),
    (
        r"Không xem xét các chỉ tiêu khác nếu sản phẩm có các tạp chất",
        "unsafe_impurities",
        "skip_rest",
    ),
    (r"tạp chất.*không đánh giá các bước tiếp theo", "unsafe_impurities", "skip_rest"),
]


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


sheets: list[dict[str, Any]] = []
for si in range(len(starts) - 1):
    a, b = starts[si], starts[si + 1]
    m = re.match(r"^(\d+)\. (?:Bộ sản phẩm: )?(.*)$", L[a])
    assert m is not None, L[a]
    num = int(m.group(1))
    sheet: dict[str, Any] = {
        "number": num,
        "name": m.group(2).strip(),
        "printed_classification": L[a + 1].strip().strip("()"),
        "source": f"Phụ lục II, mục {num}",
        "conditions": [],
        "headings": [],
        "criteria": [],
        "errata": [],
    }
    part: str | None = None
    last: dict[str, Any] | None = None
    case: str | None = None
    nodes: list[dict[str, Any]] = []
    disq: list[str] = []
    for i in range(a + 1, b):
        s = L[i].rstrip()
        if not s.strip():
            continue
        if s.startswith("Hồ sơ bị loại khi") or s.startswith("Bị loại khi"):
            disq.append(s.split(":", 1)[1].strip())
            continue
        pm = part_re.match(s)
        if pm:
            part = pm.group(1)
            title = pm.group(2)
            want = {"A": 40, "B": 25, "C": 35}[part]
            if f"({want} Điểm)".lower() not in title.lower():
                v, e = erratum(num, part, "title", title)
                e["location"] = f"Phần {part}"
                sheet["errata"].append(e)
            if int(pm.group(3)) != want:
                raise SystemExit(f"part cell {num} {part}")
            last = None
            continue
        if s.startswith("TỔNG CỘNG"):
            assert s.split("|")[-1].strip() == "100"
            part = None
            last = None
            continue
        if part is None:
            continue
        om = opt_re.match(s)
        if om:
            label, pts = om.group(2), om.group(3)
            inline = None
            if " Ghi chú: " in label:
                label, inline = label.split(" Ghi chú: ", 1)
            mk = marker_re.search(label)
            ms = None
            if mk:
                ms = mk.group(1).count("*")
                label = label[: mk.start()].rstrip()
            assert "*" not in label, (num, label)
            o: dict[str, Any] = {"label": label, "points_printed": pts, "min_stars": ms}
            if case:
                o["case"] = case
            assert last is not None, (num, s)
            last["options"].append(o)
            if inline:
                last["notes"].append("Ghi chú: " + inline.strip())
            continue
        cm = case_re.match(s)
        if cm and last is not None:
            case = cm.group(1)
            last.setdefault("cases", []).append(
                {"key": cm.group(1), "label": f"{cm.group(2)}: {cm.group(3).rstrip(' |')}"}
            )
            continue
        mm = code_re.match(s)
        if mm:
            title = mm.group(2).strip()
            req = None
            if " Yêu cầu: " in title:
                title, req = title.split(" Yêu cầu: ", 1)
            n: dict[str, Any] = {
                "code": mm.group(1),
                "title": title,
                "max_printed": (mm.group(3) or "").strip(),
                "part": part,
                "options": [],
                "notes": [],
            }
            if req:
                n["notes"].append("Yêu cầu: " + req.strip())
            nodes.append(n)
            last = n
            case = None
            continue
        assert last is not None, (num, s)
        t = s.rstrip(" |").strip()
        if t.startswith("(") and not last["options"] and not last["notes"]:
            last["title"] += " " + t
            continue
        last["notes"].append(t)
    # disqualification conditions
    uniq: list[str] = []
    for t in disq:
        if t in uniq:
            v, e = erratum(num, "header", "disqualification", t)
            e["location"] = "Hồ sơ bị loại khi"
            sheet["errata"].append(e)
            continue
        uniq.append(t)
    for t in uniq:
        sheet["conditions"].append(
            {
                "key": "dossier_rejected",
                "effect": "disqualify",
                "trigger": "flag",
                "text": "Hồ sơ bị loại khi: " + t,
                "printed_at": None,
            }
        )
    codes = [n["code"] for n in nodes]
    parents: set[str] = set()
    for n in nodes:
        p = n["code"].rsplit(".", 1)[0] if "." in n["code"] else None
        n["parent"] = p if p in codes else None
        if p and p not in codes:
            raise SystemExit(f"orphan {num} {n['code']}")
        if n["parent"]:
            parents.add(n["parent"])
    order = [n["code"] for n in nodes if n["code"] not in parents]
    for n in nodes:
        try:
            mx = int(n["max_printed"])
        except ValueError:
            mx, e = erratum(num, n["code"], "max_points", n["max_printed"])
            e["location"] = n["code"]
            sheet["errata"].append(e)
        base: dict[str, Any] = {
            "code": n["code"],
            "title": n["title"],
            "part": n["part"],
            "parent": n["parent"],
            "max_points": mx,
        }
        errs = [x for x in sheet["errata"] if x.get("location") == n["code"]]
        for x in errs:
            sheet["errata"].remove(x)
            x.pop("location")
        if errs:
            base["errata"] = errs
        if n["code"] in parents:
            assert not n["options"], (num, n["code"])
            assert not n["notes"], (num, n["code"])
            sheet["headings"].append(base)
            continue
        crit = dict(base)
        notes: list[dict[str, str]] = []
        for t in n["notes"]:
            hit = [k for k in KNOCK if re.search(k[0], t)]
            if hit:
                _, key, eff = hit[0]
                c: dict[str, Any] = {
                    "key": key,
                    "effect": eff,
                    "trigger": "flag",
                    "text": t,
                    "printed_at": n["code"],
                }
                if key == "zero_sensory_score":
                    sibs = [
                        x["code"]
                        for x in nodes
                        if x["parent"] == n["parent"] and x["code"] not in parents
                    ]
                    c["trigger"] = "zero_on"
                    c["zero_on"] = sibs[: sibs.index(n["code"]) + 1]
                if eff == "skip_rest":
                    c["skips"] = order[order.index(n["code"]) + 1 :]
                sheet["conditions"].append(c)
                continue
            if t.startswith("Chỉ áp dụng khi có câu chuyện"):
                crit["applies_if"] = {"criterion": "5.1", "options": None, "text": t}
                continue
            if t.startswith("Lựa chọn một trong"):
                crit["cases_note"] = t
                continue
            notes.append({"kind": "requirement" if t.startswith("Yêu cầu") else "note", "text": t})
        if notes:
            crit["notes"] = notes
        if "cases" in n:
            crit["cases"] = n["cases"]
        opts: list[dict[str, Any]] = []
        letters = "abcdefghij"
        counter: dict[str | None, int] = {}
        for o in n["options"]:
            cs = o.get("case")
            counter[cs] = counter.get(cs, 0) + 1
            key = (cs + str(counter[cs])) if cs else letters[counter[cs] - 1]
            oo: dict[str, Any] = {"key": key, "label": o["label"]}
            try:
                pts = int(o["points_printed"])
                err = None
            except ValueError:
                pts, err = erratum(num, f"{n['code']}/{key}", "points", o["points_printed"])
            if err is None and (
                pts > mx
                or (n["code"], key)
                in [
                    (k[1].split("/")[0], k[1].split("/")[1])
                    for k in ERRATA
                    if k[0] == num and "/" in k[1]
                ]
            ):
                pts, err = erratum(num, f"{n['code']}/{key}", "points", o["points_printed"])
            oo["points"] = pts
            oo["min_stars"] = o["min_stars"]
            if cs:
                oo["case"] = cs
            if err:
                oo["errata"] = [err]
            opts.append(oo)
        if not opts:
            crit["binary"] = True
        crit["options"] = opts
        sheet["criteria"].append(crit)
    for c in sheet["criteria"]:
        if "applies_if" in c:
            ref = next(x for x in sheet["criteria"] if x["code"] == "5.1")
            c["applies_if"]["options"] = [
                o["key"] for o in ref["options"] if not o["label"].startswith("Không có câu chuyện")
            ]
    sheets.append(sheet)
missing = set(ERRATA) - used_errata
if missing:
    raise SystemExit(f"errata not found in text: {missing}")

# ---- Phụ lục I: the classification (product groups -> groups -> subgroups -> sheets)
ANNEX_I = L.index("PHỤ LỤC I")
MINISTRIES_EN = {
    "Bộ Nông nghiệp và Môi trường": "Ministry of Agriculture and Environment",
    "Bộ Công Thương": "Ministry of Industry and Trade",
    "Bộ Y tế": "Ministry of Health",
    "Bộ Văn hóa, Thể thao và Du lịch": "Ministry of Culture, Sports and Tourism",
}
classification: list[dict[str, Any]] = []
leaf_no = 0
pg: str | None = None
grp: str | None = None
for row in L[ANNEX_I + 3 : ANNEX_II]:
    if row.startswith("_"):
        break
    code, name, ministries = [x.strip() for x in row.split("|")]
    level = (
        "product_group"
        if re.fullmatch(r"[IVX]+", code)
        else "group"
        if code.isdigit()
        else "subgroup"
    )
    name = re.sub(r"^(Nhóm|Phân nhóm): ", "", name)
    if level == "product_group":
        pg = code
        full = code
        parent = None
    elif level == "group":
        grp = f"{pg}.{code}"
        full = grp
        parent = pg
    else:
        full = f"{grp}.{code}"
        parent = grp
    entry: dict[str, Any] = {"code": full, "level": level, "name": name, "parent": parent}
    if ministries:
        leaf_no += 1
        entry["ministries"] = [m.strip() for m in ministries.split(";")]
        entry["sheet"] = leaf_no
        entry["ministries_en"] = [MINISTRIES_EN[m] for m in entry["ministries"]]
    classification.append(entry)
assert leaf_no == 26, leaf_no

# ---- assemble the rule set
en: dict[str, str] = json.loads(LABELS.read_text(encoding="utf-8"))


def src(p: str) -> dict[str, str]:
    return {"instrument": INSTR, "provision": p}


for c in classification:
    c["name_en"] = en[c["name"]]
for sh in sheets:
    sh["name_en"] = en[sh["name"]]
    for h in sh["headings"]:
        h["title_en"] = en[h["title"]]
    for c in sh["criteria"]:
        c["title_en"] = en[c["title"]]
        for k in c.get("cases", []):
            k["label_en"] = en[k["label"]]
    for e in sh["errata"]:
        if e["kind"] == "duplicated_line":
            e["used"] = e["printed"]
            e["reason"] = (
                'The "Hồ sơ bị loại khi" line is printed twice in a row with identical text; '
                "it is kept as one condition."
            )
    sh["source"] = src(sh["source"])
rs: dict[str, Any] = {
    "format_version": 1,
    "id": "qd26-2026",
    "title": "Bộ tiêu chí đánh giá, phân hạng sản phẩm OCOP theo Quyết định 26/2026/QĐ-TTg",
    "instrument": {
        "number": INSTR,
        "title": (
            "Quyết định ban hành Bộ tiêu chí và quy trình đánh giá, phân hạng sản phẩm mỗi xã một "
            "sản phẩm"
        ),
        "signed": "2026-05-22",
        "signer": "KT. Thủ tướng, Phó Thủ tướng Hồ Quốc Dũng",
        "url": "https://vanban.chinhphu.vn/?classid=1&docid=218267",
    },
    "amends": None,
    "in_force_from": "2026-05-22",
    "in_force_until": None,
    "source": src("Điều 3; Điều 11.1; Phụ lục II"),
    "verified": True,
    "verification_note": (
        "Encoded from a plain-text rendering of a public HTML transcript of the signed decision "
        "(Điều 1-13, Phụ lục I-III). Every criterion, maximum, option, point value and marker "
        "was extracted mechanically and is re-checked against that text by the test suite when "
        "the text is available; the gazette (Công báo) copy has not been compared. Anomalies of "
        "the printed text are recorded as errata."
    ),
    "parts": [
        {
            "code": "A",
            "title": "Các tiêu chí đánh giá về sản phẩm và sức mạnh cộng đồng",
            "title_en": "Product and community strength",
            "max_points": 40,
            "source": src("Điều 3.1.a"),
        },
        {
            "code": "B",
            "title": "Các tiêu chí đánh giá về khả năng tiếp thị",
            "title_en": "Marketing capacity",
            "max_points": 25,
            "source": src("Điều 3.1.b"),
        },
        {
            "code": "C",
            "title": "Các tiêu chí đánh giá về chất lượng sản phẩm",
            "title_en": "Product quality",
            "max_points": 35,
            "source": src("Điều 3.1.c"),
        },
    ],
    "bands": [
        {"stars": 1, "lower": "0", "upper": "30", "source": src("Điều 3.3.đ")},
        {"stars": 2, "lower": "30", "upper": "50", "source": src("Điều 3.3.d")},
        {"stars": 3, "lower": "50", "upper": "70", "source": src("Điều 3.3.c")},
        {"stars": 4, "lower": "70", "upper": "90", "source": src("Điều 3.3.b")},
        {"stars": 5, "lower": "90", "upper": None, "source": src("Điều 3.3.a")},
    ],
    "rounding": {
        "places": 2,
        "mode": "ROUND_HALF_UP",
        "note": (
            "The decision does not say how the average is rounded. "
            "The star band is decided on the exact average (a fraction); 69.995 is below 70. "
            "Averages are displayed with 2 decimal places, rounded half up."
        ),
    },
    "marker_legend": src(
        'Phụ lục II, ghi chú cuối mỗi phiếu: "Dấu sao là yêu cầu tối thiểu phải đạt theo các '
        'cấp độ sao (*** - 3 sao; **** - 4 sao; ***** - 5 sao)"'
    ),
    "classification": classification,
    "sheets": sheets,
}
with open(OUT, "w", encoding="utf-8") as f:
    json.dump(rs, f, ensure_ascii=False, indent=1)
    f.write("\n")
print("wrote", OUT)
