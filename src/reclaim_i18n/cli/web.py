"""``reclaim-i18n invite`` and ``reclaim-i18n serve``: the CLI of the browser workspace
(thin: access.py and web/ do the work)."""

from __future__ import annotations

import click

from reclaim_i18n.cli.base import _config, reports_errors

DEFAULT_PORT = 8470


def _base(host: str, port: int, base_url: str | None) -> str:
    shown = f"[{host}]" if ":" in host else host
    return (base_url or f"http://{shown}:{port}").rstrip("/")


@click.command("invite")
@click.argument("locales", nargs=-1, metavar="[LOCALE]…")
@click.option("--name", default=None, metavar="NAME", help="The volunteer's name (no e-mail).")
@click.option("--role", type=click.Choice(["translator", "reviewer", "organiser"]),
              default="translator", show_default=True,
              help="translator: write their languages; reviewer: also approve; organiser: all.")
@click.option("--list", "listing", is_flag=True, help="Show who is invited (never a token).")
@click.option("--revoke", metavar="NAME", default=None, help="End NAME's access at once.")
@click.option("--base-url", default=None, metavar="URL",
              help=f"Where volunteers reach the server (default http://127.0.0.1:{DEFAULT_PORT}).")
@click.pass_context
@reports_errors
def invite_command(ctx, locales, name, role, listing, revoke, base_url) -> None:
    """Give a volunteer access to the workspace: print their sign-in link.

    The link holds a secret token (shown only now; only its hash is kept, in
    .reclaim-i18n/access.json). Inviting a name again replaces its link.

    \b
    Example:
      reclaim-i18n invite de at --name "Ana Lima"
      reclaim-i18n invite de --name "Jonas" --role reviewer --base-url https://sprint.example.org
      reclaim-i18n invite --list
      reclaim-i18n invite --revoke "Ana Lima"
    """
    from reclaim_i18n import access

    config = _config(ctx)
    if listing:
        for user in access.load_people(config):
            click.echo(f"{user.name}\t{user.role}\t{','.join(user.languages)}\t"
                       f"last used {user.last_used or 'never'}")
    elif revoke:
        access.revoke(config, revoke)
        click.echo(f"revoked: {revoke}", err=True)
    else:
        if not name:
            raise access.AccessError("give the volunteer's name: --name NAME")
        token = access.invite(config, list(locales), name, role)
        click.echo(f"{_base('127.0.0.1', DEFAULT_PORT, base_url)}/signin?token={token}")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (localhost only unless you say otherwise).")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=int)
@click.option("--base-url", default=None, metavar="URL",
              help="The public address behind a reverse proxy (https://… sets Secure cookies).")
@click.pass_context
@reports_errors
def serve_command(ctx, host: str, port: int, base_url) -> None:
    """Serve the browser workspace for volunteers; Ctrl-C stops it.

    \b
    Example:
      reclaim-i18n serve
      reclaim-i18n serve --port 8470 --base-url https://sprint.example.org
    """
    import uvicorn

    from reclaim_i18n.web.app import create_app

    config = _config(ctx)
    base = _base(host, port, base_url)
    app = create_app(config, base_url=base)
    click.echo(f"serving {config.root} on {base} (Ctrl-C stops)", err=True)
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port,
                                           log_config=log_config(), server_header=False))
    try:
        server.run()   # uvicorn finishes the requests in flight, then re-raises Ctrl-C
    except KeyboardInterrupt:
        pass
    click.echo("stopped", err=True)


def log_config() -> dict:
    """uvicorn's logging with tokens redacted from every line."""
    import copy

    from uvicorn.config import LOGGING_CONFIG

    conf = copy.deepcopy(LOGGING_CONFIG)
    conf["filters"] = {"redact": {"()": "reclaim_i18n.web.app.RedactTokens"}}
    for handler in conf["handlers"].values():
        handler["filters"] = ["redact"]
    return conf
