"""Target languages: codes, names, direction and plural rules, all from babel's CLDR data.

Configuration names languages in BCP 47 (``sr-Latn``); catalogue folders use gettext
codes (``sr@latin``). Plural-Forms for new catalogues are compiled from CLDR's rules for
integer counts, keeping only the categories an integer can reach, in CLDR order.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from reclaim_i18n.errors import ConfigError

CLDR_ORDER = ("zero", "one", "two", "few", "many", "other")
# Integers that reach every category CLDR defines for integers (including 'many' of
# French and Catalan, which starts at one million).
# CLDR's integer rules look at n, n % 10, n % 100 and n % 1000000, so these suffice.
SAMPLES = tuple(range(220)) + tuple(
    base + k for base in (1000, 10**5, 10**6, 2 * 10**6, 10**7) for k in (0, 1, 2, 3, 5, 11, 12, 21))

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


def language(bcp47: str, key: str = "languages") -> Language:
    """Everything the pipeline needs to know about one language, from CLDR.

    ``key`` names the setting to blame when the code is wrong.
    """
    try:
        return _language(bcp47)
    except ConfigError as exc:
        raise ConfigError(exc.message, hint=f"{key}: {exc.hint}") from None


_STORE_DIR: Path | None = None  # where computed languages are kept, when a project is known


def remember_in(build_dir: Path) -> None:
    """Keep computed language data in ``build/.cache/languages.json``: loading CLDR
    data through babel costs ~20 ms a language, every command, otherwise. The cache is
    opened only for a language the shipped table does not answer."""
    global _STORE_DIR
    _STORE_DIR = build_dir


@cache
def _language(bcp47: str) -> Language:
    from dataclasses import asdict

    shipped = _shipped_table().get(bcp47)
    if isinstance(shipped, list) and len(shipped) == 8:
        return _from_row(bcp47, shipped)
    store, key = None, None
    if _STORE_DIR is not None:
        from reclaim_i18n.cache import code_digest, open_cache

        store = open_cache(_STORE_DIR, "languages")
        key = f"{bcp47} {code_digest(('locales.py',), ('babel',))}"
        stored = store.get(key)
        if stored:
            return Language(**{k: tuple(v) if isinstance(v, list) else v
                               for k, v in stored.items()})
    lang = _cldr_language(bcp47)
    if store is not None:
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


def _cldr_language(bcp47: str) -> Language:
    from babel import Locale, UnknownLocaleError

    if not is_valid_bcp47(bcp47):
        raise ConfigError(f"{bcp47!r} is not a BCP 47 language code",
                          hint="use codes like 'de', 'pt-BR' or 'sr-Latn'")
    try:
        loc = Locale.parse(bcp47, sep="-")
    except (UnknownLocaleError, ValueError):
        raise ConfigError(f"{bcp47!r} is not a language CLDR knows",
                          hint="check the spelling of the code") from None
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
        all_categories=tuple(c for c in CLDR_ORDER if c in loc.plural_form.tags | {"other"}),
    )


# ---------------------------------------------------------------- plural rules


def cldr_plural_forms(rule) -> tuple[int, str, tuple[str, ...]]:
    """Compile a babel ``PluralRule`` for integers into (nplurals, C expression, categories)."""
    reachable = {rule(n) for n in SAMPLES}
    categories = tuple(c for c in CLDR_ORDER if c in reachable)
    conditions = dict(rule.abstract)
    # The last category is the default branch ('other', or 'many' in Polish, where
    # 'other' holds only fractions).
    branches = [(_c_expr(conditions[c]), i) for i, c in enumerate(categories[:-1])]
    expr = str(len(categories) - 1)
    for cond, index in reversed(branches):
        expr = f"{cond} ? {index} : {expr}"
    return len(categories), f"({expr})" if branches else "0", categories


def _c_expr(node) -> str:
    value = _fold(node)
    return ("1" if value else "0") if isinstance(value, bool) else value


def _fold(node):
    """CLDR AST → C source, folding operands that are constant for integers (v=f=t=e=0)."""
    op, args = node
    if op in ("n", "i"):
        return "n"
    if op in ("v", "w", "f", "t", "c", "e"):
        return 0
    if op == "value":
        return args[0]
    if op == "mod":
        a, b = _fold(args[0]), _fold(args[1])
        return a % b if isinstance(a, int) else f"{a} % {b}"
    if op == "not":
        x = _fold(args[0])
        if isinstance(x, bool):
            return not x
        equal = re.match(r"^\((n(?: % \d+)?) == (\d+)\)$", x)
        return f"({equal.group(1)} != {equal.group(2)})" if equal else f"!{x}"
    if op in ("and", "or"):
        return _fold_bool(op, _fold(args[0]), _fold(args[1]))
    if op in ("is", "isnot"):
        node = ("relation", ("in", args[0], ("range_list", [(args[1], args[1])])))
        return _fold(node) if op == "is" else _fold(("not", (node,)))
    if op == "relation":
        _method, expr, (_, ranges) = args
        return _fold_relation(_fold(expr), [(_fold(a), _fold(b)) for a, b in ranges])
    raise ValueError(f"unknown plural rule node {op!r}")


def _fold_bool(op: str, a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        const, other = (a, b) if isinstance(a, bool) else (b, a)
        if op == "and":
            return other if const else False
        return True if const else other
    joiner = " && " if op == "and" else " || "
    return f"({a}{joiner}{b})"


def _fold_relation(expr, ranges):
    if isinstance(expr, int):
        return any(lo <= expr <= hi for lo, hi in ranges)
    parts = [f"{expr} == {lo}" if lo == hi else
             f"{expr} <= {hi}" if lo == 0 else f"{expr} >= {lo} && {expr} <= {hi}"
             for lo, hi in ranges]
    return "(" + " || ".join(f"({p})" if len(parts) > 1 else p for p in parts) + ")"


_PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$")


def parse_plural_forms(value: str) -> tuple[int, str]:
    """``nplurals=2; plural=(n > 1);`` → (2, "(n > 1)"); ValueError if malformed."""
    match = _PLURAL_FORMS.match(value or "")
    if not match:
        raise ValueError("Plural-Forms must look like 'nplurals=2; plural=(n != 1);'")
    nplurals, expr = int(match.group(1)), match.group(2)
    if not 1 <= nplurals <= 6:
        raise ValueError(f"nplurals={nplurals} is outside 1..6")
    plural_function(expr)
    return nplurals, expr


@lru_cache(maxsize=256)
def plural_function(expr: str):
    """A C plural expression → a Python function of n (stdlib's safe compiler)."""
    if len(expr) > 1000:
        raise ValueError("plural expression is too long")
    try:
        return gettext.c2py(expr)
    except (ValueError, SyntaxError, RecursionError) as exc:
        raise ValueError(f"plural expression {expr!r} does not parse: {exc}") from None


def category_indexes(bcp47: str, nplurals: int, expr: str) -> dict[str, int]:
    """Which msgstr[i] a catalogue with this Plural-Forms gives each CLDR category.

    Computed by evaluating both rules over the sample integers: the index most numbers
    of a category get. Categories no integer reaches take the index of 'other'.
    """
    lang = _language(bcp47)
    cldr = plural_function(lang.plural)  # CLDR's rule, compiled (exact for integers)
    rule = lambda n: lang.categories[cldr(n)]
    evaluate = plural_function(expr)
    votes: dict[str, dict[int, int]] = {}
    for n in SAMPLES:
        index = evaluate(n)
        if 0 <= index < nplurals:
            bucket = votes.setdefault(rule(n), {})
            bucket[index] = bucket.get(index, 0) + 1
    result = {cat: max(sorted(b), key=lambda i: b[i]) for cat, b in votes.items()}
    for cat in lang.all_categories:
        result.setdefault(cat, result.get("other", nplurals - 1))
    return dict(sorted(result.items(), key=lambda kv: CLDR_ORDER.index(kv[0])))
