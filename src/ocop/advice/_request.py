"""The rank request behind a request or a result (what the advisor and what-if start from)."""

from __future__ import annotations

from ocop.ranking import RankRequest, RankResult, request_of

__all__ = ["as_request"]


def as_request(subject: object) -> RankRequest:
    """*subject* itself (a :class:`RankRequest`), or the request that ranks as the
    :class:`RankResult` *subject* did (:func:`ocop.ranking.request_of`)."""
    if isinstance(subject, RankRequest):
        return subject
    if isinstance(subject, RankResult):
        return request_of(subject)
    raise TypeError(
        f"expected an ocop.RankRequest or an ocop.RankResult, got {type(subject).__name__}"
    )
