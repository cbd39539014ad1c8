"""Facts in, nodes and edges out: the one place that turns what the extractors
found into a document's graph, and decides where two of them claim the same
thing.

Every edge it writes carries the ``rule`` that found it (``label lines``,
``table (cell-lines)``, ``parenthesis``, ``prose subject``, ``roster`` …), so
``govgraph explain`` and the report can say why a fact is in the graph.
"""
from __future__ import annotations

import re

from graph.records import DocumentGraph, Edge, Node, edge_id, merge_properties

from .base import _FIELDS, DocBuilder
from .dates import deadline_date, plan_year
from .names import expand_elliptical
from .facts import Facts, TaskFact
from .text import Line
from .units import looks_like_unit

__all__ = ["assemble", "combine"]


def assemble(b: DocBuilder, facts: Facts, claimed: set[int] | None = None, *, rosters: bool = True,
             delegations: bool = True) -> dict[int, str]:
    """Write ``facts`` into the builder. ``claimed`` holds the line numbers a
    kind's own reader has already read assigned tasks from: tasks on those
    lines are left to it; ``rosters`` and ``delegations`` False leave groups and
    delegations to it as well. Returns each task fact's duty node ID (by ``id()``)."""
    if not rosters:
        facts = Facts(facts.tasks, [p for p in facts.people if p.group is None], [], [], facts.delegations,
                      facts.projects, facts.aliases)
    if not delegations:
        facts = Facts(facts.tasks, facts.people, facts.groups, facts.members, [], facts.projects, facts.aliases)
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
    duty_ids: dict[int, str] = {}
    for t in facts.tasks:
        if claimed and any(ln.no in claimed for ln in t.lines):
            continue
        duty_ids[id(t)] = _task(b, t, groups, year, facts.aliases)
    for pr in facts.projects:
        pid = b.project(pr.name, pr.line, amount=pr.amount, unit=pr.unit, amount_yuan=pr.amount_yuan,
                        amount_text=pr.amount_text)
        for u in pr.leads:
            aid = _agency(b, u.printed, u.line, facts.aliases)
            if aid:
                b.edge("LEADS", aid, pid, u.line, rule=pr.rule)
        for u in pr.assists:
            aid = _agency(b, u.printed, u.line, facts.aliases)
            if aid:
                b.edge("ASSISTS", aid, pid, u.line, rule=pr.rule)
        for name, ln in pr.lead_officials:
            oid = b.official(name, ln)
            if oid:
                b.edge("LEADS", oid, pid, ln, rule=pr.rule)
    for d in facts.delegations:
        to = _agency(b, d.to.printed, d.to.line, facts.aliases)
        if not to:
            continue
        pid = b.power(d.power, d.line, is_category=_is_category(d.power))
        b.edge("HOLDS", to, pid, d.line, via=d.mode or None)
        src = None
        if d.source is not None:
            src = _agency(b, d.source.printed, d.source.line, facts.aliases)
        elif d.issuer_grants and b.meta.issuer:
            src = b.agency(b.meta.issuer, b.line_at(b.meta.issuer_line))
        if src and src != to:
            b.edge("DELEGATED_FROM", to, src, d.line, power=d.power, mode=d.mode or None, rule=d.rule,
                   inferred=None if d.source is not None else True,
                   method=None if d.source is not None else "the document's issuer grants")
    return duty_ids


def _is_category(power: str) -> bool:
    return bool(re.search(r"\d+项|一批|部分|若干|职权$|权限$|事项$", power))


def _agencies(b: DocBuilder, units: list, aliases: dict[str, str]) -> list[str | None]:
    """The agencies of one printed list: names the list leaves short take what the
    list prints once ("西四、牛庄、岔沟等镇" → 西四镇 …; "珠晖区、雁峰区人民政府"),
    each kept as printed in its mention."""
    out = []
    expanded = dict(zip([u.printed for u in units], expand_elliptical([u.printed for u in units])))
    if len(expanded) != len(units):
        expanded = {}
    for u in units:
        full, reason = expanded.get(u.printed, (u.printed, None))
        stem = b.ctx.home[:-1]
        if len(stem) >= 2 and u.printed.startswith(stem):
            reason = None          # named by its own place ("海城中心医院"): no prefix to take
        if reason and full != u.printed and u.printed not in aliases:
            aid = b.agency(u.printed, u.line, resolved=b.ctx.agency(full), extra_reason=reason)
        else:
            aid = _agency(b, u.printed, u.line, aliases)
        out.append(aid)
    return out


def _agency(b: DocBuilder, printed: str, line: Line, aliases: dict[str, str]) -> str | None:
    """The agency a printed name means; a short name the document defines
    (以下简称管委会) means the body it stands for, printed as it is."""
    full = aliases.get(printed)
    if full and full != printed:
        return b.agency(printed, line, resolved=b.ctx.agency(full), extra_reason=f"{printed} = {full} (以下简称)")
    m = _SECOND_NAME.match(printed)
    if m and not m.group("body").startswith(("各", "全", "有关", "相关")) and looks_like_unit(m.group("body")) \
            and (re.search(r"(?:局|委|办|中心|委员会|办公室)$", m.group("other")) and len(m.group("other")) >= 3
                 or "牌子" in m.group("other")):
        # "市财政局(金融局)", "市林业局(挂市自然保护地管理局牌子)": one body with a second name
        return b.agency(printed, line, resolved=b.ctx.agency(m.group("body")),
                        extra_reason=f"({m.group('other')}) is a second name of {m.group('body')}")
    return b.agency(printed, line)


_SECOND_NAME = re.compile(r"^(?P<body>[^()]{2,40})\((?P<other>[^()]{2,40})\)$")


def _task(b: DocBuilder, t: TaskFact, groups: dict[str, str], year: int | None, aliases: dict[str, str]) -> str:
    dd = deadline_date(t.deadline, year) if t.deadline else None
    did = b.duty(t.number, t.text, t.line, section=t.section, deadline=t.deadline, deadline_date=dd,
                 general=t.general)
    ev = _evidence(t)
    for u, aid in zip(t.leads, _agencies(b, t.leads, aliases)):
        if aid:
            b.edge("LEADS", aid, did, u.line, ev, rule=t.rule)
    for u, aid in zip(t.assists, _agencies(b, t.assists, aliases)):
        if aid:
            b.edge("ASSISTS", aid, did, u.line, ev, rule=t.rule)
    for name, ln in t.lead_officials:
        oid = b.official(name, ln)
        if oid:
            b.edge("LEADS", oid, did, ln, ev, rule=t.rule)
    if t.group_lead and t.group_lead in groups:
        b.edge("LEADS", groups[t.group_lead], did, t.line, ev, rule=t.rule)
    return did


def _evidence(t: TaskFact) -> str:
    """The task's text as printed, bounded (a line naming many bodies is quoted once)."""
    raw = t.line.raw
    return raw if len(raw) <= 500 else raw[:499] + "…"




# -- two readers, one document ---------------------------------------------------------------

def _start(text: str) -> str:
    return re.sub(r"\s+", "", text)[:12]


def combine(kind_doc: DocumentGraph, facts: Facts, b: DocBuilder) -> DocumentGraph:
    """One document from a kind's own reader and the general readers' ``facts``.

    * **Tasks**: where both read a task (the same lines), the general reading
      stands, unless only the kind's reader found who does it. Facts the kind's
      reader hung on its reading of the task (the projects it CONCERNS) move to
      the general one.
    * **Rosters** and **delegations**: the reader that found more of them wins
      for the document (ties go to the general readers), so that one layout is
      not read twice in two ways.
    * Everything else either found (projects, powers, citations) is kept.
    """
    duty_lines: dict[int, set[str]] = {}
    assigned = {e.target for e in kind_doc.edges if e.type in ("LEADS", "ASSISTS")}
    duty_texts: dict[tuple[str, str], set[str]] = {}
    for n in kind_doc.nodes:
        if n.label == "Duty":
            for m in n.mentions:
                duty_lines.setdefault(m.line, set()).add(n.id)
            key = (str(n.properties.get("number") or ""), _start(n.properties.get("text") or ""))
            duty_texts.setdefault(key, set()).add(n.id)
    replaced: dict[str, TaskFact] = {}
    kept = []
    for t in facts.tasks:
        hit = set().union(*(duty_lines.get(ln.no, set()) for ln in t.lines))
        # the same task (number and opening words) read from other lines (a heading's, its paragraph's)
        hit |= duty_texts.get((t.number, _start(t.text)), set())
        if hit and not t.assigned and hit & assigned:
            continue
        for d in hit:
            replaced.setdefault(d, t)
        kept.append(t)
    drop: set[str] = set(replaced)
    # rows the general readers read as projects (项目名称 | 投资额 | 责任单位) are no duties
    project_lines = {p.line.no for p in facts.projects}
    if project_lines:
        for n in kind_doc.nodes:
            if n.label == "Duty" and n.id not in replaced and {m.line for m in n.mentions} <= project_lines:
                drop.add(n.id)
    drop_types: set[str] = set()
    kind_roster = sum(1 for e in kind_doc.edges if e.type in ("HEADS", "MEMBER_OF"))
    general_roster = sum(1 for p in facts.people if p.group) + len(facts.members)
    rosters = general_roster >= kind_roster and general_roster > 0
    if rosters:
        drop |= {n.id for n in kind_doc.nodes if n.label == "Group"}
        drop_types |= {"HEADS", "MEMBER_OF"}
    kind_grants = sum(1 for e in kind_doc.edges if e.type == "DELEGATED_FROM")
    general_grants = sum(1 for d in facts.delegations if d.source is not None or d.issuer_grants)
    grants = general_grants >= kind_grants and general_grants > 0
    if grants:
        drop_types.add("DELEGATED_FROM")
    general_facts = Facts(kept, facts.people, facts.groups, facts.members, facts.delegations, facts.projects,
                          facts.aliases)
    duty_ids = assemble(b, general_facts, rosters=rosters or not kind_roster, delegations=grants or not kind_grants)
    general = b.build()
    moved = {d: duty_ids[id(t)] for d, t in replaced.items() if id(t) in duty_ids}
    nodes: dict[str, Node] = {n.id: n for n in kind_doc.nodes if n.id not in drop}
    for n in general.nodes:
        cur = nodes.get(n.id)
        if cur is None:
            nodes[n.id] = n
        elif cur.label == n.label:
            nodes[n.id] = Node(n.id, n.label, cur.name, merge_properties([cur.properties, n.properties]),
                               tuple(sorted(set(cur.mentions) | set(n.mentions), key=_FIELDS)))
    edges: dict[str, Edge] = {}

    def add(e: Edge) -> None:
        cur = edges.get(e.id)
        if cur is None:
            edges[e.id] = e
        else:
            edges[e.id] = Edge(e.id, e.type, e.source, e.target, merge_properties([cur.properties, e.properties]),
                               tuple(sorted(set(cur.evidence) | set(e.evidence), key=_FIELDS)))

    for e in kind_doc.edges:
        if e.type in drop_types:
            continue
        if e.source in drop or e.target in drop:
            # what the kind's reader said of a task the general readers read: its
            # projects and powers move to their reading; its assignments go
            if e.type not in ("CONCERNS",) or e.source not in moved:
                continue
            e = Edge(edge_id(e.type, moved[e.source], e.target), e.type, moved[e.source], e.target,
                     e.properties, e.evidence)
        if e.source in nodes and e.target in nodes:
            add(e)
    for e in general.edges:
        if e.source in nodes and e.target in nodes:
            add(e)
    out = DocumentGraph(kind_doc.doc_id, kind_doc.source_file, sorted(nodes.values(), key=lambda n: n.id),
                        sorted(edges.values(), key=lambda e: e.id), list(kind_doc.warnings) + list(general.warnings))
    out.validate()
    return out
