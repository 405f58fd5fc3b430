"""The inputs of a build, read once and lazily: source content, catalogues, findings.

Also turns one locale's inputs into its artefacts (the pure builders do the work).
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from reclaim_i18n.build import manifest as mf
from reclaim_i18n.build import state as st
from reclaim_i18n.build.bundle import Layer, Source, build_bundle, make_layer, revision_date
from reclaim_i18n.config import Config
from reclaim_i18n.errors import CatalogError, ReclaimError
from reclaim_i18n.locales import gettext_code


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
        return st.files_digest([po_path(self.config, c) for c in codes], self.config.root)

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
            path = po_path(self.config, code)
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

    def excluded(self, code: str) -> frozenset:
        if code not in self._excluded:
            self._excluded[code] = excluded(self.catalog(code), code, self.config,
                                            self.glossary)
        return self._excluded[code]

    # ------------------------------------------------------------------ building
    def build_locale(self, code: str) -> tuple[dict, dict[str, bytes]]:
        """(manifest entry without files, {relative path: bytes})."""
        from reclaim_i18n.build.runner import output_paths

        for c in (code, *self.config.fallback_chain(code)):  # kept in build/.cache
            self.config.language(c)
        if code == self.config.source_language:
            return self._build_source()
        catalog = self.catalog(code)
        own = self.layer(code)
        chain = self.config.fallback_chain(code)
        layers = [own] + [self.layer(c) for c in chain if c != self.config.source_language]
        bundle = build_bundle(code, self.source, [layer for layer in layers if layer], chain,
                              revision_date(catalog) or self.source.updated)
        paths = output_paths(self.config, code)
        outputs = self._formats(paths, bundle)
        from reclaim_i18n.build.mo import write_mo

        outputs[paths["mo"]] = write_mo(catalog, self.excluded(code), own.nplurals, own.expr)
        from reclaim_i18n.stats import catalog_stats, is_published

        stats = catalog_stats(catalog, code)
        threshold = self.config.threshold(code)
        entry = mf.locale_entry(
            self.config.language(code), completeness=mf.completeness(stats), threshold=threshold,
            published=is_published(stats, threshold), fallback=list(chain), files={},
            plural_forms=f"nplurals={own.nplurals}; plural={own.expr};",
            fallbacks=_count_fallbacks(bundle))
        return entry, outputs

    def _build_source(self) -> tuple[dict, dict[str, bytes]]:
        from reclaim_i18n.build.runner import output_paths

        code = self.config.source_language
        bundle = build_bundle(code, self.source, [], (), self.source.updated)
        messages, words = _source_size(self.source)
        lang = self.config.language(code)
        entry = mf.locale_entry(
            lang, completeness=mf.source_completeness(messages, words), threshold=0.0,
            published=True, fallback=[], files={}, source=True,
            plural_forms=lang.plural_forms)
        return entry, self._formats(output_paths(self.config, code), bundle)

    @staticmethod
    def _formats(paths: dict[str, str], bundle: dict) -> dict[str, bytes]:
        from reclaim_i18n.build.formats import dump_json, dump_yaml, to_hugo, to_i18next

        return {paths["bundle"]: dump_json(bundle, sort_keys=False),
                paths["i18next"]: dump_json(to_i18next(bundle)),
                paths["hugo"]: dump_yaml(to_hugo(bundle))}

    def failed_entry(self, code: str, exc: Exception) -> dict:
        message = _relative_error(exc, self.config.root)
        return mf.locale_entry(self.config.language(code), completeness=None,
                               threshold=self.config.threshold(code), published=False,
                               fallback=list(self.config.fallback_chain(code)), files={},
                               error=message)

    def site_renderer(self):
        from reclaim_i18n.build.site import SiteRenderer

        return SiteRenderer(self.config.source_dir / "templates", self.config.site_url)


def po_path(config: Config, code: str) -> Path:
    """``config.po_path`` without computing the language's plural rules (no-op speed)."""
    return config.locales_dir / gettext_code(code) / "LC_MESSAGES" / f"{config.domain}.po"


def excluded(catalog, code: str, config: Config, glossary=None) -> frozenset:
    """Keys of entries with an ERROR finding: they fall back instead of being published."""
    from reclaim_i18n.checks import check_catalog
    from reclaim_i18n.model import Severity

    return frozenset((f.msgctxt, f.msgid) for f in check_catalog(catalog, code, config, glossary)
                     if f.severity == Severity.ERROR and f.msgid is not None)


def _count_fallbacks(bundle: dict) -> int:
    ui = bundle["fallbacks"]["ui"]
    return len(bundle["fallbacks"]["pages"]) + sum(len(v) for v in ui.values())


def _source_size(source: Source) -> tuple[int, int]:
    from reclaim_i18n.content.extract import merge_duplicates
    from reclaim_i18n.content.pages import page_units

    units = merge_duplicates([u for p in source.pages for u in page_units(p, p.id)]
                             + list(source.ui))
    return len(units), sum(len(u.msgid.split()) for u in units)


def _relative_error(exc: Exception, root: Path) -> str:
    if isinstance(exc, ReclaimError) and exc.path:
        try:
            rel = Path(exc.path).resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            rel = exc.path
        where = f"{rel}:{exc.line}: " if exc.line else f"{rel}: "
        return where + exc.message + (f" (hint: {exc.hint})" if exc.hint else "")
    return str(exc)
