"""Facts in, nodes and edges out: the one place that turns what the extractors
found into a document's graph, and decides where two of them claim the same
thing.

Every edge it writes carries the ``rule`` that found it (``label lines``,
``table (cell-lines)``, ``parenthesis``, ``prose subject``, ``roster`` …), so
``govgraph explain`` and the report can say why a fact is in the graph.
"""
from __future__ import annotations

import re

from .base import DocBuilder
from .dates import deadline_date, plan_year
from .facts import Facts, TaskFact
from .text import Line

__all__ = ["assemble"]


def assemble(b: DocBuilder, facts: Facts, claimed: set[int] | None = None) -> None:
    """Write ``facts`` into the builder. ``claimed`` holds the line numbers a
    kind's own reader has already read tasks from: tasks on those lines are
    left to it."""
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
