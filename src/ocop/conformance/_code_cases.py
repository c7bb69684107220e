"""The product-code cases: codes that parse, and codes refused with the reason.

The valid codes are built from the parts' rules of :mod:`ocop.certificates.codes` (the
widths, the province table of Quyết định 19/2025/QĐ-TTg, the years either side of the day
the district level ended); each invalid code is a valid one with one part broken. The
expected value is what :func:`ocop.certificates.parse_product_code` gives: the code-parse
document's parts, or the refusal's error type. Commune codes are not checked (only
``ocop code parse --check-commune`` does, with an optional extra), so the commune parts
are any five digits.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ocop._source import Source
from ocop.certificates.codes import CODE_SOURCE, province_table
from ocop.conformance._answer import answer
from ocop.criteria import registry

__all__ = ["code_cases"]

#: The fields of the code-parse document compared (the province list's source is not).
_FIELDS = ("code", "format", "province", "province_name", "district", "commune", "sequence", "year")
_COMMUNE = "10001"
_DISTRICT = "101"


def _clause(source: Source) -> dict[str, str]:
    doc = {"instrument": source.instrument, "provision": source.provision}
    if source.url is not None:
        doc["url"] = source.url
    return doc


def _case(id_: str, clause: Source, description: str, code: str) -> dict[str, Any]:
    request = {"code": code}
    doc, refused = answer("code-parse", request)
    return {
        "id": f"codes/{id_}",
        "kind": "code-parse",
        "group": "codes",
        "clause": _clause(clause),
        "description": description,
        "request": request,
        "expected": {"error": doc["type"]} if refused else {k: doc[k] for k in _FIELDS},
    }


def code_cases() -> list[dict[str, Any]]:
    """Every province's code, the edges of each part, and one break of each rule."""
    return list(_valid()) + list(_invalid())


def _years() -> tuple[int, int]:
    """The first year of a 26/2026 code and the last year of a code with a district part:
    both the year the district level ended (``shared.json``)."""
    year = registry.districts_abolished().on.year
    return year, year


def _valid() -> Iterator[dict[str, Any]]:
    table = province_table()
    first, _ = _years()
    for province in table.provinces:
        code = f"{province.code}-{_COMMUNE}-1-{first + 1}"
        yield _case(
            f"valid/province-{province.code}",
            table.source,
            f"a T-X-STT-YYYY code of {province.name} (province code {province.code})",
            code,
        )
    some = table.provinces[0].code
    for label, code in (
        ("first-year", f"{some}-{_COMMUNE}-1-{first}"),
        ("last-year-2099", f"{some}-{_COMMUNE}-1-2099"),
        ("sequence-leading-zeros", f"{some}-{_COMMUNE}-007-{first + 1}"),
        ("sequence-six-digits", f"{some}-{_COMMUNE}-999999-{first + 1}"),
    ):
        yield _case(f"valid/{label}", CODE_SOURCE, f"a valid code: {label}", code)
    _, last = _years()
    for label, code in (
        ("with-district-last-year", f"{some}-{_DISTRICT}-{_COMMUNE}-2-{last}"),
        ("with-district-2000", f"{some}-{_DISTRICT}-{_COMMUNE}-2-2000"),
    ):
        yield _case(
            f"valid/{label}",
            registry.districts_abolished().source,
            f"an older T-H-X-STT-YYYY code with a district part: {label}",
            code,
        )


def _invalid() -> Iterator[dict[str, Any]]:
    table = province_table()
    first, last = _years()
    some = table.provinces[0].code
    known = {p.code for p in table.provinces}
    unknown = next(f"{n:02d}" for n in range(1, 100) if f"{n:02d}" not in known)
    good = f"{some}-{_COMMUNE}-1-{first + 1}"
    broken = {
        "too-long": f"{some}-{_COMMUNE}-1-{first + 1}" + "0" * 30,
        "trailing-space": good + " ",
        "en-dash": good.replace("-", "\u2013", 1),
        "three-parts": f"{some}-{_COMMUNE}-{first + 1}",
        "six-parts": f"{some}-{_DISTRICT}-{_COMMUNE}-1-1-{last}",
        "empty-part": f"{some}--1-{first + 1}",
        "letter-in-sequence": f"{some}-{_COMMUNE}-1a-{first + 1}",
        "non-ascii-digit": f"{some}-{_COMMUNE}-\u0661-{first + 1}",
        "province-one-digit": f"{some[1]}-{_COMMUNE}-1-{first + 1}",
        "province-three-digits": f"0{some}-{_COMMUNE}-1-{first + 1}",
        "commune-four-digits": f"{some}-{_COMMUNE[1:]}-1-{first + 1}",
        "year-two-digits": f"{some}-{_COMMUNE}-1-{str(first + 1)[2:]}",
        "sequence-seven-digits": f"{some}-{_COMMUNE}-1000000-{first + 1}",
        "sequence-zero": f"{some}-{_COMMUNE}-0-{first + 1}",
        "district-two-digits": f"{some}-{_DISTRICT[1:]}-{_COMMUNE}-2-{last}",
    }
    for label, code in broken.items():
        yield _case(f"invalid/{label}", CODE_SOURCE, f"refused: {label}", code)
    yield _case(
        f"invalid/unknown-province-{unknown}",
        table.source,
        f"refused: {unknown} is not one of the {len(known)} provincial codes",
        f"{unknown}-{_COMMUNE}-1-{first + 1}",
    )
    ended = registry.districts_abolished()
    for label, code, why in (
        ("no-district-before", f"{some}-{_COMMUNE}-1-{first - 1}", "the commune codes start"),
        ("district-after", f"{some}-{_DISTRICT}-{_COMMUNE}-1-{last + 1}", "districts ended"),
    ):
        yield _case(
            f"invalid/{label}-{ended.on.year}",
            ended.source,
            f"refused: the year and the form disagree ({why} in {ended.on.year})",
            code,
        )
    yield _case(
        "invalid/year-2100",
        CODE_SOURCE,
        "refused: the law prints the year 20..",
        good[:-4] + "2100",
    )
