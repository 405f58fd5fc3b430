"""``reclaim-i18n report``: every format, the CI gate, page breakdown, compare, badges."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from reclaim_i18n.cli import cli
from reclaim_i18n.config import load_config
from reclaim_i18n.model import Counts
from reclaim_i18n.pofile import read_po, write_po
from reclaim_i18n.report import render
from reclaim_i18n.report.model import report_dict
from reclaim_i18n.report.render_svg import COLOURS, colour_for, render_svg, text_width
from reclaim_i18n.report.runner import build_report, failing_rows, write_reports

MAIN = Path(__file__).resolve().parents[1]


def make_project(root: Path, codes=("de", "fr", "pl")) -> Path:
    """A copy of the campaign with our own catalogues (the shipped ones change)."""
    from reclaim_i18n.update import run_update

    shutil.copy(MAIN / "pyproject.toml", root / "pyproject.toml")
    shutil.copytree(MAIN / "source_content", root / "source_content")
    (root / "locales").mkdir()
    shutil.copy(MAIN / "locales" / "messages.pot", root / "locales" / "messages.pot")
    run_update(load_config(root), codes)
    return root


def translate(root: Path, code: str, state) -> None:
    """Fill the catalogue of ``code``: ``state(msg)`` → "done", "fuzzy" or None (leave)."""
    config = load_config(root)
    catalog = read_po(config.po_path(code))
    for msg in catalog.active:
        what = state(msg)
        if what is None:
            continue
        text = f"[{code}] {msg.msgid}"
        if msg.is_plural:
            msg.msgstr_plural = [text] * len(msg.msgstr_plural)
        else:
            msg.msgstr = text
        msg.set_fuzzy(what == "fuzzy")
    write_po(catalog)


def page(msg) -> str:
    return (msg.msgctxt or "site").split("/")[0]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("campaign"))
    translate(root, "fr", lambda m: "done")
    site = [m.key for m in read_po(load_config(root).pot_path).messages if page(m) == "site"]
    translate(root, "de", lambda m: {"home": "done", "partners": None}.get(
        page(m), "fuzzy" if m.key in site[:2] else "done"))
    return root


@pytest.fixture(scope="module")
def report(project):
    return build_report(load_config(project), ("de", "fr", "pl"))


def rows(report):
    return {r.code: r for r in report.rows}


# ------------------------------------------------------------------------- the numbers


def test_page_breakdown_shows_home_done_and_partners_not(report):
    de = rows(report)["de"].stats
    assert de.pages["home"][1].percent == 100.0
    assert de.pages["partners"][1].percent == 0.0
    assert de.pages["site"][0].fuzzy == 2
    assert list(report.pages) == ["home", "partners", "site"]
    assert "home/hero" in report.sections and report.sections.index("home/hero") < \
        report.sections.index("partners/join")


def test_totals_follow_the_template(project, report):
    template = read_po(load_config(project).pot_path)
    for row in report.rows:
        assert row.stats.messages.total == len(template.messages)
    fr, pl = rows(report)["fr"], rows(report)["pl"]
    assert (fr.percent("words"), fr.published) == (100.0, True)
    assert (pl.percent("words"), pl.published, pl.stats.messages.untranslated) == (
        0.0, False, len(template.messages))


def test_missing_and_broken_catalogues_are_reported_not_fatal(tmp_path):
    root = make_project(tmp_path, ("de", "fr"))
    translate(root, "fr", lambda m: "done")
    config = load_config(root)
    config.po_path("de").write_text('msgid "a"\nmsgstr "b"\nmsgstr "c"\n', encoding="utf-8")
    result = rows(build_report(config, ("de", "fr", "it")))
    assert result["de"].error.one_line().startswith("locales/de/LC_MESSAGES/messages.po:3: ")
    assert not result["de"].published and result["fr"].published
    assert result["it"].missing and result["it"].stats.words.percent == 0.0
    run = CliRunner().invoke(cli, ["--project", str(root), "report", "-l", "de", "-l", "fr"])
    assert run.exit_code == 1 and "fr" in run.output


# ------------------------------------------------------------------------------ formats


def test_text_is_an_aligned_table_sorted_by_completeness(report):
    from unicode_segmentation_rs import text_width as width

    text = render(report, "text")
    lines = text.splitlines()
    table = lines[: 2 + len(report.rows)]
    assert [line.split()[1] for line in table[2:]] == ["fr", "de", "pl"]
    starts = {width(line[: line.index(f" {code} ") + 1]) for line, code in
              zip(table[2:], ("fr", "de", "pl"))}
    assert len(starts) == 1 and width(table[0][: table[0].index("Code")]) in starts
    bars = {width(line[: min(i for i in (line.find("█"), line.find("░")) if i >= 0)])
            for line in table[2:]}
    assert bars == {width(table[0][: table[0].index("Progress")])}  # the bars line up
    assert "\x1b[" not in text and "█" * 20 in text
    assert "\x1b[" in render(report, "text", colour=True)


def test_cli_text_respects_no_color(project):
    run = CliRunner().invoke(cli, ["--project", str(project), "report", "-l", "fr"],
                             env={"NO_COLOR": "1"})
    assert run.exit_code == 0 and "\x1b[" not in run.output and "français" in run.output


def test_json_schema(report):
    doc = json.loads(render(report, "json"))
    assert doc["schema"] == 1
    assert set(doc["generated_from"]) == {"template", "pot_creation_date", "inputs_sha256"}
    assert set(doc["overall"]) == {"locales", "published", "messages", "words", "percent"}
    de = next(item for item in doc["locales"] if item["locale"] == "de")
    for part in ("messages", "words"):
        assert set(de[part]) == {"total", "translated", "fuzzy", "untranslated", "obsolete",
                                 "unchanged", "approved", "needs_fixing"}
    assert set(de["percent"]) == {"messages", "words"}
    assert set(de) >= {"locale", "native_name", "file", "findings", "published", "pages",
                       "sections", "revision_date", "publish_threshold", "change", "error"}
    assert de["pages"]["home"]["percent"]["words"] == 100.0
    assert de["pages"]["partners"]["messages"]["untranslated"] > 0
    assert de["findings"] is None   # counted with --checks only


def test_finding_counts_come_with_checks_and_agree_with_check(tmp_path):
    from reclaim_i18n.checks import check_catalog, load_glossary

    project = make_project(tmp_path, ("de",))
    translate(project, "de", lambda msg: "done")
    config = load_config(project)
    catalog = read_po(config.po_path("de"))
    catalog.active[0].msgstr = "Kaputt {oops} <script>x</script>"   # an error for sure
    write_po(catalog)
    args = ["--project", str(project), "report", "--locale", "de"]
    plain = CliRunner().invoke(cli, [*args, "--format", "json"])
    checked = CliRunner().invoke(cli, [*args, "--format", "json", "--checks"])
    found = check_catalog(read_po(config.po_path("de")), "de", config,
                          load_glossary(config.source_dir))
    errors = sum(f.severity.value == "error" for f in found)
    assert json.loads(plain.output)["locales"][0]["findings"] is None
    assert json.loads(checked.output)["locales"][0]["findings"] == {
        "error": errors, "warning": len(found) - errors, "silenced": 0} and errors > 0
    text = CliRunner().invoke(cli, [*args], env={"NO_COLOR": "1"}).output
    assert "–" in text.splitlines()[2]   # the Errors column says "not counted"


def test_json_is_deterministic_and_hashes_its_inputs(tmp_path):
    root = make_project(tmp_path, ("de",))
    config = load_config(root)
    first = render(build_report(config, ("de",)), "json")
    assert first == render(build_report(config, ("de",)), "json")
    translate(root, "de", lambda m: "done")
    second = json.loads(render(build_report(config, ("de",)), "json"))
    assert second["generated_from"]["inputs_sha256"] != \
        json.loads(first)["generated_from"]["inputs_sha256"]
    template = read_po(config.pot_path)
    assert second["generated_from"]["pot_creation_date"] == \
        template.header_value("POT-Creation-Date")


def test_json_written_a_locale_at_a_time_is_the_whole_document(project, report, tmp_path):
    def whole(r):
        return json.dumps(report_dict(r), ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    assert render(report, "json") == whole(report)
    # no locales; a --compare report's own nested "locales"; escapes in strings
    odd = replace(report, rows=report.rows[:1], compared_with={
        "locales": [], "template": 'a "q"\nb\\', "nested": {"locales": [{"x": []}]}})
    for r in (odd, replace(odd, rows=())):
        assert render(r, "json") == whole(r)
    out = tmp_path / "report.json"
    run = CliRunner().invoke(cli, ["--project", str(project), "report", "--format", "json",
                                   "--out", str(out), "-l", "de", "-l", "fr", "-l", "pl"])
    printed = CliRunner().invoke(cli, ["--project", str(project), "report", "--format",
                                       "json", "-l", "de", "-l", "fr", "-l", "pl"])
    assert out.read_bytes() == whole(report).encode("utf-8") == printed.stdout_bytes
    assert run.exit_code == printed.exit_code
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left
    # rows whose bulk a worker already wrote as JSON give the same document, --compare too
    config = load_config(project)
    for compare in (None, out):
        kwargs = {"locales": ("de", "fr", "pl"), "compare": compare}
        ready = build_report(config, json_ready=True, **kwargs)
        assert ready.rows[0].breakdowns_json is not None
        assert render(ready, "json") == whole(build_report(config, **kwargs))


def test_markdown_table(report):
    lines = render(report, "markdown").splitlines()
    assert lines[0].startswith("| Language | Code |") and "home (words)" in lines[0]
    assert set(lines[1].replace("|", "").split()) <= {"---", "---:"}
    body = lines[2: 2 + len(report.rows)]
    assert [line.split("|")[2].strip() for line in body] == ["`fr`", "`de`", "`pl`"]
    assert len({line.count("|") for line in lines[:2] + body}) == 1


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls, self.tables, self.scripts = [], [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.urls += [attrs[a] for a in ("src", "href") if attrs.get(a)]
        if tag == "table":
            self.tables.append(attrs.get("id"))
        self.scripts += tag == "script" and "src" in attrs


def test_html_is_self_contained_with_table_and_heat_map(report):
    html = render(report, "html")
    parser = Links()
    parser.feed(html)
    assert {"language-table", "page-heatmap"} <= set(parser.tables)
    assert parser.scripts == 0 and "<link" not in html and "@import" not in html
    for url in parser.urls:
        assert not url.startswith(("http:", "//")) and (
            not url.startswith("https:") or url.startswith(report.site_url)), url
    assert "Content-Security-Policy" in html and 'name="viewport"' in html
    assert "#1e0643" in html and "#ffe600" in html  # the campaign's purple and yellow


def test_html_escapes_what_it_shows(report):
    evil = replace(report, pages=("<script>alert(1)</script>",))
    html = render(evil, "html")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


def test_markdown_escapes_page_names_in_its_header(report):
    """A page name comes from a catalogue's msgctxt, which anyone can write."""
    evil = replace(report, pages=("<img src=x onerror=alert(1)>|x",))
    lines = render(evil, "markdown").splitlines()
    assert "<img" not in "\n".join(lines)
    columns = lines[1].count("|")
    assert lines[0].count("|") - lines[0].count("\\|") == columns


# ---------------------------------------------------------------------------- badges


@pytest.mark.parametrize("pct,threshold,colour", [
    (100.0, 60, "complete"), (99.9, 60, "published"), (60.0, 60, "published"),
    (59.9, 60, "progress"), (30.0, 60, "progress"), (29.9, 60, "low"), (0.0, 60, "low"),
])
def test_badge_colour_by_threshold(pct, threshold, colour):
    assert colour_for(pct, threshold) == COLOURS[colour]


def test_svg_badges_are_well_formed_two_part(report):
    badges = render_svg(report, 60.0)
    assert set(badges) == {"overall.svg", "de.svg", "fr.svg", "pl.svg"}
    ns = {"s": "http://www.w3.org/2000/svg"}
    for svg in badges.values():
        root = ET.fromstring(svg)
        rects = root.findall("s:g/s:rect", ns)
        texts = [t.text for t in root.findall("s:g/s:text", ns)]
        assert int(rects[0].get("width")) + int(rects[1].get("width")) == int(root.get("width"))
        assert int(rects[0].get("width")) == round(text_width(texts[0])) + 10
    overall = ET.fromstring(badges["overall.svg"])
    assert "translated" in overall.get("aria-label") and "%" in overall.get("aria-label")
    assert COLOURS["complete"] in badges["fr.svg"] and COLOURS["low"] in badges["pl.svg"]


def test_svg_cli_writes_badges_to_folder(project, tmp_path):
    out = tmp_path / "badges"
    run = CliRunner().invoke(cli, ["--project", str(project), "report", "--format", "svg",
                                   "--out", str(out), "-l", "de", "-l", "fr"])
    assert run.exit_code == 0, run.output
    assert sorted(p.name for p in out.iterdir()) == ["de.svg", "fr.svg", "overall.svg"]


# ------------------------------------------------------------------------------- gate


@pytest.mark.parametrize("args,code,named", [
    (["--fail-under", "95", "-l", "fr"], 0, []),
    (["--fail-under", "95", "-l", "de", "-l", "fr"], 1, ["de"]),
    (["--fail-under", "95", "-l", "de", "-l", "fr", "-l", "pl"], 1, ["de", "pl"]),
    (["--fail-under", "90", "-l", "de", "-l", "fr"], 0, []),
    (["--fail-under", "90", "-l", "de", "--by", "messages"], 1, ["de"]),
    (["--fail-under", "0", "-l", "pl"], 0, []),
    (["--fail-under", "101"], 2, []),
    ([], 0, []),
])
def test_fail_under_exit_codes(project, args, code, named):
    run = CliRunner().invoke(cli, ["--project", str(project), "report", *args])
    assert run.exit_code == code, run.output
    assert ("under the threshold" in run.output) == bool(named)
    if named:
        gate = run.output.strip().splitlines()[-1]
        assert gate.startswith("under the threshold")
        assert [part.split()[0] for part in gate.split(": ", 1)[1].split(", ")] == named


def test_fail_under_from_configuration(tmp_path):
    root = make_project(tmp_path, ("de", "fr"))
    translate(root, "de", lambda m: "done" if page(m) == "home" else None)
    translate(root, "fr", lambda m: "done")
    pyproject = root / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(text.replace('publish-threshold = 60\n',
                                      'publish-threshold = 60\nfail-under = 90\n', 1)
                         + '\n[tool.reclaim-i18n.locale.de]\nfail-under = 20\n', encoding="utf-8")
    config = load_config(root)
    report = build_report(config, ("de", "fr", "pl"))
    assert [(r.code, limit) for r, limit in failing_rows(report)] == [("pl", 90.0)]
    strict = build_report(config, ("de",), fail_under=99)
    assert failing_rows(strict) == []  # the language's own fail-under wins
    run = CliRunner().invoke(cli, ["--project", str(root), "report", "-l", "de", "-l", "fr"])
    assert run.exit_code == 0, run.output
    run = CliRunner().invoke(cli, ["--project", str(root), "report"])
    assert run.exit_code == 1  # every language without a catalogue is under 90%
    assert "pl 0.0% (needs 90%)" in run.output and " de " not in run.output.splitlines()[-1]


# ----------------------------------------------------------------------------- compare


def test_compare_adds_the_change_since_an_old_report(tmp_path):
    root = make_project(tmp_path, ("de", "fr"))
    translate(root, "de", lambda m: "done" if page(m) == "home" else None)
    old = tmp_path / "old.json"
    run = CliRunner().invoke(cli, ["--project", str(root), "report", "--format", "json",
                                   "--out", str(old), "-l", "de"])
    assert run.exit_code == 0, run.output
    before = read_po(load_config(root).po_path("de"))
    partners = [m for m in before.active if page(m) == "partners"]
    new_words = sum(len(m.msgid.split()) for m in partners[:3])
    targets = {m.key for m in partners[:3]}
    fuzzies = {m.key for m in partners[3:5]}
    translate(root, "de", lambda m: "done" if m.key in targets else
              "fuzzy" if m.key in fuzzies else None)
    report = build_report(load_config(root), ("de", "fr"), compare=old)
    de, fr = rows(report)["de"], rows(report)["fr"]
    assert (de.change.words_translated, de.change.messages_translated, de.change.fuzzy) == (
        new_words, 3, 2)
    assert fr.change is None and fr.new_in_compare
    doc = json.loads(render(report, "json"))
    assert next(x for x in doc["locales"] if x["locale"] == "de")["change"]["fuzzy"] == 2
    assert f"+{new_words} words" in render(report, "text")
    assert "Change" in render(report, "markdown").splitlines()[0]


@pytest.mark.parametrize("content", ["not json", '{"schema": 99, "locales": []}',
                                     '{"schema": 1, "locales": [{"locale": "de"}]}'])
def test_compare_with_a_bad_file_is_a_clear_error(project, tmp_path, content):
    bad = tmp_path / "old.json"
    bad.write_text(content, encoding="utf-8")
    run = CliRunner().invoke(cli, ["--project", str(project), "report", "--compare", str(bad)])
    assert run.exit_code == 2 and "old.json" in run.output and "Traceback" not in run.output


# --------------------------------------------------------------------- make run outputs


def test_write_reports_for_make_run(project):
    config = load_config(project)
    out = project / "build" / "reports"
    paths = write_reports(config, out)
    names = {p.relative_to(out).as_posix() for p in paths}
    assert {"report.html", "report.json", "badges/overall.svg", "badges/de.svg"} <= names
    assert len([n for n in names if n.startswith("badges/")]) == len(config.languages) + 1
    before = {p: p.read_bytes() for p in paths}
    mtimes = {p: p.stat().st_mtime_ns for p in paths}
    assert write_reports(config, out) == paths
    assert {p: p.read_bytes() for p in paths} == before  # deterministic
    assert {p: p.stat().st_mtime_ns for p in paths} == mtimes  # untouched when unchanged


def test_badges_of_removed_languages_are_pruned_only_by_the_full_report(project, tmp_path):
    config = load_config(project)
    out = tmp_path / "reports"
    stale = out / "badges" / "xx.svg"
    stale.parent.mkdir(parents=True)
    stale.write_text("<svg/>", encoding="utf-8")
    run = CliRunner().invoke(cli, ["--project", str(project), "report", "--format", "svg",
                                   "--out", str(out / "badges"), "-l", "de"])
    assert run.exit_code == 0 and stale.exists() and (out / "badges" / "de.svg").exists()
    write_reports(config, out)
    assert not stale.exists() and (out / "badges" / "fr.svg").exists()


@settings(max_examples=300, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
                    lambda inner: st.lists(inner, max_size=4)
                    | st.tuples(inner, inner)
                    | st.dictionaries(st.text(max_size=5), inner, max_size=4), max_leaves=30))
def test_the_fast_json_writer_writes_what_json_writes(value):
    from reclaim_i18n.report.render_json import _nested

    expected = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)
    assert _nested(value, 0) == expected
    assert _nested(value, 2) == expected.replace("\n", "\n    ")


_counts = st.builds(Counts, *[st.integers(0, 10**6)] * 5)


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.text(max_size=8), st.tuples(_counts, _counts), max_size=5),
       st.integers(0, 4))
def test_page_and_section_breakdowns_are_written_as_json_writes_them(pairs, level):
    from reclaim_i18n.report.model import breakdown
    from reclaim_i18n.report.render_json import _nested, breakdown_json

    assert breakdown_json(pairs, level) == _nested(breakdown(pairs), level)
