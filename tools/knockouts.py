"""Structured knock-out conditions from the notes printed on the score sheets of
1048/QĐ-TTg and 148/QĐ-TTg (used by ``extract_qd1048.py`` and ``extract_qd148.py``).

The sheets print their knock-outs as notes under a criterion ("Ghi chú: Bị loại nếu …",
"… sẽ không đánh giá các bước tiếp theo"). Each note that matches one of ``KNOCK`` becomes a
condition, as 26/2026's do (``tools/extract_qd26.py``): the note stays on the criterion as
printed, and the condition quotes it. A note that speaks of a knock-out but matches no
pattern stops the run (``UNREAD KNOCK-OUT``): nothing is dropped silently.

* "Bị loại …", "… sẽ bị loại bỏ", "Không đánh giá những sản phẩm …": ``disqualify``.
* "Không đánh giá các bước tiếp theo …", "Không xem xét các chỉ tiêu khác …": ``skip_rest``,
  skipping every criterion printed after the one that carries the note.
* "Nếu bị 0 điểm …" / "Nếu được 0 điểm tại một trong các chỉ tiêu trên …": triggered by a
  member's 0 on that criterion / on the criteria of the group up to it (``zero_on``).

This is a development tool, not part of the installed package.
"""

from __future__ import annotations

import re
from typing import Any

# (pattern, key, effect); the first pattern that matches a note wins.
KNOCK: list[tuple[str, str, str]] = [
    (r"(?i)nếu (bị|được) 0 điểm tại một trong", "zero_sensory_score", "skip_rest"),
    (r"(?i)nếu bị 0 điểm", "zero_score", "skip_rest"),
    (
        r"Bị loại nếu sử dụng toàn bộ nguyên liệu nhập khẩu",
        "imported_or_unknown_materials",
        "disqualify",
    ),
    (r"vi phạm sở hữu trí tuệ, sẽ bị loại", "ip_infringement", "disqualify"),
    (r"Bị loại nếu phát hiện giống hệt", "copy_of_other_product", "disqualify"),
    (
        r"Không đánh giá những sản phẩm có tính phổ biến",
        "common_product_without_distinction",
        "disqualify",
    ),
    (r"tạp chất", "unsafe_impurities", "skip_rest"),
    (r"đủ điều kiện ATTP", "food_safety_certificate_invalid", "skip_rest"),
    (r"đủ điều kiện sản xuất", "production_certificate_invalid", "skip_rest"),
    (r"Phiếu công bố sản phẩm mỹ phẩm", "cosmetics_notification_missing", "skip_rest"),
    (
        r"Phiếu tiếp nhận hồ sơ công bố|hồ sơ công bố tiêu chuẩn",
        "standard_declaration_missing",
        "skip_rest",
    ),
]
SPEAKS = re.compile(r"(?i)bị loại|không đánh giá|không xem xét|không chấm")


def add_knockouts(sheet: dict[str, Any]) -> None:
    """Add the conditions of *sheet* read from its criteria's notes (in printed order)."""
    crits = sheet["criteria"]
    order = [c["code"] for c in crits]
    for crit in crits:
        for note in crit.get("notes", []):
            text = note["text"]
            hit = next((k for k in KNOCK if re.search(k[0], text)), None)
            if hit is None:
                if SPEAKS.search(text):
                    raise SystemExit(f"UNREAD KNOCK-OUT sheet {sheet['number']} {crit['code']}")
                continue
            _, key, effect = hit
            cond: dict[str, Any] = {
                "key": key,
                "effect": effect,
                "trigger": "flag",
                "text": text,
                "printed_at": crit["code"],
            }
            if key in ("zero_score", "zero_sensory_score"):
                cond["trigger"] = "zero_on"
                if key == "zero_score":
                    cond["zero_on"] = [crit["code"]]
                else:
                    sibs = [c["code"] for c in crits if c["parent"] == crit["parent"]]
                    cond["zero_on"] = sibs[: sibs.index(crit["code"]) + 1]
            if effect == "skip_rest":
                cond["skips"] = order[order.index(crit["code"]) + 1 :]
                if not cond["skips"]:
                    raise SystemExit(f"NOTHING TO SKIP sheet {sheet['number']} {crit['code']}")
            keys = {c["key"] for c in sheet["conditions"]}
            if key in keys:
                n = 2
                while f"{key}_{n}" in keys:
                    n += 1
                cond["key"] = f"{key}_{n}"
            sheet["conditions"].append(cond)
