"""The readable summary that ``govgraph build`` writes (Markdown)."""
from __future__ import annotations

from collections import Counter
from typing import Any, Callable, Iterable

from .records import Edge, Node
from .schema import SCHEMA

__all__ = ["summary_report", "SECTIONS"]

# Extra report sections (e.g. findings from analyses) register here:
# each is a function (nodes, edges) -> Markdown text.
SECTIONS: list[Callable[[list[Node], list[Edge]], str]] = []


def _table(headers: list[str], rows: Iterable[Iterable[Any]]) -> str:
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for r in rows:
        out.append("| " + " | ".join(str(c).replace("|", "\\|").replace("\n", " ") for c in r) + " |")
    return "\n".join(out)


def summary_report(nodes: list[Node], edges: list[Edge], *, warnings: list[str] = (),
                   sources: list[dict[str, Any]] = ()) -> str:
    """Counts per kind, documents read, merges and warnings, as Markdown."""
    by_id = {n.id: n for n in nodes}
    parts = ["# govgraph report", ""]
    nc = Counter(n.label for n in nodes)
    ec = Counter(e.type for e in edges)
    parts += ["## Counts", "", _table(["kind", "类", "count"],
                                      [(k, SCHEMA.nodes[k].zh, nc.get(k, 0)) for k in SCHEMA.nodes]), ""]
    parts += [_table(["edge", "类", "count"], [(k, SCHEMA.edges[k].zh, ec.get(k, 0)) for k in SCHEMA.edges]), ""]
    docs = [n for n in nodes if n.label == "Document" and n.properties.get("loaded")]
    duty_count = Counter(n.properties.get("document") for n in nodes if n.label == "Duty")
    parts += ["## Documents read", ""]
    parts.append(_table(
        ["document", "文号", "kind", "jurisdiction", "date", "status", "duties", "file"],
        [(d.name, d.properties.get("doc_number", ""), d.properties.get("kind", ""),
          d.properties.get("jurisdiction", ""),
          d.properties.get("date_written") or d.properties.get("date_published", ""),
          d.properties.get("status", ""), duty_count.get(d.id, 0), d.properties.get("source_file", ""))
         for d in sorted(docs, key=lambda d: (d.properties.get("source_file", ""), d.properties.get("part", ""), d.name))],
    ))
    parts.append("")
    officials = [n for n in nodes if n.label == "Official"]
    lead_officials = {e.source for e in edges if e.type == "LEADS" and by_id.get(e.source, None) and by_id[e.source].label == "Official"}
    collective = [n for n in nodes if n.label == "Agency" and n.properties.get("collective")]
    parts += ["## People and bodies", "",
              f"- {len(officials)} officials, {len(lead_officials)} of them lead a task.",
              f"- {nc.get('Agency', 0)} agencies, {len(collective)} of them collective actors "
              f"({', '.join(sorted(_where(n) for n in collective)[:12])}{' …' if len(collective) > 12 else ''}).", ""]
    merged = [(n.name, note) for n in nodes if n.label == "Agency" for note in n.properties.get("merge_notes", [])]
    parts += [f"## Name merges ({len(merged)})", "",
              "Every printed form folded into a canonical agency name, and why (`govgraph aliases` lists them too).", ""]
    parts += [f"- {note}" for _, note in sorted(merged)[:400]]
    parts.append("")
    for section in SECTIONS:
        text = section(nodes, edges)
        if text:
            parts += [text, ""]
    parts += [f"## Warnings ({len(warnings)})", ""]
    parts += [f"- {w}" for w in warnings] or ["- none"]
    parts.append("")
    return "\n".join(parts)


def _where(n) -> str:
    """A name with its jurisdiction when the name does not say it (各有关部门 (海城市))."""
    j = str(n.properties.get("jurisdiction") or "")
    return f"{n.name} ({j})" if j and j != "未知" and not n.name.startswith(j) else n.name
