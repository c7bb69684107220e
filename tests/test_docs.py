"""The examples in the README and the docs run, and say what the library does.

Two kinds of example are checked, in ``README.md`` and in every Markdown page under ``docs/``
(the Sphinx site's sources, Vietnamese pages included):

* Python sessions (``>>>`` lines) run as doctests, one namespace per page;
* command-line sessions in ```` ```console ```` blocks: each ``$ ocop ...`` line runs the
  command line in-process, from the repository root, and what it prints (stdout, then
  stderr) must match the lines below it, with ``...`` as a wildcard as in doctests.
"""

from __future__ import annotations

import contextlib
import doctest
import io
import re
import shlex
from pathlib import Path

import pytest

from ocop.cli import main

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
DOCS = [p for p in DOCS if "_build" not in p.parts]
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE

# Pages whose examples carry the weight of the docs: each must really run examples.
MIN_EXAMPLES = {
    "README.md": 8,
    "getting-started.md": 6,
    "rank-a-council.md": 8,
    "integrate.md": 4,
}

_CONSOLE = re.compile(r"^```console[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _id(path: Path) -> str:
    return str(path.relative_to(ROOT))


def console_sessions(text: str) -> list[tuple[str, str]]:
    """``(command, expected output)`` for each ``$ `` line of the page's console blocks."""
    sessions: list[tuple[str, str]] = []
    for block in _CONSOLE.findall(text):
        for chunk in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
            command, _, output = chunk.partition("\n")
            sessions.append((command.strip(), output))
    return sessions


def run_cli(command: str, monkeypatch: pytest.MonkeyPatch) -> str:
    argv = shlex.split(command)
    assert argv[0] == "ocop", f"console examples run only the ocop command: {command!r}"
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.chdir(ROOT)
    with (
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        contextlib.suppress(SystemExit),  # --version and usage errors exit through argparse
    ):
        main(argv[1:])
    return out.getvalue() + err.getvalue()


@pytest.mark.parametrize("path", DOCS, ids=_id)
def test_python_examples_in_docs(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # examples name files such as examples/rank-honey-council.json
    failures, attempted = doctest.testfile(
        str(path), module_relative=False, optionflags=FLAGS, encoding="utf-8"
    )
    assert failures == 0
    assert attempted >= MIN_EXAMPLES.get(path.name, 0)  # the examples really ran


@pytest.mark.parametrize("path", DOCS, ids=_id)
def test_console_examples_in_docs(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checker = doctest.OutputChecker()
    for command, expected in console_sessions(path.read_text(encoding="utf-8")):
        got = run_cli(command, monkeypatch)
        if not checker.check_output(expected, got, FLAGS):
            diff = checker.output_difference(doctest.Example(command, expected), got, FLAGS)
            pytest.fail(f"{_id(path)}: $ {command}\n{diff}")


def test_console_sessions_are_parsed() -> None:
    text = "```console\n$ ocop criteria list\nqd26-2026 ...\n$ ocop --version\nocop ...\n```\n"
    assert console_sessions(text) == [
        ("ocop criteria list", "qd26-2026 ...\n"),
        ("ocop --version", "ocop ...\n"),
    ]
