"""The provincial units: the 34 of Quyết định 19/2025/QĐ-TTg and the 63 before them.

Two data files, read here and only here: ``provinces.json`` (the 34 provincial units from
1 July 2025, their codes and names) and ``province_reform.json`` (Nghị quyết
202/2025/QH15 Điều 1: which of the 63 former provinces each of the 34 was formed from,
each arrangement citing its khoản, with the former codes and names). Both are loaded
lazily, once, and checked at load (:class:`~ocop.errors.CatalogueIntegrityError`).

Names are matched by :func:`province_key`: folded (:func:`ocop._text.fold`: no case, no
diacritics, «Hoà» and «Hòa» alike), without a leading «Tỉnh», «Thành phố» or «TP», dashes
and dots read as spaces.

>>> reform = province_reform()
>>> reform.successor("Tỉnh Hòa Bình").name, reform.former("Hoà Bình").code
('Tỉnh Phú Thọ', '17')
>>> from datetime import date
>>> reform.unit("Hòa Bình", date(2025, 6, 30)), reform.unit("Hòa Bình", date(2025, 7, 1))
('Hòa Bình', 'Phú Thọ')
>>> reform.arrangement("25").clause
'Điều 1 khoản 4'
>>> reform.unit("Atlantis", date(2025, 7, 1)) is None
True
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from datetime import date
from importlib import resources
from typing import Any

import attrs

from ocop._text import fold, nfc
from ocop.criteria.model import Source
from ocop.errors import CatalogueIntegrityError, InvalidInput, show

__all__ = [
    "Arrangement",
    "FormerProvince",
    "Province",
    "ProvinceReform",
    "ProvinceTable",
    "province_key",
    "province_reform",
    "province_table",
]

_PREFIXES = ("tinh ", "thanh pho ", "tp ")
_KIND_PREFIX = {"tinh": "Tỉnh ", "thanh_pho": "Thành phố "}
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212.,;:/]+")
_REFORM_FILE = "province_reform.json"


def province_key(name: str) -> str:
    """*name* as compared with province names: folded, without a leading «Tỉnh»,
    «Thành phố», «TP» or «TP.», dashes, dots and runs of spaces read as one space.

    >>> province_key("Tỉnh  Bà Rịa–Vũng Tàu"), province_key("TP. Hồ Chí Minh")
    ('ba ria vung tau', 'ho chi minh')
    """
    if not isinstance(name, str):
        raise InvalidInput("name", name, f"expected a province name as text, got {show(name)}")
    text = _SEPARATORS.sub(" ", fold(name)).strip()
    for prefix in _PREFIXES:
        if text.startswith(prefix):
            return text[len(prefix) :].strip()
    return text


def _read(name: str) -> dict[str, Any]:
    text = resources.files("ocop.certificates").joinpath(name).read_text("utf-8")
    raw: dict[str, Any] = json.loads(text)
    return raw


@attrs.frozen(kw_only=True)
class Province:
    code: str
    name: str
    kind: str

    @property
    def short_name(self) -> str:
        """The name without «Tỉnh» or «Thành phố» (``Tỉnh Phú Thọ`` → ``Phú Thọ``)."""
        return self.name.removeprefix(_KIND_PREFIX.get(self.kind, ""))


@attrs.frozen(kw_only=True)
class ProvinceTable:
    """The 34 provincial units after the 2025 merger, with where the list comes from."""

    source: Source
    in_force_from: date
    basis: str
    verified: bool
    verification: str
    provinces: tuple[Province, ...]

    def get(self, code: str) -> Province | None:
        for province in self.provinces:
            if province.code == code:
                return province
        return None


@functools.cache
def province_table() -> ProvinceTable:
    """The provincial codes shipped with :mod:`ocop` (``provinces.json``).

    >>> t = province_table()
    >>> len(t.provinces), t.verified, str(t.source).split(",")[0]
    (34, False, '19/2025/QĐ-TTg')
    """
    raw = _read("provinces.json")
    return ProvinceTable(
        source=Source(**raw["source"]),
        in_force_from=date.fromisoformat(raw["in_force_from"]),
        basis=raw["basis"],
        verified=raw["verified"],
        verification=raw["verification"],
        provinces=tuple(Province(**p) for p in raw["provinces"]),
    )


@attrs.frozen(kw_only=True)
class FormerProvince:
    """One of the 63 provincial units before 1 July 2025."""

    code: str
    """Its code in the list of 63 (Quyết định 124/2004/QĐ-TTg; see the file's verification)."""
    name: str
    """The full name, with «Tỉnh» or «Thành phố»."""
    short_name: str
    """The name without «Tỉnh» or «Thành phố», as registries mostly write it."""
    kind: str
    aliases: tuple[str, ...] = ()
    """Other names read as this unit (``Thừa Thiên Huế`` for ``Thành phố Huế``)."""
    note: str | None = None


@attrs.frozen(kw_only=True)
class Arrangement:
    """One of the 34 provincial units from 1 July 2025 and the former units it was formed
    from (one, itself, for the 11 units not arranged)."""

    province: Province
    clause: str
    """Where Nghị quyết 202/2025/QH15 says so (``Điều 1 khoản 4``)."""
    arranged: bool
    former: tuple[FormerProvince, ...]
    verified: bool
    doubt: str


@attrs.frozen(kw_only=True)
class ProvinceReform:
    """Nghị quyết 202/2025/QH15: the 63 former provinces and the 34 formed from them."""

    source: Source
    adopted: date
    in_force_from: date
    """The first day counted under the 34 units (the new authorities' first day)."""
    in_force_note: str
    verified: bool
    verification: str
    arrangements: tuple[Arrangement, ...]
    _former: Mapping[str, FormerProvince] = attrs.field(repr=False)
    _new: Mapping[str, Province] = attrs.field(repr=False)
    _successor: Mapping[str, Province] = attrs.field(repr=False)
    """Former code → the province it is part of from :attr:`in_force_from`."""

    def arrangement(self, code: str) -> Arrangement | None:
        """The arrangement that formed the province of (new) *code*."""
        for item in self.arrangements:
            if item.province.code == code:
                return item
        return None

    def former(self, name: str) -> FormerProvince | None:
        """The former province *name* names (full or short name, or an alias), if any."""
        return self._former.get(province_key(name))

    def successor(self, name: str) -> Province | None:
        """The province (of the 34) that *name* — a former or a new name — is part of."""
        key = province_key(name)
        new = self._new.get(key)
        if new is not None:
            return new
        old = self._former.get(key)
        return None if old is None else self._successor[old.code]

    def unit(self, name: str, on: date) -> str | None:
        """The short name of the provincial unit *name* is counted under on day *on*: its
        successor from :attr:`in_force_from`, itself before; ``None`` for a name that is
        no province's."""
        if on >= self.in_force_from:
            new = self.successor(name)
            return None if new is None else new.short_name
        old = self._former.get(province_key(name))
        return None if old is None else old.short_name


def _fail(path: str, message: str) -> CatalogueIntegrityError:
    return CatalogueIntegrityError(_REFORM_FILE, path, message)


def _former_province(path: str, raw: dict[str, Any]) -> FormerProvince:
    former = FormerProvince(
        code=raw["code"],
        name=raw["name"],
        short_name=raw["short_name"],
        kind=raw["kind"],
        aliases=tuple(raw.get("aliases", ())),
        note=raw.get("note"),
    )
    prefix = _KIND_PREFIX.get(former.kind)
    if prefix is None or former.name != prefix + former.short_name:
        raise _fail(path, f"{former.name!r} is not {former.kind} + {former.short_name!r}")
    for text in (former.name, *former.aliases):
        if text != nfc(text):
            raise _fail(path, f"{text!r} is not in Unicode NFC")
    return former


def _check(table: ProvinceTable, reform: ProvinceReform, counts: Mapping[str, int]) -> None:
    items = reform.arrangements
    new = {p.code: p for p in table.provinces}
    if sorted(a.province.code for a in items) != sorted(new):
        raise _fail("provinces", f"the provinces are not the {len(new)} of provinces.json")
    codes = [f.code for a in items for f in a.former]
    need = counts["former"]
    if len(codes) != need or len(set(codes)) != need:
        raise _fail("provinces", f"{len(set(codes))} distinct codes of {len(codes)}; need {need}")
    clauses = [a.clause for a in items if a.arranged]
    if len(clauses) != counts["arranged"] or len(set(clauses)) != len(clauses):
        raise _fail(
            "provinces", f"not {counts['arranged']} arrangements each citing its own clause"
        )
    if len(items) - len(clauses) != counts["not_arranged"]:
        raise _fail("provinces", f"not {counts['not_arranged']} units left as they were")
    for i, a in enumerate(items):
        path = f"provinces[{i}]"
        if a.province != new[a.province.code]:
            raise _fail(path, f"{a.province.name!r} differs from provinces.json")
        if a.province.code not in {f.code for f in a.former}:
            raise _fail(path, "the new code is none of the former codes")
        if a.arranged != (len(a.former) > 1):
            raise _fail(path, "arranged, but from one former province (or the reverse)")
        if a.province.short_name not in {f.short_name for f in a.former}:
            raise _fail(path, f"{a.province.name!r} keeps no former name")
    if reform.in_force_from != table.in_force_from:
        raise _fail("in_force_from", "differs from provinces.json")


@functools.cache
def province_reform() -> ProvinceReform:
    """The arrangement of Nghị quyết 202/2025/QH15 (``province_reform.json``), checked:
    63 former provinces, each in exactly one of the 34 of ``provinces.json``, every one of
    these accounted for, every name matching one unit only.

    >>> r = province_reform()
    >>> len(r.arrangements), sum(len(a.former) for a in r.arrangements), r.verified
    (34, 63, False)
    """
    table = province_table()
    raw = _read(_REFORM_FILE)
    new = {p.code: p for p in table.provinces}
    items: list[Arrangement] = []
    former: dict[str, FormerProvince] = {}
    successor: dict[str, Province] = {}
    for i, item in enumerate(raw["provinces"]):
        path = f"provinces[{i}]"
        province = new.get(item["code"])
        if province is None:
            raise _fail(path, f"code {item['code']!r} is not in provinces.json")
        formers = tuple(
            _former_province(f"{path}.former[{j}]", f) for j, f in enumerate(item["former"])
        )
        for f in formers:
            successor[f.code] = province
            for text in (f.name, f.short_name, *f.aliases):
                key = province_key(text)
                if former.get(key, f) != f:
                    raise _fail(path, f"{text!r} also names {former[key].name!r}")
                former[key] = f
        items.append(
            Arrangement(
                province=Province(code=item["code"], name=item["name"], kind=province.kind),
                clause=item["clause"],
                arranged=item["arranged"],
                former=formers,
                verified=item["verified"],
                doubt=item["doubt"],
            )
        )
    reform = ProvinceReform(
        source=Source(**raw["source"]),
        adopted=date.fromisoformat(raw["adopted"]),
        in_force_from=date.fromisoformat(raw["in_force_from"]),
        in_force_note=raw["in_force_note"],
        verified=raw["verified"],
        verification=raw["verification"],
        arrangements=tuple(items),
        former=former,
        new={province_key(p.name): p for p in table.provinces},
        successor=successor,
    )
    _check(table, reform, {k: v for k, v in raw["counts"].items() if k != "source"})
    for p in table.provinces:
        kept = former.get(province_key(p.name))
        if kept is None or successor[kept.code] != p:
            raise _fail("provinces", f"{p.name!r} is not the successor of the former {p.name!r}")
    return reform
