"""Completeness of a catalogue and the manifest of a build (one entry per locale).

Completeness is counted by :mod:`reclaim_i18n.stats` and shown as everywhere else
(:func:`reclaim_i18n.model.shown_percent`: one decimal, rounded down; a catalogue with
nothing to translate is 100 %), so the manifest and the report agree.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from reclaim_i18n.model import shown_percent

MANIFEST_SCHEMA = 1
MANIFEST_FILE = "bundles/manifest.json"   # in the output folder


def completeness(stats) -> dict:
    """``{"messages": {...}, "words": {...}}`` from :func:`reclaim_i18n.stats.catalog_stats`;
    ``needs_fixing``: translated, but kept out of every artefact by an error-level check."""
    return {"messages": {**_counts(stats.messages.translated, stats.messages.total,
                                   stats.messages.needs_fixing), **_approved(stats.messages)},
            "words": {**_counts(stats.words.translated, stats.words.total,
                                stats.words.needs_fixing), **_approved(stats.words)}}


def _approved(counts) -> dict:
    """Approved by a reviewer as it is now (review/), and its share as shown."""
    return {"approved": counts.approved,
            "approved_percent": shown_percent(counts.approved, counts.total)}


def source_completeness(messages: int, words: int) -> dict:
    # the source language needs no review: all of it counts as approved
    return {"messages": {**_counts(messages, messages), "approved": messages,
                         "approved_percent": 100.0},
            "words": {**_counts(words, words), "approved": words, "approved_percent": 100.0}}


def _counts(done: int, total: int, needs_fixing: int = 0) -> dict:
    return {"translated": done, "total": total, "percent": shown_percent(done, total),
            "needs_fixing": needs_fixing}


def sha256(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def locale_entry(lang, *, completeness: dict | None, threshold: float, fallback: list[str], files: dict[str, str], source: bool = False,
                 plural_forms: str | None = None, fallbacks: int = 0,
                 error: str | None = None) -> dict:
    """One locale's record in the manifest (``lang`` is a :class:`Language`); the runner
    decides its publication (:mod:`reclaim_i18n.publication`) and fills it in."""
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
        "unpublish_threshold": None,
        "published": False,
        "publication": None,
        "stale": False,
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
        "stale": sorted(code for code, e in entries.items() if e.get("stale")),
        "locales": dict(sorted(entries.items())),
    }


def read_manifest(out: Path) -> dict:
    """The locales of the manifest of the last build in ``out`` ({} when there is none)."""
    try:
        data = json.loads((Path(out) / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    locales = data.get("locales") if isinstance(data, dict) else None
    return locales if isinstance(locales, dict) else {}
