"""Writers (and a reader) for the graph: JSON (the stable exchange format),
GraphML (for Gephi) and CSV (nodes.csv + edges.csv).

The JSON shape, version 1::

    {"format": "govgraph", "version": 1,
     "nodes": [{"id", "label", "name", "properties": {…}, "mentions": [{"text", "doc", "line"}]}],
     "edges": [{"id", "type", "source", "target", "properties": {…}, "evidence": [{"doc", "line", "text"}]}]}

Nodes and edges are sorted by ID, mentions and evidence by (doc, line,
text), keys sorted: the same graph always gives the same bytes.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, Iterable

from .errors import GovGraphError
from .records import Edge, Evidence, Mention, Node

__all__ = ["FORMATS", "to_json_dict", "dumps_json", "read_json", "write_graphml", "write_csv", "write"]

FORMATS = ("json", "graphml", "csv")


def to_json_dict(nodes: Iterable[Node], edges: Iterable[Edge]) -> dict[str, Any]:
    return {
        "format": "govgraph",
        "version": 1,
        "nodes": [
            {"id": n.id, "label": n.label, "name": n.name, "properties": dict(n.properties),
             "mentions": [m.as_dict() for m in sorted(n.mentions)]}
            for n in sorted(nodes, key=lambda n: n.id)
        ],
        "edges": [
            {"id": e.id, "type": e.type, "source": e.source, "target": e.target,
             "properties": dict(e.properties), "evidence": [ev.as_dict() for ev in sorted(e.evidence)]}
            for e in sorted(edges, key=lambda e: e.id)
        ],
    }


def dumps_json(nodes: Iterable[Node], edges: Iterable[Edge]) -> str:
    return json.dumps(to_json_dict(nodes, edges), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def read_json(path: str | Path) -> tuple[list[Node], list[Edge]]:
    """Read a govgraph JSON export back into records."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as e:
        raise GovGraphError(f"{path}: cannot read: {e.strerror}") from None
    except json.JSONDecodeError as e:
        raise GovGraphError(f"{path}, line {e.lineno}: invalid JSON: {e.msg}") from None
    if raw.get("format") != "govgraph" or raw.get("version") != 1:
        raise GovGraphError(f"{path}: not a govgraph version 1 export")
    nodes = [
        Node(n["id"], n["label"], n["name"], n.get("properties", {}),
             tuple(Mention(m["doc"], m["line"], m["text"]) for m in n.get("mentions", [])))
        for n in raw["nodes"]
    ]
    edges = [
        Edge(e["id"], e["type"], e["source"], e["target"], e.get("properties", {}),
             tuple(Evidence(ev["doc"], ev["line"], ev["text"]) for ev in e.get("evidence", [])))
        for e in raw["edges"]
    ]
    return nodes, edges


def _scalar(value: Any) -> Any:
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_graphml(nodes: Iterable[Node], edges: Iterable[Edge], path: str | Path) -> None:
    """GraphML for Gephi/yEd: a node's ``label`` is its name (what Gephi shows),
    its kind in ``kind``; an edge's ``label`` is its type (also in ``type``);
    properties flattened to ``p_<name>`` attributes (lists as JSON text). Keys
    are named by their attributes (``<key id="kind" …>``), not d0, d1 …"""
    import networkx as nx

    from .netx import to_networkx

    g = to_networkx(nodes, edges)
    flat = nx.MultiDiGraph()
    for nid, d in g.nodes(data=True):
        attrs = {"label": d["name"], "kind": d["label"], "name": d["name"], "mentions": _scalar(d["mentions"])}
        attrs.update({f"p_{k}": _scalar(v) for k, v in d["properties"].items()})
        flat.add_node(nid, **attrs)
    for s, t, k, d in g.edges(keys=True, data=True):
        attrs = {"label": d["type"], "type": d["type"], "evidence": _scalar(d["evidence"])}
        attrs.update({f"p_{k2}": _scalar(v) for k2, v in d["properties"].items()})
        flat.add_edge(s, t, key=k, **attrs)
    writer = _named_keys_writer()
    writer.add_graph_element(flat)
    with open(path, "wb") as f:
        writer.dump(f)


def _named_keys_writer():
    """A GraphML writer whose keys are named by their attributes: ``kind``,
    ``p_jurisdiction`` for nodes, ``edge_type``, ``edge_p_role`` for edges (key
    ids are unique in a file; a name used with two value types gets ``_2``).
    Made on first use: NetworkX is imported only when GraphML is written."""
    import networkx as nx

    class NamedKeys(nx.readwrite.graphml.GraphMLWriter):
        def get_key(self, name, attr_type, scope, default):
            keys_key = (name, attr_type, scope)
            if keys_key in self.keys:
                return self.keys[keys_key]
            base = name if scope == "node" else f"{scope}_{name}"
            used = set(self.keys.values())
            new_id, i = base, 2
            while new_id in used:
                new_id, i = f"{base}_{i}", i + 1
            self.keys[keys_key] = new_id
            key = self.myElement("key", **{"id": new_id, "for": scope, "attr.name": name, "attr.type": attr_type})
            if default is not None:
                d = self.myElement("default")
                d.text = str(default)
                key.append(d)
            self.xml.insert(0, key)
            return new_id

    return NamedKeys(encoding="utf-8", prettyprint=True)


def write_csv(nodes: Iterable[Node], edges: Iterable[Edge], folder: str | Path) -> list[Path]:
    """``nodes.csv`` and ``edges.csv`` (UTF-8 with BOM so spreadsheet programs show Chinese)."""
    folder = Path(folder)
    folder.mkdir(exist_ok=True)  # in a folder that exists: a typo makes no tree of folders
    data = to_json_dict(nodes, edges)
    out = []
    for name, rows, cols in (
        ("nodes.csv", data["nodes"], ["id", "label", "name", "properties", "mentions"]),
        ("edges.csv", data["edges"], ["id", "type", "source", "target", "properties", "evidence"]),
    ):
        p = folder / name
        with p.open("w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f)
            w.writerow(cols)
            for r in rows:
                w.writerow([_scalar(r[c]) for c in cols])
        out.append(p)
    return out


def write(nodes: list[Node], edges: list[Edge], fmt: str, path: str | Path) -> list[Path]:
    """Write in ``fmt`` to ``path`` (a folder for csv). Returns the files written.

    A path that cannot be written (its folder missing, not writable, a
    special file system) is a :class:`GovGraphError` naming it."""
    if fmt not in FORMATS:
        raise GovGraphError(f"unknown format {fmt!r}", hint="valid formats: " + ", ".join(FORMATS))
    where = Path(path) if fmt == "csv" else Path(path).parent
    if not where.parent.is_dir() if fmt == "csv" else not where.is_dir():
        missing = where.parent if fmt == "csv" else where
        raise GovGraphError(f"{path}: cannot write: folder {missing} does not exist", hint="create it first")
    try:
        return _write(nodes, edges, fmt, path)
    except OSError as e:
        raise GovGraphError(f"{e.filename or path}: cannot write: {e.strerror or e}") from None


def _write(nodes: list[Node], edges: list[Edge], fmt: str, path: str | Path) -> list[Path]:
    if fmt == "json":
        Path(path).write_text(dumps_json(nodes, edges), encoding="utf-8")
        return [Path(path)]
    if fmt == "graphml":
        write_graphml(nodes, edges, path)
        return [Path(path)]
    if fmt == "csv":
        return write_csv(nodes, edges, path)
    raise GovGraphError(f"unknown format {fmt!r}", hint="valid formats: " + ", ".join(FORMATS))
