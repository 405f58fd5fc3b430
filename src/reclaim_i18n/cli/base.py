"""What every command shares: the --locale option, clear errors, the project lock and
the configuration (every command module of the package uses them)."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from reclaim_i18n.errors import ReclaimError

LOCALE_OPTION = click.option("--locale", "-l", "locales", multiple=True, metavar="CODE",
                             help="Only this language (BCP 47, e.g. de or sr-Latn); repeatable.")


def reports_errors(func):
    """Turn a ReclaimError into a clear message and its exit code, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except ReclaimError as exc:
            click.echo(f"error: {exc.relative_to(Path.cwd())}", err=True)
            sys.exit(exc.exit_code)
        except OSError as exc:  # the last resort: a file the tool needs, as the system says
            click.echo(f"error: {_relative(exc.filename or '?')}: {exc.strerror or exc}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)

    return wrapper


def _relative(path: str | Path) -> str:
    """Paths under the current folder are shown relative to it: shorter, still clickable."""
    from reclaim_i18n.fsio import relative

    return relative(path, Path.cwd())


def writes_project(func):
    """Hold the project lock while the command writes (one writing run at a time)."""

    @functools.wraps(func)
    def wrapper(ctx: click.Context, *args, **kwargs):
        from reclaim_i18n.lock import project_lock

        with project_lock(_config(ctx).root):
            return func(ctx, *args, **kwargs)

    return wrapper


def _config(ctx: click.Context):
    from reclaim_i18n.config import load_config

    if "config" not in ctx.meta:
        ctx.meta["config"] = load_config(ctx.obj.get("project"))
    return ctx.meta["config"]


def emit(data: bytes, out: Path | None, example: str, summary: str) -> None:
    """Print ``data``, or write it to ``--out`` (atomically; a path that cannot be written
    is one line and exit 2, ``example`` showing a good name) and say what was written."""
    from reclaim_i18n.errors import writing_output
    from reclaim_i18n.fsio import write_if_changed

    if out is None:
        click.echo(data.decode("utf-8"), nl=False)
        return
    with writing_output(out, example=example):
        write_if_changed(out, data)
    click.echo(f"wrote {out}: {summary}", err=True)
