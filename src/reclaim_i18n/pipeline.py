"""The stages of the pipeline with their file I/O: each reads, calls pure code, writes."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from reclaim_i18n.config import Config
from reclaim_i18n.errors import CatalogError


@dataclass(frozen=True)
class ExtractResult:
    path: Path
    count: int
    changed: bool


_EXTRACT_CODE = ("content", "pofile", "pipeline.py", "model.py")
_UPDATE_CODE = ("merge.py", "plurals", "pofile", "pipeline.py", "locales.py")


def _sources_digest(config: Config, add_location: str) -> str:
    from reclaim_i18n.cache import code_digest, digest
    from reclaim_i18n.content.pages import page_files
    from reclaim_i18n.content.templates import template_files

    parts: list = [add_location, code_digest(_EXTRACT_CODE, ("markdown-it-py", "jinja2"))]
    for path in page_files(config.source_dir) + template_files(config.source_dir):
        parts += [path.relative_to(config.source_dir).as_posix(), path.read_bytes()]
    return digest(*parts)


def run_extract(config: Config, add_location: str = "file") -> ExtractResult:
    """Source content → template. Skipped when neither the sources nor the template
    changed since the last extraction (remembered in ``build/.cache/extract.json``)."""
    from reclaim_i18n.cache import digest, open_cache

    cache = open_cache(config.build_dir, "extract")
    key = _sources_digest(config, add_location)
    done = cache.get(key)
    if done and config.pot_path.is_file() and digest(config.pot_path.read_bytes()) == done[0]:
        return ExtractResult(config.pot_path, done[1], False)
    result = _extract(config, add_location)
    cache.put(key, [digest(config.pot_path.read_bytes()), result.count])
    return result


def _extract(config: Config, add_location: str) -> ExtractResult:
    from reclaim_i18n.content.extract import build_template, collect_units
    from reclaim_i18n.pofile import read_po, write_po

    units = collect_units(config.source_dir, config.root, with_lines=add_location == "full")
    if add_location == "never":
        units = [replace(u, refs=()) for u in units]
    previous = None
    if config.pot_path.exists():
        try:
            previous = read_po(config.pot_path)
        except CatalogError:
            previous = None  # a damaged template is regenerated from the source
    catalog = build_template(units, previous)
    changed = write_po(catalog, config.pot_path, keep_raw=False)  # the tool's own file
    return ExtractResult(config.pot_path, len(catalog.messages), changed)


# ------------------------------------------------------------------------- update

@dataclass
class LocaleOutcome:
    locale: str
    path: Path
    changed: bool = False
    created: bool = False
    summary: object = None
    error: Exception | None = None
    notes: tuple[str, ...] = ()


def read_template(config: Config):
    from reclaim_i18n.pofile import read_po

    if not config.pot_path.exists():
        raise CatalogError("the template does not exist yet", config.pot_path,
                           hint="run 'reclaim-i18n extract' first")
    return read_po(config.pot_path)


def new_catalog(config: Config, bcp47: str, template) -> Catalog:  # noqa: F821
    from reclaim_i18n import __version__
    from reclaim_i18n.pofile import Catalog, Message

    lang = config.language(bcp47)
    catalog = Catalog(header=Message(msgid="", comments=[
        f"{lang.english_name} translation of the Reclaim Your Face campaign.",
        "This file is distributed under the same licence as the campaign content."]))
    created = template.header_value("POT-Creation-Date") or ""
    for key, value in (
        ("Project-Id-Version", "reclaim-your-face"),
        ("Report-Msgid-Bugs-To", template.header_value("Report-Msgid-Bugs-To") or ""),
        ("POT-Creation-Date", created),
        ("PO-Revision-Date", created),
        ("Last-Translator", ""),
        ("Language-Team", f"{lang.english_name}"),
        ("Language", lang.gettext),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Plural-Forms", lang.plural_forms),
        ("X-Generator", f"reclaim-i18n {__version__}"),
    ):
        catalog.set_header(key, value)
    catalog.path = str(config.po_path(bcp47))
    return catalog


KEEP_PARSED_BYTES = 4 * 1024 * 1024  # catalogues kept in memory between the two passes


def run_update(config: Config, locales: tuple[str, ...], purge_obsolete: bool = False,
               migrate: bool = False, progress=None) -> list[LocaleOutcome]:
    """Merge the template into each catalogue; a broken catalogue is reported, not fatal."""
    from reclaim_i18n.merge import Matcher, merge_catalog
    from reclaim_i18n.plurals.catalog import catalog_plurals, migrate_plurals, mismatch_note
    from reclaim_i18n.pofile import read_po, write_po

    template = read_template(config)
    merged = _MergedFiles(config, template, purge_obsolete, migrate)
    outcomes = [LocaleOutcome(code, config.po_path(code)) for code in locales]
    pending = [o for o in outcomes if not merged.known(o)]
    # First pass: the old translations of every language, for the one shared matcher.
    # Catalogues are kept for the second pass while they are small; large ones are read
    # again, so memory stays bounded by one catalogue at a time.
    kept, budget, old_keys = {}, KEEP_PARSED_BYTES, set()
    for outcome in pending:
        if outcome.path.exists():
            try:
                catalog = read_po(outcome.path)
            except CatalogError as exc:
                outcome.error = exc
                continue
            old_keys |= {m.key for m in catalog.messages if m.has_translation}
            budget -= len(catalog.source_bytes or b"")
            if budget > 0:
                kept[outcome.locale] = catalog
    matcher = Matcher(template, old_keys)
    for outcome in outcomes:
        catalog = None
        if outcome in pending and outcome.error is None:
            if outcome.locale in kept:
                catalog = kept.pop(outcome.locale)
            elif outcome.path.exists():
                catalog = read_po(outcome.path)
            else:
                catalog = new_catalog(config, outcome.locale, template)
                outcome.created = True
        if catalog is not None:
            config.language(outcome.locale)  # first through config: kept in build/.cache
            notes = [w.note() for w in catalog.warnings]  # read, to be repaired on write
            if migrate:
                moved = migrate_plurals(catalog, outcome.locale)
                if moved:
                    notes.append(f"--migrate-plurals remapped {moved} plural entries (fuzzy)")
            nplurals, _ = catalog_plurals(catalog, outcome.locale)
            catalog, outcome.summary = merge_catalog(template, catalog, matcher, nplurals,
                                                     purge_obsolete)
            note = mismatch_note(catalog, outcome.locale)
            outcome.notes = tuple(notes + ([note] if note else []))
            _stamp_if_changed(catalog, template)
            outcome.changed = write_po(catalog, outcome.path)
            merged.remember(outcome)
        if progress:
            progress(outcome)
    return outcomes


class _MergedFiles:
    """Catalogues already merged with this very template: updating them again would
    change nothing, so they are not even parsed (``build/.cache/update.json``)."""

    def __init__(self, config: Config, template, purge: bool, migrate: bool):
        from reclaim_i18n.cache import code_digest, digest, open_cache

        self.cache = open_cache(config.build_dir, "update")
        self.salt = digest(template.source_bytes or b"", purge, migrate,
                           code_digest(_UPDATE_CODE, ("babel", "rapidfuzz")))
        self.kept = len(template.messages)

    def _key(self, path: Path) -> str | None:
        from reclaim_i18n.cache import digest

        try:
            return digest(self.salt, path.read_bytes())
        except OSError:
            return None

    def known(self, outcome: LocaleOutcome) -> bool:
        from reclaim_i18n.merge import MergeSummary

        key = self._key(outcome.path)
        notes = self.cache.get(key) if key else None
        if notes is None:
            return False
        outcome.summary, outcome.notes = MergeSummary(kept=self.kept), tuple(notes)
        return True

    def remember(self, outcome: LocaleOutcome) -> None:
        key = self._key(outcome.path)
        if key:
            self.cache.put(key, list(outcome.notes))


def _stamp_if_changed(catalog, template) -> None:
    from reclaim_i18n.pofile import catalog_modified

    if catalog.source_bytes is None or catalog_modified(catalog):
        stamp = template.header_value("POT-Creation-Date")
        if stamp and catalog.header_value("POT-Creation-Date") != stamp:
            catalog.set_header("POT-Creation-Date", stamp)


# ---------------------------------------------------------------- the whole chain

def _run_inputs(config: Config) -> str:
    """Digest of everything ``all`` reads: settings, sources, template, catalogues, code."""
    from reclaim_i18n.cache import code_digest, digest
    from reclaim_i18n.fsio import files_under

    catalogues = [full for rel, full in files_under(config.locales_dir)
                  if ".po" in rel.rpartition("/")[2]]  # .po and .pot
    files = [str(config.root / "pyproject.toml"),
             *(full for _, full in files_under(config.source_dir)), *catalogues]
    parts: list = [code_digest(("",), ("babel", "jinja2", "markdown-it-py", "nh3"))]
    for path in files:
        try:
            parts += [path, Path(path).read_bytes()]
        except OSError:  # gone, or not a regular file: its absence is the input
            parts.append(path)
    return digest(*parts)


def _outputs(config: Config) -> list[list]:
    """(path, size, mtime) of every file under the build folder but the caches."""
    from reclaim_i18n.fsio import files_under

    out = []
    for rel, full in files_under(config.build_dir, skip=(".cache",)):
        try:
            info = os.stat(full)
        except OSError:
            continue
        out.append([rel, info.st_size, info.st_mtime_ns])
    return out


def unchanged_since_last_run(config: Config) -> bool:
    """True when the inputs are those of the last complete ``all`` and its outputs are
    untouched: then there is nothing to do (as make decides from file dates, but by
    content)."""
    from reclaim_i18n.cache import open_cache

    last = open_cache(config.build_dir, "all").get("last")
    return bool(last) and last["inputs"] == _run_inputs(config) \
        and last["outputs"] == _outputs(config)


def remember_run(config: Config) -> None:
    from reclaim_i18n.cache import open_cache

    open_cache(config.build_dir, "all").put(
        "last", {"inputs": _run_inputs(config), "outputs": _outputs(config)})
