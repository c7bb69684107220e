"""The catalogue export document (``ocop criteria export``) and the classification of
products (``ocop criteria list RULESET --json``)."""

from __future__ import annotations

from typing import Any

from ocop._convert import format_fraction
from ocop._trusted import unstructure
from ocop._version import __version__
from ocop.criteria.model import Lang
from ocop.criteria.ruleset import RuleSet
from ocop.serialize._json import FORMAT_VERSION, expect, fields_to_dict

__all__ = ["classification_to_list", "ruleset_to_dict"]


def ruleset_to_dict(ruleset: RuleSet, *, lang: Lang | None = None) -> dict[str, Any]:
    """The catalogue export document (``ocop criteria export``).

    Top level: ``id``, ``instrument`` (its number), ``sheets``; each sheet ``number``,
    ``name``, ``criteria`` (leaves, in document order); each criterion ``code`` as
    printed, ``part``, ``max_points``, ``options``; each option ``label``, ``points``,
    ``min_stars`` (3, 4, 5 or null). Everything else the catalogue holds is there too.

    Vietnamese (``name``, ``title``) and English (``name_en``, ``title_en``) are always both
    present. With ``lang``, each sheet, part, heading, criterion and classification row also
    gets a ``label`` in that language (falling back to Vietnamese where no English exists);
    codes and values never change with the language.
    """
    expect(ruleset, RuleSet, "ruleset_to_dict")
    raw = unstructure(ruleset)
    instrument = raw.pop("instrument")
    doc: dict[str, Any] = {
        "format": "ocop-catalogue",
        "format_version": FORMAT_VERSION,
        "ocop_version": __version__,
        "id": raw.pop("id"),
        "instrument": instrument["number"],
        "instrument_details": instrument,
        "max_points": ruleset.max_points,
    }
    for sheet_doc, sheet in zip(raw["sheets"], ruleset.sheets, strict=True):
        for crit_doc, crit in zip(sheet_doc["criteria"], sheet.criteria, strict=True):
            crit_doc["mandatory_for"] = list(crit.mandatory_for)
    doc.update(raw)
    if lang is not None:
        _add_labels(doc, lang)
    doc["bands"] = [
        {
            "stars": b.stars,
            "lower": format_fraction(b.lower),
            "upper": None if b.upper is None else format_fraction(b.upper),
            "lower_inclusive": True,
            "upper_inclusive": False,
            "printed": b.printed,
            "source": unstructure(b.source),
        }
        for b in ruleset.bands
    ]
    return doc


def classification_to_list(ruleset: RuleSet) -> list[dict[str, Any]]:
    """The classification of products of *ruleset* (Phụ lục I), one object per row, in the
    catalogue's order: the ``classification`` of the catalogue export, without labels
    (``ocop criteria list RULESET --json``)."""
    expect(ruleset, RuleSet, "classification_to_list")
    return [fields_to_dict(entry) for entry in ruleset.classification]


def _label(item: dict[str, Any], key: str, lang: Lang) -> None:
    english = item.get(f"{key}_en")
    item["label"] = english if lang == "en" and english else item[key]


def _add_labels(doc: dict[str, Any], lang: Lang) -> None:
    doc["lang"] = lang
    for part in doc["parts"]:
        _label(part, "title", lang)
    for entry in doc["classification"]:
        _label(entry, "name", lang)
    for sheet in doc["sheets"]:
        _label(sheet, "name", lang)
        for node in (*sheet["headings"], *sheet["criteria"]):
            _label(node, "title", lang)
