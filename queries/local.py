"""Quick questions answered from the part of the graph they need.

A store that can read parts of its graph (``answers_in_parts``: the SQLite
store, through its indexes on edge ends and its ``forms`` table) answers
``find``, ``neighbours``, ``path``, ``chain`` and ``workload`` without
reading the whole graph: names are looked up in the store's tables
(:class:`StoreNames`), the question's part of the graph is read (the nodes
within reach, the edges it walks), and the same analysis function as on the
whole graph runs on that part. Each part holds everything the function looks
at, so the rows are the same as on the whole graph
(``tests/test_local_answers.py`` checks that on every query and store).

=============  ==================================================================
search         the nodes whose name (in any document) contains the text
neighbours     breadth first from the centre, one step per query: the edges at
               the nodes nearer than ``depth``, and their ends
path           breadth first from both ends, the smaller side first, until they
               meet (or ``max_depth``): every shortest path lies in what was read
chain          every DELEGATED_FROM and HOLDS edge, the power nodes, the start's
               PART_OF bodies
workload       (``by=total``) every LEADS and ASSISTS edge, their ends
=============  ==================================================================

Every part also holds the Document nodes, which citations name.

The whole-graph analyses (``gaps``, ``unheld_grants``, the four ``overlaps``
sections, ``top_officials``, ``centrality``, ``communities``, ``diff`` of two
dates) run on the kinds of nodes and edges their function looks at
(:data:`PARTS`, read whole by the store's ``node_rows`` and ``edge_rows``),
with mentions and evidence only where they are cited, else only which
documents they come from (enough to cut the graph to a date) or nothing. A
question with ``as_of`` reads its part already cut (:func:`restrict_rows`).
"""
from __future__ import annotations

from typing import Any, Callable, Iterable

import networkx as nx

from graph import analysis as A
from graph.analysis.common import sort_rows
from graph.analysis.names import resolve
from graph.analysis.paths import MAX_DEPTH, SKIP_TYPES
from graph.analysis.timeline import _DATE, dropped_documents, restrict_rows
from graph.netx import from_rows, to_networkx
from graph.records import Edge

__all__ = ["LOCAL", "PARTS", "answers_locally", "StoreNames", "answer", "whole_part"]


def answers_locally(store: Any) -> bool:
    return bool(getattr(store, "answers_in_parts", False))


class StoreNames:
    """Resolving names from a store's tables (the same interface as
    :class:`graph.analysis.names.GraphNames`)."""

    def __init__(self, store: Any):
        self.store = store
        self._info: dict[str, tuple[str, str, str]] = {}
        self._places: list[str] | None = None

    def has(self, n: str) -> bool:
        return self.store.has_node(n)

    def info(self, n: str) -> tuple[str, str, str]:
        if n not in self._info:
            for node in self.store.nodes_by_id([n], mentions=False):
                self._info[n] = (node.label, node.name, str((node.properties or {}).get("jurisdiction", "")))
        return self._info.get(n, ("", n, ""))

    def ids(self, forms: Iterable[str]) -> set[str]:
        return self.store.ids_by_form(forms)

    def places(self) -> list[str]:
        if self._places is None:
            values = self.store.merged_property("Agency", "jurisdiction").values()
            self._places = sorted({str(v) for v in values if v})
        return self._places

    def forms(self, labels: tuple[str, ...] | None) -> list[str]:
        return sorted({f for f, label in self.store.all_forms() if labels is None or label in labels})


class LazyEvidence:
    """An edge's evidence, read from the store the first time it is looked at (a walk
    reads many edges and cites few). It counts as true before it is read."""

    __slots__ = ("store", "edge_id", "_value")

    def __init__(self, store: Any, edge_id: str):
        self.store, self.edge_id, self._value = store, edge_id, None

    def _get(self) -> list[dict[str, Any]]:
        if self._value is None:
            self._value = [ev.as_dict() for ev in self.store.evidence_of(self.edge_id)]
        return self._value

    def __bool__(self) -> bool:
        return True

    def __iter__(self):
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())


def _part(store: Any, nodes: Iterable[str], edges: Iterable[str] = (), *, evidence: bool | str = True,
          bare_edges: Iterable[tuple[str, str, str, str]] = ()) -> nx.MultiDiGraph:
    """The graph of these nodes and edges (and every edge's ends), with the Document nodes.
    ``bare_edges`` (ID, type, source, target) come without properties; ``evidence``
    (of every edge): True, False or "lazy" (:class:`LazyEvidence`, read when cited)."""
    edges = set(edges)
    edge_list = store.edges_by_id(edges, evidence is True) if edges else []
    bare = [Edge(i, t, s, g, {}, ()) for i, t, s, g in bare_edges]
    ends = {x for e in edge_list + bare for x in (e.source, e.target)}
    node_list = store.nodes_by_id(set(nodes) | ends | set(store.node_ids(["Document"])), mentions=False)
    G = to_networkx(node_list, edge_list + bare)
    if evidence == "lazy":
        for _, _, k, d in G.edges(keys=True, data=True):
            d["evidence"] = LazyEvidence(store, k)
    return G


class _Side:
    """A breadth-first walk from ``start`` (LISTED_IN left out), one layer per :meth:`step`:
    ``seen`` (node -> distance) and ``edges`` (those at the nodes of the layers before the last)."""

    def __init__(self, start: str):
        self.seen = {start: 0}
        self.frontier = {start}
        self.depth = 0
        self.edges: set[tuple[str, str, str, str]] = set()

    def step(self, store: Any) -> None:
        nxt: set[str] = set()
        for e in store.edge_ends(at=self.frontier, skip=SKIP_TYPES):
            self.edges.add(e)
            for x in e[2:]:
                if x not in self.seen:
                    self.seen[x] = self.depth + 1
                    nxt.add(x)
        self.frontier = nxt
        self.depth += 1


def _path(store: Any, a: str, b: str, max_depth: int = MAX_DEPTH, **_: Any) -> list[dict[str, Any]]:
    """Both sides grow a layer at a time, the smaller first; when they meet after
    layers ka and kb, every shortest path (length ka + kb) runs through nodes nearer
    than ka to a or nearer than kb to b, so its edges were all read."""
    sa, sb = _Side(a), _Side(b)
    met = a == b
    while not met and sa.frontier and sb.frontier and sa.depth + sb.depth < int(max_depth):
        side = sa if len(sa.frontier) <= len(sb.frontier) else sb
        side.step(store)
        met = bool(side.frontier & (sb.seen.keys() if side is sa else sa.seen.keys()))
    G = _part(store, set(sa.seen) | set(sb.seen), bare_edges=sa.edges | sb.edges, evidence="lazy")
    return A.shortest_path(G, a, b, max_depth=max_depth)


def _neighbours(store: Any, name: str, depth: int = 1, **_: Any) -> list[dict[str, Any]]:
    depth = int(depth)
    if not 1 <= depth <= MAX_DEPTH:
        return A.neighbours(nx.MultiDiGraph(), name, depth)  # the same error
    side = _Side(name)
    while side.depth < depth and side.frontier:
        side.step(store)
    return A.neighbours(_part(store, side.seen, bare_edges=side.edges, evidence="lazy"), name, depth)


def _chain(store: Any, start: str, direction: str = "down", depth: int = 5, **_: Any) -> list[dict[str, Any]]:
    grants = store.edge_ends(types=["DELEGATED_FROM"])
    holds = store.edge_ends(types=["HOLDS"])
    part_of = store.edge_ends(at=[start], types=["PART_OF"], into=True)
    G = _part(store, [start, *store.node_ids(["Power"])], [e[0] for e in grants],
              bare_edges=holds + part_of)
    return A.chains(G, start, direction, depth)


def _workload(store: Any, by: str = "total", include_collective: bool = False, **_: Any) -> list[dict[str, Any]] | None:
    """Per body: the tasks it leads, assists, either (counted in the store; the
    bodies' names and properties read as nodes), as :func:`graph.analysis.workload`."""
    if by != "total":
        return None  # per document or year needs every task's properties: the whole graph
    counts = store.assignment_counts()
    bodies = {n.id: n for n in store.nodes_by_id(counts, mentions=False)}
    rows = []
    for w, (led, assisted, total) in counts.items():
        n = bodies.get(w)
        if n is None or n.label not in ("Agency", "Group", "Official"):
            continue
        if n.label == "Agency" and n.properties.get("collective") and not include_collective:
            continue
        rows.append({"name": n.name, "kind": n.label, "jurisdiction": n.properties.get("jurisdiction") or "",
                     "led": led, "assisted": assisted, "total": total})
    return sort_rows(rows, ["-total", "-led", "name", "jurisdiction", "year"])


def _search(store: Any, text: str, kind: str = "", limit: int = 50, **_: Any) -> list[dict[str, Any]]:
    text = (text or "").strip()
    if not text:
        return A.search_names(nx.MultiDiGraph(), text, kind, limit)  # the same error
    ids = store.node_ids([kind] if kind else (), name_contains=text)
    G = to_networkx(store.nodes_by_id(ids, mentions=False), [])
    return A.search_names(G, text, kind, limit)


#: query name -> (store, resolved parameters) -> rows, or None where it needs the whole graph after all
LOCAL: dict[str, Callable[..., list[dict[str, Any]] | None]] = {
    "search": _search, "neighbours": _neighbours, "path": _path, "chain": _chain, "workload": _workload,
}


def answer(store: Any, q: Any, bound: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The rows of query ``q`` (parameters ``bound``, no date cut) from the parts of
    the graph it needs, or None when this query is not answered that way."""
    fn = LOCAL.get(q.name)
    if fn is None or not answers_locally(store):
        return None
    book = StoreNames(store)
    params = dict(bound)
    for p in q.params:
        if p.type == "name" and params.get(p.name) is not None:
            params[p.name] = resolve(book, params[p.name], p.labels or None)
    params.pop("as_of", None)
    return fn(store, **params)


# -- the whole-graph analyses: the kinds they look at -------------------------------------------
#: ({node kind: mentions}, {edge type: evidence}) a function looks at; "all": as cited, "docs":
#: which documents they come from (what a date cut needs), "none". Document nodes are always read.
_WORK = ({"Duty": "none", "Agency": "none", "Group": "none", "Official": "none"},
         {"LEADS": "none", "ASSISTS": "none", "LISTED_IN": "none"})
_GAPS = ({"Duty": "all", "Agency": "docs", "Group": "docs", "Official": "docs", "Jurisdiction": "docs", "Power": "docs"},
         {"LEADS": "docs", "ASSISTS": "docs", "LISTED_IN": "docs", "HOLDS": "docs", "DELEGATED_FROM": "all"})
_OVERLAPS = ({"Duty": "all", "Agency": "none", "Group": "none", "Official": "none", "Project": "none"},
             {"LEADS": "all", "ASSISTS": "all", "LISTED_IN": "none", "CONCERNS": "none"})
_DIFF = ({"Duty": "all", "Agency": "docs", "Group": "docs", "Official": "docs", "Jurisdiction": "docs"},
         {"LEADS": "all", "ASSISTS": "all", "LISTED_IN": "docs", "DELEGATED_FROM": "all"})
PARTS: dict[str, tuple[dict[str, str], dict[str, str]]] = {
    "top_officials": _WORK, "centrality": _WORK, "communities": _WORK,
    "gaps": _GAPS, "unheld_grants": _GAPS,
    "co_leads": _OVERLAPS, "same_matter": _OVERLAPS, "role_flips": _OVERLAPS, "overlap_matrix": _OVERLAPS,
    "diff": _DIFF,
}

_LAST: list[Any] = []  # the last part read: (key, graph); the questions of one command share it


def _cuts(spec: tuple[dict[str, str], dict[str, str]]) -> bool:
    """Does the part know where every fact comes from (so it can be cut to a date)?"""
    return "none" not in (*spec[0].values(), *spec[1].values())


def whole_part(store: Any, spec: tuple[dict[str, str], dict[str, str]], as_of: str | None = None,
               version: str | None = None) -> nx.MultiDiGraph:
    """The graph of the kinds of nodes and edges ``spec`` names (with every edge's ends and
    the Document nodes), cut to ``as_of`` if given. Kept for the next question while the
    store's ``version`` is the same."""
    key = (id(store), version, repr(spec), as_of)
    if version is not None and _LAST and _LAST[0][0] == key:
        return _LAST[0][1]
    node_modes, edge_modes = spec
    nodes = list(store.node_rows(["Document"], "none"))
    for mode in ("all", "docs", "none"):
        labels = [k for k, v in node_modes.items() if v == mode]
        if labels:
            nodes += store.node_rows(labels, mode)
    # LISTED_IN says a duty's document only where its properties do not (graph.analysis.common.duty_doc)
    listed = any(not props.get("document") for _, label, _, props, _ in nodes if label == "Duty")
    edges = []
    for mode in ("all", "docs", "none"):
        types = [k for k, v in edge_modes.items() if v == mode and (k != "LISTED_IN" or listed)]
        if types:
            edges += store.edge_rows(types, mode)
    have = {row[0] for row in nodes}
    missing = {x for row in edges for x in row[2:4] if x not in have}
    if missing:  # an end of a kind the spec does not name: read whole
        nodes += [(n.id, n.label, n.name, dict(n.properties), [m.as_dict() for m in n.mentions])
                  for n in store.nodes_by_id(missing)]
    nodes.sort(key=lambda r: r[0])
    edges.sort(key=lambda r: r[0])
    dropped = None
    if as_of:
        dropped = dropped_documents(((r[0], r[3]) for r in nodes if r[1] == "Document"), as_of)
        nodes, edges = restrict_rows(nodes, edges, dropped)
    G = from_rows(nodes, edges)
    if dropped is not None:
        G.graph["cut"] = dropped
    if version is not None:
        _LAST[:] = [(key, G)]
    return G


def part_for(store: Any, q: Any, bound: dict[str, Any], as_of: str | None, version: str | None = None) -> nx.MultiDiGraph | None:
    """The part of the graph the whole-graph question ``q`` looks at (cut to ``as_of``), or
    None when it needs the whole graph (a date cut the part cannot make, diff of two documents)."""
    spec = PARTS.get(q.name)
    if spec is None or not answers_locally(store) or (as_of and not _cuts(spec)):
        return None
    if q.name == "diff" and not (_DATE.match(str(bound.get("a"))) and _DATE.match(str(bound.get("b")))):
        return None  # documents are named by their forms: the whole graph's name index
    return whole_part(store, spec, as_of, version)
