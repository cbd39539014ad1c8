"""The Neo4j store: the same facts and merge rules as the SQLite store, in a server.

Each document's contribution to a node or edge is kept as a ``NodeFact`` /
``EdgeFact`` node, so a reload replaces exactly what a file said before and a
remove keeps a shared node while other documents' evidence remains. Nodes and
edges are read back from those facts and merged with
:func:`graph.stores.base.merge_node` / ``merge_edge``, exactly like
:class:`~graph.stores.sqlite.SQLiteStore`. Beside the facts the store keeps the
merged graph as real nodes and relationships of the schema's kinds, for Cypher:
``MATCH (a:Agency)-[:LEADS]->(d:Duty) RETURN a.name, d.name``.

A load is one write transaction (``session.execute_write``); rows go in
batches (``UNWIND $rows``). All Cypher is in :mod:`queries.store`.
"""
from __future__ import annotations

import json
import re
import time
from typing import Any, Callable, Iterable, Iterator, Sequence, TypeVar

from ..errors import StoreAuthError, StoreError, StoreUnavailable
from ..records import DocumentGraph, Edge, Evidence, Mention, Node
from .base import EdgeFact, LoadSummary, NodeFact, Store, _check, merge_edge, merge_node, resolve_documents

__all__ = ["Neo4jStore", "BATCH"]

BATCH = 5000  # rows per UNWIND statement
UNAVAILABLE_HINT = "start one with `govgraph neo4j start` or set NEO4J_URI"
AUTH_HINT = "set NEO4J_USER and NEO4J_PASSWORD"

T = TypeVar("T")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _safe_uri(uri: str) -> str:
    """The URI without any user:password@ part, for messages."""
    return re.sub(r"//[^/@]*@", "//", uri)


def _property_value(value: Any) -> Any:
    """A value Neo4j can store as a property: lists must be of one primitive type."""
    if isinstance(value, (list, tuple)):
        items = list(value)
        if all(isinstance(v, str) for v in items) or all(isinstance(v, bool) for v in items):
            return items
        if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in items):
            return [float(v) for v in items] if any(isinstance(v, float) for v in items) else items
        return _dumps(items)
    if isinstance(value, dict):
        return _dumps(value)
    return value


def _visible(props: dict[str, Any]) -> dict[str, Any]:
    return {k: _property_value(v) for k, v in props.items()}


def _chunks(rows: Sequence[T], size: int = BATCH) -> Iterator[Sequence[T]]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


class Neo4jStore(Store):
    """A store in a Neo4j 5 database, reached over Bolt."""

    name = "neo4j"

    def __init__(self, uri: str, user: str | None = None, password: str | None = None,
                 database: str = "neo4j"):
        self.uri = uri
        self.database = database
        self._schema_ready = False
        try:
            import neo4j  # noqa: F401
        except ImportError as e:  # pragma: no cover - a dependency of the package
            raise StoreError("the Neo4j driver is not installed", hint="pip install neo4j") from e
        from neo4j import GraphDatabase

        auth = (user, password or "") if user else None
        try:
            # The store's Cypher is fixed; server notifications (e.g. "property key does not
            # exist" on an empty database) would only be noise on stderr.
            # Writers take turns (queries.store.TAKE_WRITE_LOCK); a managed transaction that
            # meets a deadlock or a transient error is retried for up to 10 minutes.
            self.driver = GraphDatabase.driver(uri, auth=auth, notifications_min_severity="OFF",
                                               max_transaction_retry_time=600.0)
        except Exception as e:  # a malformed URI or option: ConfigurationError, ValueError
            raise StoreError(f"cannot use Neo4j URI {_safe_uri(uri)}: {e}") from None
        try:
            self._run(lambda: self.driver.verify_connectivity())
        except BaseException:
            self.driver.close()
            raise

    def __repr__(self) -> str:
        return f"Neo4jStore({_safe_uri(self.uri)!r}, database={self.database!r})"

    # -- plumbing ----------------------------------------------------------
    def _run(self, fn: Callable[[], T]) -> T:
        """Run ``fn``, turning driver errors into govgraph's."""
        from neo4j.exceptions import (AuthError, ClientError, DriverError, Neo4jError,
                                      ServiceUnavailable, SessionExpired)

        where = _safe_uri(self.uri)
        try:
            return fn()
        except AuthError as e:
            raise StoreAuthError(f"Neo4j at {where} refused the credentials ({e.code or 'auth error'})",
                                 hint=AUTH_HINT) from None
        except (ServiceUnavailable, SessionExpired, OSError) as e:
            raise StoreUnavailable(f"cannot reach Neo4j at {where}: {_first_line(e)}", hint=UNAVAILABLE_HINT) from None
        except ClientError as e:
            if e.code and "Security" in e.code:
                raise StoreAuthError(f"Neo4j at {where}: {e.message}", hint=AUTH_HINT) from None
            if e.code and e.code.endswith("DatabaseNotFound"):
                raise StoreError(f"Neo4j at {where} has no database {self.database!r}") from None
            raise StoreError(f"Neo4j at {where}: {e.code}: {e.message}") from e
        except Neo4jError as e:
            raise StoreError(f"Neo4j at {where}: {e.code}: {e.message}") from e
        except DriverError as e:
            raise StoreError(f"Neo4j at {where}: {_first_line(e)}") from e

    def _session(self):
        return self.driver.session(database=self.database)

    def _write(self, work: Callable[[Any], T]) -> T:
        self._ensure_schema()

        def call() -> T:
            with self._session() as s:
                return s.execute_write(work)

        return self._run(call)

    def _read(self, work: Callable[[Any], T]) -> T:
        def call() -> T:
            with self._session() as s:
                return s.execute_read(work)

        return self._run(call)

    def _ensure_schema(self) -> None:
        """Constraints and indexes from the schema, once per store object."""
        if self._schema_ready:
            return
        from queries import store as q

        from neo4j.exceptions import ClientError, TransientError

        def call() -> None:
            with self._session() as s:
                for stmt in q.SCHEMA_STATEMENTS:
                    for attempt in range(5):
                        try:
                            s.run(stmt).consume()
                            break
                        except ClientError as e:  # another process made it at the same moment
                            if "AlreadyExists" in (e.code or "") or "already exists" in (e.message or ""):
                                break
                            raise
                        except TransientError:
                            if attempt == 4:
                                raise
                            time.sleep(0.2 * (attempt + 1))
                s.run(q.AWAIT_INDEXES, seconds=300).consume()

        self._run(call)
        self._schema_ready = True

    # -- writing -----------------------------------------------------------
    def load(self, docs: Sequence[DocumentGraph], source_file: str, sha256: str = "", *,
             checked: bool = False) -> LoadSummary:
        from queries import store as q

        if not checked:
            _check(docs)
        ids = [d.doc_id for d in docs]

        def work(tx) -> LoadSummary:
            tx.run(q.TAKE_WRITE_LOCK).consume()
            summary = LoadSummary(source_file=source_file, documents=list(ids))
            previous = [r["doc"] for r in tx.run(q.PREVIOUS_DOCUMENTS, source_file=source_file, docs=ids)]
            summary.replaced = bool(previous)
            # (PREVIOUS_DOCUMENTS also finds this file's document IDs loaded from elsewhere)
            touched_nodes, touched_edges = self._take_out(tx, sorted(previous))
            for d in docs:
                tx.run(q.CREATE_DOCUMENT, doc=d.doc_id, source_file=source_file, sha256=sha256).consume()
                node_rows = [
                    {"doc": d.doc_id, "node_id": n.id, "label": n.label, "name": n.name,
                     "props_json": _dumps(dict(n.properties)),
                     "mentions_json": _dumps(sorted({(m.doc, m.line, m.text) for m in n.mentions}))}
                    for n in d.nodes
                ]
                edge_rows = [
                    {"doc": d.doc_id, "edge_id": e.id, "type": e.type, "source": e.source, "target": e.target,
                     "props_json": _dumps(dict(e.properties)),
                     "evidence_json": _dumps(sorted({(ev.doc, ev.line, ev.text) for ev in e.evidence}))}
                    for e in d.edges
                ]
                for chunk in _chunks(node_rows):
                    tx.run(q.CREATE_NODE_FACTS, rows=list(chunk)).consume()
                for chunk in _chunks(edge_rows):
                    tx.run(q.CREATE_EDGE_FACTS, rows=list(chunk)).consume()
                touched_nodes.update(r["node_id"] for r in node_rows)
                for r in edge_rows:
                    touched_edges[r["edge_id"]] = (r["source"], r["target"])
                summary.nodes += len(node_rows)
                summary.edges += len(edge_rows)
            self._refresh(tx, touched_nodes, touched_edges)
            return summary

        return self._write(work)

    def _take_out(self, tx, docs: Sequence[str]) -> tuple[set[str], dict[str, tuple[str, str]]]:
        """Delete the facts of ``docs``; return the nodes and edges they touched."""
        from queries import store as q

        if not docs:
            return set(), {}
        nodes = {r["id"] for r in tx.run(q.TOUCHED_NODES, docs=list(docs))}
        edges = {r["id"]: (r["source"], r["target"]) for r in tx.run(q.TOUCHED_EDGES, docs=list(docs))}
        for stmt in (q.DELETE_NODE_FACTS, q.DELETE_EDGE_FACTS, q.DELETE_DOCUMENTS):
            tx.run(stmt, docs=list(docs)).consume()
        return nodes, edges

    def _refresh(self, tx, node_ids: Iterable[str], edges: dict[str, tuple[str, str]]) -> None:
        """Rewrite the merged view of the nodes and edges a write touched."""
        from queries import store as q

        node_ids = sorted(node_ids)
        edge_ids = sorted(edges)
        node_facts = _group_node_facts(r for chunk in _chunks(node_ids)
                                       for r in tx.run(q.FACTS_OF_NODES, ids=list(chunk)))
        edge_facts = _group_edge_facts(r for chunk in _chunks(edge_ids)
                                       for r in tx.run(q.FACTS_OF_EDGES, ids=list(chunk)))
        # Edges first: an edge without facts may still hang between two nodes that stay.
        dead_edges = [{"id": e, "source": edges[e][0], "target": edges[e][1]} for e in edge_ids if e not in edge_facts]
        for chunk in _chunks(dead_edges):
            tx.run(q.DELETE_EDGES, rows=list(chunk)).consume()
        dead_nodes = [n for n in node_ids if n not in node_facts]
        for chunk in _chunks(dead_nodes):
            tx.run(q.DELETE_NODES, ids=list(chunk)).consume()
        node_rows: list[dict[str, Any]] = []
        for nid in sorted(node_facts):
            node = merge_node(nid, node_facts[nid])
            props = _visible(dict(node.properties))
            props.update(id=node.id, label=node.label, name=node.name,
                         mentions_json=_dumps([m.as_dict() for m in node.mentions]))
            node_rows.append({"id": node.id, "label": node.label, "props": props})
        for chunk in _chunks(node_rows):  # every kind in one statement (queries.store.MERGE_ALL_NODES)
            tx.run(q.MERGE_ALL_NODES, rows=list(chunk)).consume()
        edge_rows: list[dict[str, Any]] = []
        for eid in sorted(edge_facts):
            edge = merge_edge(eid, edge_facts[eid])
            props = _visible(dict(edge.properties))
            props.update(id=edge.id, evidence_json=_dumps([ev.as_dict() for ev in edge.evidence]))
            edge_rows.append({"id": edge.id, "type": edge.type, "source": edge.source, "target": edge.target,
                              "props": props})
        for chunk in _chunks(edge_rows):
            tx.run(q.MERGE_ALL_EDGES, rows=list(chunk)).consume()

    def remove(self, ref: str) -> list[str]:
        ids = resolve_documents(ref, self.documents())

        def work(tx) -> None:
            from queries import store as q

            tx.run(q.TAKE_WRITE_LOCK).consume()
            nodes, edges = self._take_out(tx, ids)
            self._refresh(tx, nodes, edges)

        self._write(work)
        return ids

    def clear(self) -> None:
        from queries import store as q

        def call() -> None:
            with self._session() as s:
                s.run(q.CLEAR).consume()

        self._run(call)

    # -- reading -----------------------------------------------------------
    def documents(self) -> list[dict[str, Any]]:
        from queries import store as q

        rows = self._read(lambda tx: [r.data() for r in tx.run(q.DOCUMENTS)])
        out = []
        for r in sorted(rows, key=lambda r: r["doc"]):
            row: dict[str, Any] = json.loads(r["props"]) if r["props"] else {}
            row.update({"id": r["doc"], "source_file": r["source_file"], "sha256": r["sha256"] or ""})
            out.append(row)
        return out

    def nodes(self) -> Iterator[Node]:
        from queries import store as q

        facts = self._read(lambda tx: _group_node_facts(tx.run(q.ALL_NODE_FACTS)))
        for nid in sorted(facts):
            yield merge_node(nid, facts[nid])

    def edges(self) -> Iterator[Edge]:
        from queries import store as q

        facts = self._read(lambda tx: _group_edge_facts(tx.run(q.ALL_EDGE_FACTS)))
        for eid in sorted(facts):
            yield merge_edge(eid, facts[eid])

    def counts(self) -> dict[str, dict[str, int]]:
        from queries import store as q

        def work(tx):
            return ({r["kind"]: r["n"] for r in tx.run(q.COUNT_NODES)},
                    {r["kind"]: r["n"] for r in tx.run(q.COUNT_EDGES)})

        nodes, edges = self._read(work)
        return {"nodes": dict(sorted(nodes.items())), "edges": dict(sorted(edges.items()))}

    def close(self) -> None:
        self.driver.close()


def _first_line(e: BaseException) -> str:
    text = str(e).strip() or type(e).__name__
    return text.splitlines()[0]


def _group_node_facts(records: Iterable[Any]) -> dict[str, list[NodeFact]]:
    out: dict[str, list[NodeFact]] = {}
    for r in records:
        doc = r["doc"]
        if doc is None or r["props"] is None:  # a fact deleted while it was read
            continue
        mentions = tuple(Mention(m[0], m[1], m[2]) for m in json.loads(r["mentions"]) if m[0] == doc)
        out.setdefault(r["id"], []).append(NodeFact(doc, r["label"], r["name"], json.loads(r["props"]), mentions))
    return out


def _group_edge_facts(records: Iterable[Any]) -> dict[str, list[EdgeFact]]:
    out: dict[str, list[EdgeFact]] = {}
    for r in records:
        doc = r["doc"]
        if doc is None or r["props"] is None:
            continue
        evidence = tuple(Evidence(e[0], e[1], e[2]) for e in json.loads(r["evidence"]) if e[0] == doc)
        out.setdefault(r["id"], []).append(
            EdgeFact(doc, r["type"], r["source"], r["target"], json.loads(r["props"]), evidence))
    return out
