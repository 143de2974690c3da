"""Settings and command-line values are checked before any work: a coded message naming
the allowed range or the valid choices, never an empty result or a late crash."""

from __future__ import annotations

import pytest

from claimledger.cli import app, main
from claimledger.errors import ClaimledgerError
from claimledger.settings import Settings


@pytest.mark.parametrize(("name", "value", "allowed"), [
    ("workers", -3, "between 0 and 1024"),
    ("measure_spread", 7.0, "between 0 and 1"),
    ("executor", "foo", "one of: local, dask"),
    ("documents_per_batch", 0, "between 1 and 100000"),
    ("reuse_threshold", 0.0, "more than 0 and at most 1"),
    ("max_document_mb", -1.0, "more than 0"),
    ("max_html_depth", 1000, "between 16 and 255"),
])
def test_a_setting_out_of_its_range_is_refused_with_the_range(tmp_path, name, value, allowed):
    with pytest.raises(ClaimledgerError) as raised:
        Settings.load(None, **{name: value})
    assert raised.value.code == "E209"
    assert raised.value.reason == (f"setting '{name}' must be {allowed}, got {value!r} "
                                   "(from command line)")
    config = tmp_path / "claimledger.toml"
    config.write_text(f"{name} = {value!r}\n".replace("'", '"'))
    with pytest.raises(ClaimledgerError, match=f"E209.*from {config}"):
        Settings.load(config)
    with pytest.raises(ClaimledgerError, match="E209"):
        Settings(**{name: value})


def test_values_at_the_ends_of_a_range_are_accepted():
    settings = Settings.load(None, workers=0, measure_spread=1.0, documents_per_batch=1,
                             executor="dask")
    assert (settings.workers, settings.measure_spread, settings.executor) == (0, 1.0, "dask")


def test_the_cli_refuses_bad_build_options_with_a_coded_message(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("sys.argv", ["claimledger", "build", str(tmp_path), "--workers", "-3",
                                     "--db", str(tmp_path / "ledger.db")])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 1
    err = " ".join(capsys.readouterr().err.split())
    assert "[E209] setting 'workers' must be between 0 and 1024, got -3" in err
    assert not (tmp_path / "ledger.db").exists()


@pytest.mark.parametrize(("command", "option", "value", "listed"), [
    ("claims", "--status", "denid", "asserted, reported, claimed, confirmed, estimated, "
                                    "speculative, denied"),
    ("measures", "--flag", "foo", "agreement, disagreement, revision, denied, single-origin"),
])
def test_a_filter_value_that_does_not_exist_is_refused_with_the_choices(
        runner, demo_db, command, option, value, listed):
    result = runner.invoke(app, [command, "--db", str(demo_db), option, value])
    assert result.exit_code == 2
    message = " ".join(result.output.replace("│", " ").split())
    assert f"'{value}' is not one of: {listed}" in message


def test_a_valid_filter_value_still_lists(runner, demo_db):
    result = runner.invoke(app, ["claims", "--db", str(demo_db), "--status", "denied"])
    assert result.exit_code == 0 and "denied" in result.output
