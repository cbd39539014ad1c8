"""The overview (``maps/overview.html``): never the whole hairball. Each
loaded document is one labelled cluster (its tasks counted), each of the
busiest bodies one node, joined by how many tasks the document gives the
body (牵头 + 配合); the banner says what was folded, and a click opens the
document's own map or the body's tasks."""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Any, Iterable

from ..records import Edge, Evidence, Node, edge_id
from .page import short_title

__all__ = ["overview_view", "render_overview", "BODY_BUDGET"]

BODY_BUDGET = 40  # bodies drawn at most (the busiest)
DOC_GAP = 90.0


def overview_view(nodes: Iterable[Node], edges: Iterable[Edge], *, doc_pages: dict[str, str] | None = None,
                  bodies: int = BODY_BUDGET) -> dict[str, Any]:
    """Cluster nodes (one per loaded document, labelled with its task count),
    the busiest ``bodies`` bodies, ASSIGNED_IN edges (body → document,
    ``n`` tasks), positions and what was folded."""
    nodes, edges = list(nodes), list(edges)
    by_id = {n.id: n for n in nodes}
    parts_of: dict[str, str] = {}
    for e in edges:
        if e.type == "PART_OF" and by_id.get(e.source) and by_id[e.source].label == "Document":
            parts_of[e.source] = e.target
    task_doc: dict[str, str] = {}
    for n in nodes:
        if n.label in ("Duty", "Project"):
            doc = str(n.properties.get("document") or "")
            if doc:
                task_doc[n.id] = doc
    for e in edges:
        if e.type == "LISTED_IN" and e.source not in task_doc:
            task_doc[e.source] = e.target
    loaded = [n for n in nodes if n.label == "Document" and n.properties.get("loaded")]
    loaded_ids = {d.id for d in loaded}

    def cluster(doc: str) -> str:
        while doc not in loaded_ids and doc in parts_of:
            doc = parts_of[doc]
        return doc

    per: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    tasks_in: Counter[str] = Counter()
    for t, d in task_doc.items():
        tasks_in[cluster(d)] += 1
    load: Counter[str] = Counter()
    for e in edges:
        if e.type not in ("LEADS", "ASSISTS") or e.target not in task_doc:
            continue
        src = by_id.get(e.source)
        if src is None or src.label not in ("Agency", "Official", "Group") or src.properties.get("collective"):
            continue
        per[(e.source, cluster(task_doc[e.target]))][e.type] += 1
        load[e.source] += 1
    chosen = [b for b, _ in sorted(load.items(), key=lambda kv: (-kv[1], by_id[kv[0]].name))[: int(bodies)]]
    chosen_set = set(chosen)
    docs = sorted((d for d in loaded if tasks_in[d.id] or any(k[1] == d.id for k in per)),
                  key=lambda d: (-tasks_in[d.id], d.id))
    out_nodes: list[Node] = []
    labels: dict[str, str] = {}
    links: dict[str, tuple[str, str]] = {}
    for d in docs:
        title = str(d.properties.get("title") or d.name)
        cite = str(d.properties.get("doc_number") or "") or short_title(title, 14)
        labels[d.id] = f"{cite}\n{tasks_in[d.id]} 项任务"
        out_nodes.append(d)
        if doc_pages and d.id in doc_pages:
            links[d.id] = (doc_pages[d.id], "打开这份文件的图 open this document's map")
    out_nodes += [by_id[b] for b in chosen]
    out_edges: list[Edge] = []
    styles: dict[str, dict[str, Any]] = {}
    for (b, d), c in sorted(per.items()):
        if b not in chosen_set or d not in {x.id for x in docs}:
            continue
        n = c["LEADS"] + c["ASSISTS"]
        e = Edge(edge_id("ASSIGNED_IN", b, d), "ASSIGNED_IN", b, d,
                 {"n": n, "leads": c["LEADS"], "assists": c["ASSISTS"]}, ())
        out_edges.append(e)
        styles[e.id] = {"width": round(1 + 1.6 * math.log2(n + 1), 1), "title": f"牵头 {c['LEADS']} · 配合 {c['ASSISTS']}",
                        "color": {"color": "#000080", "opacity": 0.35},
                        "arrows": {"to": {"enabled": False}}}
    # documents in a column on the left, bodies in columns on the right, each near its documents
    pos: dict[str, tuple[float, float]] = {}
    top = -(len(docs) - 1) * DOC_GAP / 2
    for i, d in enumerate(docs):
        pos[d.id] = (0.0, top + i * DOC_GAP)
        styles[d.id] = {"label": labels[d.id], "shape": "box", "size": 20, "margin": 8,
                        "font": {"color": "#ffffff", "multi": False}}
    def bary(b: str) -> float:
        ws = [(pos[d][1], (c["LEADS"] + c["ASSISTS"])) for (x, d), c in per.items() if x == b and d in pos]
        tot = sum(w for _, w in ws)
        return sum(y * w for y, w in ws) / tot if tot else 0.0

    ordered = sorted(chosen, key=lambda b: (bary(b), by_id[b].name))
    cols = 1 if len(ordered) <= 20 else 2
    per_col = math.ceil(len(ordered) / cols) if ordered else 0
    span = max(len(docs) * DOC_GAP, per_col * 40.0)
    for i, b in enumerate(ordered):
        c, r = divmod(i, per_col) if per_col else (0, 0)
        step = span / max(per_col, 1)
        pos[b] = (520.0 + c * 380.0, -span / 2 + (r + 0.5) * step)
    folded_tasks = sum(tasks_in.values())
    folded_bodies = len(load) - len(chosen)
    note = (f"总览已折叠：{len(docs)} 份文件各为一团（共 {folded_tasks} 项任务），显示承担任务最多的 {len(chosen)} 个单位和领导"
            + (f"，另有 {folded_bodies} 个未画出" if folded_bodies > 0 else "")
            + "。线宽 = 该文件交给它的任务数。点击文件打开它的图；看一个名称周围：govgraph map --focus NAME，或 谁做什么 who.html。")
    ranks = {d.id: -1000.0 + i for i, d in enumerate(docs)}
    ranks.update({b: float(i) for i, b in enumerate(chosen)})
    return {"nodes": out_nodes, "edges": out_edges, "positions": pos, "styles": styles, "note": note,
            "links": links, "ranks": ranks, "folded_tasks": folded_tasks, "folded_bodies": folded_bodies}


def render_overview(nodes: Iterable[Node], edges: Iterable[Edge], title: str = "govgraph 总览 overview", *,
                    doc_pages: dict[str, str] | None = None, bodies: int = BODY_BUDGET) -> str:
    """The overview page (HTML text)."""
    from .network import render_map

    nodes = list(nodes)
    v = overview_view(nodes, edges, doc_pages=doc_pages, bodies=bodies)
    return render_map(v["nodes"], v["edges"], title, budget=None, positions=v["positions"], styles=v["styles"],
                      note=v["note"], links=v["links"], ranks=v["ranks"], docs_from=nodes)
