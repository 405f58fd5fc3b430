"""Command line: a thin layer that parses options, calls the library and reports.

Exit codes: 0 ok, 1 problems found, 2 usage or configuration error.
"""

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
            exc.path = _relative(exc.path)
            click.echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)

    return wrapper


def _relative(path: str | None) -> str | None:
    """Paths under the current folder are shown relative to it: shorter, still clickable."""
    if not path:
        return path
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return path


def _config(ctx: click.Context):
    from reclaim_i18n.config import load_config

    if "config" not in ctx.meta:
        ctx.meta["config"] = load_config(ctx.obj.get("project"))
    return ctx.meta["config"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--project", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Project folder (the one with pyproject.toml). Default: the current one.")
@click.version_option(package_name="reclaim-i18n")
@click.pass_context
def cli(ctx: click.Context, project: Path | None) -> None:
    """Translation pipeline of the Reclaim Your Face campaign.

    \b
    extract → update → check → build → report:
      reclaim-i18n all              # the whole chain on this project
      reclaim-i18n check --locale de
    """
    ctx.ensure_object(dict)
    ctx.obj["project"] = project


@cli.command()
@click.option("--add-location", type=click.Choice(["file", "full", "never"]), default=None,
              help="References: file only (default), file:line, or none.")
@click.pass_context
@reports_errors
def extract(ctx: click.Context, add_location: str | None) -> None:
    """Extract the source content into the template locales/messages.pot.

    \b
    Example:
      reclaim-i18n extract
      reclaim-i18n extract --add-location full
    """
    from reclaim_i18n.pipeline import run_extract

    config = _config(ctx)
    result = run_extract(config, add_location or config.add_location)
    state = "written" if result.changed else "unchanged"
    click.echo(f"{result.path.relative_to(config.root)}: {result.count} messages ({state})")


def main() -> None:
    cli(prog_name="reclaim-i18n")


@cli.command()
@LOCALE_OPTION
@click.option("--purge-obsolete", is_flag=True, help="Delete obsolete (#~) entries instead of keeping them.")
@click.option("--migrate-plurals", is_flag=True,
              help="Remap plural forms from the file's Plural-Forms to CLDR's (entries become fuzzy).")
@click.pass_context
@reports_errors
def update(ctx: click.Context, locales, purge_obsolete: bool, migrate_plurals: bool) -> None:
    """Merge the template into every catalogue, losing nothing a volunteer wrote.

    Exact matches keep their translation; changed English gets the old translation as
    fuzzy with the previous text (#|); typography-only changes carry it over;
    removed entries become obsolete (#~). A broken catalogue is reported and skipped.

    \b
    Example:
      reclaim-i18n update
      reclaim-i18n update --locale de --locale fr
    """
    from reclaim_i18n.pipeline import run_update
    from reclaim_i18n.ui import print_update_outcome, progress_bar

    config = _config(ctx)
    codes = config.select(locales)
    with progress_bar(len(codes), "update") as tick:
        outcomes = run_update(config, codes, purge_obsolete, migrate_plurals, progress=tick)
    for outcome in outcomes:
        print_update_outcome(outcome, config.root)
    if any(o.error for o in outcomes):
        sys.exit(1)


@cli.command()
@click.argument("locale")
@click.pass_context
@reports_errors
def init(ctx: click.Context, locale: str) -> None:
    """Create the catalogue of a new language from the template.

    The language must be listed in [tool.reclaim-i18n] languages in pyproject.toml.

    \b
    Example:
      reclaim-i18n init sr-Latn     # creates locales/sr@latin/LC_MESSAGES/messages.po
    """
    from reclaim_i18n.errors import ConfigError
    from reclaim_i18n.pipeline import run_update
    from reclaim_i18n.ui import print_update_outcome

    config = _config(ctx)
    (code,) = config.select([locale])
    if config.po_path(code).exists():
        raise ConfigError(f"{config.po_path(code).relative_to(config.root)} exists already",
                          hint="use 'reclaim-i18n update' to bring it up to date")
    for outcome in run_update(config, (code,)):
        print_update_outcome(outcome, config.root)
