"""Configuration: defaults that work, and a clear error naming the key for bad values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reclaim_i18n.cache import installed_versions
from reclaim_i18n.cli import cli
from reclaim_i18n.config import DEFAULT_LANGUAGES, config_from_table, load_config
from reclaim_i18n.errors import ConfigError
from reclaim_i18n.locales import bcp47_code, gettext_code, language


def test_defaults_make_the_shipped_campaign_work(tmp_path):
    config = config_from_table({}, tmp_path)
    assert config.languages == DEFAULT_LANGUAGES and len(config.languages) == 29
    assert config.po_path("sr-Latn") == tmp_path / "locales/sr@latin/LC_MESSAGES/messages.po"
    assert config.fallback_chain("sr-Latn") == ("en",)


def test_fallback_chain_from_configuration(tmp_path):
    config = config_from_table({"locale": {"lb": {"fallback": ["de"]}}}, tmp_path)
    assert config.fallback_chain("lb") == ("de", "en")


BAD = [
    ({"languages": "de"}, "languages"),
    ({"languages": []}, "languages"),
    ({"languages": ["de", "de"]}, "listed twice"),
    ({"languages": ["../../etc"]}, "languages"),
    ({"languages": ["xx-Yyyy"]}, "languages"),
    ({"languages": ["en"]}, "source language"),
    ({"source-language": 3}, "source-language"),
    ({"locales-dir": "../outside"}, "locales-dir"),
    ({"source-dir": 5}, "source-dir"),
    ({"domain": "../x"}, "domain"),
    ({"publish-threshold": 120}, "publish-threshold"),
    ({"publish-threshold": "high"}, "publish-threshold"),
    ({"site-url": "ftp://x"}, "site-url"),
    ({"allowed-urls": "https://x"}, "allowed-urls"),
    ({"add-location": "sometimes"}, "add-location"),
    ({"colour": "red"}, "unknown key 'colour'"),
    ({"locale": {"lb": {"fallback": ["zz"]}}}, "locale.lb.fallback"),
    ({"locale": {"lb": {"fallback": ["ja"]}}}, "not a configured language"),
    ({"locale": {"qq": {}}}, "locale.qq"),
    ({"locale": {"de": {"speed": 1}}}, "unknown key 'speed'"),
]


@pytest.mark.parametrize("table, words", BAD, ids=[str(b[0]) for b in BAD])
def test_bad_values_name_the_key(tmp_path, table, words):
    with pytest.raises(ConfigError) as info:
        config_from_table(table, tmp_path)
    assert words in str(info.value)


def test_cli_reports_configuration_errors_with_exit_2(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.reclaim-i18n]\nlanguages = ["../../etc"]\n')
    result = CliRunner().invoke(cli, ["--project", str(tmp_path), "extract"])
    assert result.exit_code == 2 and "languages" in result.output
    assert "Traceback" not in result.output


def test_broken_pyproject_is_a_clear_error(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.reclaim-i18n\n")
    result = CliRunner().invoke(cli, ["--project", str(tmp_path), "extract"])
    assert result.exit_code == 2 and "pyproject.toml" in result.output


def test_unknown_locale_on_the_command_line(tmp_path):
    result = CliRunner().invoke(cli, ["--project", str(Path(__file__).parent.parent),
                                      "update", "--locale", "xx"])
    assert result.exit_code == 2 and "configured" in result.output


@pytest.mark.parametrize("bcp47, code", [("sr-Latn", "sr@latin"), ("pt-BR", "pt_BR"),
                                         ("de", "de"), ("sr", "sr")])
def test_bcp47_and_gettext_codes_round_trip(bcp47, code):
    assert gettext_code(bcp47) == code and bcp47_code(code) == bcp47


def test_language_metadata_comes_from_cldr():
    assert language("sr").native_name == "српски"
    assert language("de").direction == "ltr" and language("ar").direction == "rtl"
    assert language("lv").categories[0] == "zero"
    assert language("fr").nplurals == 3


def test_the_shipped_language_table_says_what_babel_says(monkeypatch):
    """The table spares every command babel's CLDR loading; it must answer exactly as
    babel does (for the babel that made it: `make languages` after an upgrade)."""
    from reclaim_i18n import locales

    table = json.loads(locales.TABLE_PATH.read_text(encoding="utf-8"))
    if table["babel"] != installed_versions().get("babel"):
        pytest.skip(f"table made with babel {table['babel']}; run `make languages`")
    codes = sorted(table["languages"])
    assert {"de", "ga", "sr-Latn", "pt-BR", "ar"} <= set(codes)
    for code in [*DEFAULT_LANGUAGES, *codes[::25]]:
        assert locales._from_row(code, table["languages"][code]) == locales._cldr_language(code)
    # another babel, or no table, goes to babel itself
    import reclaim_i18n.cache

    try:
        monkeypatch.setattr(reclaim_i18n.cache, "installed_versions", lambda: {"babel": "1.0"})
        locales._shipped_table.cache_clear()
        assert locales._shipped_table() == {}
        monkeypatch.undo()
        monkeypatch.setattr(locales, "TABLE_PATH", locales.TABLE_PATH.with_name("gone.json"))
        locales._shipped_table.cache_clear()
        locales._KNOWN.clear()
        assert locales._shipped_table() == {}
        assert language("de") == locales._from_row("de", table["languages"]["de"])
    finally:
        locales._shipped_table.cache_clear()
        locales._KNOWN.clear()


def test_version_is_the_installed_distributions():
    from importlib.metadata import version

    from reclaim_i18n import __version__

    result = CliRunner().invoke(cli, ["--version"])
    assert result.output == f"reclaim-i18n, version {__version__}\n"
    assert __version__ == version("reclaim-i18n")


def test_every_command_has_help_with_an_example():
    runner = CliRunner()
    for name in cli.commands:
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example" in result.output, f"{name} --help has no example"


def test_compiled_plural_rules_agree_with_cldr_for_every_language():
    from babel import Locale

    from reclaim_i18n.plurals.expressions import SAMPLES, plural_function

    for code in DEFAULT_LANGUAGES:
        lang = language(code)
        rule, evaluate = Locale.parse(code, sep="-").plural_form, plural_function(lang.plural)
        assert all(lang.categories[evaluate(n)] == rule(n) for n in SAMPLES), code


def test_shipped_configuration_loads():
    config = load_config(Path(__file__).parent.parent)
    assert config.fallback_chain("lb") == ("de", "en")
