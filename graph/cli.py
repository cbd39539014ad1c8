"""The ``govgraph`` command line: parses options, calls the library, prints.

Only govgraph's own errors become ``Error: …`` (exit 1); anything else is a
bug and keeps its traceback. Data goes to stdout; progress and logs to stderr.
"""
from __future__ import annotations

import functools
import json
import logging
import sys
from pathlib import Path
from typing import Any, Callable

import click

from . import __version__
from .errors import GovGraphError
from .export import FORMATS, dumps_json, write
from .schema import SCHEMA
from .stores import open_store

__all__ = ["cli", "main", "store_option", "write_store_option", "EXIT_SOME_FAILED"]


def _errors(f: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return f(*args, **kwargs)
        except GovGraphError as e:
            raise click.ClickException(str(e)) from e

    return wrapper


NO_STORE = ("no store named: give --store FILE (a SQLite file; `govgraph build DOCS -o DIR` writes DIR/graph.db) "
            "or --store bolt://HOST:PORT (Neo4j), or set GOVGRAPH_STORE")

STORE_HELP = ("Graph store: a SQLite file or a Neo4j URI bolt://HOST:PORT (credentials from NEO4J_USER / "
              "NEO4J_PASSWORD). Env: GOVGRAPH_STORE, else NEO4J_URI.")


def _store_spec(create: bool) -> Callable[[click.Context, click.Parameter, Any], str]:
    """The store the user named (option, GOVGRAPH_STORE, NEO4J_URI), checked before
    any command runs: never a default file nobody named; for reading, a SQLite file
    must already be a govgraph store (it is never created or altered)."""

    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> str:
        import os

        from .stores import SQLiteStore, is_server

        spec = value or os.environ.get("NEO4J_URI")
        if not spec:
            raise click.UsageError(NO_STORE, ctx=ctx)
        if create or is_server(spec):
            return spec
        path = spec[len("sqlite:"):] if spec.startswith("sqlite:") else spec
        if path != ":memory:":
            try:
                SQLiteStore(path, create=False).close()
            except GovGraphError as e:
                raise click.ClickException(str(e)) from e
        return spec

    return callback


def store_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """``--store`` of a command that reads an existing store."""
    return click.option("--store", envvar="GOVGRAPH_STORE", default=None, callback=_store_spec(create=False),
                        help=STORE_HELP)(f)


def write_store_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """``--store`` of a command that writes (a SQLite file that does not exist yet is created)."""
    return click.option("--store", envvar="GOVGRAPH_STORE", default=None, callback=_store_spec(create=True),
                        help=STORE_HELP + " A new SQLite file is created.")(f)


def kind_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--kind", default=None,
                        help="Document kind, instead of detecting it (see `govgraph kinds`).")(f)


def aliases_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--aliases", "aliases_file", type=click.Path(dir_okay=False), default=None,
                        help='Extra agency aliases: a JSON file {"agencies": {"variant": "canonical"}}.')(f)


def _aliases(path: str | None):
    from loaders.names import AliasTable

    table = AliasTable.default()
    return table.extend(path) if path else table


class _Progress:
    """A one-line progress display on stderr (files, documents/s, MB/s), or
    nothing with --quiet or when stderr is not a terminal (a log file gets no
    bar fragments)."""

    def __init__(self, quiet: bool):
        self.live = not quiet and sys.stderr.isatty()
        self.last = 0.0
        self.shown = False

    def __call__(self, state: Any) -> None:
        import time

        now = time.perf_counter()
        if self.live and (now - self.last > 0.2 or state.files_done == state.files_total):
            self.last = now
            click.echo("\r\x1b[K" + state.line(), err=True, nl=False)
            self.shown = True

    def close(self) -> None:
        if self.shown:
            click.echo("", err=True)
            self.shown = False


def ingest_options(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option("--strict", is_flag=True,
                     help="All or nothing: load no file unless every file reads (exit 1).")(f)
    f = click.option("-j", "--workers", type=click.IntRange(min=1), default=None, envvar="GOVGRAPH_WORKERS",
                     help="Processes that read documents (default: one per core). Env: GOVGRAPH_WORKERS.")(f)
    return f


EXIT_SOME_FAILED = 3


def _report_failures(failures, verbose: bool = False) -> None:
    for fail in failures:
        click.echo(f"not loaded: {fail}", err=True)
        if fail.bug and fail.detail and verbose:
            click.echo(fail.detail, err=True)


def _verbose() -> bool:
    return logging.getLogger().getEffectiveLevel() <= logging.INFO


def _not_loaded(e) -> None:
    """Every file failed (or --strict): list them all, then the one-line error."""
    if len(e.failures) > 1:
        _report_failures(e.failures, _verbose())
    raise click.ClickException(str(e)) from e


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="govgraph")
@click.option("-v", "--verbose", count=True, help="Log more to stderr (-vv for debug).")
def cli(verbose: int) -> None:
    """govgraph: turn Chinese government documents into a graph of who governs what.

    Loaders read duty-division opinions, task-decomposition tables, power-delegation
    plans and work plans; the graph (agencies, officials, duties, projects, powers,
    documents) is kept in an embedded SQLite store or in Neo4j, with the evidence
    (document, line, text as printed) of every node and edge.
    """
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(level=max(level, logging.DEBUG), stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--outdir", default="build", show_default=True, type=click.Path(file_okay=False),
              help="Output folder: graph.db, graph.json, report.md, report.html, maps.")
@click.option("--store", default=None,
              help="Build into this store instead of OUTDIR/graph.db (a SQLite file or bolt://HOST:PORT); "
                   "it is cleared first unless --keep. GOVGRAPH_STORE is not used: a build writes "
                   "OUTDIR/graph.db unless --store is given.")
@click.option("--keep", is_flag=True, help="Keep what the store already holds (default: start from an empty store).")
@kind_option
@aliases_option
@ingest_options
@click.option("--maps/--no-maps", default=True, show_default=True, help="Write the HTML maps.")
@click.option("--as-of", "as_of", default=None, metavar="YYYY-MM-DD",
              help="The date the report judges deadlines on (default: today).")
@click.option("-q", "--quiet", is_flag=True, help="No progress, no summary.")
@_errors
def build(inputs, outdir, store, keep, kind, aliases_file, strict, workers, maps, as_of, quiet):
    """The main job: read documents (files or folders), build the graph, write
    OUTDIR/graph.db (or the --store given), OUTDIR/graph.json, OUTDIR/report.md and HTML maps.

    The new outputs are written beside the old ones and replace them at the end.
    A file that does not read is named on stderr and in the report, and the others
    are built: exit status 3 when some files did not load, 1 when none did (or any,
    with --strict)."""
    from .errors import NotLoaded
    from .pipeline import build as run_build

    if as_of:
        from .analysis.timeline import _check_date

        as_of = _check_date(as_of)
    bar = _Progress(quiet)
    try:
        res = run_build(inputs, outdir, store=store, keep=keep, kind=kind, aliases=_aliases(aliases_file),
                        maps=maps, strict=strict, workers=workers, progress=bar, as_of=as_of)
    except NotLoaded as e:
        bar.close()
        _not_loaded(e)
    bar.close()
    _report_failures(res.failures, _verbose())
    if not quiet:
        ing = res.ingest
        p = ing.progress
        click.echo(f"read {len(ing.loaded)} files, {ing.documents} documents; "
                   f"{res.nodes} nodes, {res.edges} edges, {len(ing.warnings)} warnings"
                   + (f"; {len(res.failures)} files not loaded" if res.failures else ""), err=True)
        if p:
            click.echo(f"{p.bytes / 1e6:.2f} MB in {p.seconds:.1f} s ({p.docs_per_s:.1f} docs/s, "
                       f"{p.mb_per_s:.2f} MB/s)", err=True)
        click.echo(f"store: {res.store}", err=True)
        w = res.written
        click.echo(f"wrote {', '.join(w[:6])}{' …' if len(w) > 6 else ''} in {res.outdir}", err=True)
    if res.failures:
        sys.exit(EXIT_SOME_FAILED)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@write_store_option
@kind_option
@aliases_option
@ingest_options
@click.option("-q", "--quiet", is_flag=True, help="No progress.")
@_errors
def load(inputs, store, kind, aliases_file, strict, workers, quiet):
    """Load documents into the store (reloading a document replaces it).

    Each file is one transaction; several loads may run at once into one store.
    A file that does not read is named on stderr and the others load: exit
    status 3 when some files did not load, 1 when none did (or any, with --strict)."""
    from .errors import NotLoaded
    from .pipeline import ingest

    bar = _Progress(quiet)
    with open_store(store) as st:
        try:
            res = ingest(st, inputs, kind=kind, aliases=_aliases(aliases_file), strict=strict, workers=workers,
                         progress=bar)
        except NotLoaded as e:
            bar.close()
            _not_loaded(e)
        bar.close()
    for p, s in res.loaded:
        click.echo(f"{p.path}\t{p.kind}\t{len(s.documents)} documents\t{s.nodes} nodes\t{s.edges} edges"
                   + ("\treplaced" if s.replaced else ""))
    for p, _ in res.loaded:
        for w in p.warnings:
            click.echo(f"warning: {w}", err=True)
    _report_failures(res.failures, _verbose())
    if res.failures:
        sys.exit(EXIT_SOME_FAILED)


@cli.command()
@click.argument("document")
@store_option
@_errors
def remove(document, store):
    """Take a document's facts out of the store (by file, 文号, title or id).

    A node that other documents also mention stays while any evidence remains."""
    with open_store(store) as st:
        ids = st.remove(document)
    for i in ids:
        click.echo(f"removed {i}")


@cli.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(), default=None,
              help="Output file (a folder for csv); default stdout for json.")
@_errors
def export(store, fmt, output):
    """Export the graph as JSON, GraphML (Gephi) or CSV."""
    with open_store(store) as st:
        nodes, edges = list(st.nodes()), list(st.edges())
    if output is None:
        if fmt != "json":
            raise click.UsageError(f"--format {fmt} needs -o")
        click.echo(dumps_json(nodes, edges), nl=False)
        return
    for p in write(nodes, edges, fmt, output):
        click.echo(f"wrote {p}", err=True)


@cli.command()
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@_errors
def stats(store, as_json):
    """Counts of nodes and edges per kind, and the documents loaded."""
    with open_store(store) as st:
        counts = st.counts()
        docs = st.documents()
    counts["documents"] = len(docs)
    if as_json:
        click.echo(json.dumps(counts, ensure_ascii=False, indent=1, sort_keys=True))
        return
    click.echo(f"documents\t{len(docs)}")
    for section in ("nodes", "edges"):
        for k, v in counts[section].items():
            click.echo(f"{section}\t{k}\t{v}")


@cli.command()
@click.option("--markdown", is_flag=True, help="Print the schema as a Markdown table.")
def schema(markdown):
    """The node and edge kinds (from graph/schema.json)."""
    if markdown:
        click.echo(schema_markdown())
        return
    for name, k in SCHEMA.nodes.items():
        click.echo(f"node\t{name}\t{k.zh}\t{', '.join(k.properties)}")
    for name, e in SCHEMA.edges.items():
        click.echo(f"edge\t{name}\t{e.zh}\t{'|'.join(e.source)} -> {'|'.join(e.target)}")


def schema_markdown() -> str:
    rows = ["| kind | 中文 | what | properties |", "|---|---|---|---|"]
    for name, k in SCHEMA.nodes.items():
        rows.append(f"| **{name}** | {k.zh} | {k.description} | {', '.join(k.properties)} |")
    rows += ["", "| edge | 中文 | from → to | what |", "|---|---|---|---|"]
    for name, e in SCHEMA.edges.items():
        rows.append(f"| **{name}** | {e.zh} | {'/'.join(e.source)} → {'/'.join(e.target)} | {e.description} |")
    return "\n".join(rows)


@cli.command()
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@_errors
def aliases(store, as_json):
    """Every name merge: the printed forms folded into one agency, and why; and
    every place: its division code and level, and what decided it (the
    division data, the document's places, or a hand rule)."""
    with open_store(store) as st:
        rows, places = [], []
        for n in st.nodes():
            if n.label == "Jurisdiction":
                p = n.properties
                places.append({"name": n.name, "code": p.get("code", ""), "level": p.get("division_level", ""),
                               "decided": p.get("resolved_by", "")})
            if n.label != "Agency":
                continue
            forms = sorted({m.text for m in n.mentions if m.text != n.name})
            notes = list(n.properties.get("merge_notes", []))
            if forms or notes:
                rows.append({"name": n.name, "jurisdiction": n.properties.get("jurisdiction", ""),
                             "printed": forms, "reasons": notes})
    if as_json:
        click.echo(json.dumps(rows + [{"place": True, **p} for p in places], ensure_ascii=False, indent=1))
        return
    for r in rows:
        click.echo(f"{r['name']}\t{'、'.join(r['printed'])}")
        for note in r["reasons"]:
            click.echo(f"\t{note}")
    for p in places:
        click.echo(f"{p['name']}\t{p['code'] or '-'}\t{p['level'] or '-'}")
        click.echo(f"\t{p['decided']}")


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True))
@aliases_option
@click.option("--show", is_flag=True, help="Also list every missing and extra fact.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--fail-under", "fail_under", multiple=True, metavar="FIELD=VALUE",
              help="Exit 1 when a figure is below VALUE (repeatable). Gold folders: task_recall, lead_agencies, "
                   "assist_agencies, lead_officials, officials, delegations (their F1; FIELD.P / FIELD.R for "
                   "precision / recall). Labelled variants: precision, recall, f1 (a bare VALUE is f1).")
@_errors
def evaluate(inputs, aliases_file, show, as_json, fail_under):
    """Measure extraction on labelled documents.

    Two label formats: a gold folder (docs/NAME.txt with gold/NAME.json, the labelled real documents of
    examples/real) gives per-field precision, recall and F1 by the labelled set's own matching rules;
    NAME.txt (.html, .docx, .xlsx) with NAME.expected.json beside it (examples/variants) gives precision and
    recall of facts per file and per kind."""
    from loaders.gold import gold_files, is_gold_folder

    gold_inputs = [i for i in inputs if is_gold_folder(i) or (i.endswith(".json") and not i.endswith(".expected.json"))]
    other = [i for i in inputs if i not in gold_inputs]
    floors = _floors(fail_under)
    failures: list[str] = []
    if gold_inputs:
        failures += _evaluate_gold(gold_files(gold_inputs), _aliases(aliases_file), show, as_json, floors)
    if other:
        failures += _evaluate_variants(other, aliases_file, show, as_json, floors)
    if failures:
        raise click.ClickException("; ".join(failures))


def _floors(specs: tuple[str, ...]) -> dict[str, float]:
    out = {}
    for spec in specs:
        field, sep, value = spec.partition("=")
        if not sep:
            field, value = "f1", spec
        try:
            out[field.strip()] = float(value)
        except ValueError:
            raise click.BadParameter(f"{spec!r} is not FIELD=VALUE", param_hint="--fail-under") from None
    return out


def _evaluate_gold(pairs, aliases, show, as_json, floors) -> list[str]:
    from loaders.gold import FIELDS, evaluate_gold, summarize

    counts = [evaluate_gold(d, g, aliases) for d, g in pairs]
    summary = summarize(counts)
    refused = [c for c in counts if c["error"]]
    if as_json:
        click.echo(json.dumps({"documents": counts, "summary": summary, "refused": len(refused)},
                              ensure_ascii=False, indent=1))
    else:
        click.echo("document	kind	tasks	leads	assists	lead officials	officials	delegations")
        for c in counts:
            cells = [f"{c['tasks_found']}/{c['tasks_gold']}"] + [
                f"{c[f + '_hit']}/{c[f + '_pred']}/{c[f + '_gold']}" for f in
                ("lead_agencies", "assist_agencies", "lead_officials", "officials", "delegations")]
            click.echo(f"{c['doc']}	{c['kind'] or '(not read)'}	" + "	".join(cells))
            if c["error"]:
                click.echo(f"	not read: {c['error']}")
            if show:
                for m in c["missed"]:
                    click.echo(f"	missed	{m}")
        click.echo(f"{len(counts)} documents, {len(refused)} not read (cells: found/gold; hit/predicted/gold)")
        click.echo(f"task recall	{summary['task_recall']:.3f}")
        for f in FIELDS:
            v = summary[f]
            click.echo(f"{f}	P {v['P']:.3f}	R {v['R']:.3f}	F1 {v['F1']:.3f}	({v['gold']} gold)")
    failures = []
    for field, floor in floors.items():
        name, _, part = field.partition(".")
        if name == "task_recall":
            value = summary["task_recall"]
        elif name in summary and isinstance(summary[name], dict):
            value = summary[name]["P" if part == "P" else "R" if part == "R" else "F1"]
        elif name in ("precision", "recall", "f1"):
            continue        # a variants floor
        else:
            raise click.BadParameter(f"unknown field {field!r}", param_hint="--fail-under")
        if value < floor:
            failures.append(f"{field} {value:.3f} is below {floor}")
    if refused and "refused" not in floors:
        failures.append(f"{len(refused)} labelled documents were not read")
    return failures


def _evaluate_variants(inputs, aliases_file, show, as_json, floors) -> list[str]:
    from loaders.evaluate import Score, evaluate_file, labelled_files

    pairs = labelled_files(inputs)
    if not pairs:
        raise click.ClickException(f"no labelled documents (a document with NAME.expected.json beside it, or a "
                                   f"folder with docs/ and gold/) in {', '.join(inputs)}")
    aliases = _aliases(aliases_file)
    rows, per_kind, total = [], {}, Score()
    for text, label in pairs:
        s, info = evaluate_file(text, label, aliases)
        key = info["expected_kind"] or info["kind"]
        per_kind[key] = per_kind.get(key, Score()) + s
        total = total + s
        rows.append({**info, "expected": s.expected, "found": s.found, "correct": s.correct,
                     "precision": round(s.precision, 4), "recall": round(s.recall, 4), "kind_ok": s.kind_ok,
                     "missing": [list(f) for f in s.missing], "extra": [list(f) for f in s.extra]})
    summary = {k: {"files": v.files, "precision": round(v.precision, 4), "recall": round(v.recall, 4),
                   "f1": round(v.f1, 4), "kind_ok": v.kind_ok} for k, v in sorted(per_kind.items())}
    summary["all"] = {"files": total.files, "precision": round(total.precision, 4),
                      "recall": round(total.recall, 4), "f1": round(total.f1, 4), "kind_ok": total.kind_ok}
    if as_json:
        click.echo(json.dumps({"files": rows, "summary": summary}, ensure_ascii=False, indent=1))
    else:
        click.echo("file\tkind\texpected\tfound\tcorrect\tprecision\trecall")
        for r in rows:
            kind = r["kind"] + ("" if r["kind_ok"] else f" (expected {r['expected_kind']})")
            click.echo(f"{Path(r['file']).name}\t{kind}\t{r['expected']}\t{r['found']}\t{r['correct']}\t"
                       f"{r['precision']:.3f}\t{r['recall']:.3f}")
            if show:
                for f in r["missing"]:
                    click.echo(f"\tmissing\t{f}")
                for f in r["extra"]:
                    click.echo(f"\textra\t{f}")
        for k, v in summary.items():
            click.echo(f"{k}\t{v['files']} files\tprecision {v['precision']:.3f}\trecall {v['recall']:.3f}"
                       f"\tF1 {v['f1']:.3f}")
    failures = []
    for field in ("precision", "recall", "f1"):
        if field in floors and summary["all"][field] < floors[field]:
            failures.append(f"{field} {summary['all'][field]:.3f} is below {floors[field]}")
    return failures


@cli.command()
def kinds():
    """The document kinds govgraph can read."""
    from loaders import LOADERS
    import loaders.kinds  # noqa: F401

    for name, loader in sorted(LOADERS.items()):
        click.echo(f"{name}\t{loader.description}")


def _register_optional() -> None:
    """Command groups that live in their own modules."""
    import importlib

    for module, attr in (("graph.cli_neo4j", "neo4j_group"), ("graph.cli_queries", "register"),
                         ("graph.cli_maps", "register"), ("graph.cli_explain", "explain")):
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as e:
            if e.name == module:
                continue
            raise
        obj = getattr(mod, attr)
        if isinstance(obj, click.Command):
            cli.add_command(obj)
        else:
            obj(cli)


_register_optional()


def main() -> None:
    cli(prog_name="govgraph")
