"""reclaim-i18n build: .mo files, bundles with fallbacks, manifest, determinism, faults.

Catalogues are crafted per test (helpers below, also used by the other test_build_*
files); builds run on a copy of the project with load_config(tmp).
"""

from __future__ import annotations

import gettext
import io
import json
import os
import re
import struct
from pathlib import Path

import pytest
from click.testing import CliRunner

from reclaim_i18n.build import run_build
from reclaim_i18n.build.bundle import build_bundle, iter_values, make_layer
from reclaim_i18n.build.entries import strip_emails
from reclaim_i18n.build.load import Inputs
from reclaim_i18n.build.mo import write_mo
from reclaim_i18n.cli import cli
from reclaim_i18n.config import load_config
from reclaim_i18n.plurals.categories import bridge, categories, category_of
from reclaim_i18n.plurals.expressions import SAMPLES, parse_plural_forms
from reclaim_i18n.pofile import new_message_from, parse_po, read_po, write_po
from reclaim_i18n.update import new_catalog

HEADING = "home/hero/heading"
SLOGAN = "home/hero/slogan"
BODY = "home/hero/body"
CTA = "home/hero/cta"
COUNT = "partners/coalition/count"
NAV_HOME = ("site/nav", "Home")
COUNTER = ("site/counter", "%(count)s person has signed")
EMAIL = "jana.novak@example.org"


# ----------------------------------------------------------------------------- helpers

def template(project: Path):
    return read_po(load_config(project).pot_path)


def msgid_of(project: Path, ctxt: str, index: int = 0) -> str:
    return [m.msgid for m in template(project).messages if m.msgctxt == ctxt][index]


def write_catalog(project: Path, code: str, translations: dict, *, plural_forms=None,
                  fuzzy=(), header: dict | None = None, header_comments=(), every=None):
    """A catalogue of ``code`` from the template: ``translations`` maps a msgctxt (its first
    message) or a (msgctxt, msgid) key to a string or a list of plural forms; ``every``
    (a function of the message) translates all other entries."""
    config = load_config(project)
    pot = template(project)
    catalog = new_catalog(config, code, pot)
    if plural_forms:
        catalog.set_header("Plural-Forms", plural_forms)
    for name, value in (header or {}).items():
        catalog.set_header(name, value)
    catalog.header.comments.extend(header_comments)
    nplurals = parse_plural_forms(catalog.plural_forms)[0]
    wanted = {}
    for key, value in translations.items():
        wanted[key if isinstance(key, tuple) else (key, msgid_of(project, key))] = value
    fuzzy_keys = {k if isinstance(k, tuple) else (k, msgid_of(project, k)) for k in fuzzy}
    for source in pot.messages:
        msg = new_message_from(source)
        msg.flags = [f for f in msg.flags if f != "fuzzy"]
        value = wanted.get(msg.key, every(msg) if every else None)
        if msg.is_plural:
            msg.msgstr_plural = list(value) if value else [""] * nplurals
        elif value:
            msg.msgstr = value
        msg.set_fuzzy(msg.key in fuzzy_keys)
        catalog.messages.append(msg)
    write_po(catalog, config.po_path(code))
    return config.po_path(code)


def set_locale_option(project: Path, code: str, line: str) -> None:
    with open(project / "pyproject.toml", "a", encoding="utf-8") as handle:
        handle.write(f'\n[tool.reclaim-i18n.locale."{code}"]\n{line}\n')


def build(project: Path, *locales: str, out: Path | None = None):
    return run_build(load_config(project), out or project / "build", locales or None)


def bundle(project: Path, code: str, out: str = "build") -> dict:
    return json.loads((project / out / "bundles" / f"{code}.json").read_text("utf-8"))


def all_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def german(msg) -> str | list[str] | None:
    """A stand-in German translation of every entry (placeholders kept)."""
    if msg.is_plural:
        return [f"[de] {msg.msgid}", f"[de] {msg.msgid_plural}"]
    return f"[de] {msg.msgid}"


# ------------------------------------------------------------------------ pure parts

@pytest.mark.parametrize("value, expected", [
    ("Jana Novak <jana.novak@example.org>", "Jana Novak"),
    ("Jana Novak <jana.novak@example.org>, 2024.", "Jana Novak, 2024."),
    ("German <de@li.org>", "German"),
    ("jana.novak@example.org", ""),
    ("Jana (mailto:jana.novak@example.org)", "Jana ()"),
    ("FULL NAME <EMAIL@ADDRESS>", "FULL NAME"),
    ("https://reclaimyourface.eu/", "https://reclaimyourface.eu/"),
])
def test_strip_emails_keeps_names(value, expected):
    assert strip_emails(value) == expected


@pytest.mark.parametrize("target, source, expected", [
    ("sr-Latn", "en", {"one": "one", "few": "other", "other": "other"}),
    ("lv", "en", {"zero": "other", "one": "one", "other": "other"}),
    ("fr", "en", {"one": "one", "many": "other", "other": "other"}),
    ("pl", "en", {"one": "one", "few": "other", "many": "other", "other": "other"}),
    ("lb", "de", {"one": "one", "other": "other"}),
    ("ga", "en", {"one": "one", "two": "other", "few": "other", "many": "other",
                  "other": "other"}),
])
def test_plural_fallback_borrows_the_category_most_numbers_share(target, source, expected):
    assert dict(bridge(target, source)) == expected


def test_fast_category_agrees_with_cldr_for_every_configured_language(project):
    from babel import Locale

    config = load_config(project)
    for code in (*config.languages, "en"):
        rule = Locale.parse(code, sep="-").plural_form
        assert all(category_of(code, n) == rule(n) for n in SAMPLES[:300]), code
        assert set(categories(code)) == set(rule.tags) | {"other"}


def _mo_catalog(plural_forms: str, forms: list[str]):
    text = f'''# Jana Novak <{EMAIL}>, 2024.
msgid ""
msgstr ""
"Last-Translator: Jana Novak <{EMAIL}>\\n"
"Language-Team: Latvian <lv@li.org>\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: {plural_forms}\\n"

msgctxt "site/nav"
msgid "Home"
msgstr "Sākums"

#, fuzzy
msgctxt "site/nav"
msgid "News"
msgstr "Ziņas?"

msgctxt "site/nav"
msgid "Partners"
msgstr ""

msgctxt "c"
msgid "{{count}} person"
msgid_plural "{{count}} people"
''' + "".join(f'msgstr[{i}] "{f}"\n' for i, f in enumerate(forms))
    return parse_po(text.encode("utf-8"), "lv.po")


def test_mo_is_read_by_python_gettext_with_the_files_own_plural_rule():
    expr = "(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2)"
    catalog = _mo_catalog(f"nplurals=3; plural={expr};", ["one", "other", "zero"])
    data = write_mo(catalog, frozenset(), 3, expr)
    assert struct.unpack("<I", data[:4])[0] == 0x950412DE
    t = gettext.GNUTranslations(io.BytesIO(data))
    assert t.pgettext("site/nav", "Home") == "Sākums"
    assert t.pgettext("site/nav", "News") == "News"          # fuzzy: left out
    assert t.pgettext("site/nav", "Partners") == "Partners"  # untranslated: left out
    got = [t.npgettext("c", "{count} person", "{count} people", n) for n in (0, 1, 2, 11, 21)]
    assert got == ["zero", "one", "other", "other", "one"]
    assert t.info()["last-translator"] == "Jana Novak"
    assert EMAIL.encode() not in data and b"lv@li.org" not in data


def test_mo_leaves_out_entries_with_an_error_finding():
    catalog = _mo_catalog("nplurals=2; plural=(n != 1);", ["one", "other"])
    data = write_mo(catalog, frozenset({("site/nav", "Home")}), 2, "(n != 1)")
    t = gettext.GNUTranslations(io.BytesIO(data))
    assert t.pgettext("site/nav", "Home") == "Home"
    assert t.npgettext("c", "{count} person", "{count} people", 5) == "other"


def test_an_error_finding_makes_the_entry_fall_back(project):
    write_catalog(project, "de", {HEADING: "Die Zukunft gehört uns.", SLOGAN: "Zurückerobern!"})
    config = load_config(project)
    catalog = read_po(config.po_path("de"))
    source = Inputs(config).source
    key = (HEADING, msgid_of(project, HEADING))
    result = build_bundle("de", source, [make_layer("de", catalog, {key})], ("en",))
    hero = result["pages"]["home"]["sections"][0]
    assert hero["heading"] == "The future must be ours to shape."
    assert result["fallbacks"]["pages"][HEADING] == "en"
    assert hero["slogan"] == "Zurückerobern!" and SLOGAN not in result["fallbacks"]["pages"]


# ------------------------------------------------------------------ bundles, fallback

def test_bundle_falls_back_along_the_configured_chain(project):
    # lb → de → en (pyproject: [tool.reclaim-i18n.locale.lb] fallback = ["de"])
    write_catalog(project, "de", {SLOGAN: "Öffentlichen Raum zurückerobern!", BODY: "Gesichter.",
                                  NAV_HOME: "Startseite", HEADING: "Die Zukunft (de)"})
    write_catalog(project, "lb", {HEADING: "D'Zukunft muss eis gehéieren.",
                                  SLOGAN: "Fuzzy (lb)"}, fuzzy=[SLOGAN])
    result = build(project, "lb")
    assert not result.failed
    lb = bundle(project, "lb")
    hero = lb["pages"]["home"]["sections"][0]
    assert hero["heading"] == "D'Zukunft muss eis gehéieren."
    assert hero["slogan"] == "Öffentlichen Raum zurückerobern!"     # fuzzy in lb → de
    assert hero["body"] == "Gesichter."
    assert hero["cta"] == {"text": "Join the movement", "url": "https://reclaimyourface.eu/#sign"}
    assert lb["fallback_chain"] == ["de", "en"]
    pages = lb["fallbacks"]["pages"]
    assert HEADING not in pages
    assert pages[SLOGAN] == "de" and pages[BODY] == "de" and pages[CTA] == "en"
    assert lb["ui"]["site/nav"]["Home"] == "Startseite"
    assert lb["fallbacks"]["ui"]["site/nav"]["Home"] == "de"
    assert lb["fallbacks"]["ui"]["site/nav"]["News"] == "en"


def test_a_plural_falling_back_to_english_fills_every_category_of_the_locale(project):
    write_catalog(project, "sr-Latn", {HEADING: "Budućnost mora biti naša."})
    build(project, "sr-Latn")
    sr = bundle(project, "sr-Latn")
    count = sr["pages"]["partners"]["sections"][0]["count"]
    assert count == {"one": "{count} organisation supports the ban",
                     "few": "{count} organisations support the ban",
                     "other": "{count} organisations support the ban"}
    assert sr["fallbacks"]["pages"][COUNT] == "en"
    assert set(sr["ui"]["site/counter"][COUNTER[1]]) == {"one", "few", "other"}


def test_proper_names_are_carried_unchanged_and_paths_follow_the_msgctxt_rule(project):
    write_catalog(project, "de", {}, every=german)
    build(project, "de")
    de, en = bundle(project, "de"), bundle(project, "en")
    names = {p: v for p, k, v in iter_values(de) if k == "data"}
    assert names == {p: v for p, k, v in iter_values(en) if k == "data"}
    assert names["partners/coalition/organisations"][0] == "Access Now"
    assert names["partners/supporters/katerina-konecna/name"] == "Kateřina Konečná"
    ctxts = {m.msgctxt for m in template(project).messages}
    assert {p for p, k, _ in iter_values(de) if k != "data"} == {
        c for c in ctxts if not c.startswith("site/")}


# --------------------------------------------------------------------------- manifest

def test_manifest_records_every_locale_and_the_publishing_threshold(project):
    write_catalog(project, "de", {}, every=german)                    # 100 %
    write_catalog(project, "fr", {HEADING: "L’avenir nous appartient."})  # a few words
    set_locale_option(project, "pl", "publish-threshold = 0")
    write_catalog(project, "pl", {})
    build(project, "de", "fr", "pl")
    out = project / "build"
    manifest = json.loads((out / "bundles" / "manifest.json").read_text("utf-8"))
    assert manifest["published"] == ["de", "en", "pl"]
    fr, de, en = (manifest["locales"][c] for c in ("fr", "de", "en"))
    assert fr["published"] is False and fr["threshold"] == 60.0
    assert 0 < fr["completeness"]["words"]["percent"] < 5
    assert fr["completeness"]["messages"]["translated"] == 1
    assert de["completeness"]["words"]["percent"] == 100.0
    assert (de["native_name"], de["direction"], de["gettext"]) == ("Deutsch", "ltr", "de")
    assert en["source"] is True and en["published"] is True
    assert manifest["locales"]["pl"]["published"] is True             # per-locale override
    from reclaim_i18n.build.manifest import sha256

    for entry in manifest["locales"].values():
        for rel, digest in entry["files"].items():
            assert sha256((out / rel).read_bytes()) == digest
    assert "site/fr/index.html" not in fr["files"] and not (out / "site" / "fr").exists()
    assert (out / "bundles" / "fr.json").is_file()                    # built, not published
    switcher = (out / "site" / "de" / "index.html").read_text("utf-8")
    assert 'hreflang="pl"' in switcher and 'hreflang="fr"' not in switcher


def test_sr_latn_uses_its_gettext_code_for_the_mo_file(project):
    write_catalog(project, "sr-Latn", {HEADING: "Budućnost mora biti naša."})
    build(project, "sr-Latn")
    mo = project / "build" / "locale" / "sr@latin" / "LC_MESSAGES" / "messages.mo"
    t = gettext.GNUTranslations(mo.open("rb"))
    assert t.pgettext(HEADING, msgid_of(project, HEADING)) == "Budućnost mora biti naša."


# ---------------------------------------------------------------------------- privacy

def test_no_translator_email_address_in_any_artefact(project):
    write_catalog(project, "de", {HEADING: f"Schreib an {EMAIL}"}, every=german,
                  header={"Last-Translator": f"Jana Novak <{EMAIL}>",
                          "Language-Team": "German <de-team@example.org>"},
                  header_comments=[f"Jana Novak <{EMAIL}>, 2024."])
    build(project, "de")
    files = all_files(project / "build")
    assert "locale/de/LC_MESSAGES/messages.mo" in files and "site/de/index.html" in files
    leaks = [rel for rel, data in files.items()
             if EMAIL.encode() in data or b"de-team@example.org" in data]
    assert leaks == []
    mo = gettext.GNUTranslations(io.BytesIO(files["locale/de/LC_MESSAGES/messages.mo"]))
    assert mo.info()["last-translator"] == "Jana Novak"               # the name stays
    assert bundle(project, "de")["fallbacks"]["pages"][HEADING] == "en"


# -------------------------------------------------------------- determinism, increments

def test_the_whole_shipped_project_builds_deterministically_and_incrementally(project,
                                                                             monkeypatch):
    config = load_config(project)
    first = run_build(config, project / "out1")
    assert not first.failed
    assert {r.code for r in first.locales} == {"en", *config.languages}
    monkeypatch.setenv("RECLAIM_I18N_JOBS", "1")  # one process gives what workers gave
    run_build(config, project / "out2")
    monkeypatch.delenv("RECLAIM_I18N_JOBS")
    one, two = all_files(project / "out1"), all_files(project / "out2")
    assert one == two                                                 # byte-identical
    assert "bundles/manifest.json" in one and "site/en/index.html" in one

    before = {p: os.stat(project / "out1" / p).st_mtime_ns for p in one}
    again = run_build(config, project / "out1")
    assert again.written == [] and not any(r.rebuilt for r in again.locales)
    assert {p: os.stat(project / "out1" / p).st_mtime_ns for p in one} == before


def test_changing_one_catalogue_rebuilds_that_locale_and_the_manifest_only(project):
    write_catalog(project, "de", {}, every=german)
    write_catalog(project, "fr", {HEADING: "L’avenir nous appartient."})
    write_catalog(project, "pl", {HEADING: "Przyszłość należy do nas."})
    build(project, "de", "fr", "pl")
    out = project / "build"
    before = {p: os.stat(out / p).st_mtime_ns for p in all_files(out)}
    write_catalog(project, "fr", {HEADING: "L’avenir doit nous appartenir."})
    result = build(project, "de", "fr", "pl")
    assert [r.code for r in result.locales if r.rebuilt] == ["fr"]
    changed = {p for p in all_files(out) if os.stat(out / p).st_mtime_ns != before.get(p)}
    assert changed == {"bundles/fr.json", "i18next/fr.json", "hugo/i18n/fr.yaml",
                       "locale/fr/LC_MESSAGES/messages.mo", "bundles/manifest.json",
                       ".build-state.json"}


def test_a_deleted_output_file_is_rebuilt(project):
    build(project, "pl")
    target = project / "build" / "i18next" / "pl.json"
    data = target.read_bytes()
    target.unlink()
    result = build(project, "pl")
    assert target.read_bytes() == data and result.written == ["i18next/pl.json"]


# ---------------------------------------------------------------------------- faults

def test_a_broken_catalogue_fails_that_locale_only(project):
    write_catalog(project, "de", {}, every=german)
    po = write_catalog(project, "fr", {HEADING: "L’avenir"})
    po.write_text(po.read_text("utf-8") + '\nmsgid "unterminated\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["--project", str(project), "build", "-l", "de", "-l", "fr"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "fr" in result.output and "FAILED" in result.output
    manifest = json.loads((project / "build/bundles/manifest.json").read_text("utf-8"))
    fr = manifest["locales"]["fr"]
    assert fr["status"] == "error" and fr["published"] is False and fr["files"] == {}
    assert fr["error"].startswith("locales/fr/LC_MESSAGES/messages.po:")
    assert manifest["failed"] == ["fr"]
    assert manifest["locales"]["de"]["status"] == "ok"
    assert (project / "build/site/de/index.html").is_file()


def test_an_output_folder_that_cannot_be_written_is_a_clear_error(project, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    result = CliRunner().invoke(cli, ["--project", str(project), "build", "-l", "de",
                                      "--out", str(blocker / "build")])
    assert result.exit_code == 2  # a usage error, as for every --out
    assert "output folder cannot be written" in result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)  # a clean exit, not a crash


# ------------------------------------------------------------------------ the README

def test_the_readme_example_of_a_site_build_runs(project, monkeypatch):
    readme = Path(__file__).resolve().parent.parent / "src/reclaim_i18n/build/README.md"
    code = re.search(r"```python\n(.*?)```", readme.read_text("utf-8"), re.DOTALL).group(1)
    build(project, "de")
    monkeypatch.chdir(project)
    namespace: dict = {}
    exec(compile(code, str(readme), "exec"), namespace)  # noqa: S102 (our own README)
    assert namespace["line"] == "21 organisations support the ban"
    assert ("en", "English") in namespace["switcher"]
    assert namespace["button"] == ("Join the movement", "https://reclaimyourface.eu/#sign")
    assert namespace["home_label"] == "Home" and namespace["fell_back"] == []


def test_a_second_all_does_nothing_until_an_input_or_an_output_changes(project):
    from reclaim_i18n.chain import unchanged_since_last_run

    first = CliRunner().invoke(cli, ["--project", str(project), "all"])
    assert first.exit_code == 0, first.output
    second = CliRunner().invoke(cli, ["--project", str(project), "all"])
    assert "nothing changed" in second.output
    config = load_config(project)
    po = project / "locales" / "de" / "LC_MESSAGES" / "messages.po"
    page = next((project / "source_content").rglob("*.yaml"))
    output = project / "build" / "locale" / "de" / "LC_MESSAGES" / "messages.mo"
    assert output.exists() and unchanged_since_last_run(config)

    def changed_then_restored(path: Path, data: bytes) -> bool:
        before = path.read_bytes()
        path.write_bytes(data)
        changed = not unchanged_since_last_run(config)
        path.write_bytes(before)
        return changed

    assert changed_then_restored(po, po.read_bytes() + b"\n# a volunteer's note\n")
    assert changed_then_restored(page, page.read_bytes() + b"\n")
    assert unchanged_since_last_run(config)  # by content: the same bytes again
    stat = output.stat()
    os.utime(output, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert not unchanged_since_last_run(config)  # an output touched by hand
    os.utime(output, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    (project / "build" / ".cache").mkdir(exist_ok=True)
    (project / "build" / ".cache" / "extra.json").write_text("{}")
    assert unchanged_since_last_run(config)  # caches are not outputs
    output.unlink()
    assert not unchanged_since_last_run(config)
    (project / "source_content" / "new-page.yaml").write_text("title: New\n")
    assert not unchanged_since_last_run(config)
