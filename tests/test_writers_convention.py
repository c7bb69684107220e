"""One convention for the writers of ocop.serialize: an object of the wrong Python type
given to a writer is a :class:`TypeError` naming the writer and the type it takes
(``result_to_dict takes a RankResult, got dict``), through the one check
:func:`ocop.serialize._json.expect`; an :class:`ocop.OcopError` is kept for data (a
reader's input, a writer's options such as ``lang``)."""

from __future__ import annotations

import inspect
import sys
from pathlib import Path
from typing import Any

import pytest

import ocop
import ocop.serialize
from ocop.serialize.council import breach_to_dict, council_rules_to_doc

sys.path.insert(0, str(Path(__file__).parent))
from _junk_targets import targets

sys.path.pop(0)

TARGETS = targets()
#: The writers whose first argument is not a model object but a value (a year).
VALUES = {"ocop.serialize.calendar_to_dict"}
WRITERS = sorted(
    q
    for q in TARGETS
    if q.startswith("ocop.serialize.")
    and q.rsplit(".", 1)[1].endswith(("_to_dict", "_to_list"))
    and q not in VALUES
)


def test_every_writer_is_covered() -> None:
    names = {q.rsplit(".", 1)[1] for q in WRITERS}
    assert {"certificate_to_dict", "council_to_dict", "result_to_dict", "advice_to_dict"} <= names
    assert len(WRITERS) >= 25


@pytest.mark.parametrize("qual", WRITERS)
@pytest.mark.parametrize("junk", [{"a": 1}, "text", None, 3, object()])
def test_a_writer_given_another_type_raises_type_error(qual: str, junk: Any) -> None:
    func, base = TARGETS[qual]
    first = next(iter(inspect.signature(func).parameters))
    name = qual.rsplit(".", 1)[1]
    with pytest.raises(TypeError) as info:
        func(**{**base, first: junk})
    assert not isinstance(info.value, ocop.OcopError)
    assert str(info.value).startswith(f"{name} takes "), str(info.value)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: breach_to_dict({"criterion": "1.1"}), "breach_to_dict"),  # type: ignore[arg-type]
        (lambda: council_rules_to_doc("tay-ninh"), "council_rules_to_doc"),  # type: ignore[arg-type]
    ],
)
def test_the_inner_writers_follow_it(call: Any, name: str) -> None:
    with pytest.raises(TypeError, match=f"^{name} takes "):
        call()


def test_options_and_histories_stay_ocop_errors() -> None:
    """A writer's option (``lang``) and a certificate's history are data, not types."""
    func, base = TARGETS["ocop.serialize.result_to_dict"]
    with pytest.raises(ocop.InvalidInput) as info:
        func(**{**base, "lang": "fr"})
    assert info.value.path == "lang"
    func, base = TARGETS["ocop.serialize.certificate_to_dict"]
    with pytest.raises(ocop.InvalidHistory) as history:
        func(**{**base, "events": ["filed"]})
    assert history.value.path == "events[0]"
