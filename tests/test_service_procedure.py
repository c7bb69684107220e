"""The service's procedure endpoints (council check with council rules, levels, calendar,
deadlines), ``POST /rank?level=`` and the streamed JSON Lines, against a real uvicorn server.

Each answer is compared, byte for byte, with what the ``ocop`` command prints (the same
writers) and with the Python API, and validated against its shipped schema; hostile input
gets a 4xx error document, never a 500.
"""

from __future__ import annotations

import io
import json
import sys
import urllib.parse
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
jsonschema = pytest.importorskip("jsonschema")

sys.path.insert(0, str(Path(__file__).parent))
from _live_server import Server  # noqa: E402

sys.path.pop(0)

import ocop  # noqa: E402
from ocop.cli import main  # noqa: E402
from ocop.jsonl import iter_rank_jsonl, rank_jsonl  # noqa: E402
from ocop.procedure import check_council, deadline, next_step_for, resolve_procedure  # noqa: E402
from ocop.schemas import load_schema  # noqa: E402
from ocop.serialize import (  # noqa: E402
    council_check_to_dict,
    council_from_dict,
    deadline_to_dict,
    loads,
    procedure_levels_to_dict,
    rank_request_from_dict,
    result_to_dict,
)
from ocop.serialize.procedure import next_step_to_dict  # noqa: E402
from ocop.service import create_app  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
RANK = (EXAMPLES / "rank-honey-council.json").read_bytes()
COUNCIL = (EXAMPLES / "council-province.json").read_bytes()
COUNCIL_DOC = loads(COUNCIL.decode("utf-8"))
NAMES = [COUNCIL_DOC["chair"]["name"], *(m["name"] for m in COUNCIL_DOC["members"])]


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with Server(create_app()) as running:
        yield running
    assert running.app.state.internal_errors == 0


@pytest.fixture(scope="module")
def few_lines() -> Iterator[Server]:
    with Server(create_app(max_lines=3)) as running:
        yield running


def text(doc: Any) -> bytes:
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> bytes:
    assert main(argv) == 0
    return capsys.readouterr().out.encode("utf-8")


def test_rank_with_level_is_ocop_rank_level(
    server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, body = server.call("POST", "/rank?level=province", RANK)
    result = ocop.rank_request(rank_request_from_dict(loads(RANK.decode())))
    doc = result_to_dict(result)
    doc["next_step"] = next_step_to_dict(next_step_for(result, level="province"))
    assert (status, body) == (200, text(doc))
    assert body == cli(
        ["rank", str(EXAMPLES / "rank-honey-council.json"), "--level", "province"], capsys
    )
    jsonschema.validate(json.loads(body), load_schema("rank-output"))


def test_rank_reports_council_rules_breaches(server: Server) -> None:
    doc = loads(RANK.decode())
    doc["members"][1]["answers"].update(
        {"1.1": "a", "1.5": "a", "2.1": "a", "2.3": "a", "3.1": "a"}
    )
    doc["council_rules"] = "tay-ninh"
    body = json.dumps(doc, ensure_ascii=False).encode()
    status, _, answer = server.call("POST", "/rank?lang=vi", body)
    expected = result_to_dict(ocop.rank_request(rank_request_from_dict(doc)), lang="vi")
    assert (status, answer) == (200, text(expected))
    assert json.loads(answer)["council_breaches"][0]["rule"] == "spread"


def test_council_check_equals_the_command_and_the_api(
    server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, body = server.call("POST", "/council/check?ruleset=qd26-2026", COUNCIL)
    council = council_from_dict(COUNCIL_DOC)
    assert (status, body) == (
        200,
        text(council_check_to_dict(check_council(council, ruleset="qd26-2026"))),
    )
    path = str(EXAMPLES / "council-province.json")
    assert body == cli(["council", "check", path, "--ruleset", "qd26-2026"], capsys)
    attending = NAMES[1:6]
    query = urllib.parse.urlencode(
        [("as_of", "2026-06-10"), ("council_rules", "tay-ninh")]
        + [("attending", n) for n in attending]
    )
    status, _, body = server.call("POST", f"/council/check?{query}", COUNCIL)
    check = check_council(
        council, as_of=date(2026, 6, 10), present=attending, council_rules="tay-ninh"
    )
    assert (status, body) == (200, text(council_check_to_dict(check)))
    argv = ["council", "check", path, "--as-of", "2026-06-10", "--council-rules", "tay-ninh"]
    for name in attending:
        argv += ["--attending", name]
    assert body == cli(argv, capsys)
    doc = json.loads(body)
    jsonschema.validate(doc, load_schema("council-check"))
    assert [b["rule"] for b in doc["breaches"]] == ["quorum", "chair"]
    status, _, body = server.call(
        "POST", "/council/check?ruleset=qd26-2026&present=6&council_rules=tay-ninh", COUNCIL
    )
    assert json.loads(body)["breaches"] == []


def test_levels_calendar_and_deadline(server: Server, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, body = server.call("GET", "/process/levels?as_of=2024-03-01")
    rs = resolve_procedure(None, date(2024, 3, 1))
    assert (status, body) == (200, text(procedure_levels_to_dict(rs)))
    assert body == cli(["process", "levels", "--as-of", "2024-03-01"], capsys)
    jsonschema.validate(json.loads(body), load_schema("procedure-levels"))

    status, _, body = server.call("GET", "/calendar?year=2026")
    assert status == 200
    assert body == cli(["calendar", "--year", "2026"], capsys)
    jsonschema.validate(json.loads(body), load_schema("calendar"))
    status, _, body = server.call(
        "GET", "/calendar?year=2040&no_holidays=true&holiday=2040-09-03&working_day=2040-09-08"
    )
    assert status == 200
    argv = ["calendar", "--year", "2040", "--no-holidays", "--holiday", "2040-09-03"]
    assert body == cli([*argv, "--working-day", "2040-09-08"], capsys)

    status, _, body = server.call("GET", "/calendar/deadline?period=rerank&from=2026-08-28")
    found = deadline("rerank", date(2026, 8, 28))
    assert (status, body) == (200, text(deadline_to_dict(found)))
    assert body == cli(["calendar", "--period", "rerank", "--from", "2026-08-28"], capsys)
    jsonschema.validate(json.loads(body), load_schema("calendar"))


def test_jsonl_is_streamed_through_the_one_pipeline(server: Server, few_lines: Server) -> None:
    lines = (EXAMPLES / "councils.jsonl").read_bytes().splitlines(keepends=True)
    ruled = json.loads(lines[0])
    ruled["council_rules"] = "tay-ninh"
    source = b"".join([*lines, json.dumps(ruled).encode() + b"\n", b"{}\n", b"not json"])
    status, headers, body = server.call(
        "POST", "/rank/jsonl?detail=full&lang=vi", source, "application/jsonl"
    )
    out = io.StringIO()
    rank_jsonl(io.BytesIO(source), out, detail="full", lang="vi")
    assert (status, body) == (200, out.getvalue().encode("utf-8"))
    assert "".join(iter_rank_jsonl(io.BytesIO(source), detail="full", lang="vi")) == out.getvalue()
    assert headers.get("transfer-encoding") == "chunked"
    answers = [json.loads(line) for line in body.splitlines()]
    assert len(answers) == len(lines) + 3
    for answer in answers:
        jsonschema.validate(answer, load_schema("rank-jsonl-line"))
    assert answers[len(lines)]["council_rules"] == "tay-ninh"
    assert [a.get("line") for a in answers[-2:]] == [len(lines) + 2, len(lines) + 3]
    # the number of lines is bounded (max_lines), before any is ranked
    status, _, body = few_lines.call("POST", "/rank/jsonl", b"{}\n" * 4, "application/jsonl")
    assert status == 413
    assert "at most 3" in json.loads(body)["message"]
    assert few_lines.call("POST", "/rank/jsonl", b"{}\n" * 3, "application/jsonl")[0] == 200


ERROR = load_schema("rank-jsonl-line")["$defs"]["ErrorLine"]["properties"]["error"]
HOSTILE: list[tuple[str, str, bytes | None, int]] = [
    ("POST", "/rank?level=moon", RANK, 400),
    ("POST", "/rank?level=province&level=central", RANK, 400),
    ("POST", "/council/check", COUNCIL, 400),  # no rule set and no date
    ("POST", "/council/check?ruleset=qd99", COUNCIL, 404),
    ("POST", "/council/check?ruleset=qd26-2026", b"[]", 400),
    ("POST", "/council/check?ruleset=qd26-2026", b'{"level": "moon"}', 400),
    ("POST", "/council/check?ruleset=qd26-2026&present=-1", COUNCIL, 400),
    ("POST", "/council/check?ruleset=qd26-2026&present=99", COUNCIL, 400),
    ("POST", "/council/check?ruleset=qd26-2026&present=2&attending=A", COUNCIL, 400),
    ("POST", "/council/check?ruleset=qd26-2026&attending=Nobody", COUNCIL, 400),
    ("POST", "/council/check?ruleset=qd26-2026&council_rules=ha-noi", COUNCIL, 400),
    ("POST", "/council/check?ruleset=qd26-2026&" + "attending=A&" * 201, COUNCIL, 400),
    ("GET", "/process/levels", None, 400),
    ("GET", "/process/levels?ruleset=nope", None, 404),
    ("GET", "/process/levels?as_of=1900-01-01", None, 400),
    ("GET", "/calendar", None, 400),
    ("GET", "/calendar?year=0", None, 400),
    ("GET", "/calendar?year=99999", None, 400),
    ("GET", "/calendar?year=2026&ruleset=qd148-2023", None, 400),
    ("GET", "/calendar?year=2026&holiday=tomorrow", None, 400),
    ("GET", "/calendar?year=2026&no_holidays=maybe", None, 400),
    ("GET", "/calendar/deadline", None, 400),
    ("GET", "/calendar/deadline?period=rerank", None, 400),
    ("GET", "/calendar/deadline?period=forever&from=2026-01-01", None, 400),
    ("GET", "/calendar/deadline?period=rerank&from=9999-12-31", None, 400),
    ("POST", "/calendar", None, 405),
]


@pytest.mark.parametrize(("method", "path", "body", "expected"), HOSTILE)
def test_hostile_input_gets_an_error_document(
    server: Server, method: str, path: str, body: bytes | None, expected: int
) -> None:
    status, headers, answer = server.call(method, path, body)
    assert status == expected, answer
    assert headers["content-type"] == "application/json"
    jsonschema.validate(json.loads(answer), ERROR)
    assert server.call("GET", "/health")[0] == 200
