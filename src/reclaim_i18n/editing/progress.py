"""Progress of a language as the volunteer's home shows it: words, messages, approved,
and the pages in site order with what is left on each (the report's counting)."""

from __future__ import annotations

from reclaim_i18n.editing.entries import snapshot
from reclaim_i18n.pofile import Catalog


def page_order(config) -> list[str]:
    """Page ids in site order: the template's order, as the report shows them."""
    from reclaim_i18n.pofile import read_po
    from reclaim_i18n.stats import page_of

    if not config.pot_path.exists():
        return []
    return list(dict.fromkeys(page_of(m.msgctxt)[0] for m in read_po(config.pot_path).active))


def language_stats(config, code: str):
    """:func:`reclaim_i18n.stats.catalog_stats` of the catalogue as the editor has it; a
    language without a catalogue yet counts as the template with nothing translated."""
    from reclaim_i18n.model import Severity
    from reclaim_i18n.pofile import read_po
    from reclaim_i18n.stats import catalog_stats

    if not config.po_path(code).exists():
        if not config.pot_path.exists():
            return catalog_stats(Catalog(), code)
        return catalog_stats(read_po(config.pot_path), code)
    snap = snapshot(config, code)
    broken = frozenset(k for k, found in snap.findings.items()
                       if any(f.severity == Severity.ERROR for f in found))
    return catalog_stats(snap.catalog, code, broken, snap.approved)


def counts(messages, words) -> dict:
    return {"messages": messages.as_dict(), "words": words.as_dict(),
            "percent": words.percent, "approved_percent": words.approved_percent}


def language_progress(config, code: str) -> dict:
    """One language: its names and direction, and its counts (see :func:`counts`)."""
    lang = config.language(code)
    stats = language_stats(config, code)
    return {"locale": code, "native_name": lang.native_name,
            "english_name": lang.english_name, "direction": lang.direction,
            **counts(stats.messages, stats.words)}


def pages_left(config, code: str) -> list[dict]:
    """Each page in site order with its counts and what is left (messages, words)."""
    stats = language_stats(config, code)
    order = page_order(config)
    pages = order + [p for p in stats.pages if p not in order]
    out = []
    for page in pages:
        if page not in stats.pages:
            continue
        messages, words = stats.pages[page]
        out.append({"page": page, **counts(messages, words),
                    "left_messages": messages.total - messages.translated,
                    "left_words": words.total - words.translated})
    return out
