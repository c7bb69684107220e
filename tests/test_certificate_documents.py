"""The certificate document: round trips, strict reading with field paths, the CLI's --file."""

from __future__ import annotations

import io
import json
import unicodedata
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocop.certificates import (
    Certificate,
    Event,
    ReRanked,
    ReRankingFiled,
    RevocationGround,
    Revoked,
    Upgraded,
    certificate_rulesets,
    validate_history,
)
from ocop.cli import main
from ocop.errors import InvalidCertificate, InvalidHistory, InvalidInput
from ocop.model import CouncilLevel
from ocop.serialize import certificate_from_dict, certificate_to_dict

D = date
ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "certificate-lam-dong.json"


def lam_dong() -> Certificate:
    return Certificate(
        issued=D(2026, 8, 5),
        ruleset="qd26-2026",
        stars=3,
        product="Cà phê Arabica Cầu Đất",
        producer="HTX Cầu Đất",
        authority="UBND tỉnh Lâm Đồng",
        level=CouncilLevel.PROVINCE,
        decision_number="3981/QĐ-UBND",
    )


BASE: dict[str, Any] = {"issued": "2026-08-05", "ruleset": "qd26-2026", "stars": 3}


# --- Strategies -----------------------------------------------------------------------

TEXT = st.none() | st.text(min_size=1, max_size=12).filter(lambda s: s.strip() != "")


@st.composite
def certificates(draw: st.DrawFn) -> Certificate:
    rs = draw(st.sampled_from(certificate_rulesets()))
    last = rs.in_force_until or D(2035, 12, 31)
    issued = draw(st.dates(min_value=rs.in_force_from, max_value=last))
    stars = draw(st.none() | st.sampled_from([3, 4, 5]))
    levels = sorted(rs.levels[stars]) if stars is not None else sorted(CouncilLevel)
    level = draw(st.none() | st.sampled_from(levels))
    if level is CouncilLevel.DISTRICT and issued >= D(2025, 7, 1):
        level = None  # no district certified anything after 1 July 2025
    stated = draw(st.none() | st.integers(1, 2000).map(lambda n: issued + timedelta(days=n)))
    return Certificate(
        issued=issued,
        ruleset=rs.id,
        stars=stars,
        product=draw(TEXT),
        producer=draw(TEXT),
        product_code=draw(TEXT),
        authority=draw(TEXT),
        level=level,
        decision_number=draw(TEXT),
        stated_valid_until=stated,
    )


def _events(on: date) -> st.SearchStrategy[Event]:
    stars = st.sampled_from([3, 4, 5])
    return st.one_of(
        st.builds(ReRankingFiled, on=st.just(on)),
        st.builds(ReRanked, on=st.just(on), stars=st.none() | stars, decision_number=TEXT),
        st.builds(Upgraded, on=st.just(on), stars=stars, decision_number=TEXT),
        st.builds(
            Revoked,
            on=st.just(on),
            ground=st.none() | st.sampled_from(RevocationGround),
            concluded_on=st.none() | st.integers(0, 30).map(lambda n: on - timedelta(days=n)),
            decision_number=TEXT,
        ),
    )


@st.composite
def histories(draw: st.DrawFn) -> tuple[Certificate, tuple[Event, ...]]:
    """A certificate and a history that can have happened: candidates kept while valid."""
    cert = draw(certificates())
    span = (cert.valid_until - cert.issued).days + 250
    offsets = draw(st.lists(st.integers(-5, span), max_size=6))
    kept: list[Event] = []
    for offset in offsets:
        event = draw(_events(cert.issued + timedelta(days=offset)))
        try:
            validate_history(cert, [*kept, event])
        except InvalidHistory:
            continue
        kept.append(event)
    return cert, tuple(kept)


# --- Round trips ----------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(histories())
def test_round_trip_is_the_identity(history: tuple[Certificate, tuple[Event, ...]]) -> None:
    cert, events = history
    doc = certificate_to_dict(cert, events)
    text = json.dumps(doc, ensure_ascii=False)
    assert certificate_from_dict(json.loads(text)) == (cert, events)
    assert certificate_to_dict(*certificate_from_dict(json.loads(text))) == doc


@settings(max_examples=100, deadline=None)
@given(histories())
def test_documents_validate_against_the_schema(
    history: tuple[Certificate, tuple[Event, ...]],
) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from ocop.schemas import load_schema

    doc = certificate_to_dict(*history)
    jsonschema.Draft202012Validator(load_schema("certificate")).validate(doc)


def test_histories_strategy_reaches_every_kind() -> None:
    # The round trip above must not run on empty histories only.
    seen: set[str] = set()

    @settings(max_examples=300, deadline=None, derandomize=True, database=None)
    @given(histories())
    def collect(history: tuple[Certificate, tuple[Event, ...]]) -> None:
        seen.update(event.kind for event in history[1])

    collect()
    assert seen == {"reranking_filed", "reranked", "upgraded", "revoked"}


def test_document_shape() -> None:
    events = (
        Revoked(
            on=D(2029, 11, 20),
            ground=RevocationGround.DD,
            concluded_on=D(2029, 11, 10),
            decision_number="12/QĐ-UBND",
        ),
        ReRankingFiled(on=D(2029, 5, 1)),
        ReRanked(on=D(2029, 10, 1), stars=None),
    )
    doc = certificate_to_dict(lam_dong(), events)
    assert doc == {
        "issued": "2026-08-05",
        "ruleset": "qd26-2026",
        "stars": 3,
        "product": "Cà phê Arabica Cầu Đất",
        "producer": "HTX Cầu Đất",
        "authority": "UBND tỉnh Lâm Đồng",
        "level": "province",
        "decision_number": "3981/QĐ-UBND",
        "events": [
            {
                "kind": "revoked",
                "on": "2029-11-20",
                "ground": "đ",
                "concluded_on": "2029-11-10",
                "decision_number": "12/QĐ-UBND",
            },
            {"kind": "reranking_filed", "on": "2029-05-01"},
            {"kind": "reranked", "on": "2029-10-01", "stars": None},
        ],
    }
    # Kept in the given order, not sorted by date.
    assert certificate_from_dict(doc)[1] == events


def test_events_may_be_left_out_and_nulls_read_as_absent() -> None:
    assert certificate_from_dict(BASE) == (Certificate(**{**BASE, "issued": D(2026, 8, 5)}), ())
    cert, events = certificate_from_dict({**BASE, "product": None, "level": None, "events": []})
    assert cert.product is None
    assert events == ()
    assert certificate_to_dict(cert) == {**BASE, "events": []}


def test_example_document() -> None:
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    cert, events = certificate_from_dict(doc)
    assert cert == lam_dong()
    assert events == (ReRankingFiled(on=D(2029, 5, 1)),)
    assert certificate_to_dict(cert, events) == doc


def test_text_is_nfc_normalised() -> None:
    nfd = unicodedata.normalize("NFD", "Cà phê Cầu Đất")
    assert nfd != "Cà phê Cầu Đất"
    cert, _ = certificate_from_dict({**BASE, "product": nfd})
    assert cert.product == "Cà phê Cầu Đất"


def test_writer_validates_the_history() -> None:
    with pytest.raises(InvalidHistory, match=r"events\[0\]\.on: reranking_filed on 2026-08-01"):
        certificate_to_dict(lam_dong(), [ReRankingFiled(on=D(2026, 8, 1))])
    with pytest.raises(InvalidHistory, match=r"events\[0\]: not a certificate event"):
        certificate_to_dict(lam_dong(), ["filed"])  # type: ignore[list-item]
    with pytest.raises(TypeError, match=r"certificate_to_dict takes a Certificate, got dict"):
        certificate_to_dict(BASE)  # type: ignore[arg-type]


# --- Strict reading -------------------------------------------------------------------

FILED = {"kind": "reranking_filed", "on": "2029-05-01"}


@pytest.mark.parametrize(
    ("doc", "error", "path", "message"),
    [
        # unknown keys
        ({**BASE, "colour": "red"}, InvalidInput, "colour", "unknown key"),
        ({**BASE, "events": [FILED, {**FILED, "by": "x"}]}, InvalidInput, "events[1].by", "unknown key"),
        ({**BASE, "events": [{"kind": "upgraded", "on": "2027-01-01", "stars": 4, "ground": "a"}]},
         InvalidInput, "events[0].ground", "unknown key; a upgraded event has kind, on, stars"),
        # wrong types
        ({**BASE, "stars": "3"}, InvalidInput, "stars", "expected an integer"),
        ({**BASE, "stars": True}, InvalidInput, "stars", "expected an integer"),
        ({**BASE, "product": 7}, InvalidInput, "product", "expected a string"),
        ({**BASE, "ruleset": None}, InvalidInput, "ruleset", "expected a string"),
        ({**BASE, "level": "commune"}, InvalidInput, "level", "'commune' is not one of"),
        ({**BASE, "events": {"0": FILED}}, InvalidInput, "events", "a list of event objects"),
        ({**BASE, "events": ["reranking_filed"]}, InvalidInput, "events[0]", "a JSON object"),
        ({**BASE, "events": [{"kind": "reranked", "on": "2029-10-01", "stars": "4"}]},
         InvalidInput, "events[0].stars", "expected an integer"),
        ([BASE], InvalidInput, "", "a certificate document is a JSON object"),
        # bad dates
        ({**BASE, "issued": "2026-8-5"}, InvalidInput, "issued", "expected an ISO date"),
        ({**BASE, "issued": "20260805"}, InvalidInput, "issued", "expected an ISO date"),
        ({**BASE, "issued": "2026-W32-3"}, InvalidInput, "issued", "expected an ISO date"),
        ({**BASE, "issued": "2026-02-30"}, InvalidInput, "issued", "expected an ISO date"),
        ({**BASE, "issued": 20260805}, InvalidInput, "issued", "expected an ISO date string"),
        ({**BASE, "stated_valid_until": "2029-08-05T00:00:00"}, InvalidInput,
         "stated_valid_until", "expected an ISO date"),
        ({**BASE, "events": [FILED, {"kind": "reranked", "on": "1 Oct 2029", "stars": None}]},
         InvalidInput, "events[1].on", "expected an ISO date"),
        # event kinds
        ({**BASE, "events": [{"kind": "expired", "on": "2029-08-06"}]}, InvalidInput,
         "events[0].kind", "unknown event kind 'expired'; kinds are upgraded, reranking_filed"),
        ({**BASE, "events": [{"kind": "Revoked", "on": "2029-08-06"}]}, InvalidInput,
         "events[0].kind", "unknown event kind 'Revoked'"),
        ({**BASE, "events": [{"kind": 3, "on": "2029-08-06"}]}, InvalidInput, "events[0].kind",
         "unknown event kind 3"),
        ({**BASE, "events": [{"on": "2029-08-06"}]}, InvalidInput, "events[0].kind",
         "required key 'kind' is missing"),
        # missing keys
        ({"ruleset": "qd26-2026"}, InvalidInput, "issued", "required key 'issued' is missing"),
        ({**BASE, "events": [FILED, {"kind": "reranked", "on": "2029-10-01"}]}, InvalidInput,
         "events[1].stars", "required key 'stars' is missing"),
        # the certificate's own rules
        ({**BASE, "stars": 2}, InvalidCertificate, "stars", "2 stars get no certificate"),
        ({**BASE, "level": "central"}, InvalidCertificate, "level", "issued at level province"),
        ({**BASE, "ruleset": "qd148-2023"}, InvalidCertificate, "issued", "was in force"),
        ({**BASE, "ruleset": "qd2030"}, InvalidCertificate, "ruleset", "unknown rule set"),
        ({**BASE, "authority": "  "}, InvalidCertificate, "authority", "must not be empty"),
        ({**BASE, "stated_valid_until": "2026-08-05"}, InvalidCertificate, "stated_valid_until",
         "must be after the issue date"),
        # the events' own rules and the history's
        ({**BASE, "events": [{"kind": "upgraded", "on": "2027-01-01", "stars": 6}]},
         InvalidHistory, "events[0].stars", "expected 3, 4 or 5 stars"),
        ({**BASE, "events": [{"kind": "revoked", "on": "2027-01-01", "ground": "b",
                              "concluded_on": "2027-02-01"}]},
         InvalidHistory, "events[0].concluded_on", "cannot come after the revocation"),
        ({**BASE, "events": [{"kind": "revoked", "on": "2027-01-01"}]}, InvalidHistory,
         "events[0].ground", "names its ground"),
        ({**BASE, "events": [{"kind": "upgraded", "on": "2027-01-01", "stars": 3}]},
         InvalidHistory, "events[0].stars", "must raise the class above 3 stars"),
        ({**BASE, "events": [
            {"kind": "revoked", "on": "2027-01-01", "ground": "b"},
            FILED,
            {"kind": "reranked", "on": "2029-06-01", "stars": 3},
        ]}, InvalidHistory, "events[1].on", "comes after the certificate was revoked"),
        ({**BASE, "events": [{"kind": "reranked", "on": "2029-06-01", "stars": 3}]},
         InvalidHistory, "events[0].on", "without a re-ranking filed"),
    ],
)  # fmt: skip
def test_strict_errors_name_the_path(
    doc: Any, error: type[InvalidInput], path: str, message: str
) -> None:
    with pytest.raises(error) as info:
        certificate_from_dict(doc)
    assert type(info.value) is error
    assert info.value.path == path
    assert message in info.value.message


# --- Command line ---------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize("as_of", ["2027-01-01", "2029-03-01", "2029-09-01", "2030-03-01"])
def test_cli_file_gives_the_same_status_as_the_options(
    capsys: pytest.CaptureFixture[str], as_of: str
) -> None:
    code, by_file, err = run(
        capsys, "certificate", "status", "--file", str(EXAMPLE), "--as-of", as_of
    )
    assert (code, err) == (0, "")
    code, by_options, _ = run(
        capsys, "certificate", "status", "--issued", "2026-08-05", "--as-of", as_of,
        "--stars", "3", "--ruleset", "qd26-2026", "--filed", "2029-05-01",
    )  # fmt: skip
    assert code == 0
    assert json.loads(by_file) == json.loads(by_options)
    assert "ruleset_note" not in json.loads(by_file)


def test_cli_file_from_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = {**BASE, "events": [{"kind": "revoked", "on": "2026-12-01", "ground": "c"}]}
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(doc)))
    code, out, _ = run(capsys, "certificate", "status", "--file", "-", "--as-of", "2027-01-01")
    assert code == 0
    status = json.loads(out)
    assert status["status"] == "revoked"
    assert status["revocation"] == {"on": "2026-12-01", "ground": "c"}


@pytest.mark.parametrize(
    "extra",
    [["--issued", "2026-08-05"], ["--stars", "4"], ["--filed", "2029-05-01"], ["--ground", "a"]],
)
def test_cli_file_cannot_be_combined_with_the_options(
    capsys: pytest.CaptureFixture[str], extra: list[str]
) -> None:
    argv = ["certificate", "status", "--file", str(EXAMPLE), "--as-of", "2027-01-01", *extra]
    with pytest.raises(SystemExit) as info:
        main(argv)
    out, err = capsys.readouterr()
    assert info.value.code == 2
    assert out == ""
    assert "not allowed with" in err
    assert extra[0] in err


def test_cli_needs_issued_or_file(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["certificate", "status", "--as-of", "2027-01-01"])
    assert info.value.code == 2
    assert "one of the arguments --issued --file is required" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ('{"issued": "2026-08-05", "ruleset": "qd26-2026", "sars": 3}', "sars: unknown key"),
        (
            '{"issued": "2026-08-05", "ruleset": "qd26-2026", '
            '"events": [{"kind": "revoked", "on": "2026-12-01"}]}',
            "events[0].ground: a revocation from 2026-05-22 names its ground",
        ),
        ('{"issued": "2026-08-05", "issued": "2026-08-06"}', "appears twice"),
        ("{", "not valid JSON"),
    ],
)
def test_cli_file_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, doc: str, message: str
) -> None:
    path = tmp_path / "cert.json"
    path.write_text(doc, encoding="utf-8")
    code, out, err = run(
        capsys, "certificate", "status", "--file", str(path), "--as-of", "2027-01-01"
    )
    assert code == 1
    assert out == ""
    assert err.startswith("ocop: error: ")
    assert message in err
    assert err.count("\n") == 1


def test_cli_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    code, _, err = run(
        capsys, "certificate", "status", "--file", str(missing), "--as-of", "2027-01-01"
    )
    assert code == 1
    assert f"cannot read {missing}" in err
