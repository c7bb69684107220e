"""The shipped plans: every figure is in the clause it cites; plan documents round-trip,
validate against the ``plan`` schema and are read strictly."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from ocop.errors import InvalidInput
from ocop.programme import Basis, Comparison, load_plan, shipped_plans
from ocop.schemas import load_schema
from ocop.serialize import plan_from_dict, plan_to_dict

PLANS = [p.id for p in shipped_plans()]


def _vi(value: Fraction) -> str:
    """A number as Vietnamese texts print it: 2.400, 62,2."""
    if value.denominator == 1:
        return f"{int(value):,}".replace(",", ".")
    return str(float(value)).replace(".", ",")


def test_the_four_plans_of_the_issue_are_shipped() -> None:
    assert PLANS == ["hai-duong-ocop-2018", "hoa-binh-162-2022", "qd490-2018", "thanh-hoa-134-2019"]
    assert load_plan("qd490-2018").instrument == "490/QĐ-TTg"
    assert load_plan("hoa-binh-162-2022").issued.isoformat() == "2022-09-14"


@pytest.mark.parametrize("plan_id", PLANS)
def test_every_figure_is_quoted_in_its_source(plan_id: str) -> None:
    plan = load_plan(plan_id)
    for target in plan.targets:
        quote = target.source.provision
        assert "«" in quote, target.id
        assert _vi(target.value) in quote, (target.id, target.value, quote)
        if target.value_max is not None:
            assert _vi(target.value_max) in quote, target.id
    for figure in plan.reported:
        assert _vi(figure.value) in figure.source.provision, figure.metric


@pytest.mark.parametrize("plan_id", PLANS)
def test_plan_documents_round_trip_and_validate(plan_id: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    plan = load_plan(plan_id)
    doc = json.loads(json.dumps(plan_to_dict(plan), ensure_ascii=False))
    jsonschema.validate(doc, load_schema("plan"))
    assert plan_from_dict(doc) == plan


def test_targets_of_the_hoa_binh_plan() -> None:
    plan = load_plan("hoa-binh-162-2022")
    five = plan.target("products_5star")
    assert (five.comparison, five.value, five.value_max) == (Comparison.BETWEEN, 1, 3)
    assert plan.target("products_3star").basis is Basis.COMPUTED
    assert plan.target("new_organisations").basis is Basis.REPORTED
    assert [m.due.isoformat() for m in plan.milestones] == [
        "2022-09-30",
        "2022-12-31",
        "2025-12-31",
    ]


def _doc() -> dict:
    return plan_to_dict(load_plan("thanh-hoa-134-2019"))


def test_a_plan_is_read_strictly() -> None:
    doc = _doc()
    doc["colour"] = "red"
    with pytest.raises(InvalidInput) as err:
        plan_from_dict(doc)
    assert err.value.path == "colour"
    doc = _doc()
    doc["targets"][0]["value"] = 30  # exact numbers are strings
    with pytest.raises(InvalidInput) as err:
        plan_from_dict(doc)
    assert err.value.path == "targets[0].value"
    doc = _doc()
    doc["targets"][0]["comparison"] = "between"  # without value_max
    with pytest.raises(InvalidInput, match="value_max"):
        plan_from_dict(doc)
    doc = _doc()
    doc["targets"][1]["id"] = doc["targets"][0]["id"]
    with pytest.raises(InvalidInput, match="repeats"):
        plan_from_dict(doc)
    doc = _doc()
    doc["targets"][0]["basis"] = "computed"  # a share of evaluated products is not in a registry
    with pytest.raises(InvalidInput, match="cannot be computed"):
        plan_from_dict(doc)
