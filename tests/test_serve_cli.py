"""``ocop serve`` without the ``server`` extra, and the command line without Starlette."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ocop.cli import main


def test_the_command_line_does_not_import_the_server() -> None:
    code = "import sys, ocop.cli; ocop.cli.build_parser(); print('starlette' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "False\n"


@pytest.mark.parametrize("missing", ["uvicorn", "starlette"])
def test_serve_without_the_extra_is_one_line(
    missing: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in list(sys.modules):
        if name == missing or name.startswith(missing + "."):
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, missing, None)  # import raises ImportError
    assert main(["serve", "--port", "0"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert 'pip install "ocop[server]"' in err
    assert missing in err


@pytest.mark.parametrize("argv", [["--port", "http"], ["--port", "70000"], ["--workers", "0"]])
def test_serve_options_are_checked(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", *argv]) == 1
    assert capsys.readouterr().err.startswith("ocop: error: ")
