"""Delegation chains: who passes which power to whom (DELEGATED_FROM points
from the receiving body to the granting body), followed down (to receivers)
or up (to granters) from an agency, a power or a power category."""
from __future__ import annotations

from collections import deque
from typing import Any

import networkx as nx

from ..errors import QueryError
from .common import cite, doc_table, edges_of, label_of, name_of, nodes_of, props_of, sort_rows
from .gaps import holds_power

__all__ = ["chains", "chain_hops", "powers_for", "jurisdiction_bodies"]

MAX_DEPTH = 10


def powers_for(G: nx.MultiDiGraph, power_node: str) -> list[str]:
    """The power names a Power node stands for: itself, and for a category
    every power of that category."""
    name = name_of(G, power_node)
    out = {name}
    for n in nodes_of(G, "Power"):
        if props_of(G, n).get("category") == name:
            out.add(name_of(G, n))
    return sorted(out)


def jurisdiction_bodies(G: nx.MultiDiGraph, place: str) -> list[str]:
    """The agencies PART_OF a jurisdiction (its own departments), sorted: the
    bodies a place grants through."""
    return sorted({u for u, _, d in G.in_edges(place, data=True)
                   if d.get("type") == "PART_OF" and label_of(G, u) == "Agency"})


def chain_hops(G: nx.MultiDiGraph, start: str, direction: str = "down",
               depth: int = 5) -> list[tuple[tuple[str, str, str, dict[str, Any]], str, int]]:
    """The hops of :func:`chains` as ``(edge, direction, hop)``, ``edge`` being
    ``(receiver, granter, key, data)`` of a DELEGATED_FROM edge: the one
    traversal that ``govgraph chain`` lists and the delegation map draws."""
    depth = int(depth)
    if not 1 <= depth <= MAX_DEPTH:
        raise QueryError(f"depth {depth} is out of range", hint=f"1 to {MAX_DEPTH}")
    if direction not in ("down", "up", "both"):
        raise QueryError(f"direction {direction!r}?", hint="down, up or both")
    if start not in G:  # e.g. cut away by as_of
        return []
    edges = list(edges_of(G, "DELEGATED_FROM"))
    powers = None
    starts = [start]
    if label_of(G, start) == "Power":
        powers = set(powers_for(G, start))
        edges = [e for e in edges if (e[3].get("properties") or {}).get("power") in powers]
        receivers = {r for r, _, _, _ in edges}
        starts = sorted({g for _, g, _, _ in edges if g not in receivers})
        direction = "down"
    elif label_of(G, start) == "Jurisdiction":  # a place grants through its bodies too
        starts += jurisdiction_bodies(G, start)
    down: dict[str, list] = {}
    up: dict[str, list] = {}
    for e in edges:
        down.setdefault(e[1], []).append(e)
        up.setdefault(e[0], []).append(e)
    best: dict[tuple[str, str], int] = {}
    for way, index, far in (("down", down, 0), ("up", up, 1)):
        if direction not in (way, "both"):
            continue
        seen = set(starts)
        queue = deque((s, 0) for s in starts)
        while queue:
            n, dist = queue.popleft()
            if dist >= depth:
                continue
            for e in index.get(n, []):
                key = (e[2], way)
                if key not in best:
                    best[key] = dist + 1
                nxt = e[far]
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append((nxt, dist + 1))
    by_key = {e[2]: e for e in edges}
    return [(by_key[k], way, hop) for (k, way), hop in best.items()]


def chains(G: nx.MultiDiGraph, start: str, direction: str = "down", depth: int = 5) -> list[dict[str, Any]]:
    """Delegation hops reachable from ``start`` (a node ID) within ``depth`` hops.

    From an agency or jurisdiction: ``down`` follows what it grants, ``up``
    where its powers come from, ``both`` does both; a jurisdiction's own
    bodies (agencies PART_OF it) count as starts too, so 盘锦市 finds what its
    departments grant. From a power or category:
    the chains of that power (or the category's powers) from their first
    granters down. One row per hop (at its smallest distance): granter,
    receiver, power, document, 文号, date, stated/inferred, method, and a flag
    where the granting body is not shown holding the power."""
    hops = chain_hops(G, start, direction, depth)
    docs = doc_table(G)
    rows = []
    for (r, g, _, d), way, hop in hops:
        p = d.get("properties") or {}
        power = str(p.get("power") or "")
        holds = holds_power(G, g, power)
        c = cite(d.get("evidence"), docs)
        info = docs.get(c["doc"], {})
        rows.append({"direction": way, "hop": hop, "granter": name_of(G, g), "receiver": name_of(G, r),
                     "power": power, "stated": "inferred" if p.get("inferred") else "stated",
                     "method": p.get("method") or "", "doc_number": info.get("doc_number", ""),
                     "date": info.get("date", ""), "granter_holds": holds,
                     "flag": "" if holds else "granting body not shown holding this power", **c})
    return sort_rows(rows, ["direction", "hop", "power", "granter", "receiver"])
