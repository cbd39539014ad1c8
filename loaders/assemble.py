"""Facts in, nodes and edges out: the one place that turns what the extractors
found into a document's graph, and decides where two of them claim the same
thing.

Every edge it writes carries the ``rule`` that found it (``label lines``,
``table (cell-lines)``, ``parenthesis``, ``prose subject``, ``roster`` …), so
``govgraph explain`` and the report can say why a fact is in the graph.
"""
from __future__ import annotations

import re

from graph.records import DocumentGraph, Edge, Node, merge_properties

from .base import DocBuilder
from .dates import deadline_date, plan_year
from .facts import Facts, TaskFact
from .text import Line

__all__ = ["assemble", "combine", "kind_claims"]


def assemble(b: DocBuilder, facts: Facts, claimed: set[int] | None = None, *, rosters: bool = True,
             delegations: bool = True) -> None:
    """Write ``facts`` into the builder. ``claimed`` holds the line numbers a
    kind's own reader has already read assigned tasks from: tasks on those
    lines are left to it; ``rosters`` and ``delegations`` False leave groups and
    delegations to it as well."""
    if not rosters:
        facts = Facts(facts.tasks, [p for p in facts.people if p.group is None], [], [], facts.delegations)
    if not delegations:
        facts = Facts(facts.tasks, facts.people, facts.groups, facts.members, [])
    groups: dict[str, str] = {}
    for g in facts.groups:
        gid = b.group(g.name, g.line)
        groups[g.name] = gid
        for printed, ln in g.printed:
            b.group(g.name, ln, printed=printed)
        if g.office_of and g.office_of in groups:
            b.edge("PART_OF", gid, groups[g.office_of], g.line, rule=g.rule or "office")
        if g.host:
            hid = b.agency(g.host.printed, g.host.line)
            if hid:
                b.edge("PART_OF", gid, hid, g.host.line, rule="office host")
    for p in facts.people:
        oid = b.official(p.printed if p.rule != "roster" else p.name, p.line, titles=p.titles)
        if not oid:
            continue
        if p.group and p.group in groups and p.role:
            b.edge("HEADS" if p.head else "MEMBER_OF", oid, groups[p.group], p.line, role=p.role,
                   title="、".join(p.titles) or None, rule=p.rule)
        elif p.rule == "contact":
            b.edge("CONTACT_FOR", oid, b.doc_id, p.line)
    for m in facts.members:
        if m.group not in groups:
            continue
        aid = b.agency(m.unit.printed, m.unit.line)
        if aid:
            b.edge("MEMBER_OF", aid, groups[m.group], m.unit.line, role=m.role, rule=m.rule)
    year = plan_year(b.meta.title, b.meta.date_written)
    for t in facts.tasks:
        if claimed and any(ln.no in claimed for ln in t.lines):
            continue
        _task(b, t, groups, year)
    for d in facts.delegations:
        to = b.agency(d.to.printed, d.to.line)
        if not to:
            continue
        pid = b.power(d.power, d.line, is_category=_is_category(d.power))
        b.edge("HOLDS", to, pid, d.line, via=d.mode or None)
        src = None
        if d.source is not None:
            src = b.agency(d.source.printed, d.source.line)
        elif d.issuer_grants and b.meta.issuer:
            src = b.agency(b.meta.issuer, b.line_at(b.meta.issuer_line))
        if src and src != to:
            b.edge("DELEGATED_FROM", to, src, d.line, power=d.power, mode=d.mode or None, rule=d.rule,
                   inferred=None if d.source is not None else True,
                   method=None if d.source is not None else "the document's issuer grants")


def _is_category(power: str) -> bool:
    return bool(re.search(r"\d+项|一批|部分|若干|职权$|权限$|事项$", power))


def _task(b: DocBuilder, t: TaskFact, groups: dict[str, str], year: int | None) -> None:
    dd = deadline_date(t.deadline, year) if t.deadline else None
    did = b.duty(t.number, t.text, t.line, section=t.section, deadline=t.deadline, deadline_date=dd,
                 general=t.general)
    ev = _evidence(t)
    for u in t.leads:
        aid = b.agency(u.printed, u.line)
        if aid:
            b.edge("LEADS", aid, did, u.line, ev, rule=t.rule)
    for u in t.assists:
        aid = b.agency(u.printed, u.line)
        if aid:
            b.edge("ASSISTS", aid, did, u.line, ev, rule=t.rule)
    for name, ln in t.lead_officials:
        oid = b.official(name, ln)
        if oid:
            b.edge("LEADS", oid, did, ln, ev, rule=t.rule)
    if t.group_lead and t.group_lead in groups:
        b.edge("LEADS", groups[t.group_lead], did, t.line, ev, rule=t.rule)


def _evidence(t: TaskFact) -> str:
    """The task's text as printed, bounded (a line naming many bodies is quoted once)."""
    raw = t.line.raw
    return raw if len(raw) <= 500 else raw[:499] + "…"


def lines_of(facts: Facts) -> set[int]:
    return {ln.no for t in facts.tasks for ln in t.lines}


_ = Line


# -- two readers, one document ---------------------------------------------------------------

def kind_claims(kind_doc: DocumentGraph) -> tuple[set[int], set[str]]:
    """The lines a kind's own reader read assigned tasks from, and its duties that
    carry no assignment (a general reader that assigns them wins)."""
    assigned_targets = {e.target for e in kind_doc.edges if e.type in ("LEADS", "ASSISTS")}
    lines: set[int] = set()
    bare: set[str] = set()
    for n in kind_doc.nodes:
        if n.label != "Duty":
            continue
        if n.id in assigned_targets:
            lines.update(m.line for m in n.mentions)
        else:
            bare.add(n.id)
    return lines, bare


def combine(kind_doc: DocumentGraph, general: DocumentGraph, drop: set[str], drop_types: set[str] = frozenset()
            ) -> DocumentGraph:
    """One document from a kind's reader and the general readers: every node and
    edge the general readers found, plus the kind reader's, less its nodes in
    ``drop`` (duties and groups the general readers read themselves) and its edges
    of ``drop_types``."""
    nodes: dict[str, Node] = {}
    for n in kind_doc.nodes:
        if n.id not in drop:
            nodes[n.id] = n
    for n in general.nodes:
        cur = nodes.get(n.id)
        if cur is None:
            nodes[n.id] = n
        elif cur.label == n.label:
            nodes[n.id] = Node(n.id, n.label, cur.name, merge_properties([cur.properties, n.properties]),
                               tuple(sorted(set(cur.mentions) | set(n.mentions))))
    edges: dict[str, Edge] = {}
    kind_edges = [e for e in kind_doc.edges
                  if e.type not in drop_types and e.source not in drop and e.target not in drop]
    for e in kind_edges + list(general.edges):
        if e.source not in nodes or e.target not in nodes:
            continue
        cur = edges.get(e.id)
        if cur is None:
            edges[e.id] = e
        else:
            edges[e.id] = Edge(e.id, e.type, e.source, e.target, merge_properties([cur.properties, e.properties]),
                               tuple(sorted(set(cur.evidence) | set(e.evidence))))
    out = DocumentGraph(kind_doc.doc_id, kind_doc.source_file, sorted(nodes.values(), key=lambda n: n.id),
                        sorted(edges.values(), key=lambda e: e.id), list(kind_doc.warnings) + list(general.warnings))
    out.validate()
    return out

