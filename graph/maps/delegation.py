"""The delegation view (``maps/delegation.html``): who grants which power to
whom, drawn granter → receiver (left to right), the power on the edge, the
parallel grants of one pair merged into one labelled edge (“10 类职权”, listed
in the panel), inferred counterparts hollow and dashed with “推断” and the
method in the panel. The hops are those of
:func:`graph.analysis.chains.chain_hops`, the traversal ``govgraph chain``
lists."""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable

import networkx as nx

from ..records import Edge, Evidence, Node, edge_id
from .page import short_cite

__all__ = ["delegation_view", "render_delegation"]

COLUMN_GAP = 420.0
ROW_GAP = 44.0


def _grant_label(powers: list[str]) -> str:
    return powers[0] if len(powers) == 1 else f"{len(powers)} 类职权"


def delegation_view(nodes: Iterable[Node], edges: Iterable[Edge], name: str | None = None, *, depth: int = 5,
                    direction: str = "both") -> dict[str, Any]:
    """Everything the delegation page draws: ``nodes``, merged ``edges``
    (kind GRANTS, granter → receiver, properties ``powers`` and ``grants``),
    ``positions`` (granters left, receivers right), ``styles`` (inferred
    bodies hollow and dashed, inferred-only edges dashed) and ``hops`` (the
    DELEGATED_FROM edges drawn). ``name``: only the chains through it
    (an agency, jurisdiction, power or category)."""
    from ..analysis.chains import chain_hops
    from ..analysis.common import doc_table
    from ..analysis.names import resolve
    from ..netx import to_networkx

    nodes, edges = list(nodes), list(edges)
    G = to_networkx(nodes, edges)
    if name:
        hops = sorted({e[2]: e for e, _, _ in chain_hops(G, resolve(G, name), direction, depth)}.values(),
                      key=lambda h: h[2])  # an edge found both up and down is drawn once
    else:
        hops = sorted(((e.source, e.target, e.id, {}) for e in edges if e.type == "DELEGATED_FROM"), key=lambda h: h[2])
    by_id = {e.id: e for e in edges}
    docs = doc_table(G)
    pairs: dict[tuple[str, str], list[Edge]] = defaultdict(list)
    for r, g, k, _ in hops:
        pairs[(g, r)].append(by_id[k])
    merged: list[Edge] = []
    styles: dict[str, dict[str, Any]] = {}
    stated_end: set[str] = set()
    inferred_granter: dict[str, str] = {}
    for (g, r), es in sorted(pairs.items()):
        es = sorted(es, key=lambda e: (str(e.properties.get("power") or ""), e.id))
        powers = sorted({str(e.properties.get("power") or "") for e in es})
        grants = []
        for e in es:
            ev = sorted(e.evidence)[0] if e.evidence else None
            grants.append({"power": str(e.properties.get("power") or ""), "mode": str(e.properties.get("mode") or ""),
                           "inferred": bool(e.properties.get("inferred")), "method": str(e.properties.get("method") or ""),
                           "cite": short_cite(docs.get(ev.doc) if ev else None, ev.line if ev else None),
                           "text": ev.text[:300] if ev else ""})
            if e.properties.get("inferred"):
                inferred_granter.setdefault(g, str(e.properties.get("method") or ""))
            else:
                stated_end |= {g, r}
        evidence = tuple(sorted({ev for e in es for ev in e.evidence}))
        n_inf = sum(1 for x in grants if x["inferred"])
        props: dict[str, Any] = {"powers": powers, "n": len(es), "grants": grants}
        if n_inf == len(grants):
            props["inferred"] = True
            props["method"] = grants[0]["method"]
        me = Edge(edge_id("GRANTS", g, r), "GRANTS", g, r, props, evidence)
        merged.append(me)
        st: dict[str, Any] = {"label": _grant_label(powers), "width": round(1.5 + min(4.0, len(es) / 2.5), 1)}
        if n_inf == len(grants):
            st["dashes"] = [6, 4]
        styles[me.id] = st
    keep = {x for e in merged for x in (e.source, e.target)}
    if name:
        keep.add(resolve(G, name))
    out_nodes = [n for n in nodes if n.id in keep]
    by_node = {n.id: n for n in out_nodes}
    for nid, method in inferred_granter.items():
        if nid in stated_end or nid not in by_node:
            continue
        from .network import _node_colour

        c = _node_colour(by_node[nid].label)["border"]
        styles[nid] = {"color": {"background": "#ffffff", "border": c, "highlight": {"background": "#fff8c4", "border": "#000"},
                                 "hover": {"background": "#ffffff", "border": "#000"}},
                       "font": {"color": c}, "shapeProperties": {"borderDashes": [5, 3]}, "borderWidth": 2,
                       "gg": {"inferred": method}}
    return {"nodes": out_nodes, "edges": merged, "positions": _columns(out_nodes, merged), "styles": styles,
            "hops": [h[2] for h in hops]}


def _columns(nodes: list[Node], edges: list[Edge]) -> dict[str, tuple[float, float]]:
    """Granters left, receivers right: a node's column is the longest chain
    of grants above it; in a column, nodes follow their granters' order."""
    D = nx.DiGraph()
    D.add_nodes_from(n.id for n in nodes)
    D.add_edges_from((e.source, e.target) for e in edges if e.source != e.target)
    name = {n.id: n.name for n in nodes}
    col: dict[str, int] = {}
    try:
        for v in nx.topological_sort(D):
            col[v] = max((col[u] + 1 for u in D.predecessors(v)), default=0)
    except nx.NetworkXUnfeasible:  # a cycle: breadth-first levels from the granters instead
        col = {}
        roots = [v for v in D if D.in_degree(v) == 0] or sorted(D)[:1]
        for v, d in nx.multi_source_dijkstra_path_length(D, roots).items():
            col[v] = int(d)
        for v in D:
            col.setdefault(v, 0)
    pos: dict[str, tuple[float, float]] = {}
    y_of: dict[str, float] = {}
    for c in sorted(set(col.values())):
        members = [v for v in col if col[v] == c]

        def key(v: str) -> tuple[float, str]:
            ys = [y_of[u] for u in D.predecessors(v) if u in y_of]
            return (sum(ys) / len(ys) if ys else 0.0, name[v])

        members.sort(key=key)
        top = -(len(members) - 1) * ROW_GAP / 2
        for i, v in enumerate(members):
            y_of[v] = top + i * ROW_GAP
            pos[v] = (c * COLUMN_GAP, y_of[v])
    return pos


def render_delegation(nodes: Iterable[Node], edges: Iterable[Edge], name: str | None = None, *,
                      depth: int = 5, title: str | None = None, docs_from: Iterable[Node] | None = None) -> str:
    """The delegation page (HTML text)."""
    from .network import _glyph, render_map

    nodes, edges = list(nodes), list(edges)
    v = delegation_view(nodes, edges, name, depth=depth)
    note = None
    if not v["edges"]:
        note = "没有授权关系（DELEGATED_FROM）。No delegation in this graph."
    n_inf = sum(1 for e in v["edges"] if e.properties.get("inferred"))
    if v["edges"]:
        note = (f"{len(v['hops'])} 项授权，合并为 {len(v['edges'])} 条线（授出 → 承接）；{n_inf} 条仅由名称推断（虚线），"
                "空心虚框的机构为推断的对应机构。点击线查看每项职权和原文。")
    legend = ['<h2>推断 inferred</h2>',
              f'<label>{_glyph("box", "#1f77b4", hollow=True)}<span>推断的机构（原文未写明）</span></label>',
              '<label><span class="ln dashed" style="border-top-color:#d4af37"></span><span>推断的授权</span></label>']
    return render_map(v["nodes"], v["edges"], title or ("授权 delegation" + (f"：{name}" if name else "")),
                      budget=None, positions=v["positions"], styles=v["styles"], note=note,
                      docs_from=docs_from if docs_from is not None else nodes, legend_extra=legend)
