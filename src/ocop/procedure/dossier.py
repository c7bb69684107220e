"""Dossier kinds and contents (26/2026/QĐ-TTg Điều 6), as checklists a dossier is checked against.

Kinds: :class:`ocop.DossierKind`, given as the enum or its value: ``first`` (lần đầu),
``upgrade`` (nâng hạng) and ``reranking`` (phân hạng lại).
Stages: ``producer`` (the product dossier, Điều 6.1), ``commune`` (the commune's
proposal to the province, Điều 6.2) and ``province`` (the province's 5★ proposal to the
Ministry, Điều 6.3).

>>> check = check_dossier(["mau_01"], kind="upgrade")
>>> [item.key for item in check.missing]
['mau_02', 'changes_evidence']
>>> str(check.source)
'26/2026/QĐ-TTg, Điều 6 khoản 1 điểm b'
>>> check_dossier(["commune_letter", "mau_03", "product_dossier"], kind="first",
...               stage="commune", tourism=True).complete
True
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import attrs

from ocop._source import Source
from ocop._text import nfc
from ocop.criteria import DossierKind, parse_kind
from ocop.errors import IncompleteDossier, InvalidInput, NotEncoded
from ocop.procedure.levels import load_procedure
from ocop.procedure.model import Checklist, DossierItem

__all__ = ["DossierCheck", "DossierKind", "DossierStage", "check_dossier", "checklist"]

DossierStage = Literal["producer", "commune", "province"]
_STAGES = ("producer", "commune", "province")


def _kind(kind: DossierKind | str) -> DossierKind:
    dossier = parse_kind(kind)
    if dossier is None:
        raise InvalidInput("kind", kind, "give the dossier kind: first, upgrade or reranking")
    return dossier


def checklist(
    kind: DossierKind | str, *, stage: DossierStage = "producer", ruleset: str = "qd26-2026"
) -> Checklist:
    """The checklist for a dossier of *kind* at *stage* under *ruleset*.

    Only 26/2026 is encoded; the dossier rules of the older rule sets were not read.
    """
    dossier = _kind(kind)
    if stage not in _STAGES:
        raise InvalidInput("stage", stage, f"unknown stage; stages are {', '.join(_STAGES)}")
    rs = load_procedure(ruleset)
    if not rs.checklists:
        raise NotEncoded(ruleset, "dossier checklists")
    for wanted in (dossier.value, "any"):
        for cl in rs.checklists:
            if cl.kind == wanted and cl.stage == stage:
                return cl
    raise NotEncoded(ruleset, f"a {dossier.value} dossier at the {stage} stage")  # pragma: no cover


@attrs.frozen(kw_only=True)
class DossierCheck:
    """The items a dossier lacks, against its checklist."""

    ruleset: str
    kind: DossierKind
    stage: DossierStage
    title: str
    source: Source
    missing: tuple[DossierItem, ...]
    not_required: tuple[DossierItem, ...] = ()
    """Items of the checklist that do not apply (samples for the tourism group)."""

    @property
    def complete(self) -> bool:
        return not self.missing


def check_dossier(
    items: Iterable[str],
    *,
    kind: DossierKind | str,
    stage: DossierStage = "producer",
    ruleset: str = "qd26-2026",
    tourism: bool = False,
    strict: bool = False,
) -> DossierCheck:
    """Check the components a dossier has (*items*, by key) against its checklist.

    ``tourism`` is true for the group *dịch vụ du lịch cộng đồng, du lịch sinh thái và
    điểm du lịch*, which sends no product samples (Điều 6.2.d, 6.3). An item key the
    checklist does not know is an error. With *strict*, a dossier with missing items
    raises :class:`~ocop.errors.IncompleteDossier` naming them.
    """
    cl = checklist(kind, stage=stage, ruleset=ruleset)
    if isinstance(items, str | bytes):
        raise InvalidInput("items", items, "items are a list of item keys, not one string")
    if not isinstance(tourism, bool):
        raise InvalidInput("tourism", tourism, "expected true or false")
    known = {item.key for item in cl.items}
    have: set[str] = set()
    for i, key in enumerate(items):
        if not isinstance(key, str) or nfc(key) not in known:
            raise InvalidInput(
                f"items[{i}]", key, f"unknown item; items are {', '.join(sorted(known))}"
            )
        have.add(nfc(key))
    missing: list[DossierItem] = []
    not_required: list[DossierItem] = []
    for item in cl.items:
        if item.except_tourism and tourism:
            not_required.append(item)
        elif not item.optional and item.key not in have:
            missing.append(item)
    check = DossierCheck(
        ruleset=ruleset,
        kind=_kind(kind),
        stage=stage,
        title=cl.title,
        source=cl.source,
        missing=tuple(missing),
        not_required=tuple(not_required),
    )
    if strict and missing:
        listed = "; ".join(f"{m.key} ({m.label})" for m in missing)
        raise IncompleteDossier(
            "items", [m.key for m in missing], f"missing: {listed} [{cl.source}]"
        )
    return check
