"""The advisor over HTTP: ``POST /advise``, ``/whatif`` and ``/migrate`` on a real server.

Each answer is compared byte for byte with the Python API's document and with the output
of ``ocop advise``, ``ocop whatif`` and ``ocop migrate`` given the same options, and
validated against its shipped schema; hostile input gets a 4xx error document only.
"""

from __future__ import annotations

import json
import sys
import urllib.parse
from collections.abc import Iterator
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")
uvicorn = pytest.importorskip("uvicorn")
jsonschema = pytest.importorskip("jsonschema")

sys.path.insert(0, str(Path(__file__).parent))
from _live_server import Server  # noqa: E402

sys.path.pop(0)

import ocop  # noqa: E402
from ocop.cli import main  # noqa: E402
from ocop.schemas import load_schema  # noqa: E402
from ocop.serialize import costs_from_dict, loads, rank_request_from_dict  # noqa: E402
from ocop.serialize.advice import (  # noqa: E402
    advice_to_dict,
    migration_to_dict,
    whatif_to_dict,
)
from ocop.service import create_app  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
HONEY = EXAMPLES / "rank-honey-council.json"
OLD = EXAMPLES / "advice" / "dossier-honey-2024-qd148.json"
COSTS = EXAMPLES / "advice" / "costs.json"
ERROR = load_schema("rank-jsonl-line")["$defs"]["ErrorLine"]["properties"]["error"]


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with Server(create_app()) as running:
        yield running
    assert running.app.state.internal_errors == 0


def text(doc: Any) -> bytes:
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def request(path: Path) -> ocop.RankRequest:
    return rank_request_from_dict(loads(path.read_text(encoding="utf-8")))


def command(argv: list[str], capsys: pytest.CaptureFixture[str]) -> bytes:
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out.encode("utf-8")


def post(server: Server, path: str, source: Path, query: list[tuple[str, str]]) -> bytes:
    url = path + ("?" + urllib.parse.urlencode(query) if query else "")
    status, headers, body = server.call("POST", url, source.read_bytes())
    assert status == 200, body
    assert headers["content-type"] == "application/json"
    return body


COST_TEXT = COSTS.read_text(encoding="utf-8")
ADVISE = [
    ([], {}, []),
    ([("target", "5"), ("lang", "vi")], {"target": 5}, ["--target", "5", "--lang", "vi"]),
    (
        [("target", "5"), ("costs", COST_TEXT)],
        {"target": 5, "costs": costs_from_dict(loads(COST_TEXT))},
        ["--target", "5", "--cost", str(COSTS)],
    ),
    (
        [("target", "4"), ("fixed", "5.1"), ("fixed", "3.2")],
        {"target": 4, "fixed": ("5.1", "3.2")},
        ["--target", "4", "--fixed", "5.1", "3.2"],
    ),
]


def test_advise_with_costs_is_the_cheapest_plan(server: Server) -> None:
    doc = json.loads(post(server, "/advise", HONEY, [("target", "5"), ("costs", COST_TEXT)]))
    assert doc["objective"] == "cost"
    assert doc["total_cost"] is not None
    assert "3.2" not in {c["criterion"] for c in doc["changes"]}  # null: never raised


WHATIF = [
    ([("set", "5.1=e")], {"answers": {"5.1": "e"}}, ["--set", "5.1=e"]),
    (
        [("set", "5.1=e"), ("policy", "mean"), ("lang", "vi")],
        {"answers": {"5.1": "e"}, "policy": "mean"},
        ["--set", "5.1=e", "--policy", "mean", "--lang", "vi"],
    ),
    (
        [("ruleset", "qd26-2026"), ("policy", "all")],
        {"ruleset": "qd26-2026", "policy": "all"},
        ["--ruleset", "qd26-2026", "--policy", "all"],
    ),
    ([("as_of", "2026-06-10")], {"as_of": date(2026, 6, 10)}, ["--as-of", "2026-06-10"]),
    ([("flags", "")], {"flags": ()}, ["--flags"]),
]


def test_whatif_one_member(server: Server, capsys: pytest.CaptureFixture[str]) -> None:
    req = request(HONEY)
    member = ocop.rank_request(req).failed_minimums[0].members_failing[0]
    body = post(server, "/whatif", HONEY, [("set", "5.1=e"), ("member", member)])
    expected = ocop.whatif(req, answers={"5.1": "e"}, member=member)
    assert body == text(whatif_to_dict(expected))
    assert body == command(["whatif", str(HONEY), "--set", "5.1=e", "--member", member], capsys)
    doc = json.loads(body)  # one member's 5.1 raised: 2 points over five members
    after, before = doc["after"]["average_exact"], doc["before"]["average_exact"]
    assert Fraction(after) - Fraction(before) == Fraction(2, 5)


MIGRATE = [([], {}, []), ([("to", "qd26-2026"), ("lang", "vi")], {}, ["--lang", "vi"])]
#: endpoint → (the command, its body, the Python API, the writer, the schema)
ADVISOR: dict[str, tuple[str, Path, Any, Any, str]] = {
    "/advise": ("advise", HONEY, ocop.advise, advice_to_dict, "advice-output"),
    "/whatif": ("whatif", HONEY, ocop.whatif, whatif_to_dict, "whatif-output"),
    "/migrate": ("migrate", OLD, ocop.migrate, migration_to_dict, "migrate-output"),
}
CALLS = [
    (path, *case)
    for path, cases in (("/advise", ADVISE), ("/whatif", WHATIF), ("/migrate", MIGRATE))
    for case in cases
]


@pytest.mark.parametrize(("path", "query", "kwargs", "argv"), CALLS)
def test_the_advisor_equals_the_python_api_and_the_command(
    path: str,
    query: list[tuple[str, str]],
    kwargs: dict[str, Any],
    argv: list[str],
    server: Server,
    capsys: pytest.CaptureFixture[str],
) -> None:
    name, source, api, writer, schema = ADVISOR[path]
    body = post(server, path, source, query)
    lang = dict(query).get("lang", "en")
    assert body == text(writer(api(request(source), **kwargs), lang=lang))
    assert body == command([name, str(source), *argv], capsys)
    jsonschema.validate(json.loads(body), load_schema(schema))


RANK = HONEY.read_bytes()
HOSTILE: list[tuple[str, bytes, str | None, int]] = [
    ("/advise", b"{", "application/json", 400),
    ("/advise", b"[]", "application/json", 400),
    ("/advise", RANK, "text/plain", 415),
    ("/advise", RANK.replace(b'"sheet": 4', b'"sheet": 99'), "application/json", 404),
    ("/advise?target=6", RANK, "application/json", 400),
    ("/advise?target=0", RANK, "application/json", 400),
    ("/advise?target=x", RANK, "application/json", 400),
    ("/advise?target=4&target=5", RANK, "application/json", 400),
    ("/advise?fixed=99", RANK, "application/json", 400),
    ("/advise?fixed=" + "&fixed=".join(["1.1"] * 201), RANK, "application/json", 400),
    ("/advise?lang=fr", RANK, "application/json", 400),
    ("/advise?costs=", RANK, "application/json", 400),
    ("/advise?costs={", RANK, "application/json", 400),
    ("/advise?costs=[]", RANK, "application/json", 400),
    ('/advise?costs={"default":1,"default":2}', RANK, "application/json", 400),
    ('/advise?costs={"default":-1}', RANK, "application/json", 400),
    ('/advise?costs={"default":"1e3"}', RANK, "application/json", 400),
    ('/advise?costs={"default":1.5}', RANK, "application/json", 400),
    ('/advise?costs={"default":1,"criteria":{"99":3}}', RANK, "application/json", 400),
    ('/advise?costs={"default":1,"criteria":{"1.5":{"z":3}}}', RANK, "application/json", 400),
    ("/advise?costs=" + "[" * 5000, RANK, "application/json", 400),
    ('/advise?costs={"default":"' + "9" * 9000 + '"}', RANK, "application/json", 400),
    ("/whatif?set=5.1", RANK, "application/json", 400),
    ("/whatif?set==e", RANK, "application/json", 400),
    ("/whatif?set=5.1=z", RANK, "application/json", 400),
    ("/whatif?set=99=a", RANK, "application/json", 400),
    ("/whatif?set=5.1=e&member=Nobody", RANK, "application/json", 400),
    ("/whatif?member=Nobody", RANK, "application/json", 400),
    ("/whatif?policy=some", RANK, "application/json", 400),
    ("/whatif?ruleset=qd99", RANK, "application/json", 404),
    ("/whatif?as_of=2026-02-30", RANK, "application/json", 400),
    ("/whatif?as_of=1900-01-01", RANK, "application/json", 400),
    ("/whatif?ruleset=qd26-2026&as_of=2026-06-10", RANK, "application/json", 400),
    ("/whatif?flags=moon", RANK, "application/json", 400),
    ("/whatif", b"null", "application/json", 400),
    ("/migrate", RANK, "application/json", 400),
    ("/migrate?to=qd99", OLD.read_bytes(), "application/json", 404),
    ("/migrate?to=", OLD.read_bytes(), "application/json", 404),
    ("/migrate?to=qd1048-2019", OLD.read_bytes(), "application/json", 400),
    ("/migrate?lang=xx", OLD.read_bytes(), "application/json", 400),
    ("/migrate", b"\xff", "application/json", 400),
]


@pytest.mark.parametrize(("path", "body", "content_type", "expected"), HOSTILE)
def test_hostile_input_gets_an_error_document(
    path: str, body: bytes, content_type: str | None, expected: int, server: Server
) -> None:
    path = urllib.parse.quote(path, safe="/?&=%")
    status, headers, answer = server.call("POST", path, body, content_type)
    assert status == expected, answer
    assert headers["content-type"] == "application/json"
    jsonschema.validate(json.loads(answer), ERROR)
    assert "Traceback" not in answer.decode("utf-8")
    assert server.call("GET", "/health")[0] == 200


def test_a_bad_cost_table_names_the_query_parameter(server: Server) -> None:
    query = urllib.parse.urlencode({"costs": '{"default": 1, "criteria": {"1.5": {"c": -2}}}'})
    status, _, body = server.call("POST", "/advise?" + query, RANK)
    error = json.loads(body)
    assert (status, error["path"], error["value"]) == (400, "costs.criteria['1.5']['c']", -2)
    for verb in ("GET", "PUT"):
        assert server.call(verb, "/advise")[0] == 405


def test_openapi_describes_the_advisor() -> None:
    from ocop.service.openapi import openapi

    paths = openapi()["paths"]
    for path, schema in [
        ("/advise", "advice-output"),
        ("/whatif", "whatif-output"),
        ("/migrate", "migrate-output"),
    ]:
        post = paths[path]["post"]
        assert post["requestBody"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/rank-input"
        }
        answer = post["responses"]["200"]["content"]["application/json"]["schema"]
        assert answer == {"$ref": f"#/components/schemas/{schema}"}
    [costs] = [p for p in paths["/advise"]["post"]["parameters"] if p["name"] == "costs"]
    assert costs["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/costs"}
    whatif = {p["name"] for p in paths["/whatif"]["post"]["parameters"]}
    assert whatif == {"set", "member", "policy", "ruleset", "as_of", "flags", "lang"}
