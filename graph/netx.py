"""The one place where records become a NetworkX graph.

Every analysis and exporter reads the :class:`networkx.MultiDiGraph` made
here: node attributes ``label``, ``name``, ``properties``, ``mentions``; edge
attributes ``id``, ``type``, ``properties``, ``evidence`` (edge key = edge ID).
"""
from __future__ import annotations

from typing import Iterable

import networkx as nx

from .records import Edge, Evidence, Mention, Node

__all__ = ["to_networkx", "from_networkx", "from_rows"]


def to_networkx(nodes: Iterable[Node], edges: Iterable[Edge]) -> nx.MultiDiGraph:
    """Build the graph.

    >>> from graph.records import Node, Edge, Mention, Evidence
    >>> g = to_networkx([Node("a", "Agency", "甲", {}, (Mention("d", 1, "甲"),)),
    ...                  Node("b", "Duty", "乙", {}, (Mention("d", 2, "乙"),))],
    ...                 [Edge("e", "LEADS", "a", "b", {}, (Evidence("d", 2, "甲牵头"),))])
    >>> g.nodes["a"]["name"], list(g.edges(keys=True))
    ('甲', [('a', 'b', 'e')])
    """
    g = nx.MultiDiGraph()
    for n in nodes:
        g.add_node(n.id, label=n.label, name=n.name, properties=dict(n.properties),
                   mentions=[m.as_dict() for m in n.mentions])
    for e in edges:
        g.add_edge(e.source, e.target, key=e.id, id=e.id, type=e.type, properties=dict(e.properties),
                   evidence=[ev.as_dict() for ev in e.evidence])
    return g


def from_rows(nodes: Iterable[tuple], edges: Iterable[tuple]) -> nx.MultiDiGraph:
    """The graph :func:`to_networkx` makes, from rows as a store's ``node_rows`` and
    ``edge_rows`` give them: (ID, label, name, properties, mentions) and (ID, type,
    source, target, properties, evidence), properties and lists already the graph's own.

    Filled as ``add_node`` and ``add_edge`` fill a new graph, without their checks per
    call (a large part has ~100,000 edges)."""
    g = nx.MultiDiGraph()
    node, succ, pred = g._node, g._succ, g._pred
    for nid, label, name, props, ms in nodes:
        if nid in node:
            node[nid].update(label=label, name=name, properties=props, mentions=ms)
            continue
        node[nid] = {"label": label, "name": name, "properties": props, "mentions": ms}
        succ[nid] = {}
        pred[nid] = {}
    for eid, type_, s, t, props, evs in edges:
        if s not in node or t not in node:
            for x in (s, t):
                if x not in node:
                    if x is None:
                        raise ValueError("None cannot be a node")
                    node[x], succ[x], pred[x] = {}, {}, {}
        out = succ[s]
        keydict = out.get(t)
        if keydict is None:
            keydict = out[t] = pred[t][s] = {}
        data = {"id": eid, "type": type_, "properties": props, "evidence": evs}
        if eid in keydict:  # an edge given twice: its attributes updated, as add_edge does
            keydict[eid].update(data)
        else:
            keydict[eid] = data
    nx._clear_cache(g)
    return g


def from_networkx(g: nx.MultiDiGraph) -> tuple[list[Node], list[Edge]]:
    """The records back from a graph made by :func:`to_networkx`."""
    nodes = [
        Node(nid, d["label"], d["name"], dict(d.get("properties", {})),
             tuple(Mention(m["doc"], int(m["line"]), m["text"]) for m in d.get("mentions", [])))
        for nid, d in sorted(g.nodes(data=True))
    ]
    edges = [
        Edge(k, d["type"], s, t, dict(d.get("properties", {})),
             tuple(Evidence(ev["doc"], int(ev["line"]), ev["text"]) for ev in d.get("evidence", [])))
        for s, t, k, d in sorted(g.edges(keys=True, data=True), key=lambda x: x[2])
    ]
    return nodes, edges
