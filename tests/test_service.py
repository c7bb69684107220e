"""The rules service (ocop.service) run by a real uvicorn server on 127.0.0.1.

Each answer is compared, byte for byte, with the document the Python API (and the ``ocop``
command) writes for the same input, and validated against its shipped schema. Hostile
input gets a 4xx error document, never a 500, and the server keeps answering.
"""

from __future__ import annotations

import io
import json
import logging
import re
import socket
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from datetime import date
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
from ocop.certificates.codes import parse_product_code  # noqa: E402
from ocop.cli import main  # noqa: E402
from ocop.jsonl import rank_jsonl  # noqa: E402
from ocop.procedure.levels import next_step  # noqa: E402
from ocop.schemas import SCHEMAS, load_schema  # noqa: E402
from ocop.serialize import (  # noqa: E402
    MAX_DOCUMENT,
    certificate_from_dict,
    certificate_status_to_dict,
    next_step_to_dict,
    product_code_to_dict,
    rank_request_from_dict,
    result_to_dict,
    ruleset_to_dict,
    rulesets_to_list,
    selection_to_dict,
)
from ocop.service import create_app  # noqa: E402
from ocop.service.openapi import openapi  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
RANK = (EXAMPLES / "rank-honey-council.json").read_bytes()


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with Server(create_app()) as running:
        yield running
    assert running.app.state.internal_errors == 0


@pytest.fixture(scope="module")
def small() -> Iterator[Server]:
    """A server with a 1000-byte body limit, allowing one CORS origin."""
    with Server(create_app(max_body=1000, cors="https://example.org")) as running:
        yield running


def text(doc: Any) -> bytes:
    """A document as the service and the command line write it."""
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def valid(doc: Any, schema: str) -> None:
    jsonschema.validate(doc, load_schema(schema))


def test_rank_equals_the_python_api_and_the_command(
    server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    status, headers, body = server.call("POST", "/rank", RANK)
    assert status == 200
    assert headers["content-type"] == "application/json"
    request = rank_request_from_dict(ocop.serialize.loads(RANK.decode()))
    assert body == text(result_to_dict(ocop.rank_request(request)))
    valid(json.loads(body), "rank-output")
    assert main(["rank", str(EXAMPLES / "rank-honey-council.json")]) == 0
    assert capsys.readouterr().out.encode("utf-8") == body


def test_rank_options(server: Server) -> None:
    status, _, body = server.call("POST", "/rank?lang=vi&detail=summary&policy=all", RANK)
    assert status == 200
    request = rank_request_from_dict(json.loads(RANK))
    result = ocop.rank_request(request, policy="all")
    assert body == text(result_to_dict(result, lang="vi", detail="summary"))


def test_rank_jsonl_equals_rank_jsonl(server: Server) -> None:
    source = (EXAMPLES / "councils.jsonl").read_bytes() + b'{"sheet": 4}\n'
    status, headers, body = server.call("POST", "/rank/jsonl", source, "application/x-ndjson")
    assert status == 200
    assert headers["content-type"] == "application/jsonl"
    assert "content-length" not in headers  # streamed (chunked), not held whole
    out = io.StringIO()
    summary = rank_jsonl(io.BytesIO(source), out)
    assert body == out.getvalue().encode("utf-8")
    assert summary.failed >= 1
    for line in body.splitlines():
        valid(json.loads(line), "rank-jsonl-line")
    status, _, full = server.call("POST", "/rank/jsonl?detail=full", source, "application/jsonl")
    out = io.StringIO()
    rank_jsonl(io.BytesIO(source), out, detail="full")
    assert (status, full) == (200, out.getvalue().encode("utf-8"))


def test_rulesets(server: Server) -> None:
    assert server.call("GET", "/rulesets")[::2] == (200, text(rulesets_to_list()))
    status, _, body = server.call(
        "GET", "/rulesets/select?as_of=2026-06-10&filed=2026-05-02&kind=first"
    )
    as_of, filed = date(2026, 6, 10), date(2026, 5, 2)
    choice = ocop.select_ruleset(as_of, filed=filed, kind="first")
    assert (status, body) == (
        200,
        text(selection_to_dict(choice, as_of=as_of, filed=filed, kind="first")),
    )
    valid(json.loads(body), "ruleset-selection")
    status, _, body = server.call("GET", "/rulesets/qd26-2026?lang=en")
    assert (status, body) == (200, text(ruleset_to_dict(ocop.load_ruleset("qd26-2026"), lang="en")))
    valid(json.loads(body), "catalogue-export")


def test_certificate_status(server: Server) -> None:
    source = (EXAMPLES / "certificate-lam-dong.json").read_bytes()
    status, _, body = server.call("POST", "/certificates/status?as_of=2029-06-01", source)
    cert, events = certificate_from_dict(json.loads(source))
    expected = ocop.certificate_status(cert, date(2029, 6, 1), events)
    assert (status, body) == (200, text(certificate_status_to_dict(expected)))
    valid(json.loads(body), "certificate-status")


def test_code_and_next_step(server: Server) -> None:
    status, _, body = server.call("GET", "/codes/68-24781-12-2026")
    assert (status, body) == (
        200,
        text(product_code_to_dict(parse_product_code("68-24781-12-2026"))),
    )
    valid(json.loads(body), "code-parse")
    status, _, body = server.call(
        "GET", "/next-step?level=province&stars=3&score=139/2&ruleset=qd26-2026"
    )
    step = next_step(level="province", stars=3, score="139/2", ruleset="qd26-2026")
    assert (status, body) == (200, text(next_step_to_dict(step)))
    valid(json.loads(body), "next-step")


def test_schemas_health_version(server: Server) -> None:
    assert server.call("GET", "/schemas")[::2] == (200, text(SCHEMAS))
    for name in SCHEMAS:
        assert server.call("GET", f"/schemas/{name}")[::2] == (200, text(load_schema(name)))
    assert json.loads(server.call("GET", "/health")[2]) == {"status": "ok"}
    version = json.loads(server.call("GET", "/version")[2])
    assert version == {"ocop": ocop.__version__, "format_version": 1}


def test_openapi(server: Server) -> None:
    status, _, body = server.call("GET", "/openapi.json")
    spec = json.loads(body)
    assert (status, spec) == (200, openapi())
    for name in SCHEMAS:  # the shipped schema, only its local references made absolute
        shipped = json.dumps(load_schema(name)).replace('"#/', f'"#/components/schemas/{name}/')
        assert spec["components"]["schemas"][name] == {
            k: v for k, v in json.loads(shipped).items() if k != "$id"
        }
    refs = set()
    for path in spec["paths"].values():
        used = json.dumps(path)  # a document, or one of its definitions (calendar's two)
        refs.update(n for n in SCHEMAS if re.search(f'"#/components/schemas/{n}["/]', used))
    assert refs >= set(SCHEMAS) - {
        "classification",
        "plan",  # the programme's documents: the command line's, not the service's
        "programme-stats",
        "dossier-forms",  # the forms' input: printed on the command line, not served
        "errata-overlay",  # inside rank-input ("overlay"), not a document of its own here
    }
    for ref in _refs(spec):  # every reference resolves inside the document
        node = spec
        for part in ref.removeprefix("#/").split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
    status, headers, page = server.call("GET", "/docs")
    assert status == 200
    assert headers["content-type"].startswith("text/html")
    assert b'href="openapi.json"' in page


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                assert value.startswith("#/"), value
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def test_openapi_is_valid_openapi_3_1() -> None:
    """openapi-spec-validator (in the ``test`` extra, so that CI runs it)."""
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(openapi())
    assert {"/council/check", "/process/levels", "/calendar", "/calendar/deadline"} <= set(
        openapi()["paths"]
    )


ERROR = load_schema("rank-jsonl-line")["$defs"]["ErrorLine"]["properties"]["error"]
DEEP = b"[" * 100_000 + b"]" * 100_000
HOSTILE: list[tuple[str, str, bytes | None, str | None, int]] = [
    ("POST", "/rank", b"{", "application/json", 400),
    ("POST", "/rank", b'{"sheet": 4, "sheet": 5, "members": []}', "application/json", 400),
    ("POST", "/rank", DEEP, "application/json", 400),
    ("POST", "/rank", b'{"sheet": 1' + b"0" * 5000 + b', "members": []}', "application/json", 400),
    ("POST", "/rank", b'{"sheet": 1e999, "members": []}', "application/json", 400),
    ("POST", "/rank", b"NaN", "application/json", 400),
    ("POST", "/rank", b"\xff\xfe", "application/json", 400),
    ("POST", "/rank", b"[]", "application/json", 400),
    ("POST", "/rank", b"null", "application/json", 400),
    ("POST", "/rank", b"", "application/json", 400),
    ("POST", "/rank", RANK, "text/plain", 415),
    ("POST", "/rank", RANK, None, 415),
    ("POST", "/rank", RANK.replace(b'"sheet": 4', b'"sheet": 99'), "application/json", 404),
    ("POST", "/rank", RANK.replace(b'"qd26-2026"', b'"qd99"'), "application/json", 404),
    ("POST", "/rank", RANK.replace(b'"sheet": 4', b'"sheet": "4"'), "application/json", 400),
    ("POST", "/rank?lang=fr", RANK, "application/json", 400),
    ("POST", "/rank?detail=all", RANK, "application/json", 400),
    ("POST", "/rank?lang=en&lang=vi", RANK, "application/json", 400),
    ("POST", "/rank/jsonl", RANK, "application/json", 415),
    ("POST", "/rank/jsonl?detail=x", RANK, "application/jsonl", 400),
    ("GET", "/rank", None, None, 405),
    ("GET", "/rulesets/select", None, None, 400),
    ("GET", "/rulesets/select?as_of=2026-13-01", None, None, 400),
    ("GET", "/rulesets/select?as_of=20260601", None, None, 400),
    ("GET", "/rulesets/select?as_of=2026-06-01&kind=second", None, None, 400),
    ("GET", "/rulesets/select?as_of=1900-01-01", None, None, 400),
    ("GET", "/rulesets/nope", None, None, 404),
    ("GET", "/rulesets/%00%0A", None, None, 404),
    ("POST", "/certificates/status", b"{}", "application/json", 400),
    ("POST", "/certificates/status?as_of=2029-06-01", b"{}", "application/json", 400),
    ("POST", "/certificates/status?as_of=2029-06-01", b'{"issued": 1}', "application/json", 400),
    ("GET", "/codes/junk", None, None, 400),
    ("GET", "/codes/" + "9" * 5000, None, None, 400),
    ("GET", "/next-step", None, None, 400),
    ("GET", "/next-step?level=moon", None, None, 400),
    ("GET", "/next-step?level=province&stars=９", None, None, 400),
    ("GET", "/next-step?level=province&stars=4&score=1e9999", None, None, 400),
    ("GET", "/next-step?level=province&stars=4&score=" + "9" * 5000, None, None, 400),
    ("GET", "/next-step?level=province&disqualified=yes", None, None, 400),
    ("GET", "/schemas/nope", None, None, 404),
    ("GET", "/no/such/route", None, None, 404),
    ("DELETE", "/health", None, None, 405),
]


@pytest.mark.parametrize(("method", "path", "body", "content_type", "expected"), HOSTILE)
def test_hostile_input_gets_an_error_document(
    server: Server,
    method: str,
    path: str,
    body: bytes | None,
    content_type: str | None,
    expected: int,
) -> None:
    path = urllib.parse.quote(path, safe="/?&=%")
    status, headers, answer = server.call(method, path, body, content_type)
    assert status == expected, answer
    assert headers["content-type"] == "application/json"
    doc = json.loads(answer)
    jsonschema.validate(doc, ERROR)
    assert "Traceback" not in answer.decode("utf-8")
    assert server.call("GET", "/health")[0] == 200


def test_the_error_document_is_error_to_dict(server: Server) -> None:
    status, _, body = server.call("GET", "/codes/junk")
    with pytest.raises(ocop.OcopError) as caught:
        parse_product_code("junk")
    assert (status, body) == (400, text(ocop.serialize.error_to_dict(caught.value)))


def test_body_size_is_bounded(server: Server, small: Server) -> None:
    status, _, body = small.call("POST", "/rank", b" " * 1001)
    assert status == 413
    assert json.loads(body)["type"] == "InvalidInput"
    assert small.call("POST", "/rank/jsonl", b"\n" * 1001, "application/jsonl")[0] == 413
    # a huge body is refused from its Content-Length, before any of it is read
    host, port = server.sock.getsockname()
    with socket.create_connection((host, port), timeout=10) as raw:
        raw.sendall(
            b"POST /rank HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: %d\r\n\r\n{" % (MAX_DOCUMENT + 1)
        )
        answer = raw.recv(65536)
    assert answer.startswith(b"HTTP/1.1 413 ")
    # a chunked body (no Content-Length) is counted as it comes
    chunks = iter([b" " * 600, b" " * 600])
    request = urllib.request.Request(small.url + "/rank", data=chunks, method="POST")
    request.add_header("Content-Type", "application/json")
    request.add_header("Transfer-Encoding", "chunked")
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=10)
    assert caught.value.code == 413
    assert server.call("GET", "/health")[0] == 200


def test_cors_is_off_by_default(server: Server, small: Server) -> None:
    origin = {"Origin": "https://example.org"}
    _, headers, _ = server.call("GET", "/health", headers=origin)
    assert "access-control-allow-origin" not in headers
    _, headers, _ = small.call("GET", "/health", headers=origin)
    assert headers["access-control-allow-origin"] == "https://example.org"
    _, headers, _ = small.call("GET", "/health", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in headers


def test_one_log_line_per_request(server: Server, caplog: pytest.LogCaptureFixture) -> None:
    def wait_for(predicate: Callable[[list[str]], bool]) -> list[str]:
        deadline = time.monotonic() + 5  # a line is written once its answer is sent
        while not predicate(
            lines := [r.getMessage() for r in caplog.records if r.name == "ocop.service"]
        ):
            assert time.monotonic() < deadline, lines
            time.sleep(0.01)
        return lines

    with caplog.at_level(logging.INFO, logger="ocop.service"):
        # The server shares this process: a line for an earlier test's request (or the
        # fixture's /health probe) may still be on its way. Wait for a marker request's
        # line, then start from an empty capture.
        server.call("GET", "/marker-before-the-test")
        wait_for(lambda lines: any("/marker-before-the-test" in line for line in lines))
        caplog.clear()
        server.call("POST", "/rank?lang=vi", RANK)
        server.call("GET", "/no/such%0Aroute")
        wait_for(lambda lines: len(lines) >= 2)
        time.sleep(0.05)
        lines = [r.getMessage() for r in caplog.records if r.name == "ocop.service"]
    assert len(lines) == 2
    assert lines[0].startswith("POST /rank 200 ")
    assert lines[1].startswith("GET /no/such\\nroute 404 ")
    assert all("honey" not in line.lower() and "lang" not in line for line in lines)


def test_the_conformance_kit_passes_against_the_service(server: Server) -> None:
    """``ocop conformance run --url`` against ``ocop serve`` itself: every clause group, a
    sample of each (the whole kit runs in-process elsewhere; over HTTP this is the wiring)."""
    from ocop.conformance import GROUPS, generate_cases, report, run_cases, url_target

    cases = generate_cases()
    sample = [c for g in GROUPS for c in [c for c in cases if c["group"] == g][:8]]
    assert {c["group"] for c in sample} == set(GROUPS)
    outcomes = run_cases(sample, url_target(server.url + "/rank"), timeout=10, jobs=2)
    out = io.StringIO()
    assert report(outcomes, out), out.getvalue()
    assert len(outcomes) == len(sample)
