"""The store interface shared by the embedded (SQLite) and Neo4j stores.

Both keep, for every node and edge, each document's contribution apart, so
that a document can be reloaded (replacing its facts) or removed (a node
shared with other documents stays while any evidence remains). What users see
is the merge of the contributions, in document-id order
(:func:`graph.records.merge_properties`), identical in both stores.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any, ContextManager, Iterable, Iterator, Sequence

from ..errors import StoreError
from ..records import DocumentGraph, Edge, Evidence, Mention, Node, merge_properties

__all__ = ["Store", "LoadSummary", "NodeFact", "EdgeFact", "merge_node", "merge_edge", "resolve_documents"]


@dataclass
class LoadSummary:
    source_file: str
    documents: list[str] = field(default_factory=list)
    nodes: int = 0
    edges: int = 0
    replaced: bool = False


@dataclass(frozen=True)
class NodeFact:
    """One document's contribution to a node."""

    doc: str
    label: str
    name: str
    properties: dict[str, Any]
    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class EdgeFact:
    doc: str
    type: str
    source: str
    target: str
    properties: dict[str, Any]
    evidence: tuple[Evidence, ...]


def merge_node(node_id: str, facts: Sequence[NodeFact]) -> Node:
    facts = sorted(facts, key=lambda f: f.doc)
    mentions = sorted({m for f in facts for m in f.mentions})
    return Node(
        id=node_id,
        label=facts[0].label,
        name=facts[0].name,
        properties=merge_properties(f.properties for f in facts),
        mentions=tuple(mentions),
    )


def merge_edge(edge_id: str, facts: Sequence[EdgeFact]) -> Edge:
    facts = sorted(facts, key=lambda f: f.doc)
    evidence = sorted({e for f in facts for e in f.evidence})
    return Edge(
        id=edge_id,
        type=facts[0].type,
        source=facts[0].source,
        target=facts[0].target,
        properties=merge_properties(f.properties for f in facts),
        evidence=tuple(evidence),
    )


def resolve_documents(ref: str, documents: Iterable[dict[str, Any]]) -> list[str]:
    """Document IDs that ``ref`` names: a doc id, a source file (path or
    name), a 文号 or a title. Raises :class:`StoreError` if none match."""
    import os

    docs = list(documents)
    ref_norm = ref.strip()
    base = os.path.basename(ref_norm)
    hits = []
    for d in docs:
        src = d.get("source_file") or ""
        if ref_norm in (d["id"], d.get("doc_number"), d.get("title"), d.get("name")) or (
            src and (src == ref_norm or os.path.basename(src) == base)
        ):
            hits.append(d["id"])
    if not hits:
        known = ", ".join(sorted(os.path.basename(d.get("source_file") or d["id"]) for d in docs)) or "none"
        raise StoreError(f"no loaded document matches {ref!r}", hint=f"loaded: {known}")
    return sorted(set(hits))


class Store(ABC):
    """A graph store. Loads are per source file and atomic."""

    name = "store"

    @abstractmethod
    def load(self, docs: Sequence[DocumentGraph], source_file: str, sha256: str = "", *,
             checked: bool = False) -> LoadSummary:
        """Replace whatever ``source_file`` said before with ``docs``, in one transaction.

        The documents are checked against the schema first, unless ``checked`` says
        the caller did (the pipeline checks them in its reading processes)."""

    @abstractmethod
    def remove(self, ref: str) -> list[str]:
        """Take the facts of the documents ``ref`` names out; return their IDs."""

    @abstractmethod
    def documents(self) -> list[dict[str, Any]]:
        """The loaded documents: id, source_file, sha256 and their Document node properties."""

    @abstractmethod
    def nodes(self) -> Iterator[Node]:
        """Every node, merged over documents, in ID order."""

    @abstractmethod
    def edges(self) -> Iterator[Edge]:
        """Every edge, merged over documents, in ID order."""

    @abstractmethod
    def clear(self) -> None:
        """Delete everything."""

    def counts(self) -> dict[str, dict[str, int]]:
        nodes: dict[str, int] = {}
        for n in self.nodes():
            nodes[n.label] = nodes.get(n.label, 0) + 1
        edges: dict[str, int] = {}
        for e in self.edges():
            edges[e.type] = edges.get(e.type, 0) + 1
        return {"nodes": dict(sorted(nodes.items())), "edges": dict(sorted(edges.items()))}

    def node_rows(self, labels: Iterable[str], mentions: str = "all") -> Iterator[tuple[str, str, str, dict[str, Any], list[dict[str, Any]]]]:
        """(ID, label, name, properties, mentions) of every node of these kinds, in ID order;
        ``mentions``: "all" (as dicts, sorted), "docs" (``{"doc": …}`` once per document) or "none".
        (Here from :meth:`nodes`; a store may read just these kinds.)"""
        labels = set(labels)
        for n in self.nodes():
            if n.label in labels:
                yield n.id, n.label, n.name, dict(n.properties), _marks(n.mentions, mentions, Mention.as_dict)

    def edge_rows(self, types: Iterable[str], evidence: str = "all") -> Iterator[tuple[str, str, str, str, dict[str, Any], list[dict[str, Any]]]]:
        """(ID, type, source, target, properties, evidence) of every edge of these types, in ID
        order; ``evidence`` as ``mentions`` in :meth:`node_rows`."""
        types = set(types)
        for e in self.edges():
            if e.type in types:
                yield e.id, e.type, e.source, e.target, dict(e.properties), _marks(e.evidence, evidence, Evidence.as_dict)

    def close(self) -> None:  # pragma: no cover - trivial
        pass

    def batch(self) -> ContextManager[None]:
        """Loads inside share one commit where the store can (each still loads whole or not at
        all, a failing one costs only itself); a store that cannot simply commits each load."""
        return nullcontext()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _marks(items: Sequence[Any], mode: str, as_dict: Any) -> list[dict[str, Any]]:
    if mode == "all":
        return [as_dict(x) for x in items]
    if mode == "docs":
        return [{"doc": d} for d in sorted({x.doc for x in items})]
    return []


def _check(docs: Sequence[DocumentGraph]) -> None:
    ids = [d.doc_id for d in docs]
    if len(ids) != len(set(ids)):
        raise StoreError("a source file gave the same document twice: " + ", ".join(ids))
    for d in docs:
        d.validate()
