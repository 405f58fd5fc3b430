"""The pipeline's commands: extract, update, init, check, build and all (thin: options in,
library called, results echoed)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reclaim_i18n.cli.base import LOCALE_OPTION, _config, _relative, reports_errors, writes_project


@click.command()
@click.option("--add-location", type=click.Choice(["file", "full", "never"]), default=None,
              help="References: file only (default), file:line, or none.")
@click.pass_context
@reports_errors
@writes_project
def extract(ctx: click.Context, add_location: str | None) -> None:
    """Extract the source content into the template locales/messages.pot.

    \b
    Example:
      reclaim-i18n extract
      reclaim-i18n extract --add-location full
    """
    from reclaim_i18n.extract import run_extract

    config = _config(ctx)
    result = run_extract(config, add_location or config.add_location)
    state = "written" if result.changed else "unchanged"
    click.echo(f"{result.path.relative_to(config.root)}: {result.count} messages ({state})")


@click.command()
@LOCALE_OPTION
@click.option("--purge-obsolete", is_flag=True, help="Delete obsolete (#~) entries instead of keeping them.")
@click.option("--migrate-plurals", is_flag=True,
              help="Remap plural forms from the file's Plural-Forms to CLDR's (entries become fuzzy).")
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 naming the files that extract and update would "
                   "change (for CI).")
@click.pass_context
@reports_errors
def update(ctx: click.Context, locales, purge_obsolete: bool, migrate_plurals: bool,
           check: bool) -> None:
    """Merge the template into every catalogue, losing nothing a volunteer wrote.

    Exact matches keep their translation; changed English gets the old translation as
    fuzzy with the previous text (#|); typography-only changes carry it over;
    removed entries become obsolete (#~). A broken catalogue is reported and skipped.
    With --check nothing is written: exit 0 when the template and the catalogues are
    up to date with the source content, else 1, naming each file that would change.

    \b
    Example:
      reclaim-i18n update
      reclaim-i18n update --locale de --locale fr
      reclaim-i18n update --check     # in CI: are the catalogues up to date?
    """
    if check:
        _check_update(_config(ctx), locales, purge_obsolete, migrate_plurals)
    else:
        _update(ctx, locales, purge_obsolete, migrate_plurals)


@writes_project
def _update(ctx: click.Context, locales, purge_obsolete: bool, migrate_plurals: bool) -> None:
    from reclaim_i18n.ui import print_update_outcome, progress_bar
    from reclaim_i18n.update import run_update

    config = _config(ctx)
    codes = config.select(locales)
    with progress_bar(len(codes), "update") as tick:
        outcomes = run_update(config, codes, purge_obsolete, migrate_plurals, progress=tick)
    for outcome in outcomes:
        print_update_outcome(outcome, config.root)
    if any(o.error for o in outcomes):
        sys.exit(1)


def _check_update(config, locales, purge_obsolete: bool, migrate_plurals: bool) -> None:
    """``update --check`` only reads: it takes no lock and leaves every file as it is."""
    from reclaim_i18n.ui import print_update_outcome
    from reclaim_i18n.update import check_update

    result = check_update(config, config.select(locales), purge_obsolete, migrate_plurals)
    for outcome in (o for o in result.outcomes if o.error):
        print_update_outcome(outcome, config.root)
    for path in result.stale:
        click.echo(f"would change {_relative(str(path))}")
    if result.stale:
        click.echo(f"{len(result.stale)} file(s) out of date: run 'reclaim-i18n extract' "
                   "and 'reclaim-i18n update' (or 'reclaim-i18n all')", err=True)
    if result.stale or result.failed:
        sys.exit(1)
    click.echo(f"up to date: the template and {len(result.outcomes)} catalogue(s)")


@click.command()
@click.argument("locale")
@click.pass_context
@reports_errors
@writes_project
def init(ctx: click.Context, locale: str) -> None:
    """Create the catalogue of a new language from the template.

    The language must be listed in [tool.reclaim-i18n] languages in pyproject.toml.

    \b
    Example:
      reclaim-i18n init sr-Latn     # creates locales/sr@latin/LC_MESSAGES/messages.po
    """
    from reclaim_i18n.errors import ConfigError
    from reclaim_i18n.ui import print_update_outcome
    from reclaim_i18n.update import run_update

    config = _config(ctx)
    (code,) = config.select([locale], what=None)
    if config.po_path(code).exists():
        raise ConfigError(f"{config.po_path(code).relative_to(config.root)} exists already",
                          hint="use 'reclaim-i18n update' to bring it up to date")
    for outcome in run_update(config, (code,)):
        print_update_outcome(outcome, config.root)


@click.command()
@click.option("--out", "-o", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder (default: build-dir of [tool.reclaim-i18n], 'build').")
@LOCALE_OPTION
@click.pass_context
@reports_errors
@writes_project
def build(ctx: click.Context, out: Path | None, locales) -> None:
    """Build what the website uses: .mo files, bundles, i18next and Hugo resources,
    the manifest and the campaign site (see src/reclaim_i18n/build/README.md).

    Incremental: unchanged locales are not rebuilt and unchanged files not rewritten.
    A broken catalogue fails (exit 1) but keeps its last good build published.

    \b
    Example:
      reclaim-i18n build
      reclaim-i18n build --out public --locale de --locale lb
    """
    from reclaim_i18n.build import run_build
    from reclaim_i18n.build.summary import locale_line, total_line
    from reclaim_i18n.ui import style

    config = _config(ctx)
    result = run_build(config, out, locales)
    for outcome in result.locales:
        text, colour = locale_line(outcome)
        click.echo(style(text, fg=colour) if colour else text, err=outcome.failed)
    label = _relative(result.out) if out is None else str(result.out)
    click.echo(total_line(result, label))
    for line in result.changes:
        click.echo(style(line, fg="yellow"))
    if result.failed:
        sys.exit(1)


# ------------------------------------------------------- report, todo, work packets


@click.command("check")
@LOCALE_OPTION
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True, help="text for people, json for programs (see "
              "src/reclaim_i18n/checks/README.md), github for workflow annotations.")
@click.option("--fail-on", type=click.Choice(["error", "warning"]), default="error",
              show_default=True, help="Exit with 1 when a finding this severe (or worse) exists.")
@click.pass_context
@reports_errors
def check_command(ctx: click.Context, locales, fmt: str, fail_on: str) -> None:
    """Check translations: placeholders, links, Markdown, HTML, hidden characters, plurals,
    glossary, length… Each finding has file:line, a message and a hint.

    Without --locale the English template is checked too (for organisers). Untranslated
    entries are skipped; findings on fuzzy entries are warnings; '#, ignore-<check-id>'
    on an entry silences one check there. Exit 1 when a finding at or above --fail-on
    exists.

    \b
    Example:
      reclaim-i18n check --locale de
      reclaim-i18n check --format json > findings.json
      reclaim-i18n check --format github --fail-on warning
    """
    from reclaim_i18n.checks.render import render
    from reclaim_i18n.checks.runner import exit_code, run_checks
    from reclaim_i18n.ui import use_colour

    reports = run_checks(_config(ctx), locales)
    click.echo(render(reports, fmt, colour=fmt == "text" and use_colour()), nl=False)
    sys.exit(exit_code(reports, fail_on))


# ------------------------------------------------------------------ the whole chain


@click.command("all")
@click.pass_context
@reports_errors
@writes_project
def all_command(ctx: click.Context) -> None:
    """Run the whole pipeline: extract, update, check, build, report (what `make run` does).

    Check findings are summarised (strings with errors are kept out of the bundles and
    fall back); the run fails (exit 1) only when a catalogue cannot be read or a locale
    cannot be built.

    \b
    Example:
      reclaim-i18n all
    """
    from reclaim_i18n.chain import run_all

    config = _config(ctx)
    result = run_all(config, on_step=lambda step, done: _echo_step(step, done, config.root))
    if result.unchanged:
        click.echo("nothing changed since the last run; outputs are up to date in "
                   f"{_relative(str(config.build_dir))}/")
    elif not result.ok:
        sys.exit(1)


def _echo_step(step: str, result, root: Path) -> None:
    """The line of one step of ``all`` (and what needs a look), as soon as it is done."""
    from reclaim_i18n.build.summary import failure, total_line
    from reclaim_i18n.ui import print_update_outcome, style

    head = style(step, bold=True) + " " * (9 - len(step))
    if step == "extract":
        state = "written" if result.extract.changed else "unchanged"
        click.echo(head + f"{result.extract.count} messages ({state})")
    elif step == "update":
        changed = [o for o in result.update if o.changed]
        failed = [o.locale for o in result.update if o.error]
        click.echo(head + f"{len(result.update)} catalogues, {len(changed)} changed"
                   + (f", {len(failed)} failed: {', '.join(failed)}" if failed else ""))
        for outcome in result.update:
            if outcome.changed or outcome.error or outcome.notes:
                print_update_outcome(outcome, root)
    elif step == "check":
        click.echo(head + f"{result.errors} errors, {result.warnings} warnings "
                   "(details: reclaim-i18n check)")
    elif step == "build":
        click.echo(head + total_line(result.build, _relative(result.build.out)))
        for line in result.build.changes:
            click.echo(style(f"  {line}", fg="yellow"))
        for outcome in result.build.locales:
            if outcome.failed:
                click.echo(style(f"  {outcome.code}: {failure(outcome.entry)}", fg="red"),
                           err=True)
    elif step == "report":
        click.echo(head + _relative(result.reports[0]))
