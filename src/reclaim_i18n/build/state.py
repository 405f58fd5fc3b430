"""What makes a build incremental: digests of its inputs and a record of its outputs.

``<out>/.build-state.json`` maps each locale to the digest of everything its artefacts
depend on (its catalogue and those of its fallback chain, the source content, the
settings that concern it; made by :func:`reclaim_i18n.cache.cache_key`, so the code and
library versions too) and to the files it produced
with their hashes. A second build with the same digests and intact files does no work
and writes nothing. The file holds only hashes and the manifest entries.
"""

from __future__ import annotations

import json
from pathlib import Path

from reclaim_i18n.cache import digest
from reclaim_i18n.config import Config
from reclaim_i18n.fsio import relative

STATE_FILE = ".build-state.json"
STATE_SCHEMA = 1


def files_digest(paths: list[Path], root: Path) -> str:
    parts: list = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            data = b"<missing>"
        parts += [relative(path, root), data]
    return digest(*parts)


def locale_settings(config: Config, code: str) -> dict:
    return {"code": code, "domain": config.domain, "source": config.source_language,
            "threshold": config.threshold(code), "chain": list(config.fallback_chain(code)),
            "review": [config.requires_review(c) for c in (code, *config.fallback_chain(code))]}


def load_state(out: Path) -> dict:
    try:
        state = json.loads((out / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"schema": STATE_SCHEMA, "locales": {}}
    if not isinstance(state, dict) or state.get("schema") != STATE_SCHEMA:
        return {"schema": STATE_SCHEMA, "locales": {}}
    state.setdefault("locales", {})
    return state


def intact(out: Path, files: dict[str, str]) -> bool:
    """Every recorded file is there with the recorded content."""
    from reclaim_i18n.build.manifest import sha256

    for rel, expected in files.items():
        try:
            if sha256((out / rel).read_bytes()) != expected:
                return False
        except OSError:
            return False
    return True


def dump(data) -> bytes:
    """Canonical JSON: sorted keys, UTF-8, two-space indent, final newline."""
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()
