"""Completeness of a catalogue and the manifest of a build (one entry per locale).

Completeness is counted by :mod:`reclaim_i18n.stats` and shown as everywhere else
(:func:`reclaim_i18n.model.shown_percent`: one decimal, rounded down; a catalogue with
nothing to translate is 100 %), so the manifest and the report agree.
"""

from __future__ import annotations

import hashlib

from reclaim_i18n.model import shown_percent

MANIFEST_SCHEMA = 1


def completeness(stats) -> dict:
    """``{"messages": {...}, "words": {...}}`` from :func:`reclaim_i18n.stats.catalog_stats`;
    ``needs_fixing``: translated, but kept out of every artefact by an error-level check."""
    return {"messages": _counts(stats.messages.translated, stats.messages.total,
                                stats.messages.needs_fixing),
            "words": _counts(stats.words.translated, stats.words.total,
                             stats.words.needs_fixing)}


def source_completeness(messages: int, words: int) -> dict:
    return {"messages": _counts(messages, messages), "words": _counts(words, words)}


def _counts(done: int, total: int, needs_fixing: int = 0) -> dict:
    return {"translated": done, "total": total, "percent": shown_percent(done, total),
            "needs_fixing": needs_fixing}


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
