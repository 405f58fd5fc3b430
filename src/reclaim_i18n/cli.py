"""Command line: a thin layer that parses options, calls the library and reports.

Exit codes: 0 ok, 1 problems found, 2 usage or configuration error.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from reclaim_i18n import __version__
from reclaim_i18n.errors import ReclaimError
from reclaim_i18n.report import FORMATS as REPORT_FORMATS

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
@writes_project
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
@writes_project
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
    A broken catalogue fails its locale only (exit 1); the others are built.

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
@click.option("--by", type=click.Choice(["words", "messages"]), default="words",
              show_default=True, help="Measure for sorting and --fail-under.")
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

    Untranslated entries first, then fuzzy ones with what changed in the English; each
    with its file:line. Any other --format writes a work packet: translate it in a PO
    editor, a spreadsheet or a CAT tool, then bring it back with 'reclaim-i18n apply-packet'.

    \b
    Example:
      reclaim-i18n todo de
      reclaim-i18n todo de --format po --out de-packet.po
      reclaim-i18n todo de --format xlsx --out de-packet.xlsx
    """
    from reclaim_i18n.fsio import write_if_changed
    from reclaim_i18n.packets import export_packet, read_catalogs, todo_items
    from reclaim_i18n.report.render_todo import render_todo

    config = _config(ctx)
    (code,) = config.select([locale])
    catalog, template = read_catalogs(config, code)
    lang = config.language(code)
    if fmt != "text":
        data, summary = export_packet(config, catalog, template, code, fmt, out)
    else:
        path = _relative(str(config.po_path(code)))
        data = render_todo(todo_items(catalog, template), code, lang.native_name,
                           path).encode("utf-8")
        summary = "to-do list"
    if out is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        write_if_changed(out, data)
        click.echo(f"wrote {out}: {summary}", err=True)


@cli.command("apply-packet")
@click.argument("packet", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--locale", "-l", default=None, metavar="CODE",
              help="The packet's language, if its header does not say.")
@click.option("--dry-run", is_flag=True, help="Show what would be applied; write nothing.")
@click.pass_context
@reports_errors
@writes_project
def apply_packet(ctx: click.Context, packet: Path, locale: str | None, dry_run: bool) -> None:
    """Merge a translated work packet back into its catalogue.

    Entries whose English is still current are applied; a different finished
    translation in the catalogue is never overwritten (listed as a conflict); entries
    whose English changed since the packet was made are listed, not applied.
    Exit 1 when some entries were not applied.

    \b
    Example:
      reclaim-i18n apply-packet de-packet.po
      reclaim-i18n apply-packet de-packet.xlsx      (or .ods, .csv, .xlf)
      reclaim-i18n apply-packet --dry-run translated.po --locale de
    """
    from reclaim_i18n.packets import apply_packet as merge
    from reclaim_i18n.report.render_todo import render_apply

    config = _config(ctx)
    result = merge(config, packet, locale, dry_run)
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
    from reclaim_i18n.pipeline import remember_run, unchanged_since_last_run

    config = _config(ctx)
    if unchanged_since_last_run(config):
        click.echo("nothing changed since the last run; outputs are up to date in "
                   f"{_relative(str(config.build_dir))}/")
        return
    if _run_all(config):
        remember_run(config)
    else:
        sys.exit(1)


def _run_all(config) -> bool:
    from reclaim_i18n.build import run_build
    from reclaim_i18n.build.summary import total_line
    from reclaim_i18n.checks.runner import all_findings, run_checks
    from reclaim_i18n.pipeline import run_extract, run_update
    from reclaim_i18n.report.runner import write_reports
    from reclaim_i18n.ui import print_update_outcome, style

    extracted = run_extract(config, config.add_location)
    click.echo(style("extract", bold=True) + f"  {extracted.count} messages"
               f" ({'written' if extracted.changed else 'unchanged'})")
    outcomes = run_update(config, config.languages)
    changed = [o for o in outcomes if o.changed or o.error or o.notes]
    click.echo(style("update", bold=True) + f"   {len(outcomes)} catalogues, "
               f"{len([o for o in outcomes if o.changed])} changed")
    for outcome in changed:
        print_update_outcome(outcome, config.root)
    findings = all_findings(run_checks(config))
    errors = sum(f.severity.value == "error" for f in findings)
    click.echo(style("check", bold=True) + f"    {errors} errors, {len(findings) - errors} "
               "warnings (details: reclaim-i18n check)")
    result = run_build(config)
    click.echo(style("build", bold=True) + "    " + total_line(result, _relative(result.out)))
    for outcome in result.locales:
        if outcome.failed:
            click.echo(style(f"  {outcome.code}: {outcome.entry['error']}", fg="red"), err=True)
    reports = write_reports(config, config.build_dir / "reports")
    click.echo(style("report", bold=True) + f"   {_relative(str(reports[0]))}")
    return not (result.failed or any(o.error for o in outcomes))
