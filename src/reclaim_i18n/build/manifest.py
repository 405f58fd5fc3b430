"""Completeness of a catalogue and the manifest of a build (one entry per locale).

Completeness (for the publishing threshold): words are the whitespace-separated words of
the English msgid; an entry counts as done when it is translated (every form filled, not
fuzzy); the total is every active entry. A catalogue without entries is 0 % done.
"""

from __future__ import annotations

import hashlib

from reclaim_i18n.pofile import Catalog

MANIFEST_SCHEMA = 1


def completeness(catalog: Catalog) -> dict:
    """``{"messages": {...}, "words": {...}}`` with translated, total and percent."""
    done_m = total_m = done_w = total_w = 0
    for msg in catalog.active:
        words = len(msg.msgid.split())
        total_m += 1
        total_w += words
        if msg.translated:
            done_m += 1
            done_w += words
    return {"messages": _counts(done_m, total_m), "words": _counts(done_w, total_w)}


def source_completeness(messages: int, words: int) -> dict:
    return {"messages": _counts(messages, messages), "words": _counts(words, words)}


def _counts(done: int, total: int) -> dict:
    percent = round(100.0 * done / total, 1) if total else 0.0
    return {"translated": done, "total": total, "percent": percent}


def words_percent(stats: dict) -> float:
    """Exact percentage of words (the threshold is compared against this, not a rounding)."""
    words = stats["words"]
    return 100.0 * words["translated"] / words["total"] if words["total"] else 0.0


def sha256(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def locale_entry(lang, *, completeness: dict | None, threshold: float, published: bool,
                 fallback: list[str], files: dict[str, str], source: bool = False,
                 plural_forms: str | None = None, fallbacks: int = 0,
                 error: str | None = None) -> dict:
    """One locale's record in the manifest (``lang`` is a :class:`Language`)."""
    return {
        "bcp47": lang.bcp47,
        "gettext": lang.gettext,
        "native_name": lang.native_name,
        "english_name": lang.english_name,
        "direction": lang.direction,
        "source": source,
        "status": "error" if error else "ok",
        "error": error,
        "completeness": completeness,
        "threshold": threshold,
        "published": published,
        "fallback": list(fallback),
        "fallback_fields": fallbacks,
        "plural_forms": plural_forms,
        "files": dict(sorted(files.items())),
    }


def build_manifest(entries: dict[str, dict], source_language: str, domain: str) -> dict:
    published = sorted(code for code, e in entries.items() if e["published"])
    return {
        "schema": MANIFEST_SCHEMA,
        "source_language": source_language,
        "domain": domain,
        "published": published,
        "failed": sorted(code for code, e in entries.items() if e["status"] == "error"),
        "locales": dict(sorted(entries.items())),
    }
