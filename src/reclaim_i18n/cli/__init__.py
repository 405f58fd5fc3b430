"""Command line: a thin layer that parses options, calls the library and reports.

Exit codes: 0 ok, 1 problems found, 2 usage or configuration error. The commands live
beside this file by what they serve (``pipeline``, ``report``, ``packets``, ``review``, ``web``);
``base`` holds what they share.
"""

from __future__ import annotations

from pathlib import Path

import click

from reclaim_i18n import __version__
from reclaim_i18n.cli import packets, pipeline, report, review, web


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




for _command in (pipeline.extract, pipeline.update, pipeline.init, pipeline.build,
                 pipeline.check_command, pipeline.all_command, report.report, packets.todo,
                 packets.apply_packet, review.review_command, review.approve_command,
                 web.invite_command, web.serve_command):
    cli.add_command(_command)


def main() -> None:
    cli(prog_name="reclaim-i18n")
