"""The programme's and the errata overlay's public constructors and functions, hardened:
a bad argument is an :class:`ocop.InvalidInput` naming its field path and quoting the value,
built from Python values or read from a document (the path then runs from the document's root).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ocop
from ocop.criteria.overlay import Patch
from ocop.programme import Entry, Metric, Scope
from ocop.serialize import overlay_from_dict, overlay_to_dict, plan_from_dict, plan_to_dict

PLAN = ocop.load_plan("hoa-binh-162-2022")
TARGET = PLAN.targets[0]
REG = ocop.read_registry_csv(
    "product,producer,stars,level,decision_date\n"
    "Chè,HTX A,3,province,2023-08-31\nMiến,HTX A,4,province,2024-01-15\n"
)
DAY = date(2026, 6, 10)
PATCH = Patch(sheet=1, criterion="1.1", option="a", printed=1, value=1)


def _fails(call: Callable[[], object], path: str, value: object = ...) -> ocop.InvalidInput:
    with pytest.raises(ocop.InvalidInput) as info:
        call()
    assert info.value.path == path, str(info.value)
    if value is not ...:
        assert info.value.value == value
    assert "\n" not in str(info.value)
    return info.value


def _target(**changes: Any) -> ocop.Target:
    fields = {f.alias: getattr(TARGET, f.name) for f in attrs.fields(ocop.Target)}
    return ocop.Target(**{**fields, **changes})


def _plan(**changes: Any) -> ocop.Plan:
    fields = {f.alias: getattr(PLAN, f.name) for f in attrs.fields(ocop.Plan)}
    return ocop.Plan(**{**fields, **changes})


def test_the_names_are_public() -> None:
    for name in ("Plan", "Target", "Registry", "Overlay", "statistics", "flows", "evaluate"):
        assert name in ocop.__all__
    assert ocop.Overlay.__module__ == "ocop.criteria.overlay"
    assert ocop.statistics(REG, DAY).by_stars == {3: 1, 4: 1, 5: 0}


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"id": None}, "id"),
        ({"id": "  "}, "id"),
        ({"metric": "products"}, "metric"),
        ({"metric": 3}, "metric"),
        ({"comparison": None}, "comparison"),
        ({"value": 1.5}, "value"),
        ({"value": True}, "value"),
        ({"value": "40"}, "value"),
        ({"unit": b"products"}, "unit"),
        ({"period_start": "2021-01-01"}, "period_start"),
        ({"period_end": datetime(2025, 12, 31, 0, 0)}, "period_end"),  # noqa: DTZ001
        ({"period_end": date(2020, 1, 1)}, "period_end"),
        ({"scope": {"a": 1}}, "scope"),
        ({"text": 1}, "text"),
        ({"source": "490/QĐ-TTg"}, "source"),
        ({"basis": "guessed"}, "basis"),
        ({"area": 7}, "area"),
        ({"area": None}, "area"),  # a provincial target names its area
        ({"decimals": -1}, "decimals"),
        ({"decimals": 10**50}, "decimals"),
        ({"decimals": 1.0}, "decimals"),
        ({"note": ""}, "note"),
    ],
)
def test_a_target_names_its_bad_field(change: dict[str, Any], path: str) -> None:
    _fails(lambda: _target(**change), path)


def test_the_error_quotes_the_value() -> None:
    err = _fails(lambda: _target(metric="products"), "metric", "products")
    assert "'products_3star'" in str(err)  # the allowed values are listed
    _fails(lambda: _target(decimals=10**50), "decimals", 10**50)
    _fails(lambda: _plan(targets=[TARGET, 1]), "targets[1]", 1)


def test_a_target_takes_enum_values_and_normalises_text() -> None:
    nfd = unicodedata.normalize("NFD", TARGET.text)
    target = _target(metric=TARGET.metric.value, scope="province", text=nfd)
    assert target == TARGET
    assert target.metric is TARGET.metric
    assert _target(value=40).value == Fraction(40)


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"targets": None}, "targets"),
        ({"targets": "abc"}, "targets"),
        ({"targets": {"a": 1}}, "targets"),
        ({"targets": [TARGET, 1]}, "targets[1]"),
        ({"targets": [TARGET, TARGET]}, "targets[1].id"),
        ({"milestones": [object()]}, "milestones[0]"),
        ({"reported": 5}, "reported"),
        ({"issued": "2022-09-14"}, "issued"),
        ({"period_end": date(2020, 12, 31)}, "period_end"),
        ({"scope": Scope.NATIONAL}, "area"),
        ({"title": None}, "title"),
        ({"instrument": b"162"}, "instrument"),
    ],
)
def test_a_plan_names_its_bad_field(change: dict[str, Any], path: str) -> None:
    _fails(lambda: _plan(**change), path)


def test_a_plan_document_roots_the_path() -> None:
    doc = plan_to_dict(PLAN)
    doc["targets"][2]["decimals"] = 99
    _fails(lambda: plan_from_dict(doc), "targets[2].decimals", 99)
    doc = plan_to_dict(PLAN)
    doc["targets"][1]["metric"] = "nope"
    _fails(lambda: plan_from_dict(doc), "targets[1].metric")


def test_a_registry_holds_entries() -> None:
    assert ocop.Registry(list(REG.entries)) == REG
    _fails(lambda: ocop.Registry(None), "entries", None)
    _fails(lambda: ocop.Registry([REG.entries[0], "row"]), "entries[1]", "row")
    bad = attrs.evolve(REG.entries[1], previous=5)
    _fails(lambda: ocop.Registry([REG.entries[0], bad]), "entries[1].previous", 5)
    loop = attrs.evolve(REG.entries[0], previous=0)
    _fails(lambda: ocop.Registry([loop]), "entries[0].previous", 0)
    assert isinstance(REG.entries[0], Entry)


@pytest.mark.parametrize(
    ("call", "path"),
    [
        (lambda: ocop.statistics(None, DAY), "registry"),
        (lambda: ocop.statistics([], DAY), "registry"),
        (lambda: ocop.statistics(REG, "2026-06-10"), "as_of"),
        (lambda: ocop.statistics(REG, DAY, area=3), "area"),
        (lambda: ocop.statistics(REG, DAY, area=""), "area"),
        (lambda: ocop.flows("reg", DAY, DAY), "registry"),
        (lambda: ocop.flows(REG, DAY, date(2026, 1, 1)), "end"),
        (lambda: ocop.flows(REG, date(2026, 1, 1), DAY, area=b"x"), "area"),
        (lambda: ocop.evaluate("plan", DAY), "plan"),
        (lambda: ocop.evaluate(PLAN, None), "as_of"),
        (lambda: ocop.evaluate(PLAN, DAY, {"entries": []}), "registry"),
    ],
)
def test_the_functions_name_their_bad_argument(call: Callable[[], object], path: str) -> None:
    _fails(call, path)


def test_evaluate_checks_its_arguments_with_no_target() -> None:
    empty = _plan(targets=())
    assert ocop.evaluate(empty, DAY, REG) == ()
    _fails(lambda: ocop.evaluate(empty, 20260610), "as_of", 20260610)
    _fails(lambda: ocop.evaluate(empty, DAY, 1), "registry", 1)


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"patches": None}, "patches"),
        ({"patches": "1.1"}, "patches"),
        ({"patches": []}, "patches"),
        ({"patches": [PATCH, {"sheet": 1}]}, "patches[1]"),
        ({"id": 5}, "id"),
        ({"ruleset": ""}, "ruleset"),
        ({"citation": None}, "citation"),
    ],
)
def test_an_overlay_names_its_bad_field(change: dict[str, Any], path: str) -> None:
    base = {"id": "x", "ruleset": "qd26-2026", "citation": "26/2026/QĐ-TTg", "patches": [PATCH]}
    _fails(lambda: ocop.Overlay(**{**base, **change}), path)


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"criterion": None}, "criterion"),
        ({"criterion": 11}, "criterion"),
        ({"option": 1}, "option"),
        ({"option": ""}, "option"),
        ({"field": "title"}, "field"),
        ({"field": None}, "field"),
        ({"sheet": "1"}, "sheet"),
    ],
)
def test_a_patch_names_its_bad_field(change: dict[str, Any], path: str) -> None:
    base = {"sheet": 1, "criterion": "1.1", "option": "a", "printed": 1, "value": 1}
    _fails(lambda: Patch(**{**base, **change}), path)


def test_an_overlay_document_roots_the_path() -> None:
    doc = overlay_to_dict(ocop.Overlay(id="x", ruleset="qd26-2026", citation="c", patches=[PATCH]))
    doc["patches"][0]["field"] = "heading"
    _fails(lambda: overlay_from_dict(doc), "patches[0].field")


_METRICS = st.sampled_from([m for m in Metric if not m.computable])


@settings(max_examples=60, deadline=None)
@given(
    metric=_METRICS,
    low=st.integers(0, 10**6),
    extra=st.integers(0, 10**6),
    days=st.integers(0, 4000),
    decimals=st.integers(0, 10),
)
def test_a_plan_built_in_python_reads_back_from_its_document(
    metric: Metric, low: int, extra: int, days: int, decimals: int
) -> None:
    """Whatever the Python constructors accept, the document's reader reads back as equal."""
    target = _target(
        id="t",
        metric=metric.value,
        basis="reported",
        comparison="between",
        value=Fraction(low, 7),
        value_max=Fraction(low, 7) + extra,
        period_end=date(2021, 1, 1).fromordinal(date(2021, 1, 1).toordinal() + days),
        decimals=decimals,
    )
    plan = _plan(targets=[target], milestones=list(PLAN.milestones))
    assert plan_from_dict(plan_to_dict(plan)) == plan
