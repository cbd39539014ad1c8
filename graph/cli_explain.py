"""`govgraph explain FILE`: every fact a document gives, with the rule that read it.

The readers tag each LEADS, ASSISTS, DELEGATED_FROM, HOLDS, PART_OF, MEMBER_OF and
HEADS edge with the ``rule`` that produced it (``label lines``, ``parenthesis``,
``prose subject``, ``roster`` …); a fact that only a kind's own reader found says
so. No store is needed: the file is read as ``build`` would read it.
"""
from __future__ import annotations

from typing import Any

import click

from .cli_queries import _emit, output_options
from .errors import GovGraphError

FACT_EDGES = ("LEADS", "ASSISTS", "DELEGATED_FROM", "HOLDS", "PART_OF", "MEMBER_OF", "HEADS")


def explain_rows(path: str, kind: str | None = None, types: tuple[str, ...] = FACT_EDGES) -> list[dict[str, Any]]:
    """The facts of one file as rows: type, from, to, rule, line, text as printed."""
    from loaders.base import load_file

    _, docs = load_file(path, kind)
    rows: list[dict[str, Any]] = []
    for d in docs:
        nodes = {n.id: n for n in d.nodes}
        doc_kind = nodes[d.doc_id].properties.get("kind") if d.doc_id in nodes else None
        for e in d.edges:
            if e.type not in types:
                continue
            src, dst = nodes.get(e.source), nodes.get(e.target)
            ev = e.evidence[0] if e.evidence else None
            rows.append({
                "line": ev.line if ev else None,
                "type": e.type,
                "from": _label(src),
                "to": _label(dst),
                "rule": e.properties.get("rule") or f"{doc_kind} reader",
                "text": ev.text if ev else "",
            })
    rows.sort(key=lambda r: (r["line"] or 0, r["type"]))
    return rows


def _label(n: Any) -> str:
    if n is None:
        return "?"
    if n.label == "Duty":
        number = n.properties.get("number")
        text = n.properties.get("text") or n.name
        return f"任务 {number}: {text[:16]}" if number else text[:20]
    return n.name


@click.command("explain")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--kind", default=None, help="Read as this kind (see `govgraph kinds`).")
@click.option("--type", "types", multiple=True, type=click.Choice(FACT_EDGES),
              help="Only these edge types (repeatable).")
@output_options
def explain(file: str, kind: str | None, types: tuple[str, ...], fmt: str) -> None:
    """Every fact FILE gives (who leads, assists, grants, heads …), with the rule that read it and its line."""
    try:
        rows = explain_rows(file, kind, types or FACT_EDGES)
    except GovGraphError as e:
        raise click.ClickException(str(e)) from e
    _emit(rows, fmt, ["line", "type", "from", "to", "rule", "text"], title=f"facts of {file}")
