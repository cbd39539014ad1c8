"""The store's graph as NetworkX, kept between commands while the store does
not change.

Building the NetworkX graph from a store reads every fact (on the ×100
sample, ~42,000 nodes: seconds); a question asked again of the same store
should not pay that again. :func:`cached_graph` keeps the graph (and the
name index that name look-ups use) in a pickle, keyed by the store's
*version*: a digest of what it holds that changes whenever a load or a
remove commits. A stale entry is never used; a cache that cannot be written
(read-only folder) is skipped quietly.

* SQLite: the cache folder lies beside the store (``graph.db`` →
  ``graph.db.cache/``); the version is the documents table (document,
  file, sha256), the row count of every table, and the size and
  modification time of the file and its write-ahead log.
* Neo4j: the cache folder lies in the user's cache folder
  (``$XDG_CACHE_HOME/govgraph``, else ``~/.cache/govgraph``), one per server
  and database; the version is the loaded documents and the node, fact and
  relationship counts.

``GOVGRAPH_CACHE=off`` turns caching off; ``GOVGRAPH_CACHE=DIR`` puts every
store's cache folder in DIR.
"""
from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any, Callable

__all__ = ["Cache", "cached_graph", "peek", "store_version", "cache_dir", "FORMAT"]

log = logging.getLogger(__name__)

FORMAT = 2  # bump when what is pickled changes shape (2: answers kept normalised)

_NEO4J_VERSION = (
    "MATCH (d:LoadedDocument) WITH d ORDER BY d.doc "
    "WITH collect([d.doc, d.source_file, d.sha256]) AS docs "
    "CALL () { MATCH (n:Node) RETURN count(n) AS nodes } "
    "CALL () { MATCH (f:NodeFact) RETURN count(f) AS node_facts } "
    "CALL () { MATCH (f:EdgeFact) RETURN count(f) AS edge_facts } "
    "CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } "
    "RETURN docs, nodes, node_facts, edge_facts, rels"
)


def _setting() -> str:
    return os.environ.get("GOVGRAPH_CACHE", "").strip()


def _digest(parts: Any) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


def _stat(path: str) -> tuple[int, int]:
    """Size and modification time; (0, 0) for a missing or empty file (every
    connection makes an empty write-ahead log anew: that changes nothing)."""
    try:
        st = os.stat(path)
    except OSError:
        return (0, 0)
    return (st.st_size, st.st_mtime_ns) if st.st_size else (0, 0)


def store_version(store: Any) -> str | None:
    """A digest that changes whenever the store's content does (None: the
    store cannot say, so nothing is cached)."""
    db = getattr(store, "db", None)
    path = getattr(store, "path", None)
    if db is not None and path and path != ":memory:":
        try:
            docs = db.execute("SELECT doc, source_file, sha256 FROM documents ORDER BY doc").fetchall()
            names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
            # table names come from the store's own catalogue, never from input
            tables = [(t, db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in names]
        except Exception as e:  # noqa: BLE001 - no cache, never a failed question
            log.debug("no store version for %s: %s", path, e)
            return None
        return _digest((FORMAT, docs, tables, _stat(path), _stat(path + "-wal")))
    if callable(getattr(store, "_read", None)) and getattr(store, "uri", None):
        try:
            rec = store._read(lambda tx: tx.run(_NEO4J_VERSION).single().data())
        except Exception as e:  # noqa: BLE001
            log.debug("no store version for %s: %s", store, e)
            return None
        return _digest((FORMAT, rec))
    return None


def cache_dir(store: Any) -> Path | None:
    """The folder of ``store``'s cache files (None when caching is off or the
    store has no place for them)."""
    setting = _setting()
    if setting.lower() in ("off", "0", "no", "false"):
        return None
    path = getattr(store, "path", None)
    if path and path != ":memory:" and getattr(store, "db", None) is not None:
        p = Path(path)
        if setting:
            return Path(setting) / f"sqlite-{_digest(str(p.resolve()))[:16]}"
        return p.with_name(p.name + ".cache")
    uri = getattr(store, "uri", None)
    if uri:
        base = Path(setting) if setting else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "govgraph"
        return base / f"neo4j-{_digest((uri, getattr(store, 'database', None)))[:16]}"
    return None


def _read(path: Path, version: str) -> Any:
    try:
        with open(path, "rb") as f:
            if pickle.load(f) != (FORMAT, version):
                return None
            gc.disable()  # unpickling many small objects: the collector would run over and over
            try:
                return pickle.load(f)
            finally:
                gc.enable()
    except FileNotFoundError:
        return None
    except Exception as e:  # noqa: BLE001 - a broken cache is rebuilt, never fatal
        log.debug("cache %s unreadable: %s", path, e)
        return None


def _write(path: Path, version: str, value: Any) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump((FORMAT, version), f, protocol=pickle.HIGHEST_PROTOCOL)
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except OSError as e:
        log.debug("cache %s not written: %s", path, e)


def _purge(folder: Path) -> None:
    """Drop the cache files of earlier versions."""
    try:
        for f in folder.iterdir():
            if f.suffix in (".pickle", ".tmp"):
                f.unlink()
    except OSError:
        pass


class Cache:
    """One store's cache at its current version: values by name, each built
    once per version (``get(name, build)``)."""

    def __init__(self, store: Any):
        self.folder = cache_dir(store)
        self.version = store_version(store) if self.folder is not None else None
        self._memo: dict[str, Any] = {}

    @property
    def on(self) -> bool:
        return self.folder is not None and self.version is not None

    def _path(self, name: str) -> Path:
        assert self.folder is not None
        return self.folder / f"{name}.pickle"

    def peek(self, name: str) -> Any:
        if not self.on:
            return None
        if name not in self._memo:
            value = _read(self._path(name), self.version)  # type: ignore[arg-type]
            if value is None:
                return None
            self._memo[name] = value
        return self._memo[name]

    def put(self, name: str, value: Any, purge: bool = False) -> None:
        self._memo[name] = value
        if self.on:
            if purge:
                _purge(self.folder)  # type: ignore[arg-type]
            _write(self._path(name), self.version, value)  # type: ignore[arg-type]

    def get(self, name: str, build: Callable[[], Any], purge: bool = False) -> Any:
        value = self.peek(name)
        if value is None:
            value = build()
            self.put(name, value, purge)
        return value


def cached_graph(store: Any, kind: str, build: Callable[[], Any]) -> Any:
    """``build()``'s value for ``store``, from the cache while the store's
    version is unchanged (a new "graph" drops every older cache file)."""
    return Cache(store).get(kind, build, purge=(kind == "graph"))


def peek(store: Any, kind: str) -> Any:
    """The cached value of ``kind`` for ``store`` if it is fresh, else None (nothing is built)."""
    return Cache(store).peek(kind)
