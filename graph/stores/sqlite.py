"""The embedded store: one SQLite file, no server, standard library only.

Safe with several writers at once: the file is in WAL mode (readers keep
reading while a load writes), every load is one ``BEGIN IMMEDIATE``
transaction per source file (or a savepoint in a :meth:`SQLiteStore.batch`, which
commits many files at once), and a writer that finds the store busy waits
(``busy_timeout``) and retries. A file that is not a govgraph store is refused
and never altered. The text of an edge's evidence is stored once per document
and source line (table ``texts``), not once per edge, so a line that names
thousands of bodies costs its length once. Rows name their document by a number
given in load order (``documents.docno``), so a load appends at the end of every
table; only the indexes that find a node, an edge or a name by its digest grow
at random places (a large store's write slows as these outgrow the page cache).
"""
from __future__ import annotations

import json
import logging
import os
import sqlite3
import time
from contextlib import contextmanager
from itertools import groupby
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence, TypeVar

from ..errors import StoreError
from ..records import DocumentGraph, Edge, Evidence, Mention, Node, merge_properties
from ..forms import name_forms
from .base import EdgeFact, LoadSummary, NodeFact, Store, _check, merge_edge, merge_node, resolve_documents

__all__ = ["SQLiteStore", "APPLICATION_ID", "LAYOUT_VERSION"]

log = logging.getLogger(__name__)
T = TypeVar("T")

APPLICATION_ID = 0x67766772  # "gvgr": marks a SQLite file as a govgraph store (PRAGMA application_id)
LAYOUT_VERSION = 5           # PRAGMA user_version: 2 = evidence text in `texts`; 3 = `forms`, edge-end indexes;
                             # 4 = edge-type index; 5 = documents by number, rows in load order
BUSY_TIMEOUT_S = 60.0        # how long one attempt waits for another writer
RETRIES = 10                 # attempts of one write before giving up
CACHE_KIB = 64 * 1024        # page cache per connection: a large store's indexes outgrow the 2 MB default
CHECKPOINT_PAGES = 20_000    # write-ahead log pages before a checkpoint (~80 MB): the pages a file's
                             # rows dirty at random over the indexes are written back once per many files

# Layout 5: every row names its document by number (documents.docno, given in load order), and the
# tables are kept in load order, so a document's rows are appended at the end of every table and of its
# document-number index; only the indexes that find a node, an edge or a name (their IDs are digests)
# take rows at random places. A node's mentions, an edge's evidence and a document's names are found
# from the facts (docno, ID) through the primary keys, without an index of their own.
_DDL = """
CREATE TABLE IF NOT EXISTS documents (
    docno INTEGER PRIMARY KEY, doc TEXT NOT NULL UNIQUE, source_file TEXT NOT NULL,
    sha256 TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS documents_source ON documents(source_file);
CREATE TABLE IF NOT EXISTS node_facts (
    docno INTEGER NOT NULL, node_id TEXT NOT NULL, label TEXT NOT NULL, name TEXT NOT NULL,
    props TEXT NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS node_facts_node ON node_facts(node_id, docno);
CREATE INDEX IF NOT EXISTS node_facts_docno ON node_facts(docno);
CREATE TABLE IF NOT EXISTS mentions (
    docno INTEGER NOT NULL, node_id TEXT NOT NULL, line INTEGER NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (docno, node_id, line, text)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS edge_facts (
    docno INTEGER NOT NULL, edge_id TEXT NOT NULL, type TEXT NOT NULL, source TEXT NOT NULL,
    target TEXT NOT NULL, props TEXT NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS edge_facts_edge ON edge_facts(edge_id, docno);
CREATE INDEX IF NOT EXISTS edge_facts_docno ON edge_facts(docno);
CREATE INDEX IF NOT EXISTS edge_facts_source ON edge_facts(source);
CREATE INDEX IF NOT EXISTS edge_facts_target ON edge_facts(target);
CREATE INDEX IF NOT EXISTS edge_facts_type ON edge_facts(type);
CREATE TABLE IF NOT EXISTS texts (
    id INTEGER PRIMARY KEY, docno INTEGER NOT NULL, line INTEGER NOT NULL, text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS texts_docno ON texts(docno);
CREATE TABLE IF NOT EXISTS evidence (
    docno INTEGER NOT NULL, edge_id TEXT NOT NULL, text_id INTEGER NOT NULL,
    PRIMARY KEY (docno, edge_id, text_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS forms (
    docno INTEGER NOT NULL, form TEXT NOT NULL, node_id TEXT NOT NULL,
    PRIMARY KEY (docno, form, node_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS forms_form ON forms(form);
"""

# Layout 4 (and, with their own steps, 1 to 3): documents named by their ID in every row; opened, such a
# store is brought to layout 4 and then copied into layout 5 (`_upgrade_to_5`).
_DDL_4 = """
CREATE TABLE IF NOT EXISTS documents (
    doc TEXT PRIMARY KEY, source_file TEXT NOT NULL, sha256 TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS node_facts (
    node_id TEXT NOT NULL, doc TEXT NOT NULL, label TEXT NOT NULL, name TEXT NOT NULL,
    props TEXT NOT NULL, PRIMARY KEY (node_id, doc));
CREATE TABLE IF NOT EXISTS mentions (
    node_id TEXT NOT NULL, doc TEXT NOT NULL, line INTEGER NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (node_id, doc, line, text)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS edge_facts (
    edge_id TEXT NOT NULL, doc TEXT NOT NULL, type TEXT NOT NULL, source TEXT NOT NULL,
    target TEXT NOT NULL, props TEXT NOT NULL, PRIMARY KEY (edge_id, doc));
CREATE TABLE IF NOT EXISTS texts (
    id INTEGER PRIMARY KEY, doc TEXT NOT NULL, line INTEGER NOT NULL, text TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS evidence (
    edge_id TEXT NOT NULL, doc TEXT NOT NULL, text_id INTEGER NOT NULL,
    PRIMARY KEY (edge_id, doc, text_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS forms (
    form TEXT NOT NULL, node_id TEXT NOT NULL, doc TEXT NOT NULL,
    PRIMARY KEY (form, node_id, doc)) WITHOUT ROWID;
"""
_INDEXES_4 = ("node_facts_doc", "edge_facts_doc", "mentions_doc", "evidence_doc", "texts_doc", "forms_doc",
              "edge_facts_source", "edge_facts_target", "edge_facts_type")

# layout 5 from layout 4: the rows of each table, their document by number
_COPY_4_TO_5 = (
    "INSERT INTO documents(doc, source_file, sha256) SELECT doc, source_file, sha256 FROM documents_v4 ORDER BY doc",
    "INSERT INTO node_facts SELECT d.docno, f.node_id, f.label, f.name, f.props "
    "FROM node_facts_v4 f JOIN documents d ON d.doc = f.doc ORDER BY d.docno",
    "INSERT INTO mentions SELECT d.docno, m.node_id, m.line, m.text "
    "FROM mentions_v4 m JOIN documents d ON d.doc = m.doc",
    "INSERT INTO edge_facts SELECT d.docno, e.edge_id, e.type, e.source, e.target, e.props "
    "FROM edge_facts_v4 e JOIN documents d ON d.doc = e.doc ORDER BY d.docno",
    "INSERT INTO texts SELECT t.id, d.docno, t.line, t.text FROM texts_v4 t JOIN documents d ON d.doc = t.doc",
    "INSERT INTO evidence SELECT d.docno, e.edge_id, e.text_id FROM evidence_v4 e JOIN documents d ON d.doc = e.doc",
    "INSERT OR IGNORE INTO forms SELECT d.docno, f.form, f.node_id FROM forms_v4 f JOIN documents d ON d.doc = f.doc",
)

# (ID, document, line, text) of the mentions of node facts and the evidence of edge facts, each found
# from its fact through the primary key; a WHERE on the facts (`f`) follows
_MENTIONS_OF_FACTS = ("SELECT m.node_id, d.doc, m.line, m.text FROM node_facts f "
                      "JOIN mentions m ON m.docno = f.docno AND m.node_id = f.node_id "
                      "JOIN documents d ON d.docno = f.docno ")
_EVIDENCE_OF_FACTS = ("SELECT e.edge_id, d.doc, t.line, t.text FROM edge_facts f "
                      "JOIN evidence e ON e.docno = f.docno AND e.edge_id = f.edge_id "
                      "JOIN texts t ON t.id = e.text_id JOIN documents d ON d.docno = f.docno ")

# what node_rows and edge_rows read: table, ID column, kind column, the fact's columns, its marks, and
# whether a fact has any (one probe of their primary key: a mark is always of its fact's document)
_NODE_ROWS = ("node_facts", "node_id", "label", "f.label, f.name", _MENTIONS_OF_FACTS,
              "mentions m WHERE m.docno = f.docno AND m.node_id = f.node_id")
_EDGE_ROWS = ("edge_facts", "edge_id", "type", "f.type, f.source, f.target", _EVIDENCE_OF_FACTS,
              "evidence e WHERE e.docno = f.docno AND e.edge_id = f.edge_id")

_TABLES = ("node_facts", "mentions", "edge_facts", "evidence", "texts", "forms", "documents")
_CHUNK = 500  # IDs per `IN (…)` list
_OURS = set(_TABLES)
# the tables of a store written before `texts` existed (layout 1)
_LAYOUT_1 = {"node_facts", "mentions", "edge_facts", "evidence", "documents"}


_encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
_json_cache: dict[tuple, str] = {}


def _props_json(props: Any) -> str:
    """Properties as stored: JSON with sorted keys. The same small property sets
    recur on thousands of edges ({"role": "牵头单位"}), so their text is kept."""
    try:
        key = tuple(props.items())
        return _json_cache[key]
    except KeyError:
        text = _encode(dict(props))
        if len(_json_cache) < 100_000 and len(text) < 200:
            _json_cache[key] = text
        return text
    except TypeError:  # a list among the values
        return _encode(dict(props))


_loads_cache: dict[str, dict[str, Any]] = {}


def _props(text: str) -> dict[str, Any]:
    """Properties as read back. The small sets that recur on thousands of edges are
    decoded once; the dict is shared, and merging (``merge_properties``) never changes it."""
    if len(text) >= 200:
        return json.loads(text)
    try:
        return _loads_cache[text]
    except KeyError:
        value = json.loads(text)
        if len(_loads_cache) < 100_000:
            _loads_cache[text] = value
        return value


def _merged(facts: Sequence[tuple], col: int) -> dict[str, Any]:
    """The merged properties (column ``col``) of one node's or edge's facts, in document order:
    :func:`~graph.records.merge_properties`, quicker for the one fact without lists most have."""
    if len(facts) == 1:
        text = facts[0][col]
        props = _props(text)
        return dict(props) if "[" not in text else merge_properties([props])  # no "[": no list in it
    return merge_properties(_props(f[col]) for f in facts)


def _create_tables(cur: sqlite3.Cursor, ddl: str = _DDL) -> None:
    for stmt in ddl.split(";"):  # one by one: executescript would commit the transaction
        if stmt.strip():
            cur.execute(stmt)


def _is_busy(e: sqlite3.OperationalError) -> bool:
    text = str(e).lower()
    return "locked" in text or "busy" in text


class SQLiteStore(Store):
    """A store in one SQLite file (``:memory:`` for a throw-away one).

    ``create=False`` opens an existing store only (for reading): a missing
    file is an error instead of a new, empty store.
    """

    name = "sqlite"

    def __init__(self, path: str | os.PathLike[str] = "govgraph.db", *, create: bool = True):
        self.path = str(path)
        self._batch: sqlite3.Cursor | None = None  # the transaction of a running batch()
        memory = self.path == ":memory:"
        if not memory:
            p = Path(self.path)
            if not p.parent.exists():
                raise StoreError(f"{self.path}: folder {p.parent} does not exist")
            if p.is_dir():
                raise StoreError(f"{self.path} is a folder, not a store file")
            if not p.exists() and not create:
                raise StoreError(f"no store at {self.path}",
                                 hint="give an existing store with --store, or make one with "
                                      "`govgraph build DOCS -o DIR` (DIR/graph.db) or `govgraph load --store FILE DOCS`")
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT_S,
                                      check_same_thread=False)
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: cannot open ({e})") from e
        try:
            self._prepare(memory, create)
        except BaseException:
            self.db.close()
            raise

    def _prepare(self, memory: bool, create: bool) -> None:
        try:
            app_id = self.db.execute("PRAGMA application_id").fetchone()[0]
            tables = {r[0] for r in self.db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.path} is not a govgraph store ({e}); it was left as it was") from e
        if app_id not in (0, APPLICATION_ID) or (tables and not (_LAYOUT_1 <= tables <= _OURS)):
            shown = ", ".join(sorted(tables)[:8]) or "none"
            raise StoreError(f"{self.path} is a SQLite database but not a govgraph store (tables: {shown}); "
                             "it was left as it was", hint="name another file with --store")
        if not tables and not create:
            raise StoreError(f"{self.path} is not a govgraph store (it holds no govgraph tables)",
                             hint="give the store a build or load wrote with --store")
        if not memory:
            try:
                self.db.execute("PRAGMA journal_mode=WAL")
            except sqlite3.OperationalError as e:  # e.g. a read-only folder: keep the journal it has
                log.debug("%s: WAL not available (%s)", self.path, e)
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        if not memory:
            self.db.execute(f"PRAGMA wal_autocheckpoint = {CHECKPOINT_PAGES}")
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if tables and app_id == APPLICATION_ID and version == LAYOUT_VERSION:
            return
        if app_id == APPLICATION_ID and version > LAYOUT_VERSION:
            raise StoreError(f"{self.path} was written by a newer govgraph (store layout {version}, this one "
                             f"knows {LAYOUT_VERSION}); it was left as it was", hint="upgrade govgraph")
        self._write(self._create_or_upgrade)

    def _create_or_upgrade(self, cur: sqlite3.Cursor) -> None:
        version = cur.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in cur.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "documents" in tables and version < 5:  # an older layout: first to layout 4, then copied into 5
            cols = {r[1] for r in cur.execute("PRAGMA table_info(evidence)")}
            if "text" in cols:  # layout 1: the text in every evidence row; move it into `texts`
                cur.execute("DROP INDEX IF EXISTS evidence_doc")
                cur.execute("ALTER TABLE evidence RENAME TO evidence_v1")
                _create_tables(cur, _DDL_4)
                cur.execute("INSERT INTO texts(doc, line, text) SELECT DISTINCT doc, line, text FROM evidence_v1")
                cur.execute("INSERT OR IGNORE INTO evidence(edge_id, doc, text_id) SELECT e.edge_id, e.doc, t.id "
                            "FROM evidence_v1 e JOIN texts t ON t.doc = e.doc AND t.line = e.line AND t.text = e.text")
                cur.execute("DROP TABLE evidence_v1")
            else:
                _create_tables(cur, _DDL_4)
            if version < 3 and cur.execute("SELECT 1 FROM node_facts LIMIT 1").fetchone():
                self._fill_forms(cur)
            self._upgrade_to_5(cur)
        else:
            _create_tables(cur)
        cur.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        cur.execute(f"PRAGMA user_version = {LAYOUT_VERSION}")

    @staticmethod
    def _upgrade_to_5(cur: sqlite3.Cursor) -> None:
        """Copy a layout-4 store's rows into the tables of layout 5 (documents by number)."""
        for index in _INDEXES_4:
            cur.execute(f"DROP INDEX IF EXISTS {index}")
        for table in _TABLES:
            cur.execute(f"ALTER TABLE {table} RENAME TO {table}_v4")
        _create_tables(cur)
        for stmt in _COPY_4_TO_5:
            cur.execute(stmt)
        for table in _TABLES:
            cur.execute(f"DROP TABLE {table}_v4")

    @staticmethod
    def _fill_forms(cur: sqlite3.Cursor) -> None:
        """The `forms` of a store written before layout 3, from its facts (in layout 4's tables)."""
        mentions: dict[tuple[str, str], list[str]] = {}
        for nid, doc, text in cur.execute("SELECT node_id, doc, text FROM mentions"):
            mentions.setdefault((nid, doc), []).append(text)
        rows = cur.execute("SELECT node_id, doc, label, name, props FROM node_facts").fetchall()
        cur.executemany("INSERT OR IGNORE INTO forms VALUES (?,?,?)",
                        [(f, nid, doc) for nid, doc, label, name, props in rows
                         for f in name_forms(label, name, mentions.get((nid, doc), ()), json.loads(props))])

    def __repr__(self) -> str:
        return f"SQLiteStore({self.path!r})"

    # -- writing ---------------------------------------------------------
    def _begin(self) -> sqlite3.Cursor:
        """An immediate transaction; waits and retries while another writer holds the store."""
        delay = 0.05
        for attempt in range(1, RETRIES + 1):
            cur = self.db.cursor()
            try:
                cur.execute("BEGIN IMMEDIATE")
                return cur
            except sqlite3.OperationalError as e:
                if self.db.in_transaction:
                    self.db.rollback()
                if not _is_busy(e):
                    raise StoreError(f"{self.path}: {e}") from e
                if attempt == RETRIES:
                    raise StoreError(f"{self.path}: still busy after {RETRIES} tries ({e})",
                                     hint="another process keeps writing to this store; try again later") from e
                log.warning("%s is busy (another writer); trying again (%d of %d)", self.path, attempt + 1, RETRIES)
                time.sleep(delay)
                delay = min(delay * 2, 2.0)
        raise AssertionError("unreachable")  # pragma: no cover

    def _write(self, work: Callable[[sqlite3.Cursor], T]) -> T:
        """Run ``work`` in one immediate transaction (inside a :meth:`batch`: in a savepoint of its
        transaction, undone alone if it fails)."""
        if self._batch is not None:
            cur = self._batch
            cur.execute("SAVEPOINT one_load")
            try:
                result = work(cur)
            except BaseException as e:
                cur.execute("ROLLBACK TO one_load")
                cur.execute("RELEASE one_load")
                if isinstance(e, sqlite3.Error):
                    raise StoreError(f"{self.path}: {e}") from e
                raise
            cur.execute("RELEASE one_load")
            return result
        for attempt in range(1, RETRIES + 1):
            cur = self._begin()
            try:
                result = work(cur)
                cur.execute("COMMIT")
                return result
            except sqlite3.OperationalError as e:
                if self.db.in_transaction:
                    self.db.rollback()
                if not _is_busy(e) or attempt == RETRIES:
                    raise StoreError(f"{self.path}: {e}") from e
                log.warning("%s is busy (another writer); trying again (%d of %d)", self.path, attempt + 1, RETRIES)
                time.sleep(0.05 * attempt)
            except BaseException:
                if self.db.in_transaction:
                    self.db.rollback()
                raise
        raise AssertionError("unreachable")  # pragma: no cover

    @contextmanager
    def batch(self) -> Iterator[None]:
        """One transaction for the loads inside, each in its own savepoint: the pages that many
        files' rows dirty across the indexes are written once. A load that fails is undone
        alone; the loads done are committed at the end, also when an error ends the batch.
        Killed before the end, none of the batch is kept: the store is never half-written."""
        if self._batch is not None:
            yield
            return
        cur = self._begin()
        self._batch = cur
        try:
            yield
        finally:
            self._batch = None
            try:
                cur.execute("COMMIT")
            except sqlite3.Error as e:
                if self.db.in_transaction:
                    self.db.rollback()
                raise StoreError(f"{self.path}: {e}") from e

    @staticmethod
    def _delete_docs(cur: sqlite3.Cursor, docs: Sequence[str]) -> None:
        rows = [r for d in docs for r in cur.execute("SELECT docno FROM documents WHERE doc = ?", (d,))]
        for table in _TABLES:
            cur.executemany(f"DELETE FROM {table} WHERE docno = ?", rows)

    def load(self, docs: Sequence[DocumentGraph], source_file: str, sha256: str = "", *,
             checked: bool = False) -> LoadSummary:
        if not checked:
            _check(docs)
        ids = [d.doc_id for d in docs]

        def work(cur: sqlite3.Cursor) -> LoadSummary:
            summary = LoadSummary(source_file=source_file, documents=list(ids))
            previous = [r[0] for r in cur.execute("SELECT doc FROM documents WHERE source_file = ?", (source_file,))]
            same_ids = bool(ids) and cur.execute(
                f"SELECT 1 FROM documents WHERE doc IN ({','.join('?' * len(ids))}) LIMIT 1", ids).fetchone()
            summary.replaced = bool(previous) or bool(same_ids)
            if summary.replaced:
                self._delete_docs(cur, sorted(set(previous) | set(ids)))
            for d in docs:
                self._insert(cur, d, source_file, sha256)
                summary.nodes += len(d.nodes)
                summary.edges += len(d.edges)
            return summary

        return self._write(work)

    @staticmethod
    def _insert(cur: sqlite3.Cursor, d: DocumentGraph, source_file: str, sha256: str) -> None:
        # every mention and evidence is of this document (DocumentGraph.validate): rows name it by number
        dumps = _props_json
        cur.execute("INSERT INTO documents(doc, source_file, sha256) VALUES (?,?,?)", (d.doc_id, source_file, sha256))
        no = cur.lastrowid
        cur.executemany("INSERT INTO node_facts VALUES (?,?,?,?,?)",
                        [(no, n.id, n.label, n.name, dumps(n.properties)) for n in d.nodes])
        cur.executemany("INSERT OR IGNORE INTO mentions VALUES (?,?,?,?)",
                        [(no, n.id, m.line, m.text) for n in d.nodes for m in n.mentions])
        cur.executemany("INSERT OR IGNORE INTO forms VALUES (?,?,?)",
                        [(no, f, n.id) for n in d.nodes
                         for f in name_forms(n.label, n.name, [m.text for m in n.mentions], n.properties)])
        cur.executemany("INSERT INTO edge_facts VALUES (?,?,?,?,?,?)",
                        [(no, e.id, e.type, e.source, e.target, dumps(e.properties)) for e in d.edges])
        # each distinct (line, text) once; the rows get consecutive ids from the first one
        text_ids: dict[tuple[int, str], int] = {}
        for e in d.edges:
            for ev in e.evidence:
                text_ids.setdefault((ev.line, ev.text), len(text_ids))
        if not text_ids:
            return
        first = (cur.execute("SELECT coalesce(max(id), 0) FROM texts").fetchone()[0]) + 1
        cur.executemany("INSERT INTO texts(id, docno, line, text) VALUES (?,?,?,?)",
                        [(first + i, no, line, text) for (line, text), i in text_ids.items()])
        cur.executemany("INSERT OR IGNORE INTO evidence VALUES (?,?,?)",
                        [(no, e.id, first + text_ids[(ev.line, ev.text)]) for e in d.edges for ev in e.evidence])

    def remove(self, ref: str) -> list[str]:
        ids = resolve_documents(ref, self.documents())
        self._write(lambda cur: self._delete_docs(cur, ids))
        return ids

    def clear(self) -> None:
        def work(cur: sqlite3.Cursor) -> None:
            for table in _TABLES:
                cur.execute(f"DELETE FROM {table}")

        self._write(work)

    # -- reading ---------------------------------------------------------
    def documents(self) -> list[dict[str, Any]]:
        out = []
        for doc, src, sha, props in self.db.execute(
            "SELECT d.doc, d.source_file, d.sha256, f.props FROM documents d "
            "LEFT JOIN node_facts f ON f.node_id = d.doc AND f.docno = d.docno ORDER BY d.doc"
        ):
            row: dict[str, Any] = json.loads(props) if props else {}
            row.update({"id": doc, "source_file": src, "sha256": sha})
            out.append(row)
        return out

    def nodes(self) -> Iterator[Node]:
        yield from self._nodes(None)

    def edges(self) -> Iterator[Edge]:
        yield from self._edges(None)

    def _nodes(self, ids: Sequence[str] | None, with_mentions: bool = True) -> Iterator[Node]:
        """Merged nodes: all, or those of ``ids`` (a few hundred at most: one `IN` list);
        without their mentions if not asked."""
        where, args = ("", []) if ids is None else (f"WHERE f.node_id IN ({','.join('?' * len(ids))})", list(ids))
        mentions: dict[tuple[str, str], list[Mention]] = {}
        if with_mentions:
            for nid, doc, line, text in self.db.execute(_MENTIONS_OF_FACTS + where, args):
                mentions.setdefault((nid, doc), []).append(Mention(doc, line, text))
        rows = self.db.execute(  # merge_node orders each node's facts by document
            "SELECT f.node_id, d.doc, f.label, f.name, f.props FROM node_facts f "
            f"JOIN documents d ON d.docno = f.docno {where} ORDER BY f.node_id", args
        ).fetchall()
        for nid, group in groupby(rows, key=lambda r: r[0]):
            facts = [NodeFact(doc, label, name, _props(props), tuple(mentions.get((nid, doc), ())))
                     for _, doc, label, name, props in group]
            yield merge_node(nid, facts)

    def _edges(self, ids: Sequence[str] | None, evidence: bool = True) -> Iterator[Edge]:
        """Merged edges: all, or those of ``ids`` (one `IN` list); without evidence if not asked."""
        where = "" if ids is None else f"WHERE f.edge_id IN ({','.join('?' * len(ids))})"
        args = [] if ids is None else list(ids)
        found: dict[tuple[str, str], list[Evidence]] = {}
        if evidence:
            for eid, doc, line, text in self.db.execute(_EVIDENCE_OF_FACTS + where, args):
                found.setdefault((eid, doc), []).append(Evidence(doc, line, text))
        rows = self.db.execute(  # merge_edge orders each edge's facts by document
            "SELECT f.edge_id, d.doc, f.type, f.source, f.target, f.props FROM edge_facts f "
            f"JOIN documents d ON d.docno = f.docno {where} ORDER BY f.edge_id", args
        ).fetchall()
        for eid, group in groupby(rows, key=lambda r: r[0]):
            facts = [EdgeFact(doc, type_, s, t, _props(props), tuple(found.get((eid, doc), ())))
                     for _, doc, type_, s, t, props in group]
            yield merge_edge(eid, facts)

    # -- reading parts (the quick questions: queries/local.py) ----------------
    answers_in_parts = True  # it can read the nodes and edges a question needs, not the whole graph

    def _chunks(self, ids: Iterable[str]) -> Iterator[list[str]]:
        ids = sorted(set(ids))
        for i in range(0, len(ids), _CHUNK):
            yield ids[i:i + _CHUNK]

    def nodes_by_id(self, ids: Iterable[str], mentions: bool = True) -> list[Node]:
        """The merged nodes of these IDs (those the store holds), by ID; without mentions if not asked."""
        return [n for part in self._chunks(ids) for n in self._nodes(part, mentions)]

    def edges_by_id(self, ids: Iterable[str], evidence: bool = True) -> list[Edge]:
        """The merged edges of these IDs, by ID (without evidence if not asked)."""
        return [e for part in self._chunks(ids) for e in self._edges(part, evidence)]

    def edge_ends(self, *, at: Iterable[str] | None = None, types: Iterable[str] | None = None,
                  skip: Iterable[str] = (), into: bool = False) -> list[tuple[str, str, str, str]]:
        """(edge ID, type, source, target) of the edges touching the nodes ``at``
        (either end; only the target with ``into``), of the given ``types`` (any
        type if None), the ``skip`` types left out."""
        skip = set(skip)
        cond, args = [], []  # type: list[str], list[Any]
        if types is not None:
            types = sorted(set(types))
            cond.append(f"type IN ({','.join('?' * len(types))})")
            args.extend(types)
        rows: set[tuple[str, str, str, str]] = set()
        base = "SELECT DISTINCT edge_id, type, source, target FROM edge_facts WHERE "
        if at is None:
            rows.update(self.db.execute(base + (" AND ".join(cond) or "1"), args))
        else:
            for part in self._chunks(at):
                marks = ",".join("?" * len(part))
                for col in (("target",) if into else ("source", "target")):
                    rows.update(self.db.execute(base + " AND ".join([f"{col} IN ({marks})", *cond]), [*part, *args]))
        return sorted(r for r in rows if r[1] not in skip)

    def evidence_of(self, edge_id: str) -> list[Evidence]:
        """The evidence of one edge, sorted."""
        return sorted({Evidence(doc, line, text) for _, doc, line, text in self.db.execute(
            _EVIDENCE_OF_FACTS + "WHERE f.edge_id = ?", (edge_id,))})

    def node_ids(self, labels: Iterable[str] = (), name_contains: str | None = None) -> list[str]:
        """IDs of the nodes of these kinds (any kind if none), whose name contains the text if given."""
        labels = sorted(set(labels))
        where, args = [], []  # type: list[str], list[Any]
        if labels:
            where.append(f"label IN ({','.join('?' * len(labels))})")
            args.extend(labels)
        if name_contains is not None:
            where.append("instr(name, ?) > 0")
            args.append(name_contains)
        sql = "SELECT DISTINCT node_id FROM node_facts" + (" WHERE " + " AND ".join(where) if where else "")
        return sorted(r[0] for r in self.db.execute(sql, args))

    def ids_by_form(self, forms: Iterable[str]) -> set[str]:
        """The nodes known by any of these forms (:func:`graph.forms.name_forms`)."""
        out: set[str] = set()
        for part in self._chunks(forms):
            marks = ",".join("?" * len(part))
            out.update(r[0] for r in self.db.execute(f"SELECT DISTINCT node_id FROM forms WHERE form IN ({marks})", part))
        return out

    def assignment_counts(self) -> dict[str, tuple[int, int, int]]:
        """Per node: how many tasks (Duty nodes) it LEADS, ASSISTS, either."""
        rows = self.db.execute(
            "SELECT source, count(DISTINCT CASE WHEN type = 'LEADS' THEN target END), "
            "count(DISTINCT CASE WHEN type = 'ASSISTS' THEN target END), count(DISTINCT target) "
            "FROM edge_facts WHERE type IN ('LEADS', 'ASSISTS') "
            "AND target IN (SELECT node_id FROM node_facts WHERE label = 'Duty') GROUP BY source")
        return {s: (led, assisted, total) for s, led, assisted, total in rows}

    def all_forms(self) -> Iterator[tuple[str, str]]:
        """(form, kind of its node) of every node."""
        return iter(self.db.execute("SELECT DISTINCT f.form, n.label FROM forms f "
                                    "JOIN node_facts n ON n.node_id = f.node_id AND n.docno = f.docno"))

    def has_node(self, node_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM node_facts WHERE node_id = ? LIMIT 1", (node_id,)).fetchone() is not None

    def merged_property(self, label: str, key: str) -> dict[str, Any]:
        """Node ID -> the merged value of one property, for the nodes of a kind that have it
        (as ``merge_properties`` merges a value that is not a list: the first document's wins)."""
        first: dict[str, Any] = {}
        path = "$." + key
        for nid, value in self.db.execute(
            "SELECT f.node_id, json_extract(f.props, ?) FROM node_facts f JOIN documents d ON d.docno = f.docno "
            "WHERE f.label = ? AND json_type(f.props, ?) IS NOT NULL ORDER BY f.node_id, d.doc", (path, label, path)
        ):
            first.setdefault(nid, value)
        return first

    # -- reading a kind of nodes or edges whole (the whole-graph questions: queries/local.py) --
    # A mention or evidence is always of the document whose fact it belongs to (DocumentGraph
    # checks that), so "which documents" is which facts have any: one probe of a primary key each.
    def node_rows(self, labels: Iterable[str], mentions: str = "all") -> Iterator[tuple[str, str, str, dict[str, Any], list[dict[str, Any]]]]:
        """(ID, label, name, properties, mentions) of every node of these kinds, merged as
        :meth:`nodes` merges them, in ID order; ``mentions``: "all" (as dicts, sorted),
        "docs" (``{"doc": …}`` once per document they are in) or "none"."""
        for nid, (label, name), props, marks in self._kind_rows(_NODE_ROWS, labels, mentions):
            yield nid, label, name, props, [{"text": t, "doc": d, "line": line} if t is not None else {"doc": d}
                                            for d, line, t in marks]

    def edge_rows(self, types: Iterable[str], evidence: str = "all") -> Iterator[tuple[str, str, str, str, dict[str, Any], list[dict[str, Any]]]]:
        """(ID, type, source, target, properties, evidence) of every edge of these types, merged
        as :meth:`edges` merges them, in ID order; ``evidence``: "all" (as dicts, sorted),
        "docs" (``{"doc": …}`` once per document it is in) or "none"."""
        for eid, (type_, source, target), props, marks in self._kind_rows(_EDGE_ROWS, types, evidence):
            yield eid, type_, source, target, props, [{"doc": d, "line": line, "text": t} if t is not None
                                                      else {"doc": d} for d, line, t in marks]

    def _kind_rows(self, side: tuple[str, str, str, str, str, str], kinds: Iterable[str],
                   marks: str) -> Iterator[tuple[str, tuple, dict[str, Any], list[tuple]]]:
        """For :meth:`node_rows` and :meth:`edge_rows`: (ID, the fact's columns, merged properties,
        marks) of every node or edge of these kinds; marks as (doc, line, text), sorted ("all"), or
        (doc, None, None) once per document with any ("docs"), or none."""
        table, id_col, kind_col, cols, marks_sql, has_sql = side
        kinds = sorted(set(kinds))
        where = f"WHERE f.{kind_col} IN ({','.join('?' * len(kinds))})"
        found: dict[str, set[tuple[str, int, str]]] = {}
        if marks == "all":
            for i, doc, line, text in self.db.execute(marks_sql + where, kinds):
                found.setdefault(i, set()).add((doc, line, text))
        has = f", EXISTS (SELECT 1 FROM {has_sql})" if marks == "docs" else ", 0"
        width = cols.count(",") + 1
        rows = self.db.execute(  # each one's facts in document order, as merge_node / merge_edge order them
            f"SELECT f.{id_col}, d.doc, {cols}, f.props{has} FROM {table} f JOIN documents d "
            f"ON d.docno = f.docno {where} ORDER BY f.{id_col}, d.doc", kinds).fetchall()
        for i, group in groupby(rows, key=lambda r: r[0]):
            facts = list(group)
            if marks == "all":
                ms = sorted(found.get(i, ()))
            else:
                ms = [(f[1], None, None) for f in facts if f[-1]]
            yield i, facts[0][2:2 + width], _merged(facts, 2 + width), ms

    def counts(self) -> dict[str, dict[str, int]]:
        # a node's or edge's ID derives from its kind, so every fact of one ID has the same kind
        nodes = dict(self.db.execute("SELECT label, count(DISTINCT node_id) FROM node_facts GROUP BY label"))
        edges = dict(self.db.execute("SELECT type, count(DISTINCT edge_id) FROM edge_facts GROUP BY type"))
        return {"nodes": dict(sorted(nodes.items())), "edges": dict(sorted(edges.items()))}

    def close(self) -> None:
        self.db.close()
