"""The update step: template + catalogues → merged catalogues, a summary per language.

Reads the template (:func:`reclaim_i18n.extract.read_template`) and each catalogue,
merges them with the pure :mod:`reclaim_i18n.merge` and writes the catalogues that
change. A broken catalogue is reported in its outcome; it never stops the others.
:func:`check_update` writes nothing: it says which files ``extract`` and ``update``
would change (``reclaim-i18n update --check``, for CI).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reclaim_i18n.config import Config
from reclaim_i18n.errors import CatalogError
from reclaim_i18n.extract import read_template

if TYPE_CHECKING:
    from reclaim_i18n.merge import Matcher
    from reclaim_i18n.pofile import Catalog

KEEP_PARSED_BYTES = 4 * 1024 * 1024  # catalogues kept in memory between the two passes


@dataclass
class LocaleOutcome:
    locale: str
    path: Path
    changed: bool = False  # written (by check_update: would be)
    created: bool = False
    summary: object = None
    error: Exception | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class UpdateCheck:
    """What ``extract`` then ``update`` would change, found without writing."""

    stale: tuple[Path, ...]               # the files they would write, template first
    outcomes: tuple[LocaleOutcome, ...]   # per catalogue, as run_update reports them

    @property
    def failed(self) -> bool:
        return any(o.error for o in self.outcomes)


def run_update(config: Config, locales: tuple[str, ...], purge_obsolete: bool = False,
               migrate: bool = False, progress=None, *, template: Catalog | None = None,
               write: bool = True) -> list[LocaleOutcome]:
    """Merge the template (default: the one on disk) into each catalogue, creating the
    missing ones. ``write=False`` leaves every file as it is; ``changed`` then says
    whether the file would change."""
    template = template if template is not None else read_template(config)
    merged = _MergedFiles(config, template, purge_obsolete, migrate)
    outcomes = [LocaleOutcome(code, config.po_path(code)) for code in locales]
    pending = [o for o in outcomes if not merged.known(o)]
    kept, matcher = _first_pass(pending, template)
    merge = _Merge(template, matcher, purge_obsolete, migrate, write)
    todo = {id(o) for o in pending}
    for outcome in outcomes:
        if id(outcome) in todo and outcome.error is None:
            catalog = kept.pop(outcome.locale, None)
            merge.into(outcome, catalog if catalog is not None else _open(config, outcome,
                                                                           template))
            if write:
                merged.remember(outcome)
        if progress:
            progress(outcome)
    if write:  # under the project lock: a killed run's temporary files go, not into git
        from reclaim_i18n.fsio import remove_leftovers

        remove_leftovers(config.locales_dir)
    return outcomes


def check_update(config: Config, locales: tuple[str, ...], purge_obsolete: bool = False,
                 migrate: bool = False) -> UpdateCheck:
    """The files ``extract`` and ``update`` would change (a new template first, then
    the catalogues merged with it), writing none."""
    from reclaim_i18n.extract import check_extract

    template_changes, template = check_extract(config, config.add_location)
    outcomes = run_update(config, locales, purge_obsolete, migrate, template=template,
                          write=False)
    stale = [config.pot_path] if template_changes else []
    stale += [o.path for o in outcomes if o.changed]
    return UpdateCheck(tuple(stale), tuple(outcomes))


def _first_pass(pending: list[LocaleOutcome], template) -> tuple[dict, Matcher]:
    """The old translations of every language, for the one shared matcher. Catalogues
    are kept for the second pass while they are small; large ones are read again, so
    memory stays bounded by one catalogue at a time."""
    from reclaim_i18n.merge import Matcher
    from reclaim_i18n.pofile import read_po

    kept, budget, old_keys = {}, KEEP_PARSED_BYTES, set()
    for outcome in pending:
        if not outcome.path.exists():
            continue
        try:
            catalog = read_po(outcome.path)
        except CatalogError as exc:
            outcome.error = exc
            continue
        old_keys |= {m.key for m in catalog.messages if m.has_translation}
        budget -= len(catalog.source_bytes or b"")
        if budget > 0:
            kept[outcome.locale] = catalog
    return kept, Matcher(template, old_keys)


def _open(config: Config, outcome: LocaleOutcome, template) -> Catalog:
    """The catalogue to merge into: read again, or a new one for a new language."""
    from reclaim_i18n.pofile import read_po

    config.language(outcome.locale)  # first through config: kept in build/.cache
    if outcome.path.exists():
        return read_po(outcome.path)
    outcome.created = True
    return new_catalog(config, outcome.locale, template)


@dataclass(frozen=True)
class _Merge:
    template: Catalog
    matcher: Matcher
    purge_obsolete: bool
    migrate: bool
    write: bool

    def into(self, outcome: LocaleOutcome, catalog: Catalog) -> None:
        """Merge the template into ``catalog``; write it (or say whether it would
        change) and note what a volunteer should know."""
        from reclaim_i18n.fsio import has_bytes, write_if_changed
        from reclaim_i18n.merge import merge_catalog
        from reclaim_i18n.plurals.catalog import catalog_plurals, migrate_plurals, mismatch_note
        from reclaim_i18n.pofile import po_bytes

        notes = [w.note() for w in catalog.warnings]  # read, to be repaired on write
        moved = migrate_plurals(catalog, outcome.locale) if self.migrate else 0
        if moved:
            notes.append(f"--migrate-plurals remapped {moved} plural entries (fuzzy)")
        nplurals, _ = catalog_plurals(catalog, outcome.locale)
        catalog, outcome.summary = merge_catalog(self.template, catalog, self.matcher,
                                                 nplurals, self.purge_obsolete)
        note = mismatch_note(catalog, outcome.locale)
        outcome.notes = tuple(notes + ([note] if note else []))
        _stamp_if_changed(catalog, self.template)
        data = po_bytes(catalog)
        outcome.changed = (write_if_changed(outcome.path, data) if self.write
                           else not has_bytes(outcome.path, data))


def new_catalog(config: Config, bcp47: str, template) -> Catalog:
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


class _MergedFiles:
    """Catalogues already merged with this very template: updating them again would
    change nothing, so they are not even parsed (``build/.cache/update.json``)."""

    def __init__(self, config: Config, template, purge: bool, migrate: bool):
        from reclaim_i18n.cache import digest, open_cache

        self.cache = open_cache(config.build_dir, "update")
        self.salt = digest(template.source_bytes or b"", purge, migrate)
        self.kept = len(template.messages)

    def _key(self, path: Path) -> str | None:
        from reclaim_i18n.cache import cache_key

        try:
            return cache_key(self.salt, path.read_bytes())
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
