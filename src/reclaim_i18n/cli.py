"""Command line: a thin layer that parses options, calls the library and reports.

Exit codes: 0 ok, 1 problems found, 2 usage or configuration error.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reclaim_i18n import __version__
from reclaim_i18n.cli_base import LOCALE_OPTION, _config, _relative, reports_errors, writes_project
from reclaim_i18n.cli_review import approve_command, review_command
from reclaim_i18n.cli_web import invite_command, serve_command
from reclaim_i18n.report import FORMATS as REPORT_FORMATS


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--project", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Project folder (the one with pyproject.toml). Default: the current one.")
@click.version_option(__version__, prog_name="reclaim-i18n")  # not from importlib.metadata: slow
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


def main() -> None:
    cli(prog_name="reclaim-i18n")


@cli.command()
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


@cli.command()
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


@cli.command()
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


@cli.command()
@click.option("--format", "fmt", default="text", show_default=True,
              type=click.Choice(REPORT_FORMATS))
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Write to this file (svg: badges into this folder, default "
                   "build/reports/badges). Default: print.")
@LOCALE_OPTION
@click.option("--fail-under", type=click.FloatRange(0, 100), default=None, metavar="PCT",
              help="Exit 1 naming the languages under PCT% (default: fail-under in the "
                   "configuration; a language's own fail-under wins).")
@click.option("--by", type=click.Choice(["words", "messages", "approved"]), default="words",
              show_default=True, help="Measure for sorting and --fail-under (approved: "
              "words a reviewer approved).")
@click.option("--compare", type=click.Path(dir_okay=False, path_type=Path), default=None,
              metavar="OLD.json", help="Add the change since an earlier JSON report.")
@click.option("--checks", is_flag=True,
              help="Also count each language's check findings (as 'check' finds them).")
@click.pass_context
@reports_errors
def report(ctx: click.Context, fmt: str, out, locales, fail_under, by: str, compare,
           checks: bool) -> None:
    """Translation progress per language (and page): text, json, markdown, html, svg.

    Fuzzy and untranslated entries are not done; obsolete ones are not counted.
    Exit 1 when a language is under --fail-under, or a catalogue cannot be read.
    Finding counts need --checks ('all' always counts them).

    \b
    Example:
      reclaim-i18n report
      reclaim-i18n report --fail-under 80 --locale de --locale fr
      reclaim-i18n report --format json --out progress.json
      reclaim-i18n report --format markdown --compare old-progress.json
      reclaim-i18n report --checks --format html --out report.html
    """
    from reclaim_i18n.report import render_chunks
    from reclaim_i18n.report.runner import build_report, failing_rows, gate_message, write_output
    from reclaim_i18n.ui import use_colour

    config = _config(ctx)
    result = build_report(config, locales, by=by, fail_under=fail_under, compare=compare,
                          with_findings=checks, json_ready=fmt == "json")
    if fmt == "svg" or out is not None:
        for path in write_output(result, config, fmt, out):
            click.echo(f"wrote {_relative(str(path))}", err=True)
    else:
        for chunk in render_chunks(result, fmt, colour=fmt == "text" and use_colour()):
            click.echo(chunk, nl=False)
    failing = failing_rows(result)
    if failing:
        click.echo(gate_message(failing, by), err=True)
    for row in result.rows:
        if row.error:
            click.echo(f"error: {row.error.one_line()}", err=True)
    if failing or any(row.error for row in result.rows):
        sys.exit(1)


@cli.command()
@click.argument("locale")
@click.option("--format", "fmt", default="text", show_default=True,
              type=click.Choice(["text", "po", "xlsx", "ods", "csv", "xliff"]),
              help="A list to read, or a work packet: PO, spreadsheet (xlsx, ods, csv), XLIFF.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file. Default: print.")
@click.pass_context
@reports_errors
def todo(ctx: click.Context, locale: str, fmt: str, out) -> None:
    """What is left to translate in LOCALE, in the order a reader meets it.

    Entries that need fixing first (translated, but a check found an error: with the
    finding), then untranslated ones, then fuzzy ones with what changed in the English;
    each with its file:line. Any other --format writes a work packet: translate it in a
    PO editor, a spreadsheet or a CAT tool, then bring it back with
    'reclaim-i18n apply-packet'.

    \b
    Example:
      reclaim-i18n todo de
      reclaim-i18n todo de --format po --out de-packet.po
      reclaim-i18n todo de --format xlsx --out de-packet.xlsx
    """
    from reclaim_i18n.errors import writing_output
    from reclaim_i18n.fsio import write_if_changed
    from reclaim_i18n.packets import entry_errors, export_packet, read_catalogs, todo_items
    from reclaim_i18n.report.render_todo import render_todo

    config = _config(ctx)
    (code,) = config.select([locale], what=None)
    catalog, template = read_catalogs(config, code)
    lang = config.language(code)
    broken = entry_errors(catalog, code, config)
    if fmt != "text":
        data, summary = export_packet(config, catalog, template, code, fmt, out, broken)
    else:
        path = _relative(str(config.po_path(code)))
        data = render_todo(todo_items(catalog, template, broken), code, lang.native_name,
                           path).encode("utf-8")
        summary = "to-do list"
    if out is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        with writing_output(out, example=f"{code}-todo.{'po' if fmt == 'po' else 'txt'}"):
            write_if_changed(out, data)
        click.echo(f"wrote {out}: {summary}", err=True)


@cli.command("apply-packet")
@click.argument("packet", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--locale", "-l", default=None, metavar="CODE",
              help="The packet's language, if its header does not say.")
@click.option("--dry-run", is_flag=True, help="Show what would be applied; write nothing.")
@click.option("--translator", default=None, metavar="NAME",
              help="Who translated it, recorded as Last-Translator (default: the packet's).")
@click.pass_context
@reports_errors
@writes_project
def apply_packet(ctx: click.Context, packet: Path, locale: str | None, dry_run: bool,
                 translator: str | None) -> None:
    """Merge a translated work packet back into its catalogue.

    Entries whose English is still current are applied; a different finished
    translation in the catalogue is never overwritten (listed as a conflict); entries
    whose English changed since the packet was made are listed, not applied.
    When something is applied, PO-Revision-Date becomes now and Last-Translator the
    packet's (or --translator). Exit 1 when some entries were not applied.

    \b
    Example:
      reclaim-i18n apply-packet de-packet.po
      reclaim-i18n apply-packet de-packet.xlsx      (or .ods, .csv, .xlf)
      reclaim-i18n apply-packet --dry-run translated.po --locale de
    """
    from reclaim_i18n.packets import apply_packet as merge
    from reclaim_i18n.report.render_todo import render_apply

    config = _config(ctx)
    result = merge(config, packet, locale, dry_run, translator)
    target = _relative(str(config.po_path(result.locale)))
    click.echo(render_apply(result, str(packet), target, written=not dry_run), nl=False)
    if result.problems:
        sys.exit(1)


@cli.command("check")
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


@cli.command("all")
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


cli.add_command(review_command)
cli.add_command(approve_command)
cli.add_command(invite_command)
cli.add_command(serve_command)
