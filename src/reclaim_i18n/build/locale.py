"""One locale's inputs → its artefacts and manifest entry (the pure builders do the work).

Nothing here reads or writes files: :class:`~reclaim_i18n.build.load.Inputs` reads, the
runner writes what is returned.
"""

from __future__ import annotations

from reclaim_i18n.build import manifest as mf
from reclaim_i18n.build.bundle import Source, build_bundle, revision_date
from reclaim_i18n.build.entries import strip_emails
from reclaim_i18n.config import Config
from reclaim_i18n.errors import ReclaimError
from reclaim_i18n.locales import gettext_code


def output_paths(config: Config, code: str) -> dict[str, str]:
    """The artefacts of one locale, relative to the output folder."""
    paths = {"bundle": f"bundles/{code}.json", "i18next": f"i18next/{code}.json",
             "hugo": f"hugo/i18n/{code}.yaml"}
    if code != config.source_language:
        paths["mo"] = f"locale/{gettext_code(code)}/LC_MESSAGES/{config.domain}.mo"
    return paths


def build_locale(inputs, code: str) -> tuple[dict, dict[str, bytes]]:
    """(manifest entry without files and publication, {relative path: bytes}) of one
    locale."""
    from reclaim_i18n.build.mo import write_mo
    from reclaim_i18n.review import approved_keys, load_records
    from reclaim_i18n.stats import catalog_stats

    config = inputs.config
    for c in (code, *config.fallback_chain(code)):  # language data kept in build/.cache
        config.language(c)
    if code == config.source_language:
        return build_source(inputs)
    catalog = inputs.catalog(code)
    own = inputs.layer(code)
    chain = config.fallback_chain(code)
    layers = [own] + [inputs.layer(c) for c in chain if c != config.source_language]
    bundle = build_bundle(code, inputs.source, [layer for layer in layers if layer], chain,
                          revision_date(catalog) or inputs.source.updated)
    paths = output_paths(config, code)
    outputs = formats(paths, bundle)
    outputs[paths["mo"]] = write_mo(catalog, inputs.excluded(code), own.nplurals, own.expr)
    approved = approved_keys(catalog, load_records(catalog.path))
    stats = catalog_stats(catalog, code, inputs.broken(code), approved)  # needs fixing: not done
    entry = mf.locale_entry(
        config.language(code), completeness=mf.completeness(stats),
        threshold=config.threshold(code), fallback=list(chain), files={},
        plural_forms=f"nplurals={own.nplurals}; plural={own.expr};",
        fallbacks=_count_fallbacks(bundle))
    return entry, outputs


def build_source(inputs) -> tuple[dict, dict[str, bytes]]:
    """The source language: its bundle and resources, always published."""
    config = inputs.config
    code = config.source_language
    bundle = build_bundle(code, inputs.source, [], (), inputs.source.updated)
    messages, words = _source_size(inputs.source)
    lang = config.language(code)
    entry = mf.locale_entry(
        lang, completeness=mf.source_completeness(messages, words), threshold=0.0,
        fallback=[], files={}, source=True,
        plural_forms=lang.plural_forms)
    return entry, formats(output_paths(config, code), bundle)


def formats(paths: dict[str, str], bundle: dict) -> dict[str, bytes]:
    """The bundle and the i18next and Hugo resources made from it."""
    from reclaim_i18n.build.formats import dump_json, dump_yaml, to_hugo, to_i18next

    return {paths["bundle"]: dump_json(bundle, sort_keys=False),
            paths["i18next"]: dump_json(to_i18next(bundle)),
            paths["hugo"]: dump_yaml(to_hugo(bundle))}


def failed_entry(config: Config, code: str, error: ReclaimError) -> dict:
    """The manifest entry of a locale that could not be built, with its error."""
    return mf.locale_entry(config.language(code), completeness=None,
                           threshold=config.threshold(code), fallback=list(config.fallback_chain(code)), files={},
                           error=strip_emails(error.relative_to(config.root).one_line()))


def _count_fallbacks(bundle: dict) -> int:
    ui = bundle["fallbacks"]["ui"]
    return len(bundle["fallbacks"]["pages"]) + sum(len(v) for v in ui.values())


def _source_size(source: Source) -> tuple[int, int]:
    from reclaim_i18n.content.extract import merge_duplicates
    from reclaim_i18n.content.pages import page_units

    units = merge_duplicates([u for p in source.pages for u in page_units(p, p.id)]
                             + list(source.ui))
    return len(units), sum(len(u.msgid.split()) for u in units)
