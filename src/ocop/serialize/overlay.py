"""The errata overlay document: a user's patch of named values of a named rule set
(:mod:`ocop.criteria.overlay`), with the citation of the text it follows.

``{"format": "ocop-errata-overlay", "format_version": 1, "id": "...", "ruleset": "qd148-2023",
"citation": "...", "patches": [{"sheet": 11, "criterion": "6.b.3", "option": "c",
"field": "points", "printed": 2, "value": 3}, ...]}``. Read strictly: an unknown key, a
missing one or a value of the wrong type is an :class:`~ocop.errors.InvalidInput` naming its
path. Whether the patches fit the rule set is checked when the overlay is applied
(:func:`ocop.criteria.overlay.apply_overlay`, on ranking).

>>> doc = {"format": "ocop-errata-overlay", "format_version": 1, "id": "x",
...        "ruleset": "qd26-2026", "citation": "26/2026/QĐ-TTg, Phụ lục II",
...        "patches": [{"sheet": 1, "criterion": "1.1", "option": "a", "printed": 1, "value": 1}]}
>>> overlay_to_dict(overlay_from_dict(doc)) == {**doc, "patches": [{**doc["patches"][0],
...     "field": "points"}]}
True
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ocop._convert import structure
from ocop.criteria.overlay import Overlay
from ocop.errors import InvalidInput
from ocop.serialize._json import FORMAT_VERSION, expect

__all__ = ["OVERLAY_FORMAT", "overlay_from_dict", "overlay_to_dict"]

OVERLAY_FORMAT = "ocop-errata-overlay"
_KEYS = ("format", "format_version", "id", "ruleset", "citation", "patches")


def overlay_from_dict(doc: Any, *, path: str = "") -> Overlay:
    """Read an errata overlay document (strict); *path* prefixes the errors' paths."""
    if not isinstance(path, str):
        raise InvalidInput("path", type(path).__name__, "the path of a document is a string")
    where = f"{path}." if path else ""
    if not isinstance(doc, Mapping):
        raise InvalidInput(path, doc, "an errata overlay is a JSON object")
    for key in doc:
        if key not in _KEYS:
            raise InvalidInput(
                f"{where}{key}", doc[key], f"unknown key; an overlay has {', '.join(_KEYS)}"
            )
    if doc.get("format") != OVERLAY_FORMAT:
        raise InvalidInput(f"{where}format", doc.get("format"), f"expected {OVERLAY_FORMAT!r}")
    version = doc.get("format_version")
    if type(version) is not int or version != FORMAT_VERSION:
        raise InvalidInput(f"{where}format_version", version, f"expected {FORMAT_VERSION}")
    body = {k: v for k, v in doc.items() if k not in ("format", "format_version")}
    return structure(body, Overlay, path=path)


def overlay_to_dict(overlay: Overlay) -> dict[str, Any]:
    """The errata overlay document of *overlay* (the inverse of :func:`overlay_from_dict`)."""
    expect(overlay, Overlay, "overlay_to_dict")
    return {
        "format": OVERLAY_FORMAT,
        "format_version": FORMAT_VERSION,
        "id": overlay.id,
        "ruleset": overlay.ruleset,
        "citation": overlay.citation,
        "patches": [
            {
                "sheet": p.sheet,
                "criterion": p.criterion,
                **({} if p.option is None else {"option": p.option}),
                "printed": p.printed,
                "value": p.value,
                "field": p.field,
            }
            for p in overlay.patches
        ],
    }
