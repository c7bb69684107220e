"""Errata overlays: a user's patch of named values of a named rule set, with its citation.

Where no text the library has read settles a value (148's sheets 11-13 sum short of their
part maxima), a user who holds the decision's text can supply the values as an overlay: a
small data file (read by :func:`ocop.serialize.overlay_from_dict`, JSON Schema
``errata-overlay.json``) naming the rule set, its own id, the citation of the text it follows,
and each value it changes, with the value it replaces. Nothing else can be patched.

>>> from ocop.criteria import load_ruleset
>>> ov = Overlay(id="demo", ruleset="qd26-2026", citation="26/2026/QĐ-TTg, Phụ lục II",
...              patches=[Patch(sheet=1, criterion="1.1", option="a", printed=1, value=1)])
>>> apply_overlay(load_ruleset("qd26-2026"), ov).caveats[-1][:40]
"Errata overlay 'demo' (a user's patch of"

Rules, each an :class:`~ocop.errors.InvalidInput` naming the patch's path:

* the overlay names the rule set it is applied to; each patch names an existing sheet,
  criterion (and option, for ``points``) and gives the value it replaces (``printed``),
  which must be the shipped value: an overlay written for other data is refused;
* after patching, the sheet must pass every check of the catalogue
  (:func:`ocop.criteria._loader.check_integrity`): options ascend, the top option is worth
  the criterion's maximum, headings sum, and each part sums to its maximum — or to it less
  the gaps the sheet still declares. A patch that makes a part whole removes that part's gap,
  so a refused sheet becomes rankable;
* the result carries the overlay's id and citation as a caveat, on every ranking under it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

import attrs

from ocop._text import nfc
from ocop.criteria.model import CriteriaSheet, Criterion, Erratum, Heading
from ocop.criteria.ruleset import RuleSet
from ocop.errors import CatalogueIntegrityError, InvalidInput, show

__all__ = ["Overlay", "Patch", "apply_overlay"]


def _text(_inst: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip() or value != nfc(value.strip()):
        raise InvalidInput(
            attribute.name, value, "expected a non-empty string in NFC, without outer blanks"
        )


def _patches(value: object) -> tuple[Patch, ...]:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise InvalidInput(
            "patches", value, f"expected a list of ocop.criteria.overlay.Patch, got {show(value)}"
        )
    patches = tuple(value)
    if not patches:
        raise InvalidInput("patches", [], "an overlay patches at least one value")
    for i, patch in enumerate(patches):
        if not isinstance(patch, Patch):
            raise InvalidInput(f"patches[{i}]", patch, f"expected a Patch, got {show(patch)}")
    return patches


def _code(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None and attribute.name == "option":
        return
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(attribute.name, value, f"expected a non-empty string, got {show(value)}")


def _field(_inst: object, _attribute: object, value: object) -> None:
    if not isinstance(value, str) or value not in ("points", "max_points"):
        raise InvalidInput("field", value, f"expected 'points' or 'max_points', got {show(value)}")


@attrs.frozen(kw_only=True)
class Patch:
    """One value changed: an option's ``points`` (``option`` given) or a criterion's or
    heading's ``max_points`` (``option`` left out); ``printed`` is the value it replaces."""

    sheet: int
    criterion: str = attrs.field(validator=_code)
    value: int
    printed: int
    option: str | None = attrs.field(default=None, validator=_code)
    field: Literal["points", "max_points"] = attrs.field(default="points", validator=_field)

    def __attrs_post_init__(self) -> None:
        for name in ("sheet", "value", "printed"):
            number = getattr(self, name)
            if type(number) is not int or number < 0:
                raise InvalidInput(name, number, "expected a non-negative integer")
        if (self.field == "points") != (self.option is not None):
            raise InvalidInput(
                "option", self.option, "a points patch names its option; a max_points one none"
            )

    @property
    def where(self) -> str:
        at = self.criterion if self.option is None else f"{self.criterion}/{self.option}"
        return f"sheet {self.sheet} {at} {self.field}"


@attrs.frozen(kw_only=True)
class Overlay:
    """An errata overlay (see the module's text): its ``id``, the ``ruleset`` it patches,
    the ``citation`` of the text it follows, and its ``patches``."""

    id: str = attrs.field(validator=_text)
    ruleset: str = attrs.field(validator=_text)
    citation: str = attrs.field(validator=_text)
    patches: tuple[Patch, ...] = attrs.field(converter=_patches)

    @property
    def caveat(self) -> str:
        changes = "; ".join(f"{p.where} {p.printed} → {p.value}" for p in self.patches)
        stop = "" if self.citation.endswith(".") else "."
        return (
            f"Errata overlay {self.id!r} (a user's patch of {self.ruleset}, not the library's "
            f"data) applied, citing: {self.citation}{stop} Changed: {changes}."
        )


def _erratum(patch: Patch, overlay: Overlay) -> Erratum:
    return Erratum(
        field=patch.field,
        printed=str(patch.printed),
        used=patch.value,
        kind="user_overlay",
        reason=f"Errata overlay {overlay.id!r}: {overlay.citation}",
    )


def _patch_sheet(
    sheet: CriteriaSheet, patches: list[tuple[int, Patch]], ov: Overlay, maxima: dict[str, int]
) -> CriteriaSheet:
    crits = {c.code: c for c in sheet.criteria}
    heads = {h.code: h for h in sheet.headings}
    for i, patch in patches:
        path = f"patches[{i}]"
        node: Criterion | Heading | None = crits.get(patch.criterion) or heads.get(patch.criterion)
        if node is None:
            raise InvalidInput(f"{path}.criterion", patch.criterion, f"not on sheet {sheet.number}")
        if patch.field == "max_points":
            current = node.max_points
            new_node: Criterion | Heading = attrs.evolve(
                node, max_points=patch.value, errata=(*node.errata, _erratum(patch, ov))
            )
        else:
            if not isinstance(node, Criterion):
                raise InvalidInput(f"{path}.criterion", patch.criterion, "a heading has no options")
            try:
                opt = node.option(patch.option or "")
            except KeyError:
                raise InvalidInput(f"{path}.option", patch.option, "no such option") from None
            current = opt.points
            new_opt = attrs.evolve(
                opt, points=patch.value, errata=(*opt.errata, _erratum(patch, ov))
            )
            new_node = attrs.evolve(
                node, options=tuple(new_opt if o is opt else o for o in node.options)
            )
        if current != patch.printed:
            raise InvalidInput(
                f"{path}.printed", patch.printed, f"the shipped value is {current}, not this"
            )
        if isinstance(new_node, Criterion):
            crits[new_node.code] = new_node
        else:
            heads[new_node.code] = new_node
    criteria = tuple(crits[c.code] for c in sheet.criteria)
    sums: dict[str, int] = {}
    for crit in criteria:
        sums[crit.part] = sums.get(crit.part, 0) + crit.max_points
    # A gap of a part that the patches make whole is gone; any other stays (and the
    # integrity check refuses a part that is neither whole nor short by its gap).
    gaps = tuple(g for g in sheet.gaps if g.part is None or sums.get(g.part, 0) != maxima[g.part])
    return attrs.evolve(
        sheet,
        criteria=criteria,
        headings=tuple(heads[h.code] for h in sheet.headings),
        gaps=gaps,
    )


def apply_overlay(ruleset: RuleSet, overlay: Overlay) -> RuleSet:
    """*ruleset* with the values of *overlay* patched, checked, and its caveat added."""
    from ocop.criteria._loader import check_integrity

    if not isinstance(overlay, Overlay):
        raise TypeError(f"expected an ocop.criteria.overlay.Overlay, got {type(overlay).__name__}")
    if overlay.ruleset != ruleset.id:
        raise InvalidInput(
            "overlay.ruleset",
            overlay.ruleset,
            f"the overlay patches another rule set than {ruleset.id}",
        )
    maxima: dict[str, int] = {p.code: p.max_points for p in ruleset.parts}
    by_sheet: dict[int, list[tuple[int, Patch]]] = {}
    for i, patch in enumerate(overlay.patches):
        try:
            ruleset.sheet(patch.sheet)
        except LookupError:
            raise InvalidInput(
                f"overlay.patches[{i}].sheet", patch.sheet, "no such sheet"
            ) from None
        by_sheet.setdefault(patch.sheet, []).append((i, patch))
    try:
        sheets = tuple(
            _patch_sheet(s, by_sheet[s.number], overlay, maxima) if s.number in by_sheet else s
            for s in ruleset.sheets
        )
    except InvalidInput as exc:
        raise InvalidInput(f"overlay.{exc.path}", exc.value, exc.message) from None
    patched = attrs.evolve(ruleset, sheets=sheets, caveats=(*ruleset.caveats, overlay.caveat))
    try:
        check_integrity(patched)
    except CatalogueIntegrityError as exc:
        raise InvalidInput(
            "overlay.patches", overlay.id, f"the patched rule set breaks a check: {exc}"
        ) from None
    return patched
