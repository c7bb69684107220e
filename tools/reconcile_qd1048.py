"""Compare the 1048/QĐ-TTg score sheets with a second, independent transcription and write
the comparison data that ``tools/extract_qd1048.py`` reconciles with.

Usage (from the repository root)::

    python tools/reconcile_qd1048.py GIT_DIR [NOTES] [OUT]

* ``GIT_DIR``: a clone (or bare mirror) of the public repository ``congnn1107/ocop_project``;
  the dump ``setup-data/database/OCOP_DB.sql`` is read at the pinned ``COMMIT`` with
  ``git show`` (table ``tb_bo_tieu_chi``: rows dated 2020-11-15, 26 sheets, 772 criteria,
  2,791 options). Nothing is fetched from the network.
* ``NOTES``: the reference notes (default ``../shared/reference/qd-1048-2019.md``): the
  first transcription, read by ``extract_qd1048.first_transcription``.
* ``OUT``: default ``tools/qd1048_second_source.json``.

The output holds only what the reconciliation needs, never the dump: for each sheet, the
second source's part sums; for every criterion whose option points differ (leaves aligned
in order within each part), the second source's code, title, option labels and points; and
the whole of sheet 3 (Gạo, ngũ cốc), which the first transcription lacks. The values are
those of a Prime Minister's decision (not protected by copyright: Luật Sở hữu trí tuệ
Điều 15.2); the repository has no licence, so none of its code or other data is copied.

It is deterministic: the same dump and notes give the same file, byte for byte.
This is a development tool, not part of the installed package.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REPOSITORY = "congnn1107/ocop_project"
PATH = "setup-data/database/OCOP_DB.sql"
COMMIT = "4d6ea0c5021f4c5455fadfabef292a25bb44c2ac"
DEFAULT_OUT = ROOT / "tools" / "qd1048_second_source.json"

# Sheet of the second source (its tb_phan_nhom_sp id) -> the library's sheet number.
# The two agree on 1-22; the second source numbers Thủ công mỹ nghệ trang trí 23,
# gia dụng 24 and Vải, may mặc 25 (the library: 24, 25, 23). Its sheet 26 is the pre-781
# tourism sheet (Dịch vụ du lịch - truyền thống - lễ hội), which the first transcription
# lacks: it is compared by its part sums only.
SHEET_MAP = {**{i: i for i in range(1, 23)}, 23: 24, 24: 25, 25: 23, 26: 26}
NAMES = {
    23: "Thủ công mỹ nghệ, trang trí",
    24: "Thủ công mỹ nghệ gia dụng",
    25: "Vải, may mặc",
    26: "Dịch vụ du lịch - truyền thống - lễ hội",
}

_STR = r"'((?:[^'\\]|\\.)*)'"
ROW = re.compile(
    rf"\(\s*(\d+),\s*(\d+),\s*{_STR},\s*(\d+),\s*{_STR},\s*(\d+),\s*{_STR},"
    rf"\s*(\d+),\s*{_STR},\s*(-?\d+),\s*'[^']*'\)"
)


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", s).strip())


def read_dump(git_dir: str) -> str:
    out = subprocess.run(
        ["git", "--git-dir", git_dir, "show", f"{COMMIT}:{PATH}"],
        check=True,
        capture_output=True,
    )
    return out.stdout.decode("utf-8")


def second_sheets(sql: str) -> dict[int, list[dict[str, Any]]]:
    """The leaves of each sheet of ``tb_bo_tieu_chi``, in order, with their options."""
    table = sql.split("INSERT INTO `tb_phan_nhom_sp`", 1)[1].split(";", 1)[0]
    names = dict(re.findall(r"\((\d+), '([^']*)', \d+\)", table))
    for k, name in NAMES.items():
        assert nfc(names[str(k)]) == name, (k, names[str(k)])
    body = sql[sql.index("INSERT INTO `tb_bo_tieu_chi`") : sql.index("CREATE TABLE `tb_nganh_sp`")]
    rows = ROW.findall(body)
    assert len(rows) == 2791, len(rows)
    out: dict[int, list[dict[str, Any]]] = {}
    seen: dict[tuple[int, ...], dict[str, Any]] = {}
    for r in rows:
        key = (int(r[0]), int(r[1]), int(r[3]), int(r[5]))
        if key not in seen:
            seen[key] = {
                "part": "ABC"[int(r[1]) - 1],
                "group": nfc(r[4]),
                "title": nfc(r[6]),
                "options": [],
            }
            out.setdefault(int(r[0]), []).append(seen[key])
        seen[key]["options"].append({"label": nfc(r[8]), "points": int(r[9])})
    assert sum(len(v) for v in out.values()) == 772
    return out


def load_extractor() -> Any:
    spec = importlib.util.spec_from_file_location(
        "extract_qd1048", ROOT / "tools/extract_qd1048.py"
    )
    assert spec is not None
    assert spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def points(crit: dict[str, Any]) -> list[int]:
    return [o["points"] for o in crit["options"]]


def compare(first: dict[int, dict[str, Any]], second: dict[int, list[dict[str, Any]]]) -> Any:
    sheets: list[dict[str, Any]] = []
    compared = agree = 0
    for k in sorted(second):
        number = SHEET_MAP[k]
        leaves = second[k]
        sums = {p: sum(max(points(c)) for c in leaves if c["part"] == p) for p in "ABC"}
        entry: dict[str, Any] = {"sheet": number, "second_sheet": k, "second_part_sums": sums}
        mine = first[number]["criteria"]
        if k == 26:
            entry["note"] = (
                "The second source's sheet 26 is the tourism sheet before 781/QĐ-TTg "
                f"({NAMES[26]}); its parts sum to {sums['A']}/{sums['B']}/{sums['C']} of "
                "35/25/40, so it cannot supply the missing pre-781 sheet; the first "
                "transcription's sheet 26 is the post-781 one: no comparison."
            )
            sheets.append(entry)
            continue
        if not mine:
            entry["criteria"] = leaves
            sheets.append(entry)
            continue
        diffs = []
        for part in "ABC":
            a = [c for c in mine if c["part"] == part]
            b = [c for c in leaves if c["part"] == part]
            for i in range(max(len(a), len(b))):
                x = a[i] if i < len(a) else None
                y = b[i] if i < len(b) else None
                if x is not None and y is not None:
                    compared += 1
                    if points(x) == points(y):
                        agree += 1
                        continue
                diffs.append(
                    {
                        "part": part,
                        "first_code": None if x is None else x["code"],
                        "first_points": None if x is None else points(x),
                        "second": y,
                    }
                )
        if diffs:
            entry["differences"] = diffs
        sheets.append(entry)
    return {
        "source": {
            "repository": REPOSITORY,
            "path": PATH,
            "commit": COMMIT,
            "table": "tb_bo_tieu_chi",
            "rows_dated": "2020-11-15",
        },
        "licence": (
            "The repository states no licence. Only values of the decision's score sheets "
            "(option labels and points of Phụ lục III of 1048/QĐ-TTg, a legal text not "
            "protected by copyright: Luật Sở hữu trí tuệ Điều 15.2) are kept, and only "
            "where the reconciliation needs them; no code or other data of the repository."
        ),
        "made_by": "tools/reconcile_qd1048.py",
        "sheet_map": {str(k): v for k, v in SHEET_MAP.items()},
        "compared": {"criteria": compared, "agree": agree},
        "sheets": sheets,
    }


def main(argv: list[str]) -> None:
    git_dir = argv[0]
    notes = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared/reference/qd-1048-2019.md"
    out = Path(argv[2]) if len(argv) > 2 else DEFAULT_OUT
    first = load_extractor().first_transcription(notes.read_text(encoding="utf-8"))
    doc = compare(first, second_sheets(read_dump(git_dir)))
    with open(out, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
