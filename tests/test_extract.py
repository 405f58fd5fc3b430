"""Extraction: the whole campaign in the template, stable identities, clear errors."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, SEED, run_msgfmt_check, tool
from reclaim_i18n.cli import cli
from reclaim_i18n.config import load_config
from reclaim_i18n.content.extract import collect_units
from reclaim_i18n.content.pages import DataField, iter_fields, load_page, page_files
from reclaim_i18n.extract import run_extract
from reclaim_i18n.pofile import read_po


def _extract(project: Path) -> Path:
    result = CliRunner().invoke(cli, ["--project", str(project), "extract"])
    assert result.exit_code == 0, result.output
    return project / "locales" / "messages.pot"


def test_shipped_template_is_up_to_date_and_accepted_by_msgfmt(project):
    pot = _extract(project)
    assert pot.read_bytes() == (ROOT / "locales" / "messages.pot").read_bytes()
    checked = run_msgfmt_check(pot)
    assert checked.returncode == 0, checked.stderr


def test_msgcat_does_not_change_the_template(project):
    pot = _extract(project)
    out = subprocess.run([tool("msgcat"), str(pot)], capture_output=True, check=True).stdout
    assert out == pot.read_bytes()


def test_second_extract_leaves_the_file_byte_identical(project, monkeypatch):
    pot = _extract(project)
    before = pot.read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2000000000")  # a later "now" must not leak in
    _extract(project)
    assert pot.read_bytes() == before


def _corrections() -> list[tuple[str, str]]:
    text = (ROOT / "source_content" / "CORRECTIONS.md").read_text(encoding="utf-8")
    pairs = re.findall(r"^- `(.+?)` → `(.+?)`", text, flags=re.MULTILINE)
    return [(old, new) for old, new in pairs if "…" not in old]


def _plain(markdown: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown).replace("**", "")
    return re.sub(r"\s+", " ", text)


def _names(tree) -> list[str]:
    names = []
    for value in tree.values():
        if isinstance(value, DataField):
            items = value.value if isinstance(value.value, list) else [value.value]
            names += [str(v) for v in items]
        elif isinstance(value, list):
            for item in value:
                names += _names(item)
    return names


def test_every_sentence_of_the_seed_is_in_the_template():
    config = load_config(ROOT)
    corpus = " ".join(_plain(u.msgid) + " " + _plain(u.msgid_plural or "")
                      for u in collect_units(config.source_dir, ROOT))
    names = [n for p in page_files(config.source_dir) for n in _names(load_page(p).tree)]
    missing = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        line = line.strip().lstrip("•").strip()
        if not line:
            continue
        for old, new in _corrections():
            line = line.replace(old, new)
        if line.startswith("MEP "):  # name and group are data, the role is translated
            name, country, _group = [p.strip() for p in line[4:].split(",")]
            assert name in names and country in corpus, line
            continue
        words = line.split()
        if line in names or sum(w in " ".join(names) for w in words) > 0.8 * len(words):
            continue  # a run of organisation names: data, checked below
        for sentence in re.split(r"(?<=[.!?:])\s+(?=[A-Z“])", line):
            if _plain(sentence) not in corpus:
                missing.append(sentence)
    assert missing == []


def test_names_are_data_not_messages():
    config = load_config(ROOT)
    msgids = {u.msgid for u in collect_units(config.source_dir, ROOT)}
    for name in ("Access Now", "Panoptykon Foundation", "Patrick Breyer", "Greens/EFA"):
        assert name not in msgids


def test_inserting_a_paragraph_keeps_every_other_identity(project):
    before = {m.key for m in read_po(_extract(project)).messages}
    page = project / "source_content" / "pages" / "home.yaml"
    text = page.read_text(encoding="utf-8")
    anchor = "      Governments, police forces and corporations use recording devices"
    assert anchor in text
    page.write_text(text.replace(anchor, "      A brand new paragraph.\n\n" + anchor),
                    encoding="utf-8")
    after = {m.key for m in read_po(_extract(project)).messages}
    assert after - before == {("home/what-is/body", "A brand new paragraph.")}
    assert before - after == set()


def test_contexts_are_field_paths_not_positions():
    config = load_config(ROOT)
    for path in page_files(config.source_dir):
        for field_path, field in iter_fields(load_page(path).tree):
            assert not any(part.isdigit() for part in field.ctxt.split("/")), field.ctxt


def test_same_text_twice_in_a_field_is_one_entry_with_two_references(project):
    page = project / "source_content" / "pages" / "home.yaml"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace(
        "    heading: The future must be ours to shape.",
        "    heading: |\n      Same words.\n\n      Same words.", 1), encoding="utf-8")
    catalog = read_po(_extract(project))
    assert [m.msgid for m in catalog.messages].count("Same words.") == 1


def test_plural_and_placeholder_messages_are_marked():
    catalog = read_po(ROOT / "locales" / "messages.pot")
    plural = catalog.index()[("partners/coalition/count", "{count} organisation supports the ban")]
    assert plural.msgid_plural and "python-brace-format" in plural.flags
    counter = [m for m in catalog.messages if m.msgctxt == "site/counter" and m.is_plural]
    assert counter and "python-format" in counter[0].flags


def test_buttons_carry_their_length_limit_for_translators():
    catalog = read_po(ROOT / "locales" / "messages.pot")
    cta = catalog.index()[("home/hero/cta", "Join the movement")]
    assert any("max-length:30" in c for c in cta.auto_comments)


def test_references_name_files_without_line_numbers_unless_asked(project):
    catalog = read_po(_extract(project))
    assert all(":" not in ref for m in catalog.messages for ref in m.references)
    run_extract(load_config(project), add_location="full")
    catalog = read_po(project / "locales" / "messages.pot")
    assert all(re.search(r":\d+$", ref) for m in catalog.messages for ref in m.references)


BAD_SOURCES = [
    ("invalid yaml", "page: home\nsections:\n\t- id: a\n", 3, "invalid YAML"),
    ("wrong type", "page: home\nsections:\n  - id: a\n    body: 12\n", 4, "int value"),
    ("unclosed bold", "page: home\nsections:\n  - id: a\n    body: Some **bold\n", 4,
     "unclosed Markdown"),
    ("unclosed link", "page: home\nsections:\n  - id: a\n    body: A [link](http://x.eu\n", 4,
     "unclosed Markdown"),
    ("wrong page id", "page: other\nsections: []\n", 1, "'page:' must be"),
    ("item without id", "page: home\nsections:\n  - body: x\n", 3, "'id'"),
    ("alias bomb", "page: home\na: &a [x, x]\nb: [*a, *a]\n", 3, "aliases"),
    ("html", "page: home\nsections:\n  - id: a\n    body: Hi <script>x</script>\n", 4, "HTML"),
]


@pytest.mark.parametrize("name, text, line, message", BAD_SOURCES, ids=[b[0] for b in BAD_SOURCES])
def test_bad_source_gives_file_and_line_and_exit_2(project, name, text, line, message):
    (project / "source_content" / "pages" / "home.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["--project", str(project), "extract"])
    assert result.exit_code == 2
    assert f"home.yaml:{line}:" in result.output and message in result.output
    assert "Traceback" not in result.output


def test_missing_pages_folder_is_a_clear_error(project):
    import shutil

    shutil.rmtree(project / "source_content" / "pages")
    result = CliRunner().invoke(cli, ["--project", str(project), "extract"])
    assert result.exit_code == 2 and "pages" in result.output


def test_pybabel_can_use_the_page_extractor(tmp_path):
    pybabel = tool("pybabel")
    (tmp_path / "babel.cfg").write_text("[reclaim_yaml: pages/*.yaml]\n")
    import shutil

    shutil.copytree(ROOT / "source_content" / "pages", tmp_path / "pages")
    out = subprocess.run([pybabel, "extract", "-F", "babel.cfg", "-o", "x.pot", "."],
                         cwd=tmp_path, capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    catalog = read_po(tmp_path / "x.pot")
    assert ("home/hero/cta", "Join the movement") in catalog.index()


@pytest.mark.parametrize("path", sorted((ROOT / "source_content").rglob("*.yaml")),
                         ids=lambda p: p.name)
def test_libyaml_and_pure_python_yaml_give_the_same_nodes(path, monkeypatch):
    """libyaml only makes loading faster: values, types and lines are the same."""
    from reclaim_i18n.content import yamlsrc

    text = path.read_text(encoding="utf-8")
    fast = yamlsrc.parse_yaml(text, path)
    monkeypatch.setattr(yamlsrc, "_compose_with_libyaml", lambda text: None)
    assert fast == yamlsrc.parse_yaml(text, path)
