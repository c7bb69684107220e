"""``ocop.whatif``: the same product re-ranked with changed answers, policy or rule set.

>>> import ocop
>>> from ocop.serialize import loads, rank_request_from_dict
>>> with open("examples/rank-honey-council.json", encoding="utf-8") as f:
...     req = rank_request_from_dict(loads(f.read()))
>>> w = ocop.whatif(req, answers={"5.1": "e"})           # every member ticks 5.1 e
>>> (w.before.stars, w.after.stars), [d.field for d in w.differences]
((3, 4), ['stars', 'average', 'failed_minimums'])
>>> w.explain("en")[0]
'Class: 3★ → 4★.'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from fractions import Fraction

import attrs

from ocop.advice._explain import exact
from ocop.advice._request import as_request
from ocop.criteria.model import Lang
from ocop.errors import InvalidInput, show
from ocop.model import MemberSheet
from ocop.ranking import MinimumPolicy, RankRequest, RankResult, rank_request
from ocop.ranking.result import display

__all__ = ["Difference", "WhatIf", "parse_setting", "whatif"]

_POINTS = re.compile(r"[0-9]{1,3}")


def parse_setting(text: str, *, path: str = "--set") -> tuple[str, str | int]:
    """``"CODE=OPTION"`` (``ocop whatif --set``, ``POST /whatif?set=``) as a pair for
    :func:`whatif`'s *answers*: the option's key, or its points when written in digits.

    >>> parse_setting("5.1=e"), parse_setting("1.2=3")
    (('5.1', 'e'), ('1.2', 3))
    """
    code, sep, option = text.partition("=")
    if not sep or not code or not option:
        raise InvalidInput(path, text, f"expected CODE=OPTION such as 5.1=e, got {show(text)}")
    return code, int(option) if _POINTS.fullmatch(option) else option


@attrs.frozen(kw_only=True)
class Difference:
    """One way the result changed: ``field`` is ``stars``, ``band_stars``, ``status``,
    ``average``, ``ruleset`` or ``failed_minimums`` (then ``newly_failed`` and ``newly_met``
    name the minimums as ``"code@stars"``)."""

    field: str
    before: str | None
    after: str | None
    newly_failed: tuple[str, ...] = ()
    newly_met: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class WhatIf:
    """A request, the same request changed, both ranked by :func:`ocop.rank_request`, and
    what differs."""

    request: RankRequest
    changed: RankRequest
    before: RankResult
    after: RankResult
    differences: tuple[Difference, ...]

    def explain(self, lang: Lang = "en") -> tuple[str, ...]:
        """The differences as sentences (``"en"`` or ``"vi"``), then the new result's own."""
        words = _WORDS.get(lang) if isinstance(lang, str) else None
        if words is None:
            raise InvalidInput("lang", lang, "explanations are available in 'en' and 'vi'")
        lines = []
        for d in self.differences:
            if d.field == "failed_minimums":
                if d.newly_failed:
                    lines.append(words["now_failed"].format(items=", ".join(d.newly_failed)))
                if d.newly_met:
                    lines.append(words["now_met"].format(items=", ".join(d.newly_met)))
            else:
                lines.append(words[d.field].format(before=d.before, after=d.after))
        if not self.differences:
            lines.append(words["same"])
        return (*lines, *self.after.explain(lang))


_WORDS = {
    "en": {
        "stars": "Class: {before} → {after}.",
        "band_stars": "Band: {before} → {after}.",
        "status": "Status: {before} → {after}.",
        "average": "Average: {before} → {after}.",
        "ruleset": "Rule set: {before} → {after}.",
        "now_failed": "Minimums no longer met: {items}.",
        "now_met": "Minimums now met: {items}.",
        "same": "Nothing changes in the result.",
    },
    "vi": {
        "stars": "Hạng: {before} → {after}.",
        "band_stars": "Khung hạng: {before} → {after}.",
        "status": "Trạng thái: {before} → {after}.",
        "average": "Điểm trung bình: {before} → {after}.",
        "ruleset": "Bộ tiêu chí: {before} → {after}.",
        "now_failed": "Yêu cầu tối thiểu không còn đạt: {items}.",
        "now_met": "Yêu cầu tối thiểu nay đạt: {items}.",
        "same": "Kết quả không thay đổi.",
    },
}


def _stars(value: int | None) -> str:
    return "disqualified" if value is None else f"{value}★"


def _answers(
    request: RankRequest, answers: Mapping[str, object], member: str | None
) -> tuple[MemberSheet, ...]:
    if not isinstance(answers, Mapping):
        raise InvalidInput("answers", answers, "answers are a mapping of criterion code to option")
    names = [m.member for m in request.members]
    if member is not None and member not in names:
        raise InvalidInput(
            "member", member, f"no member {show(member)}; members are {', '.join(names)}"
        )
    return tuple(
        MemberSheet(member=m.member, answers={**m.answers, **answers})  # type: ignore[dict-item]
        if member is None or m.member == member
        else m
        for m in request.members
    )


def whatif(
    subject: RankRequest | RankResult,
    *,
    answers: Mapping[str, object] | None = None,
    member: str | None = None,
    policy: MinimumPolicy | str | None = None,
    ruleset: str | None = None,
    as_of: date | None = None,
    flags: tuple[str, ...] | None = None,
) -> WhatIf:
    """Re-rank *subject* with changes and say what differs.

    :param answers: criterion code → option (key or points) to set on every member's
        sheet, or on *member*'s only.
    :param policy: another minimum policy.
    :param ruleset: another rule set (the answers must fit its sheet), or
    :param as_of: another evaluation date (the rule set then in force).
    :param flags: another list of knock-out flags.
    """
    request = as_request(subject)
    changes: dict[str, object] = {}
    if answers is not None or member is not None:
        changes["members"] = _answers(request, answers or {}, member)
    if policy is not None:
        changes["policy"] = policy
    if flags is not None:
        changes["flags"] = flags
    if ruleset is not None and as_of is not None:
        raise InvalidInput("ruleset", ruleset, "give another ruleset or another as_of, not both")
    if ruleset is not None:
        changes.update(ruleset=ruleset, as_of=None, filed=None, kind=None)
    if as_of is not None:
        changes.update(ruleset=None, as_of=as_of)
    changed = attrs.evolve(request, **changes)  # type: ignore[arg-type]
    before, after = rank_request(request), rank_request(changed)
    return WhatIf(
        request=request,
        changed=changed,
        before=before,
        after=after,
        differences=differences(before, after),
    )


def differences(before: RankResult, after: RankResult) -> tuple[Difference, ...]:
    """What differs between two results: class, band, status, average, rule set, minimums."""
    found = []
    if before.ruleset != after.ruleset:
        found.append(Difference(field="ruleset", before=before.ruleset, after=after.ruleset))
    if before.status != after.status:
        found.append(Difference(field="status", before=before.status, after=after.status))
    if before.stars != after.stars:
        found.append(
            Difference(field="stars", before=_stars(before.stars), after=_stars(after.stars))
        )
    if before.band_stars != after.band_stars:
        found.append(
            Difference(
                field="band_stars", before=f"{before.band_stars}★", after=f"{after.band_stars}★"
            )
        )
    if before.average != after.average:
        found.append(Difference(field="average", before=_avg(before), after=_avg(after)))
    old = {f"{m.criterion}@{m.stars}" for m in before.failed_minimums}
    new = {f"{m.criterion}@{m.stars}" for m in after.failed_minimums}
    if old != new:
        found.append(
            Difference(
                field="failed_minimums",
                before=None,
                after=None,
                newly_failed=tuple(sorted(new - old)),
                newly_met=tuple(sorted(old - new)),
            )
        )
    return tuple(found)


def _avg(result: RankResult) -> str:
    value: Fraction = result.average
    return f"{display(value, result.rounding)} ({exact(value)})"
