"""The certificate cases: terms, the re-ranking window and revocation.

Each case is a certificate document and a day; its expected value is the part of the
certificate-status document (:func:`ocop.serialize.certificate_status_to_dict`) its clause
decides, without the citation texts (``source``, ``description``). The certificates are
built from each rule set's ``certificates.json`` (its months, its term convention, its
periods) and the days from :func:`ocop.certificates.term_end` and the periods; nothing is
typed by hand.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from typing import Any

from ocop._source import Source
from ocop.certificates.events import RevocationGround
from ocop.certificates.model import CURRENT, certificate_rulesets, qd26_in_force
from ocop.certificates.periods import cite, period, reranking_window, revocation_authority
from ocop.certificates.status import certificate_status
from ocop.certificates.terms import term_end
from ocop.conformance._answer import answer
from ocop.serialize import certificate_from_dict

__all__ = ["certificate_cases"]

_DAY = timedelta(days=1)

#: The fields of the status document each group compares.
_FIELDS = {
    "terms": ("status", "is_valid", "valid_from", "valid_until", "days_left"),
    "reranking": ("status", "is_valid", "reranking_window", "filing", "extension", "superseded_by"),
    "revocation": ("status", "is_valid", "days_left", "revocation", "revocation_authority"),
}
_CITATIONS = frozenset({"source", "sources", "description"})


def _clause(source: Source) -> dict[str, str]:
    doc = {"instrument": source.instrument, "provision": source.provision}
    if source.url is not None:
        doc["url"] = source.url
    return doc


def _plain(value: Any) -> Any:
    """*value* without its citation texts."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k not in _CITATIONS}
    return value


def _case(
    group: str, id_: str, clause: Source, description: str, cert: dict[str, Any], as_of: date
) -> dict[str, Any]:
    request = {"as_of": as_of.isoformat(), "certificate": cert}
    doc, refused = answer("certificate-status", request)
    return {
        "id": f"{group}/{id_}",
        "kind": "certificate-status",
        "group": group,
        "clause": _clause(clause),
        "description": description,
        "request": request,
        "expected": {"error": doc["type"]}
        if refused
        else {k: _plain(doc[k]) for k in _FIELDS[group]},
    }


def _first(start: date, until: date | None, month: int, day: int) -> date | None:
    """The first *month*/*day* from *start* to *until* (or the four years after *start*)."""
    last = until if until is not None else date(start.year + 4, 12, 31)
    for year in range(start.year, last.year + 1):
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if start <= found <= last:
            return found
    return None


def _term_cases() -> Iterator[dict[str, Any]]:
    for rs in certificate_rulesets():
        months, convention = rs.validity_months, rs.convention
        reading = rs.convention_source or rs.validity
        starts = [("first-day", rs.in_force_from)]
        leap = _first(rs.in_force_from, rs.in_force_until, 2, 29)
        if leap is not None:
            starts.append(("29-february", leap))
        stars = min(rs.levels)
        for name, start in starts:
            cert = {"issued": start.isoformat(), "ruleset": rs.id, "stars": stars}
            end = term_end(start, months, convention)
            base = f"{rs.id}/{name}-{start}"
            what = f"a {rs.id} certificate issued {start}: {months} months, read '{convention}'"
            yield _case(
                "terms",
                f"{base}/last-day",
                reading,
                f"{what}; {end} is its last valid day",
                cert,
                end,
            )
            yield _case(
                "terms",
                f"{base}/day-after",
                rs.validity,
                f"{what}; {end + _DAY} is the first day without effect",
                cert,
                end + _DAY,
            )
        # A decision that sets an earlier start of its term (docs/certificates.md)
        issued = rs.in_force_from + timedelta(days=30)
        cert = {
            "issued": issued.isoformat(),
            "ruleset": rs.id,
            "stars": stars,
            "term_start": rs.in_force_from.isoformat(),
        }
        end = term_end(rs.in_force_from, months, convention)
        yield _case(
            "terms",
            f"{rs.id}/term-start-{rs.in_force_from}/last-day",
            rs.validity,
            f"a {rs.id} certificate issued {issued} whose term starts {rs.in_force_from}: the "
            f"{months} months run from the term's start, last valid day {end}",
            cert,
            end,
        )
        if rs.id != CURRENT and end >= qd26_in_force():
            # 26/2026 Điều 12.1: kept until the end of the term in its own decision
            stated = term_end(rs.in_force_from, months, "civil_code")
            cert = {
                "issued": rs.in_force_from.isoformat(),
                "ruleset": rs.id,
                "stars": stars,
                "stated_valid_until": stated.isoformat(),
            }
            yield _case(
                "terms",
                f"{rs.id}/stated-{stated}/last-day",
                cite("kept"),
                f"a {rs.id} certificate whose decision prints {stated} as its end: the "
                "stated term governs over the computed one",
                cert,
                stated,
            )


def _window_certificates() -> Iterator[tuple[str, dict[str, Any], date]]:
    """(name, certificate, last valid day): one of each rule set whose window applies."""
    for rs in certificate_rulesets():
        end = term_end(rs.in_force_from, rs.validity_months, rs.convention)
        if reranking_window(end).applies:
            cert = {"issued": rs.in_force_from.isoformat(), "ruleset": rs.id, "stars": 3}
            yield f"{rs.id}/issued-{rs.in_force_from}", cert, end


def _reranking_cases() -> Iterator[dict[str, Any]]:
    window_source = period("WINDOW_EARLIEST_DAYS")[1]
    extension_source = period("EXTENSION_DAYS")[1]
    for name, cert, end in _window_certificates():
        window = reranking_window(end)
        what = f"a {cert['ruleset']} certificate issued {cert['issued']} (last day {end})"
        for label, day in (
            ("before-opens", window.opens - _DAY),
            ("opens", window.opens),
            ("closes", window.closes),
            ("after-closes", window.closes + _DAY),
        ):
            yield _case(
                "reranking",
                f"{name}/window-{label}",
                window_source,
                f"{what} on {day}: its re-ranking window runs {window.opens} to {window.closes}",
                cert,
                day,
            )
        for label, day in (
            ("early", window.opens - _DAY),
            ("on-time", window.opens),
            ("late", window.closes + _DAY),
        ):
            filed = {**cert, "events": [{"kind": "reranking_filed", "on": day.isoformat()}]}
            yield _case(
                "reranking",
                f"{name}/filed-{label}",
                window_source,
                f"{what}, a re-ranking filed {day} (window {window.opens} to {window.closes})"
                + (": refused, before the window opens" if label == "early" else ""),
                filed,
                day,
            )
        filed = {**cert, "events": [{"kind": "reranking_filed", "on": window.closes.isoformat()}]}
        certificate, events = certificate_from_dict(filed)
        extension = certificate_status(certificate, end + _DAY, events).extension
        if extension is None:  # pragma: no cover - a filing in the window always extends
            raise RuntimeError(f"{name}: a filing on {window.closes} gave no extension")
        last = extension.until_at_latest
        for label, day in (("first", end + _DAY), ("last", last), ("after", last + _DAY)):
            yield _case(
                "reranking",
                f"{name}/extension-{label}-day",
                extension_source,
                f"{what}, a re-ranking filed {window.closes} and no result yet, on {day}: "
                f"the pending re-ranking keeps it valid at most to {last}",
                filed,
                day,
            )
        result = end + timedelta(days=10)
        done = {
            **cert,
            "events": [
                {"kind": "reranking_filed", "on": window.closes.isoformat()},
                {"kind": "reranked", "on": result.isoformat(), "stars": 4},
            ],
        }
        yield _case(
            "reranking",
            f"{name}/re-recognised",
            cite("reranking"),
            f"{what}, re-ranked on {result} at 4 stars: the new recognition replaces it",
            done,
            result,
        )
    rs = next(r for r in certificate_rulesets() if r.id == CURRENT)
    issued = rs.in_force_from
    upgrade = issued + timedelta(days=365)
    cert = {
        "issued": issued.isoformat(),
        "ruleset": rs.id,
        "stars": 3,
        "events": [{"kind": "upgraded", "on": upgrade.isoformat(), "stars": 4}],
    }
    yield _case(
        "reranking",
        f"{rs.id}/issued-{issued}/upgraded",
        cite("upgrade"),
        f"a 3-star {rs.id} certificate issued {issued}, upgraded to 4 stars on {upgrade}: "
        "the new certificate replaces it",
        cert,
        upgrade,
    )


def _revocation_cases() -> Iterator[dict[str, Any]]:
    rs = next(r for r in certificate_rulesets() if r.id == CURRENT)
    issued = rs.in_force_from
    on = issued + timedelta(days=100)
    for ground in RevocationGround:
        cert = {
            "issued": issued.isoformat(),
            "ruleset": rs.id,
            "stars": 3,
            "events": [{"kind": "revoked", "on": on.isoformat(), "ground": ground.value}],
        }
        for label, day in (("day-before", on - _DAY), ("on-the-day", on)):
            yield _case(
                "revocation",
                f"{rs.id}/ground-{ground.name.lower()}/{label}",
                ground.source,
                f"a 3-star {rs.id} certificate issued {issued}, revoked on {on} on ground "
                f"{ground.value} ({ground.label_en}); asked on {day}",
                cert,
                day,
            )
    for stars in sorted(rs.levels):
        cert = {
            "issued": issued.isoformat(),
            "ruleset": rs.id,
            "stars": stars,
            "events": [{"kind": "revoked", "on": on.isoformat(), "ground": "b"}],
        }
        authority = revocation_authority(stars, ruleset=rs.id)
        yield _case(
            "revocation",
            f"{rs.id}/authority-{stars}-stars",
            authority.source,
            f"a {stars}-star {rs.id} certificate revoked on {on}: revoked by the "
            f"{authority.level.value} level ({authority.title})",
            cert,
            on,
        )


#: The certificate groups, in the order they are generated.
CERTIFICATE_GROUPS = ("terms", "reranking", "revocation")


def certificate_cases(groups: Sequence[str] = CERTIFICATE_GROUPS) -> list[dict[str, Any]]:
    """The certificate-status cases of *groups*."""
    makers = {"terms": _term_cases, "reranking": _reranking_cases, "revocation": _revocation_cases}
    return [case for g in CERTIFICATE_GROUPS if g in groups for case in makers[g]()]
