"""The registry of rule sets: one folder of data per legal decision, read by one loader.

Everything a decision says lives in ``ocop/criteria/rulesets/<id>/``::

    rulesets/
      index.json            the rule sets, oldest first: id, instrument, in-force dates
      shared.json           what no single decision says: agencies, the 1-5 July 2025 gap,
                            the abolition of the district level, the lineage header
      qd26-2026/
        catalogue.json      criteria, parts, bands (Bộ tiêu chí), as the extract tools write it
        procedure.json      levels, who recognises which class, forwarding, councils,
                            rounds, periods, dossier checklists
        certificates.json   certificate validity (months, source), certificate periods,
                            verified flag and note; the levels that certify each class are
                            the procedure's ``recognises`` (one fact, read by both)
        lineage.json        which sheets of the next rule set continue this one's

The in-force dates exist once, in ``index.json``; the loader injects them into the
procedure and checks the catalogue's copy against them. Every file is read lazily (on
first use), once, through the strict :mod:`cattrs` structure functions, and checked for
integrity as it loads.

>>> [i.id for i in rulesets()]
['qd1048-2019', 'qd781-2020', 'qd148-2023', 'qd1489-2025', 'qd26-2026']
>>> certificate_rules("qd26-2026").validity.months
36
>>> str(districts_abolished().source).split(",")[0]
'Nghị quyết 60-NQ/TW'
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Any, Literal, TypeVar

import attrs

from ocop._check import check_date
from ocop.criteria._loader import load_ruleset_file, read_package_json, structure_shipped
from ocop.criteria.model import Source
from ocop.criteria.ruleset import RuleSet
from ocop.errors import CatalogueIntegrityError, InvalidInput, UnknownRuleSet, show
from ocop.model import CouncilLevel

__all__ = [
    "CertificatePeriod",
    "CertificateRules",
    "DatedFact",
    "RuleSetInfo",
    "Validity",
    "certificate_rules",
    "districts_abolished",
    "info",
    "lineage_document",
    "load_ruleset",
    "path",
    "procedure_document",
    "rulesets",
]

ROOT = "rulesets"
FILES = ("catalogue.json", "procedure.json", "certificates.json", "lineage.json")

T = TypeVar("T")


def path(ruleset_id: str, name: str) -> str:
    """The package-relative path of one file of a rule set's folder."""
    return f"{ROOT}/{ruleset_id}/{name}"


def _read(name: str, cls: type[T]) -> T:
    try:
        return structure_shipped(read_package_json(f"{ROOT}/{name}"), cls, path=name)
    except InvalidInput as exc:
        raise CatalogueIntegrityError(name, exc.path, exc.message) from exc


# --------------------------------------------------------------------------- the index


@attrs.frozen(kw_only=True)
class RuleSetInfo:
    """What the library knows of a rule set without loading its catalogue."""

    id: str
    instrument: str
    in_force_from: date
    in_force_until: date | None
    """Last day in force, inclusive; ``None`` while in force."""

    @property
    def file(self) -> str:
        """The catalogue file, relative to :mod:`ocop.criteria`."""
        return path(self.id, "catalogue.json")

    def in_force_on(self, day: date) -> bool:
        day = check_date("day", day)
        return self.in_force_from <= day and (
            self.in_force_until is None or day <= self.in_force_until
        )


@attrs.frozen(kw_only=True)
class _Index:
    note: str
    rulesets: tuple[RuleSetInfo, ...]


@functools.cache
def rulesets() -> tuple[RuleSetInfo, ...]:
    """The rule sets of ``index.json``, oldest first (the index must list them so)."""
    index = _read("index.json", _Index)
    ids = [i.id for i in index.rulesets]
    if len(set(ids)) != len(ids):
        raise CatalogueIntegrityError("index.json", "rulesets", f"duplicate ids {ids}")
    for prev, cur in zip(index.rulesets, index.rulesets[1:], strict=False):
        if cur.in_force_from <= prev.in_force_from:
            raise CatalogueIntegrityError(
                "index.json", "rulesets", "rule sets must be listed in order of entry into force"
            )
    for info_ in index.rulesets:
        if info_.in_force_until is not None and info_.in_force_until < info_.in_force_from:
            raise CatalogueIntegrityError(
                "index.json", info_.id, "in force until a day before it comes into force"
            )
    return index.rulesets


def info(ruleset_id: str) -> RuleSetInfo:
    """The index entry of *ruleset_id*; :class:`~ocop.errors.UnknownRuleSet` if none."""
    if not isinstance(ruleset_id, str):
        raise TypeError(f"a rule-set id is a string, got {show(ruleset_id)}")
    for entry in rulesets():
        if entry.id == ruleset_id:
            return entry
    raise UnknownRuleSet(ruleset_id, tuple(i.id for i in rulesets()))


def _successor(ruleset_id: str) -> str | None:
    ids = [i.id for i in rulesets()]
    k = ids.index(ruleset_id)
    return ids[k + 1] if k + 1 < len(ids) else None


# --------------------------------------------------------------------------- shared.json


_SHARED_KEYS = {"note", "districts_abolished", "agencies", "gaps", "lineage"}


@functools.cache
def _shared() -> dict[str, Any]:
    raw = read_package_json(f"{ROOT}/shared.json")
    if not isinstance(raw, dict) or set(raw) != _SHARED_KEYS:
        raise CatalogueIntegrityError(
            "shared.json", "", f"expected the keys {sorted(_SHARED_KEYS)}"
        )
    return raw


@attrs.frozen(kw_only=True)
class DatedFact:
    """A dated event with its source, e.g. the abolition of the district level."""

    on: date
    source: Source


@functools.cache
def districts_abolished() -> DatedFact:
    """The day local government became two-tier (no district level), with its source."""
    return structure_shipped(
        _shared()["districts_abolished"], DatedFact, path="shared.json/districts_abolished"
    )


# --------------------------------------------------------------------------- procedure


def procedure_document() -> dict[str, Any]:
    """Every rule set's ``procedure.json``, with its id and dates from the index and the
    shared agencies and gaps, as one document for :mod:`ocop.procedure` to read and check."""
    shared = _shared()
    raw: dict[str, Any] = {k: shared[k] for k in ("note", "agencies", "gaps")}
    raw["rulesets"] = []
    for entry in rulesets():
        body = read_package_json(path(entry.id, "procedure.json"))
        if not isinstance(body, dict) or {"id", "in_force_from", "in_force_until"} & set(body):
            raise CatalogueIntegrityError(
                path(entry.id, "procedure.json"), "", "id and dates come from index.json only"
            )
        raw["rulesets"].append(
            {
                "id": entry.id,
                "in_force_from": entry.in_force_from.isoformat(),
                "in_force_until": None
                if entry.in_force_until is None
                else entry.in_force_until.isoformat(),
                **body,
            }
        )
    return raw


# --------------------------------------------------------------------------- certificates


#: How the last valid day of a term of months is read (docs/certificates.md):
#: ``anniversary_excluded`` — the corresponding day of the last month is the first day
#: without effect, as published decisions read it (Nghệ An: certificates of 4 February 2020
#: "hết hiệu lực kể từ ngày 4/2/2023"); ``civil_code`` — Bộ luật Dân sự 2015 Điều 147-148:
#: the term ends at the end of the corresponding day, which is the last valid day.
TermConvention = Literal["anniversary_excluded", "civil_code"]


@attrs.frozen(kw_only=True)
class Validity:
    """How long a certificate is valid, counted from the start of its term, the provision,
    and the convention that reads the term's last day (with its evidence)."""

    months: int
    source: Source
    convention: TermConvention
    convention_source: Source
    """The published decision (or provision) the convention follows."""
    convention_note: str
    """Why this convention for this rule set, and what the other reading would give."""


@attrs.frozen(kw_only=True)
class CertificatePeriod:
    """A period in days about a certificate's term (re-ranking window, extension, notice)."""

    key: str
    length: int
    unit: str
    start: str
    source: Source


@attrs.frozen(kw_only=True)
class RevocationRule:
    """Who revokes the certificates of some star classes (26/2026 Điều 8.2)."""

    stars: tuple[int, ...]
    level: CouncilLevel
    title: str
    source: Source


@attrs.frozen(kw_only=True)
class Provision:
    """A provision the certificates' status cites (an upgrade, a re-ranking, ...)."""

    key: str
    text: str
    source: Source


@attrs.frozen(kw_only=True)
class CertificateRules:
    """A rule set's ``certificates.json``: validity, certificate periods, verified, note.

    Which levels certify which class is not here: it is the procedure's ``recognises``
    (and ``doubtful``) of each stage, read by :func:`ocop.certificate_ruleset`.
    """

    verified: bool
    note: str
    validity: Validity
    periods: tuple[CertificatePeriod, ...] = ()
    revocation_authorities: tuple[RevocationRule, ...] = ()
    provisions: tuple[Provision, ...] = ()

    def period(self, key: str) -> CertificatePeriod | None:
        for p in self.periods:
            if p.key == key:
                return p
        return None

    def provision(self, key: str) -> Source:
        """The source of the provision named *key*; :class:`KeyError` if the data has none."""
        for p in self.provisions:
            if p.key == key:
                return p.source
        raise KeyError(key)


@functools.cache
def certificate_rules(ruleset_id: str) -> CertificateRules:
    """The ``certificates.json`` of *ruleset_id*, checked."""
    name = path(info(ruleset_id).id, "certificates.json")
    try:
        rules = structure_shipped(read_package_json(name), CertificateRules, path=name)
    except InvalidInput as exc:
        raise CatalogueIntegrityError(name, exc.path, exc.message) from exc
    if rules.validity.months <= 0 or not rules.validity.source.provision.strip():
        raise CatalogueIntegrityError(name, "validity", "a positive period with its provision")
    if not rules.validity.convention_note.strip():
        raise CatalogueIntegrityError(name, "validity", "the term convention says why")
    if not rules.verified and not rules.note.strip():
        raise CatalogueIntegrityError(name, "note", "unverified rules must say why")
    keys = [p.key for p in rules.periods]
    if len(set(keys)) != len(keys):
        raise CatalogueIntegrityError(name, "periods", f"duplicate keys {keys}")
    for p in rules.periods:
        if p.unit != "days" or p.length <= 0:
            raise CatalogueIntegrityError(name, f"periods[{p.key}]", "a positive number of days")
    revoked = [s for rule in rules.revocation_authorities for s in rule.stars]
    if len(set(revoked)) != len(revoked) or not set(revoked) <= {3, 4, 5}:
        raise CatalogueIntegrityError(
            name, "revocation_authorities", f"each of 3, 4, 5 stars at most once, got {revoked}"
        )
    keys = [p.key for p in rules.provisions]
    if len(set(keys)) != len(keys):
        raise CatalogueIntegrityError(name, "provisions", f"duplicate keys {keys}")
    return rules


# --------------------------------------------------------------------------- lineage


def lineage_document() -> dict[str, Any]:
    """The links of every folder's ``lineage.json``, each to the next rule set in the index,
    as one document for :mod:`ocop.criteria.lineage` to read."""
    raw: dict[str, Any] = dict(_shared()["lineage"])
    raw["new"], raw["links"] = [], []
    for entry in rulesets():
        name = path(entry.id, "lineage.json")
        own = read_package_json(name)
        if not isinstance(own, dict) or set(own) != {"new", "links"}:
            raise CatalogueIntegrityError(name, "", "expected the keys 'new' and 'links'")
        nxt = _successor(entry.id)
        if own["links"] and nxt is None:
            raise CatalogueIntegrityError(name, "links", "the newest rule set has no successor")
        raw["new"] += [{"ruleset": entry.id, **n} for n in own["new"]]
        raw["links"] += [
            {"from_ruleset": entry.id, "to_ruleset": nxt, **link} for link in own["links"]
        ]
    return raw


# --------------------------------------------------------------------------- catalogues


@functools.cache
def load_ruleset(ruleset_id: str) -> RuleSet:
    """Load (once) and return the rule set with this id, e.g. ``"qd26-2026"``."""
    found = info(ruleset_id)
    ruleset = load_ruleset_file(found.file, {i.id: i.file for i in rulesets()})
    if (ruleset.id, ruleset.in_force_from, ruleset.in_force_until) != (
        found.id,
        found.in_force_from,
        found.in_force_until,
    ):
        raise UnknownRuleSet(ruleset_id, ())  # pragma: no cover - guarded by tests
    return ruleset
