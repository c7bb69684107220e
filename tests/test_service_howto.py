"""The ``curl`` sessions of ``docs/howto/call-the-service.md`` run against a real server.

The page writes its sessions in ```` ```shell-session ```` blocks (``tests/test_docs.py``
runs only ```` ```console ```` blocks, whose commands must be ``ocop``). Each ``$ curl`` line
is run, with the documented ``http://127.0.0.1:8000`` replaced by the address of a uvicorn
server on a free port of 127.0.0.1, in a temporary directory holding a copy of ``examples/``
(so that the files the sessions write land there). Its output must equal the lines below it:
as parsed JSON when both are JSON, as text otherwise. The PHP, C# and JavaScript snippets of
the page are not run.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")
uvicorn = pytest.importorskip("uvicorn")

sys.path.insert(0, str(Path(__file__).parent))
from _live_server import Server  # noqa: E402

sys.path.pop(0)

from ocop.service import create_app  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "howto" / "call-the-service.md"
DOCUMENTED = "http://127.0.0.1:8000"
CURL = shutil.which("curl")

_SESSION = re.compile(r"^```shell-session[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)


def curl_sessions(text: str) -> list[tuple[str, str]]:
    """``(command, expected output)`` for each ``$ curl`` line of the page's session blocks."""
    sessions: list[tuple[str, str]] = []
    for block in _SESSION.findall(text):
        for chunk in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
            command, _, output = chunk.partition("\n")
            if command.startswith("curl "):
                sessions.append((command.strip(), output))
    return sessions


def _parsed(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None


SESSIONS = curl_sessions(PAGE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with Server(create_app()) as running:
        yield running


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("howto")
    shutil.copytree(ROOT / "examples", path / "examples")
    return path


def test_the_page_has_curl_sessions() -> None:
    assert len(SESSIONS) >= 9
    assert all(DOCUMENTED in command for command, _ in SESSIONS)


@pytest.mark.skipif(CURL is None, reason="curl is not on PATH")
@pytest.mark.parametrize(("command", "expected"), SESSIONS, ids=[c for c, _ in SESSIONS])
def test_curl_session(command: str, expected: str, server: Server, workdir: Path) -> None:
    argv = shlex.split(command.replace(DOCUMENTED, server.url))
    done = subprocess.run(argv, cwd=workdir, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    got = done.stdout
    want = _parsed(expected)
    if want is not None:
        assert _parsed(got) == want, f"$ {command}\n{got}"
    else:
        assert got == expected, f"$ {command}"


@pytest.mark.skipif(CURL is None, reason="curl is not on PATH")
def test_the_files_the_sessions_write(server: Server, workdir: Path) -> None:
    """``rank.json``, ``ranked.jsonl``, ``openapi.json`` and the advisor's answers hold what
    the page says."""
    for command, _ in SESSIONS:  # in page order, whatever the selection of tests
        argv = shlex.split(command.replace(DOCUMENTED, server.url))
        if "-o" in argv and argv[argv.index("-o") + 1] != "/dev/null":
            subprocess.run(argv, cwd=workdir, capture_output=True, check=True, timeout=60)
    rank = json.loads((workdir / "rank.json").read_text(encoding="utf-8"))
    assert (rank["stars"], rank["band_stars"], rank["average"]) == (3, 4, "74.00")
    assert [m["criterion"] for m in rank["failed_minimums"]] == ["5.1"]
    lines = (workdir / "ranked.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3
    last = re.search(r"^```json\n(.*?)\n```", PAGE.read_text(encoding="utf-8"), re.M | re.S)
    assert last is not None
    assert json.loads(lines[-1]) == json.loads(last.group(1))
    assert json.loads((workdir / "openapi.json").read_text(encoding="utf-8"))["openapi"]
    advice = json.loads((workdir / "advice.json").read_text(encoding="utf-8"))
    assert [(c["criterion"], c["to"]) for c in advice["changes"]] == [("5.1", "e")]
    assert advice["result"]["stars"] == 4
    cheapest = json.loads((workdir / "cheapest.json").read_text(encoding="utf-8"))
    assert (cheapest["objective"], cheapest["total_cost"]) == ("cost", "50")
    assert (len(cheapest["changes"]), cheapest["result"]["stars"]) == (10, 5)
    whatif = json.loads((workdir / "whatif.json").read_text(encoding="utf-8"))
    assert whatif["explanation"][0] == "Class: 3★ → 4★."
    [minimums] = [d for d in whatif["differences"] if d["field"] == "failed_minimums"]
    assert minimums["newly_met"] == ["5.1@4"]
    migration = json.loads((workdir / "migrate.json").read_text(encoding="utf-8"))
    assert (migration["from_ruleset"], migration["to_ruleset"]) == ("qd148-2023", "qd26-2026")
