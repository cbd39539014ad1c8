"""``govgraph query NAME``, ``govgraph queries`` and the friendly question
commands (chain, overlaps, gaps, workload, path, neighbours, find, diff).

Registered by :func:`graph.cli._register_optional`. (The build report's
findings are :mod:`graph.analysis.findings`.)"""
from __future__ import annotations

import csv
import functools
import io
import json
import unicodedata
from bisect import bisect_right
from itertools import accumulate
from typing import Any, Callable

import click

from .cli import _errors, store_option
from .errors import QueryError
from .stores import open_store

__all__ = ["register", "findings_section", "format_table"]


# -- output --------------------------------------------------------------------------------
@functools.lru_cache(maxsize=8192)
def _char_width(c: str) -> int:
    return 2 if unicodedata.east_asian_width(c) in "WF" else 1


@functools.lru_cache(maxsize=65536)
def _width(s: str) -> int:
    if s.isascii():
        return len(s)
    return sum(map(_char_width, s))


@functools.lru_cache(maxsize=65536)  # names and kinds recur row after row
def _cut(s: str, n: int) -> str:
    """``s`` if it fits in ``n`` columns, else its start and "…" (reads at most n + 1 characters)."""
    if len(s) * 2 <= n:
        return s
    if s.isascii():
        return s if len(s) <= n else s[:n - 1] + "…"
    ends = list(accumulate(map(_char_width, s[:n + 1])))  # a character is at least one column wide
    if len(s) <= n + 1 and ends[-1] <= n:
        return s
    return s[:bisect_right(ends, n - 1)] + "…"


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        return f"{v:.4g}"
    return str(v).replace("\n", " ")


def format_table(rows: list[dict[str, Any]], columns: list[str] | None = None, max_width: int = 40) -> str:
    """A plain-text table, CJK-width aware; long cells cut with …"""
    if not rows:
        return "(no rows)"
    columns = columns or list(dict.fromkeys(k for r in rows for k in r))
    shown: dict[Any, tuple[str, int]] = {}  # a value as printed and its width: names recur row after row

    def show(v: Any) -> tuple[str, int]:
        key = v if type(v) is str else (type(v), v)
        try:
            return shown[key]
        except KeyError:
            text = _cut(_cell(v), max_width)
            shown[key] = out = (text, _width(text))
            return out
        except TypeError:  # a list or dict: not kept
            text = _cut(_cell(v), max_width)
            return text, _width(text)

    cells = [[show(r.get(c)) for c in columns] for r in rows]
    widths = [max(_width(c), *(row[i][1] for row in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(c + " " * (w - _width(c)) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(t + " " * (w - n) for (t, n), w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(lines)


def _emit(rows: list[dict[str, Any]], fmt: str, columns: list[str] | None = None, title: str | None = None) -> None:
    import gc

    was = gc.isenabled()
    gc.disable()  # the text of 100,000 rows is many small objects the cycle collector would walk over and over
    try:
        _print(rows, fmt, columns, title)
    finally:
        if was:
            gc.enable()


def _print(rows: list[dict[str, Any]], fmt: str, columns: list[str] | None, title: str | None) -> None:
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    elif fmt == "csv":
        buf = io.StringIO()
        cols = list(dict.fromkeys(k for r in rows for k in r)) or (columns or [])
        w = csv.DictWriter(buf, fieldnames=cols, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: _cell(r.get(k)) for k in cols})
        click.echo(buf.getvalue(), nl=False)
    else:
        if title:
            click.echo(f"{title} ({len(rows)})")
        click.echo(format_table(rows, columns))


def output_options(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option("--csv", "fmt", flag_value="csv", help="Print CSV.")(f)
    f = click.option("--json", "fmt", flag_value="json", help="Print JSON.")(f)
    f = click.option("--table", "fmt", flag_value="table", default=True, hidden=True)(f)
    return f


def as_of_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--as-of", "as_of", default=None, metavar="DATE",
                        help="Only documents in force on DATE (YYYY-MM-DD): repealed and later ones drop out.")(f)


def _run(store: str, name: str, /, **params: Any) -> list[dict[str, Any]]:
    from queries.registry import run_query

    with open_store(store) as st:
        return run_query(st, name, **{k: v for k, v in params.items() if v is not None})


_CITE = ["document", "line", "text"]


# -- commands --------------------------------------------------------------------------------
def register(cli: click.Group) -> None:
    @cli.command("queries")
    @click.option("--json", "as_json", is_flag=True, help="Print JSON.")
    def queries_cmd(as_json):
        """The named queries, their parameters and Cypher files."""
        from queries.registry import QUERIES

        rows = []
        for q in QUERIES.values():
            params = [p.name + ("" if p.required else f"={p.default if not isinstance(p.default, list) else ','.join(p.default)}")
                      for p in q.params] + (["as_of=DATE"] if q.as_of and "as_of" not in {p.name for p in q.params} else [])
            rows.append({"name": q.name, "params": " ".join(params), "cypher": f"queries/{q.cypher}",
                         "description": q.description})
        if as_json:
            click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
            return
        for r in rows:
            click.echo(f"{r['name']}  [{r['params']}]  ({r['cypher']})")
            click.echo(f"    {r['description']}")

    @cli.command("query")
    @click.argument("name")
    @click.option("--param", "-p", "params", multiple=True, metavar="K=V", help="A parameter (repeatable).")
    @as_of_option
    @store_option
    @output_options
    @_errors
    def query_cmd(name, params, as_of, store, fmt):
        """Run a named query (see `govgraph queries`): --param k=v …"""
        kv: dict[str, Any] = {}
        for p in params:
            if "=" not in p:
                raise QueryError(f"--param {p!r}: write KEY=VALUE")
            k, v = p.split("=", 1)
            kv[k.strip()] = v.strip()
        if as_of:
            kv["as_of"] = as_of
        _emit(_run(store, name, **kv), fmt)

    @cli.command("chain")
    @click.argument("start")
    @click.option("--direction", type=click.Choice(["down", "up", "both"]), default="down", show_default=True)
    @click.option("--depth", type=int, default=5, show_default=True)
    @as_of_option
    @store_option
    @output_options
    @_errors
    def chain_cmd(start, direction, depth, as_of, store, fmt):
        """Delegation chains from an agency, jurisdiction, power or power category."""
        rows = _run(store, "chain", start=start, direction=direction, depth=depth, as_of=as_of)
        _emit(rows, fmt, ["hop", "direction", "granter", "receiver", "power", "stated", "doc_number", "date", "flag", "line", "text"])

    @cli.command("overlaps")
    @click.option("--min-shared", type=int, default=2, show_default=True, help="Matrix: at least this many shared tasks.")
    @as_of_option
    @store_option
    @output_options
    @_errors
    def overlaps_cmd(min_shared, as_of, store, fmt):
        """Co-led tasks, one matter held by different bodies, role flips, overlap matrix."""
        with open_store(store) as st:
            from queries.registry import run_query

            parts = {
                "co_leads": run_query(st, "co_leads", as_of=as_of),
                "same_matter": run_query(st, "same_matter", as_of=as_of),
                "role_flips": run_query(st, "role_flips", as_of=as_of),
                "overlap_matrix": run_query(st, "overlap_matrix", as_of=as_of, min_shared=min_shared),
            }
        if fmt == "json":
            click.echo(json.dumps(parts, ensure_ascii=False, indent=1))
            return
        if fmt == "csv":
            rows = [{"section": k, **r} for k, rs in parts.items() for r in rs]
            _emit(rows, "csv")
            return
        cols = {"co_leads": ["number", "duty", "leads"] + _CITE,
                "same_matter": ["why", "duty_a", "holders_a", "a_document", "a_line", "duty_b", "holders_b", "b_document", "b_line"],
                "role_flips": ["agency_a", "agency_b", "a_leads", "x_document", "x_line", "b_leads", "y_document", "y_line"],
                "overlap_matrix": ["agency_a", "agency_b", "shared", "both_lead", "documents", "example", "document", "line"]}
        for k, rs in parts.items():
            _emit(rs, "table", cols[k], title=k)
            click.echo("")

    @cli.command("gaps")
    @click.option("--kinds", default=None, help="Comma-separated gap kinds (default all).")
    @as_of_option
    @store_option
    @output_options
    @_errors
    def gaps_cmd(kinds, as_of, store, fmt):
        """Tasks without lead agency / official / deadline, only collective assignees,
        deadlines past (as of --as-of, default today); powers passed on by a body
        not shown holding them."""
        with open_store(store) as st:
            from queries.registry import run_query

            rows = run_query(st, "gaps", kinds=kinds, as_of=as_of)
            grants = run_query(st, "unheld_grants", as_of=as_of)
        if fmt == "json":
            click.echo(json.dumps({"duties": rows, "unheld_grants": grants}, ensure_ascii=False, indent=1))
            return
        if fmt == "csv":
            _emit([{"section": "duty", **r} for r in rows] + [{"section": "grant", **r} for r in grants], "csv")
            return
        _emit(rows, "table", ["gap", "number", "duty", "deadline", "assignees"] + _CITE, title="task gaps")
        click.echo("")
        _emit(grants, "table", ["granter", "receiver", "power", "inferred"] + _CITE, title="unheld grants")

    @cli.command("workload")
    @click.option("--by", type=click.Choice(["total", "document", "year"]), default="total", show_default=True)
    @click.option("--top", type=int, default=0, help="Only the first N rows.")
    @as_of_option
    @store_option
    @output_options
    @_errors
    def workload_cmd(by, top, as_of, store, fmt):
        """Tasks led / assisted per agency and official; top officials; centrality."""
        with open_store(store) as st:
            from queries.registry import run_query

            parts = {"workload": run_query(st, "workload", by=by, as_of=as_of),
                     "top_officials": run_query(st, "top_officials", as_of=as_of),
                     "centrality": run_query(st, "centrality", as_of=as_of)}
        if top:
            parts = {k: v[:top] for k, v in parts.items()}
        if fmt == "json":
            click.echo(json.dumps(parts, ensure_ascii=False, indent=1))
            return
        if fmt == "csv":
            _emit(parts["workload"], "csv")
            return
        for k, rs in parts.items():
            _emit(rs, "table", None, title=k)
            click.echo("")

    @cli.command("path")
    @click.argument("a")
    @click.argument("b")
    @as_of_option
    @store_option
    @output_options
    @_errors
    def path_cmd(a, b, as_of, store, fmt):
        """The shortest path between two names (as printed or canonical)."""
        _emit(_run(store, "path", a=a, b=b, as_of=as_of), fmt,
              ["step", "name", "kind", "edge", "direction", "document", "line", "text"])

    @cli.command("neighbours")
    @click.argument("name")
    @click.option("--depth", type=int, default=1, show_default=True)
    @as_of_option
    @store_option
    @output_options
    @_errors
    def neighbours_cmd(name, depth, as_of, store, fmt):
        """Every node within --depth steps of NAME: the node one step nearer, the edge
        between them (type, direction) and where a document says so."""
        _emit(_run(store, "neighbours", name=name, depth=depth, as_of=as_of), fmt,
              ["distance", "kind", "name", "via", "edge", "direction", "document", "line", "text"])

    @cli.command("find")
    @click.argument("text")
    @click.option("--kind", default="", help="Only this node kind (Agency, Official, Duty, Power …).")
    @click.option("--limit", type=int, default=50, show_default=True, help="How many rows (0 = all).")
    @store_option
    @output_options
    @_errors
    def find_cmd(text, kind, limit, store, fmt):
        """Nodes whose name contains TEXT (on Neo4j through the CJK full-text index)."""
        _emit(_run(store, "search", text=text, kind=kind, limit=limit), fmt, ["rank", "kind", "name", "jurisdiction"])

    @cli.command("diff")
    @click.argument("a")
    @click.argument("b")
    @store_option
    @output_options
    @_errors
    def diff_cmd(a, b, store, fmt):
        """What changed between two documents (文号, title, file) or two dates."""
        _emit(_run(store, "diff", a=a, b=b), fmt, ["change", "number", "duty", "who", "detail", "document", "line"])


def _neo(st: Any) -> bool:
    from queries.registry import is_neo4j

    return is_neo4j(st)
