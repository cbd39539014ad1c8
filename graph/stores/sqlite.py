"""The embedded store: one SQLite file, no server, standard library only."""
from __future__ import annotations

import json
import os
import sqlite3
from itertools import groupby
from pathlib import Path
from typing import Any, Iterator, Sequence

from ..errors import StoreError
from ..records import DocumentGraph, Edge, Evidence, Mention, Node
from .base import EdgeFact, LoadSummary, NodeFact, Store, _check, merge_edge, merge_node, resolve_documents

__all__ = ["SQLiteStore"]

_DDL = """
CREATE TABLE IF NOT EXISTS documents (
    doc TEXT PRIMARY KEY, source_file TEXT NOT NULL, sha256 TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS node_facts (
    node_id TEXT NOT NULL, doc TEXT NOT NULL, label TEXT NOT NULL, name TEXT NOT NULL,
    props TEXT NOT NULL, PRIMARY KEY (node_id, doc));
CREATE TABLE IF NOT EXISTS mentions (
    node_id TEXT NOT NULL, doc TEXT NOT NULL, line INTEGER NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (node_id, doc, line, text));
CREATE TABLE IF NOT EXISTS edge_facts (
    edge_id TEXT NOT NULL, doc TEXT NOT NULL, type TEXT NOT NULL, source TEXT NOT NULL,
    target TEXT NOT NULL, props TEXT NOT NULL, PRIMARY KEY (edge_id, doc));
CREATE TABLE IF NOT EXISTS evidence (
    edge_id TEXT NOT NULL, doc TEXT NOT NULL, line INTEGER NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (edge_id, doc, line, text));
CREATE INDEX IF NOT EXISTS node_facts_doc ON node_facts(doc);
CREATE INDEX IF NOT EXISTS edge_facts_doc ON edge_facts(doc);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc);
CREATE INDEX IF NOT EXISTS evidence_doc ON evidence(doc);
"""

_TABLES = ("node_facts", "mentions", "edge_facts", "evidence", "documents")


class SQLiteStore(Store):
    """A store in one SQLite file (``:memory:`` for a throw-away one)."""

    name = "sqlite"

    def __init__(self, path: str | os.PathLike[str] = "govgraph.db"):
        self.path = str(path)
        if self.path != ":memory:":
            parent = Path(self.path).parent
            if not parent.exists():
                raise StoreError(f"{self.path}: folder {parent} does not exist")
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None)
            self.db.executescript(_DDL)
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.path}: not a govgraph store ({e})") from e

    def __repr__(self) -> str:
        return f"SQLiteStore({self.path!r})"

    # -- writing ---------------------------------------------------------
    def _delete_docs(self, docs: Sequence[str]) -> None:
        for table in _TABLES:
            self.db.executemany(f"DELETE FROM {table} WHERE doc = ?", [(d,) for d in docs])

    def load(self, docs: Sequence[DocumentGraph], source_file: str, sha256: str = "") -> LoadSummary:
        _check(docs)
        summary = LoadSummary(source_file=source_file, documents=[d.doc_id for d in docs])
        cur = self.db.cursor()
        try:
            cur.execute("BEGIN IMMEDIATE")
            previous = [r[0] for r in cur.execute("SELECT doc FROM documents WHERE source_file = ?", (source_file,))]
            ids = [d.doc_id for d in docs]
            summary.replaced = bool(previous) or bool(
                cur.execute(
                    f"SELECT 1 FROM documents WHERE doc IN ({','.join('?' * len(ids))}) LIMIT 1", ids
                ).fetchone()
            ) if ids else bool(previous)
            self._delete_docs(sorted(set(previous) | set(ids)))
            for d in docs:
                cur.execute(
                    "INSERT INTO documents(doc, source_file, sha256) VALUES (?,?,?)",
                    (d.doc_id, source_file, sha256),
                )
                cur.executemany(
                    "INSERT INTO node_facts VALUES (?,?,?,?,?)",
                    [(n.id, d.doc_id, n.label, n.name, json.dumps(dict(n.properties), ensure_ascii=False, sort_keys=True)) for n in d.nodes],
                )
                cur.executemany(
                    "INSERT OR IGNORE INTO mentions VALUES (?,?,?,?)",
                    [(n.id, m.doc, m.line, m.text) for n in d.nodes for m in n.mentions],
                )
                cur.executemany(
                    "INSERT INTO edge_facts VALUES (?,?,?,?,?,?)",
                    [(e.id, d.doc_id, e.type, e.source, e.target, json.dumps(dict(e.properties), ensure_ascii=False, sort_keys=True)) for e in d.edges],
                )
                cur.executemany(
                    "INSERT OR IGNORE INTO evidence VALUES (?,?,?,?)",
                    [(e.id, ev.doc, ev.line, ev.text) for e in d.edges for ev in e.evidence],
                )
                summary.nodes += len(d.nodes)
                summary.edges += len(d.edges)
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        return summary

    def remove(self, ref: str) -> list[str]:
        ids = resolve_documents(ref, self.documents())
        cur = self.db.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            self._delete_docs(ids)
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        return ids

    def clear(self) -> None:
        cur = self.db.cursor()
        cur.execute("BEGIN IMMEDIATE")
        for table in _TABLES:
            cur.execute(f"DELETE FROM {table}")
        cur.execute("COMMIT")

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
        for eid, doc, line, text in self.db.execute("SELECT edge_id, doc, line, text FROM evidence"):
            evidence.setdefault(eid, []).append(Evidence(doc, line, text))
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

    def close(self) -> None:
        self.db.close()
