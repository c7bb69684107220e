"""Which rule set governs an evaluation: in-force intervals and 26/2026 Điều 11–12.

Periods counted in days follow Bộ luật Dân sự 2015 Điều 147–148, which 26/2026 does not
displace, as counted by :mod:`ocop.calendar` (the one calendar): a period "kể từ ngày" an
event starts the next day, ends at the end of its last day, and a last day falling on a
weekend day or public holiday moves to the next working day (Điều 148.5). The public
holidays come from the data shipped with ocop, so no optional extra is needed.

* 148 and 1489 cease "sau 60 ngày kể từ ngày Quyết định này có hiệu lực" (Điều 11.2): day 1
  is 23 May 2026, day 60 is Tuesday 21 July 2026, their last day in force.
* Điều 12.2.a (first evaluation or upgrade filed before 22 May 2026): finished under the
  old rules within 60 days, i.e. by 21 July 2026.
* Điều 12.2.b (re-ranking filed before 22 May 2026): within 30 days; day 30 is Sunday
  21 June 2026, so the period ends on Monday 22 June 2026.

>>> period_end(date(2026, 5, 22), 60)
datetime.date(2026, 7, 21)
>>> period_end(date(2026, 5, 22), 30)  # day 30 is Sunday 21 June
datetime.date(2026, 6, 22)
"""

from __future__ import annotations

import enum
from datetime import date

import attrs

from ocop._check import check_date, check_optional_date
from ocop._source import Source
from ocop.calendar import day_deadline
from ocop.criteria.registry import rulesets as list_rulesets
from ocop.errors import InvalidInput, NoRuleSetInForce

__all__ = ["DossierKind", "Selection", "period_end", "select_ruleset"]

_QD26 = "26/2026/QĐ-TTg"


class DossierKind(enum.StrEnum):
    """What a dossier asks for (26/2026 Điều 6, Điều 12.2)."""

    FIRST = "first"
    """Đánh giá, phân hạng lần đầu (first evaluation)."""
    UPGRADE = "upgrade"
    """Nâng hạng (upgrade to more stars)."""
    RERANKING = "reranking"
    """Đánh giá, phân hạng lại (re-ranking when a certificate runs out)."""


#: The last day of a period of days counted from an event: :func:`ocop.calendar.day_deadline`.
period_end = day_deadline


@attrs.frozen(kw_only=True)
class Selection:
    """The rule set that governs an evaluation, and why."""

    ruleset: str
    """The rule-set id, e.g. ``"qd26-2026"``."""
    reason: str
    source: Source
    in_force: tuple[str, ...]
    """Every rule set in force on the evaluation date (two from 22 May to 21 July 2026)."""


def parse_kind(kind: DossierKind | str | None) -> DossierKind | None:
    """*kind* as a :class:`DossierKind` (its value ``"first"``... accepted); ``None`` stays."""
    if kind is None or isinstance(kind, DossierKind):
        return kind
    if isinstance(kind, str):
        try:
            return DossierKind(kind)
        except ValueError:
            pass
    raise InvalidInput(
        "kind", kind, f"unknown dossier kind; kinds are {', '.join(k.value for k in DossierKind)}"
    )


def select_ruleset(
    evaluated: date,
    *,
    filed: date | None = None,
    kind: DossierKind | str | None = None,
) -> Selection:
    """The rule set that governs an evaluation made on *evaluated*.

    Without *filed*, the rule set in force that day governs (the newest one where two
    overlap). A dossier *filed* before 22 May 2026 and evaluated from that day on stays
    under the rules of 2021–2025 (``qd1489-2025``) if the evaluation is finished in time:
    60 days for a first evaluation or an upgrade, 30 for a re-ranking (26/2026 Điều 12.2);
    after that only 26/2026 remains.

    >>> select_ruleset(date(2024, 3, 1)).ruleset
    'qd148-2023'
    >>> select_ruleset(date(2026, 6, 10), filed=date(2026, 5, 2), kind="first").ruleset
    'qd1489-2025'
    >>> select_ruleset(date(2026, 6, 10)).ruleset
    'qd26-2026'
    """

    evaluated = check_date("evaluated", evaluated)
    filed = check_optional_date("filed", filed)
    if filed is not None and filed > evaluated:
        raise InvalidInput(
            "filed", filed, f"the dossier cannot be filed after it is evaluated ({evaluated})"
        )
    dossier = parse_kind(kind)
    known = list_rulesets()
    in_force = tuple(i for i in known if i.in_force_on(evaluated))
    if not in_force:
        raise NoRuleSetInForce(
            evaluated,
            f"the first national OCOP criteria, 1048/QĐ-TTg, apply from "
            f"{known[0].in_force_from.isoformat()}; before that provinces used their own "
            "interim criteria, which this library does not encode",
        )
    ids = tuple(i.id for i in in_force)
    newest = in_force[-1]
    ended = [
        i
        for i in known
        if i.in_force_until is not None
        and i.in_force_until >= (newest.in_force_from)
        and i.in_force_until < evaluated
    ]
    if len(in_force) == 1 and filed is not None and filed < newest.in_force_from and ended:
        # Filed under rules that overlapped with these, evaluated after the overlap.
        return Selection(
            ruleset=newest.id,
            reason=f"the dossier was filed on {filed}, before {newest.in_force_from}, but is "
            f"evaluated after {ended[-1].instrument} ceased ({ended[-1].in_force_until}) and "
            "after every transitional period: only "
            f"{newest.instrument} applies",
            source=Source(instrument=_QD26, provision="Điều 12.2; Điều 11.2"),
            in_force=ids,
        )
    if len(in_force) == 1:
        return Selection(
            ruleset=newest.id,
            reason=f"{newest.instrument} is the only rule set in force on {evaluated}",
            source=Source(
                instrument=newest.instrument,
                provision=f"in force {newest.in_force_from.isoformat()} to "
                + (newest.in_force_until.isoformat() if newest.in_force_until else "today"),
            ),
            in_force=ids,
        )
    # Two in force: 26/2026 and 148 as amended by 1489, 22 May – 21 July 2026.
    effective = newest.in_force_from
    old = in_force[0]
    if filed is None or filed >= effective:
        why = "no filing date was given" if filed is None else f"the dossier was filed on {filed}"
        return Selection(
            ruleset=newest.id,
            reason=f"{newest.instrument} governs new evaluations from {effective}; {why}. "
            f"A dossier filed before {effective} may stay under {old.instrument} "
            "(Điều 12.2: give the filing date and dossier kind)",
            source=Source(instrument=_QD26, provision="Điều 11.1; Điều 12.2"),
            in_force=ids,
        )
    first_deadline = period_end(effective, 60)
    rerank_deadline = period_end(effective, 30)
    if dossier is None:
        if evaluated <= rerank_deadline:
            dossier_text = "whatever its kind"
            deadline = rerank_deadline
            provision = "Điều 12.2.a, b"
        else:
            raise InvalidInput(
                "kind",
                None,
                f"a dossier filed before {effective} and evaluated on {evaluated} stays under "
                f"{old.instrument} if it is a first evaluation or an upgrade (until "
                f"{first_deadline}) but not if it is a re-ranking (until {rerank_deadline}); "
                "give the dossier kind",
            )
    elif dossier is DossierKind.RERANKING:
        dossier_text, deadline, provision = "a re-ranking", rerank_deadline, "Điều 12.2.b"
    else:
        dossier_text = "a first evaluation" if dossier is DossierKind.FIRST else "an upgrade"
        deadline, provision = first_deadline, "Điều 12.2.a"
    if evaluated <= deadline:
        return Selection(
            ruleset=old.id,
            reason=f"the dossier ({dossier_text}) was filed on {filed}, before {effective}, "
            f"and is evaluated within the transitional period ending {deadline}: the rules "
            f"of 2021–2025 ({old.instrument}) apply",
            source=Source(instrument=_QD26, provision=provision),
            in_force=ids,
        )
    return Selection(
        ruleset=newest.id,
        reason=f"the dossier ({dossier_text}) was filed before {effective} but is evaluated "
        f"after its transitional period ended on {deadline}: only {newest.instrument} applies",
        source=Source(instrument=_QD26, provision=f"{provision}; Điều 11.2"),
        in_force=ids,
    )
