"""Hypothesis strategies that generate *valid* OCOP inputs, for tests of code that uses ocop.

Needs the optional ``test`` extra (``pip install "ocop[test]"``, for ``hypothesis``);
``import ocop`` never imports this module.

* :func:`member_sheets`: one council member's filled-in sheet for one criteria sheet of one
  rule set, as the plain mapping ``{"member": ..., "answers": {...}}``. It honours
  *applies_if* (a criterion that applies only when another is answered with certain options
  is left out otherwise), alternative cases (sheet 26 style: any option of any case) and
  the knock-out conditions triggered by a zero (``knockouts=True`` always triggers one,
  ``False`` never does, ``None`` lets the draw decide);
* :func:`councils`: 1 to 11 such sheets with distinct member names (after NFC);
* :func:`rank_requests`: request documents as ``ocop rank`` and :func:`ocop.rank_many`
  read them, over every rankable sheet of every rule set, by ``ruleset`` or by ``as_of``
  (with ``filed`` and ``kind``), with ``flags``, ``policy`` and ``id``.

Every document drawn ranks without error:

>>> import ocop
>>> from hypothesis import HealthCheck, given, settings
>>> from ocop.testing import rank_requests
>>> @settings(max_examples=20, database=None, suppress_health_check=[HealthCheck.too_slow])
... @given(rank_requests())
... def test_ranks(doc):
...     assert next(ocop.rank_many([doc])).stars in (None, 1, 2, 3, 4, 5)
>>> test_ranks()
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any, Literal

from ocop.errors import InvalidInput, MissingExtra, OcopError

try:
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - the extra is installed wherever the tests run
    raise MissingExtra("test", "hypothesis", "ocop.testing (hypothesis strategies)") from None

from ocop.criteria import DossierKind, list_rulesets, load_ruleset, select_ruleset
from ocop.criteria.model import CriteriaSheet, Criterion, Option
from ocop.ranking import MinimumPolicy

__all__ = [
    "By",
    "councils",
    "member_names",
    "member_sheets",
    "rank_requests",
    "rankable_sheets",
]

By = Literal["key", "points", "mixed"]
"""How answers name options: by key (``"b"``), by points where no other option of the
criterion has the same points (else by key), or each answer either way."""

_BY = ("key", "points", "mixed")
#: Evaluation dates drawn for ``as_of`` requests: from the first rule set to a few years on.
_FIRST_DAY = date(2019, 8, 21)
_LAST_DAY = date(2031, 12, 31)


def rankable_sheets(ruleset: str | None = None) -> list[tuple[str, int]]:
    """(rule-set id, sheet number) of every sheet that can be ranked (no gaps)."""
    ids = [i.id for i in list_rulesets()] if ruleset is None else [ruleset]
    return [(rid, s.number) for rid in ids for s in load_ruleset(rid).sheets if s.available]


def _sheet(ruleset: str, sheet: int) -> CriteriaSheet:
    rs = load_ruleset(ruleset)
    try:
        found = rs.sheet(sheet)
    except KeyError:
        raise InvalidInput("sheet", sheet, f"rule set {ruleset} has no sheet {sheet}") from None
    if not found.available:
        raise InvalidInput("sheet", sheet, f"sheet {sheet} of {ruleset} cannot be ranked (gaps)")
    return found


def _name(crit: Criterion, opt: Option, by: str, draw: st.DrawFn) -> str | int:
    if by == "mixed":
        by = draw(st.sampled_from(("key", "points")))
    if by == "points" and [o.points for o in crit.options].count(opt.points) == 1:
        return opt.points
    return opt.key


def _answers(
    draw: st.DrawFn, sheet: CriteriaSheet, by: str, *, knockouts: bool | None
) -> dict[str, str | int]:
    zero_conds = [c for c in sheet.conditions if c.trigger == "zero_on"]
    watched = {code for c in zero_conds for code in c.zero_on}
    forced: str | None = None
    if knockouts is True:
        candidates = sorted(
            code
            for code in watched
            if sheet.criterion(code).applies_if is None
            and any(o.points == 0 for o in sheet.criterion(code).options)
        )
        if not candidates:
            raise InvalidInput(
                "knockouts",
                knockouts,
                f"sheet {sheet.number} has no knock-out condition triggered by a zero",
            )
        forced = draw(st.sampled_from(candidates))
    answers: dict[str, str | int] = {}
    keys: dict[str, str] = {}
    skipped: set[str] = set()
    for crit in sheet.criteria:
        code = crit.code
        options = list(crit.options)
        if code in skipped:
            # Knocked out by an earlier zero: not evaluated, so answering is optional.
            if not draw(st.booleans()):
                continue
        else:
            cond = crit.applies_if
            if (
                cond is not None
                and cond.criterion in keys
                and keys[cond.criterion] not in cond.options
            ):
                continue  # not applicable: must be left unanswered
            if code == forced:
                options = [o for o in options if o.points == 0]
            elif knockouts is False and code in watched:
                options = [o for o in options if o.points != 0] or options
        opt = draw(st.sampled_from(options))
        keys[code] = opt.key
        answers[code] = _name(crit, opt, by, draw)
        if opt.points == 0 and code in watched:
            for zc in zero_conds:
                if code in zc.zero_on:
                    skipped.update(zc.skips)
    return answers


def member_names(*, max_size: int = 30) -> st.SearchStrategy[str]:
    """Member names: non-blank Unicode text in NFC (letters, marks, digits, spaces, punctuation)."""
    chars = st.characters(categories=("L", "M", "N", "Zs", "P"))
    return (
        st.text(chars, min_size=1, max_size=max_size)
        .map(lambda s: unicodedata.normalize("NFC", s))
        .filter(lambda s: bool(s.strip()))
    )


@st.composite
def _member_sheet(
    draw: st.DrawFn,
    ruleset: str,
    sheet: int,
    by: str,
    *,
    knockouts: bool | None,
    name: str | None,
) -> dict[str, Any]:
    member = name if name is not None else draw(member_names())
    return {
        "member": member,
        "answers": _answers(draw, _sheet(ruleset, sheet), by, knockouts=knockouts),
    }


def _check_by(by: str) -> None:
    if by not in _BY:
        raise InvalidInput("by", by, "by is 'key', 'points' or 'mixed'")


def member_sheets(
    ruleset: str,
    sheet: int,
    *,
    by: By = "key",
    knockouts: bool | None = None,
    member: str | None = None,
) -> st.SearchStrategy[dict[str, Any]]:
    """Valid member sheets (``{"member": ..., "answers": {...}}``) for one sheet of a rule set.

    :param by: how answers name their option (see :data:`By`).
    :param knockouts: ``True``: at least one condition triggered by a zero applies (an error
        for a sheet without one); ``False``: none applies; ``None``: either.
    :param member: the member's name; drawn when left out.
    """
    _check_by(by)
    _sheet(ruleset, sheet)  # fail now, not at the first draw
    return _member_sheet(ruleset, sheet, by, knockouts=knockouts, name=member)


@st.composite
def _council(
    draw: st.DrawFn,
    ruleset: str,
    sheet: int,
    by: str,
    *,
    knockouts: bool | None,
    min_size: int,
    max_size: int,
) -> list[dict[str, Any]]:
    names = draw(st.lists(member_names(), min_size=min_size, max_size=max_size, unique=True))
    return [draw(_member_sheet(ruleset, sheet, by, knockouts=knockouts, name=n)) for n in names]


def councils(
    ruleset: str,
    sheet: int,
    *,
    by: By = "key",
    knockouts: bool | None = None,
    min_size: int = 1,
    max_size: int = 11,
) -> st.SearchStrategy[list[dict[str, Any]]]:
    """Lists of *min_size* to *max_size* valid member sheets with distinct (NFC) names."""
    _check_by(by)
    _sheet(ruleset, sheet)
    if not 1 <= min_size <= max_size:
        raise InvalidInput("min_size", min_size, "need 1 <= min_size <= max_size")
    return _council(ruleset, sheet, by, knockouts=knockouts, min_size=min_size, max_size=max_size)


@st.composite
def _request(
    draw: st.DrawFn, rulesets: Sequence[str], by: str, max_members: int, *, as_of: bool | None
) -> dict[str, Any]:
    doc: dict[str, Any] = {}
    if draw(st.booleans()):
        doc["id"] = draw(st.text(max_size=12))
    use_date = draw(st.booleans()) if as_of is None else as_of
    ruleset: str | None = draw(st.sampled_from(sorted(rulesets)))
    if use_date:
        info = next(i for i in list_rulesets() if i.id == ruleset)
        day = draw(st.dates(info.in_force_from, info.in_force_until or _LAST_DAY))
        filed: date | None = None
        kind: DossierKind | None = None
        if draw(st.booleans()):
            filed = max(_FIRST_DAY, day - timedelta(days=draw(st.integers(0, 400))))
        if draw(st.booleans()):
            kind = draw(st.sampled_from(list(DossierKind)))
        try:
            selected = select_ruleset(day, filed=filed, kind=kind).ruleset
        except OcopError:
            selected = None
        if selected not in rulesets:  # the transition rules chose another: the date alone
            filed = kind = None
            selected = select_ruleset(day).ruleset
        if selected in rulesets:
            ruleset = selected
            doc["as_of"] = day.isoformat()
            if filed is not None:
                doc["filed"] = filed.isoformat()
            if kind is not None:
                doc["kind"] = kind.value
    if "as_of" not in doc:
        doc["ruleset"] = ruleset
    assert ruleset is not None
    number = draw(st.sampled_from([n for _, n in rankable_sheets(ruleset)]))
    doc["sheet"] = number
    flag_keys = sorted(c.key for c in _sheet(ruleset, number).conditions if c.trigger == "flag")
    if flag_keys and draw(st.integers(0, 4)) == 0:
        doc["flags"] = draw(st.lists(st.sampled_from(flag_keys), unique=True, max_size=2))
    if draw(st.booleans()):
        doc["policy"] = draw(st.sampled_from([p.value for p in MinimumPolicy]))
    doc["members"] = draw(
        _council(ruleset, number, by, knockouts=None, min_size=1, max_size=max_members)
    )
    return doc


def rank_requests(
    *,
    rulesets: Sequence[str] | None = None,
    by: By = "mixed",
    max_members: int = 11,
    as_of: bool | None = None,
) -> st.SearchStrategy[dict[str, Any]]:
    """Valid rank request documents over every rankable sheet of the given rule sets
    (default: all).

    :param as_of: ``True``: the rule set is chosen by ``as_of`` (with ``filed`` and
        ``kind`` at times); ``False``: named by ``ruleset``; ``None``: either.
    """
    _check_by(by)
    known = [i.id for i in list_rulesets()]
    chosen = list(known if rulesets is None else rulesets)
    for rid in chosen:
        if rid not in known:
            raise InvalidInput("rulesets", rid, f"unknown rule set; known: {', '.join(known)}")
    if max_members < 1:
        raise InvalidInput("max_members", max_members, "max_members is at least 1")
    return _request(tuple(chosen), by, max_members, as_of=as_of)
