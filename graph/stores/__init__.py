"""Graph stores: the embedded SQLite store (default) and Neo4j.

:func:`open_store` picks one from a spec: ``bolt://…`` / ``neo4j://…`` is a
Neo4j server (user and password from ``NEO4J_USER`` / ``NEO4J_PASSWORD``);
anything else is the path of a SQLite file (``sqlite:PATH`` also works).
With no spec: ``$GOVGRAPH_STORE``, else ``$NEO4J_URI``, else ``govgraph.db``.
``create=False`` opens an existing SQLite store only (a missing file is an
error, not a new store). A SQLite file that is not a govgraph store is always
refused and left as it was.
"""
from __future__ import annotations

import os

from .base import LoadSummary, Store
from .sqlite import SQLiteStore

__all__ = ["Store", "LoadSummary", "SQLiteStore", "open_store", "is_server", "DEFAULT_STORE"]

DEFAULT_STORE = "govgraph.db"


def is_server(spec: str) -> bool:
    """Whether a store spec names a Neo4j server (else it is a SQLite file)."""
    return spec.startswith(("bolt://", "neo4j://", "bolt+s://", "neo4j+s://", "bolt+ssc://", "neo4j+ssc://"))


def open_store(spec: str | None = None, *, create: bool = True) -> Store:
    spec = spec or os.environ.get("GOVGRAPH_STORE") or os.environ.get("NEO4J_URI") or DEFAULT_STORE
    if is_server(spec):
        from .neo4j import Neo4jStore

        return Neo4jStore(spec, os.environ.get("NEO4J_USER"), os.environ.get("NEO4J_PASSWORD"))
    if spec.startswith("sqlite:"):
        spec = spec[len("sqlite:"):]
    return SQLiteStore(spec, create=create)
