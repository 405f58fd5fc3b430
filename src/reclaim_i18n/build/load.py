"""The inputs of a build, read once and lazily: source content, catalogues, findings,
and the digests that tell whether a locale needs building again."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from reclaim_i18n.build import state as st
from reclaim_i18n.build.bundle import Layer, Source, make_layer, revision_date
from reclaim_i18n.config import Config
from reclaim_i18n.errors import CatalogError, ReclaimError
from reclaim_i18n.review import review_path, withheld


class Inputs:
    def __init__(self, config: Config):
        self.config = config
        self._catalogs: dict = {}
        self._layers: dict[str, Layer | None] = {}
        self._excluded: dict[str, frozenset] = {}

    # ------------------------------------------------------------------ digests
    def _source_files(self) -> list[Path]:
        from reclaim_i18n.content.pages import page_files
        from reclaim_i18n.content.templates import template_files

        src = self.config.source_dir
        return [*page_files(src), *template_files(src), src / "glossary.yaml",
                self.config.pot_path]

    def source_digest(self) -> str:
        if "_source_digest" not in self.__dict__:
            self._source_digest = st.files_digest(self._source_files(), self.config.root)
        return self._source_digest

    def site_digest(self) -> str:
        from reclaim_i18n.content.templates import template_files

        src = self.config.source_dir
        return st.files_digest([*template_files(src), src / "templates" / "site.css"],
                               self.config.root)

    def catalog_digest(self, code: str) -> str:
        chain = [code, *self.config.fallback_chain(code)]
        codes = [c for c in chain if c != self.config.source_language]
        paths = [p for c in codes for p in (self.config.po_path(c),
                                            review_path(self.config.po_path(c)))]
        return st.files_digest(paths, self.config.root)

    # ------------------------------------------------------------------- loading
    @cached_property
    def glossary(self):
        from reclaim_i18n.checks import load_glossary

        return load_glossary(self.config.source_dir)

    @cached_property
    def source(self) -> Source:
        from reclaim_i18n.content.extract import merge_duplicates
        from reclaim_i18n.content.pages import load_page, page_files
        from reclaim_i18n.content.templates import template_files, template_units

        src = self.config.source_dir
        pages = tuple(load_page(p) for p in page_files(src))
        ui = [u for p in template_files(src) for u in template_units(p, p.name)]
        updated = None
        if self.config.pot_path.is_file():
            from reclaim_i18n.pofile import read_po

            try:
                updated = revision_date(read_po(self.config.pot_path))
            except CatalogError:
                updated = None   # only the English page's "last updated" date is lost
        return Source(pages, tuple(merge_duplicates(ui)), self.config.source_language, updated)

    def catalog(self, code: str):
        """The parsed catalogue (cached); raises CatalogError with a relative path."""
        from reclaim_i18n.pofile import read_po

        if code not in self._catalogs:
            path = self.config.po_path(code)
            try:
                if not path.is_file():
                    raise CatalogError("the catalogue does not exist", path,
                                       hint="run 'reclaim-i18n update' to create it")
                self._catalogs[code] = read_po(path)
            except CatalogError as exc:
                self._catalogs[code] = exc
        value = self._catalogs[code]
        if isinstance(value, CatalogError):
            raise value
        return value

    def layer(self, code: str) -> Layer | None:
        """The publishable entries of a catalogue; None when it cannot be read."""
        if code not in self._layers:
            try:
                catalog = self.catalog(code)
            except CatalogError:
                self._layers[code] = None
            else:
                self._layers[code] = make_layer(code, catalog, self.excluded(code))
        return self._layers[code]

    def preload(self) -> None:
        """Load what every locale uses (source pages, glossary), so forked workers share
        it; a problem is left for the locale that needs the input to report."""
        for name in ("source", "glossary"):
            try:
                getattr(self, name)
            except ReclaimError:
                pass

    def release(self, pending: tuple[str, ...]) -> None:
        """Forget what the ``pending`` locales (still to be built) do not need, so a large
        build holds about one catalogue at a time: a catalogue unless it is pending, a
        layer or findings unless it is pending or a fallback of one (only until the last
        locale falling back to it is built)."""
        needed = {c for code in pending for c in (code, *self.config.fallback_chain(code))}
        for cache, keep in ((self._catalogs, set(pending)), (self._layers, needed),
                            (self._excluded, needed)):
            for code in [c for c in cache if c not in keep]:
                del cache[code]

    def broken(self, code: str) -> frozenset:
        """Keys of the entries that need fixing (an error-level finding)."""
        if code not in self._excluded:
            self._excluded[code] = broken(self.catalog(code), code, self.config,
                                          self.glossary)
        return self._excluded[code]

    def excluded(self, code: str) -> frozenset:
        """Keys of the entries no artefact carries: those that need fixing, and the
        unapproved ones where the language requires review. They fall back."""
        return self.broken(code) | withheld(self.catalog(code), code, self.config)


def broken(catalog, code: str, config: Config, glossary=None) -> frozenset:
    """Keys of entries with an ERROR finding (:func:`reclaim_i18n.stats.needs_fixing`)."""
    from reclaim_i18n.checks import check_catalog
    from reclaim_i18n.stats import needs_fixing

    return frozenset(needs_fixing(check_catalog(catalog, code, config, glossary)))
