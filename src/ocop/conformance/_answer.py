"""The case kinds and ocop's own answer to a case's request (``ocop conformance answer``).

A case's ``kind`` says which document its request is and which one answers it:

* ``rank``: a rank request → the rank result document (``ocop rank``, ``POST /rank``);
* ``certificate-status``: ``{"as_of", "certificate"}`` → the certificate-status document
  (``ocop certificate status --file``, ``POST /certificates/status?as_of=``);
* ``code-parse``: ``{"code"}`` → the code-parse document (``ocop code parse``,
  ``GET /codes/{code}``).

Input that the rules refuse is answered with the error document (``type``, ``message``,
``path``, ``value``), marked as a refusal.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from ocop._convert import check_keys
from ocop.certificates.codes import parse_product_code
from ocop.certificates.status import certificate_status
from ocop.errors import InvalidInput, OcopError
from ocop.ranking import rank_request
from ocop.serialize import (
    certificate_from_dict,
    certificate_status_to_dict,
    error_to_dict,
    product_code_to_dict,
    rank_request_from_dict,
    result_to_dict,
)

__all__ = ["KINDS", "KIND_ENVIRONMENT", "answer", "check_kind"]

#: The case kinds; a case without ``kind`` is a ``rank`` case (the kit's first format).
KINDS = ("rank", "certificate-status", "code-parse")
#: The environment variable that tells a ``--command`` program the kind of the case.
KIND_ENVIRONMENT = "OCOP_CASE_KIND"


def check_kind(kind: object, path: str = "kind") -> str:
    """*kind* if it is one of :data:`KINDS`, else an :class:`~ocop.errors.InvalidInput`."""
    if not isinstance(kind, str) or kind not in KINDS:
        raise InvalidInput(path, kind, f"unknown case kind; kinds are {', '.join(KINDS)}")
    return kind


def _rank(request: Any) -> dict[str, Any]:
    return result_to_dict(rank_request(rank_request_from_dict(request)))


def _certificate_status(request: Any) -> dict[str, Any]:
    doc = check_keys(
        request, ("as_of", "certificate"), path="", what="a certificate-status request"
    )
    raw = doc.get("as_of")
    try:
        as_of = date.fromisoformat(raw) if isinstance(raw, str) and len(raw) == 10 else None
    except ValueError:
        as_of = None
    if as_of is None:
        raise InvalidInput("as_of", raw, "expected a date written YYYY-MM-DD")
    if "certificate" not in doc:
        raise InvalidInput("certificate", None, "required key 'certificate' is missing")
    cert, events = certificate_from_dict(doc["certificate"])
    return certificate_status_to_dict(certificate_status(cert, as_of, events))


def _code_parse(request: Any) -> dict[str, Any]:
    doc = check_keys(request, ("code",), path="", what="a code-parse request")
    code: Any = doc.get("code")  # anything but text is refused, naming the path "code"
    return product_code_to_dict(parse_product_code(code))


_ANSWER: dict[str, Callable[[Any], dict[str, Any]]] = {
    "rank": _rank,
    "certificate-status": _certificate_status,
    "code-parse": _code_parse,
}


def answer(kind: str, request: Any) -> tuple[dict[str, Any], bool]:
    """ocop's answer to *request* of *kind*: ``(document, False)``, or ``(the error
    document, True)`` when the input is refused.

    >>> answer("code-parse", {"code": "68-24781-12-2026"})[0]["province_name"]
    'Tỉnh Lâm Đồng'
    >>> answer("code-parse", {"code": "68-24781-12-2024"})[0]["type"]
    'InvalidProductCode'
    """
    work = _ANSWER[check_kind(kind)]
    try:
        return work(request), False
    except OcopError as exc:
        return error_to_dict(exc), True
