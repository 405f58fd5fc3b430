"""What makes a build incremental: digests of its inputs and a record of its outputs.

``<out>/.build-state.json`` maps each locale to the digest of everything its artefacts
depend on (its catalogue and those of its fallback chain, the source content, the
settings that concern it, the code and library versions) and to the files it produced
with their hashes. A second build with the same digests and intact files does no work
and writes nothing. The file holds only hashes and the manifest entries.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from reclaim_i18n.config import Config

STATE_FILE = ".build-state.json"
STATE_SCHEMA = 1
_LIBRARIES = ("babel", "jinja2", "markdown-it-py", "nh3", "pyyaml", "markupsafe")
# The modules whose code shapes the artefacts (a change to the CLI or reports does not).
_CODE = ("build", "checks", "content", "config.py", "errors.py", "html_policy.py",
         "locales.py", "model.py", "plurals", "pofile", "review", "stats.py")


def digest(*parts) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else json.dumps(part, sort_keys=True).encode()
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def code_digest() -> str:
    """The tool's own code and the versions of the libraries that shape the output."""
    from reclaim_i18n.cache import code_digest as digest_of

    return digest_of(_CODE, _LIBRARIES)


def files_digest(paths: list[Path], root: Path) -> str:
    parts: list = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            data = b"<missing>"
        parts += [path.relative_to(root).as_posix() if root in path.parents else str(path), data]
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
