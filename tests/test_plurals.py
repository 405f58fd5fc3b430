"""The plural home: example numbers, one set of sample integers, the cache folder passed."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from reclaim_i18n import locales
from reclaim_i18n.cache import open_cache
from reclaim_i18n.checks import check_catalog, plural_info
from reclaim_i18n.config import DEFAULT_LANGUAGES, Config
from reclaim_i18n.locales import language
from reclaim_i18n.plurals.categories import categories, category_examples, category_indexes
from reclaim_i18n.plurals.expressions import form_examples, single_forms
from reclaim_i18n.pofile import Catalog, Message

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "reclaim_i18n"


@pytest.mark.parametrize("code, expected", [
    ("pl", {"one": "1", "few": "2, 3, 4, 22, 23, 24, …", "many": "0, 5, 6, 7, 8, 9, …"}),
    ("fr", {"one": "0, 1", "many": "1000000, 2000000, 10000000, …",
            "other": "2, 3, 4, 5, 6, 7, …"}),
    ("lv", {"zero": "0, 10, 11, 12, 13, 14, …", "one": "1, 21, 31, 41, 51, 61, …",
            "other": "2, 3, 4, 5, 6, 7, …"}),
    ("en", {"one": "1", "other": "0, 2, 3, 4, 5, 6, …"}),
    ("ga", {"one": "1", "two": "2", "few": "3, 4, 5, 6", "many": "7, 8, 9, 10",
            "other": "0, 11, 12, 13, 14, 15, …"}),
    ("ja", {"other": "0, 1, 2, 3, 4, 5, …"}),
])
def test_example_numbers_of_each_category(code, expected):
    shown = category_examples(code)
    assert list(shown) == list(expected)  # CLDR order: zero first in Latvian
    assert {cat: str(ex) for cat, ex in shown.items()} == expected


def test_example_numbers_of_a_files_own_forms():
    """gettext's French rule: msgstr[0] is for 0 and 1; a form no number reaches has none."""
    assert [str(e) for e in form_examples(2, "(n > 1)")] == ["0, 1", "2, 3, 4, 5, 6, 7, …"]
    assert form_examples(3, "(n != 1)")[2].numbers == ()
    assert form_examples(2, "(n != 1)", count=2)[1].numbers == (0, 2)


@pytest.mark.parametrize("code", [*DEFAULT_LANGUAGES, "en", "ar", "cy", "ru"])
def test_checks_and_build_agree_on_every_configured_language(code):
    """One set of sample integers: the check's view of a language's own Plural-Forms (how
    many forms, which are for a single number) is the build's view of its categories."""
    lang = language(code)
    examples = category_examples(code)
    assert tuple(examples) == lang.categories
    assert set(lang.categories) <= set(categories(code))
    nplurals, single = plural_info(lang.plural_forms)
    assert nplurals == lang.nplurals == len(examples)
    assert single == {i for i, cat in enumerate(lang.categories)
                      if len(examples[cat].numbers) == 1 and not examples[cat].more}
    own = category_indexes(code, lang.nplurals, lang.plural)
    assert [own[cat] for cat in lang.categories] == list(range(lang.nplurals))


def test_one_tuple_of_sample_integers_in_the_package():
    defined = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign):
                names = [t.id for t in node.targets if isinstance(t, ast.Name)]
                defined += [f"{path.relative_to(PACKAGE)}:{n}" for n in names if "SAMPLES" in n]
    assert defined == ["plurals/expressions.py:SAMPLES"]


def test_the_million_form_of_french_must_keep_the_number():
    """CLDR's French 'many' (1000000, 2000000, …) is not a form for one number: leaving
    out {count} there is an error, as in any other form but gettext's msgstr[0] for 1."""
    assert single_forms(language("fr").plural) == frozenset()
    assert single_forms("(n != 1)") == {0}
    found = _placeholder_findings("fr", ["{count} personne", "un million de personnes",
                                         "{count} personnes"])
    assert [f.message for f in found] == [
        "the placeholder “{count}” is missing from your translation (in msgstr[1])"]
    assert _placeholder_findings("de", ["eine Person", "{count} Personen"]) == []


def _placeholder_findings(code: str, forms: list[str]):
    header = ("Content-Type: text/plain; charset=UTF-8\n"
              f"Plural-Forms: {language(code).plural_forms}\n")
    msg = Message(msgid="{count} person", msgid_plural="{count} people", msgctxt="c",
                  msgstr_plural=forms, flags=["python-brace-format"], line=5, msgstr_line=6)
    catalog = Catalog(header=Message(msgid="", msgstr=header, line=1, msgstr_line=2),
                      messages=[msg], path="messages.po")
    config = Config(root=Path("/p"), source_dir=Path("/p/s"), locales_dir=Path("/p/l"),
                    build_dir=Path("/p/b"))
    return [f for f in check_catalog(catalog, code, config) if f.check == "placeholders"]


def test_language_data_is_kept_in_the_build_folder_it_is_given(tmp_path, monkeypatch):
    """Without the shipped table (another babel), a language comes from babel and is kept
    in the build folder passed in; with no folder nothing is written anywhere."""
    monkeypatch.setattr(locales, "TABLE_PATH", tmp_path / "gone.json")
    locales._shipped_table.cache_clear()
    locales._KNOWN.clear()
    kept = open_cache(tmp_path / "build", "languages")
    try:
        assert language("de").nplurals == 2
        assert kept.data == {}
        locales._KNOWN.clear()
        assert language("de", build_dir=tmp_path / "build") == language("de")
        assert [key.split()[0] for key in kept.data] == ["de"]
    finally:
        locales._shipped_table.cache_clear()
        locales._KNOWN.clear()
