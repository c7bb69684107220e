"""Bad input at the boundaries: one ``OcopError`` (one line on the command line), never a
traceback, a hang or a silent coercion.

Each test is a reproducer of a defect found by hand; inputs are small, so none is slow.
"""

from __future__ import annotations

import json

import pytest

from ocop.errors import InvalidInput
from ocop.serialize import _json, error_to_dict, loads

# -- loads: the one boundary of every JSON document ---------------------------------------


@pytest.mark.parametrize(
    ("text", "path", "message"),
    [
        ('{"n": ' + "9" * 4301 + "}", "", "an integer beyond ±10\\*\\*18"),
        ('{"n": ' + "9" * 19 + "}", "n", "an integer beyond ±10\\*\\*18"),
        ('{"a": [0, -1000000000000000001]}', "a[1]", "an integer beyond ±10\\*\\*18"),
        ('{"a": {"b c": 1e400}}', 'a["b c"]', "beyond the range of floating-point"),
        ("[" * 10_000 + "]" * 10_000, "", "nested more than 64 levels deep"),
        ('{"a": ' + "[" * 64 + "]" * 64 + "}", "", "nested more than 64 levels deep"),
        ('{"members": [{"member": "A\\ud800"}]}', "members[0].member", "lone surrogate"),
        ('{"k\\udfff": 1}', '["k\\\\udfff"]', "lone surrogate"),
        ("\ufeff{}", "", "byte-order mark"),
        ('{"a": [' + "[], " * 70 + "1e400]}", "a[70]", "beyond the range of floating-point"),
        ('{"a": [' + "[], " * 70 + '"\\ud800"]}', "a[70]", "lone surrogate"),
        ('{"a": "' + "9" * 30 + '", "b": [1.5e999]}', "b[0]", "beyond the range of floating-point"),
    ],
)
def test_loads_refuses_with_one_error(text: str, path: str, message: str) -> None:
    for fast in (_json.FAST, None):
        saved = _json.FAST
        _json.FAST = fast
        try:
            with pytest.raises(InvalidInput, match=message) as caught:
                loads(text)
        finally:
            _json.FAST = saved
        assert caught.value.path == path
        doc = error_to_dict(caught.value)
        json.dumps(doc, ensure_ascii=False).encode("utf-8")  # printable: no lone surrogate


@pytest.mark.parametrize(
    "text",
    [
        "[" * 64 + "]" * 64,
        '{"n": 1000000000000000000, "m": -1000000000000000000, "x": 1e308}',
        '{"id": "123456789012345678901234567890", "emoji": "\\ud83d\\ude00"}',
        '{"text": "C:\\\\udata"}',
        '{"a": [' + "[], " * 100 + "1.5]}",
        '{"a": "\\u1ea1", "b": 1e-400}',
    ],
)
def test_loads_accepts_what_is_within_the_bounds(text: str) -> None:
    assert loads(text) == json.loads(text)


def test_loads_refuses_a_text_beyond_the_document_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_json, "MAX_DOCUMENT", 10)
    with pytest.raises(InvalidInput, match="longer than"):
        loads('{"a": "12345"}')
    assert loads("[1, 2]") == [1, 2]


def test_loads_refuses_what_is_not_text() -> None:
    with pytest.raises(InvalidInput, match="JSON text is a str"):
        loads(b"{}")  # type: ignore[arg-type]


def test_error_values_are_bounded() -> None:
    big = list(range(1000))
    doc = error_to_dict(InvalidInput("", big, "expected an object"))
    assert isinstance(doc["value"], str)
    assert len(doc["value"]) <= 201
    assert error_to_dict(InvalidInput("", "x" * 1000, "m"))["value"] == "x" * 200 + "…"
    assert error_to_dict(InvalidInput("", [1, "a"], "m"))["value"] == [1, "a"]
    assert error_to_dict(InvalidInput("", "A\ud800", "m"))["value"] == "A\\ud800"


# -- the command line: one line on stderr, exit status 1 ----------------------------------

import io  # noqa: E402
import os  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from ocop.cli import main  # noqa: E402

REQUEST = {
    "id": "x",
    "ruleset": "qd26-2026",
    "sheet": 3,
    "members": [{"member": "A", "answers": {}}],
}


def _fails(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> str:
    status = main(argv)
    out, err = capsys.readouterr()
    assert status == 1, err
    assert out == ""
    assert err.startswith("ocop: error: "), err
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    assert message in err, err
    return err


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


NEXT = ["process", "next", "--ruleset", "qd26-2026", "--level", "province"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--stars", "٤", "--score", "75"], "--stars: expected a whole number"),
        (["--stars", "²", "--score", "75"], "--stars: expected a whole number"),
        (["--stars", "4", "--score", " ٧_٥ "], "--score: expected an exact number"),
        (["--stars", "4", "--score", "7_5"], "--score: expected an exact number"),
        (["--stars", "4", "--score", "7.5e1"], "--score: expected an exact number"),
        (["--stars", "4", "--score", " 75 "], "--score: expected an exact number"),
        (["--stars", "4", "--score", "1e999999999"], "--score: expected an exact number"),
        (["--stars", "4", "--score", "1" * 5000], "got 5,000 characters"),
        (["--stars", "4", "--score", "139/0"], "the denominator of '139/0' is 0"),
        (["--stars", "9", "--score", "75"], "--stars: must be at most 5"),
    ],
)
def test_cli_numbers_are_ascii_and_exact(
    capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    _fails(capsys, [*NEXT, *extra], message)


@pytest.mark.parametrize("score", ["78", "78.5", "157/2"])
def test_cli_exact_numbers_still_read(capsys: pytest.CaptureFixture[str], score: str) -> None:
    assert main([*NEXT, "--stars", "4", "--score", score]) == 0
    json.loads(capsys.readouterr().out)


def test_cli_council_present_is_not_negative(capsys: pytest.CaptureFixture[str]) -> None:
    example = Path(__file__).parents[1] / "examples"
    council = next(example.glob("*council*.json"), None)
    argv = ["council", "check", str(council or "x.json"), "--ruleset", "qd26-2026"]
    _fails(capsys, [*argv, "--present", "-5"], "--present: expected a whole number")
    _fails(capsys, [*argv, "--present", "٣"], "--present: expected a whole number")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["calendar", "--year", "٢٠٢٦"], "--year: expected a whole number"),
        (["calendar", "--year", "0"], "--year: must be at least 1"),
        (
            ["certificate", "status", "--issued", "2026-08-05", "--as-of", "2027-01-01",
             "--stars", "٤"],
            "--stars: expected a whole number",
        ),
        (
            ["certificate", "status", "--issued", "2026-08-05", "--as-of", "2027-01-01",
             "--stars", "6"],
            "--stars: must be at most 5",
        ),
    ],
)  # fmt: skip
def test_cli_other_number_options(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    _fails(capsys, argv, message)


def test_cli_jobs_is_bounded_by_the_cpus(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps(REQUEST) + "\n", encoding="utf-8")
    cpus = os.cpu_count() or 1
    _fails(capsys, ["rank", "--jsonl", "--jobs", "20260522", str(path)], "--jobs: must be at most")
    _fails(capsys, ["rank", "--jsonl", "--jobs", str(cpus + 1), str(path)], "one per CPU")
    _fails(capsys, ["rank", "--jsonl", "--jobs", "-1", str(path)], "--jobs: expected")
    from ocop.jsonl import rank_jsonl

    with pytest.raises(InvalidInput, match="one per CPU"):
        rank_jsonl(io.BytesIO(b""), io.StringIO(), jobs=cpus + 1)


def test_cli_product_code_digit_groups_are_bounded(capsys: pytest.CaptureFixture[str]) -> None:
    _fails(capsys, ["code", "parse", "68-24781-" + "9" * 4301 + "-2026"], "at most 32 characters")
    _fails(capsys, ["code", "parse", "68-24781-1234567-2026"], "more than 6 digits")
    _fails(capsys, ["code", "parse", "68-24781-١٢-2026"], "must be digits only")
    assert main(["code", "parse", "68-24781-123456-2026"]) == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"n": ' + b"9" * 4301 + b"}", "an integer beyond"),
        (b"[" * 10_000 + b"]" * 10_000, "nested more than 64 levels"),
        (b'{"id": "x", "members": [{"member": "A\\ud800"}]}', "members[0].member: the text holds"),
        (b'{"a": "\xff"}', "standard input is not UTF-8 text"),
        (b"[" + b"1," * 300 + b"x]", "not valid JSON"),
    ],
)
def test_cli_rank_refuses_bad_json_in_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data: bytes, message: str
) -> None:
    _stdin(monkeypatch, data)
    err = _fails(capsys, ["rank", "-"], message)
    assert len(err) < 1100


def test_cli_messages_are_one_bounded_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "r.json"
    key = json.dumps("a\nb" + "x" * 5000)
    path.write_text("{" + key + ": 1, " + key + ": 2}", encoding="utf-8")
    err = _fails(capsys, ["rank", str(path)], '["a\\nbxxx')  # a repeated key, cut
    assert err.endswith("…\n")
    assert len(err) == len("ocop: error: ") + 1000 + len("…\n")


def test_a_bom_is_read_everywhere_the_same(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    data = b"\xef\xbb\xbf" + json.dumps({**REQUEST, "members": []}).encode()
    path = tmp_path / "r.json"
    path.write_bytes(data)
    file_err = _fails(capsys, ["rank", str(path)], "at least one member sheet")
    _stdin(monkeypatch, data)
    assert _fails(capsys, ["rank", "-"], "at least one member sheet") == file_err
    lines = tmp_path / "r.jsonl"
    lines.write_bytes(data + b"\n" + data + b"\n")
    assert main(["rank", "--jsonl", str(lines)]) == 1
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert out[0]["error"]["message"] == "at least one member sheet is needed"
    assert "byte-order mark" in out[1]["error"]["message"]  # only at the start
    from ocop.batch import read_jsonl

    assert next(read_jsonl(str(lines)))["id"] == "x"


def test_stdin_bytes_through_a_real_process(tmp_path: Path) -> None:
    run = [sys.executable, "-m", "ocop", "rank", "-"]
    bad = subprocess.run(run, input=b'{"a": "\xff\xfe"}', capture_output=True, timeout=60)
    assert bad.returncode == 1
    assert bad.stdout == b""
    assert bad.stderr == b"ocop: error: standard input is not UTF-8 text\n"
    bom = b"\xef\xbb\xbf" + json.dumps({**REQUEST, "members": []}).encode()
    done = subprocess.run(run, input=bom, capture_output=True, timeout=60)
    assert done.stderr == b"ocop: error: members: at least one member sheet is needed\n"


# -- JSON Lines --------------------------------------------------------------------------


def _jsonl(data: bytes, **options: object) -> tuple[list[dict[str, object]], str]:
    from ocop.jsonl import rank_jsonl

    out = io.StringIO()
    summary = rank_jsonl(io.BytesIO(data), out, **options)  # type: ignore[arg-type]
    return [json.loads(line) for line in out.getvalue().splitlines()], str(summary)


def test_jsonl_a_lone_surrogate_costs_its_line_only() -> None:
    lines, summary = _jsonl(b'{"member": "A\\ud800"}\n{"id": "y"}\n')
    assert lines[0]["error"]["path"] == "member"  # type: ignore[index]
    assert lines[0]["error"]["value"] == "A\\ud800"  # type: ignore[index]
    assert len(lines) == 2
    assert summary.startswith("0 ranked, 2 failed")


def test_jsonl_a_pretty_printed_document_gets_a_hint() -> None:
    pretty = json.dumps(REQUEST, indent=2).encode()
    lines, summary = _jsonl(pretty)
    assert "JSON document rather than JSON Lines" in lines[0]["error"]["message"]  # type: ignore[index]
    assert "ocop rank FILE" in summary
    _, plain = _jsonl(b"{oops}\n")
    assert "JSON Lines" not in plain


def test_jsonl_an_array_is_not_echoed_whole() -> None:
    array = json.dumps([REQUEST] * 50).encode()
    lines, _ = _jsonl(array + b"\n")
    error = lines[0]["error"]
    assert "JSON array" in error["message"]  # type: ignore[index]
    assert len(error["value"]) <= 201  # type: ignore[index, arg-type]


def test_jsonl_lang_is_checked_first() -> None:
    with pytest.raises(InvalidInput, match="lang is 'en' or 'vi'"):
        _jsonl(json.dumps(REQUEST).encode(), lang="xx")


def test_jsonl_error_ids_are_nfc() -> None:
    lines, _ = _jsonl(json.dumps({**REQUEST, "id": "Cafe\u0301", "members": []}).encode())
    assert lines[0]["id"] == "Caf\u00e9"


def test_jsonl_a_line_beyond_the_bound_fails_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("ocop.jsonl.MAX_LINE", 100)
    long = json.dumps({**REQUEST, "pad": "x" * 500}).encode()
    lines, _ = _jsonl(long + b"\n" + long[:90] + b"\n" + long)
    assert [line["line"] for line in lines] == [1, 2, 3]
    assert "longer than" in lines[0]["error"]["message"]  # type: ignore[index]
    assert "longer than" not in lines[1]["error"]["message"]  # type: ignore[index]
    assert "longer than" in lines[2]["error"]["message"]  # type: ignore[index]


# -- the calendar: advice for the command line ---------------------------------------------


def test_cli_holidays_error_names_options(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "holidays", None)
    argv = ["calendar", "--period", "commune_precheck", "--from", "2040-02-10"]
    err = _fails(capsys, argv, 'pip install "ocop[holidays]"')
    assert "--holiday" in err
    assert "HolidayCalendar" not in err


def test_calendar_period_at_the_end_of_time_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    from ocop.cli import main

    assert main(["calendar", "--period", "rerank", "--from", "9999-12-31"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "after year 9999" in err
