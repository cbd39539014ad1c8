"""The graph schema, declared once in ``schema.json`` and checked when it loads.

Everything else (record validation, Neo4j constraints, map styles, the
``schema`` command, the README table) is derived from :data:`SCHEMA`.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Mapping

from .errors import SchemaError

__all__ = ["NodeKind", "EdgeKind", "Schema", "load_schema", "SCHEMA"]

_TYPES = {"str": str, "bool": bool, "float": (int, float), "int": int, "list": (list, tuple)}


@dataclass(frozen=True)
class NodeKind:
    name: str
    zh: str
    description: str
    key: tuple[str, ...]
    required: tuple[str, ...]
    properties: Mapping[str, str]
    style: Mapping[str, Any]


@dataclass(frozen=True)
class EdgeKind:
    name: str
    zh: str
    description: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    key: tuple[str, ...]
    properties: Mapping[str, str]
    style: Mapping[str, Any]


@dataclass(frozen=True)
class Schema:
    version: int
    nodes: Mapping[str, NodeKind]
    edges: Mapping[str, EdgeKind]
    source: str = field(default="schema.json")
    property_zh: Mapping[str, str] = field(default_factory=dict)  # property key -> 中文 name (maps, report)

    def node(self, label: str) -> NodeKind:
        try:
            return self.nodes[label]
        except KeyError:
            raise SchemaError(
                f"unknown node kind {label!r}", hint="valid kinds: " + ", ".join(self.nodes)
            ) from None

    def edge(self, type_: str) -> EdgeKind:
        try:
            return self.edges[type_]
        except KeyError:
            raise SchemaError(
                f"unknown edge kind {type_!r}", hint="valid kinds: " + ", ".join(self.edges)
            ) from None

    def check_properties(self, what: str, declared: Mapping[str, str], props: Mapping[str, Any]) -> None:
        for key, value in props.items():
            if key not in declared:
                raise SchemaError(
                    f"{what}: property {key!r} is not declared in {self.source}",
                    hint="declared: " + ", ".join(declared),
                )
            if value is None:
                raise SchemaError(f"{what}: property {key!r} is None; leave it out instead")
            expected = _TYPES[declared[key]]
            if declared[key] == "float" and isinstance(value, bool):
                raise SchemaError(f"{what}: property {key!r} must be a number, not {value!r}")
            if not isinstance(value, expected):
                raise SchemaError(
                    f"{what}: property {key!r} must be {declared[key]}, not {type(value).__name__}"
                )


def _require(obj: Mapping[str, Any], key: str, where: str, source: str) -> Any:
    if key not in obj:
        raise SchemaError(f"{source}: {where} has no {key!r}")
    return obj[key]


def load_schema(path: str | Path | None = None) -> Schema:
    """Read and check a schema file (the packaged ``schema.json`` by default)."""
    if path is None:
        text = resources.files("graph").joinpath("schema.json").read_text(encoding="utf-8")
        source = "graph/schema.json"
    else:
        source = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as e:
            raise SchemaError(f"{source}: cannot read: {e.strerror}") from e
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as e:
        raise SchemaError(f"{source}, line {e.lineno}: invalid JSON: {e.msg}") from e
    nodes: dict[str, NodeKind] = {}
    for name, spec in _require(raw, "nodes", "the schema", source).items():
        where = f"node kind {name!r}"
        props = dict(_require(spec, "properties", where, source))
        for p, t in props.items():
            if t not in _TYPES:
                raise SchemaError(
                    f"{source}: {where}: property {p!r} has unknown type {t!r}",
                    hint="valid types: " + ", ".join(_TYPES),
                )
        if "name" not in props:
            raise SchemaError(f"{source}: {where} must declare a 'name' property")
        key = tuple(_require(spec, "key", where, source))
        for k in key + tuple(spec.get("required", ())):
            if k not in props:
                raise SchemaError(f"{source}: {where}: key/required property {k!r} is not declared")
        nodes[name] = NodeKind(
            name=name,
            zh=spec.get("zh", name),
            description=spec.get("description", ""),
            key=key,
            required=tuple(spec.get("required", ("name",))),
            properties=props,
            style=dict(spec.get("style", {})),
        )
    edges: dict[str, EdgeKind] = {}
    for name, spec in _require(raw, "edges", "the schema", source).items():
        where = f"edge kind {name!r}"
        if not name.isupper() or not name.replace("_", "").isalpha():
            raise SchemaError(f"{source}: {where}: edge kinds are UPPER_SNAKE_CASE")
        for end in ("source", "target"):
            for kind in _require(spec, end, where, source):
                if kind not in nodes:
                    raise SchemaError(
                        f"{source}: {where}: {end} {kind!r} is not a node kind",
                        hint="valid kinds: " + ", ".join(nodes),
                    )
        props = dict(spec.get("properties", {}))
        for p, t in props.items():
            if t not in _TYPES:
                raise SchemaError(f"{source}: {where}: property {p!r} has unknown type {t!r}")
        key = tuple(spec.get("key", ()))
        for k in key:
            if k not in props:
                raise SchemaError(f"{source}: {where}: key property {k!r} is not declared")
        edges[name] = EdgeKind(
            name=name,
            zh=spec.get("zh", name),
            description=spec.get("description", ""),
            source=tuple(spec["source"]),
            target=tuple(spec["target"]),
            key=key,
            properties=props,
            style=dict(spec.get("style", {})),
        )
    for name in nodes:
        if not name.isalpha() or not name[0].isupper():
            raise SchemaError(f"{source}: node kind {name!r}: node kinds are CamelCase letters")
    declared = {p for k in nodes.values() for p in k.properties} | {p for k in edges.values() for p in k.properties}
    property_zh = dict(raw.get("property_zh", {}))
    for p in property_zh:
        if p not in declared:
            raise SchemaError(f"{source}: property_zh names {p!r}, which no kind declares",
                              hint="declared: " + ", ".join(sorted(declared)))
    return Schema(version=int(raw.get("version", 1)), nodes=nodes, edges=edges, source=source,
                  property_zh=property_zh)


SCHEMA = load_schema()
