"""The build's output read by its real consumers, and plural forms mapped to CLDR categories.

Python's gettext and msgunfmt read the .mo files; i18next under Node reads the i18next
resources; Hugo renders its i18n files. Each checks one plural string for several counts
in Polish, French (gettext's two forms) and Latvian (gettext's and CLDR's orderings).
"""

from __future__ import annotations

import gettext
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import tool
from reclaim_i18n.build import run_build
from reclaim_i18n.build.bundle import build_bundle, make_layer
from reclaim_i18n.build.formats import to_hugo, to_i18next
from reclaim_i18n.build.load import Inputs
from reclaim_i18n.build.mo import write_mo
from reclaim_i18n.config import load_config
from reclaim_i18n.locales import language
from reclaim_i18n.plurals.catalog import catalog_plurals
from reclaim_i18n.plurals.categories import category_of
from reclaim_i18n.pofile import read_po
from test_build import COUNT, HEADING, write_catalog

NODE_DIR = Path(__file__).resolve().parent / "node"
LV_TRADITIONAL = "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);"
PL_TRADITIONAL = ("nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && "
                  "(n%100<10 || n%100>=20) ? 1 : 2);")

# One row a case: (name, locale, Plural-Forms, msgstr[] of the plural entry,
# {count: the text a reader must see}, counts where gettext's rule and CLDR's cannot agree).
PLURAL_CASES = [
    ("fr-gettext-2", "fr", "nplurals=2; plural=(n > 1);",
     ["{count} seule", "{count} plusieurs"],
     {0: "0 seule", 1: "1 seule", 2: "2 plusieurs", 5: "5 plusieurs",
      1000000: "1000000 plusieurs"}, ()),
    ("fr-cldr-3", "fr", language("fr").plural_forms,
     ["{count} seule", "{count} million", "{count} plusieurs"],
     {0: "0 seule", 1: "1 seule", 2: "2 plusieurs", 1000000: "1000000 million"}, ()),
    # gettext's Latvian: one, other, and a form for exactly 0; CLDR's 'zero' is 0, 10–20,
    # 30, … so 0 gets the form most of its numbers get under the file's rule (documented).
    ("lv-gettext", "lv", LV_TRADITIONAL,
     ["{count} viens", "{count} daudzi", "{count} nulle"],
     {1: "1 viens", 21: "21 viens", 2: "2 daudzi", 10: "10 daudzi", 11: "11 daudzi",
      0: "0 daudzi"}, (0,)),
    ("lv-cldr", "lv", language("lv").plural_forms,
     ["{count} nulle", "{count} viens", "{count} daudzi"],
     {0: "0 nulle", 10: "10 nulle", 11: "11 nulle", 1: "1 viens", 21: "21 viens",
      2: "2 daudzi"}, ()),
    ("pl-gettext", "pl", PL_TRADITIONAL,
     ["{count} organizacja", "{count} organizacje", "{count} organizacji"],
     {1: "1 organizacja", 2: "2 organizacje", 5: "5 organizacji", 12: "12 organizacji",
      22: "22 organizacje"}, ()),
]


def _catalogue(project: Path, code: str, plural_forms: str, forms: list[str]):
    write_catalog(project, code, {HEADING: f"[{code}] heading", COUNT: forms},
                  plural_forms=plural_forms)
    return read_po(load_config(project).po_path(code))


def _plural_bundle(project: Path, code: str, plural_forms: str, forms: list[str]) -> dict:
    catalog = _catalogue(project, code, plural_forms, forms)
    config = load_config(project)
    return build_bundle(code, Inputs(config).source, [make_layer(code, catalog)], ("en",))


def _count(b: dict) -> dict:
    return b["pages"]["partners"]["sections"][0]["count"]


@pytest.mark.parametrize("name, code, plural_forms, forms, expected, disagree", PLURAL_CASES,
                         ids=[c[0] for c in PLURAL_CASES])
def test_plural_forms_map_to_cldr_categories_by_the_files_own_rule(
        project, name, code, plural_forms, forms, expected, disagree):
    catalog = _catalogue(project, code, plural_forms, forms)
    b = _plural_bundle(project, code, plural_forms, forms)
    count = _count(b)
    assert set(count) == set(b["plural_categories"])
    for n, text in expected.items():
        assert count[category_of(code, n)].replace("{count}", str(n)) == text, n
    nplurals, expr = catalog_plurals(catalog, code)
    mo = gettext.GNUTranslations(io.BytesIO(write_mo(catalog, frozenset(), nplurals, expr)))
    msgid = next(m for m in catalog.messages if m.msgctxt == COUNT)
    for n, text in expected.items():
        if n not in disagree:   # gettext itself uses the file's rule
            got = mo.npgettext(COUNT, msgid.msgid, msgid.msgid_plural, n)
            assert got.replace("{count}", str(n)) == text, n


def test_msgunfmt_reads_the_mo_without_fuzzy_entries_or_addresses(project):
    write_catalog(project, "de", {HEADING: "Die Zukunft gehört uns.",
                                  "home/hero/slogan": "Noch nicht fertig"},
                  fuzzy=["home/hero/slogan"],
                  header={"Last-Translator": "Jana Novak <jana@example.org>"})
    run_build(load_config(project), project / "build", ("de",))
    mo = project / "build/locale/de/LC_MESSAGES/messages.mo"
    out = subprocess.run([tool("msgunfmt"), str(mo)], check=False, capture_output=True,
                         text=True)
    assert out.returncode == 0, out.stderr
    assert 'msgstr "Die Zukunft gehört uns."' in out.stdout
    assert "Noch nicht fertig" not in out.stdout
    assert "Last-Translator: Jana Novak\\n" in out.stdout and "@" not in out.stdout


@pytest.fixture
def plural_build(project):
    """A build with Polish (gettext's 3 forms), French (2 forms) and Latvian (gettext's
    order), plus a Latvian resource in CLDR's order made by the same pure functions."""
    for name, code, plural_forms, forms, _, _ in PLURAL_CASES:
        if name in ("fr-gettext-2", "lv-gettext", "pl-gettext"):
            _catalogue(project, code, plural_forms, forms)
    result = run_build(load_config(project), project / "build", ("pl", "fr", "lv"))
    assert not result.failed
    _, code, plural_forms, forms, _, _ = PLURAL_CASES[3]
    lv_cldr = _plural_bundle(project, code, plural_forms, forms)
    lv_cldr["pages"]["home"]["sections"][0]["heading"] = "Nākotne {{ .Secret }} ir mūsu"
    extra = project / "extra"
    extra.mkdir()
    (extra / "lv.json").write_text(json.dumps(to_i18next(lv_cldr)), encoding="utf-8")
    import yaml

    (extra / "lv.yaml").write_text(yaml.safe_dump(to_hugo(lv_cldr), allow_unicode=True),
                                   encoding="utf-8")
    cases = {"pl": PLURAL_CASES[4][4], "fr": PLURAL_CASES[0][4], "lv": PLURAL_CASES[2][4]}
    return project / "build", extra, cases, PLURAL_CASES[3][4]


def _node() -> str:
    node = tool("node")
    if not (NODE_DIR / "node_modules" / "i18next").is_dir():
        npm = tool("npm")
        done = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=NODE_DIR,
                              check=False, capture_output=True, text=True, timeout=180)
        if done.returncode != 0:
            pytest.skip(f"i18next could not be installed with npm: {done.stderr[-300:]}")
    return node


def test_i18next_under_node_picks_the_right_form(plural_build, tmp_path):
    node = _node()
    out, extra, expected, lv_cldr = plural_build
    keys = ["partners.coalition.count", "site.counter.person-has-signed"]
    cases = [{"lng": c, "file": str(out / "i18next" / f"{c}.json"), "keys": keys,
              "counts": list(expected[c])} for c in ("pl", "fr", "lv")]
    cases.append({"lng": "lv", "file": str(extra / "lv.json"), "keys": keys,
                  "counts": list(lv_cldr)})
    spec = tmp_path / "cases.json"
    spec.write_text(json.dumps(cases), encoding="utf-8")
    done = subprocess.run([node, str(NODE_DIR / "plural_check.mjs"), str(spec)],
                          check=False, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    for case, result, wanted in zip(cases, results, [*expected.values(), lv_cldr]):
        assert result["results"]["partners.coalition.count"] == list(wanted.values()), case
        resource = json.loads(Path(case["file"]).read_text("utf-8"))
        for category in result["categories"]:      # every category Intl can return
            assert f"count_{category}" in resource["partners"]["coalition"]
            assert f"person-has-signed_{category}" in resource["site"]["counter"]
        assert "" not in _leaves(resource)
    pl_counter = results[0]["results"]["site.counter.person-has-signed"]
    assert pl_counter[0].startswith("1 ") and "%(" not in "".join(pl_counter)


def _leaves(node) -> list:
    if isinstance(node, dict):
        return [leaf for value in node.values() for leaf in _leaves(value)]
    return [node]


def test_hugo_renders_the_plural_maps_and_keeps_literal_braces(plural_build, tmp_path):
    hugo = tool("hugo")
    out, _, expected, _ = plural_build
    site = tmp_path / "hugo-site"
    (site / "layouts").mkdir(parents=True)
    (site / "i18n").mkdir()
    for code in ("pl", "fr", "lv"):
        shutil.copy(out / "hugo" / "i18n" / f"{code}.yaml", site / "i18n" / f"{code}.yaml")
    languages = "".join(f"[languages.{c}]\nweight = {i}\n" for i, c in enumerate(
        ("pl", "fr", "lv"), 1))
    (site / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\n'
        'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n'
        'defaultContentLanguage = "pl"\ndefaultContentLanguageInSubdir = true\n' + languages,
        encoding="utf-8")
    counts = sorted({n for c in expected.values() for n in c})
    (site / "layouts" / "index.html").write_text(
        "{{ range slice " + " ".join(map(str, counts)) + " }}"
        '{{ . }}={{ i18n "partners.coalition.count" . }}|{{ end }}\n', encoding="utf-8")
    done = subprocess.run([hugo, "--quiet", "--source", str(site)], check=False,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    for code, wanted in expected.items():
        html = (site / "public" / code / "index.html").read_text("utf-8")
        rendered = dict(part.split("=", 1) for part in html.split("\n")[0].split("|") if part)
        for n, text in wanted.items():
            assert rendered[str(n)] == text, (code, n)


def test_hugo_renders_a_latvian_catalogue_in_cldr_order_and_literal_braces(plural_build,
                                                                         tmp_path):
    hugo = tool("hugo")
    _, extra, _, lv_cldr = plural_build
    site = tmp_path / "hugo-lv"
    (site / "layouts").mkdir(parents=True)
    (site / "i18n").mkdir()
    shutil.copy(extra / "lv.yaml", site / "i18n" / "lv.yaml")
    (site / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\nlanguageCode = "lv"\ndefaultContentLanguage = "lv"\n'
        'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n',
        encoding="utf-8")
    (site / "layouts" / "index.html").write_text(
        "{{ range slice " + " ".join(map(str, lv_cldr)) + " }}"
        '{{ i18n "partners.coalition.count" . }}|{{ end }}{{ i18n "home.hero.heading" }}',
        encoding="utf-8")
    done = subprocess.run([hugo, "--quiet", "--source", str(site)], check=False,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    html = (site / "public" / "index.html").read_text("utf-8")
    assert html.split("|")[:-1] == list(lv_cldr.values())
    assert html.split("|")[-1] == "Nākotne {{ .Secret }} ir mūsu"   # Go template escaped
