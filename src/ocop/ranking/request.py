"""The one rank request: what every entry point (``rank``, ``rank_many``, the CLI, JSON Lines)
builds and :func:`ocop.ranking.rank_request` ranks.

Every check of a request's own fields is made here, when it is built, whatever it is
built from (Python values, or a JSON document read by :mod:`ocop.serialize`): the
errors name the field path.

>>> from datetime import date
>>> req = RankRequest(sheet=4, as_of=date(2026, 6, 10), filed=date(2026, 5, 2), kind="first",
...                   members=[{"member": "A", "answers": {"1.1": "a"}}], id="honey-01")
>>> req
<RankRequest 'honey-01' sheet 4, as_of 2026-06-10 filed 2026-05-02 (first), 1 member>
>>> RankRequest(sheet=4, ruleset="qd26-2026", filed=date(2026, 5, 2), members=[])
Traceback (most recent call last):
...
ocop.errors.InvalidInput: filed: the filing date and dossier kind choose a rule set with as_of; they cannot be combined with an explicit ruleset
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import attrs

from ocop._check import check_optional_date
from ocop._text import nfc
from ocop.criteria import DossierKind, parse_kind
from ocop.criteria.overlay import Overlay
from ocop.errors import InvalidInput, show
from ocop.model import MemberSheet
from ocop.ranking.council_rules import CouncilRules, council_rules
from ocop.ranking.result import MinimumPolicy, counted

__all__ = ["RankRequest", "member_sheet", "minimum_policy"]


def member_sheet(value: MemberSheet | Mapping[str, Any], *, path: str = "member") -> MemberSheet:
    """A :class:`~ocop.model.MemberSheet` from itself or from a plain mapping.

    The mapping has exactly the keys ``member`` (a non-empty string) and ``answers``
    (a mapping of criterion code to option key or points).
    """
    if isinstance(value, MemberSheet):
        return value
    if not isinstance(value, Mapping):
        raise InvalidInput(
            path,
            value,
            f"a member sheet is a mapping with 'member' and 'answers', got {type(value).__name__}",
        )
    extra = sorted(set(value) - {"member", "answers"}, key=str)
    if extra:
        raise InvalidInput(
            path,
            extra,
            f"unknown key(s): {', '.join(map(str, extra))}; "
            "a member sheet has 'member' and 'answers'",
        )
    if "member" not in value or "answers" not in value:
        missing = "member" if "member" not in value else "answers"
        raise InvalidInput(f"{path}.{missing}", None, f"required key {show(missing)} is missing")
    member, answers = value["member"], value["answers"]
    if not isinstance(member, str) or not member.strip():
        raise InvalidInput(f"{path}.member", member, "the member is named by a non-empty string")
    if not isinstance(answers, Mapping):
        raise InvalidInput(
            f"{path}.answers",
            answers,
            "answers are a mapping of criterion code to option key or points",
        )
    try:
        return MemberSheet(member=member, answers=answers)
    except InvalidInput as exc:
        raise type(exc)(f"{path}.{exc.path}", exc.value, exc.message) from None


def minimum_policy(value: object, *, path: str = "policy") -> MinimumPolicy:
    """*value* as a :class:`MinimumPolicy` (its member or its name), or an error naming *path*."""
    if isinstance(value, MinimumPolicy):
        return value
    if isinstance(value, str):
        try:
            return MinimumPolicy(value)
        except ValueError:
            pass
    names = ", ".join(repr(p.value) for p in MinimumPolicy)
    raise InvalidInput(path, value, f"unknown policy: {show(value)} is not one of {names}")


def _members(value: object) -> tuple[MemberSheet, ...]:
    if isinstance(value, Mapping | str | bytes) or not isinstance(value, Iterable):
        raise InvalidInput("members", value, "members are a list of member sheets")
    return tuple(member_sheet(m, path=f"members[{i}]") for i, m in enumerate(value))


def _sheet(_inst: object, _attr: object, value: int) -> None:
    if type(value) is not int:
        raise InvalidInput("sheet", value, "the criteria set is named by its number (an integer)")


def _flags(value: object) -> tuple[str, ...]:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise InvalidInput(
            "flags",
            value,
            f"expected a list, got {show(value)} (flags are a list of condition keys)",
        )
    flags = tuple(value)
    for i, flag in enumerate(flags):
        if not isinstance(flag, str):
            raise InvalidInput(f"flags[{i}]", flag, f"expected a string, got {show(flag)}")
    return flags


def _overlay(value: object) -> Overlay | None:
    if value is not None and not isinstance(value, Overlay):
        raise InvalidInput(
            "overlay", value, "expected an errata overlay (ocop.serialize.overlay_from_dict)"
        )
    return value


def _none_apply(_inst: object, _attr: object, value: object) -> None:
    if type(value) is not bool:
        raise InvalidInput("none_apply", value, f"expected true or false, got {show(value)}")


def _optional_text(path: str, value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidInput(path, value, f"{path} is a string")
    return nfc(value)


def _ruleset(value: object) -> str | None:
    return _optional_text("ruleset", value)


def _id(value: object) -> str | None:
    return _optional_text("id", value)


def _optional_day(path: str) -> Any:
    def check(_inst: object, _attr: object, value: object) -> None:
        # A datetime is a date too, but an evaluation or a filing happens on a calendar day.
        check_optional_date(path, value)

    return check


def _council_rules(value: object) -> CouncilRules | None:
    return None if value is None else council_rules(value)


def _kind(value: object) -> DossierKind | None:
    return None if value is None else parse_kind(value)  # type: ignore[arg-type]


@attrs.frozen(kw_only=True)
class RankRequest:
    """A product to rank: its council's sheets, the criteria set, and how to pick the rules.

    Exactly one of ``ruleset`` (an id such as ``"qd26-2026"``) and ``as_of`` (the
    evaluation date) is given; ``filed`` and ``kind`` (the dossier's filing date and kind,
    26/2026 Điều 12.2) refine the choice made by ``as_of`` and need it. ``id`` is the
    caller's identifier for the product, carried to the result. ``council_rules`` (a
    preset's id such as ``"tay-ninh"``, or :class:`~ocop.ranking.council_rules.CouncilRules`)
    are the council's operating rules whose breaches the result reports; ``None`` checks
    nothing beyond the decision (the ``"neutral"`` rules).
    """

    sheet: int = attrs.field(validator=_sheet)
    members: tuple[MemberSheet, ...] = attrs.field(converter=_members)
    ruleset: str | None = attrs.field(default=None, converter=_ruleset)
    as_of: date | None = attrs.field(default=None, validator=_optional_day("as_of"))
    filed: date | None = attrs.field(default=None, validator=_optional_day("filed"))
    kind: DossierKind | None = attrs.field(default=None, converter=_kind)
    flags: tuple[str, ...] = attrs.field(default=(), converter=_flags)
    policy: MinimumPolicy = attrs.field(default=MinimumPolicy.MAJORITY, converter=minimum_policy)
    id: str | None = attrs.field(default=None, converter=_id)
    council_rules: CouncilRules | None = attrs.field(default=None, converter=_council_rules)
    none_apply: bool = attrs.field(default=False, validator=_none_apply)
    """The council's answer that none of the sheet's flag conditions holds (the knock-outs,
    and 781's Mục 6 minimums): the result then says the conditions were answered."""
    overlay: Overlay | None = attrs.field(default=None, converter=_overlay)
    """An errata overlay to rank under (:mod:`ocop.criteria.overlay`): a user's patch of
    named values of the rule set, with its citation, carried to the result as a caveat."""

    def __attrs_post_init__(self) -> None:
        if (self.ruleset is None) == (self.as_of is None):
            raise InvalidInput(
                "ruleset",
                self.ruleset,
                "give exactly one of ruleset (an id such as 'qd26-2026') or as_of (a date)",
            )
        if self.ruleset is not None and (self.filed is not None or self.kind is not None):
            raise InvalidInput(
                "filed" if self.filed is not None else "kind",
                self.filed if self.filed is not None else self.kind,
                "the filing date and dossier kind choose a rule set with as_of; "
                "they cannot be combined with an explicit ruleset",
            )
        if self.overlay is not None and self.ruleset not in (None, self.overlay.ruleset):
            raise InvalidInput(
                "overlay.ruleset",
                self.overlay.ruleset,
                f"the overlay patches {self.overlay.ruleset}, the request ranks under "
                f"{self.ruleset}",
            )
        if self.none_apply and self.flags:
            raise InvalidInput(
                "none_apply",
                self.none_apply,
                f"says that no condition applies, but flags name {', '.join(self.flags)}",
            )
        if self.filed is not None and self.as_of is not None and self.filed > self.as_of:
            raise InvalidInput(
                "filed",
                self.filed,
                f"the dossier cannot be filed after it is evaluated ({self.as_of})",
            )

    def __repr__(self) -> str:
        named = "" if self.id is None else f" {show(self.id)}"
        if self.ruleset is not None:
            rules = self.ruleset
        else:
            rules = f"as_of {self.as_of}"
            if self.filed is not None:
                rules += f" filed {self.filed}"
            if self.kind is not None:
                rules += f" ({self.kind.value})"
        members = counted(len(self.members), "member")
        return f"<RankRequest{named} sheet {self.sheet}, {rules}, {members}>"
