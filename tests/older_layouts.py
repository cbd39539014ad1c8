"""Stores as older govgraph versions wrote them, made from a store of today's layout, for the
upgrade tests: layout 4 named each row's document by its ID (no document numbers)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from graph.stores.sqlite import _DDL_4, _TABLES

_INDEXES_4 = """
CREATE INDEX node_facts_doc ON node_facts(doc);
CREATE INDEX edge_facts_doc ON edge_facts(doc);
CREATE INDEX mentions_doc ON mentions(doc);
CREATE INDEX evidence_doc ON evidence(doc);
CREATE INDEX texts_doc ON texts(doc);
CREATE INDEX forms_doc ON forms(doc);
CREATE INDEX edge_facts_source ON edge_facts(source);
CREATE INDEX edge_facts_target ON edge_facts(target);
CREATE INDEX edge_facts_type ON edge_facts(type);
"""

_COPY_5_TO_4 = {
    "documents": "SELECT doc, source_file, sha256 FROM documents_v5",
    "node_facts": "SELECT f.node_id, d.doc, f.label, f.name, f.props FROM node_facts_v5 f JOIN documents_v5 d USING (docno)",
    "mentions": "SELECT m.node_id, d.doc, m.line, m.text FROM mentions_v5 m JOIN documents_v5 d USING (docno)",
    "edge_facts": "SELECT e.edge_id, d.doc, e.type, e.source, e.target, e.props "
                  "FROM edge_facts_v5 e JOIN documents_v5 d USING (docno)",
    "texts": "SELECT t.id, d.doc, t.line, t.text FROM texts_v5 t JOIN documents_v5 d USING (docno)",
    "evidence": "SELECT e.edge_id, d.doc, e.text_id FROM evidence_v5 e JOIN documents_v5 d USING (docno)",
    "forms": "SELECT f.form, f.node_id, d.doc FROM forms_v5 f JOIN documents_v5 d USING (docno)",
}


def write_layout_4(db: str | Path) -> None:
    """Rewrite the store at ``db`` (today's layout) as layout 4 had it, in place."""
    con = sqlite3.connect(db, isolation_level=None)
    try:
        con.execute("BEGIN")
        for t in _TABLES:
            con.execute(f"ALTER TABLE {t} RENAME TO {t}_v5")
        for index in [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index' "
                                                "AND name NOT LIKE 'sqlite_%'")]:
            con.execute(f"DROP INDEX {index}")
        for stmt in (_DDL_4 + _INDEXES_4).split(";"):
            if stmt.strip():
                con.execute(stmt)
        for t in _TABLES:
            con.execute(f"INSERT INTO {t} {_COPY_5_TO_4[t]}")
            con.execute(f"DROP TABLE {t}_v5")
        con.execute("PRAGMA user_version = 4")
        con.execute("COMMIT")
    finally:
        con.close()
