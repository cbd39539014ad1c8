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
TASK_X, TASK_GAP = 380.0, 66.0  # tasks in two columns either side of the node
OUTER_X, OUTER_GAP = 820.0, 44.0  # the tasks' other holders, further out


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
    # columns: the node in the middle, its tasks left and right of it (other neighbours above and
    # below), each task's other holders further out, level with their tasks
    pos: dict[str, tuple[float, float]] = {f: (0.0, 0.0)}
    ring1 = [x for x in tasks if x != f]
    others = sorted((x for x in near if x not in set(ring1)), key=lambda x: (label_of(G, x), name_of(G, x)))
    half = math.ceil(len(ring1) / 2)
    side: dict[str, int] = {}
    for i, x in enumerate(ring1):
        s_, r = (-1, i) if i < half else (1, i - half)
        n_col = half if s_ < 0 else len(ring1) - half
        pos[x] = (s_ * TASK_X, (r - (n_col - 1) / 2) * TASK_GAP)
        side[x] = s_
    for i, x in enumerate(others):  # above and below the node, in rows
        row, k = divmod(i, 4)
        sign = -1 if row % 2 == 0 else 1
        pos[x] = ((k - 1.5) * 200.0, sign * (120.0 + (row // 2) * 60.0))
    outer_nodes = [w for w in outer if w not in pos]

    def mean(w: str) -> tuple[float, float]:
        ps = [pos[t] for t in outer[w] if t in pos]
        return (sum(p[0] for p in ps) / len(ps), sum(p[1] for p in ps) / len(ps)) if ps else (0.0, 0.0)

    for s_ in (-1, 1):
        col = sorted((w for w in outer_nodes if (mean(w)[0] < 0) == (s_ < 0)), key=lambda w: (mean(w)[1], name_of(G, w)))
        for r, w in enumerate(col):
            pos[w] = (s_ * OUTER_X, (r - (len(col) - 1) / 2) * OUTER_GAP)
    styles: dict[str, dict[str, Any]] = {f: {"borderWidth": 4, "size": 30}}
    for t in ring1:  # small dots, the label led by the number as printed
        num = str(props_of(G, t).get("number") or "")
        label = (num + " " if num else "") + name_of(G, t)
        styles[t] = {"size": 7, "label": label if len(label) <= 18 else label[:17] + "…"}
    return {"focus": f, "nodes": out_nodes, "edges": out_edges, "positions": pos, "bright": bright,
            "tasks": rows, "styles": styles}


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
                      styles=v["styles"])
