"""Self-contained, offline HTML maps of the graph (vis-network via pyvis).

Every page is one UTF-8 file with no remote URL of any kind: vis-network is
inlined from pyvis's bundled copy (``cdn_resources="in_line"``), the page
around it is ours (no Bootstrap CDN), and a Content-Security-Policy blocks
every request (``default-src 'none'``; only the page's own two scripts run,
by hash). Positions are computed here (NetworkX spring layout, seeded,
component by component), so big maps draw at once with physics off.

Everything that comes from documents (names, evidence, properties) is
embedded as JSON in ``<script type="application/json">`` with ``<``, ``>``
and ``&`` escaped as ``\\u003c`` …, and the page puts it into the DOM only
with ``textContent``; vis-network draws labels on a canvas.

Functions: :func:`render_map` (HTML text), :func:`write_map`,
:func:`neighbourhood`, :func:`document_subgraph`, :func:`chain_subgraph`,
:func:`overlap_network` (a derived agency × agency map), :func:`build_maps`
(``maps/index.html``, ``overview.html``, ``doc-N.html``, ``overlaps.html``)
and :func:`screenshot` (headless Chromium through Playwright, offline).
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import os
import shutil
from collections import Counter, deque
from functools import lru_cache
from itertools import combinations
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import networkx as nx

from .errors import GovGraphError, QueryError
from .records import Edge, Evidence, Node, edge_id
from .schema import SCHEMA

__all__ = [
    "DEFAULT_BUDGET", "PHYSICS_MAX", "CHROMIUM_ARGS", "DERIVED_EDGES", "render_map", "write_map",
    "neighbourhood", "document_subgraph", "chain_subgraph", "overlap_network", "build_maps",
    "layout", "find_chromium", "screenshot",
]

DEFAULT_BUDGET = 1500  # nodes drawn at most; past it the highest-degree nodes are kept
PHYSICS_MAX = 150  # physics (live layout) only up to this many nodes
LABEL_MAX = 18  # characters of a name shown on the map (the panel shows all)
MENTION_MAX = 200  # printed forms listed per node in the panel
REPEALED = frozenset({"repealed", "废止", "已废止", "失效"})
REPEALED_STYLE = {"color": "#9e9e9e", "dashes": [2, 6]}
FONT = '"WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'
DERIVED_EDGES: dict[str, dict[str, Any]] = {
    "SHARES_DUTIES": {"zh": "共担任务", "en": "shares duties (derived: tasks both are given)",
                      "style": {"color": "#ff7f0e", "dashes": False}},
}
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
    "--disable-extensions", "--disable-domain-reliability", "--disable-client-side-phishing-detection",
    "--no-default-browser-check", "--metrics-recording-only", "--disable-breakpad",
]


# -- small helpers -------------------------------------------------------------------------
def _json_for_script(obj: Any) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``<``, ``>``,
    ``&`` (so no ``</script>``, no ``<!--``) and no U+2028/2029, all as \\u escapes.

    >>> _json_for_script({"a": "</script><b>&"})
    '{"a":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=str)
    return (s.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _short(name: str, n: int = LABEL_MAX) -> str:
    """A map label: whitespace folded, cut at ``n`` characters.

    >>> _short("一二三四五", 3)
    '一二…'
    """
    s = " ".join(str(name).split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _en(kind: str) -> str:
    """ "DELEGATED_FROM" -> "delegated from"; node kinds stay as they are."""
    return kind.replace("_", " ").lower() if kind.isupper() else kind


def _is_repealed(props: Mapping[str, Any]) -> bool:
    return str(props.get("status") or "").strip().lower() in REPEALED


@lru_cache(maxsize=1)
def _vis_js() -> str:
    """vis-network as pyvis bundles it for ``cdn_resources="in_line"``."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib"
    candidates = sorted(lib.glob("vis-*/vis-network.min.js"), key=lambda p: [int(x) for x in p.parent.name[4:].split(".")])
    if not candidates:
        raise GovGraphError(f"pyvis has no bundled vis-network under {lib}", hint="reinstall pyvis>=0.3.2")
    js = candidates[-1].read_text(encoding="utf-8")
    if "</script" in js.lower():  # pragma: no cover - would end the inline script early
        raise GovGraphError("the bundled vis-network contains '</script'")
    return js


def _doc_table(nodes: Iterable[Node]) -> dict[str, dict[str, Any]]:
    """doc id -> how to cite it (文号 or title), its title, 文号, status."""
    from .analysis.common import doc_label

    out: dict[str, dict[str, Any]] = {}
    for n in nodes:
        if n.label != "Document":
            continue
        p = dict(n.properties)
        p.setdefault("name", n.name)
        out[n.id] = {"label": doc_label(p, n.id), "title": str(p.get("title") or n.name),
                     "doc_number": str(p.get("doc_number") or ""), "status": str(p.get("status") or ""),
                     "repealed": _is_repealed(p)}
    return out


# -- layout ------------------------------------------------------------------------------------
def _fr_dense(H: nx.Graph, seed: int, iterations: int = 60) -> dict[str, tuple[float, float]]:
    """Fruchterman–Reingold on a dense matrix (NumPy only): NetworkX's spring
    layout needs SciPy from 500 nodes on."""
    import numpy as np

    order = list(H)
    n = len(order)
    A = nx.to_numpy_array(H, nodelist=order, weight=None)
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2))
    k = math.sqrt(1.0 / n)
    t = 0.1
    dt = t / (iterations + 1)
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.linalg.norm(delta, axis=-1)
        np.clip(dist, 0.01, None, out=dist)
        disp = np.einsum("ijk,ij->ik", delta, k * k / dist**2 - A * dist / k)
        length = np.linalg.norm(disp, axis=-1)
        length = np.where(length < 0.01, 0.1, length)
        pos += disp * (t / length)[:, None]
        t -= dt
    pos -= pos.mean(axis=0)
    pos /= max(float(np.abs(pos).max()), 1e-9)
    return {v: (float(x), float(y)) for v, (x, y) in zip(order, pos)}


def _component_layout(H: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    n = len(H)
    if n == 1:
        return {next(iter(H)): (0.0, 0.0)}
    if n == 2:
        a, b = sorted(H)
        return {a: (-1.0, 0.0), b: (1.0, 0.0)}
    if n < 500:
        pos = nx.spring_layout(H, seed=seed, method="force", iterations=80 if n < 200 else 50)
        return {v: (float(p[0]), float(p[1])) for v, p in pos.items()}
    try:
        import scipy  # noqa: F401

        pos = nx.spring_layout(H, seed=seed, iterations=50)
        return {v: (float(p[0]), float(p[1])) for v, p in pos.items()}
    except ImportError:
        return _fr_dense(H, seed)


def layout(node_ids: Sequence[str], pairs: Iterable[tuple[str, str]], seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions in screen units: a seeded spring layout per connected
    component, components packed in rows, biggest first. Deterministic.

    >>> pos = layout(["a", "b", "c"], [("a", "b")])
    >>> sorted(pos) == ["a", "b", "c"] and pos == layout(["a", "b", "c"], [("a", "b")])
    True
    """
    H = nx.Graph()
    H.add_nodes_from(sorted(node_ids))
    H.add_edges_from((s, t) for s, t in pairs if s != t and s in H and t in H)
    comps = sorted((sorted(c) for c in nx.connected_components(H)), key=lambda c: (-len(c), c[0]))
    boxes = []
    for comp in comps:
        sub = H.subgraph(comp).copy()
        half = 70.0 * math.sqrt(len(comp)) + 25.0  # half the side of its square
        boxes.append((comp, _component_layout(sub, seed), half))
    total = sum((2 * h) ** 2 for _, _, h in boxes)
    width = max([2 * h for _, _, h in boxes] + [1.3 * math.sqrt(total)])
    pos: dict[str, tuple[float, float]] = {}
    x = y = row_h = 0.0
    for comp, p, half in boxes:
        if x > 0 and x + 2 * half > width:
            x, y, row_h = 0.0, y + row_h + 40.0, 0.0
        cx, cy = x + half, y + half
        for v in comp:
            px, py = p[v]
            pos[v] = (round(cx + px * (half - 20.0), 1), round(cy + py * (half - 20.0), 1))
        x += 2 * half + 40.0
        row_h = max(row_h, 2 * half)
    if pos:  # centre on the origin
        mx = (min(p[0] for p in pos.values()) + max(p[0] for p in pos.values())) / 2
        my = (min(p[1] for p in pos.values()) + max(p[1] for p in pos.values())) / 2
        pos = {v: (round(px - mx, 1), round(py - my, 1)) for v, (px, py) in pos.items()}
    return pos


# -- subgraphs ---------------------------------------------------------------------------------
def _restrict(nodes: Sequence[Node], edges: Sequence[Edge], keep: set[str]) -> tuple[list[Node], list[Edge]]:
    return ([n for n in nodes if n.id in keep],
            [e for e in edges if e.source in keep and e.target in keep])


def _resolve(G: nx.MultiDiGraph, name: str, labels: Iterable[str] | None = None) -> str:
    from .analysis.names import resolve

    return resolve(G, name, labels)


def neighbourhood(nodes: Iterable[Node], edges: Iterable[Edge], name: str, depth: int = 2) -> tuple[list[Node], list[Edge]]:
    """The nodes within ``depth`` steps of ``name`` (printed or canonical, 文号
    or title; unknown names raise :class:`graph.errors.UnknownName` with close
    matches) and the edges among them. Like ``govgraph neighbours``, steps do
    not go through LISTED_IN (every task hangs off its document), unless
    ``name`` is a document."""
    from .analysis.paths import MAX_DEPTH, SKIP_TYPES, undirected_view
    from .netx import to_networkx

    nodes, edges = list(nodes), list(edges)
    depth = int(depth)
    if not 1 <= depth <= MAX_DEPTH:
        raise QueryError(f"depth {depth} is out of range", hint=f"1 to {MAX_DEPTH}")
    G = to_networkx(nodes, edges)
    start = _resolve(G, name)
    skip = () if G.nodes[start].get("label") == "Document" else SKIP_TYPES
    H = undirected_view(G, skip)
    keep = set(nx.single_source_shortest_path_length(H, start, cutoff=depth))
    return _restrict(nodes, edges, keep)


def _focus_id(nodes: Sequence[Node], edges: Sequence[Edge], name: str) -> str:
    from .netx import to_networkx

    return _resolve(to_networkx(nodes, edges), name)


def document_subgraph(nodes: Iterable[Node], edges: Iterable[Edge], ref: str) -> tuple[list[Node], list[Edge]]:
    """What one document (by id, file, 文号 or title) states, with the parts
    of a compilation: its Document node(s), every node it mentions, every edge it is evidence for, and those
    edges' ends. Unknown refs raise :class:`graph.errors.StoreError` listing
    the loaded documents."""
    from .stores.base import resolve_documents

    nodes, edges = list(nodes), list(edges)
    docs = [{**dict(n.properties), "id": n.id, "name": n.name} for n in nodes if n.label == "Document"]
    loaded = [d for d in docs if d.get("loaded")]
    ids = set(resolve_documents(ref, loaded or docs))
    doc_ids = {d["id"] for d in docs}
    grew = True
    while grew:  # a compilation's map holds its parts (part -PART_OF-> compilation)
        parts = {e.source for e in edges if e.type == "PART_OF" and e.target in ids and e.source in doc_ids}
        grew = bool(parts - ids)
        ids |= parts
    keep = set(ids)
    keep |= {n.id for n in nodes if any(m.doc in ids for m in n.mentions)}
    chosen = [e for e in edges if any(ev.doc in ids for ev in e.evidence)]
    for e in chosen:
        keep |= {e.source, e.target}
    chosen_ids = {e.id for e in chosen}
    chosen += [e for e in edges if e.id not in chosen_ids and e.source in ids and e.target in ids]
    return [n for n in nodes if n.id in keep], [e for e in edges if e.id in {c.id for c in chosen}]


def chain_subgraph(nodes: Iterable[Node], edges: Iterable[Edge], name: str, depth: int = 5) -> tuple[list[Node], list[Edge]]:
    """Delegation chains (DELEGATED_FROM, receiver -> granter) reachable from
    ``name`` within ``depth`` hops, up and down; from a jurisdiction, also those
    of its own bodies (with their PART_OF edges). From a power or power
    category: every delegation of that power, with who HOLDS it."""
    from .analysis.chains import MAX_DEPTH, jurisdiction_bodies, powers_for
    from .netx import to_networkx

    nodes, edges = list(nodes), list(edges)
    depth = int(depth)
    if not 1 <= depth <= MAX_DEPTH:
        raise QueryError(f"depth {depth} is out of range", hint=f"1 to {MAX_DEPTH}")
    G = to_networkx(nodes, edges)
    start = _resolve(G, name)
    dele = [e for e in edges if e.type == "DELEGATED_FROM"]
    keep = {start}
    chosen: list[Edge] = []
    if G.nodes[start].get("label") == "Power":
        powers = set(powers_for(G, start))
        chosen = [e for e in dele if e.properties.get("power") in powers]
        bodies = {x for e in chosen for x in (e.source, e.target)}
        power_ids = {n.id for n in nodes if n.label == "Power" and n.name in powers}
        chosen += [e for e in edges if e.type == "HOLDS" and e.target in power_ids and e.source in bodies]
        keep |= bodies | power_ids
    else:
        adj: dict[str, list[Edge]] = {}
        for e in dele:
            adj.setdefault(e.source, []).append(e)
            adj.setdefault(e.target, []).append(e)
        seen_e: set[str] = set()
        queue = deque([(start, 0)])
        if G.nodes[start].get("label") == "Jurisdiction":  # a place grants through its bodies too
            granting = {b for b in jurisdiction_bodies(G, start) if b in adj}
            part_of = [e for e in edges if e.type == "PART_OF" and e.target == start and e.source in granting]
            for e in part_of:
                chosen.append(e)
                keep.add(e.source)
                queue.append((e.source, 0))
        while queue:
            n, d = queue.popleft()
            if d >= depth:
                continue
            for e in adj.get(n, []):
                if e.id in seen_e:
                    continue
                seen_e.add(e.id)
                chosen.append(e)
                other = e.target if e.source == n else e.source
                if other not in keep:
                    keep.add(other)
                    queue.append((other, d + 1))
    if not any(e.type == "DELEGATED_FROM" for e in chosen):
        raise QueryError(f"{name!r} is in no delegation chain",
                         hint="no DELEGATED_FROM edge reaches it; try `govgraph map --focus NAME`")
    ids = {e.id for e in chosen}
    return [n for n in nodes if n.id in keep], [e for e in edges if e.id in ids]


def overlap_network(nodes: Iterable[Node], edges: Iterable[Edge], *, min_shared: int = 1,
                    include_collective: bool = False) -> tuple[list[Node], list[Edge]]:
    """A derived map: agencies, joined by a SHARES_DUTIES edge weighted by the
    number of tasks (duties/projects) both are given, as lead or assist.
    Evidence: the printed assignment lines of the shared tasks (first 20).
    Collective actors (各部门 …) are left out unless ``include_collective``."""
    nodes, edges = list(nodes), list(edges)
    by_id = {n.id: n for n in nodes}
    holders: dict[str, dict[str, Edge]] = {}
    for e in sorted(edges, key=lambda e: e.id):
        if e.type not in ("LEADS", "ASSISTS"):
            continue
        src = by_id.get(e.source)
        if src is None or src.label != "Agency" or (src.properties.get("collective") and not include_collective):
            continue
        holders.setdefault(e.target, {}).setdefault(e.source, e)
    pairs: dict[tuple[str, str], list[str]] = {}
    for task in sorted(holders):
        for a, b in combinations(sorted(holders[task], key=lambda x: (by_id[x].name, x)), 2):
            pairs.setdefault((a, b), []).append(task)
    out_edges: list[Edge] = []
    keep: set[str] = set()
    for (a, b), tasks in sorted(pairs.items()):
        if len(tasks) < int(min_shared):
            continue
        both_lead = sum(1 for t in tasks if holders[t][a].type == holders[t][b].type == "LEADS")
        evidence: list[Evidence] = []
        for t in tasks[:20]:
            ev = holders[t][a].evidence or holders[t][b].evidence
            if ev:
                evidence.append(ev[0])
        docs = {ev.doc for t in tasks for ev in (holders[t][a].evidence[:1] or holders[t][b].evidence[:1])}
        props = {"shared": len(tasks), "both_lead": both_lead, "documents": len(docs),
                 "tasks": [by_id[t].name for t in tasks[:20] if t in by_id]}
        out_edges.append(Edge(edge_id("SHARES_DUTIES", a, b), "SHARES_DUTIES", a, b, props,
                              tuple(sorted(set(evidence)))))
        keep |= {a, b}
    return [n for n in nodes if n.id in keep], out_edges


# -- rendering ---------------------------------------------------------------------------------
def _apply_budget(nodes: list[Node], edges: list[Edge], budget: int, pinned: set[str]) -> tuple[list[Node], list[Edge]]:
    deg: Counter[str] = Counter()
    for e in edges:
        deg[e.source] += 1
        deg[e.target] += 1
    ranked = sorted(nodes, key=lambda n: (n.id not in pinned, -deg[n.id], n.id))
    keep = {n.id for n in ranked[: max(int(budget), 0)]}
    return _restrict(nodes, edges, keep)


def _node_kinds() -> dict[str, dict[str, Any]]:
    return {k: {"zh": v.zh, "en": _en(k), "style": dict(v.style)} for k, v in SCHEMA.nodes.items()}


def _edge_kinds() -> dict[str, dict[str, Any]]:
    out = {k: {"zh": v.zh, "en": _en(k), "style": dict(v.style)} for k, v in SCHEMA.edges.items()}
    out.update(DERIVED_EDGES)
    return out


_INSIDE = {"box", "ellipse", "circle", "database", "text"}  # vis shapes with the label inside


def _vis_data(nodes: list[Node], edges: list[Edge], docs: Mapping[str, Mapping[str, Any]],
              focus: str | None) -> tuple[list[dict], list[dict], dict[str, Any]]:
    ekinds = _edge_kinds()
    pos = layout([n.id for n in nodes], [(e.source, e.target) for e in edges])
    deg: Counter[str] = Counter()
    for e in edges:
        deg[e.source] += 1
        deg[e.target] += 1
    names = {n.id: n.name for n in nodes}
    texts: dict[str, int] = {}  # evidence texts repeat (one line states several edges): stored once

    def t(s: str) -> int:
        return texts.setdefault(s, len(texts))

    vnodes, vedges = [], []
    info_n: dict[str, Any] = {}
    info_e: dict[str, Any] = {}
    for n in nodes:
        repealed = n.label == "Document" and _is_repealed(n.properties)
        x, y = pos[n.id]
        v: dict[str, Any] = {"id": n.id, "label": _short(n.name) + ("（已废止）" if repealed else ""),
                             "group": n.label, "x": x, "y": y,
                             "size": round(9 + min(21.0, 3.0 * math.sqrt(deg[n.id])), 1)}
        if repealed:
            v["color"] = {"background": "#e0e0e0", "border": REPEALED_STYLE["color"]}
            v["font"] = {"color": "#000000"}
            v["shapeProperties"] = {"borderDashes": [4, 4]}
        if n.id == focus:
            v["borderWidth"] = 4
            v["size"] += 8
        vnodes.append(v)
        ms = sorted(n.mentions)
        info_n[n.id] = {"name": n.name, "kind": n.label, "props": dict(n.properties),
                        "mentions": [[m.doc, m.line, t(m.text)] for m in ms[:MENTION_MAX]],
                        "more": max(0, len(ms) - MENTION_MAX), "degree": deg[n.id]}
    for e in edges:
        style = ekinds.get(e.type, {}).get("style", {})
        ev_docs = {ev.doc for ev in e.evidence}
        repealed = bool(ev_docs) and all(docs.get(d, {}).get("repealed") for d in ev_docs)
        v = {"id": e.id, "from": e.source, "to": e.target, "kind": e.type,
             "color": REPEALED_STYLE["color"] if repealed else style.get("color", "#888888")}
        dashes = REPEALED_STYLE["dashes"] if repealed else bool(style.get("dashes", False))
        if dashes:
            v["dashes"] = dashes
        if repealed:
            v["repealed"] = True
        if e.type in DERIVED_EDGES:
            w = int(e.properties.get("shared", 1) or 1)
            v["width"] = round(1 + 1.5 * math.log2(max(w, 1)), 2)
            v["label"] = str(w)
            v["arrows"] = {"to": {"enabled": False}}
        vedges.append(v)
        info_e[e.id] = {"kind": e.type, "from": e.source, "to": e.target, "props": dict(e.properties),
                        "repealed": repealed, "evidence": [[ev.doc, ev.line, t(ev.text)] for ev in sorted(e.evidence)]}
    return vnodes, vedges, {"nodes": info_n, "edges": info_e, "texts": list(texts)}


def _options(n_nodes: int, n_edges: int) -> dict[str, Any]:
    """vis-network options, made by pyvis's option objects."""
    from pyvis.network import Network

    net = Network(cdn_resources="in_line", directed=True)
    physics = n_nodes <= PHYSICS_MAX
    net.toggle_physics(physics)
    net.set_edge_smooth("continuous")
    _, _, _, _, _, options = net.get_network_data()
    opts = json.loads(options)
    opts["edges"]["color"] = {"inherit": False, "highlight": "#000000", "hover": "#000000", "opacity": 0.85}
    if not physics or n_edges > 2000:
        opts["edges"]["smooth"] = {"enabled": False}
    opts["edges"]["font"] = {"face": FONT, "size": 11, "strokeWidth": 3, "align": "middle"}
    opts["edges"]["arrows"] = {"to": {"enabled": True, "scaleFactor": 0.5}}
    opts["nodes"] = {"font": {"face": FONT, "size": 14}, "borderWidth": 1, "borderWidthSelected": 4}
    opts["layout"] = {"improvedLayout": False, "randomSeed": 7}
    groups = {}
    for k, v in _node_kinds().items():  # node colour and shape per kind (vis groups)
        colour, shape = v["style"].get("color", "#888888"), v["style"].get("shape", "dot")
        groups[k] = {"shape": shape, "color": {"background": colour, "border": colour,
                                               "highlight": {"background": "#ffd400", "border": "#000000"},
                                               "hover": {"background": colour, "border": "#000000"}}}
        if shape in _INSIDE:
            groups[k]["font"] = {"color": "#ffffff"}
    opts["groups"] = groups
    opts["interaction"].update({"hover": True, "tooltipDelay": 200, "hideEdgesOnDrag": n_edges > 1000,
                                "navigationButtons": False, "keyboard": False, "multiselect": True})
    if physics:
        opts["physics"]["solver"] = "barnesHut"
        opts["physics"]["barnesHut"] = {"gravitationalConstant": -4000, "springLength": 110, "avoidOverlap": 0.2}
        opts["physics"]["stabilization"] = {"enabled": True, "iterations": 150, "fit": True}
    return opts


_CSS = """
*{box-sizing:border-box}
html,body{margin:0;height:100%;font-family:%FONT%;font-size:14px;color:#222;background:#fafafa}
#gg{display:grid;grid-template-columns:250px 1fr 360px;grid-template-rows:auto auto 1fr;height:100vh}
header{grid-column:1/4;display:flex;gap:12px;align-items:center;padding:6px 12px;background:#263238;color:#fff}
header h1{font-size:16px;margin:0;font-weight:600;flex:1;overflow:hidden;white-space:nowrap;text-overflow:ellipsis}
header input{width:320px;padding:4px 6px;font:inherit}
header button{font:inherit;padding:3px 10px}
#gg-status{font-size:12px;min-width:80px}
#gg-banner{grid-column:1/4;background:#fff3cd;border-bottom:1px solid #e0c36b;padding:6px 12px}
#gg-banner:empty{display:none}
#gg-legend{overflow:auto;padding:8px;border-right:1px solid #ddd;background:#fff}
#gg-legend h2,#gg-panel h2{font-size:14px;margin:8px 0 4px}
#gg-legend label{display:flex;align-items:center;gap:6px;padding:1px 0;cursor:pointer}
#gg-legend label.empty{color:#aaa}
.sw{display:inline-block;width:14px;height:14px;border:1px solid #555;flex:none}
.ln{display:inline-block;width:28px;height:0;border-top:3px solid #555;flex:none}
.ln.dashed{border-top-style:dashed}.ln.dotted{border-top-style:dotted}
.cnt{color:#888;font-size:12px;margin-left:auto}
#gg-legend,#gg-net,#gg-panel{grid-row:3;min-height:0}
#gg-net{position:relative;background:#fff}
#gg-panel{overflow:auto;padding:8px 12px;border-left:1px solid #ddd;background:#fff}
#gg-panel .muted{color:#888}
#gg-panel dl{display:grid;grid-template-columns:auto 1fr;gap:2px 8px;margin:4px 0}
#gg-panel dt{color:#666}#gg-panel dd{margin:0;word-break:break-all}
#gg-panel blockquote{margin:4px 0 10px;padding:4px 8px;border-left:3px solid #90a4ae;background:#f5f7f8;white-space:pre-wrap;word-break:break-all}
#gg-panel .cite{font-size:12px;color:#37474f}
#gg-panel .warn{color:#b00020}
"""

_JS = r"""
(function () {
  "use strict";
  var t0 = performance.now();
  var D = JSON.parse(document.getElementById("gg-data").textContent);
  var gg = window.gg = {ready: false, drawMs: null, data: D};
  function $(id) { return document.getElementById(id); }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }
  function str(v) {
    if (v === true) return "是 yes"; if (v === false) return "否 no";
    if (Array.isArray(v)) return v.map(str).join("、");
    if (v !== null && typeof v === "object") return JSON.stringify(v);
    return String(v);
  }
  var hiddenNode = {}, hiddenEdge = {}, hideRepealed = false;
  var nodes = new vis.DataSet(D.vis.nodes), edges = new vis.DataSet(D.vis.edges);
  var nodeView = new vis.DataView(nodes, {filter: function (n) { return !hiddenNode[n.group]; }});
  var edgeView = new vis.DataView(edges, {filter: function (e) {
    return !hiddenEdge[e.kind] && !(hideRepealed && e.repealed); }});
  var network = new vis.Network($("gg-net"), {nodes: nodeView, edges: edgeView}, D.vis.options);
  gg.network = network; gg.nodes = nodes; gg.edges = edges; gg.nodeView = nodeView; gg.edgeView = edgeView;
  network.once("afterDrawing", function () {
    gg.drawMs = performance.now() - t0; gg.ready = true;
    document.body.setAttribute("data-ready", "1");
    if (D.focus && nodes.get(D.focus)) { select(D.focus); }
  });

  // filters: the legend's checkboxes
  Array.prototype.forEach.call(document.querySelectorAll("#gg-legend input[type=checkbox]"), function (cb) {
    cb.addEventListener("change", function () {
      var k = cb.getAttribute("data-kind"), what = cb.getAttribute("data-what");
      if (what === "node") hiddenNode[k] = !cb.checked;
      else if (what === "edge") hiddenEdge[k] = !cb.checked;
      else if (what === "repealed") hideRepealed = !cb.checked;
      nodeView.refresh(); edgeView.refresh();
    });
  });

  // the side panel
  var panel = $("gg-panel");
  function docCite(doc) {
    var d = D.docs[doc];
    if (!d) return doc;
    var s = d.label;
    if (d.doc_number && d.title && d.title !== d.label) s = d.title + "（" + d.doc_number + "）";
    return s;
  }
  function props(p) {
    var keys = Object.keys(p || {});
    if (!keys.length) return null;
    var dl = el("dl");
    keys.sort().forEach(function (k) { dl.appendChild(el("dt", k)); dl.appendChild(el("dd", str(p[k]))); });
    return dl;
  }
  function evidenceList(title, list) {
    panel.appendChild(el("h2", title + "（" + list.length + "）"));
    list.forEach(function (ev) {
      var d = D.docs[ev[0]];
      var c = el("div", docCite(ev[0]) + " · 第 " + ev[1] + " 行" + (d && d.repealed ? " · 已废止 repealed" : ""), "cite");
      panel.appendChild(c);
      panel.appendChild(el("blockquote", D.info.texts[ev[2]], "evidence"));
    });
  }
  function kindName(k, table) { var x = D[table][k]; return x ? x.zh + " / " + x.en : k; }
  function showNode(id) {
    var n = D.info.nodes[id]; if (!n) return;
    clear(panel);
    panel.appendChild(el("h2", n.name, "name"));
    panel.appendChild(el("div", kindName(n.kind, "node_kinds") + " · 连接 " + n.degree, "muted"));
    var p = props(n.props); if (p) { panel.appendChild(el("h2", "属性 properties")); panel.appendChild(p); }
    evidenceList("出处 as printed", n.mentions);
    if (n.more) panel.appendChild(el("div", "… 另有 " + n.more + " 处", "muted"));
  }
  function showEdge(id) {
    var e = D.info.edges[id]; if (!e) return;
    clear(panel);
    panel.appendChild(el("h2", kindName(e.kind, "edge_kinds"), "name"));
    var a = D.info.nodes[e.from], b = D.info.nodes[e.to];
    panel.appendChild(el("div", (a ? a.name : e.from) + " → " + (b ? b.name : e.to)));
    if (e.repealed) panel.appendChild(el("div", "依据的文件均已废止 — evidence only from repealed documents", "warn"));
    var p = props(e.props); if (p) { panel.appendChild(el("h2", "属性 properties")); panel.appendChild(p); }
    evidenceList("依据 evidence", e.evidence);
  }
  gg.showNode = showNode; gg.showEdge = showEdge;
  network.on("click", function (p) {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
  });

  // search by name (canonical or as printed)
  var index = {};
  function addForm(form, id) {
    form = String(form || "").trim(); if (!form) return;
    (index[form] = index[form] || []).indexOf(id) < 0 && index[form].push(id);
  }
  Object.keys(D.info.nodes).forEach(function (id) {
    var n = D.info.nodes[id]; addForm(n.name, id);
    n.mentions.forEach(function (m) { addForm(D.info.texts[m[2]], id); });
  });
  var list = $("gg-names");
  Object.keys(index).sort().forEach(function (form) {
    var o = document.createElement("option");
    o.value = form;
    o.label = index[form].map(function (id) { return D.node_kinds[D.info.nodes[id].kind].zh; })
      .filter(function (v, i, a) { return a.indexOf(v) === i; }).join("、");
    list.appendChild(o);
  });
  function select(id) {
    var n = D.info.nodes[id];
    if (hiddenNode[n.kind]) {
      hiddenNode[n.kind] = false;
      var cb = document.querySelector('#gg-legend input[data-what=node][data-kind="' + n.kind + '"]');
      if (cb) cb.checked = true;
      nodeView.refresh(); edgeView.refresh();
    }
    network.selectNodes([id], true);
    network.focus(id, {scale: 1.3, animation: false});
    showNode(id);
  }
  function search() {
    var q = $("gg-search").value.trim(), status = $("gg-status");
    if (!q) { status.textContent = ""; return []; }
    var ids = index[q] ? index[q].slice() : [];
    if (!ids.length) {
      Object.keys(D.info.nodes).forEach(function (id) {
        if (D.info.nodes[id].name.indexOf(q) >= 0) ids.push(id);
      });
    }
    if (!ids.length) { status.textContent = "未找到 not found"; network.unselectAll(); return ids; }
    select(ids[0]);
    if (ids.length > 1) network.selectNodes(ids.slice(0, 200), true);
    status.textContent = ids.length + " 个 found";
    return ids;
  }
  gg.search = function (q) { $("gg-search").value = q; return search(); };
  gg.select = select;
  $("gg-search").addEventListener("change", search);
  $("gg-search").addEventListener("keydown", function (ev) { if (ev.key === "Enter") search(); });
  $("gg-go").addEventListener("click", search);
  $("gg-fit").addEventListener("click", function () { network.fit({animation: false}); });
})();
"""


def _legend(nodes: list[Node], edges: list[Edge]) -> str:
    esc = html.escape
    ncount = Counter(n.label for n in nodes)
    ecount = Counter(e.type for e in edges)
    parts = ['<h2>节点 nodes</h2>']
    for k, v in _node_kinds().items():
        st = v["style"]
        parts.append(
            f'<label class="{"" if ncount[k] else "empty"}" title="{esc(st.get("shape", ""))}">'
            f'<input type="checkbox" checked data-what="node" data-kind="{esc(k)}">'
            f'<span class="sw" style="background:{esc(st.get("color", "#888"))}"></span>'
            f'<span>{esc(v["zh"])} <span class="en">{esc(v["en"])}</span></span>'
            f'<span class="cnt">{ncount[k]}</span></label>')
    parts.append('<h2>关系 edges</h2>')
    kinds = _edge_kinds()
    for k, v in kinds.items():
        if k in DERIVED_EDGES and not ecount[k]:
            continue
        st = v["style"]
        dash = " dashed" if st.get("dashes") else ""
        parts.append(
            f'<label class="{"" if ecount[k] else "empty"}">'
            f'<input type="checkbox" checked data-what="edge" data-kind="{esc(k)}">'
            f'<span class="ln{dash}" style="border-top-color:{esc(st.get("color", "#888"))}"></span>'
            f'<span>{esc(v["zh"])} <span class="en">{esc(v["en"])}</span></span>'
            f'<span class="cnt">{ecount[k]}</span></label>')
    parts.append('<h2>废止 repealed</h2>'
                 '<label><input type="checkbox" checked data-what="repealed" data-kind="repealed">'
                 f'<span class="ln dotted" style="border-top-color:{REPEALED_STYLE["color"]}"></span>'
                 '<span>仅见于已废止文件 <span class="en">evidence only from repealed documents</span></span></label>')
    return "\n".join(parts)


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def render_map(nodes: Iterable[Node], edges: Iterable[Edge], title: str = "govgraph", *,
               focus: str | None = None, depth: int = 2, budget: int = DEFAULT_BUDGET,
               note: str | None = None, docs_from: Iterable[Node] | None = None) -> str:
    """One self-contained HTML page (UTF-8 text) drawing these nodes and edges.

    ``focus``: a name (printed or canonical): only its ``depth``-step
    neighbourhood is drawn, the node selected and centred. ``budget``: past
    this many nodes, the highest-degree ones are kept and a banner says what
    was left out. ``note``: an extra line for the banner. ``docs_from``: nodes
    to look document titles and status up in, if not among ``nodes`` (e.g.
    the whole graph for a subgraph)."""
    nodes, edges = list(nodes), list(edges)
    docs = _doc_table(list(docs_from) if docs_from is not None else nodes)
    if docs_from is not None:
        docs.update({k: v for k, v in _doc_table(nodes).items() if k not in docs})
    focus_id = None
    if focus:
        focus_id = _focus_id(nodes, edges, focus)
        nodes, edges = neighbourhood(nodes, edges, focus_id, depth)
    nodes = list({n.id: n for n in reversed(nodes)}.values())[::-1]  # one node per ID (vis refuses duplicates)
    ids = {n.id for n in nodes}
    edges = list({e.id: e for e in reversed(edges) if e.source in ids and e.target in ids}.values())[::-1]
    total_n, total_e = len(nodes), len(edges)
    banner: list[str] = []
    if budget is not None and total_n > int(budget):
        nodes, edges = _apply_budget(nodes, edges, int(budget), {focus_id} if focus_id else set())
        banner.append(
            f"图太大：显示 {len(nodes)} / {total_n} 个节点、{len(edges)} / {total_e} 条边（按连接数保留），"
            f"省略了 {total_n - len(nodes)} 个节点和 {total_e - len(edges)} 条边。"
            f"Too big: {total_n - len(nodes)} nodes and {total_e - len(edges)} edges left out "
            f"(kept the {len(nodes)} best-connected). To see everything around one name: "
            f"govgraph map --focus NAME (or --document REF).")
    if note:
        banner.append(note)
    vnodes, vedges, info = _vis_data(nodes, edges, docs, focus_id)
    from pyvis.network import Network

    net = Network(cdn_resources="in_line", directed=True)
    net.nodes, net.edges = vnodes, vedges  # assigned whole: add_node one by one is quadratic
    data_nodes, data_edges, *_ = net.get_network_data()
    data = {
        "title": title, "focus": focus_id,
        "vis": {"nodes": data_nodes, "edges": data_edges, "options": _options(len(vnodes), len(vedges))},
        "info": info, "docs": {k: v for k, v in docs.items()},
        "node_kinds": _node_kinds(), "edge_kinds": _edge_kinds(),
        "counts": {"nodes": len(vnodes), "edges": len(vedges), "total_nodes": total_n, "total_edges": total_e},
    }
    vis_js, app_js = _vis_js(), _JS
    csp = ("default-src 'none'; script-src " + _sha256(vis_js) + " " + _sha256(app_js)
           + "; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; connect-src 'none'; "
           "form-action 'none'; base-uri 'none'")
    esc = html.escape
    banner_html = "".join(f"<div>{esc(b)}</div>" for b in banner)
    return (
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{esc(csp)}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"generator\" content=\"govgraph (pyvis / vis-network, offline)\">\n"
        f"<title>{esc(title)}</title>\n<style>{_CSS.replace('%FONT%', FONT)}</style>\n</head>\n<body>\n"
        "<div id=\"gg\">\n<header>"
        f"<h1 id=\"gg-title\">{esc(title)}</h1>"
        f"<span class=\"cnt\" style=\"color:#cfd8dc\">{len(vnodes)} 节点 · {len(vedges)} 边</span>"
        "<input id=\"gg-search\" list=\"gg-names\" placeholder=\"搜索名称 search a name (e.g. 住房…)\" autocomplete=\"off\">"
        "<datalist id=\"gg-names\"></datalist>"
        "<button id=\"gg-go\" type=\"button\">找 find</button><button id=\"gg-fit\" type=\"button\">全图 fit</button>"
        "<span id=\"gg-status\"></span></header>\n"
        f"<div id=\"gg-banner\">{banner_html}</div>\n"
        f"<nav id=\"gg-legend\">{_legend(nodes, edges)}</nav>\n"
        "<main id=\"gg-net\"></main>\n"
        "<aside id=\"gg-panel\"><h2>说明 how to use</h2><p class=\"muted\">点击节点或关系查看出处（文件、行号、原文）。"
        "Click a node or an edge to see its evidence: document, line, text as printed.</p></aside>\n"
        "</div>\n"
        f"<script type=\"application/json\" id=\"gg-data\">{_json_for_script(data)}</script>\n"
        f"<script>{vis_js}</script>\n<script>{app_js}</script>\n</body>\n</html>\n"
    )


def write_map(path: str | Path, nodes: Iterable[Node], edges: Iterable[Edge], title: str = "govgraph",
              **kwargs: Any) -> Path:
    """:func:`render_map` written to ``path`` as UTF-8 (folders made)."""
    path = Path(path)
    text = render_map(nodes, edges, title, **kwargs)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as e:
        raise GovGraphError(f"{path}: cannot write: {e.strerror}") from e
    return path


def _index_html(title: str, rows: list[tuple[str, str, str, int, int]]) -> str:
    esc = html.escape
    trs = "\n".join(
        f"<tr><td><a href=\"{esc(href)}\">{esc(name)}</a></td><td>{esc(what)}</td><td>{n}</td><td>{m}</td></tr>"
        for href, name, what, n, m in rows)
    return (
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        f"<title>{esc(title)}</title>\n<style>body{{font-family:{FONT};margin:2em;color:#222}}"
        "table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:4px 10px;text-align:left}"
        "td:nth-child(n+3){text-align:right}</style>\n</head>\n<body>\n"
        f"<h1>{esc(title)}</h1>\n<p>每张图都是离线的单个文件。Every map is one offline file; click a node or an edge "
        "for its evidence.</p>\n<table>\n<tr><th>图 map</th><th>内容 what</th><th>节点 nodes</th><th>边 edges</th></tr>\n"
        f"{trs}\n</table>\n</body>\n</html>\n")


def _count(html_text: str) -> tuple[int, int]:
    import re

    m = re.search(r"(\d+) 节点 · (\d+) 边", html_text)
    return (int(m.group(1)), int(m.group(2))) if m else (0, 0)


def build_maps(nodes: Iterable[Node], edges: Iterable[Edge], outdir: str | Path, *,
               budget: int = DEFAULT_BUDGET) -> list[Path]:
    """Write ``OUTDIR/maps/``: ``index.html`` (relative links to all maps),
    ``overview.html`` (the whole graph, within ``budget``), ``doc-N.html``
    per loaded document, ``overlaps.html`` (agency × agency, shared tasks)
    and, when the graph has delegations, ``chains.html``. Returns the paths,
    index first."""
    from .analysis.common import doc_label

    nodes, edges = list(nodes), list(edges)
    out = Path(outdir) / "maps"
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("doc-*.html"):  # from an earlier build with more documents
        old.unlink()
    written: list[Path] = []
    rows: list[tuple[str, str, str, int, int]] = []

    def put(fname: str, title: str, what: str, text: str) -> None:
        p = out / fname
        p.write_text(text, encoding="utf-8")
        written.append(p)
        rows.append((fname, title, what, *_count(text)))

    put("overview.html", "总览 overview", f"全图 the whole graph ({len(nodes)} nodes, {len(edges)} edges)",
        render_map(nodes, edges, "govgraph 总览 overview", budget=budget))
    loaded = sorted((n for n in nodes if n.label == "Document" and n.properties.get("loaded")),
                    key=lambda n: (str(n.properties.get("source_file", "")), str(n.properties.get("part", "")), n.id))
    for i, d in enumerate(loaded, 1):
        sub_n, sub_e = document_subgraph(nodes, edges, d.id)
        label = doc_label({**dict(d.properties), "name": d.name}, d.id)
        title = str(d.properties.get("title") or d.name)
        what = title if label == title else f"{title}（{label}）"
        if _is_repealed(d.properties):
            what += " · 已废止 repealed"
        put(f"doc-{i}.html", f"文件 {i}", what,
            render_map(sub_n, sub_e, f"文件 document: {what}", budget=budget, docs_from=nodes))
    ov_n, ov_e = overlap_network(nodes, edges)
    note = None if ov_e else "没有两个机构共担同一任务。No two agencies share a task."
    put("overlaps.html", "职责交叉 overlaps", "机构 × 机构，共担任务数 agencies joined by the tasks they share",
        render_map(ov_n, ov_e, "职责交叉 overlaps: agencies sharing tasks", budget=budget, note=note, docs_from=nodes))
    dele = [e for e in edges if e.type == "DELEGATED_FROM"]
    if dele:
        keep = {x for e in dele for x in (e.source, e.target)}
        put("chains.html", "授权链 delegation", "职权下放链 every delegation (DELEGATED_FROM)",
            render_map([n for n in nodes if n.id in keep], dele, "授权链 delegation chains", budget=budget,
                       docs_from=nodes))
    index = out / "index.html"
    index.write_text(_index_html("govgraph 图 maps", rows), encoding="utf-8")
    return [index] + written


# -- screenshots (headless Chromium, offline) ------------------------------------------------
def find_chromium() -> str | None:
    """A Chromium to drive: ``$GOVGRAPH_CHROMIUM``, else ``chromium`` /
    ``chromium-browser`` on PATH. Never downloads one."""
    env = os.environ.get("GOVGRAPH_CHROMIUM")
    if env:
        return env if Path(env).exists() else None
    for name in ("chromium", "chromium-browser"):
        p = shutil.which(name)
        if p:
            return p
    return None


def screenshot(html_path: str | Path, png_path: str | Path, *, width: int = 1600, height: int = 1000,
               timeout: float = 60.0) -> dict[str, Any]:
    """Open a map in headless Chromium (every non-file request blocked), wait
    for the first draw, save a PNG. Returns ``png``, ``draw_ms`` (page start to
    first draw), ``nodes``/``edges`` drawn and ``blocked`` (requests refused:
    should be empty)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as e:
        raise GovGraphError("screenshots need playwright", hint="pip install playwright (no browser download needed)") from e
    exe = find_chromium()
    if not exe:
        raise GovGraphError("no Chromium found", hint="apt-get install chromium, or set GOVGRAPH_CHROMIUM")
    html_path, png_path = Path(html_path).resolve(), Path(png_path)
    blocked: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})

            def route(r: Any) -> None:
                if r.request.url.startswith(("file:", "data:", "blob:", "about:")):
                    r.continue_()
                else:
                    blocked.append(r.request.url)
                    r.abort()

            page.route("**/*", route)
            page.goto(html_path.as_uri())
            page.wait_for_function("() => window.gg && window.gg.ready === true", timeout=timeout * 1000)
            info = page.evaluate("({drawMs: gg.drawMs, nodes: gg.network.body.nodeIndices.length, "
                                 "edges: gg.network.body.edgeIndices.length})")
            png_path.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(png_path))
        finally:
            browser.close()
    return {"png": png_path, "draw_ms": info["drawMs"], "nodes": info["nodes"], "edges": info["edges"],
            "blocked": blocked}
