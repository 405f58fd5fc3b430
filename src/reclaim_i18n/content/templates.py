"""Interface strings of the site templates, found by Jinja2's own Babel extractor."""

from __future__ import annotations

import io
from pathlib import Path

from reclaim_i18n.errors import SourceError
from reclaim_i18n.model import SourceUnit

KEYWORDS = ("_", "gettext", "ngettext", "pgettext", "npgettext")
TEMPLATE_SUFFIXES = (".html", ".j2", ".jinja", ".txt", ".xml")


def template_files(source_dir: Path) -> list[Path]:
    folder = source_dir / "templates"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.suffix in TEMPLATE_SUFFIXES and p.is_file())


def template_units(path: Path, ref: str, with_lines: bool = False) -> list[SourceUnit]:
    from jinja2 import TemplateSyntaxError
    from jinja2.ext import babel_extract

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read template: {exc.strerror}", path) from None
    options = {"extensions": "jinja2.ext.i18n", "trimmed": "false", "silent": "false"}
    units = []
    try:
        for lineno, func, message, comments in babel_extract(
                io.BytesIO(data), KEYWORDS, ["NOTE:", "Translators:"], options):
            unit = _unit(func, message, comments, f"{ref}:{lineno}" if with_lines else ref)
            if unit is not None:
                units.append(unit)
    except TemplateSyntaxError as exc:
        raise SourceError(f"template syntax error: {exc.message}", path, exc.lineno) from None
    except UnicodeDecodeError:
        raise SourceError("template is not UTF-8", path) from None
    return units


def _unit(func: str, message, comments, ref: str) -> SourceUnit | None:
    parts = message if isinstance(message, tuple) else (message,)
    ctxt = None
    if func in ("pgettext", "npgettext"):
        ctxt, parts = parts[0], parts[1:]
    singular = parts[0]
    plural = parts[1] if func in ("ngettext", "npgettext") and len(parts) > 1 else None
    if not isinstance(singular, str) or not singular:
        return None
    text = singular + (plural or "")
    flags = ("python-format",) if "%(" in text else ()
    where = f"Site interface ({ctxt})." if ctxt else "Site interface."
    return SourceUnit(msgctxt=ctxt, msgid=singular, msgid_plural=plural,
                      comments=(where, *comments), flags=flags, refs=(ref,))
