"""Typed, frozen records that loaders produce and stores consume.

A :class:`DocumentGraph` holds what one document says: its nodes and edges,
each with the evidence (document, line, text as printed) behind it.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from .errors import SchemaError
from .schema import SCHEMA, Schema

__all__ = [
    "Mention",
    "Evidence",
    "Node",
    "Edge",
    "DocumentGraph",
    "node_id",
    "edge_id",
    "merge_properties",
]


@dataclass(frozen=True, order=True)
class Mention:
    """A node's name as printed at one place of one document."""

    doc: str
    line: int
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "doc": self.doc, "line": self.line}


@dataclass(frozen=True, order=True)
class Evidence:
    """The printed text that states an edge."""

    doc: str
    line: int
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "line": self.line, "text": self.text}


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def node_id(label: str, *key: str) -> str:
    """The ID of a node: derived from its kind and canonical key, never random.

    >>> node_id("Agency", "海城市财政局") == node_id("Agency", "海城市财政局")
    True
    >>> node_id("Agency", "王威") != node_id("Official", "王威")
    True
    """
    return f"{label.lower()}-{_digest(label, *key)}"


def edge_id(type_: str, source: str, target: str, *key: str) -> str:
    """The ID of an edge: its type, its ends and its key properties."""
    return f"{type_.lower()}-{_digest(type_, source, target, *key)}"


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    name: str
    properties: Mapping[str, Any] = field(default_factory=dict)
    mentions: tuple[Mention, ...] = ()

    def validate(self, schema: Schema = SCHEMA) -> None:
        kind = schema.node(self.label)
        what = f"{self.label} {self.name!r}"
        schema.check_properties(what, kind.properties, self.properties)
        for req in kind.required:
            if req != "name" and req not in self.properties:
                raise SchemaError(f"{what}: required property {req!r} is missing")
        if not self.name:
            raise SchemaError(f"{self.label} {self.id}: empty name")
        if not self.mentions:
            raise SchemaError(f"{what}: a node needs at least one mention (its evidence)")


@dataclass(frozen=True)
class Edge:
    id: str
    type: str
    source: str
    target: str
    properties: Mapping[str, Any] = field(default_factory=dict)
    evidence: tuple[Evidence, ...] = ()

    def validate(self, labels: Mapping[str, str], schema: Schema = SCHEMA) -> None:
        """Check the edge against the schema; ``labels`` maps node IDs to kinds."""
        kind = schema.edge(self.type)
        what = f"{self.type} {self.source}->{self.target}"
        schema.check_properties(what, kind.properties, self.properties)
        for end, allowed in (("source", kind.source), ("target", kind.target)):
            nid = getattr(self, end)
            label = labels.get(nid)
            if label is None:
                raise SchemaError(f"{what}: {end} {nid} is not a node of this document")
            if label not in allowed:
                raise SchemaError(
                    f"{what}: {end} is a {label}; {self.type} allows " + ", ".join(allowed)
                )
        if not self.evidence:
            raise SchemaError(f"{what}: an edge needs evidence")


@dataclass
class DocumentGraph:
    """Everything one document (or one part of a compilation) states."""

    doc_id: str
    source_file: str
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def validate(self, schema: Schema = SCHEMA) -> None:
        # each node and edge is first tested quickly; the full check (which
        # words the error) runs only on one the quick test does not pass
        doc_id = self.doc_id
        node_kinds, edge_kinds = schema.nodes, schema.edges
        labels: dict[str, str] = {}
        for n in self.nodes:
            kind = node_kinds.get(n.label)
            props = n.properties
            if kind is None or not n.name or not n.mentions or not _props_ok(kind.properties, props) or \
                    not all(req in props or req == "name" for req in kind.required):
                n.validate(schema)
            if n.id in labels:
                raise SchemaError(f"node {n.id} appears twice in document {doc_id}")
            labels[n.id] = n.label
            for m in n.mentions:
                if m.doc != doc_id:
                    raise SchemaError(f"{n.label} {n.name!r}: mention from another document {m.doc}")
        seen: set[str] = set()
        for e in self.edges:
            ekind = edge_kinds.get(e.type)
            if ekind is None or not e.evidence or labels.get(e.source) not in ekind.source or \
                    labels.get(e.target) not in ekind.target or not _props_ok(ekind.properties, e.properties):
                e.validate(labels, schema)
            if e.id in seen:
                raise SchemaError(f"edge {e.id} appears twice in document {doc_id}")
            seen.add(e.id)
            for ev in e.evidence:
                if ev.doc != doc_id:
                    raise SchemaError(f"{e.type} {e.id}: evidence from another document {ev.doc}")


#: the value types each declared property type takes without question (the
#: full check, :meth:`Schema.check_properties`, decides for any other)
_PLAIN_TYPES = {"str": (str,), "bool": (bool,), "float": (int, float), "int": (int, bool), "list": (list, tuple)}


def _props_ok(declared: Mapping[str, str], props: Mapping[str, Any]) -> bool:
    for key, value in props.items():
        t = declared.get(key)
        if t is None or type(value) not in _PLAIN_TYPES[t]:
            return False
    return True


def merge_properties(contributions: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Merge the properties that several documents give one node or edge.

    Contributions come in document order. Lists are united (first-seen
    order kept); for other values the first document that gives one wins.

    >>> merge_properties([{"titles": ["副市长"], "a": 1}, {"titles": ["市长", "副市长"], "a": 2}])
    {'titles': ['副市长', '市长'], 'a': 1}
    """
    merged: dict[str, Any] = {}
    for props in contributions:
        for key, value in props.items():
            if isinstance(value, (list, tuple)):
                current = merged.setdefault(key, [])
                for v in value:
                    if v not in current:
                        current.append(v)
            elif key not in merged:
                merged[key] = value
    return merged
