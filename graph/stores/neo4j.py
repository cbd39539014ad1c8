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
batches (``UNWIND $rows``), one statement per kind. It updates the merged view
incrementally: a node or edge no document gave before is created; one that
others gave is combined from its stored merge state (:class:`_State`) and the
new facts, so a load reads one state per shared node however many documents
share it. Nodes and edges a reload or remove takes facts from are merged again
from all their remaining facts. All Cypher is in :mod:`queries.store`.
"""
from __future__ import annotations

import json
import logging
import re
import time
from contextlib import contextmanager
from typing import Any, Callable, Iterable, Iterator, Sequence, TypeVar

from ..errors import StoreAuthError, StoreError, StoreUnavailable
from ..forms import name_forms
from ..records import DocumentGraph, Edge, Evidence, Mention, Node
from .base import EdgeFact, LoadSummary, NodeFact, Store, _check, merge_edge, merge_node, resolve_documents

__all__ = ["Neo4jStore", "BATCH"]

log = logging.getLogger(__name__)

BATCH = 5000  # rows per UNWIND statement
BATCH_ROWS = 50_000  # facts a batch of loads queues at most before it writes them
UNAVAILABLE_HINT = "start one with `govgraph neo4j start` or set NEO4J_URI"
AUTH_HINT = "set NEO4J_USER and NEO4J_PASSWORD"

T = TypeVar("T")


_encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode  # json.dumps(…, **options) makes one per call


def _dumps(value: Any) -> str:
    return _encode(value)


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


def _run_chunked(tx, query: str, **lists: Sequence[Any]) -> list[Any]:
    """Run ``query`` with its list parameters in chunks of :data:`BATCH` rows (none if all are empty);
    return the records of every run."""
    out: list[Any] = []
    for start in range(0, max(map(len, lists.values()), default=0), BATCH):
        out += tx.run(query, **{k: list(v[start:start + BATCH]) for k, v in lists.items()})
    return out


class Neo4jStore(Store):
    """A store in a Neo4j 5 database, reached over Bolt."""

    name = "neo4j"
    _queue: "list[_Pending] | None" = None  # the loads of an open batch, not yet written
    _failure: BaseException | None = None    # the first error of a load of the open batch

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
        self._flush()  # a read inside a batch sees its loads

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
        if not checked:
            _check(docs)
        pending = _Pending(docs, source_file, sha256)  # the rows, built before anything is sent
        queue = self._queue
        if queue is None:
            self._write_loads([pending])
            return pending.summary
        if any(p.collides(pending) for p in queue):  # it replaces what a queued load writes: that goes first
            self._flush()
        queue.append(pending)
        if sum(p.rows for p in queue) >= BATCH_ROWS:
            self._flush()
        return pending.summary

    @contextmanager
    def batch(self) -> Iterator[None]:
        """The loads inside are written together, in one transaction of about ten statements when
        the batch ends (or every :data:`BATCH_ROWS` rows): the statements' round trips, the commit
        and the rewrite of a node that several of the files give are paid once for all of them.
        Each load's rows are built, and a document that the schema refuses raises, in ``load``
        itself, so a file that fails there costs only itself; if the batch's transaction fails, its
        loads are written again one transaction each, so only the one that fails is lost (the first
        such error is raised when the batch ends). Killed before the end, none of the batch is kept.
        Inside a batch, a load's summary says whether it replaced documents once the batch is
        written; reads and removes write the queued loads first."""
        if self._queue is not None:
            yield
            return
        self._queue, self._failure = [], None
        done = False
        try:
            yield
            done = True
        finally:
            try:
                self._flush()
            finally:
                self._queue, failure, self._failure = None, self._failure, None
            if done and failure is not None:  # (not over an error that ended the batch)
                raise failure

    def _flush(self) -> None:
        """Write the queued loads; keep the first error of one that fails (for the batch's end)."""
        queue = self._queue
        if not queue:
            return
        pendings = list(queue)
        queue.clear()
        try:
            self._write_loads(pendings)
            return
        except (StoreUnavailable, StoreAuthError):
            raise
        except Exception as e:  # one of them fails: each alone, so that only that one is lost
            if len(pendings) == 1:
                self._failure = self._failure or e
                return
        for p in pendings:
            try:
                self._write_loads([p])
            except (StoreUnavailable, StoreAuthError):
                raise
            except Exception as e:
                self._failure = self._failure or e

    def _write_loads(self, pendings: Sequence["_Pending"]) -> None:
        """Write the loads (no two of the same file or document) in one transaction."""
        from queries import store as q

        def work(tx) -> None:
            tx.run(q.TAKE_WRITE_LOCK).consume()
            sources = [p.source_file for p in pendings]
            ids = [i for p in pendings for i in p.ids]
            previous = [(r["doc"], r["source_file"])
                        for r in tx.run(q.PREVIOUS_DOCUMENTS, sources=sources, docs=ids)]
            for p in pendings:
                mine = set(p.ids)
                p.summary.replaced = any(src == p.source_file or doc in mine for doc, src in previous)
            # (PREVIOUS_DOCUMENTS also finds these files' document IDs loaded from elsewhere)
            old_nodes, old_edges = self._take_out(tx, sorted({doc for doc, _ in previous}))
            new_nodes: dict[str, list[tuple]] = {}
            new_edges: dict[str, list[tuple]] = {}
            for p in pendings:
                for i, contributions in p.new_nodes.items():
                    new_nodes.setdefault(i, []).extend(contributions)
                for i, contributions in p.new_edges.items():
                    new_edges.setdefault(i, []).extend(contributions)
            # What the other documents say, read before these files' facts are written.
            nodes, edges = self._gather(tx, new_nodes, new_edges, old_nodes, old_edges)
            _run_chunked(tx, q.CREATE_FACTS, docs=[r for p in pendings for r in p.doc_rows],
                         nodes=[r for p in pendings for r in p.node_rows],
                         edges=[r for p in pendings for r in p.edge_rows])
            self._refresh(tx, nodes, edges, old_nodes, old_edges)

        self._write(work)

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

    def _gather(self, tx, new_nodes: dict[str, list[tuple]], new_edges: dict[str, list[tuple]],
                old_nodes: Iterable[str], old_edges: Iterable[str]) -> tuple[dict[str, "_State"], dict[str, "_State"]]:
        """The merge state of every node and edge that new contributions touch or whose facts were
        taken out (``old_*``), with the new contributions added.

        A node or edge that other documents supported already is combined from its stored state
        (one read, however many documents share it); one whose facts were taken out, or that has no
        stored state (one document only, or a store written before states were kept), is merged
        from all its remaining facts."""
        from queries import store as q

        states: dict[str, dict[str, _State]] = {"node": {}, "edge": {}}
        old = {"node": set(old_nodes), "edge": set(old_edges)}
        new = {"node": new_nodes, "edge": new_edges}
        incremental = {w: sorted(set(new[w]) - old[w]) for w in states}
        for r in _run_chunked(tx, q.STATES, nodes=incremental["node"], edges=incremental["edge"]):
            states[r["what"]][r["id"]] = _State.from_json(r["state"])
        from_facts = {w: sorted(old[w] | {i for i in incremental[w] if i not in states[w]}) for w in states}
        for r in _run_chunked(tx, q.FACTS, nodes=from_facts["node"], edges=from_facts["edge"]):
            doc = r["doc"]
            if doc is None or r["props"] is None:  # a fact deleted while it was read
                continue
            marks = [tuple(m) for m in json.loads(r["marks"]) if m[0] == doc]
            states[r["what"]].setdefault(r["id"], _State()).add(doc, tuple(r["head"]), json.loads(r["props"]), marks)
        for w in states:
            for i in from_facts[w]:
                states[w].setdefault(i, _State())
            for i, contributions in new[w].items():
                st = states[w].setdefault(i, _State())
                st.before = st.n
                for doc, head, props, marks in contributions:
                    st.add(doc, head, props, marks)
        return states["node"], states["edge"]

    def _refresh(self, tx, nodes: dict[str, "_State"], edges: dict[str, "_State"],
                 old_nodes: Iterable[str] = (), old_edges: dict[str, tuple[str, str]] | None = None) -> None:
        """Rewrite the merged view (and the stored merge states) of the nodes and edges a write touched."""
        from queries import store as q

        old_nodes, old_edges = set(old_nodes), old_edges or {}
        # Edges first: an edge without facts may still hang between two nodes that stay.
        dead_edges = [{"id": e, "source": old_edges[e][0], "target": old_edges[e][1]}
                      for e in sorted(edges) if not edges[e].n]
        for chunk in _chunks(dead_edges):
            tx.run(q.DELETE_EDGES, rows=list(chunk)).consume()
        dead_nodes = sorted(n for n, st in nodes.items() if not st.n)
        for chunk in _chunks(dead_nodes):
            tx.run(q.DELETE_NODES, ids=list(chunk)).consume()
        _run_chunked(tx, q.SET_STATES,
                     nodes=[{"id": i, "state": st.to_json()} for i, st in sorted(nodes.items()) if st.n > 1],
                     edges=[{"id": i, "state": st.to_json()} for i, st in sorted(edges.items()) if st.n > 1])
        # only a take-out lowers the count
        _run_chunked(tx, q.DELETE_STATES, nodes=sorted(i for i in old_nodes if nodes[i].n < 2),
                     edges=sorted(i for i in old_edges if edges[i].n < 2))
        mixed_nodes = [i for i, st in nodes.items() if st.n and st.mixed]
        mixed_edges = [i for i, st in edges.items() if st.n and st.mixed]
        exact_nodes = {i: merge_node(i, fs) for i, fs in _group_node_facts(tx.run(q.FACTS_OF_NODES, ids=mixed_nodes)).items()} if mixed_nodes else {}
        exact_edges = {i: merge_edge(i, fs) for i, fs in _group_edge_facts(tx.run(q.FACTS_OF_EDGES, ids=mixed_edges)).items()} if mixed_edges else {}
        # What no document gave before is created; the rest is merged into what is there.
        node_rows: dict[bool, list[dict[str, Any]]] = {True: [], False: []}
        for nid in sorted(nodes):
            st = nodes[nid]
            if not st.n:
                continue
            if nid in exact_nodes:
                node = exact_nodes[nid]
                label, name, raw = node.label, node.name, dict(node.properties)
                mentions, texts = _dumps([m.as_dict() for m in node.mentions]), [m.text for m in node.mentions]
            else:
                assert st.head is not None
                label, name, raw, mentions = st.head[1], st.head[2], st.properties(), _marks_json(st.marks)
                texts = [m[2] for m in st.marks]
            props = _visible(raw)
            props.update(id=nid, label=label, name=name, mentions_json=mentions,
                         forms=sorted(name_forms(label, name, texts, raw)))
            node_rows[not st.before and nid not in old_nodes].append({"id": nid, "label": label, "props": props})
        _run_chunked(tx, q.CREATE_ALL_NODES, rows=node_rows[True])
        _run_chunked(tx, q.MERGE_ALL_NODES, rows=node_rows[False])
        edge_rows: dict[bool, list[dict[str, Any]]] = {True: [], False: []}
        for eid in sorted(edges):
            st = edges[eid]
            if not st.n:
                continue
            if eid in exact_edges:
                edge = exact_edges[eid]
                ends, props = (edge.type, edge.source, edge.target), _visible(dict(edge.properties))
                evidence = _dumps([ev.as_dict() for ev in edge.evidence])
            else:
                assert st.head is not None
                ends, props, evidence = st.head[1:], _visible(st.properties()), _marks_json(st.marks)
            props.update(id=eid, evidence_json=evidence)
            edge_rows[not st.before and eid not in old_edges].append(
                {"id": eid, "type": ends[0], "source": ends[1], "target": ends[2], "props": props})
        _run_chunked(tx, q.CREATE_ALL_EDGES, rows=edge_rows[True])
        _run_chunked(tx, q.MERGE_ALL_EDGES, rows=edge_rows[False])

    def remove(self, ref: str) -> list[str]:
        ids = resolve_documents(ref, self.documents())

        def work(tx) -> None:
            from queries import store as q

            tx.run(q.TAKE_WRITE_LOCK).consume()
            old_nodes, old_edges = self._take_out(tx, ids)
            nodes, edges = self._gather(tx, {}, {}, old_nodes, old_edges)
            self._refresh(tx, nodes, edges, old_nodes, old_edges)

        self._write(work)
        return ids

    def clear(self) -> None:
        from queries import store as q

        if self._queue:
            self._queue.clear()  # what the batch would have written is cleared too

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

    # -- looking names up (what queries.local.StoreNames asks, as of the SQLite store) ------------
    def has_node(self, node_id: str) -> bool:
        from queries import store as q

        return self._read(lambda tx: tx.run(q.HAS_NODE, id=node_id).single()["found"])

    def ids_by_form(self, forms: Iterable[str]) -> set[str]:
        """The nodes known by any of these forms (:func:`graph.forms.name_forms`), through the
        index on the merged view's ``forms``."""
        from queries import store as q

        forms = sorted({f for f in forms if f})
        if not forms:
            return set()
        found = self._read(lambda tx: {r["id"] for r in tx.run(q.IDS_BY_FORM, forms=forms)})
        if not found and self._fill_forms():  # a store of an older govgraph: its forms made now
            found = self._read(lambda tx: {r["id"] for r in tx.run(q.IDS_BY_FORM, forms=forms)})
        return found

    def _fill_forms(self) -> int:
        """Give ``forms`` to the view nodes of a store written before they kept them (once;
        a look-up that finds nothing asks); return how many nodes got them."""
        from queries import store as q

        rows = self._read(lambda tx: [r.data() for r in tx.run(q.NODES_WITHOUT_FORMS)])
        if not rows:
            return 0
        filled = [{"id": r["id"], "forms": sorted(name_forms(
            r["label"], r["name"], [m["text"] for m in json.loads(r["mentions_json"] or "[]")], r["props"]))}
            for r in rows]
        self._write(lambda tx: _run_chunked(tx, q.SET_FORMS, rows=filled))
        log.info("%s: name forms made for %d nodes written by an older govgraph", self, len(filled))
        return len(filled)

    def nodes_by_id(self, ids: Iterable[str], mentions: bool = True) -> list[Node]:
        """The nodes of these IDs as the merged view holds them, by ID (lists of mixed values
        as JSON text); without mentions if not asked."""
        from queries import store as q

        ids = sorted(set(ids))
        rows = self._read(lambda tx: [r.data() for r in tx.run(q.VIEW_NODES, ids=ids)]) if ids else []
        out = []
        for r in rows:
            p = dict(r["props"])
            marks = json.loads(p.pop("mentions_json", "[]") or "[]") if mentions else []
            for k in ("id", "label", "name", "forms", "mentions_json"):
                p.pop(k, None)
            out.append(Node(r["id"], r["label"], r["name"], p,
                            tuple(Mention(m["doc"], m["line"], m["text"]) for m in marks)))
        return out

    def merged_property(self, label: str, key: str) -> dict[str, Any]:
        """Node ID -> the merged value of one property, for the nodes of a kind that have it."""
        from queries import store as q

        return self._read(lambda tx: {r["id"]: r["value"] for r in tx.run(q.VIEW_PROPERTY, label=label, key=key)})

    def all_forms(self) -> Iterator[tuple[str, str]]:
        """(form, kind of its node) of every node."""
        from queries import store as q

        return iter(self._read(lambda tx: [(r["form"], r["label"]) for r in tx.run(q.ALL_FORMS)]))

    def close(self) -> None:
        self.driver.close()


def _item_key(v: Any) -> str:
    """A list item as a dict key: strings as they are, anything else as JSON (after a NUL, so
    that the string '1' and the number 1 stay apart)."""
    return v if type(v) is str else "\x00" + _dumps(v)


def _marks_json(marks: Iterable[tuple]) -> str:
    """Mentions or evidence, (doc, line, text) tuples, as the view keeps them (Mention.as_dict)."""
    return _dumps([{"doc": d, "line": line, "text": t} for d, line, t in sorted(marks)])


class _Pending:
    """One load's rows and contributions, built from its documents before anything is written."""

    __slots__ = ("summary", "source_file", "ids", "doc_rows", "node_rows", "edge_rows", "new_nodes", "new_edges")

    def __init__(self, docs: Sequence[DocumentGraph], source_file: str, sha256: str):
        self.source_file = source_file
        self.ids = [d.doc_id for d in docs]
        self.summary = LoadSummary(source_file=source_file, documents=list(self.ids))
        self.doc_rows = [{"doc": doc, "source_file": source_file, "sha256": sha256} for doc in self.ids]
        self.node_rows: list[dict[str, Any]] = []
        self.edge_rows: list[dict[str, Any]] = []
        self.new_nodes: dict[str, list[tuple]] = {}  # id -> (doc, head, properties, marks) per document
        self.new_edges: dict[str, list[tuple]] = {}
        for d in docs:
            doc = d.doc_id
            for n in d.nodes:
                marks = sorted({(m.doc, m.line, m.text) for m in n.mentions})
                self.node_rows.append({"doc": doc, "node_id": n.id, "label": n.label, "name": n.name,
                                       "props_json": _dumps(dict(n.properties)), "mentions_json": _dumps(marks)})
                self.new_nodes.setdefault(n.id, []).append(
                    (doc, (n.label, n.name), n.properties, [m for m in marks if m[0] == doc]))
            for e in d.edges:
                marks = sorted({(ev.doc, ev.line, ev.text) for ev in e.evidence})
                self.edge_rows.append({"doc": doc, "edge_id": e.id, "type": e.type, "source": e.source,
                                       "target": e.target, "props_json": _dumps(dict(e.properties)),
                                       "evidence_json": _dumps(marks)})
                self.new_edges.setdefault(e.id, []).append(
                    (doc, (e.type, e.source, e.target), e.properties, [m for m in marks if m[0] == doc]))
            self.summary.nodes += len(d.nodes)
            self.summary.edges += len(d.edges)

    @property
    def rows(self) -> int:
        return len(self.node_rows) + len(self.edge_rows)

    def collides(self, other: "_Pending") -> bool:
        """Whether one of the two replaces what the other writes (the same file or a document of both)."""
        return self.source_file == other.source_file or not set(self.ids).isdisjoint(other.ids)


class _State:
    """What merging the contributions of several documents to one node or edge needs, kept so that
    another document's contribution can be added without reading the others again.

    :func:`graph.records.merge_properties` folds the contributions in document-ID order (the first
    document that gives a value wins; lists are united in first-seen order). Keeping, for every
    value, the first document (and place in its list) that gave it makes adding a contribution
    independent of order, with the same result: a list's items come out sorted by (document,
    place), which is the order the fold appends them in. Mentions and evidence are sets.
    ``mixed`` says a key is a list in one document and not in another: such a node or edge is
    merged from its facts instead.
    """

    __slots__ = ("n", "before", "head", "scalars", "lists", "marks")

    def __init__(self) -> None:
        self.n = 0                                   # documents contributing
        self.before = 0                              # of which before this write
        self.head: tuple | None = None               # (doc, label, name) / (doc, type, source, target) of the first
        self.scalars: dict[str, tuple] = {}          # key -> (doc, value)
        self.lists: dict[str, dict[str, tuple]] = {}  # key -> {item's JSON: (doc, place, item)}
        self.marks: set[tuple] = set()               # (doc, line, text)

    def add(self, doc: str, head: tuple, props: Any, marks: Iterable[Sequence[Any]]) -> None:
        self.n += 1
        if self.head is None or doc < self.head[0]:
            self.head = (doc, *head)
        for key, value in props.items():
            if isinstance(value, (list, tuple)):
                seen = self.lists.setdefault(key, {})
                for i, v in enumerate(value):
                    k = _item_key(v)
                    cur = seen.get(k)
                    if cur is None or (doc, i) < (cur[0], cur[1]):
                        seen[k] = (doc, i, v)
            else:
                cur = self.scalars.get(key)
                if cur is None or doc < cur[0]:
                    self.scalars[key] = (doc, value)
        self.marks.update(tuple(m) for m in marks)

    @property
    def mixed(self) -> bool:
        return not self.scalars.keys().isdisjoint(self.lists)

    def properties(self) -> dict[str, Any]:
        out = {k: v for k, (_, v) in self.scalars.items()}
        for k, seen in self.lists.items():
            out[k] = [item[2] for item in sorted(seen.values(), key=lambda item: (item[0], item[1]))]
        return out

    def node(self, node_id: str) -> Node:
        assert self.head is not None
        return Node(id=node_id, label=self.head[1], name=self.head[2], properties=self.properties(),
                    mentions=tuple(Mention(*m) for m in sorted(self.marks)))

    def edge(self, edge_id: str) -> Edge:
        assert self.head is not None
        return Edge(id=edge_id, type=self.head[1], source=self.head[2], target=self.head[3],
                    properties=self.properties(), evidence=tuple(Evidence(*m) for m in sorted(self.marks)))

    def to_json(self) -> str:
        return _dumps({"n": self.n, "head": self.head, "s": self.scalars,
                       "l": {k: list(seen.values()) for k, seen in self.lists.items()},
                       "m": sorted(self.marks)})

    @classmethod
    def from_json(cls, text: str) -> "_State":
        data = json.loads(text)
        st = cls()
        st.n, st.head = data["n"], tuple(data["head"])
        st.scalars = {k: tuple(v) for k, v in data["s"].items()}
        st.lists = {k: {_item_key(item[2]): tuple(item) for item in items} for k, items in data["l"].items()}
        st.marks = {tuple(m) for m in data["m"]}
        return st


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
