"""``govgraph neo4j start|stop|status``: a local Neo4j server without Docker.

The server is Neo4j Community (embedded, Bolt on 127.0.0.1, authentication off),
run by ``java`` from jars that Maven fetches once (see :mod:`neo4j_server`, the launcher beside the library).
"""
from __future__ import annotations

import json

import click

import neo4j_server as srv
from .errors import GovGraphError

__all__ = ["neo4j_group"]

DEFAULT_DATA = ".govgraph/neo4j"

_data_option = click.option(
    "--data", "data_dir", default=DEFAULT_DATA, show_default=True, type=click.Path(file_okay=False),
    help="Folder for the server's database, log and state file.")


def _errors(f):
    import functools

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except GovGraphError as e:
            raise click.ClickException(str(e)) from e

    return wrapper


@click.group("neo4j")
def neo4j_group() -> None:
    """Run a local Neo4j server (needs Java 17+ and Maven; jars are fetched once).

    Authentication is off and it listens on 127.0.0.1 only: a server for trying
    things and for tests, not for production. Use it with
    `--store bolt://127.0.0.1:PORT` or GOVGRAPH_STORE.
    """


@neo4j_group.command("start")
@_data_option
@click.option("--port", type=int, default=None, help="Bolt port (default: a free one).")
@click.option("--heap", default="1g", show_default=True, help="Java heap (-Xmx).")
@click.option("--pagecache", default="256m", show_default=True, help="Neo4j page cache size.")
@_errors
def start_cmd(data_dir: str, port: int | None, heap: str, pagecache: str) -> None:
    """Start a server in the background; print its URI."""
    s = srv.start(data_dir, port, heap=heap, pagecache=pagecache)
    click.echo(s.uri)
    click.echo(f"Neo4j {s.version} runs at {s.uri} (pid {s.pid}); data in {s.data_dir}, log {s.log}", err=True)
    click.echo(f"use it: export GOVGRAPH_STORE={s.uri}   stop it: govgraph neo4j stop --data {data_dir}", err=True)


@neo4j_group.command("stop")
@_data_option
@_errors
def stop_cmd(data_dir: str) -> None:
    """Stop the server of a data folder."""
    if srv.stop(data_dir):
        click.echo(f"stopped the server of {data_dir}", err=True)
    else:
        click.echo(f"no server was running for {data_dir}", err=True)


@neo4j_group.command("status")
@_data_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@_errors
def status_cmd(data_dir: str, as_json: bool) -> None:
    """Whether the server of a data folder runs, and where. Exit status 3 when it does not."""
    st = srv.status(data_dir)
    if as_json:
        click.echo(json.dumps(st, indent=1, sort_keys=True))
    elif st["running"]:
        click.echo(f"running\t{st['uri']}\tpid {st['pid']}\t{st['data_dir']}")
    else:
        click.echo(f"stopped\t{st['data_dir']}")
    if not st["running"]:
        raise SystemExit(3)
