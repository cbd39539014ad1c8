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

After the first draw the page places labels by importance (focus, search
hits, documents, bodies, then tasks), about 13 px on screen at any zoom, and
drops any that would cover another label or another node; a dropped label
stays as the hover text.

Functions: :func:`render_map` (HTML text; the views pass positions, styles,
ranks and panel extras), :func:`write_map`, :func:`neighbourhood`,
:func:`document_subgraph`, :func:`chain_subgraph` (the hops of
:func:`graph.analysis.chains.chain_hops`), :func:`overlap_network` (a derived
agency × agency network) and :func:`layout`.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import os
import shutil
from collections import Counter
from functools import lru_cache
from itertools import combinations
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import networkx as nx

from ..errors import GovGraphError, QueryError
from ..records import Edge, Evidence, Node, edge_id
from ..schema import SCHEMA
from . import DEFAULT_BUDGET  # declared with the package: the command line reads it without NetworkX

__all__ = [
    "DEFAULT_BUDGET", "PHYSICS_MAX", "DERIVED_EDGES", "render_map", "write_map",
    "neighbourhood", "document_subgraph", "chain_subgraph", "overlap_network", "layout", "column_layout",
]

PHYSICS_MAX = 0  # physics is never on now (positions come from Python); kept for old callers
LABEL_MAX = 18  # characters of a name shown on the map (the panel shows all)
MENTION_MAX = 200  # printed forms listed per node in the panel
REPEALED = frozenset({"repealed", "废止", "已废止", "失效"})
REPEALED_STYLE = {"color": "#c8c8c8", "dashes": [2, 6]}
FONT = '"WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'
DERIVED_EDGES: dict[str, dict[str, Any]] = {
    "SHARES_DUTIES": {"zh": "共担任务", "en": "shares duties (derived: tasks both are given)",
                      "style": {"color": "#111111", "dashes": False}},
    "ASSIGNED_IN": {"zh": "分工（文件 → 单位）", "en": "tasks a document gives a body (overview)",
                    "style": {"color": "#000080", "dashes": False}},
    "GRANTS": {"zh": "授权（授出 → 承接）", "en": "grants (granter → receiver; DELEGATED_FROM merged)",
               "style": {"color": "#d4af37", "dashes": False}},
}


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
    from ..analysis.common import doc_label

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


_BODY = ("Agency", "Official", "Group")
_TASK = ("Duty", "Project", "Power")


def column_layout(nodes: Sequence[Node], edges: Sequence[Edge], *, row: float = 44.0, task_row: float = 50.0,
                  gap: float = 400.0, task_cols: int = 4) -> dict[str, tuple[float, float]]:
    """A document map's positions: documents and places in the first column,
    the bodies (busiest first) in the second, the tasks in columns after them,
    each next to the body that leads it. Deterministic.

    >>> from graph.records import Node, Edge
    >>> ns = [Node("a", "Agency", "甲", {}, ()), Node("t", "Duty", "任务", {}, ())]
    >>> column_layout(ns, [Edge("e", "LEADS", "a", "t", {}, ())])
    {'a': (400.0, 0.0), 't': (800.0, 0.0)}
    """
    by_id = {n.id: n for n in nodes}
    deg: Counter[str] = Counter()
    lead_of: dict[str, str] = {}
    for e in sorted(edges, key=lambda e: (e.type != "LEADS", e.id)):
        deg[e.source] += 1
        deg[e.target] += 1
        if e.source in by_id and e.target in by_id and by_id[e.source].label in _BODY and by_id[e.target].label in _TASK:
            lead_of.setdefault(e.target, e.source)
        elif e.source in by_id and e.target in by_id and by_id[e.target].label in _BODY and by_id[e.source].label in _TASK:
            lead_of.setdefault(e.source, e.target)
    firsts = sorted((n for n in nodes if n.label not in _BODY + _TASK), key=lambda n: (n.label, -deg[n.id], n.name))
    bodies = sorted((n for n in nodes if n.label in _BODY), key=lambda n: (-deg[n.id], n.name, n.id))
    border = {n.id: i for i, n in enumerate(bodies)}
    tasks = sorted((n for n in nodes if n.label in _TASK),
                   key=lambda n: (border.get(lead_of.get(n.id, ""), len(border)), n.label,
                                  str(n.properties.get("number") or ""), n.name, n.id))
    pos: dict[str, tuple[float, float]] = {}

    def column(items: list[Node], x: float, step: float) -> None:
        top = -(len(items) - 1) * step / 2
        for i, n in enumerate(items):
            pos[n.id] = (x, round(top + i * step, 1))

    column(firsts, 0.0, 90.0)
    # bodies in columns of at most 40; as many task columns as keep the drawing about as wide as tall
    bcols = max(1, math.ceil(len(bodies) / 40))
    bper = math.ceil(len(bodies) / bcols) if bodies else 0
    cols = min(task_cols, max(1, round(-1 + math.sqrt(1 + len(tasks) * task_row / (0.9 * gap)))))
    per = max(math.ceil(len(tasks) / cols), math.ceil(bper * row / task_row), 1)
    for c in range(bcols):
        column(bodies[c * bper:(c + 1) * bper], gap * (1 + c), max(row, min(60.0, per * task_row / max(bper, 1))))
    if tasks:
        for c in range(0, len(tasks), per):
            column(tasks[c:c + per], gap * (1 + bcols + c // per), task_row)
    return pos


# -- subgraphs ---------------------------------------------------------------------------------
def _restrict(nodes: Sequence[Node], edges: Sequence[Edge], keep: set[str]) -> tuple[list[Node], list[Edge]]:
    return ([n for n in nodes if n.id in keep],
            [e for e in edges if e.source in keep and e.target in keep])


def _resolve(G: nx.MultiDiGraph, name: str, labels: Iterable[str] | None = None) -> str:
    from ..analysis.names import resolve

    return resolve(G, name, labels)


def neighbourhood(nodes: Iterable[Node], edges: Iterable[Edge], name: str, depth: int = 2) -> tuple[list[Node], list[Edge]]:
    """The nodes within ``depth`` steps of ``name`` (printed or canonical, 文号
    or title; unknown names raise :class:`graph.errors.UnknownName` with close
    matches) and the edges among them. Like ``govgraph neighbours``, steps do
    not go through LISTED_IN (every task hangs off its document), unless
    ``name`` is a document."""
    from ..analysis.paths import MAX_DEPTH, SKIP_TYPES, undirected_view
    from ..netx import to_networkx

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
    from ..netx import to_networkx

    return _resolve(to_networkx(nodes, edges), name)


def document_subgraph(nodes: Iterable[Node], edges: Iterable[Edge], ref: str) -> tuple[list[Node], list[Edge]]:
    """What one document (by id, file, 文号 or title) states, with the parts
    of a compilation: its Document node(s), every node it mentions, every edge it is evidence for, and those
    edges' ends. Unknown refs raise :class:`graph.errors.StoreError` listing
    the loaded documents."""
    from ..stores.base import resolve_documents

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


def chain_subgraph(nodes: Iterable[Node], edges: Iterable[Edge], name: str, depth: int = 5,
                   direction: str = "both") -> tuple[list[Node], list[Edge]]:
    """The delegation hops that ``govgraph chain NAME`` lists
    (:func:`graph.analysis.chains.chain_hops`, ``direction`` both by
    default), as records: the DELEGATED_FROM edges and their ends. From a
    jurisdiction, the PART_OF edges of its bodies that grant are added, to
    show whose departments they are."""
    from ..analysis.chains import chain_hops
    from ..netx import to_networkx

    nodes, edges = list(nodes), list(edges)
    G = to_networkx(nodes, edges)
    start = _resolve(G, name)
    hops = chain_hops(G, start, direction, depth)
    if not hops:
        raise QueryError(f"{name!r} is in no delegation chain",
                         hint="no DELEGATED_FROM edge reaches it; try `govgraph map --focus NAME`")
    ids = {e[2] for e, _, _ in hops}
    keep = {start} | {x for e, _, _ in hops for x in (e[0], e[1])}
    if G.nodes[start].get("label") == "Jurisdiction":
        ids |= {e.id for e in edges if e.type == "PART_OF" and e.target == start and e.source in keep}
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
_KIND_RANK = {"Document": 0, "Jurisdiction": 1, "Group": 1, "Agency": 2, "Official": 2, "Project": 3, "Power": 3, "Duty": 4}
HIDDEN_PROPS = {"doc_key", "loaded", "rule", "merge_notes"}  # machine detail, not for the panel
DERIVED_ZH = {"shared": "共担任务数", "both_lead": "双方牵头", "documents": "文件数", "tasks": "任务",
              "powers": "职权", "grants": "授权", "stated": "原文所载", "n": "数目", "leads": "牵头", "assists": "配合"}


def _shape(kind: str) -> str:
    return str(SCHEMA.nodes[kind].style.get("shape", "dot")) if kind in SCHEMA.nodes else "dot"


def _node_colour(kind: str) -> dict[str, Any]:
    st = SCHEMA.nodes[kind].style if kind in SCHEMA.nodes else {}
    c = st.get("color", "#888888")
    return {"background": c, "border": c, "highlight": {"background": "#ffd400", "border": "#000000"},
            "hover": {"background": c, "border": "#000000"}}


def _vis_data(nodes: list[Node], edges: list[Edge], docs: Mapping[str, Mapping[str, Any]],
              focus: str | None, positions: Mapping[str, tuple[float, float]] | None = None,
              styles: Mapping[str, Mapping[str, Any]] | None = None,
              ranks: Mapping[str, float] | None = None) -> tuple[list[dict], list[dict], dict[str, Any]]:
    ekinds = _edge_kinds()
    pos = dict(positions) if positions else layout([n.id for n in nodes], [(e.source, e.target) for e in edges])
    styles = styles or {}
    deg: Counter[str] = Counter()
    for e in edges:
        deg[e.source] += 1
        deg[e.target] += 1
    texts: dict[str, int] = {}  # evidence texts repeat (one line states several edges): stored once

    def t(s: str) -> int:
        return texts.setdefault(s, len(texts))

    order = sorted(nodes, key=lambda n: (n.id != focus, (ranks or {}).get(n.id, 0.0),
                                         _KIND_RANK.get(n.label, 5), -deg[n.id], n.name, n.id))
    rank = {n.id: i for i, n in enumerate(order)}
    vnodes, vedges = [], []
    info_n: dict[str, Any] = {}
    info_e: dict[str, Any] = {}
    for n in nodes:
        repealed = n.label == "Document" and _is_repealed(n.properties)
        x, y = pos.get(n.id, (0.0, 0.0))
        v: dict[str, Any] = {"id": n.id, "label": _short(n.name) + ("（已废止）" if repealed else ""),
                             "title": n.name, "kind": n.label, "x": x, "y": y, "r": rank[n.id],
                             "shape": _shape(n.label), "color": _node_colour(n.label),
                             "size": round(9 + min(21.0, 3.0 * math.sqrt(deg[n.id])), 1)}
        if _shape(n.label) in _INSIDE:  # no vis group: a group's colour and shape would win over the node's
            v["font"] = {"color": "#ffffff"}
        if repealed:
            v["color"] = {"background": "#e0e0e0", "border": REPEALED_STYLE["color"]}
            v["font"] = {"color": "#000000"}
            v["shapeProperties"] = {"borderDashes": [4, 4]}
        if n.id == focus:
            v["borderWidth"] = 4
            v["size"] += 8
        v.update(styles.get(n.id, {}))
        vnodes.append(v)
        ms = sorted(n.mentions)
        info_n[n.id] = {"name": n.name, "kind": n.label, "props": dict(n.properties),
                        "mentions": [[m.doc, m.line, t(m.text)] for m in ms[:MENTION_MAX]],
                        "more": max(0, len(ms) - MENTION_MAX), "degree": deg[n.id]}
        if "inferred" in styles.get(n.id, {}).get("gg", {}):
            info_n[n.id]["inferred"] = styles[n.id]["gg"]["inferred"]
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
        if e.type == "SHARES_DUTIES":
            w = int(e.properties.get("shared", 1) or 1)
            v["width"] = round(1 + 1.5 * math.log2(max(w, 1)), 2)
            v["label"] = str(w)
            v["arrows"] = {"to": {"enabled": False}}
        v.update(styles.get(e.id, {}))
        v.pop("gg", None)
        vedges.append(v)
        info_e[e.id] = {"kind": e.type, "from": e.source, "to": e.target, "props": dict(e.properties),
                        "repealed": repealed, "evidence": [[ev.doc, ev.line, t(ev.text)] for ev in sorted(e.evidence)]}
    for v in vnodes:
        v.pop("gg", None)
    return vnodes, vedges, {"nodes": info_n, "edges": info_e, "texts": list(texts)}


def _options(n_nodes: int, n_edges: int) -> dict[str, Any]:
    """vis-network options, made by pyvis's option objects. Physics is always
    off: positions come from Python, so nothing moves after the first draw."""
    from pyvis.network import Network

    net = Network(cdn_resources="in_line", directed=True)
    net.toggle_physics(False)
    net.set_edge_smooth("continuous")
    _, _, _, _, _, options = net.get_network_data()
    opts = json.loads(options)
    opts["edges"]["color"] = {"inherit": False, "highlight": "#000000", "hover": "#000000", "opacity": 0.85}
    opts["edges"]["smooth"] = {"enabled": False}
    opts["edges"]["font"] = {"face": FONT, "size": 12, "strokeWidth": 4, "strokeColor": "#ffffff", "align": "middle"}
    opts["edges"]["arrows"] = {"to": {"enabled": True, "scaleFactor": 0.5}}
    opts["edges"]["selectionWidth"] = 2
    opts["nodes"] = {"font": {"face": FONT, "size": 14}, "borderWidth": 1, "borderWidthSelected": 4,
                     "scaling": {"label": {"enabled": False, "drawThreshold": 1}}}
    opts["layout"] = {"improvedLayout": False, "randomSeed": 7}
    groups = {}
    for k, v in _node_kinds().items():  # shape per kind (vis groups); colours are set per node
        colour, shape = v["style"].get("color", "#888888"), v["style"].get("shape", "dot")
        groups[k] = {"shape": shape, "color": _node_colour(k)}
        if shape in _INSIDE:
            groups[k]["font"] = {"color": "#ffffff"}
        assert colour
    opts["groups"] = groups
    opts["interaction"].update({"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": n_edges > 1000,
                                "navigationButtons": False, "keyboard": False, "multiselect": True,
                                "dragNodes": False})
    opts["physics"] = {"enabled": False}
    return opts


_CSS = """
*{box-sizing:border-box}
html,body{margin:0;height:100%;font-family:%FONT%;font-size:14px;color:#222;background:#fafafa}
#gg{display:grid;grid-template-columns:250px 1fr 360px;grid-template-rows:auto auto 1fr;height:100vh}
header{grid-column:1/4;display:flex;gap:10px;align-items:center;padding:6px 12px;background:#263238;color:#fff}
header h1{font-size:16px;margin:0;font-weight:600;flex:1;overflow:hidden;white-space:nowrap;text-overflow:ellipsis}
header a{color:#cfe8ff;white-space:nowrap}
header input{width:280px;padding:4px 6px;font:inherit}
header button{font:inherit;padding:3px 10px}
#gg-status{font-size:12px;min-width:80px}
#gg-banner{grid-column:1/4;background:#fff3cd;border-bottom:1px solid #e0c36b;padding:6px 12px}
#gg-banner:empty{display:none}
#gg-legend{overflow:auto;padding:8px;border-right:1px solid #ddd;background:#fff}
#gg-legend h2,#gg-panel h2{font-size:14px;margin:8px 0 4px}
#gg-panel h3{font-size:13px;margin:8px 0 2px}
#gg-legend label{display:flex;align-items:center;gap:6px;padding:1px 0;cursor:pointer}
#gg-legend label.empty{display:none}
#gg-legend svg{flex:none}
.ln{display:inline-block;width:28px;height:0;border-top:3px solid #555;flex:none}
.ln.dashed{border-top-style:dashed}.ln.dotted{border-top-style:dotted}
.cnt{color:#888;font-size:12px;margin-left:auto}
#gg-legend,#gg-net,#gg-panel{grid-row:3;min-height:0}
#gg-net{position:relative;background:#fff}
#gg-panel{overflow:auto;padding:8px 12px;border-left:1px solid #ddd;background:#fff}
#gg-panel .muted{color:#888}
#gg-panel dl{display:grid;grid-template-columns:auto 1fr;gap:2px 8px;margin:4px 0}
#gg-panel dt{color:#666}#gg-panel dd{margin:0;word-break:break-all}
#gg-panel blockquote{margin:2px 0 8px;padding:4px 8px;border-left:3px solid #90a4ae;background:#f5f7f8;white-space:pre-wrap;word-break:break-all}
#gg-panel .cite{font-size:12px;color:#37474f}
#gg-panel .warn{color:#b00020}
#gg-panel .inferred{color:#b00020;font-weight:600}
@media print{
  #gg{display:block;height:auto}
  header input,header button,#gg-status,#gg-legend input{display:none}
  #gg-net{height:70vh;border:1px solid #ccc}
  #gg-legend,#gg-panel{border:none;overflow:visible}
}
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
  var ID = /^[a-z_]+-[0-9a-f]{16}$/;
  function nameOf(v) {
    if (typeof v === "string" && ID.test(v)) {
      if (D.docs[v]) return D.docs[v].cite;
      if (D.info.nodes[v]) return D.info.nodes[v].name;
      return "（另一文件 other document）";
    }
    return v;
  }
  function str(v) {
    if (v === true) return "是"; if (v === false) return "否";
    if (Array.isArray(v)) return v.map(str).join("、");
    if (v !== null && typeof v === "object") return Object.keys(v).map(function (k) { return zh(k) + "：" + str(v[k]); }).join("；");
    return String(nameOf(v));
  }
  function zh(k) { return D.prop_zh[k] || k; }

  // data, filters
  var hiddenNode = {}, hiddenEdge = {}, hideRepealed = false, pinned = {};
  var nodes = new vis.DataSet(D.vis.nodes), edges = new vis.DataSet(D.vis.edges);
  var kindOf = {}, degree = {};
  D.vis.nodes.forEach(function (n) { kindOf[n.id] = n.kind; degree[n.id] = 0; });
  D.vis.edges.forEach(function (e) { degree[e.from]++; degree[e.to]++; });
  var edgeOk = {}, nodeOk = {};
  function recompute() {
    edgeOk = {}; nodeOk = {};
    var live = {};
    D.vis.edges.forEach(function (e) {
      var ok = !hiddenEdge[e.kind] && !(hideRepealed && e.repealed) && !hiddenNode[kindOf[e.from]] && !hiddenNode[kindOf[e.to]];
      if (ok) { edgeOk[e.id] = true; live[e.from] = true; live[e.to] = true; }
    });
    D.vis.nodes.forEach(function (n) {  // a node whose every edge is hidden is hidden too
      nodeOk[n.id] = pinned[n.id] || (!hiddenNode[n.kind] && (live[n.id] || degree[n.id] === 0));
    });
  }
  recompute();
  var nodeView = new vis.DataView(nodes, {filter: function (n) { return !!nodeOk[n.id]; }});
  var edgeView = new vis.DataView(edges, {filter: function (e) { return !!edgeOk[e.id] && !!nodeOk[e.from] && !!nodeOk[e.to]; }});
  var network = new vis.Network($("gg-net"), {nodes: nodeView, edges: edgeView}, D.vis.options);
  gg.network = network; gg.nodes = nodes; gg.edges = edges; gg.nodeView = nodeView; gg.edgeView = edgeView;
  network.on("beforeDrawing", function (ctx) {  // a white page, also in the PNG
    ctx.save(); ctx.setTransform(1, 0, 0, 1, 0, 0); ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height); ctx.restore();
  });
  function counts() {
    var nc = {}, ec = {};
    nodeView.get().forEach(function (n) { nc[n.kind] = (nc[n.kind] || 0) + 1; });
    edgeView.get().forEach(function (e) { ec[e.kind] = (ec[e.kind] || 0) + 1; });
    Array.prototype.forEach.call(document.querySelectorAll("#gg-legend label[data-kind]"), function (l) {
      var c = l.querySelector(".cnt"); if (!c) return;
      var k = l.getAttribute("data-kind"), w = l.getAttribute("data-what");
      c.textContent = String((w === "node" ? nc[k] : ec[k]) || 0);
    });
    $("gg-counts").textContent = nodeView.length + " 节点 · " + edgeView.length + " 边";
  }
  function refresh() { recompute(); nodeView.refresh(); edgeView.refresh(); counts(); relabel(); }
  Array.prototype.forEach.call(document.querySelectorAll("#gg-legend input[type=checkbox]"), function (cb) {
    cb.addEventListener("change", function () {
      var k = cb.getAttribute("data-kind"), what = cb.getAttribute("data-what");
      if (what === "node") hiddenNode[k] = !cb.checked;
      else if (what === "edge") hiddenEdge[k] = !cb.checked;
      else if (what === "repealed") hideRepealed = !cb.checked;
      refresh();
    });
  });

  // labels: by importance, none overlapping, about 13 px on screen at any zoom
  var boost = {}, LABEL_PX = 13;
  function boxOf(item) {
    var s = item.labelModule && item.labelModule.size;
    if (!s || !s.width) return null;
    return {l: s.left, t: s.top, r: s.left + s.width, b: s.top + s.height};
  }
  function hit(a, b) { return a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b; }
  function relabel() {
    var scale = network.getScale() || 1, size = LABEL_PX / scale;
    var ns = nodeView.getIds(), es = edgeView.getIds();
    nodes.update(ns.map(function (id) { return {id: id, label: D.byId[id].label, font: fontOf(id, size)}; }));
    edges.update(es.filter(function (id) { return D.ebyId[id].label; })
      .map(function (id) { return {id: id, label: D.ebyId[id].label, font: {size: size * 0.9}}; }));
    network.redraw();
    var order = ns.slice().sort(function (a, b) {
      var x = (boost[a] ? -1e6 : 0) + (dimmed[a] ? 1e6 : 0) + D.byId[a].r, y = (boost[b] ? -1e6 : 0) + (dimmed[b] ? 1e6 : 0) + D.byId[b].r;
      return x - y; });
    var taken = [], hideN = [], hideE = [], shown = 0, shapes = [];
    ns.forEach(function (id) {  // the drawn shapes of nodes whose label sits outside them: no label on top of one
      var it = network.body.nodes[id];
      if (D.inside_shape[it.options.shape]) return;
      var r = (it.options.size || 10) * 0.9;
      shapes.push({id: id, l: it.x - r, t: it.y - r, r: it.x + r, b: it.y + r});
    });
    function place(box, own) {
      if (!box) return false;
      for (var i = 0; i < taken.length; i++) if (hit(box, taken[i])) return false;
      for (var j = 0; j < shapes.length; j++) if (shapes[j].id !== own && hit(box, shapes[j])) return false;
      taken.push(box); return true;
    }
    order.forEach(function (id) {
      if (place(boxOf(network.body.nodes[id]), id)) shown++; else hideN.push({id: id, label: " "});  // " ": boxes shrink
    });
    es.forEach(function (id) {
      if (D.ebyId[id].label && !place(boxOf(network.body.edges[id]))) hideE.push({id: id, label: " "});
    });
    if (hideN.length) nodes.update(hideN);
    if (hideE.length) edges.update(hideE);
    network.redraw();
    gg.labelsShown = shown;
  }
  D.byId = {}; D.vis.nodes.forEach(function (n) { D.byId[n.id] = n; });
  D.ebyId = {}; D.vis.edges.forEach(function (e) { D.ebyId[e.id] = e; });
  var zoomTimer = null;
  network.on("zoom", function () { clearTimeout(zoomTimer); zoomTimer = setTimeout(relabel, 120); });
  gg.relabel = relabel;
  gg.labelBoxes = function () {
    var out = [];
    nodeView.getIds().forEach(function (id) {
      var it = network.body.nodes[id]; if (String(it.options.label || "").trim()) { var b = boxOf(it); if (b) out.push([id].concat([b.l, b.t, b.r, b.b])); } });
    edgeView.getIds().forEach(function (id) {
      var it = network.body.edges[id]; if (String(it.options.label || "").trim()) { var b = boxOf(it); if (b) out.push([id].concat([b.l, b.t, b.r, b.b])); } });
    return out;
  };

  // dimming: keep some nodes bright, the rest pale
  var dimmed = {};
  function fontOf(id, size) {
    var n = D.byId[id];
    var inside = D.inside_shape[n.shape];
    return {size: size, color: dimmed[id] ? "#b0bec5" : (n.font && n.font.color) || (inside ? "#ffffff" : "#343434"),
            strokeWidth: inside ? 0 : 3, strokeColor: "#ffffff"};
  }
  function dim(keep) {
    dimmed = {};
    var size = LABEL_PX / (network.getScale() || 1);
    nodes.update(D.vis.nodes.map(function (n) {
      if (keep && !keep[n.id]) { dimmed[n.id] = true; }
      return {id: n.id, color: dimmed[n.id] ? {background: "#eceff1", border: "#cfd8dc"} : n.color, font: fontOf(n.id, size)};
    }));
    edges.update(D.vis.edges.map(function (e) {
      var on = !keep || (keep[e.from] && keep[e.to]);
      return {id: e.id, color: on ? e.color : "#eceff1"};
    }));
  }
  gg.dim = dim;
  if (D.dim) { var keep0 = {}; D.dim.forEach(function (id) { keep0[id] = true; }); }

  // the side panel
  var panel = $("gg-panel");
  function evidenceList(title, list, extra) {
    panel.appendChild(el("h2", title + "（" + list.length + "）"));
    var byDoc = {}, order = [];
    list.forEach(function (ev, i) { if (!byDoc[ev[0]]) { byDoc[ev[0]] = []; order.push(ev[0]); } byDoc[ev[0]].push([ev, i]); });
    order.forEach(function (doc) {
      var d = D.docs[doc];
      panel.appendChild(el("div", (d ? d.cite : "（另一文件）") + (d && d.repealed ? " · 已废止" : ""), "cite"));
      byDoc[doc].forEach(function (x) {
        var ev = x[0], pre = extra ? extra(x[1]) : "";
        panel.appendChild(el("div", "第 " + ev[1] + " 行" + (pre ? " · " + pre : ""), "muted"));
        panel.appendChild(el("blockquote", D.info.texts[ev[2]], "evidence"));
      });
    });
  }
  function props(p) {
    var keys = Object.keys(p || {}).filter(function (k) { return D.hidden_props.indexOf(k) < 0 && k !== "grants"; });
    if (!keys.length) return null;
    var dl = el("dl");
    keys.sort().forEach(function (k) { dl.appendChild(el("dt", zh(k))); dl.appendChild(el("dd", str(p[k]))); });
    return dl;
  }
  function kindName(k, table) { var x = D[table][k]; return x ? x.zh : k; }
  function showNode(id) {
    var n = D.info.nodes[id]; if (!n) return;
    clear(panel);
    panel.appendChild(el("h2", n.name, "name"));
    panel.appendChild(el("div", kindName(n.kind, "node_kinds") + " · 连接 " + n.degree, "muted"));
    if (n.inferred) panel.appendChild(el("div", "推断：" + n.inferred, "inferred"));
    var p = props(n.props); if (p) { panel.appendChild(el("h2", "属性")); panel.appendChild(p); }
    var tasks = D.tasks && D.tasks[id];
    if (tasks) {
      panel.appendChild(el("h2", "任务（" + tasks.length + "）"));
      tasks.forEach(function (t) {
        panel.appendChild(el("h3", t.role + " · " + (t.number ? t.number + " " : "") + t.task));
        if (t.co_leads) panel.appendChild(el("div", "同牵头单位：" + t.co_leads));
        if (t.lead_official) panel.appendChild(el("div", "牵头领导：" + t.lead_official));
        if (t.deadline) panel.appendChild(el("div", "完成时限：" + t.deadline));
        panel.appendChild(el("div", t.document + (t.line ? " 第 " + t.line + " 行" : ""), "cite"));
      });
    }
    var folded = Object.keys(D.info.edges).map(function (k) { return D.info.edges[k]; })
      .filter(function (e) { return e.kind === "ASSIGNED_IN" && (e.from === id || e.to === id); })
      .sort(function (a, b) { return b.props.n - a.props.n; });
    if (folded.length) {  // an overview cluster: what it folds
      panel.appendChild(el("h2", "分工（" + folded.length + "）"));
      folded.forEach(function (e) {
        var o = D.info.nodes[e.from === id ? e.to : e.from];
        panel.appendChild(el("div", (o ? o.name : "?") + "：牵头 " + e.props.leads + " · 配合 " + e.props.assists));
      });
    }
    var assigned = [], what = [];
    Object.keys(D.info.edges).forEach(function (eid) {
      var e = D.info.edges[eid];
      if (e.from === id && (e.kind === "LEADS" || e.kind === "ASSISTS")) e.evidence.forEach(function (ev) {
        assigned.push(ev); var t = D.info.nodes[e.to]; what.push(kindName(e.kind, "edge_kinds") + (t ? "：" + t.name : ""));
      });
    });
    if (assigned.length) evidenceList("分工依据 lines that assign it", assigned, function (i) { return what[i]; });
    evidenceList("出处 as printed", n.mentions);
    if (n.more) panel.appendChild(el("div", "… 另有 " + n.more + " 处", "muted"));
    if (D.links && D.links[id]) {
      var a = el("a", D.links[id][1]); a.href = D.links[id][0]; panel.appendChild(el("p")).appendChild(a);
    }
  }
  function showEdge(id) {
    var e = D.info.edges[id]; if (!e) return;
    clear(panel);
    panel.appendChild(el("h2", kindName(e.kind, "edge_kinds"), "name"));
    var a = D.info.nodes[e.from], b = D.info.nodes[e.to];
    panel.appendChild(el("div", (a ? a.name : "?") + " → " + (b ? b.name : "?")));
    if (e.repealed) panel.appendChild(el("div", "依据的文件均已废止", "warn"));
    if (e.props.inferred) panel.appendChild(el("div", "推断：" + (e.props.method || ""), "inferred"));
    var p = props(e.props); if (p) { panel.appendChild(el("h2", "属性")); panel.appendChild(p); }
    if (e.props.grants) {
      panel.appendChild(el("h2", "授权（" + e.props.grants.length + "）"));
      e.props.grants.forEach(function (g) {
        panel.appendChild(el("h3", g.power + (g.mode ? " · " + g.mode : "")));
        if (g.inferred) panel.appendChild(el("div", "推断：" + g.method, "inferred"));
        else panel.appendChild(el("div", "原文所载", "muted"));
        panel.appendChild(el("div", g.cite, "cite"));
        panel.appendChild(el("blockquote", g.text));
      });
    } else evidenceList("依据 evidence", e.evidence);
  }
  gg.showNode = showNode; gg.showEdge = showEdge;
  network.on("click", function (p) {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
  });

  // search by name, printed form or alias: the hits highlighted, the rest dimmed
  var index = {};
  function addForm(form, id) {
    form = String(form || "").trim(); if (!form) return;
    (index[form] = index[form] || []).indexOf(id) < 0 && index[form].push(id);
  }
  Object.keys(D.info.nodes).forEach(function (id) {
    var n = D.info.nodes[id]; addForm(n.name, id);
    if (n.kind !== "Duty") n.mentions.forEach(function (m) { var t = D.info.texts[m[2]]; if (t.length <= 40) addForm(t, id); });
  });
  var forms = Object.keys(index).sort();
  var list = $("gg-names");
  forms.forEach(function (form) {
    var o = document.createElement("option");
    o.value = form;
    o.label = index[form].map(function (id) { return D.node_kinds[D.info.nodes[id].kind].zh; })
      .filter(function (v, i, a) { return a.indexOf(v) === i; }).join("、");
    list.appendChild(o);
  });
  function select(id, stay) {
    var n = D.info.nodes[id];
    pinned = {}; pinned[id] = true;
    if (hiddenNode[n.kind]) {
      hiddenNode[n.kind] = false;
      var cb = document.querySelector('#gg-legend input[data-what=node][data-kind="' + n.kind + '"]');
      if (cb) cb.checked = true;
    }
    recompute(); nodeView.refresh(); edgeView.refresh(); counts();
    network.selectNodes([id], true);
    if (!stay) network.focus(id, {scale: Math.max(network.getScale(), 1.0), animation: false});
    showNode(id);
  }
  function rankHit(a, b) {
    var ka = D.info.nodes[a].kind === "Duty" ? 1 : 0, kb = D.info.nodes[b].kind === "Duty" ? 1 : 0;
    return ka - kb || D.info.nodes[b].degree - D.info.nodes[a].degree || (a < b ? -1 : 1);
  }
  function search() {
    var q = $("gg-search").value.trim(), status = $("gg-status");
    boost = {};
    if (!q) { status.textContent = ""; dim(null); relabel(); return []; }
    var ids = index[q] ? index[q].slice() : [];
    if (!ids.length) {
      var seen = {};
      forms.forEach(function (f) { if (f.indexOf(q) >= 0) index[f].forEach(function (id) { if (!seen[id]) { seen[id] = 1; ids.push(id); } }); });
    }
    ids.sort(rankHit);
    if (!ids.length) { status.textContent = "未找到 not found"; network.unselectAll(); dim(null); relabel(); return ids; }
    var keep = {};
    ids.slice(0, 200).forEach(function (id) { keep[id] = true; boost[id] = true; });
    dim(keep);
    select(ids[0]);
    if (ids.length > 1) network.selectNodes(ids.slice(0, 200), true);
    relabel();
    status.textContent = ids.length + " 个 found";
    return ids;
  }
  gg.search = function (q) { $("gg-search").value = q; return search(); };
  gg.select = select;
  $("gg-search").addEventListener("change", search);
  $("gg-search").addEventListener("keydown", function (ev) { if (ev.key === "Enter") search(); });
  $("gg-go").addEventListener("click", search);
  $("gg-fit").addEventListener("click", function () { network.fit({animation: false}); relabel(); });

  // export: the drawing as PNG
  gg.png = function () { return network.canvas.frame.canvas.toDataURL("image/png"); };
  $("gg-png").addEventListener("click", function () {
    var a = document.createElement("a"); a.href = gg.png(); a.download = (document.title || "map") + ".png";
    document.body.appendChild(a); a.click(); document.body.removeChild(a);
  });
  $("gg-print").addEventListener("click", function () { window.print(); });

  network.once("afterDrawing", function () {
    network.fit({animation: false});
    if (D.dim) dim(keep0);
    relabel();
    counts();
    if (D.focus && nodes.get(D.focus)) { select(D.focus, true); relabel(); }
    gg.drawMs = performance.now() - t0; gg.ready = true;
    document.body.setAttribute("data-ready", "1");
  });
})();
"""

_SHAPES = {  # legend glyphs, as SVG (14 × 14)
    "box": '<rect x="1" y="3" width="12" height="8" rx="2"/>',
    "ellipse": '<ellipse cx="7" cy="7" rx="6" ry="4"/>',
    "hexagon": '<polygon points="7,1 12,4 12,10 7,13 2,10 2,4"/>',
    "dot": '<circle cx="7" cy="7" r="5"/>',
    "diamond": '<polygon points="7,1 13,7 7,13 1,7"/>',
    "triangle": '<polygon points="7,1 13,12 1,12"/>',
    "square": '<rect x="2" y="2" width="10" height="10"/>',
    "star": '<polygon points="7,1 8.8,5.2 13,5.5 9.8,8.4 10.8,13 7,10.5 3.2,13 4.2,8.4 1,5.5 5.2,5.2"/>',
}
_SHAPE_ZH = {"box": "方框", "ellipse": "椭圆", "hexagon": "六边形", "dot": "圆点", "diamond": "菱形", "triangle": "三角",
             "square": "方块", "star": "星形"}


def _glyph(shape: str, colour: str, hollow: bool = False) -> str:
    esc = html.escape
    fill = "#ffffff" if hollow else esc(colour)
    dash = ' stroke-dasharray="2,1.5"' if hollow else ""
    return (f'<svg width="16" height="14" viewBox="0 0 14 14" aria-hidden="true"><g fill="{fill}" stroke="{esc(colour)}" '
            f'stroke-width="1.4"{dash}>{_SHAPES.get(shape, _SHAPES["dot"])}</g></svg>')


def _legend(nodes: list[Node], edges: list[Edge], extra: Sequence[str] = ()) -> str:
    esc = html.escape
    ncount = Counter(n.label for n in nodes)
    ecount = Counter(e.type for e in edges)
    parts = ['<h2>节点 nodes（形状）</h2>']
    for k, v in _node_kinds().items():
        st = v["style"]
        shape = st.get("shape", "dot")
        parts.append(
            f'<label class="{"" if ncount[k] else "empty"}" data-what="node" data-kind="{esc(k)}" '
            f'title="{esc(_SHAPE_ZH.get(shape, shape))}">'
            f'<input type="checkbox" checked data-what="node" data-kind="{esc(k)}">'
            f'{_glyph(shape, st.get("color", "#888"))}'
            f'<span>{esc(v["zh"])} <span class="en">{esc(_SHAPE_ZH.get(shape, shape))} · {esc(v["en"])}</span></span>'
            f'<span class="cnt">{ncount[k]}</span></label>')
    parts.append('<h2>关系 edges（线）</h2>')
    kinds = _edge_kinds()
    for k, v in kinds.items():
        if k in DERIVED_EDGES and not ecount[k]:
            continue
        st = v["style"]
        dash = " dashed" if st.get("dashes") else ""
        parts.append(
            f'<label class="{"" if ecount[k] else "empty"}" data-what="edge" data-kind="{esc(k)}">'
            f'<input type="checkbox" checked data-what="edge" data-kind="{esc(k)}">'
            f'<span class="ln{dash}" style="border-top-color:{esc(st.get("color", "#888"))}"></span>'
            f'<span>{esc(v["zh"])} <span class="en">{esc(v["en"])}</span></span>'
            f'<span class="cnt">{ecount[k]}</span></label>')
    parts.append('<h2>废止 repealed</h2>'
                 '<label><input type="checkbox" checked data-what="repealed" data-kind="repealed">'
                 f'<span class="ln dotted" style="border-top-color:{REPEALED_STYLE["color"]}"></span>'
                 '<span>仅见于已废止文件 <span class="en">evidence only from repealed documents</span></span></label>')
    parts.extend(extra)
    return "\n".join(parts)


def _sha256(text: str) -> str:
    from .page import sha256_source

    return sha256_source(text)


def render_map(nodes: Iterable[Node], edges: Iterable[Edge], title: str = "govgraph", *,
               focus: str | None = None, depth: int = 2, budget: int = DEFAULT_BUDGET,
               note: str | None = None, docs_from: Iterable[Node] | None = None,
               positions: Mapping[str, tuple[float, float]] | None = None,
               styles: Mapping[str, Mapping[str, Any]] | None = None,
               ranks: Mapping[str, float] | None = None, dim: Iterable[str] | None = None,
               tasks: Mapping[str, list[dict[str, Any]]] | None = None,
               links: Mapping[str, tuple[str, str]] | None = None,
               legend_extra: Sequence[str] = (), select: str | None = None) -> str:
    """One self-contained HTML page (UTF-8 text) drawing these nodes and edges.

    ``focus``: a name (printed or canonical): only its ``depth``-step
    neighbourhood is drawn, the node selected and centred. ``budget``: past
    this many nodes, the highest-degree ones are kept and a banner says what
    was left out. ``note``: an extra line for the banner. ``docs_from``: nodes
    to look document titles and status up in, if not among ``nodes`` (e.g.
    the whole graph for a subgraph). The views pass ``positions`` (else a
    spring layout), per-node/edge vis ``styles``, label ``ranks`` (lower is
    more important), ``dim`` (the only nodes drawn bright), per-node
    ``tasks`` for the panel, ``links`` (node -> (href, text)) and
    ``select`` (a node ID selected at load, nothing cut away)."""
    from .page import short_cite

    nodes, edges = list(nodes), list(edges)
    docs = _doc_table(list(docs_from) if docs_from is not None else nodes)
    if docs_from is not None:
        docs.update({k: v for k, v in _doc_table(nodes).items() if k not in docs})
    for d in docs.values():
        d["cite"] = short_cite({"doc_number": d["doc_number"], "title": d["title"]})
    focus_id = None
    if focus:
        focus_id = _focus_id(nodes, edges, focus)
        nodes, edges = neighbourhood(nodes, edges, focus_id, depth)
    elif select:
        focus_id = select  # selected and centred, nothing cut away
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
    vnodes, vedges, info = _vis_data(nodes, edges, docs, focus_id, positions, styles, ranks)
    from pyvis.network import Network

    net = Network(cdn_resources="in_line", directed=True)
    net.nodes, net.edges = vnodes, vedges  # assigned whole: add_node one by one is quadratic
    data_nodes, data_edges, *_ = net.get_network_data()
    kept = {n.id for n in nodes}
    used = {ev[0] for x in list(info["nodes"].values()) + list(info["edges"].values())
            for ev in x.get("mentions", x.get("evidence", []))}
    data = {
        "title": title, "focus": focus_id,
        "vis": {"nodes": data_nodes, "edges": data_edges, "options": _options(len(vnodes), len(vedges))},
        "info": info, "docs": {k: v for k, v in docs.items() if k in used or k in kept},
        "node_kinds": _node_kinds(), "edge_kinds": _edge_kinds(),
        "prop_zh": {**SCHEMA.property_zh, **DERIVED_ZH}, "hidden_props": sorted(HIDDEN_PROPS),
        "inside": {k: True for k, v in SCHEMA.nodes.items() if v.style.get("shape") in _INSIDE},
        "inside_shape": {k: True for k in _INSIDE},
        "dim": sorted(set(dim) & kept) if dim is not None else None,
        "tasks": dict(tasks) if tasks else None, "links": dict(links) if links else None,
        "counts": {"nodes": len(vnodes), "edges": len(vedges), "total_nodes": total_n, "total_edges": total_e},
    }
    vis_js, app_js = _vis_js(), _JS
    from .page import csp

    esc = html.escape
    banner_html = "".join(f"<div>{esc(b)}</div>" for b in banner)
    return (
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{esc(csp(vis_js, app_js))}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"generator\" content=\"govgraph (pyvis / vis-network, offline)\">\n"
        f"<title>{esc(title)}</title>\n<style>{_CSS.replace('%FONT%', FONT)}</style>\n</head>\n<body>\n"
        "<div id=\"gg\">\n<header>"
        f"<h1 id=\"gg-title\">{esc(title)}</h1>"
        f"<span id=\"gg-counts\" class=\"cnt\" style=\"color:#cfd8dc\">{len(vnodes)} 节点 · {len(vedges)} 边</span>"
        "<input id=\"gg-search\" list=\"gg-names\" placeholder=\"搜索名称或原文写法 (如 住建局)\" autocomplete=\"off\">"
        "<datalist id=\"gg-names\"></datalist>"
        "<button id=\"gg-go\" type=\"button\">找 find</button><button id=\"gg-fit\" type=\"button\">全图 fit</button>"
        "<button id=\"gg-png\" type=\"button\">PNG</button><button id=\"gg-print\" type=\"button\">打印</button>"
        "<span id=\"gg-status\"></span><a href=\"index.html\">图 maps</a><a href=\"../report.html\">报告 report</a></header>\n"
        f"<div id=\"gg-banner\">{banner_html}</div>\n"
        f"<nav id=\"gg-legend\">{_legend(nodes, edges, legend_extra)}</nav>\n"
        "<main id=\"gg-net\"></main>\n"
        "<aside id=\"gg-panel\"><h2>说明 how to use</h2><p class=\"muted\">点击节点或关系查看出处（文件、行号、原文）；"
        "悬停看全名；滚轮缩放。Click a node or an edge for its evidence; hover for the full name.</p></aside>\n"
        "</div>\n"
        f"<script type=\"application/json\" id=\"gg-data\">{_json_for_script(data)}</script>\n"
        f"<script>{vis_js}</script>\n<script>{app_js}</script>\n</body>\n</html>\n"
    )


def write_map(path: str | Path, nodes: Iterable[Node], edges: Iterable[Edge], title: str = "govgraph",
              **kwargs: Any) -> Path:
    """:func:`render_map` written to ``path`` as UTF-8 (folders made)."""
    return write_page(path, render_map(nodes, edges, title, **kwargs))


def write_page(path: str | Path, text: str) -> Path:
    """An HTML page written to ``path`` as UTF-8 (folders made)."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as e:
        raise GovGraphError(f"{path}: cannot write: {e.strerror}") from e
    return path
