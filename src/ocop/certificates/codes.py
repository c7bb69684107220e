"""OCOP product codes (mã số sản phẩm): parse, validate and format.

Quyết định 26/2026/QĐ-TTg prints the code in the header of every sheet of Phụ lục II
as ``(T)-(X)-(STT)-20..``: T the province code, X the commune code (both per Quyết định
19/2025/QĐ-TTg), STT the product's sequence number kept by the commune, and the year of
evaluation. Codes from before the 2025 reorganisation carried a district part as well,
``T-H-X-STT-YYYY`` (seen in the national scoring software; no rule text was found).

>>> code = parse_product_code("68-24781-12-2026")
>>> code.format.value, code.province, code.commune, code.sequence, code.year
('qd26-2026', '68', '24781', '12', 2026)
>>> code.province_name
'Tỉnh Lâm Đồng'
>>> str(code)
'68-24781-12-2026'
>>> parse_product_code("83-832-28882-2-2022").format.value
'with_district'
>>> parse_product_code("68-24781-12-2024")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
ocop.errors.InvalidProductCode: code: year 2024 is before 2025: the commune codes of ...
"""

from __future__ import annotations

import enum
import importlib
from datetime import date

import attrs

from ocop.certificates.provinces import Province, ProvinceTable, province_table
from ocop.criteria.model import Source
from ocop.errors import InvalidProductCode, MissingExtra, show

__all__ = [
    "CodeFormat",
    "Commune",
    "ProductCode",
    "Province",
    "ProvinceTable",
    "format_product_code",
    "lookup_commune",
    "parse_product_code",
    "province_table",
]


def _districts_abolished() -> date:
    """The day the district level ended (``shared.json``); later codes have no district part."""
    from ocop.criteria import registry

    return registry.districts_abolished().on


CODE_SOURCE = Source(
    instrument="26/2026/QĐ-TTg",
    provision="Phụ lục II, phần đầu mỗi bộ sản phẩm (Mã số sản phẩm (T)-(X)-(STT)-20..)",
)


class CodeFormat(enum.StrEnum):
    QD26_2026 = "qd26-2026"
    """``T-X-STT-YYYY``: province, commune (Quyết định 19/2025/QĐ-TTg), sequence, year."""
    WITH_DISTRICT = "with_district"
    """``T-H-X-STT-YYYY``: the older form with a 3-digit district code (before July 2025)."""


@attrs.frozen(kw_only=True)
class ProductCode:
    """A parsed product code. Parts are kept as printed (digit strings), the year as an int."""

    format: CodeFormat
    province: str
    commune: str
    sequence: str
    year: int
    district: str | None = None

    def __str__(self) -> str:
        parts = [self.province]
        if self.district is not None:
            parts.append(self.district)
        parts += [self.commune, self.sequence, str(self.year)]
        return "-".join(parts)

    @property
    def number(self) -> int:
        """The sequence number as an integer (``"007"`` is 7)."""
        return int(self.sequence)

    @property
    def province_name(self) -> str | None:
        """The province's name for a 26/2026 code (``None`` for the older form)."""
        if self.format is not CodeFormat.QD26_2026:
            return None
        province = province_table().get(self.province)
        return None if province is None else province.name


_PARTS = {
    4: ("province", "commune", "sequence", "year"),
    5: ("province", "district", "commune", "sequence", "year"),
}
_WIDTH = {"province": 2, "district": 3, "commune": 5, "year": 4}
#: The most digits of a sequence number (STT): a commune numbers its products from 1.
_MAX_SEQUENCE = 6
#: The longest code read: ``T-H-X-STT-YYYY`` with the longest STT has 24 characters.
_MAX_CODE = 32
#: An integer part beyond this has more digits than a whole code (format_product_code).
_MAX_PART = 10**_MAX_CODE
_LABEL = {
    "province": "province code (T)",
    "district": "district code (H)",
    "commune": "commune code (X)",
    "sequence": "sequence number (STT)",
    "year": "year of evaluation",
}
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212"


def _fail(path: str, text: object, message: str) -> InvalidProductCode:
    return InvalidProductCode(path, text, message)


def parse_product_code(text: str, *, path: str = "code") -> ProductCode:
    """Parse *text* as a 26/2026 code or as an older code with a district part.

    The number of parts tells the forms apart: four (``T-X-STT-YYYY``) or five
    (``T-H-X-STT-YYYY``). Nothing is coerced: spaces, other dashes and letters are errors
    that name the part at fault; parts are ASCII digits, a sequence number at most 6 of
    them (a code at most 32 characters). A 26/2026 code must name one of the 34 provincial codes
    and a year from 2025; a code with a district part a year up to 2025.
    """
    if not isinstance(text, str):
        raise _fail(path, text, f"a product code is text, got {type(text).__name__}")
    if not text:
        raise _fail(path, text, "empty product code")
    if len(text) > _MAX_CODE:
        raise _fail(
            path,
            text[:_MAX_CODE] + "…",
            f"a product code has at most {_MAX_CODE} characters, got {len(text):,}",
        )
    if text != text.strip():
        raise _fail(path, text, f"{show(text)} has leading or trailing spaces")
    for ch in text:
        if ch in _DASHES:
            raise _fail(path, text, f"{show(text)} uses {show(ch)}; separate the parts with '-'")
    parts = text.split("-")
    names = _PARTS.get(len(parts))
    if names is None:
        raise _fail(
            path,
            text,
            f"{show(text)} has {len(parts)} part(s); expected 4 (T-X-STT-YYYY, 26/2026) "
            "or 5 (T-H-X-STT-YYYY, before July 2025)",
        )
    values = dict(zip(names, parts, strict=True))
    for name, value in values.items():
        label = _LABEL[name]
        if not value:
            raise _fail(path, text, f"the {label} is empty")
        if not (value.isascii() and value.isdigit()):
            raise _fail(path, text, f"the {label} {show(value)} must be digits only")
        width = _WIDTH.get(name)
        if width is not None and len(value) != width:
            raise _fail(path, text, f"the {label} {show(value)} must have {width} digits")
        if width is None and len(value) > _MAX_SEQUENCE:
            raise _fail(
                path, text, f"the {label} {show(value)} has more than {_MAX_SEQUENCE} digits"
            )
        if int(value) == 0:
            raise _fail(path, text, f"the {label} {show(value)} cannot be zero")
    year = int(values["year"])
    if len(parts) == 4:
        province = province_table().get(values["province"])
        if province is None:
            raise _fail(
                path,
                text,
                f"the province code {show(values['province'])} is not one of the 34 provincial "
                "units of Quyết định 19/2025/QĐ-TTg",
            )
        if year < _districts_abolished().year:
            raise _fail(
                path,
                text,
                f"year {year} is before 2025: the commune codes of Quyết định 19/2025/QĐ-TTg "
                f"apply from {_districts_abolished().isoformat()} (a pre-2025 code has a district "
                "part: T-H-X-STT-YYYY)",
            )
        if year > 2099:
            raise _fail(path, text, f"year {year} is not of the form 20.. printed in the law")
        return ProductCode(
            format=CodeFormat.QD26_2026,
            province=values["province"],
            commune=values["commune"],
            sequence=values["sequence"],
            year=year,
        )
    if year > _districts_abolished().year:
        raise _fail(
            path,
            text,
            f"a code with a district part cannot be from {year}: the district level was "
            f"abolished on {_districts_abolished().isoformat()} (use T-X-STT-YYYY)",
        )
    if year < 2000:
        raise _fail(path, text, f"year {year} is not a plausible year of evaluation")
    return ProductCode(
        format=CodeFormat.WITH_DISTRICT,
        province=values["province"],
        district=values["district"],
        commune=values["commune"],
        sequence=values["sequence"],
        year=year,
    )


def format_product_code(*, province: str, commune: str, sequence: int | str, year: int) -> str:
    """Format a 26/2026 code from its parts, and validate it.

    >>> format_product_code(province="01", commune="00070", sequence=3, year=2026)
    '01-00070-3-2026'
    """
    if isinstance(sequence, bool) or not isinstance(sequence, int | str):
        raise _fail("sequence", sequence, "expected a positive integer or a digit string")
    if isinstance(year, bool) or not isinstance(year, int):
        raise _fail("year", year, "expected an integer year")
    parts = {"province": province, "commune": commune, "sequence": sequence, "year": year}
    text = "-".join(_part(name, value) for name, value in parts.items())
    return str(parse_product_code(text))


def _part(name: str, value: object) -> str:
    """A part of a code as text; an integer of more digits than any code has is refused
    before it is written out (Python does not write integers of over 4,300 digits)."""
    if isinstance(value, int) and not -_MAX_PART < value < _MAX_PART:
        raise _fail(name, value, f"the {_LABEL[name]} {show(value)} has too many digits")
    return f"{value}"


@attrs.frozen(kw_only=True)
class Commune:
    code: str
    name: str
    province: str


def lookup_commune(code: ProductCode, *, path: str = "code") -> Commune:
    """The commune a 26/2026 code names, checked against its province.

    Needs the optional extra ``provinces`` (the vietnam-provinces package, whose data
    follows the 2025 list of administrative units); without it raises
    :class:`~ocop.errors.MissingExtra`. Codes with a district part are not checked: the
    pre-2025 commune list is not available.
    """
    if not isinstance(code, ProductCode):  # as parse_product_code refuses a non-string
        raise _fail(
            path,
            code,
            f"expected a ProductCode (from parse_product_code), got {type(code).__name__}",
        )
    if code.format is not CodeFormat.QD26_2026:
        raise _fail(
            path,
            str(code),
            "commune codes from before the 2025 reorganisation cannot be checked",
        )
    try:
        vp = importlib.import_module("vietnam_provinces")
    except ImportError:
        raise MissingExtra("provinces", "vietnam-provinces", "checking commune codes") from None
    try:
        ward = vp.Ward.from_code(vp.WardCode(int(code.commune)))
    except ValueError:
        raise _fail(
            path,
            str(code),
            f"the commune code {show(code.commune)} is not in the list of 2025 communes",
        ) from None
    ward_province = f"{int(ward.province_code):02d}"
    if ward_province != code.province:
        raise _fail(
            path,
            str(code),
            f"commune {code.commune} ({ward.name}) belongs to province {ward_province}, "
            f"not {code.province}",
        )
    return Commune(code=code.commune, name=str(ward.name), province=ward_province)
