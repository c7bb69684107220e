"""The council document (the input of ``ocop council check``), the council rules of a
rank request and the breaches of a result."""

from __future__ import annotations

from typing import Any

import attrs

from ocop._convert import check_keys, structure
from ocop._source import Source
from ocop._trusted import unstructure
from ocop.errors import InvalidInput
from ocop.model import Council, CouncilMember
from ocop.ranking.council_rules import CouncilBreach, CouncilRules, presets
from ocop.serialize._json import expect

__all__ = [
    "breach_from_dict",
    "breach_to_dict",
    "council_from_dict",
    "council_rules_to_doc",
    "council_to_dict",
]

_COUNCIL_KEYS = tuple(f.name for f in attrs.fields(Council))
_MEMBER_KEYS = tuple(f.name for f in attrs.fields(CouncilMember))


def _member_to_dict(member: CouncilMember) -> dict[str, Any]:
    doc: dict[str, Any] = {"name": member.name}
    if member.agency is not None:
        doc["agency"] = member.agency
    if member.role is not None:
        doc["role"] = member.role
    return doc


def council_to_dict(council: Council) -> dict[str, Any]:
    """The council document of *council* (the input of ``ocop council check``).

    ``{"level": "province", "name": "...", "chair": {"name": "...", "agency": "...",
    "role": "..."}, "members": [{"name": "...", "agency": "..."}, ...]}``; ``name``,
    ``agency`` and ``role`` are left out when ``None``, ``members`` is always written.

    >>> from ocop.model import CouncilLevel
    >>> chair = CouncilMember(name="Trần Văn Bình", agency="UBND tỉnh")
    >>> doc = council_to_dict(Council(level=CouncilLevel.PROVINCE, chair=chair))
    >>> doc
    {'level': 'province', 'chair': {'name': 'Trần Văn Bình', 'agency': 'UBND tỉnh'}, 'members': []}
    >>> council_from_dict(doc) == Council(level=CouncilLevel.PROVINCE, chair=chair)
    True
    """
    expect(council, Council, "council_to_dict")
    doc: dict[str, Any] = {"level": council.level.value}
    if council.name is not None:
        doc["name"] = council.name
    doc["chair"] = _member_to_dict(council.chair)
    doc["members"] = [_member_to_dict(m) for m in council.members]
    return doc


def _check_member(raw: object, path: str) -> None:
    member = check_keys(raw, _MEMBER_KEYS, path=path, what="a council member")
    name = member.get("name")
    if isinstance(name, str) and not name.strip():
        raise InvalidInput(f"{path}.name", name, "a member's name must not be empty")


def council_from_dict(doc: Any) -> Council:
    """Read a council document (see :func:`council_to_dict`); errors name the field path.

    Strict like the rank request: an unknown key (``members[2].agencey``), a value of the
    wrong type, an unknown ``level`` or an empty name is an
    :class:`~ocop.errors.InvalidInput`. Text is NFC-normalised. Whether the council meets
    its rule set is :func:`ocop.procedure.check_council`'s question, not this one's.
    """
    check_keys(doc, _COUNCIL_KEYS, path="", what="a council")
    if "chair" in doc:
        _check_member(doc["chair"], "chair")
    members = doc.get("members", [])
    if not isinstance(members, list):
        raise InvalidInput("members", members, "members are a list of council members")
    for i, member in enumerate(members):
        _check_member(member, f"members[{i}]")
    return structure(doc, Council)


def council_rules_to_doc(rules: CouncilRules) -> str | dict[str, Any]:
    """The ``council_rules`` of a rank request document: a preset's id when *rules* are
    that preset, else the rules written out (the shape of ``council_rules.json``'s presets,
    read back by :func:`ocop.ranking.council_rules.council_rules`)."""
    expect(rules, CouncilRules, "council_rules_to_doc")
    if presets().get(rules.id) == rules:
        return rules.id
    return unstructure(rules)


def breach_to_dict(breach: CouncilBreach) -> dict[str, Any]:
    """A breach of council rules, as in ``council_breaches`` (a result) and ``breaches`` (a
    council check): its fields (exact numbers as strings), then ``citation``, the source as
    one line of text."""
    expect(breach, CouncilBreach, "breach_to_dict")
    doc = unstructure(breach)
    doc["citation"] = str(breach.source)
    return doc


def breach_from_dict(doc: Any, *, path: str) -> CouncilBreach:
    """Read a breach back (:func:`breach_to_dict`); its ``citation`` must be its source's."""
    if not isinstance(doc, dict):
        raise InvalidInput(path, doc, "a breach is an object")
    fields = {k: v for k, v in doc.items() if k != "citation"}
    breach = structure(fields, CouncilBreach, path=path)
    source: Source = breach.source
    if doc.get("citation") != str(source):
        raise InvalidInput(
            f"{path}.citation", doc.get("citation"), f"must be its source: {str(source)!r}"
        )
    return breach
