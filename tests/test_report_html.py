"""The HTML report in a real headless browser: loads without errors, sorts, shows the table."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from reclaim_i18n.config import load_config
from reclaim_i18n.pofile import read_po, write_po
from reclaim_i18n.report import render
from reclaim_i18n.report.runner import build_report

MAIN = Path(__file__).resolve().parents[1]
CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")
                 if shutil.which(n)), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None,
                                reason="no Chromium (apt-get install -y chromium)")
# Records every error, console.error and blocked resource (CSP) into the DOM.
PROBE = """<script>
(function () {
  var root = document.documentElement;
  function note(kind, text) { root.setAttribute("data-js-errors",
    (root.getAttribute("data-js-errors") || "") + kind + ": " + text + "\\n"); }
  window.addEventListener("error", function (e) { note("error", e.message || e.type); }, true);
  window.addEventListener("unhandledrejection", function (e) { note("rejection", e.reason); });
  document.addEventListener("securitypolicyviolation", function (e) { note("csp", e.blockedURI); });
  var original = console.error;
  console.error = function () { note("console", Array.prototype.join.call(arguments, " "));
    return original.apply(console, arguments); };
})();
</script>"""
# After the report's own script: sort the language table by code, record the order.
SORT = """<script>
var table = document.getElementById("language-table");
table.tHead.rows[0].cells[1].querySelector("button").click();
document.documentElement.setAttribute("data-sorted", Array.prototype.map.call(
  table.tBodies[0].rows, function (r) { return r.getAttribute("data-locale"); }).join(" "));
</script>"""


@pytest.fixture(scope="module")
def report_html(tmp_path_factory) -> Path:
    from reclaim_i18n.update import run_update

    root = tmp_path_factory.mktemp("campaign")
    shutil.copy(MAIN / "pyproject.toml", root / "pyproject.toml")
    shutil.copytree(MAIN / "source_content", root / "source_content")
    (root / "locales").mkdir()
    shutil.copy(MAIN / "locales" / "messages.pot", root / "locales" / "messages.pot")
    config = load_config(root)
    run_update(config, ("de", "el", "fr"))
    for code, share in (("de", 2), ("fr", 1)):
        catalog = read_po(config.po_path(code))
        for i, msg in enumerate(catalog.active):
            if i % share == 0:
                msg.msgstr_plural = [msg.msgid] * len(msg.msgstr_plural)
                msg.msgstr = "" if msg.is_plural else f"[{code}] {msg.msgid}"
        write_po(catalog)
    path = root / "report.html"
    path.write_text(render(build_report(config), "html"), encoding="utf-8")
    return path


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--no-first-run", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
         *args], check=False, capture_output=True, text=True, timeout=120)


def test_loads_without_errors_and_sorts(report_html, tmp_path):
    html = report_html.read_text(encoding="utf-8")
    probed = tmp_path / "probed.html"
    probed.write_text(html.replace("<head>", "<head>" + PROBE, 1)
                      .replace("</body>", SORT + "</body>", 1), encoding="utf-8")
    run = chromium(tmp_path, "--dump-dom", probed.as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    root_tag = re.search(r"<html[^>]*>", run.stdout).group(0)
    assert 'data-ready="1"' in root_tag, "the report's script did not run to its end"
    assert "data-js-errors" not in root_tag, root_tag
    assert [line for line in run.stderr.splitlines() if ":CONSOLE" in line] == []
    codes = re.search(r'data-sorted="([^"]*)"', root_tag).group(1).split()
    assert codes == sorted(codes) and len(codes) == len(load_config(report_html.parent)
                                                         .languages)


def png_pixels(data: bytes, wanted: set) -> tuple[int, int, set]:
    """(width, height, the ``wanted`` RGB colours found) of an 8-bit RGB/RGBA PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks = 8, {}
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunks.setdefault(kind, []).append(data[pos + 8:pos + 8 + length])
        pos += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][0][:10])
    assert depth == 8 and colour in (2, 6)
    bpp = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(b"".join(chunks[b"IDAT"])), width * bpp
    previous, colours = bytearray(stride), set()
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = previous[i], previous[i - bpp] if i >= bpp else 0
            p = a + b - c
            pred = (0, a, b, (a + b) // 2, a if abs(p - a) <= abs(p - b) and abs(p - a) <= abs(p - c)
                    else b if abs(p - b) <= abs(p - c) else c)[kind]
            line[i] = (line[i] + pred) & 0xFF
        colours.update(bytes(line[i:i + 3]) for i in range(0, stride, bpp * 7))
        if wanted <= colours:
            break  # top to bottom: stop once everything looked for is seen
        previous = line
    return width, height, colours & wanted


@pytest.mark.parametrize("size", ["1280,900", "390,844"], ids=["desktop", "phone"])
def test_screenshot_shows_the_table_in_the_campaign_colours(report_html, tmp_path, size):
    shot = tmp_path / "report.png"
    run = chromium(tmp_path, f"--window-size={size}", "--hide-scrollbars",
                   f"--screenshot={shot}", report_html.as_uri())
    assert run.returncode == 0 and shot.stat().st_size > 5000, run.stderr[-2000:]
    table_head, summary = bytes.fromhex("2c0a5e"), bytes.fromhex("ffe600")  # campaign colours
    width, height, found = png_pixels(shot.read_bytes(), {table_head, summary})
    assert f"{width},{height}" == size
    assert table_head in found, "no table header row (campaign purple) on the screenshot"
    assert summary in found, "no summary bar (campaign yellow) on the screenshot"
