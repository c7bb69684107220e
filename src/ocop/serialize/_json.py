"""Strict JSON text in and out, for every public document of :mod:`ocop`."""

from __future__ import annotations

import enum
import json
from collections.abc import Callable
from typing import Any

from ocop._trusted import unstructure
from ocop.errors import InvalidInput, OcopError

__all__ = ["FORMAT_VERSION", "encode_line", "error_to_dict", "fields_to_dict", "loads"]

#: The version of the public document formats; they change only with a new version.
FORMAT_VERSION = 1


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise InvalidInput(f'["{key}"]', key, f"key {key!r} appears twice in one JSON object")
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise InvalidInput("", name, f"{name} is not valid JSON")


_STRICT = json.JSONDecoder(object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
"""One decoder for every document (``json.loads`` with options builds a new one per call)."""
_PLAIN = json.JSONDecoder(parse_constant=_no_constant)
"""The same decoder without the duplicate check, which runs in C (see :func:`loads`)."""


def _fast_decoder() -> tuple[Callable[[str], Any], type[Exception]] | None:
    """msgspec's JSON decoder, with the ``fast`` extra (``pip install "ocop[fast]"``)."""
    try:
        import msgspec
    except ImportError:
        return None
    return msgspec.json.Decoder().decode, msgspec.MsgspecError


FAST = _fast_decoder()
"""The faster plain decoder, when installed. It is stricter than the standard library's
(it refuses numbers beyond the float range and lone surrogates, which the standard library
reads): anything it refuses is read again by the standard library, so both give the same
documents and the same errors (``tests/test_json.py``)."""


def _some_keys(doc: object) -> int:
    """The number of keys of *doc* if it is an object, of the objects in its lists, and of the
    objects in those: at most the number of keys it holds (nested objects may be left out)."""
    if type(doc) is not dict:
        return 0
    count = len(doc)
    for value in doc.values():
        if type(value) is list:
            for item in value:
                if type(item) is dict:
                    count += len(item)
                    for sub in item.values():
                        if type(sub) is dict:
                            count += len(sub)
    return count


def _plain(text: str) -> Any:
    if FAST is not None:
        decode, refused = FAST
        try:
            return decode(text)
        except refused:
            pass
    return _PLAIN.decode(text)


def loads(text: str) -> Any:
    """Parse JSON strictly: a key repeated in one object is an error, not 'last one wins'.

    The check costs a Python call per object in the strict decoder, so a document is first
    read by the plain (C) decoder and the check is proved by counting: every key written is
    followed by a ``:`` outside strings, so ``text.count(":")`` is at least the number of
    keys written, which is at least the number of keys the objects hold, which is at least
    :func:`_some_keys`. When the first and the last are equal, all are: no key was written
    twice. Otherwise (a ``:`` inside a string, say) the strict decoder decides. The plain
    decoder is msgspec's where the ``fast`` extra is installed (:data:`FAST`), else the
    standard library's.
    """
    try:
        if text.startswith("\ufeff"):  # as json.loads says
            raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
        doc = _plain(text)
        if text.count(":") == _some_keys(doc):
            return doc
        return _STRICT.decode(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            "", None, f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None


encode_line = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
"""A document as one compact line of JSON, UTF-8 text as is (JSON Lines output)."""


def _json_safe(value: object) -> object:
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return repr(value)
    return value


def fields_to_dict(obj: Any) -> dict[str, Any]:
    """The fields of the attrs object *obj* as JSON values, by the one unstructuring
    (:func:`ocop._trusted.unstructure`: exact numbers as strings, dates ISO strings, tuples
    lists), with the enums among its own fields written as their plain values.

    (``unstructure`` leaves a ``str`` enum as it is, which ``json`` writes as its value;
    a document handed to the caller holds plain values.)
    """
    return {
        key: value.value if isinstance(value, enum.Enum) else value
        for key, value in unstructure(obj).items()
    }


def error_to_dict(error: OcopError) -> dict[str, Any]:
    """An error as a JSON object: ``type``, ``message``, and ``path`` and ``value`` when known.

    >>> from ocop.errors import InvalidAnswer
    >>> error_to_dict(InvalidAnswer('members[0].answers["1.1"]', "z", "no such option"))
    {'type': 'InvalidAnswer', 'message': 'no such option', 'path': 'members[0].answers["1.1"]', 'value': 'z'}
    """  # noqa: E501
    doc: dict[str, Any] = {"type": type(error).__name__}
    if isinstance(error, InvalidInput):
        doc["message"] = error.message
        doc["path"] = error.path
        doc["value"] = _json_safe(error.value)
    else:
        doc["message"] = str(error)
    return doc
