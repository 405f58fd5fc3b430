"""Errors a user can act on. The CLI prints them without a traceback."""

from __future__ import annotations

import contextlib
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
        """For a command's own error: the hint on a line of its own."""
        return self._where() + self.message + (f"\n  hint: {self.hint}" if self.hint else "")

    def one_line(self) -> str:
        """For one language among many (a build line, a report row, the manifest)."""
        return self._where() + self.message + (f" (hint: {self.hint})" if self.hint else "")

    def relative_to(self, root: str | Path) -> ReclaimError:
        """The same error with its path shown from ``root`` (the project, or the current
        folder), as people see paths; a path outside ``root`` stays as it is."""
        from reclaim_i18n.fsio import relative

        copy = _rebuild(type(self), self.message, self.path, self.line, self.hint)
        copy.path = relative(self.path, root) if self.path else self.path
        return copy

    def _where(self) -> str:
        if not self.path:
            return ""
        return f"{self.path}:{self.line}: " if self.line else f"{self.path}: "

    def __reduce__(self):
        # kept whole when a worker process sends it back (the default keeps only args)
        return _rebuild, (type(self), self.message, self.path, self.line, self.hint)


def _rebuild(cls, message, path, line, hint) -> ReclaimError:
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.message, error.path, error.line, error.hint = message, path, line, hint
    return error


class SourceError(ReclaimError):
    """The English source content (YAML, Markdown, templates) cannot be read."""

    exit_code = 2


class ConfigError(ReclaimError):
    """A setting in [tool.reclaim-i18n] is wrong; names the key and what is allowed."""

    exit_code = 2


class CatalogError(ReclaimError):
    """A PO/MO catalogue cannot be read: syntax, encoding, duplicate entries.

    ``more``: the file's further malformed entries (CatalogErrors), up to the reader's
    limit; ``check`` lists them all, other commands say how many there are."""

    exit_code = 1
    more: tuple = ()

    def one_line(self) -> str:
        extra = f" (and {len(self.more)} more in this file)" if self.more else ""
        return super().one_line() + extra

    def relative_to(self, root: str | Path) -> ReclaimError:
        copy = super().relative_to(root)
        copy.more = tuple(e.relative_to(root) for e in self.more)
        return copy

    def __reduce__(self):
        return _with_more, (super().__reduce__(), self.more)


def _with_more(reduced, more) -> CatalogError:
    rebuild, args = reduced
    error = rebuild(*args)
    error.more = more
    return error


class LockError(ReclaimError):
    """Another run holds the project's lock."""

    exit_code = 1


class OutputError(ReclaimError):
    """A file or folder the user chose (``--out``) cannot be written."""

    exit_code = 2


@contextlib.contextmanager
def writing_output(path: str | Path, example: str = "report.html"):
    """Turn an ``OSError`` while writing the user's ``path`` into an :class:`OutputError`
    that names that path (not a temporary file beside it) and what to do. ``example``: a
    file name to suggest when ``path`` is a folder."""
    try:
        yield
    except OSError as exc:
        what, hint = _output_problem(exc, str(path), example)
        raise OutputError(f"--out {path}: {what}",
                          hint=hint or "choose another place with --out") from None


def _output_problem(exc: OSError, path: str, example: str) -> tuple[str, str | None]:
    if isinstance(exc, IsADirectoryError):
        return "is a folder, not a file", f"give a file name, e.g. {path.rstrip('/')}/{example}"
    if isinstance(exc, (FileExistsError, NotADirectoryError)):  # a folder on the way is a file
        blocker = exc.filename if exc.filename and str(exc.filename) != path else None
        if blocker is None:  # the output is a folder (svg badges) and a file has its name
            return "is a file, not a folder", "give a folder; it is created when missing"
        return f"{blocker} is a file, not a folder", None
    if isinstance(exc, PermissionError):
        return "permission denied", None
    return f"cannot be written ({exc.strerror or exc})", None
