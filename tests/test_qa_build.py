"""QA: what a broken catalogue's error puts into build/ (manifest, reports)."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from reclaim_i18n.cli import cli

ADDRESS = "ana.lima@example.org"


def run(project: Path, *args: str):
    return CliRunner().invoke(cli, ["--project", str(project), *args])


def test_a_broken_catalogues_error_puts_no_email_address_into_build(project):
    """The reader quotes the unexpected text; a volunteer's address pasted on its own line
    must not reach the manifest or the published report through that quote."""
    assert run(project, "all").exit_code == 0
    po = project / "locales" / "de" / "LC_MESSAGES" / "messages.po"
    lines = po.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith('"Last-Translator'))
    lines.insert(at + 1, ADDRESS + "\n")
    po.write_text("".join(lines), encoding="utf-8")
    result = run(project, "all")
    assert result.exit_code == 1 and "unexpected text" in result.output, result.output
    manifest = (project / "build" / "bundles" / "manifest.json").read_text(encoding="utf-8")
    assert re.search(r"messages\.po:\d+: unexpected text", manifest)
    leaks = [p.relative_to(project) for p in sorted((project / "build").rglob("*"))
             if p.is_file() and ADDRESS.encode() in p.read_bytes()]
    assert leaks == []


def test_a_build_killed_mid_write_leaves_no_temporary_file_in_build(project):
    """kill -9 between writing a temporary file and renaming it over its target leaves
    `.<name>.<random>.tmp` behind; the next build must not publish it with the rest."""
    assert run(project, "all").exit_code == 0
    build = project / "build"
    leftovers = [build / "bundles" / ".de.json.5vpmzbwi.tmp",
                 next((build / "site").rglob("*.html")).parent / ".index.html.k2_x9q0a.tmp"]
    for path in leftovers:
        path.write_bytes(b'{"half": ')
    assert run(project, "all").exit_code == 0
    assert sorted(build.rglob("*.tmp")) == []


def broken_links(site: Path) -> list[str]:
    """Relative links of the site's pages that lead to no file."""
    found = []
    for page in sorted(site.rglob("*.html")):
        for href in re.findall(r'href="([^"#:]+)"', page.read_text(encoding="utf-8")):
            if not (page.parent / href).resolve().is_file():
                found.append(f"{page.relative_to(site)} → {href}")
    return found


def test_a_stale_language_and_a_renamed_page_leave_no_broken_link_on_the_site(project):
    """German cannot be read and keeps its last pages (partners/); the page is renamed
    allies/ meanwhile. No language switcher may link to a page that does not exist."""
    assert run(project, "all").exit_code == 0
    po = project / "locales" / "de" / "LC_MESSAGES" / "messages.po"
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "a"\nmsgstr "b"c"\n',
                  encoding="utf-8")
    pages = project / "source_content" / "pages"
    text = (pages / "partners.yaml").read_text(encoding="utf-8")
    (pages / "allies.yaml").write_text(text.replace("page: partners", "page: allies", 1),
                                       encoding="utf-8")
    (pages / "partners.yaml").unlink()
    result = run(project, "all")
    assert result.exit_code == 1 and "previous version stays published" in result.output
    site = project / "build" / "site"
    assert (site / "de" / "partners" / "index.html").is_file()
    assert broken_links(site) == []
