"""``[tool.reclaim-i18n]`` in pyproject.toml → a :class:`Config`.

Every setting has a default that makes the shipped campaign work; every bad value is a
:class:`ConfigError` naming the key and what is allowed.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from reclaim_i18n.errors import ConfigError
from reclaim_i18n.locales import (
    Language,
    bcp47_code,
    gettext_code,
    is_valid_bcp47,
    known_to_cldr,
    language,
    likely_subtags,
    normalise_bcp47,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the same parser, from PyPI (a dependency there)
    import tomli as tomllib

DEFAULT_LANGUAGES = (
    "bg", "cs", "da", "de", "el", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt",
    "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv", "ca", "lb", "mk", "nb", "sr",
    "sr-Latn",
)
_SECTION = "tool.reclaim-i18n"
_DOMAIN_RE = re.compile(r"^[A-Za-z0-9_.-]+$")
_KNOWN = {"source-dir", "locales-dir", "build-dir", "domain", "source-language", "languages",
          "site-url", "publish-threshold", "unpublish-threshold", "fail-under", "allowed-urls",
          "locale", "add-location", "max-length-default", "require-review", "self-review"}
_LOCALE_KNOWN = {"fallback", "publish-threshold", "unpublish-threshold", "fail-under",
                 "require-review", "self-review"}


@dataclass(frozen=True)
class LocaleConfig:
    fallback: tuple[str, ...] = ()
    publish_threshold: float | None = None
    unpublish_threshold: float | None = None
    fail_under: float | None = None
    require_review: bool | None = None   # None: the global setting
    self_review: bool | None = None


@dataclass(frozen=True)
class Config:
    root: Path
    source_dir: Path
    locales_dir: Path
    build_dir: Path
    domain: str = "messages"
    source_language: str = "en"
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    site_url: str = "https://reclaimyourface.eu"
    publish_threshold: float = 60.0
    unpublish_threshold: float | None = None   # None: half the publish threshold
    fail_under: float | None = None
    allowed_urls: tuple[str, ...] = ()
    add_location: str = "file"
    locale_settings: dict[str, LocaleConfig] = field(default_factory=dict)
    require_review: bool = False   # publish only approved translations (review/)
    self_review: bool = False      # the last translator of an entry may approve it

    @property
    def pot_path(self) -> Path:
        return self.locales_dir / f"{self.domain}.pot"

    def po_path(self, bcp47: str) -> Path:
        return self.locales_dir / gettext_code(bcp47) / "LC_MESSAGES" / f"{self.domain}.po"

    def language(self, bcp47: str) -> Language:
        return language(bcp47, build_dir=self.build_dir)

    def locale(self, bcp47: str) -> LocaleConfig:
        return self.locale_settings.get(bcp47, LocaleConfig())

    def fallback_chain(self, bcp47: str) -> tuple[str, ...]:
        """``lb`` → (``de``, ``en``): configured fallbacks, then the source language."""
        chain = [c for c in self.locale(bcp47).fallback if c != bcp47]
        if self.source_language not in chain:
            chain.append(self.source_language)
        return tuple(chain)

    def threshold(self, bcp47: str) -> float:
        value = self.locale(bcp47).publish_threshold
        return self.publish_threshold if value is None else value

    def unpublish_below(self, bcp47: str) -> float:
        """A published language stays published down to this % (publication.py)."""
        for value in (self.locale(bcp47).unpublish_threshold, self.unpublish_threshold):
            if value is not None:
                return value
        return self.threshold(bcp47) / 2

    def requires_review(self, bcp47: str) -> bool:
        value = self.locale(bcp47).require_review
        return self.require_review if value is None else value

    def allows_self_review(self, bcp47: str) -> bool:
        value = self.locale(bcp47).self_review
        return self.self_review if value is None else value

    def select(self, requested: tuple[str, ...] | list[str] | None,
               what: str | None = "--locale") -> tuple[str, ...]:
        """The configured languages, or those requested on the command line, as typed
        (``sr@latin``, ``sl_SI``, ``SL``); ``what``: the option they came from, None for
        a command's argument."""
        if not requested:
            return self.languages
        return tuple(dict.fromkeys(resolve_language(code, self.languages, what)
                                   for code in requested))


def resolve_language(typed: str, configured: tuple[str, ...], what: str | None = "--locale"
                     ) -> str:
    """The configured language a person means by ``typed``: a BCP 47 code in any case
    (``SL``, ``sr-latn``), with ``_`` (``sl_SI``), a catalogue folder's name
    (``sr@latin``), or one that CLDR's likely script and region make the same language
    (``sl-SI`` is ``sl``). Anything else is a ConfigError saying what was meant or how to
    add the language."""
    code = _canonical(typed)
    if code in configured:
        return code
    same = []
    if is_valid_bcp47(code):
        same = [c for c in configured if likely_subtags(c) == likely_subtags(code)]
        if len(same) == 1:
            return same[0]
    raise _unknown_language(typed, code, configured, same, what)


def _canonical(typed: str) -> str:
    text = str(typed).strip()
    if "@" not in text:
        return normalise_bcp47(text)
    base, _, modifier = text.partition("@")  # a gettext folder name: sr@latin, sr_RS@latin
    try:
        return bcp47_code(normalise_bcp47(base).replace("-", "_") + "@" + modifier.lower())
    except ValueError:
        return text


def _unknown_language(typed: str, code: str, configured: tuple[str, ...], same: list[str],
                      what: str | None) -> ConfigError:
    label = f"{what} {typed}" if what else f"language {typed!r}"  # an argument is no option
    listed = "configured: " + ", ".join(configured)
    if len(same) > 1:
        return ConfigError(f"{label} could be {' or '.join(same)}", hint="give one of them")
    if not known_to_cldr(code):
        return ConfigError(f"{label} is not one of the configured languages, nor a code "
                           "CLDR knows" + _did_you_mean(code, configured),
                           hint=listed + "; codes look like 'de', 'pt-BR' or 'sr-Latn'")
    near = [c for c in configured if c.split("-")[0] == code.split("-")[0]]
    return ConfigError(f"{label} is not one of the configured languages"
                       + _did_you_mean(code, configured, near),
                       hint=f'to add it, put "{code}" in languages under [{_SECTION}] in '
                            f'pyproject.toml (languages = [..., "{code}"]), then run '
                            f"'reclaim-i18n init {code}'" + ("" if near else f"; {listed}"))


def _did_you_mean(code: str, configured: tuple[str, ...], near: list[str] | None = None) -> str:
    import difflib

    lowered = {c.lower(): c for c in configured}
    near = near or [lowered[c] for c in difflib.get_close_matches(code.lower(), lowered, 3)]
    return f"; did you mean {' or '.join(near)}?" if near else ""


def find_project(start: Path | None = None) -> tuple[Path, dict]:
    """The nearest folder, from ``start`` (default: the current one) upwards, whose
    pyproject.toml has a [tool.reclaim-i18n] table, and that table. Outside a project a
    ConfigError: no command may guess one and write there."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        table = _read_table(folder / "pyproject.toml")
        if table is not None:
            return folder, table
    raise ConfigError(f"not in a reclaim-i18n project: no pyproject.toml with [{_SECTION}] "
                      f"in {here} or a folder above it",
                      hint=f"to start one, add [{_SECTION}] and languages = [\"de\", \"fr\"] "
                           "to a pyproject.toml here, then run 'reclaim-i18n extract' and "
                           "'reclaim-i18n init de'; or give the project's folder with --project")


def load_config(root: Path | None = None) -> Config:
    root, table = find_project(root)
    return config_from_table(table, root)


def _read_table(path: Path) -> dict | None:
    """The [tool.reclaim-i18n] table of a pyproject.toml; None when the file or the table
    is missing."""
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read pyproject.toml: {exc}", path) from None
    if "reclaim-i18n" not in text:  # most pyproject.toml files: no need to parse them
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"cannot read pyproject.toml: {exc}", path) from None
    tool = data.get("tool")
    return tool.get("reclaim-i18n") if isinstance(tool, dict) else None


def config_from_table(table: dict, root: Path) -> Config:
    if not isinstance(table, dict):
        raise ConfigError(f"[{_SECTION}] must be a table")
    unknown = sorted(set(table) - _KNOWN)
    if unknown:
        raise ConfigError(f"{_SECTION}: unknown key {unknown[0]!r}",
                          hint="known keys: " + ", ".join(sorted(_KNOWN)))
    source_language = _code(table.get("source-language", "en"), "source-language")
    languages = _languages(table.get("languages", list(DEFAULT_LANGUAGES)), source_language)
    config = Config(
        root=root,
        source_dir=_folder(root, table, "source-dir", "source_content"),
        locales_dir=_folder(root, table, "locales-dir", "locales"),
        build_dir=_folder(root, table, "build-dir", "build"),
        domain=_domain(table.get("domain", "messages")),
        source_language=source_language,
        languages=languages,
        site_url=_url(table.get("site-url", "https://reclaimyourface.eu")),
        publish_threshold=_percent(table.get("publish-threshold", 60), "publish-threshold"),
        unpublish_threshold=_optional_percent(table.get("unpublish-threshold"),
                                              "unpublish-threshold"),
        fail_under=_optional_percent(table.get("fail-under"), "fail-under"),
        allowed_urls=_strings(table.get("allowed-urls", []), "allowed-urls"),
        add_location=_choice(table.get("add-location", "file"), "add-location",
                             ("file", "full", "never")),
        locale_settings=_locale_settings(table.get("locale", {}), languages, source_language),
        require_review=_flag(table.get("require-review", False), "require-review"),
        self_review=_flag(table.get("self-review", False), "self-review"),
    )
    _check_unpublish(config)
    return config


def _check_unpublish(config: Config) -> None:
    """An unpublish threshold above the publish threshold would unpublish at once."""
    pairs = [("unpublish-threshold", config.unpublish_threshold, config.publish_threshold)]
    for code in config.languages:
        own = config.locale(code).unpublish_threshold
        key = f"locale.{code}.unpublish-threshold" if own is not None else "unpublish-threshold"
        pairs.append((key, config.unpublish_below(code), config.threshold(code)))
    for key, unpublish, publish in pairs:
        if unpublish is not None and unpublish > publish:
            raise ConfigError(f"{key} = {unpublish:g} is above the publish threshold "
                              f"({publish:g})", hint="a published language stays published "
                              "down to its unpublish threshold; it must not exceed "
                              "publish-threshold")


def _folder(root: Path, table: dict, key: str, default: str) -> Path:
    value = table.get(key, default)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{key} must be a folder name (a string)", hint=f'{key} = "{default}"')
    path = (root / value).resolve()
    if root.resolve() not in (path, *path.parents):
        raise ConfigError(f"{key} = {value!r} points outside the project",
                          hint="use a folder inside the project, e.g. " + repr(default))
    return path


def _code(value, key: str) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{key} must be a BCP 47 language code (a string)")
    code = normalise_bcp47(value)
    if not is_valid_bcp47(code):
        raise ConfigError(f"{key}: {value!r} is not a BCP 47 language code",
                          hint="use codes like 'de', 'pt-BR' or 'sr-Latn'")
    if not known_to_cldr(code):
        raise ConfigError(f"{key}: {value!r} is not a language CLDR knows",
                          hint="check the spelling of the code")
    return code


def _languages(value, source_language: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise ConfigError("languages must be a non-empty list of BCP 47 codes",
                          hint='languages = ["de", "fr", "sr-Latn"]')
    codes = [_code(v, "languages") for v in value]
    if source_language in codes:
        raise ConfigError(f"languages: {source_language!r} is the source language",
                          hint="list only the languages to translate into")
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    if dupes:
        raise ConfigError(f"languages: {dupes[0]!r} is listed twice")
    return tuple(codes)


def _domain(value) -> str:
    if not isinstance(value, str) or not _DOMAIN_RE.match(value):
        raise ConfigError("domain must be a simple file name such as 'messages'",
                          hint="letters, digits, '.', '_' and '-' only")
    return value


def _url(value) -> str:
    if not isinstance(value, str) or not re.match(r"^https?://[^\s/]+", value):
        raise ConfigError("site-url must be an http(s) URL", hint='site-url = "https://…"')
    return value.rstrip("/")


def _percent(value, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
        raise ConfigError(f"{key} must be a number from 0 to 100", hint=f"{key} = 60")
    return float(value)


def _optional_percent(value, key: str) -> float | None:
    return None if value is None else _percent(value, key)


def _strings(value, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{key} must be a list of strings")
    return tuple(value)


def _flag(value, key: str) -> bool | None:
    if value is not None and not isinstance(value, bool):
        raise ConfigError(f"{key} must be true or false", hint=f"{key} = true")
    return value


def _choice(value, key: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ConfigError(f"{key} must be one of: {', '.join(allowed)}")
    return value


def _locale_settings(value, languages: tuple[str, ...], source: str) -> dict[str, LocaleConfig]:
    if not isinstance(value, dict):
        raise ConfigError("locale must be a table of tables: [tool.reclaim-i18n.locale.de]")
    settings = {}
    for raw_code, table in value.items():
        code = _code(raw_code, f"locale.{raw_code}")
        key = f"locale.{raw_code}"
        if code not in languages:
            raise ConfigError(f"{key}: {code!r} is not in languages")
        if not isinstance(table, dict):
            raise ConfigError(f"{key} must be a table")
        unknown = sorted(set(table) - _LOCALE_KNOWN)
        if unknown:
            raise ConfigError(f"{key}: unknown key {unknown[0]!r}",
                              hint="known keys: " + ", ".join(sorted(_LOCALE_KNOWN)))
        fallback = table.get("fallback", [])
        if not isinstance(fallback, list):
            raise ConfigError(f"{key}.fallback must be a list of language codes")
        chain = tuple(_code(c, f"{key}.fallback") for c in fallback)
        for c in chain:
            if c not in languages and c != source:
                raise ConfigError(f"{key}.fallback: {c!r} is not a configured language")
        settings[code] = LocaleConfig(
            fallback=chain,
            publish_threshold=_optional_percent(table.get("publish-threshold"),
                                                f"{key}.publish-threshold"),
            unpublish_threshold=_optional_percent(table.get("unpublish-threshold"),
                                                  f"{key}.unpublish-threshold"),
            fail_under=_optional_percent(table.get("fail-under"), f"{key}.fail-under"),
            require_review=_flag(table.get("require-review"), f"{key}.require-review"),
            self_review=_flag(table.get("self-review"), f"{key}.self-review"),
        )
    return settings
