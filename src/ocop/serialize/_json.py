"""Strict JSON text in and out, for every public document of :mod:`ocop`."""

from __future__ import annotations

import enum
import json
import math
from collections.abc import Callable
from typing import Any

from ocop._trusted import unstructure
from ocop.errors import InvalidInput, OcopError, show

__all__ = [
    "FORMAT_VERSION",
    "MAX_DEPTH",
    "MAX_DOCUMENT",
    "MAX_INTEGER",
    "MAX_LINE",
    "decode_utf8",
    "encode_line",
    "error_to_dict",
    "expect",
    "fields_to_dict",
    "loads",
]

#: The version of the public document formats; they change only with a new version.
FORMAT_VERSION = 1

#: The largest JSON document read: 16 MiB (bytes of a file or standard input; characters
#: of a text given to :func:`loads`). A rank request of a council of 100 members is
#: about 50 kB.
MAX_DOCUMENT = 16 * 1024 * 1024
#: The longest line of a JSON Lines stream: 1 MiB (bytes, without its line break).
MAX_LINE = 1024 * 1024
#: The deepest nesting of arrays and objects (a rank request is 3 levels deep).
MAX_DEPTH = 64
#: The largest magnitude of a JSON integer: 10**18 (nothing in the law needs more).
MAX_INTEGER = 10**18

_BOM = b"\xef\xbb\xbf"


def decode_utf8(data: bytes, what: str) -> str:
    """Bytes read from a file or standard input as text: strictly UTF-8, a leading
    byte-order mark (written by PowerShell and .NET) dropped.

    *what* names the input in the error: ``"standard input is not UTF-8 text"``.
    """
    if not isinstance(data, bytes | bytearray):
        raise InvalidInput("", show(data), f"{what} is read as bytes, got {type(data).__name__}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput("", None, f"{what} is not UTF-8 text") from None


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
_LENIENT = json.JSONDecoder(parse_constant=_no_constant)
"""The same decoder without the duplicate check, which runs in C (see :func:`loads`)."""


class _Careful(Exception):
    """The plain decoders met something :func:`_careful` must decide (see :func:`_plain`)."""


def _finite(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise _Careful
    return value


_PLAIN = json.JSONDecoder(parse_constant=_no_constant, parse_float=_finite)
"""The same decoder without the duplicate check, refusing a number beyond the float range
(called for numbers with a fraction or an exponent only: a rank request has none)."""


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
    """The plain decoder's document; :class:`_Careful` where it refuses (msgspec's refuses
    lone surrogates and numbers beyond the float range, which the standard library reads,
    and what is not JSON), or for a number beyond the float range."""
    if FAST is not None:
        decode, refused = FAST
        try:
            return decode(text)
        except refused:
            raise _Careful from None
    return _PLAIN.decode(text)


#: The bytes of a text mapped for :func:`_suspect`: every digit to ``0``, ``[`` to ``{``
#: and ``D`` to ``d``, so that a few substring searches (in C) find what needs a closer look.
_SCAN = bytes.maketrans(b"0123456789[D", b"0000000000{d")
_LONG_DIGITS = b"0" * 19  # an integer beyond 10**18 has 19 digits or more


def _suspect(text: str) -> bool:
    """Whether *text* may hold deep nesting, integers out of range or lone surrogates.

    Each is a cheap over-approximation, found by a few searches in C: nesting is at most
    the number of ``[`` and ``{``; an integer out of range has 19 digits in a row; a lone
    surrogate is a ``\\ud...`` escape or a surrogate character (which UTF-8 cannot
    encode). :func:`_check` then decides. (A number beyond the float range is found by
    the plain decoders, :func:`_plain`.)
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    scan = data.translate(_SCAN)
    return (
        scan.count(b"{") > MAX_DEPTH or _LONG_DIGITS in scan or (b"\\" in data and b"\\ud" in scan)
    )


class _Refused(Exception):
    """A value :func:`_check` refuses, with the path to it (built on the way back up)."""

    def __init__(self, value: object, message: str) -> None:
        self.value = value
        self.message = message
        self.parts: list[str] = []


def _lone_surrogate(text: str) -> bool:
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _escaped(text: str) -> str:
    """*text* with lone surrogates written as ``\\udxxx`` (printable, encodable)."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _check(value: object, depth: int) -> None:
    """Refuse nesting beyond :data:`MAX_DEPTH` (:class:`~ocop.errors.InvalidInput`), and
    (:class:`_Refused`) integers beyond :data:`MAX_INTEGER`, numbers beyond the float
    range and lone surrogates."""
    if type(value) is dict or type(value) is list:
        if depth >= MAX_DEPTH:  # the path would be as long as the nesting
            raise InvalidInput("", None, _TOO_DEEP)
        items: Any = value.items() if type(value) is dict else enumerate(value)
        for key, item in items:
            try:
                if type(key) is str and _lone_surrogate(key):
                    raise _Refused(_escaped(key), "the key holds a lone surrogate: " + _NOT_TEXT)
                _check(item, depth + 1)
            except _Refused as exc:
                exc.parts.append(_key_path(key) if type(key) is str else f"[{key}]")
                raise
    elif type(value) is str:
        if _lone_surrogate(value):
            raise _Refused(_escaped(value), "the text holds a lone surrogate: " + _NOT_TEXT)
    elif type(value) is int:
        if not -MAX_INTEGER <= value <= MAX_INTEGER:
            raise _Refused(_integer_repr(value), _TOO_LARGE)
    elif type(value) is float and not math.isfinite(value):
        raise _Refused(None, "a number beyond the range of floating-point numbers")


_NOT_TEXT = "it is not Unicode text"
_TOO_DEEP = f"the JSON is nested more than {MAX_DEPTH} levels deep"
_TOO_LARGE = "an integer beyond ±10**18 (the largest magnitude accepted)"


def _integer_repr(value: int) -> str:
    digits = str(value)
    return digits if len(digits) <= 40 else f"{digits[:20]}…({len(digits)} digits)"


def _key_path(key: str) -> str:
    key = _escaped(key)
    if key.isidentifier() and key.isascii():
        return f".{key}"
    return "[" + json.dumps(key, ensure_ascii=False) + "]"


def _careful(text: str) -> Any:
    """Read *text* with the standard library alone (the same answer with or without the
    ``fast`` extra), then :func:`_check` it."""
    try:
        doc = _LENIENT.decode(text)
        if text.count(":") != _some_keys(doc):
            doc = _STRICT.decode(text)
    except RecursionError:
        raise InvalidInput("", None, _TOO_DEEP) from None
    except (json.JSONDecodeError, InvalidInput):
        raise
    except ValueError:  # an integer of more than sys.get_int_max_str_digits() digits
        raise InvalidInput("", None, _TOO_LARGE) from None
    try:
        _check(doc, 0)
    except _Refused as exc:
        path = "".join(reversed(exc.parts)).removeprefix(".")
        raise InvalidInput(path, exc.value, exc.message) from None
    return doc


def loads(text: str) -> Any:
    """Parse JSON strictly: a key repeated in one object is an error, not 'last one wins'.

    Nothing is coerced, and every bound is an :class:`~ocop.errors.InvalidInput`: a text
    longer than :data:`MAX_DOCUMENT`, nesting deeper than :data:`MAX_DEPTH`, an integer
    beyond ±\\ :data:`MAX_INTEGER`, a number beyond the float range (``1e400``), ``NaN``
    and ``Infinity``, a lone surrogate (``"\\ud800"``, which is not Unicode text), and a
    leading byte-order mark (``U+FEFF``; :func:`decode_utf8` drops the one a file starts
    with). Cheap searches over the text (:func:`_suspect`) send the rare text that may
    break a bound to a closer reading; every other text takes the fast path below.

    The check costs a Python call per object in the strict decoder, so a document is first
    read by the plain (C) decoder and the check is proved by counting: every key written is
    followed by a ``:`` outside strings, so ``text.count(":")`` is at least the number of
    keys written, which is at least the number of keys the objects hold, which is at least
    :func:`_some_keys`. When the first and the last are equal, all are: no key was written
    twice. Otherwise (a ``:`` inside a string, say) the strict decoder decides. The plain
    decoder is msgspec's where the ``fast`` extra is installed (:data:`FAST`), else the
    standard library's.
    """
    if type(text) is not str:
        raise InvalidInput("", type(text).__name__, "JSON text is a str")
    if len(text) > MAX_DOCUMENT:
        raise InvalidInput("", None, _too_long("the JSON text", MAX_DOCUMENT, "characters"))
    try:
        if text.startswith("\ufeff"):
            raise json.JSONDecodeError("a byte-order mark (U+FEFF) before the JSON", text, 0)
        if _suspect(text):
            return _careful(text)
        try:
            doc = _plain(text)
        except _Careful:
            return _careful(text)
        if text.count(":") == _some_keys(doc):
            return doc
        return _STRICT.decode(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            "", None, f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None


def _too_long(what: str, limit: int, unit: str) -> str:
    return f"{what} is longer than {limit // 2**20} MiB ({limit:,} {unit})"


encode_line = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
"""A document as one compact line of JSON, UTF-8 text as is (JSON Lines output)."""


#: The longest value quoted in an error document (:func:`error_to_dict`), in characters.
MAX_VALUE_CHARS = 200


def _bounded(text: str) -> str:
    return text if len(text) <= MAX_VALUE_CHARS else text[:MAX_VALUE_CHARS] + "…"


def _json_safe(value: object) -> object:
    """*value* as it is if it is a short JSON value, else a bounded, printable ``repr``."""
    if type(value) is str:
        return _bounded(_escaped(value))
    if type(value) is int:
        return value if -MAX_INTEGER <= value <= MAX_INTEGER else show(value)
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        text = ""
    if text and len(text) <= MAX_VALUE_CHARS and not _lone_surrogate(text):
        return value
    return _bounded(show(value))


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


def expect(
    value: object, cls: type, func: str, *, arg: str | None = None, optional: bool = False
) -> None:
    """Nothing if *value* is a *cls* (or ``None`` when *optional*), else a :class:`TypeError`
    naming the writer *func* (and its argument *arg* other than the first): the one check
    of what a writer is given. A value of another type is a programming error, not data.

    >>> expect(1, str, "result_to_dict")
    Traceback (most recent call last):
    ...
    TypeError: result_to_dict takes a str, got int
    """
    if isinstance(value, cls) or (optional and value is None):
        return
    article = "an" if cls.__name__[:1] in "AEIOU" else "a"
    what = f"{article} {cls.__name__}" + (" or None" if optional else "")
    takes = what if arg is None else f"{arg} as {what}"
    raise TypeError(f"{func} takes {takes}, got {type(value).__name__}")


def error_to_dict(error: OcopError) -> dict[str, Any]:
    """An error as a JSON object: ``type``, ``message``, and ``path`` and ``value`` when known.

    The value is quoted as it is when it is a short JSON value; otherwise as its ``repr``,
    cut at :data:`MAX_VALUE_CHARS` characters (a JSON array given to ``ocop rank --jsonl``
    is not echoed whole).

    >>> from ocop.errors import InvalidAnswer
    >>> error_to_dict(InvalidAnswer('members[0].answers["1.1"]', "z", "no such option"))
    {'type': 'InvalidAnswer', 'message': 'no such option', 'path': 'members[0].answers["1.1"]', 'value': 'z'}
    """  # noqa: E501
    expect(error, OcopError, "error_to_dict")
    doc: dict[str, Any] = {"type": type(error).__name__}
    if isinstance(error, InvalidInput):
        doc["message"] = error.message
        doc["path"] = error.path
        doc["value"] = _json_safe(error.value)
    else:
        doc["message"] = str(error)
    return doc
