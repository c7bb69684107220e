"""``ocop.migrate``: an old dossier's sheets read under the criteria of a later rule set.

What carries over, and nothing else:

* the criteria set is the one the sheet lineage names (:func:`ocop.map_sheet`), exactly one;
* a criterion carries over to the criterion of the new set with the same title (compared
  after NFC, white space and case normalisation: the sheets print some titles in capitals);
* a member's answer carries over when the new criterion has exactly one option whose
  wording is the old option's after NFC and white-space normalisation (the points are the
  new rule set's);
* or, where the wording differs, when the table of ``carry_over.json`` lists the pair (a
  criterion, or an option, of 148/QĐ-TTg that is the same requirement at the same level under
  26/2026/QĐ-TTg; each entry cites both decisions and gives its reason). :class:`Carried`
  names the entries used (``mapping``, ``mapped``).

Everything else is a :class:`Question` for the producer or the council: a new criterion, or
an option whose wording changed. The product is ranked when nothing is open; otherwise it is
ranked twice, with every open question at its lowest and at its highest option (the range
the answers can give), and :func:`ocop.advise` says what the open questions need for the
class the old rules gave. No question is answered by guessing.
"""

from __future__ import annotations

import attrs

from ocop.advice._carry_over import CriterionPair, criterion_pairs, entry_reason, option_pair
from ocop.advice.advise import advise
from ocop.advice.evidence import normalise
from ocop.advice.plan import Advice
from ocop.criteria import load_ruleset
from ocop.criteria.lineage import map_sheet
from ocop.criteria.model import CriteriaSheet, Criterion
from ocop.errors import InvalidInput, SheetUnavailable
from ocop.model import MemberSheet
from ocop.ranking import RankRequest, RankResult, rank_request, resolve_ruleset

__all__ = ["Carried", "Mapped", "Migration", "Previous", "Question", "migrate"]


@attrs.frozen(kw_only=True)
class Mapped:
    """An entry of the carry-over table (``carry_over.json``) that the migration used."""

    entry: str
    """The entry's id in the table."""
    reason: str
    members: tuple[str, ...] = ()
    """For an option's entry: the members whose answer it carried."""


@attrs.frozen(kw_only=True)
class Carried:
    """A criterion that carried over, with how many members' answers did."""

    criterion: str
    """The code under the new rule set."""
    from_criterion: str
    members: int
    mapping: Mapped | None = None
    """The table's entry when the titles differ (``None``: the same title)."""
    mapped: tuple[Mapped, ...] = ()
    """The table's entries that carried answers whose wording differs."""


@attrs.frozen(kw_only=True)
class Previous:
    """A member's answer under the old rules, where the new criterion has one."""

    member: str
    criterion: str
    option: str
    label: str


@attrs.frozen(kw_only=True)
class Question:
    """A criterion of the new set that some members' sheets leave open.

    ``reason`` is ``"new_criterion"`` (no criterion of the old set has its title) or
    ``"wording_changed"`` (the old option has no option of the same wording)."""

    criterion: str
    title: str
    title_en: str | None
    reason: str
    members: tuple[str, ...]
    previous: tuple[Previous, ...] = ()


@attrs.frozen(kw_only=True)
class Migration:
    """An old dossier read under ``to_ruleset``: what carried over, what is open, and the
    rankings (all by :func:`ocop.rank_request`)."""

    from_ruleset: str
    from_sheet: int
    to_ruleset: str
    to_sheet: int
    carried: tuple[Carried, ...]
    questions: tuple[Question, ...]
    dropped: tuple[str, ...]
    """Old criteria (code) with no criterion of the same title in the new set."""
    dropped_flags: tuple[str, ...]
    request: RankRequest
    """The migrated request; complete when there is no question, else open questions are
    left out of the members' answers."""
    before: RankResult | None
    """The dossier under its own rules (``None`` where that sheet cannot be ranked)."""
    result: RankResult | None
    """The migrated ranking, when no question is open."""
    lowest: RankResult | None
    """With every open question at its lowest option."""
    highest: RankResult | None
    """With every open question at its highest option."""
    advice: Advice | None
    """What the open questions need for the old class (or the next class above ``lowest``)."""
    notes: tuple[str, ...] = ()


def mapping_reason(entry: str) -> str | None:
    """The reason the carry-over table gives for *entry* (``None``: the table has no such
    entry); read back by :func:`ocop.serialize.migration_from_dict`."""
    return entry_reason(entry)


def _key(text: str) -> str:
    return normalise(text).casefold()


def _match(old: CriteriaSheet, new: CriteriaSheet) -> dict[str, Criterion]:
    """Old code → the new criterion of the same title, where each side has one (the
    table's pairs are added by :func:`migrate`)."""
    olds: dict[str, list[Criterion]] = {}
    news: dict[str, list[Criterion]] = {}
    for c in old.criteria:
        olds.setdefault(_key(c.title), []).append(c)
    for c in new.criteria:
        news.setdefault(_key(c.title), []).append(c)
    return {
        found[0].code: news[title][0]
        for title, found in olds.items()
        if len(found) == 1 and len(news.get(title, ())) == 1
    }


def _carry(old: Criterion, new: Criterion, key: str) -> str | None:
    wording = normalise(old.option(key).label)
    same = [o.key for o in new.options if normalise(o.label) == wording]
    return same[0] if len(same) == 1 else None


def _fill(sheet: CriteriaSheet, answers: dict[str, str], *, high: bool) -> dict[str, str]:
    filled = dict(answers)
    for crit in sheet.criteria:
        rule = crit.applies_if
        if rule is not None and filled.get(rule.criterion, rule.options[0]) not in rule.options:
            continue
        if crit.code not in filled:
            pick = max(crit.options, key=lambda o: o.points) if high else crit.options[0]
            filled[crit.code] = pick.key
    return filled


def _applies(crit: Criterion, answers: dict[str, str]) -> bool:
    rule = crit.applies_if
    return rule is None or rule.criterion not in answers or answers[rule.criterion] in rule.options


def migrate(request: RankRequest, to: str = "qd26-2026") -> Migration:
    """Read *request* (ranked under an earlier rule set) under rule set *to*."""
    if not isinstance(request, RankRequest):
        raise TypeError(f"expected an ocop.RankRequest, got {type(request).__name__}")
    if not isinstance(to, str):
        raise InvalidInput("to", to, "the rule set is named by its id, such as 'qd26-2026'")
    source = resolve_ruleset(request)
    target = load_ruleset(to).id
    if source == target:
        raise InvalidInput("ruleset", source, f"the request is already under {target}")
    sheets = map_sheet(source, request.sheet, target)
    if len(sheets) != 1:
        raise InvalidInput(
            "sheet",
            request.sheet,
            f"criteria set {request.sheet} of {source} continues as "
            + (f"sets {', '.join(map(str, sheets))}" if sheets else "no set")
            + f" of {target}; the migration needs exactly one",
        )
    old_sheet = load_ruleset(source).sheet(request.sheet)
    new_sheet = load_ruleset(target).sheet(sheets[0])
    notes: list[str] = []
    try:
        ranked = rank_request(request)
        members = [dict(m.answers) for m in ranked.members]
        before: RankResult | None = ranked
    except SheetUnavailable as exc:
        before = None
        notes.append(f"The dossier cannot be ranked under {source}: {exc.message}")
        members = [_keys(old_sheet, m) for m in request.members]
    matched = _match(old_sheet, new_sheet)
    pairs: dict[str, CriterionPair] = {}
    for code, pair in criterion_pairs(source, target, request.sheet).items():
        pairs[code] = pair
        matched[code] = new_sheet.criterion(pair.to_criterion)
    matched = {c.code: matched[c.code] for c in old_sheet.criteria if c.code in matched}
    names = [m.member for m in request.members]
    new_answers: list[dict[str, str]] = [{} for _ in names]
    carried: list[Carried] = []
    previous: dict[str, list[Previous]] = {}
    for code, crit in matched.items():
        old = old_sheet.criterion(code)
        count = 0
        used: dict[str, tuple[str, list[str]]] = {}
        for i, answers in enumerate(members):
            if code not in answers:
                continue
            key = _carry(old, crit, answers[code])
            entry = (
                None
                if key is not None
                else option_pair(source, target, request.sheet, code, answers[code])
            )
            if entry is not None and entry.to_criterion == crit.code:
                key = entry.to_option
                used.setdefault(entry.id, (entry.reason, []))[1].append(names[i])
            if key is not None:
                new_answers[i][crit.code] = key
                count += 1
            else:
                label = old.option(answers[code]).label
                previous.setdefault(crit.code, []).append(
                    Previous(member=names[i], criterion=code, option=answers[code], label=label)
                )
        same = pairs.get(code)
        carried.append(
            Carried(
                criterion=crit.code,
                from_criterion=code,
                members=count,
                mapping=None if same is None else Mapped(entry=same.id, reason=same.reason),
                mapped=tuple(
                    Mapped(entry=e, reason=r, members=tuple(m)) for e, (r, m) in used.items()
                ),
            )
        )
    questions = []
    new_codes = {c.code for c in matched.values()}
    for crit in new_sheet.criteria:
        open_for = tuple(
            name
            for name, answers in zip(names, new_answers, strict=True)
            if crit.code not in answers and _applies(crit, answers)
        )
        if open_for:
            questions.append(
                Question(
                    criterion=crit.code,
                    title=crit.title,
                    title_en=crit.title_en,
                    reason="wording_changed" if crit.code in new_codes else "new_criterion",
                    members=open_for,
                    previous=tuple(previous.get(crit.code, ())),
                )
            )
    flags = [f for f in request.flags if any(c.key == f for c in new_sheet.conditions)]
    migrated = RankRequest(
        ruleset=target,
        sheet=new_sheet.number,
        members=[MemberSheet(member=n, answers=a) for n, a in zip(names, new_answers, strict=True)],
        flags=flags,
        policy=request.policy,
        id=request.id,
    )
    result = lowest = highest = None
    advice = None
    if not questions:
        result = rank_request(migrated)
    else:
        low = _with(migrated, [_fill(new_sheet, a, high=False) for a in new_answers])
        high = _with(migrated, [_fill(new_sheet, a, high=True) for a in new_answers])
        lowest, highest = rank_request(low), rank_request(high)
        goal = before.stars if before is not None and before.stars is not None else None
        fixed = [
            c.code for c in new_sheet.criteria if c.code not in {q.criterion for q in questions}
        ]
        advice = advise(low, target=goal, fixed=fixed)
        if not advice.reachable:
            notes.append(
                "The open questions alone cannot reach the class: the advice may raise any "
                "criterion."
            )
            advice = advise(low, target=goal)
    return Migration(
        from_ruleset=source,
        from_sheet=request.sheet,
        to_ruleset=target,
        to_sheet=new_sheet.number,
        carried=tuple(carried),
        questions=tuple(questions),
        dropped=tuple(c.code for c in old_sheet.criteria if c.code not in matched),
        dropped_flags=tuple(f for f in request.flags if f not in flags),
        request=migrated,
        before=before,
        result=result,
        lowest=lowest,
        highest=highest,
        advice=advice,
        notes=tuple(notes),
    )


def _with(request: RankRequest, answers: list[dict[str, str]]) -> RankRequest:
    members = [
        MemberSheet(member=m.member, answers=a)
        for m, a in zip(request.members, answers, strict=True)
    ]
    return attrs.evolve(request, members=tuple(members))


def _keys(sheet: CriteriaSheet, member: MemberSheet) -> dict[str, str]:
    """A member's answers as option keys, on a sheet that cannot be ranked (answers given
    by points are read where the points name one option)."""
    keys: dict[str, str] = {}
    for code, value in member.answers.items():
        try:
            crit = sheet.criterion(code)
        except KeyError:
            raise InvalidInput(f"members.answers[{code!r}]", code, "no such criterion") from None
        found = [o.key for o in crit.options if o.key == value or o.points == value]
        if len(found) != 1:
            raise InvalidInput(
                f"members.answers[{code!r}]", value, "not one option of the criterion"
            )
        keys[code] = found[0]
    return keys
