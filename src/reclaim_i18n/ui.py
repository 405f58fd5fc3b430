"""Terminal output helpers: colour only on a terminal, NO_COLOR respected."""

from __future__ import annotations

import contextlib
import os
import sys

import click


def use_colour(stream=None) -> bool:
    stream = stream or sys.stdout
    return "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()


def style(text: str, **kwargs) -> str:
    return click.style(text, **kwargs) if use_colour() else text


@contextlib.contextmanager
def progress_bar(total: int, label: str):
    """A bar over languages on a terminal; silent elsewhere (CI logs stay short)."""
    if not sys.stderr.isatty() or total < 2:
        yield lambda outcome=None: None
        return
    with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
        yield lambda outcome=None: bar.update(1)


def print_update_outcome(outcome, root) -> None:
    from reclaim_i18n.fsio import relative

    path = relative(outcome.path, root)
    if outcome.error is not None:
        click.echo(style(f"error: {outcome.error.relative_to(root).one_line()}", fg="red"),
                   err=True)
        return
    s = outcome.summary
    state = "created" if outcome.created else ("updated" if outcome.changed else "unchanged")
    parts = [f"{s.kept} kept", f"{s.fuzzy} fuzzy", f"{s.carried} carried over",
             f"{s.new} new", f"{s.obsolete} obsolete"]
    for count, what in ((s.revived, "revived"), (s.restored, "restored"),
                        (s.moved, "carried through renames and moves"),
                        (s.suggested, "suggested")):
        if count:
            parts.append(f"{count} {what}")
    click.echo(f"{outcome.locale:8} {path}: {state}; " + ", ".join(parts))
    for note in outcome.notes:
        click.echo(style(f"         note: {note}", fg="yellow"))

