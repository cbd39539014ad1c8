"""The focus view (``maps/focus.html``, ``govgraph map --focus NAME``): one
node in the middle, its tasks and other neighbours around it, and for each
task its co-leads and lead official on the outer ring; the bodies that only
assist those tasks are drawn pale. The panel lists every task with its
co-leads, lead official, deadline and citation."""
from __future__ import annotations

import math
from typing import Any, Iterable

from ..records import Edge, Node
from .page import natural_key, short_cite

__all__ = ["focus_view", "render_focus"]

SKIP = ("LISTED_IN",)


def focus_view(nodes: Iterable[Node], edges: Iterable[Edge], name: str) -> dict[str, Any]:
    """What the focus page draws: ``focus`` (node ID), ``nodes``, ``edges``,
    ``positions`` (rings), ``bright`` (the node, its neighbours, the tasks'
    co-leads and lead officials; everything else is dimmed) and ``tasks``
    (the panel's rows for the focus node)."""
    from ..analysis.common import assignees, doc_table, label_of, name_of, props_of
    from ..analysis.names import resolve
    from ..netx import to_networkx

    nodes, edges = list(nodes), list(edges)
    G = to_networkx(nodes, edges)
    f = resolve(G, name)
    docs = doc_table(G)
    is_doc = label_of(G, f) == "Document"
    near: set[str] = set()
    for e in edges:
        if e.type in SKIP and not is_doc:
            continue
        if e.source == f:
            near.add(e.target)
        elif e.target == f:
            near.add(e.source)
    near.discard(f)
    tasks = sorted((t for t in near if label_of(G, t) in ("Duty", "Project")),
                   key=lambda t: (str(props_of(G, t).get("document") or ""), natural_key(props_of(G, t).get("number") or ""),
                                  name_of(G, t)))
    if label_of(G, f) in ("Duty", "Project"):
        tasks = [f]
    bright = {f} | near
    outer: dict[str, list[str]] = {}
    rows = []
    for t in tasks:
        who = assignees(G, t)
        for w, role, _ in who:
            if w == f:
                continue
            outer.setdefault(w, []).append(t)
            if role == "LEADS":
                bright.add(w)
        mine = next(((r, d) for w, r, d in who if w == f), None)
        leads = [name_of(G, w) for w, r, _ in who if r == "LEADS" and w != f and label_of(G, w) in ("Agency", "Group")]
        offs = [name_of(G, w) for w, r, _ in who if r == "LEADS" and w != f and label_of(G, w) == "Official"]
        ev = sorted((mine[1].get("evidence") if mine else None) or
                    [{"doc": m["doc"], "line": m["line"], "text": m["text"]} for m in G.nodes[t].get("mentions") or []],
                    key=lambda e: (e["doc"], e["line"]))
        rows.append({"task": name_of(G, t), "number": str(props_of(G, t).get("number") or ""),
                     "role": {"LEADS": "牵头", "ASSISTS": "配合"}.get(mine[0], "") if mine else "",
                     "co_leads": "、".join(leads), "lead_official": "、".join(offs),
                     "deadline": str(props_of(G, t).get("deadline") or ""),
                     "document": short_cite(docs.get(ev[0]["doc"])) if ev else "", "line": ev[0]["line"] if ev else None})
    keep = {f} | near | set(outer)
    out_nodes = [n for n in nodes if n.id in keep]
    out_edges = [e for e in edges if e.source in keep and e.target in keep and e.type not in SKIP
                 and (f in (e.source, e.target) or e.source in outer and e.target in near or e.target in outer and e.source in near)]
    # rings: the node, its neighbours (tasks first), then the tasks' other holders near their tasks
    pos: dict[str, tuple[float, float]] = {f: (0.0, 0.0)}
    ring1 = tasks + sorted((x for x in near if x not in set(tasks)), key=lambda x: (label_of(G, x), name_of(G, x)))
    ring1 = [x for x in ring1 if x != f]
    r1 = max(260.0, len(ring1) * 48.0 / (2 * math.pi))
    angle: dict[str, float] = {}
    for i, x in enumerate(ring1):
        a = 2 * math.pi * i / max(len(ring1), 1) - math.pi / 2
        angle[x] = a
        pos[x] = (round(r1 * math.cos(a), 1), round(r1 * math.sin(a), 1))
    ring2 = [w for w in outer if w not in pos]

    def mean_angle(w: str) -> float:
        xs = [angle[t] for t in outer[w] if t in angle]
        if not xs:
            return 0.0
        return math.atan2(sum(math.sin(a) for a in xs), sum(math.cos(a) for a in xs))

    ring2.sort(key=lambda w: (mean_angle(w), name_of(G, w)))
    r2 = max(r1 + 300.0, len(ring2) * 40.0 / (2 * math.pi))
    for i, w in enumerate(ring2):
        a = 2 * math.pi * i / max(len(ring2), 1) - math.pi / 2 if len(ring2) > 12 else mean_angle(w) + 0.05 * i
        pos[w] = (round(r2 * math.cos(a), 1), round(r2 * math.sin(a), 1))
    return {"focus": f, "nodes": out_nodes, "edges": out_edges, "positions": pos, "bright": bright,
            "tasks": rows}


def render_focus(nodes: Iterable[Node], edges: Iterable[Edge], name: str, title: str | None = None,
                 docs_from: Iterable[Node] | None = None) -> str:
    """The focus page for ``name`` (HTML text)."""
    from .network import render_map

    nodes, edges = list(nodes), list(edges)
    v = focus_view(nodes, edges, name)
    fname = next(n.name for n in v["nodes"] if n.id == v["focus"])
    note = (f"{fname}：{len(v['tasks'])} 项任务，与之直接相连的 {len(v['bright']) - 1} 个节点高亮，其余（仅配合这些任务的单位）淡显。"
            "点击节点看原文；面板列出每项任务的同牵头单位、牵头领导和完成时限。")
    ranks = {x: (0.0 if x in v["bright"] else 1000.0) for x in (n.id for n in v["nodes"])}
    return render_map(v["nodes"], v["edges"], title or f"焦点 focus：{fname}", budget=None, positions=v["positions"],
                      ranks=ranks, dim=v["bright"], tasks={v["focus"]: v["tasks"]}, note=note,
                      docs_from=docs_from if docs_from is not None else nodes, select=v["focus"],
                      styles={v["focus"]: {"borderWidth": 4, "size": 30}})
