"""Councils: validation against the rule set, quorum, and the council's result.

A council is an :class:`ocop.Council` (level, chair, members), each member naming the
agency they represent in ``agency``: the agency's key (``"so_y_te"``), its name
(``"Sở Y tế"``) or an alias; matching ignores case and diacritics.

>>> from ocop.model import Council, CouncilLevel, CouncilMember
>>> seats = ["Sở Nông nghiệp và Môi trường", "Sở Công Thương", "Sở Y tế",
...          "Sở Khoa học và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch",
...          "Chi cục Phát triển nông thôn", "don_vi_chuyen_nganh_so_nnmt"]
>>> council = Council(
...     level=CouncilLevel.PROVINCE,
...     chair=CouncilMember(name="Trần Văn Bình", agency="UBND tỉnh"),
...     members=tuple(CouncilMember(name=f"Thành viên {i}", agency=a)
...                   for i, a in enumerate(seats, 1)),
... )
>>> check = check_council(council, ruleset="qd26-2026")
>>> check.ok
True
>>> print(check.notes[1])  # doctest: +ELLIPSIS
Sở An toàn thực phẩm is not represented; it is required only where it exists (nếu có: ...).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import attrs

from ocop._text import fold, nfc
from ocop.criteria import DossierKind
from ocop.criteria.model import Source
from ocop.errors import InvalidCouncil, InvalidInput, UnknownLevel
from ocop.model import Council, CouncilMember, MemberSheet
from ocop.procedure._loader import catalogue
from ocop.procedure._rules import rules_check
from ocop.procedure.levels import NextStep, load_procedure, next_step_for, resolve_procedure
from ocop.procedure.model import Agency, CouncilRule, Level, ProcedureRuleSet, QuorumRule
from ocop.ranking import (
    MinimumPolicy,
    RankRequest,
    RankResult,
    member_sheet,
    rank_request,
    resolve_ruleset,
)
from ocop.ranking.council_rules import NEUTRAL, CouncilBreach, CouncilRules
from ocop.ranking.council_rules import council_rules as read_rules
from ocop.ranking.result import counted

__all__ = [
    "CouncilCheck",
    "CouncilProblem",
    "CouncilResult",
    "agency_for",
    "check_council",
    "council_rank",
    "council_rule",
    "validate_council",
]


@attrs.frozen(kw_only=True)
class CouncilProblem:
    """One way a council falls short of its rule set."""

    path: str
    value: object
    message: str
    source: Source


@attrs.frozen(kw_only=True)
class CouncilCheck:
    """The result of checking a council: problems (errors) and notes (what was not checked)."""

    ruleset: str
    level: Level
    problems: tuple[CouncilProblem, ...]
    notes: tuple[str, ...]
    quorum: QuorumRule | None
    verified: bool
    council_rules: str = NEUTRAL
    """The id of the council's operating rules checked (``"neutral"``: none)."""
    breaches: tuple[CouncilBreach, ...] = ()
    """Breaches of those rules (quorum as a share, the chair's presence): reported beside
    the problems, which are the rule set's."""

    @property
    def ok(self) -> bool:
        return not self.problems


def _agencies() -> dict[str, Agency]:
    return {a.key: a for a in catalogue().agencies}


def agency_for(text: str | None) -> Agency | None:
    """The agency that *text* names (its key, name or an alias), or ``None``.

    >>> agency_for("so y te").key
    'so_y_te'
    >>> agency_for("Hội Nông dân") is None
    True
    """
    if text is None:
        return None
    wanted = fold(nfc(text)).strip()
    for agency in catalogue().agencies:
        names = (agency.key, agency.name, *agency.aliases)
        if any(fold(n) == wanted for n in names):
            return agency
    return None


def council_rule(
    level: Level | str, *, ruleset: str | None = None, as_of: date | None = None
) -> CouncilRule:
    """What the rule set requires of the council of *level*."""
    rs = resolve_procedure(ruleset, as_of)
    return _rule(rs, level)


def _rule(rs: ProcedureRuleSet, level: object) -> CouncilRule:
    raw = level.value if isinstance(level, Level) else getattr(level, "value", level)
    for rule in rs.councils:
        if rule.level.value == raw:
            return rule
    levels = ", ".join(r.level.value for r in rs.councils)
    raise UnknownLevel("level", raw, f"{rs.id} has councils at {levels} only")


def _people(council: Council) -> list[tuple[str, CouncilMember]]:
    return [("chair", council.chair)] + [
        (f"members[{i}]", m) for i, m in enumerate(council.members)
    ]


def _present_count(present: int | Iterable[str], names: set[str]) -> int:
    if isinstance(present, bool):
        raise InvalidInput("present", present, "give a number of members or their names")
    if isinstance(present, int):
        if not 0 <= present <= len(names):
            raise InvalidInput(
                "present", present, f"the council has {counted(len(names), 'member')}"
            )
        return present
    if isinstance(present, str) or not isinstance(present, Iterable):
        raise InvalidInput("present", present, "give a number of members or a list of names")
    seen: set[str] = set()
    for i, name in enumerate(present):
        n = nfc(name) if isinstance(name, str) else name
        if n not in names:
            raise InvalidInput(f"present[{i}]", name, "not a member of the council")
        seen.add(n)
    return len(seen)


def check_council(
    council: Council,
    *,
    ruleset: str | None = None,
    as_of: date | None = None,
    present: int | Iterable[str] | None = None,
    council_rules: CouncilRules | str | None = None,
) -> CouncilCheck:
    """Check *council* against what its rule set requires at its level.

    Checks the chair's agency, the agencies that must be represented, duplicate
    members and, where a quorum is stated and *present* is given (a count or names),
    the quorum. What the rule set leaves open is reported in ``notes``, not invented.
    *council_rules* (a preset's id such as ``"tay-ninh"``, or
    :class:`~ocop.ranking.council_rules.CouncilRules`) adds the council's own operating
    rules: their breaches (the share of members present, the chair's presence, which
    needs *present* as names) are reported in ``breaches``.
    """
    if not isinstance(council, Council):
        raise InvalidInput("council", council, "expected an ocop.Council")
    rules = read_rules(council_rules)
    if isinstance(present, Iterable) and not isinstance(present, str | bytes | Mapping):
        present = list(present)
    rs = resolve_procedure(ruleset, as_of)
    rule = _rule(rs, council.level)
    agencies = _agencies()
    problems: list[CouncilProblem] = []
    notes: list[str] = []
    people = _people(council)
    names: dict[str, str] = {}
    for path, person in people:
        if person.name in names:
            problems.append(
                CouncilProblem(
                    path=f"{path}.name",
                    value=person.name,
                    message=f"{person.name} sits twice (also {names[person.name]})",
                    source=rule.source,
                )
            )
        names.setdefault(person.name, path)
    represented = {a.key for _, p in people if (a := agency_for(p.agency)) is not None}
    if rule.chair or rule.chair_delegate:
        chair_agency = agency_for(council.chair.agency)
        allowed = ", ".join(agencies[k].name for k in rule.chair)
        if chair_agency is not None and chair_agency.key in rule.chair:
            pass
        elif chair_agency is not None and chair_agency.key in rule.chair_delegate:
            notes.append(
                f"The chair comes from {chair_agency.name}: allowed only by delegation "
                f"where necessary, the delegate answering for the result ({rule.source})."
            )
        else:
            problems.append(
                CouncilProblem(
                    path="chair.agency",
                    value=council.chair.agency,
                    message=f"the chair must be a leader of {allowed}, or a delegated head of "
                    "a specialised agency",
                    source=rule.source,
                )
            )
    if rule.composition_note:
        notes.append(rule.composition_note)
    for seat in rule.members:
        agency = agencies[seat.agency]
        if seat.agency in represented:
            continue
        if seat.required:
            problems.append(
                CouncilProblem(
                    path="members",
                    value=[p.agency for _, p in people],
                    message=f"no member represents {agency.name} ({agency.name_en})",
                    source=rule.source,
                )
            )
        else:
            notes.append(
                f"{agency.name} is not represented; it is required only where it exists "
                f"({seat.condition})."
            )
    if rule.quorum is None:
        notes.append(rule.quorum_note or "No quorum is stated.")
    elif present is None:
        notes.append(
            f"Quorum {rule.quorum.min_present}/{rule.quorum.of_members} ({rule.quorum.source}) "
            "not checked: attendance not given."
        )
    else:
        count = _present_count(present, set(names))
        size = len(people)
        if size != rule.quorum.of_members:
            notes.append(
                f"The quorum is stated as {rule.quorum.min_present} of "
                f"{rule.quorum.of_members} members ({rule.quorum.source}); this council has "
                f"{size} members, so it is not applied."
            )
        elif count < rule.quorum.min_present:
            problems.append(
                CouncilProblem(
                    path="present",
                    value=count,
                    message=f"{count} of {size} members present; the quorum is "
                    f"{rule.quorum.min_present} of {rule.quorum.of_members}",
                    source=rule.quorum.source,
                )
            )
        if not rule.quorum.verified:
            notes.append(f"The quorum is unverified: {rule.quorum.reason}")
    if present is not None:
        _present_count(present, set(names))
    breaches, more = rules_check([p.name for _, p in people], council.chair.name, rules, present)
    return CouncilCheck(
        ruleset=rs.id,
        level=rule.level,
        problems=tuple(problems),
        notes=(*notes, *more),
        quorum=rule.quorum,
        verified=rs.verified,
        council_rules=rules.id,
        breaches=breaches,
    )


def validate_council(
    council: Council,
    *,
    ruleset: str | None = None,
    as_of: date | None = None,
    present: int | Iterable[str] | None = None,
    council_rules: CouncilRules | str | None = None,
) -> CouncilCheck:
    """:func:`check_council`, raising :class:`~ocop.errors.InvalidCouncil` on the first problem
    (a problem of the rule set; breaches of council rules are reported, not raised)."""
    check = check_council(
        council, ruleset=ruleset, as_of=as_of, present=present, council_rules=council_rules
    )
    if check.problems:
        first = check.problems[0]
        message = f"{first.message} [{first.source}]"
        raise InvalidCouncil(f"council.{first.path}", first.value, message)
    return check


@attrs.frozen(kw_only=True)
class CouncilResult:
    """A council's result: the check of the council, the ranking, and the next step."""

    check: CouncilCheck
    result: RankResult
    next_step: NextStep


def council_rank(
    council: Council,
    sheets: Iterable[MemberSheet | Mapping[str, Any]],
    *,
    sheet: int,
    ruleset: str | None = None,
    as_of: date | None = None,
    flags: Iterable[str] = (),
    policy: MinimumPolicy | str = MinimumPolicy.MAJORITY,
    present: int | Iterable[str] | None = None,
    strict: bool = True,
    filed: date | None = None,
    kind: DossierKind | str | None = None,
    id: str | None = None,
    council_rules: CouncilRules | str | None = None,
) -> CouncilResult:
    """Rank a product from the sheets of *council*'s members, with the same engine as ``rank()``.

    Each sheet must be signed by a member of the council (its ``member`` is a member's
    name), at most one sheet per member. With *strict* (the default) a council that
    fails :func:`check_council` raises :class:`~ocop.errors.InvalidCouncil`. The rule set
    and the ranking are those of :func:`ocop.rank_request` for the same request.
    """
    header = RankRequest(
        sheet=sheet,
        members=(),
        ruleset=ruleset,
        as_of=as_of,
        filed=filed,
        kind=kind,
        flags=flags,
        policy=policy,
        id=id,
        council_rules=council_rules,
    )
    rs = load_procedure(resolve_ruleset(header))
    checking = validate_council if strict else check_council
    check = checking(council, ruleset=rs.id, present=present, council_rules=header.council_rules)
    if isinstance(sheets, Mapping | str | bytes):
        raise InvalidInput("sheets", sheets, "sheets are a list of member sheets")
    names = {p.name for _, p in _people(council)}
    parsed: list[MemberSheet] = []
    signed: set[str] = set()
    for i, raw in enumerate(sheets):
        ms = member_sheet(raw, path=f"sheets[{i}]")
        if ms.member not in names:
            raise InvalidCouncil(
                f"sheets[{i}].member", ms.member, "the sheet is not signed by a council member"
            )
        if ms.member in signed:
            raise InvalidCouncil(f"sheets[{i}].member", ms.member, "a member signs one sheet")
        signed.add(ms.member)
        parsed.append(ms)
    result = rank_request(attrs.evolve(header, members=tuple(parsed)))
    step = next_step_for(result, level=Level(council.level.value), ruleset_id=rs.id)
    return CouncilResult(check=check, result=result, next_step=step)
