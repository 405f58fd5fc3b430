"""Errors, never tracebacks: every usage mistake is one clear message and exit 2.

Output that cannot be written, a file given to --compare that is no report, a folder
that is no project, a language typed as people type it, a packet that does not exist,
and the HTML report in a 1280-pixel window.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import tool
from reclaim_i18n.cli import cli
from reclaim_i18n.config import load_config, resolve_language
from reclaim_i18n.errors import ConfigError, OutputError, writing_output


def invoke(project: Path | None, *args: str):
    options = ["--project", str(project)] if project is not None else []
    result = CliRunner().invoke(cli, [*options, *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    assert "Traceback" not in result.output
    return result


def error_lines(result) -> list[str]:
    return [line for line in result.output.splitlines() if line.startswith("error:")]


# ------------------------------------------------------------ output that cannot be written

def _folder(root: Path) -> str:
    (root / "a-folder").mkdir()
    return str(root / "a-folder")


def _file(root: Path) -> str:
    (root / "a-file").write_text("x")
    return str(root / "a-file")


def _under_a_file(root: Path) -> str:
    return str(Path(_file(root)) / "report.json")


# (command, where --out points, words the message must have)
OUTPUTS = [
    (("report", "--format", "html"), _folder, "is a folder, not a file"),
    (("report", "--format", "json"), _under_a_file, "a-file is a file, not a folder"),
    (("report", "--format", "json"), lambda root: "/proc/reclaim/report.json", "/proc/reclaim"),
    (("report", "--format", "svg"), _file, "is a file, not a folder"),
    (("todo", "cs"), lambda root: "/proc/x.txt", "/proc/x.txt: cannot be written"),
    (("todo", "cs", "--format", "po"), lambda root: str(Path(_file(root)) / "cs.po"),
     "a-file is a file, not a folder"),
    (("review", "cs", "--format", "po"), lambda root: "/proc/x.po",
     "/proc/x.po: cannot be written"),
]


@pytest.mark.parametrize("command, target, words", OUTPUTS,
                         ids=["html-to-folder", "json-under-file", "json-in-proc",
                              "svg-onto-file", "todo-in-proc", "packet-under-file",
                              "review-in-proc"])
def test_output_that_cannot_be_written_is_one_line_and_exit_2(project, tmp_path, command,
                                                              target, words):
    out = target(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = invoke(project, *command, "--out", out, "-l", "cs") if command[0] == "report" \
        else invoke(project, *command, "--out", out)
    assert result.exit_code == 2, result.output
    assert len(error_lines(result)) == 1 and words in error_lines(result)[0], result.output
    assert f"--out {out}" in result.output and "hint:" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no temporary file left
    if Path(out).is_dir():
        assert list(Path(out).iterdir()) == []


@pytest.mark.parametrize("error, words, hint", [
    (IsADirectoryError(21, "Is a directory", "/x/.r.json.1.tmp", None, "r.json"),
     "--out r.json: is a folder, not a file", "e.g. r.json/report.html"),
    (FileExistsError(17, "File exists", "r.json"), "is a file, not a folder", "give a folder"),
    (FileExistsError(17, "File exists", "blocker"), "blocker is a file, not a folder", "--out"),
    (NotADirectoryError(20, "Not a directory", "blocker"), "blocker is a file", "--out"),
    (PermissionError(13, "Permission denied", "r.json"), "r.json: permission denied", "--out"),
    (OSError(28, "No space left on device"), "cannot be written (No space left on device)",
     "choose another place with --out"),
])
def test_every_write_failure_becomes_an_output_error(error, words, hint):
    with pytest.raises(OutputError) as info, writing_output("r.json"):
        raise error
    assert info.value.exit_code == 2
    assert words in info.value.message and hint in info.value.hint
    assert ".tmp" not in str(info.value)  # the user's path, not the temporary file


def test_a_missing_output_folder_is_created(project, tmp_path):
    out = tmp_path / "new" / "folder" / "progress.json"
    result = invoke(project, "report", "--format", "json", "-l", "de", "--out", str(out))
    assert result.exit_code == 0 and json.loads(out.read_text("utf-8"))["locales"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_a_read_only_folder_is_a_clear_error(project, tmp_path):
    folder = tmp_path / "read-only"
    folder.mkdir(mode=0o555)
    result = invoke(project, "report", "--format", "json", "--out", str(folder / "r.json"))
    assert result.exit_code == 2 and "permission denied" in result.output


# ------------------------------------------------------------------- --compare OLD.json

def _manifest(project: Path, tmp_path: Path) -> Path:
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps({"schema": 1, "domain": "messages", "source_language": "en",
                                "published": ["de"], "failed": [],
                                "locales": {"de": {"status": "ok"}}}), encoding="utf-8")
    return path


def _write(text: str):
    def make(project: Path, tmp_path: Path) -> Path:
        path = tmp_path / "old.json"
        path.write_text(text, encoding="utf-8")
        return path
    return make


@pytest.mark.parametrize("make, words", [
    (_manifest, "a build manifest, not a progress report"),
    (_write("{not json"), "not a JSON file"),
    (_write('{"schema": 7, "locales": []}'), "a report of schema 7; this version reads schema 1"),
    (_write("[1, 2]"), "a JSON list, not a progress report"),
    (_write('{"schema": 1, "locales": ["de"]}'), "an incomplete report"),
    (_write('{"schema": 1, "locales": [{"locale": "de", "words": {}}]}'),
     "words.translated of de is not a number"),
])
def test_compare_says_which_kind_of_file_it_expected(project, tmp_path, make, words):
    result = invoke(project, "report", "-l", "de", "--compare", str(make(project, tmp_path)))
    assert result.exit_code == 2
    assert words in result.output and "string indices" not in result.output
    assert "a JSON report written by 'reclaim-i18n report --format json'" in result.output


# ---------------------------------------------------------------------- outside a project

COMMANDS = [("extract",), ("update",), ("init", "de"), ("check",), ("build",), ("report",),
            ("todo", "de"), ("apply-packet", "de.po"), ("all",)]


@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_outside_a_project_every_command_says_so_and_creates_nothing(tmp_path, monkeypatch,
                                                                    command):
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.chdir(empty)
    if command[0] == "apply-packet":  # the packet exists: the project is what is missing
        packet = tmp_path / "de.po"
        packet.write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
        command = ("apply-packet", str(packet))
    result = invoke(None, *command)
    assert result.exit_code == 2
    assert "not in a reclaim-i18n project" in result.output
    assert "[tool.reclaim-i18n]" in result.output and "--project" in result.output
    assert list(empty.iterdir()) == []


def test_a_pyproject_of_another_tool_is_not_a_project(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "other"\n', encoding="utf-8")
    result = invoke(tmp_path, "build")
    assert result.exit_code == 2 and "not in a reclaim-i18n project" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pyproject.toml"]


def test_a_subfolder_of_a_project_finds_it(project):
    assert load_config(project / "source_content").root == project.resolve()


# ---------------------------------------------------------------- languages as people type

CONFIGURED = ("cs", "de", "pt", "sl", "sr", "sr-Latn")


@pytest.mark.parametrize("typed, meant", [
    ("sl", "sl"), ("SL", "sl"), ("sl-SI", "sl"), ("sl_SI", "sl"), ("sl-si", "sl"),
    ("sr-latn", "sr-Latn"), ("sr@latin", "sr-Latn"), ("sr_RS@latin", "sr-Latn"),
    ("sr-Latn-RS", "sr-Latn"), ("sr-Cyrl", "sr"), ("sr@cyrillic", "sr"), (" de ", "de"),
    ("CS_cz", "cs"),
])
def test_a_language_is_found_as_people_type_it(typed, meant):
    assert resolve_language(typed, CONFIGURED) == meant


@pytest.mark.parametrize("typed, words, hint", [
    ("de-AT", "--locale de-AT is not one of the configured languages; did you mean de?",
     'languages = [..., "de-AT"]'),
    ("uk", "--locale uk is not one of the configured languages", "reclaim-i18n init uk"),
    ("dee", "nor a code CLDR knows; did you mean de?", "configured: cs, de"),
    ("pt-PT", "did you mean pt?", "[tool.reclaim-i18n]"),
])
def test_a_language_not_configured_says_what_to_do(typed, words, hint):
    with pytest.raises(ConfigError) as info:
        resolve_language(typed, CONFIGURED)
    assert words in info.value.message and hint in info.value.hint


def test_two_configured_codes_for_one_language_are_not_guessed():
    with pytest.raises(ConfigError, match="could be sl or sl-SI"):
        resolve_language("sl-Latn", ("sl", "sl-SI"))


def test_the_cli_resolves_every_language_argument(project):
    assert invoke(project, "todo", "sr@latin").output.startswith("srpski")
    report = invoke(project, "report", "--format", "json", "-l", "sl_SI", "-l", "SL")
    assert [row["locale"] for row in json.loads(report.output)["locales"]] == ["sl"]
    assert invoke(project, "check", "--locale", "sl-SI").exit_code in (0, 1)


@pytest.mark.parametrize("args, label", [
    (("todo", "de-AT"), "language 'de-AT' is not"),
    (("init", "xx"), "language 'xx' is not"),
    (("review", "de-AT"), "language 'de-AT' is not"),
    (("approve", "de-AT", "--all", "--reviewer", "Bo"), "language 'de-AT' is not"),
    (("check", "--locale", "de-AT"), "--locale de-AT is not"),
    (("apply-packet", "PACKET", "--locale", "de-AT"), "--locale de-AT is not"),
])
def test_an_argument_is_not_called_an_option(project, tmp_path, args, label):
    if "PACKET" in args:
        packet = tmp_path / "p.po"
        packet.write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
        args = tuple(str(packet) if a == "PACKET" else a for a in args)
    result = invoke(project, *args)
    assert result.exit_code == 2 and label in result.output, result.output
    assert ("--locale" in result.output) == ("--locale" in args)


# ---------------------------------------------------------------------------- apply-packet

def test_apply_packet_on_a_missing_file_is_a_usage_error(project, tmp_path):
    result = invoke(project, "apply-packet", str(tmp_path / "nowhere.po"))
    assert result.exit_code == 2 and "does not exist" in result.output


# -------------------------------------------------------- the HTML report in a 1280 window

# After the report's own script: the widths that decide whether anything is cut off.
MEASURE = """<script>
var root = document.documentElement, boxes = [];
document.querySelectorAll("table").forEach(function (table) {
  var box = table.parentElement;
  boxes.push({id: table.id, table: table.scrollWidth, box: box.clientWidth,
              overflow: getComputedStyle(box).overflowX, boxClass: box.className});
});
root.setAttribute("data-measured", JSON.stringify({page: root.scrollWidth,
  window: root.clientWidth, boxes: boxes}));
</script>"""


@pytest.fixture
def wide_report(project, tmp_path) -> Path:
    """The widest report: every configured language, finding counts and a comparison."""
    old, page = tmp_path / "old.json", tmp_path / "report.html"
    assert invoke(project, "report", "--format", "json", "--out", str(old)).exit_code == 0
    result = invoke(project, "report", "--checks", "--compare", str(old), "--format", "html",
                    "--out", str(page))
    assert result.exit_code == 0, result.output
    return page


def test_the_html_report_fits_a_1280_pixel_window(wide_report, tmp_path):
    chromium = tool("chromium")
    html = wide_report.read_text(encoding="utf-8")
    assert "script-src 'unsafe-inline'" in html  # the page's own CSP runs the measurement
    probed = tmp_path / "measured.html"
    probed.write_text(html.replace("</body>", MEASURE + "</body>", 1), encoding="utf-8")
    run = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--no-first-run", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,900",
         "--dump-dom", probed.as_uri()], capture_output=True, text=True, timeout=120,
        check=False)
    found = re.search(r'data-measured="([^"]*)"', run.stdout)
    assert found, run.stderr[-2000:]
    measured = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert measured["page"] <= measured["window"], "the page itself scrolls sideways"
    boxes = {b["id"]: b for b in measured["boxes"]}
    assert set(boxes) == {"language-table", "page-heatmap", "section-heatmap"}
    for box in boxes.values():  # a wider table scrolls inside its own box
        assert box["boxClass"] == "scroll" and box["overflow"] == "auto", box
    languages = boxes["language-table"]
    assert languages["table"] <= languages["box"], f"columns cut off: {languages}"


def test_the_html_report_renders_in_a_1280_pixel_window(wide_report, tmp_path):
    chromium = tool("chromium")
    shot = tmp_path / "report.png"
    run = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--no-first-run", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,900",
         f"--screenshot={shot}", wide_report.as_uri()], capture_output=True, text=True,
        timeout=120, check=False)
    assert run.returncode == 0 and shot.stat().st_size > 5000, run.stderr[-2000:]
    width, height = (int.from_bytes(shot.read_bytes()[16 + 4 * i:20 + 4 * i], "big")
                     for i in range(2))
    assert (width, height) == (1280, 900)
