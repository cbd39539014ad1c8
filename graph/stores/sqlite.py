"""The embedded store: one SQLite file, no server, standard library only.

Safe with several writers at once: the file is in WAL mode (readers keep
reading while a load writes), every load is one ``BEGIN IMMEDIATE``
transaction per source file, and a writer that finds the store busy waits
(``busy_timeout``) and retries. A file that is not a govgraph store is refused
and never altered. The text of an edge's evidence is stored once per document
and source line (table ``texts``), not once per edge, so a line that names
thousands of bodies costs its length once.
"""
from __future__ import annotations

import json
import logging
import os
import sqlite3
import time
from itertools import groupby
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence, TypeVar

from ..errors import StoreError
from ..records import DocumentGraph, Edge, Evidence, Mention, Node
from .base import EdgeFact, LoadSummary, NodeFact, Store, _check, merge_edge, merge_node, resolve_documents

__all__ = ["SQLiteStore", "APPLICATION_ID", "LAYOUT_VERSION"]

log = logging.getLogger(__name__)
T = TypeVar("T")

APPLICATION_ID = 0x67766772  # "gvgr": marks a SQLite file as a govgraph store (PRAGMA application_id)
LAYOUT_VERSION = 2           # PRAGMA user_version: 2 = evidence text in `texts`
BUSY_TIMEOUT_S = 60.0        # how long one attempt waits for another writer
RETRIES = 10                 # attempts of one write before giving up

_DDL = """
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
CREATE INDEX IF NOT EXISTS node_facts_doc ON node_facts(doc);
CREATE INDEX IF NOT EXISTS edge_facts_doc ON edge_facts(doc);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc);
CREATE INDEX IF NOT EXISTS evidence_doc ON evidence(doc);
CREATE INDEX IF NOT EXISTS texts_doc ON texts(doc);
"""

_TABLES = ("node_facts", "mentions", "edge_facts", "evidence", "texts", "documents")
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


def _create_tables(cur: sqlite3.Cursor) -> None:
    for stmt in _DDL.split(";"):  # one by one: executescript would commit the transaction
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
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if tables and app_id == APPLICATION_ID and version == LAYOUT_VERSION:
            return
        self._write(self._create_or_upgrade)

    def _create_or_upgrade(self, cur: sqlite3.Cursor) -> None:
        version = cur.execute("PRAGMA user_version").fetchone()[0]
        cols = {r[1] for r in cur.execute("PRAGMA table_info(evidence)")}
        if "text" in cols:  # layout 1: the text in every evidence row; move it into `texts`
            cur.execute("DROP INDEX IF EXISTS evidence_doc")
            cur.execute("ALTER TABLE evidence RENAME TO evidence_v1")
            _create_tables(cur)
            cur.execute("INSERT INTO texts(doc, line, text) SELECT DISTINCT doc, line, text FROM evidence_v1")
            cur.execute("INSERT OR IGNORE INTO evidence(edge_id, doc, text_id) SELECT e.edge_id, e.doc, t.id "
                        "FROM evidence_v1 e JOIN texts t ON t.doc = e.doc AND t.line = e.line AND t.text = e.text")
            cur.execute("DROP TABLE evidence_v1")
        else:
            _create_tables(cur)
        cur.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        cur.execute(f"PRAGMA user_version = {LAYOUT_VERSION}")

    def __repr__(self) -> str:
        return f"SQLiteStore({self.path!r})"

    # -- writing ---------------------------------------------------------
    def _write(self, work: Callable[[sqlite3.Cursor], T]) -> T:
        """Run ``work`` in one immediate transaction; wait and retry while another writer holds the store."""
        delay = 0.05
        for attempt in range(1, RETRIES + 1):
            cur = self.db.cursor()
            try:
                cur.execute("BEGIN IMMEDIATE")
                result = work(cur)
                cur.execute("COMMIT")
                return result
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
            except BaseException:
                if self.db.in_transaction:
                    self.db.rollback()
                raise
        raise AssertionError("unreachable")  # pragma: no cover

    @staticmethod
    def _delete_docs(cur: sqlite3.Cursor, docs: Sequence[str]) -> None:
        rows = [(d,) for d in docs]
        for table in _TABLES:
            cur.executemany(f"DELETE FROM {table} WHERE doc = ?", rows)

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
        dumps = _props_json
        doc = d.doc_id
        cur.execute("INSERT INTO documents(doc, source_file, sha256) VALUES (?,?,?)", (doc, source_file, sha256))
        cur.executemany("INSERT INTO node_facts VALUES (?,?,?,?,?)",
                        [(n.id, doc, n.label, n.name, dumps(n.properties)) for n in d.nodes])
        cur.executemany("INSERT OR IGNORE INTO mentions VALUES (?,?,?,?)",
                        [(n.id, m.doc, m.line, m.text) for n in d.nodes for m in n.mentions])
        cur.executemany("INSERT INTO edge_facts VALUES (?,?,?,?,?,?)",
                        [(e.id, doc, e.type, e.source, e.target, dumps(e.properties)) for e in d.edges])
        # each distinct (line, text) once; the rows get consecutive ids from the first one
        text_ids: dict[tuple[str, int, str], int] = {}
        for e in d.edges:
            for ev in e.evidence:
                text_ids.setdefault((ev.doc, ev.line, ev.text), len(text_ids))
        if not text_ids:
            return
        first = (cur.execute("SELECT coalesce(max(id), 0) FROM texts").fetchone()[0]) + 1
        cur.executemany("INSERT INTO texts(id, doc, line, text) VALUES (?,?,?,?)",
                        [(first + i, dd, line, text) for (dd, line, text), i in text_ids.items()])
        cur.executemany("INSERT OR IGNORE INTO evidence VALUES (?,?,?)",
                        [(e.id, ev.doc, first + text_ids[(ev.doc, ev.line, ev.text)])
                         for e in d.edges for ev in e.evidence])

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
            "LEFT JOIN node_facts f ON f.node_id = d.doc AND f.doc = d.doc ORDER BY d.doc"
        ):
            row: dict[str, Any] = json.loads(props) if props else {}
            row.update({"id": doc, "source_file": src, "sha256": sha})
            out.append(row)
        return out

    def nodes(self) -> Iterator[Node]:
        mentions: dict[str, list[Mention]] = {}
        for nid, doc, line, text in self.db.execute("SELECT node_id, doc, line, text FROM mentions"):
            mentions.setdefault(nid, []).append(Mention(doc, line, text))
        rows = self.db.execute(
            "SELECT node_id, doc, label, name, props FROM node_facts ORDER BY node_id, doc"
        ).fetchall()
        for nid, group in groupby(rows, key=lambda r: r[0]):
            facts = []
            ms = mentions.get(nid, [])
            for _, doc, label, name, props in group:
                facts.append(NodeFact(doc, label, name, json.loads(props), tuple(m for m in ms if m.doc == doc)))
            yield merge_node(nid, facts)

    def edges(self) -> Iterator[Edge]:
        evidence: dict[str, list[Evidence]] = {}
        texts: dict[int, Evidence] = {}
        for tid, doc, line, text in self.db.execute("SELECT id, doc, line, text FROM texts"):
            texts[tid] = Evidence(doc, line, text)
        for eid, tid in self.db.execute("SELECT edge_id, text_id FROM evidence"):
            evidence.setdefault(eid, []).append(texts[tid])
        rows = self.db.execute(
            "SELECT edge_id, doc, type, source, target, props FROM edge_facts ORDER BY edge_id, doc"
        ).fetchall()
        for eid, group in groupby(rows, key=lambda r: r[0]):
            evs = evidence.get(eid, [])
            facts = [
                EdgeFact(doc, type_, s, t, json.loads(props), tuple(e for e in evs if e.doc == doc))
                for _, doc, type_, s, t, props in group
            ]
            yield merge_edge(eid, facts)

    def counts(self) -> dict[str, dict[str, int]]:
        # a node's or edge's ID derives from its kind, so every fact of one ID has the same kind
        nodes = dict(self.db.execute("SELECT label, count(DISTINCT node_id) FROM node_facts GROUP BY label"))
        edges = dict(self.db.execute("SELECT type, count(DISTINCT edge_id) FROM edge_facts GROUP BY type"))
        return {"nodes": dict(sorted(nodes.items())), "edges": dict(sorted(edges.items()))}

    def close(self) -> None:
        self.db.close()
