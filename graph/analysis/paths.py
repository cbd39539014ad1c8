"""How two names are connected, and what lies within n hops of a name.

Edges count in both directions. LISTED_IN (task → its document) is left out
by default: every task hangs off its document, which would make everything
two steps apart (the task's ``document`` property says the same)."""
from __future__ import annotations

from typing import Any, Iterable

import networkx as nx

from ..errors import QueryError
from .common import cite, doc_table, label_of, name_of, sort_rows

__all__ = ["shortest_path", "neighbours", "SKIP_TYPES", "undirected_view"]

SKIP_TYPES = ("LISTED_IN",)
MAX_DEPTH = 6


def undirected_view(G: nx.MultiDiGraph, skip: Iterable[str] = SKIP_TYPES) -> nx.Graph:
    """A simple undirected graph; each pair keeps the edge with the smallest ID."""
    skip = set(skip)
    H = nx.Graph()
    H.add_nodes_from(sorted(G.nodes))
    for s, t, k, d in sorted(G.edges(keys=True, data=True), key=lambda x: x[2]):
        if d.get("type") in skip or s == t:
            continue
        if not H.has_edge(s, t):
            H.add_edge(s, t, key=k, type=d.get("type"), forward=(s, t), evidence=d.get("evidence") or [])
    return H


def shortest_path(G: nx.MultiDiGraph, a: str, b: str, max_depth: int = MAX_DEPTH,
                  skip: Iterable[str] = SKIP_TYPES) -> list[dict[str, Any]]:
    """The shortest path between nodes ``a`` and ``b`` (IDs): among several
    of the same length, the one whose node-ID sequence sorts first. One row
    per step: the node, the edge that leads to the next node, its citation."""
    docs = doc_table(G)
    H = undirected_view(G, skip)
    if a not in H or b not in H:
        raise QueryError(f"{name_of(G, a) if a in G else a} and {name_of(G, b) if b in G else b} are not connected "
                         f"(not both in the graph at this date)")
    try:
        paths = list(nx.all_shortest_paths(H, a, b))
    except nx.NetworkXNoPath:
        paths = []
    paths = [p for p in paths if len(p) - 1 <= int(max_depth)]
    if not paths:
        raise QueryError(f"{name_of(G, a)} and {name_of(G, b)} are not connected within {max_depth} steps")
    path = min(paths)
    rows = []
    for i, n in enumerate(path):
        row: dict[str, Any] = {"step": i, "name": name_of(G, n), "kind": label_of(G, n), "edge": "", "direction": ""}
        if i + 1 < len(path):
            e = H.edges[n, path[i + 1]]
            row["edge"] = e["type"]
            row["direction"] = "→" if e["forward"] == (n, path[i + 1]) else "←"
            row.update(cite(e["evidence"], docs))
        else:
            row.update(cite([], docs))
        rows.append(row)
    return rows


def neighbours(G: nx.MultiDiGraph, node: str, depth: int = 1, skip: Iterable[str] = SKIP_TYPES) -> list[dict[str, Any]]:
    """Every node within ``depth`` steps of ``node`` (an ID), with its distance
    and how it is reached: ``via`` the node one step nearer (of several, the
    one whose ID sorts first), the ``edge`` between them (its type; of
    several, the one whose ID sorts first), its ``direction`` (→: from ``via``
    to this node) and its citation."""
    depth = int(depth)
    if not 1 <= depth <= MAX_DEPTH:
        raise QueryError(f"depth {depth} is out of range", hint=f"1 to {MAX_DEPTH}")
    if node not in G:  # e.g. cut away by as_of
        return []
    docs = doc_table(G)
    H = undirected_view(G, skip)
    dist = nx.single_source_shortest_path_length(H, node, cutoff=depth)
    rows = []
    for n, d in dist.items():
        if n == node:
            continue
        via = min(q for q in H[n] if dist.get(q) == d - 1)
        e = H.edges[via, n]
        rows.append({"distance": d, "name": name_of(G, n), "kind": label_of(G, n), "id": n,
                     "via": name_of(G, via), "edge": e["type"], "direction": "→" if e["forward"] == (via, n) else "←",
                     **cite(e["evidence"], docs)})
    return sort_rows(rows, ["distance", "kind", "name", "id"])
