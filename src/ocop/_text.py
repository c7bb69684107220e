"""Text helpers. Vietnamese text is always compared in Unicode NFC."""

from __future__ import annotations

import unicodedata


def nfc(text: str) -> str:
    """Return *text* in Unicode normal form C.

    Vietnamese letters can be typed precomposed (``ệ``) or decomposed
    (``e`` + two combining marks); both compare equal after this.

    >>> nfc("e\\u0323\\u0302") == "\\u1ec7"
    True
    """
    if not isinstance(text, str):
        raise TypeError(f"expected str, got {type(text).__name__}")
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """*text* for loose matching: case-folded, without diacritics, ``đ`` read as ``d``.

    >>> fold("Mật ong Đà Lạt")
    'mat ong da lat'
    """
    decomposed = unicodedata.normalize("NFD", nfc(text).replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
