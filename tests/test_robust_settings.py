"""Settings and command-line values are checked before any work: a coded message naming
the allowed range or the valid choices, never an empty result or a late crash."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest

from claimledger.cli import app, main
from claimledger.errors import ClaimledgerError
from claimledger.settings import Settings, setting_infos, settings_toml


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


# --- settings are the one source of build's options, the settings file and the docs ----------
def _build_options() -> dict:
    import typer.main

    command = typer.main.get_command(app).commands["build"]
    return {param.name: param for param in command.params}


@pytest.mark.parametrize("info", setting_infos(), ids=lambda info: info.name)
def test_every_setting_is_a_build_option_with_its_help_and_default(info):
    option = _build_options().get(info.name)
    assert option is not None, f"--{info.name.replace('_', '-')} is not a build option"
    assert option.opts == ["--" + info.name.replace("_", "-")] and option.default is None
    default = f"'{info.default}'" if isinstance(info.default, str) else str(info.default)
    assert info.help in option.help and f"(default {default}" in option.help
    assert info.allowed is None or info.allowed in option.help


def _out_of_range(info):
    allowed = {k: v for k, v in info.metadata.items() if k != "help" and v is not None}
    if "choices" in allowed:
        return "no-such-choice"
    if "high" in allowed:
        return allowed["high"] * 2 + 1
    if "low" in allowed:
        return allowed["low"] - 1
    return allowed["above"] - 1 if "above" in allowed else None


RANGED = [f for f in fields(Settings) if _out_of_range(f) is not None]


@pytest.mark.parametrize("item", RANGED, ids=lambda item: item.name)
def test_every_build_option_is_checked_by_its_setting(item, tmp_path, capsys, monkeypatch):
    value = _out_of_range(item)
    monkeypatch.setattr("sys.argv", ["claimledger", "build", str(tmp_path), "--db",
                                     str(tmp_path / "ledger.db"),
                                     "--" + item.name.replace("_", "-"), str(value)])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 1
    err = " ".join(capsys.readouterr().err.split())
    assert f"[E209] setting '{item.name}' must be" in err and "(from command line)" in err


def test_every_setting_is_in_the_readme_table():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Settings", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    named = {name for row in rows for name in re.findall(r"`(\w+)`", row.split("|")[1])}
    assert [info.name for info in setting_infos() if info.name not in named] == []


def test_the_settings_file_template_reads_back(tmp_path):
    template = settings_toml()
    entries = [line[2:] for line in template.splitlines() if re.match(r"# \w+ = ", line)]
    assert [entry.split(" = ")[0] for entry in entries] == [i.name for i in setting_infos()]
    config = tmp_path / "claimledger.toml"
    config.write_text("\n".join(entries) + "\n")
    assert Settings.load(config) == Settings()  # every default, written and read back
    config.write_text("workers = 3\nexecutor = \"dask\"\n")
    changed = settings_toml(Settings.load(config))
    assert "\nworkers = 3\n" in changed and '\nexecutor = "dask"\n' in changed
    assert "\n# batch_size = 256\n" in changed


def test_demo_honours_config(tmp_path, capsys, monkeypatch):
    config = tmp_path / "demo.toml"
    config.write_text("max_html_depth = 1000\n")
    monkeypatch.setattr("sys.argv", ["claimledger", "demo", "--db", str(tmp_path / "d.db"),
                                     "--config", str(config), "-o", str(tmp_path / "d.html")])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 1
    assert "[E209] setting 'max_html_depth'" in " ".join(capsys.readouterr().err.split())
    assert not (tmp_path / "d.html").exists()
