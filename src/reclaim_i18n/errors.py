"""Errors a user can act on. The CLI prints them without a traceback."""

from __future__ import annotations

from pathlib import Path


class ReclaimError(Exception):
    """Base of every error the tool reports to a user.

    ``path`` and ``line`` say where the problem is (when known), ``hint`` what to do.
    """

    exit_code = 1

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None,
                 hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        text = f"{where}{self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class SourceError(ReclaimError):
    """The English source content (YAML, Markdown, templates) cannot be read."""

    exit_code = 2


class ConfigError(ReclaimError):
    """A setting in [tool.reclaim-i18n] is wrong; names the key and what is allowed."""

    exit_code = 2


class CatalogError(ReclaimError):
    """A PO/MO catalogue cannot be read: syntax, encoding, duplicate entries."""

    exit_code = 1


class LockError(ReclaimError):
    """Another run holds the project's lock."""

    exit_code = 1
