"""Small views of the store's graph for the quick questions, kept in the
store's cache (:mod:`queries.cache`).

The whole graph carries every mention and every piece of evidence, the
printed text of every line: reading it back costs seconds on a large store.
A look-up needs little of it:

==========  ================================================================
names       every node (label, name, small properties), no edges: ``find``,
            and resolving a name (its name index is kept with it)
topology    every node, every edge but LISTED_IN, no evidence: ``neighbours``
paths       the topology, each edge's evidence read on demand from the
            cache's evidence shards: ``path``
chains      every node, the DELEGATED_FROM, HOLDS and PART_OF edges with their
            evidence: ``chain``
==========  ================================================================

A view is the whole graph with parts left out, made by the same
:func:`graph.netx.to_networkx` graph, so the analysis functions give the same
rows on it as on the whole graph (``tests/test_views.py`` checks that).
"""
from __future__ import annotations

import zlib
from typing import Any, Iterator

import networkx as nx

__all__ = ["VIEWS", "make_view", "LazyEvidence", "SHARDS", "evidence_shards", "attach_evidence"]

SHARDS = 64
# properties too long to carry in a view (a task's full text and section heading)
_HEAVY = {"Duty": ("text", "section")}

VIEWS: dict[str, dict[str, Any]] = {
    "names": {"edges": (), "evidence": False},
    "topology": {"edges": None, "skip": ("LISTED_IN",), "evidence": False},
    "paths": {"edges": None, "skip": ("LISTED_IN",), "evidence": "lazy"},
    "chains": {"edges": ("DELEGATED_FROM", "HOLDS", "PART_OF"), "evidence": True},
}


def _light(label: str, props: dict[str, Any]) -> dict[str, Any]:
    heavy = _HEAVY.get(label, ())
    return {k: v for k, v in props.items() if k not in heavy} if heavy else dict(props)


def make_view(G: nx.MultiDiGraph, name: str) -> nx.MultiDiGraph:
    """The view ``name`` of the whole graph ``G`` (see :data:`VIEWS`)."""
    spec = VIEWS[name]
    H = nx.MultiDiGraph()
    for n, d in G.nodes(data=True):
        H.add_node(n, label=d.get("label"), name=d.get("name"),
                   properties=_light(str(d.get("label")), dict(d.get("properties") or {})), mentions=[])
    types, skip = spec["edges"], set(spec.get("skip", ()))
    if types == ():
        return H
    for s, t, k, d in G.edges(keys=True, data=True):
        if (types is not None and d.get("type") not in types) or d.get("type") in skip:
            continue
        H.add_edge(s, t, key=k, id=d.get("id", k), type=d.get("type"), properties=dict(d.get("properties") or {}),
                   evidence=list(d.get("evidence") or []) if spec["evidence"] is True else None)
    return H


def _shard(edge_id: str) -> int:
    return zlib.crc32(edge_id.encode("utf-8")) % SHARDS


def evidence_shards(G: nx.MultiDiGraph, skip: tuple[str, ...] = ("LISTED_IN",)) -> list[dict[str, list]]:
    """Every edge's evidence by edge ID, in :data:`SHARDS` parts (by a hash of the ID)."""
    shards: list[dict[str, list]] = [{} for _ in range(SHARDS)]
    for _, _, k, d in G.edges(keys=True, data=True):
        if d.get("type") not in skip:
            shards[_shard(k)][k] = list(d.get("evidence") or [])
    return shards


class LazyEvidence:
    """An edge's evidence, read from its shard the first time it is looked at.

    It counts as true before it is read (an edge keeps its evidence in a view
    either way: ``d.get("evidence") or []`` leaves it in place)."""

    __slots__ = ("edge_id", "_load", "_value")

    def __init__(self, edge_id: str, load):
        self.edge_id = edge_id
        self._load = load
        self._value: list | None = None

    def _get(self) -> list:
        if self._value is None:
            self._value = list(self._load(_shard(self.edge_id)).get(self.edge_id, []))
        return self._value

    def __bool__(self) -> bool:
        return True

    def __iter__(self) -> Iterator[Any]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())

    def __getitem__(self, i):
        return self._get()[i]


def attach_evidence(H: nx.MultiDiGraph, load) -> nx.MultiDiGraph:
    """Give every edge of a ``paths`` view its :class:`LazyEvidence`;
    ``load(shard)`` returns that shard's dict."""
    memo: dict[int, dict[str, list]] = {}

    def shard(i: int) -> dict[str, list]:
        if i not in memo:
            memo[i] = load(i) or {}
        return memo[i]

    for _, _, k, d in H.edges(keys=True, data=True):
        d["evidence"] = LazyEvidence(k, shard)
    return H
