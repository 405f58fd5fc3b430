"""A published language disappears only when an organiser decides so (issue 15).

A broken catalogue keeps the last good build (stale); English that grows does not
unpublish a language above its unpublish threshold; every change of publication is
printed, recorded in the manifest and shown in the report.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from reclaim_i18n import publication as pub
from reclaim_i18n.cli import cli
from reclaim_i18n.config import config_from_table
from reclaim_i18n.errors import ConfigError

GERMAN_PO = "locales/de/LC_MESSAGES/messages.po"


# ----------------------------------------------------------------------------- helpers

def run(project: Path, *args: str):
    return CliRunner().invoke(cli, ["--project", str(project), *args])


def manifest(project: Path) -> dict:
    return json.loads((project / "build/bundles/manifest.json").read_text("utf-8"))


def files_of(project: Path, code: str) -> dict[str, bytes]:
    """Every artefact the manifest lists for ``code`` (site pages included), as bytes."""
    rels = manifest(project)["locales"][code]["files"]
    return {rel: (project / "build" / rel).read_bytes() for rel in rels}


def break_german(project: Path) -> int:
    """One unescaped quote in the German catalogue; returns its line number."""
    po = project / GERMAN_PO
    lines = po.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(i for i, text in enumerate(lines) if text.startswith("msgstr ") and i > 20)
    lines[line] = 'msgstr "an "unescaped" quote"\n'
    po.write_text("".join(lines), encoding="utf-8")
    return line + 1


def add_english_page(project: Path, sections: int = 40) -> None:
    """A new page of English: every language's share of translated words shrinks."""
    words = " ".join(f"word{i}" for i in range(12))
    body = "".join(f'  - id: s{i}\n    heading: "Heading {i} about surveillance"\n'
                   f'    body: "{words} sentence {i} of the news about biometric mass '
                   f'surveillance in public spaces."\n' for i in range(sections))
    (project / "source_content/pages/news.yaml").write_text(
        f"page: news\ntitle: News\ndescription: The latest news.\nsections:\n{body}",
        encoding="utf-8")


def configure(project: Path, old: str, new: str) -> None:
    path = project / "pyproject.toml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def publication_of(project: Path, code: str) -> dict:
    return manifest(project)["locales"][code]["publication"]


def words_percent(project: Path, code: str) -> float:
    return manifest(project)["locales"][code]["completeness"]["words"]["percent"]


# -------------------------------------------------------------- a broken catalogue

def test_a_broken_catalogue_keeps_every_german_artefact_published(project):
    assert run(project, "build").exit_code == 0
    before = files_of(project, "de")
    assert {"bundles/de.json", "i18next/de.json", "hugo/i18n/de.yaml",
            "locale/de/LC_MESSAGES/messages.mo", "site/de/index.html"} <= set(before)
    line = break_german(project)

    result = run(project, "build")
    assert result.exit_code == 1
    (failure,) = [text for text in result.output.splitlines() if "FAILED" in text]
    assert failure.startswith(f"de       FAILED  {GERMAN_PO}:{line}: ")
    assert failure.endswith("; the previous version stays published")
    assert files_of(project, "de") == before                            # byte-identical
    data = manifest(project)
    de = data["locales"]["de"]
    assert (de["status"], de["stale"], de["published"]) == ("error", True, True)
    assert de["error"].startswith(f"{GERMAN_PO}:{line}: ") and "hint:" in de["error"]
    assert de["publication"]["state"] == "stale"
    assert "de" in data["published"] and data["stale"] == ["de"] == data["failed"]
    switcher = (project / "build/site/fr/index.html").read_text("utf-8")
    assert 'hreflang="de"' in switcher                                 # still offered


def test_all_names_the_broken_catalogue_and_keeps_the_previous_version(project):
    assert run(project, "all").exit_code == 0
    before = files_of(project, "de")
    line = break_german(project)
    result = run(project, "all")
    assert result.exit_code == 1
    assert "29 catalogues, 0 changed, 1 failed: de" in result.output      # not a silent 0
    assert (f"  de: {GERMAN_PO}:{line}: " in result.output
            and "; the previous version stays published" in result.output)
    assert files_of(project, "de") == before
    report = json.loads((project / "build/reports/report.json").read_text("utf-8"))
    (row,) = [r for r in report["locales"] if r["locale"] == "de"]
    assert row["published"] is True and row["publication"]["state"] == "stale"
    assert row["error"].startswith(f"{GERMAN_PO}:{line}: ")


def test_a_broken_catalogue_with_no_earlier_build_is_not_built(project):
    break_german(project)
    result = run(project, "build")
    assert result.exit_code == 1
    assert "FAILED" in result.output and "previous version" not in result.output
    de = manifest(project)["locales"]["de"]
    assert (de["published"], de["stale"], de["files"]) == (False, False, {})
    assert not (project / "build/site/de").exists()
    assert not (project / "build/bundles/de.json").exists()


def test_a_repaired_catalogue_is_built_again(project):
    po = project / GERMAN_PO
    good = po.read_bytes()
    run(project, "build")
    break_german(project)
    run(project, "build")
    po.write_bytes(good)
    result = run(project, "build")
    assert result.exit_code == 0, result.output
    de = manifest(project)["locales"]["de"]
    assert (de["status"], de["stale"], de["publication"]["state"]) == ("ok", False, "published")


# ----------------------------------------------------------- the English grows

def test_new_english_keeps_published_languages_published_with_fallbacks(project):
    assert run(project, "all").exit_code == 0
    assert publication_of(project, "cs")["state"] == "published"
    add_english_page(project)
    result = run(project, "all")
    assert result.exit_code == 0, result.output
    assert 30 <= words_percent(project, "cs") < 60                      # below the threshold
    cs = publication_of(project, "cs")
    assert cs["state"] == "kept" and "new texts fall back" in cs["reason"]
    assert f"  cs: stays published ({cs['reason']})" in result.output
    assert "cs" in manifest(project)["published"]
    assert (project / "build/site/cs/index.html").is_file()           # shared links work
    assert (project / "build/site/cs/news/index.html").is_file()
    fell_back = json.loads((project / "build/bundles/cs.json").read_text("utf-8"))["fallbacks"]
    assert fell_back["pages"]["news/s0/body"] == "en"
    report = json.loads((project / "build/reports/report.json").read_text("utf-8"))
    (row,) = [r for r in report["locales"] if r["locale"] == "cs"]
    assert (row["published"], row["publication"]) == (True, cs)
    text = run(project, "report").output
    assert f"cs: kept: {cs['reason']}" in text


def test_below_the_unpublish_threshold_a_language_is_unpublished_and_said_so(project):
    configure(project, "[tool.reclaim-i18n.locale.lb]",
              '[tool.reclaim-i18n.locale.pt]\nunpublish-threshold = 50\n\n'
              '[tool.reclaim-i18n.locale.lb]')
    assert run(project, "build").exit_code == 0
    assert (project / "build/site/pt/index.html").is_file()
    add_english_page(project)
    run(project, "extract")
    run(project, "update")
    result = run(project, "build")
    shown = words_percent(project, "pt")
    assert shown < 50
    assert f"pt: unpublished: {shown} % < 50 %" in result.output
    assert "pt: stays published" not in result.output
    assert not (project / "build/site/pt").exists()
    assert "pt" not in manifest(project)["published"]
    assert publication_of(project, "pt") == {"state": "unpublished",
                                             "reason": f"{shown} % < 50 %"}

    out = project / "build"
    stamps = {p: os.stat(p).st_mtime_ns for p in out.rglob("*") if p.is_file()}
    again = run(project, "build")                                      # nothing changed:
    assert "pt: " not in again.output and ": stays published (" not in again.output
    assert {p: os.stat(p).st_mtime_ns for p in out.rglob("*") if p.is_file()} == stamps


def test_reaching_the_threshold_is_announced(project):
    run(project, "build")
    assert publication_of(project, "sv")["state"] == "not-published"
    configure(project, "[tool.reclaim-i18n.locale.lb]",
              '[tool.reclaim-i18n.locale.sv]\npublish-threshold = 20\n\n'
              '[tool.reclaim-i18n.locale.lb]')
    result = run(project, "build")
    shown = words_percent(project, "sv")
    assert f"sv: now published ({shown} % ≥ 20 %)" in result.output
    assert (project / "build/site/sv/index.html").is_file()


def test_an_organiser_removing_a_language_removes_its_artefacts(project):
    run(project, "build")
    assert (project / "build/site/cs/index.html").is_file()
    configure(project, '"bg", "cs", "da"', '"bg", "da"')
    result = run(project, "build")
    assert result.exit_code == 0, result.output
    assert "cs: unpublished: no longer in languages" in result.output
    assert "cs" not in manifest(project)["locales"]
    leftovers = [p for p in (project / "build").rglob("*") if p.is_file() and (
        "/cs/" in p.as_posix() or p.name.startswith("cs."))]
    assert leftovers == []
    assert 'hreflang="cs"' not in (project / "build/site/de/index.html").read_text("utf-8")


def test_a_fresh_build_folder_starts_from_the_publish_threshold(project):
    run(project, "build")
    add_english_page(project)
    run(project, "extract")
    run(project, "update")
    assert publication_of(project, "cs")["state"] == "published"
    for path in sorted((project / "build").rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    result = run(project, "build")
    assert publication_of(project, "cs")["state"] == "not-published"
    assert "now published" not in result.output                          # nothing to compare


# ------------------------------------------------------------------------ the rule

RULE = [  # (words done of 1000, threshold, unpublish threshold, before) -> state
    (600, 60, 30, None, "published"),
    (599, 60, 30, None, "not-published"),
    (599, 60, 30, "published", "kept"),
    (300, 60, 30, "kept", "kept"),
    (299, 60, 30, "kept", "unpublished"),
    (299, 60, 30, "stale", "unpublished"),
    (450, 60, 30, "unpublished", "unpublished"),   # back only at the publish threshold
    (600, 60, 30, "unpublished", "published"),
    (100, 0, 0, None, "published"),
    (0, 60, 30, "not-published", "not-published"),
]


@pytest.mark.parametrize("done, threshold, unpublish, before, state", RULE)
def test_the_publication_rule(done, threshold, unpublish, before, state):
    decided = pub.decide(done, 1000, threshold, unpublish, before)
    assert decided.state == state
    assert decided.published is (state in ("published", "kept"))
    # a fixed point: deciding again from the state just decided changes nothing
    assert pub.decide(done, 1000, threshold, unpublish, decided.state) == decided


CHANGES = [
    ("not-published", pub.Publication("published", "61.2 % ≥ 60 %"),
     "cs: now published (61.2 % ≥ 60 %)"),
    ("published", pub.Publication("kept", "38.0 % < 60 %; …"),
     "pt: stays published (38.0 % < 60 %; …)"),
    ("kept", pub.Publication("unpublished", "25.0 % < 30 %"), "sv: unpublished: 25.0 % < 30 %"),
    ("published", None, "de: unpublished: no longer in languages"),
    ("not-published", None, None),
    ("kept", pub.Publication("kept", "40.0 % < 60 %; …"), None),
    ("published", pub.Publication("published", "80.0 % ≥ 60 %"), None),
]


@pytest.mark.parametrize("before, after, line", CHANGES)
def test_each_change_of_publication_has_one_line(before, after, line):
    code = line.split(":")[0] if line else "xx"
    assert pub.change_line(code, before, after) == line


# --------------------------------------------------------------------- configuration

UNPUBLISH = [  # (table, unpublish threshold of de, or the words of the error)
    ({}, 30.0),
    ({"publish-threshold": 80}, 40.0),
    ({"unpublish-threshold": 10}, 10.0),
    ({"locale": {"de": {"publish-threshold": 50}}}, 25.0),
    ({"locale": {"de": {"unpublish-threshold": 5}}}, 5.0),
    ({"unpublish-threshold": 70}, "unpublish-threshold = 70 is above"),
    ({"unpublish-threshold": "low"}, "unpublish-threshold must be a number"),
    ({"unpublish-threshold": 30, "locale": {"de": {"publish-threshold": 20}}},
     "unpublish-threshold = 30 is above the publish threshold (20)"),
    ({"locale": {"de": {"unpublish-threshold": 61}}}, "locale.de.unpublish-threshold = 61"),
    ({"locale": {"de": {"unpublish-threshold": -1}}}, "locale.de.unpublish-threshold must"),
]


@pytest.mark.parametrize("table, expected", UNPUBLISH, ids=[str(u[0]) for u in UNPUBLISH])
def test_the_unpublish_threshold_is_configured_and_checked(tmp_path, table, expected):
    table = {"languages": ["de", "fr"], **table}
    if isinstance(expected, float):
        assert config_from_table(table, tmp_path).unpublish_below("de") == expected
    else:
        with pytest.raises(ConfigError) as info:
            config_from_table(table, tmp_path)
        assert expected in str(info.value)
