"""The extract step: source content → the template ``locales/messages.pot``.

Reads the pages and site templates, builds the template with the pure
:mod:`reclaim_i18n.content.extract` and writes it. The template is the tool's own file:
:func:`read_template` is how every later step reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from reclaim_i18n.config import Config
from reclaim_i18n.errors import CatalogError

if TYPE_CHECKING:
    from reclaim_i18n.pofile import Catalog


@dataclass(frozen=True)
class ExtractResult:
    path: Path
    count: int
    changed: bool


def run_extract(config: Config, add_location: str = "file") -> ExtractResult:
    """Source content → template. Skipped when neither the sources nor the template
    changed since the last extraction (remembered in ``build/.cache/extract.json``)."""
    from reclaim_i18n.cache import cache_key, digest, open_cache
    from reclaim_i18n.pofile import write_po

    cache = open_cache(config.build_dir, "extract")
    key = cache_key(*_sources(config, add_location))
    done = _unchanged(config, cache.get(key))
    if done is not None:
        return done
    catalog = _template(config, add_location)
    changed = write_po(catalog, config.pot_path, keep_raw=False)  # the tool's own file
    cache.put(key, [digest(config.pot_path.read_bytes()), len(catalog.messages)])
    return ExtractResult(config.pot_path, len(catalog.messages), changed)


def check_extract(config: Config, add_location: str = "file") -> tuple[bool, Catalog]:
    """What :func:`run_extract` would do, writing nothing: (whether the template would
    change, the template as the next steps would then read it)."""
    from reclaim_i18n.cache import cache_key, open_cache
    from reclaim_i18n.fsio import has_bytes
    from reclaim_i18n.pofile import parse_po, po_bytes

    key = cache_key(*_sources(config, add_location))
    if _unchanged(config, open_cache(config.build_dir, "extract").get(key)) is not None:
        return False, read_template(config)
    data = po_bytes(_template(config, add_location), keep_raw=False)
    return not has_bytes(config.pot_path, data), parse_po(data, str(config.pot_path))


def read_template(config: Config) -> Catalog:
    from reclaim_i18n.pofile import read_po

    if not config.pot_path.exists():
        raise CatalogError("the template does not exist yet", config.pot_path,
                           hint="run 'reclaim-i18n extract' first")
    return read_po(config.pot_path)


def _sources(config: Config, add_location: str) -> list:
    """What the template depends on, besides the code: every page and site template."""
    from reclaim_i18n.content.pages import page_files
    from reclaim_i18n.content.templates import template_files

    parts: list = [add_location]
    for path in page_files(config.source_dir) + template_files(config.source_dir):
        parts += [path.relative_to(config.source_dir).as_posix(), path.read_bytes()]
    return parts


def _unchanged(config: Config, done) -> ExtractResult | None:
    """The last extraction's result when the template on disk is still what it wrote."""
    from reclaim_i18n.cache import digest

    if done and config.pot_path.is_file() and digest(config.pot_path.read_bytes()) == done[0]:
        return ExtractResult(config.pot_path, done[1], False)
    return None


def _template(config: Config, add_location: str) -> Catalog:
    from reclaim_i18n.content.extract import build_template, collect_units
    from reclaim_i18n.pofile import read_po

    units = collect_units(config.source_dir, config.root, with_lines=add_location == "full")
    if add_location == "never":
        units = [replace(u, refs=()) for u in units]
    previous = None
    if config.pot_path.exists():
        try:
            previous = read_po(config.pot_path)
        except CatalogError:
            previous = None  # a damaged template is regenerated from the source
    return build_template(units, previous)
