"""Target languages: codes, names, direction and plural data, all from babel's CLDR data.

Configuration names languages in BCP 47 (``sr-Latn``); catalogue folders use gettext
codes (``sr@latin``). Each language carries CLDR's plural rule compiled to Plural-Forms
(by :mod:`reclaim_i18n.plurals.cldr`) as data; what the rules mean for a catalogue or a
number is :mod:`reclaim_i18n.plurals`' business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reclaim_i18n.errors import ConfigError
from reclaim_i18n.plurals.cldr import cldr_plural_forms, every_category

_BCP47 = re.compile(r"^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?$")
_GETTEXT = re.compile(r"^[a-z]{2,3}(?:_(?:[A-Z]{2}|[0-9]{3}))?(?:@[a-z]+)?$")
_SCRIPT_MODIFIERS = {"Latn": "latin", "Cyrl": "cyrillic", "Arab": "arabic", "Deva": "devanagari"}


@dataclass(frozen=True)
class Language:
    bcp47: str
    gettext: str
    english_name: str
    native_name: str
    direction: str
    nplurals: int
    plural: str
    categories: tuple[str, ...]       # reachable by whole numbers: the gettext forms
    all_categories: tuple[str, ...]   # every CLDR category, fractions included (i18next)

    @property
    def plural_forms(self) -> str:
        return f"nplurals={self.nplurals}; plural={self.plural};"


def normalise_bcp47(code: str) -> str:
    """``sr-latn`` → ``sr-Latn``, ``pt_br`` → ``pt-BR``; other text unchanged."""
    parts = str(code).replace("_", "-").split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        out.append(part.title() if len(part) == 4 else part.upper() if len(part) == 2 else part)
    return "-".join(out)


def is_valid_bcp47(code: str) -> bool:
    return bool(_BCP47.match(code))


def known_to_cldr(bcp47: str) -> bool:
    """Cheap existence test: is there CLDR locale data for this code? (Looks for babel's
    data file without importing babel, which costs more than a whole ``check`` run.)"""
    folder = _babel_data_folder()
    name = bcp47.replace("-", "_")
    return is_valid_bcp47(bcp47) and folder is not None and (folder / f"{name}.dat").is_file()


@cache
def _babel_data_folder() -> Path | None:
    from importlib.util import find_spec

    spec = find_spec("babel")
    return Path(spec.submodule_search_locations[0]) / "locale-data" if spec else None


def gettext_code(bcp47: str) -> str:
    """``sr-Latn`` → ``sr@latin``, ``pt-BR`` → ``pt_BR``."""
    parts = bcp47.split("-")
    lang, script, region = parts[0], None, None
    for part in parts[1:]:
        if len(part) == 4:
            script = part
        else:
            region = part
    code = lang + (f"_{region}" if region else "")
    if script:
        code += "@" + _SCRIPT_MODIFIERS.get(script, script.lower())
    return code


def bcp47_code(gettext_name: str) -> str:
    """``sr@latin`` → ``sr-Latn``; the inverse of :func:`gettext_code`."""
    if not _GETTEXT.match(gettext_name):
        raise ValueError(f"not a gettext language code: {gettext_name!r}")
    base, _, modifier = gettext_name.partition("@")
    lang, _, region = base.partition("_")
    scripts = {v: k for k, v in _SCRIPT_MODIFIERS.items()}
    parts = [lang]
    if modifier:
        parts.append(scripts.get(modifier, modifier.title()))
    if region:
        parts.append(region)
    return "-".join(parts)


@cache
def likely_subtags(bcp47: str) -> tuple[str, str, str]:
    """(language, script, region) with CLDR's likely script and region filled in:
    ``sl`` and ``sl-SI`` both give (sl, Latn, SI), ``sr-Latn`` (sr, Latn, RS), so two
    codes for one language compare equal."""
    from babel.core import get_global

    lang, *rest = bcp47.split("-")
    script = next((p for p in rest if len(p) == 4), "")
    region = next((p for p in rest if len(p) in (2, 3)), "")
    table = get_global("likely_subtags")
    for key in (f"{lang}_{script}_{region}", f"{lang}_{region}", f"{lang}_{script}", lang):
        if "__" not in key and not key.endswith("_") and key in table:
            _, likely_script, likely_region = table[key].split("_")
            return lang, script or likely_script, region or likely_region
    return lang, script, region


def language(bcp47: str, key: str = "languages", build_dir: Path | None = None) -> Language:
    """Everything the pipeline needs to know about one language, from CLDR.

    ``key`` names the setting to blame when the code is wrong. With a project's
    ``build_dir``, a language the shipped table does not answer is kept in
    ``build/.cache/languages.json``: loading CLDR data through babel costs ~20 ms a
    language, every command, otherwise.
    """
    try:
        return _language(bcp47, build_dir)
    except ConfigError as exc:
        raise ConfigError(exc.message, hint=f"{key}: {exc.hint}") from None


# The languages looked up in this process. An answer does not depend on where it was
# found (table, cache file or babel), so calls with and without a build_dir share it.
_KNOWN: dict[str, Language] = {}


def _language(bcp47: str, build_dir: Path | None = None) -> Language:
    if bcp47 not in _KNOWN:
        shipped = _shipped_table().get(bcp47)
        if isinstance(shipped, list) and len(shipped) == 8:
            _KNOWN[bcp47] = _from_row(bcp47, shipped)
        else:
            _KNOWN[bcp47] = _kept_or_computed(bcp47, build_dir)
    return _KNOWN[bcp47]


def _kept_or_computed(bcp47: str, build_dir: Path | None) -> Language:
    if build_dir is None:
        return _cldr_language(bcp47)
    from dataclasses import asdict

    from reclaim_i18n.cache import code_digest, open_cache

    store = open_cache(build_dir, "languages")
    key = f"{bcp47} {code_digest()}"
    stored = store.get(key)
    if stored:
        return Language(**{k: tuple(v) if isinstance(v, list) else v for k, v in stored.items()})
    lang = _cldr_language(bcp47)
    store.put(key, asdict(lang))
    return lang


# babel's answers for every locale it knows, computed ahead of time (`make languages`):
# loading CLDR data through babel costs ~10 ms a language in every command. Used only
# with the babel version that made it, so the data always is the installed babel's.
TABLE_PATH = Path(__file__).with_name("cldr_languages.json")


@cache
def _shipped_table() -> dict[str, list]:
    import json

    from reclaim_i18n.cache import installed_versions

    try:
        table = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(table, dict) or table.get("babel") != installed_versions().get("babel"):
        return {}
    rows = table.get("languages")
    return rows if isinstance(rows, dict) else {}


def _from_row(bcp47: str, row: list) -> Language:
    gettext_name, english, native, direction, nplurals, plural, categories, every = row
    return Language(bcp47=bcp47, gettext=gettext_name, english_name=english,
                    native_name=native, direction=direction, nplurals=nplurals,
                    plural=plural, categories=tuple(categories), all_categories=tuple(every))


def _to_row(lang: Language) -> list:
    return [lang.gettext, lang.english_name, lang.native_name, lang.direction,
            lang.nplurals, lang.plural, list(lang.categories), list(lang.all_categories)]


def language_table() -> dict:
    """What ``cldr_languages.json`` holds: every locale of the installed babel whose code
    the pipeline accepts, computed as :func:`language` would."""
    import babel
    from babel.localedata import locale_identifiers

    rows = {}
    for name in sorted(locale_identifiers()):
        code = normalise_bcp47(name)
        if is_valid_bcp47(code):
            rows[code] = _to_row(_cldr_language(code))
    return {"babel": babel.__version__, "languages": dict(sorted(rows.items()))}


def write_language_table(path: Path = TABLE_PATH) -> None:
    import json

    from reclaim_i18n.fsio import write_if_changed

    table = language_table()
    # one language a line: a new babel shows as a small diff
    lines = [f'  {json.dumps(code)}: {json.dumps(row, ensure_ascii=False)}'
             for code, row in table["languages"].items()]
    text = (f'{{\n"babel": {json.dumps(table["babel"])},\n"languages": {{\n'
            + ",\n".join(lines) + "\n}\n}\n")
    write_if_changed(path, text.encode("utf-8"))


def cldr_plural_rule(bcp47: str):
    """CLDR's whole plural rule (babel's ``PluralRule``), fractions and negatives included.
    Loads babel's data; :func:`language` answers whole numbers without it."""
    return _babel_locale(bcp47).plural_form


@cache
def _babel_locale(bcp47: str):
    from babel import Locale, UnknownLocaleError

    if not is_valid_bcp47(bcp47):
        raise ConfigError(f"{bcp47!r} is not a BCP 47 language code",
                          hint="use codes like 'de', 'pt-BR' or 'sr-Latn'")
    try:
        return Locale.parse(bcp47, sep="-")
    except (UnknownLocaleError, ValueError):
        raise ConfigError(f"{bcp47!r} is not a language CLDR knows",
                          hint="check the spelling of the code") from None


def _cldr_language(bcp47: str) -> Language:
    loc = _babel_locale(bcp47)
    nplurals, plural, categories = cldr_plural_forms(loc.plural_form)
    return Language(
        bcp47=bcp47,
        gettext=gettext_code(bcp47),
        english_name=loc.get_display_name("en") or bcp47,
        native_name=(loc.get_display_name(loc) or bcp47),
        direction=loc.text_direction,
        nplurals=nplurals,
        plural=plural,
        categories=categories,
        all_categories=every_category(loc.plural_form),
    )
