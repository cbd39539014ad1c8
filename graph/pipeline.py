"""Documents in, graph out: what ``govgraph build`` and ``load`` do, as a library.

Streaming: files are read and understood in a pool of processes (one per
core), and written by one writer, the calling process, file by file in input
order, each file whole or not at all (on SQLite a few dozen files share a
commit, each in its savepoint); memory holds a few files, never the corpus. One bad file never costs the others: it is named in
:attr:`IngestResult.failures` (file, line, reason) and the rest load. With
``strict=True`` every file is read first and nothing is written unless all of
them read (:class:`~graph.errors.NotLoaded`).

:func:`build` writes a whole output folder (store, graph.json, report, maps)
into a temporary folder beside it and moves the results in at the end, so a
build that fails or is killed leaves the previous outputs as they were.
"""
from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
import traceback
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from .errors import GovGraphError, LoadError, NotLoaded, SchemaError, StoreError
from .records import DocumentGraph
from .stores.base import LoadSummary, Store
from .stores.base import _check as check_documents

__all__ = ["DOCUMENT_SUFFIXES", "collect_inputs", "Parsed", "Failure", "Progress", "IngestResult", "BuildResult",
           "parse_files", "iter_parsed", "load_parsed", "ingest", "build", "OUTPUTS"]

log = logging.getLogger(__name__)

from loaders.formats import DOCUMENT_SUFFIXES, documents_in  # noqa: E402  (text, HTML, .docx, .xlsx)

# What a build writes into its output folder (and replaces there as a whole).
OUTPUTS = ("graph.db", "graph.json", "report.md", "report.html", "maps")


def collect_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders to the documents in them (text, HTML, .docx, .xlsx), sorted.

    Raises :class:`LoadError` for a missing path or a folder without documents.
    """
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = documents_in(p)
            if not found:
                raise LoadError(str(raw), "no documents (" + ", ".join("*" + s for s in DOCUMENT_SUFFIXES)
                                + ") in this folder")
            out.extend(found)
        elif p.exists():
            out.append(p)
        else:
            raise LoadError(str(raw), "no such file or folder")
    seen: set[Path] = set()
    unique = []
    for p in out:
        rp = p.resolve()
        if rp not in seen:
            seen.add(rp)
            unique.append(p)
    return unique


@dataclass
class Parsed:
    path: Path
    sha256: str
    kind: str
    docs: list[DocumentGraph] = field(default_factory=list)
    size: int = 0  # bytes of the file
    checked: bool = False  # the documents passed the schema check
    written: tuple[int, tuple[str, ...]] | None = None  # once written: (documents, warnings); docs dropped

    @property
    def warnings(self) -> list[str]:
        if self.written is not None:
            return list(self.written[1])
        return [w for d in self.docs for w in d.warnings]

    @property
    def documents(self) -> int:
        return self.written[0] if self.written is not None else len(self.docs)

    def slim(self) -> "Parsed":
        """What a load keeps of a written file: name, kind, size, counts and warnings, not its
        graphs (a corpus's results stay small: memory is bounded by the largest file)."""
        return Parsed(self.path, self.sha256, self.kind, [], self.size, self.checked,
                      (self.documents, tuple(self.warnings)))


@dataclass(frozen=True)
class Failure:
    """A file that did not load: where and why (``message`` names the file, and the line when known)."""

    path: Path
    message: str
    line: int | None = None
    bug: bool = False        # not a bad input but an error in govgraph
    detail: str = ""         # the traceback of a bug

    def __str__(self) -> str:
        return self.message


@dataclass
class Progress:
    """How far a load is, for a progress display."""

    files_total: int
    files_done: int = 0
    documents: int = 0
    bytes: int = 0
    failed: int = 0
    started: float = field(default_factory=time.perf_counter)

    @property
    def seconds(self) -> float:
        return max(time.perf_counter() - self.started, 1e-9)

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.seconds

    @property
    def mb_per_s(self) -> float:
        return self.bytes / 1e6 / self.seconds

    def line(self) -> str:
        return (f"{self.files_done}/{self.files_total} files, {self.documents} documents, "
                f"{self.bytes / 1e6:.1f} MB in {self.seconds:.1f} s: {self.docs_per_s:.1f} docs/s, "
                f"{self.mb_per_s:.2f} MB/s" + (f", {self.failed} not loaded" if self.failed else ""))


@dataclass
class IngestResult:
    loaded: list[tuple[Parsed, LoadSummary]] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    progress: Progress | None = None

    @property
    def warnings(self) -> list[str]:
        return [w for p, _ in self.loaded for w in p.warnings]

    @property
    def documents(self) -> int:
        return sum(p.documents for p, _ in self.loaded)


# -- reading (in worker processes) -------------------------------------------
_worker_aliases: Any = None
READER_MEMORY_ENV = "GOVGRAPH_READER_MEMORY"  # bytes of address space one reading process may use


def _reader_memory_limit() -> int | None:
    """The address-space cap of a reading process: ``$GOVGRAPH_READER_MEMORY`` bytes,
    else 4 GiB more than the process already maps (a hostile file then fails with
    MemoryError instead of taking the machine's memory)."""
    env = os.environ.get(READER_MEMORY_ENV)
    if env:
        return int(env) if env.isdigit() and int(env) > 0 else None
    try:
        with open("/proc/self/statm") as f:
            mapped = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return None
    return mapped + 4 * 2**30


def _init_worker(aliases: Any) -> None:
    global _worker_aliases
    _worker_aliases = aliases
    limit = _reader_memory_limit()
    if limit:
        try:
            import resource

            soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            if hard != resource.RLIM_INFINITY:
                limit = min(limit, hard)
            if soft == resource.RLIM_INFINITY or soft > limit:
                resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        except (ImportError, ValueError, OSError):  # not on this system
            pass


def _parse_one(path: Path, kind: str | None, aliases: Any = None) -> Parsed | Failure:
    """Read one file; a bad file becomes a :class:`Failure`, never an exception."""
    from loaders import load_file

    aliases = aliases if aliases is not None else _worker_aliases
    try:
        size = path.stat().st_size
        src, docs = load_file(path, kind, aliases)
    except LoadError as e:
        return Failure(path, str(e), e.line)
    except GovGraphError as e:
        return Failure(path, f"{path}: {e}")
    except RecursionError as e:
        return Failure(path, f"{path}: too deeply nested to read ({e})")
    except MemoryError:
        return Failure(path, f"{path}: too large to read in memory")
    except Exception as e:  # a bug in a reader: this file fails, the others still load
        return Failure(path, f"{path}: unexpected {type(e).__name__}: {e} (an error in govgraph; please report it)",
                       bug=True, detail=traceback.format_exc())
    # the store's check, here in parallel rather than in the one writer: load_file has
    # checked each graph against the schema already; left is that no document comes twice
    ids = [d.doc_id for d in docs]
    if len(ids) != len(set(ids)):
        try:
            check_documents(docs)
        except GovGraphError as e:
            return Failure(path, f"{path}: not stored: {e}", bug=True)
    return Parsed(path, src.sha256, _kind_of(docs) or (kind or ""), docs, size, checked=True)


def _kind_of(docs: list[DocumentGraph]) -> str:
    if not docs:
        return ""
    for n in docs[0].nodes:
        if n.id == docs[0].doc_id:
            return str(n.properties.get("kind", ""))
    return ""


def _workers(n_files: int, workers: int | None) -> int:
    if workers is None:
        env = os.environ.get("GOVGRAPH_WORKERS")
        workers = int(env) if env and env.isdigit() else (len(os.sched_getaffinity(0))
                                                           if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
    return max(1, min(workers, n_files))


def iter_parsed(paths: Sequence[Path], kind: str | None = None, aliases: Any = None,
                workers: int | None = None) -> Iterator[Parsed | Failure]:
    """Read ``paths`` in a pool of ``workers`` processes (default: one per core);
    yield a :class:`Parsed` or a :class:`Failure` per file, in input order.

    At most a few files per worker are in flight, so memory stays bounded by
    the largest files, not the corpus.
    """
    from loaders.names import AliasTable

    aliases = aliases or AliasTable.default()
    n = _workers(len(paths), workers)
    if n <= 1:
        for p in paths:
            yield _parse_one(Path(p), kind, aliases)
        return
    import multiprocessing as mp

    import loaders.kinds  # noqa: F401  (imported once here, inherited by forked workers)

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None

    def pool(workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                                   initargs=(aliases,))

    todo = deque(Path(p) for p in paths)
    window = 2 * n
    while todo:
        pending: deque[tuple[Path, Future]] = deque()
        with pool(n) as ex:
            while todo or pending:
                while todo and len(pending) < window:
                    p = todo.popleft()
                    pending.append((p, ex.submit(_parse_one, p, kind)))
                p, fut = pending.popleft()
                try:
                    result = fut.result()
                except BrokenProcessPool:
                    # A reading process died (killed, out of memory): the files in flight are
                    # read again one at a time, each alone, to find the one that kills it.
                    suspects = [p] + [q for q, _ in pending]
                    pending.clear()
                    break
                yield result
            else:
                continue
        for q in suspects:
            yield _parse_alone(q, kind, pool)


def _parse_alone(path: Path, kind: str | None, pool: Callable[[int], ProcessPoolExecutor]) -> Parsed | Failure:
    with pool(1) as ex:
        try:
            return ex.submit(_parse_one, path, kind).result()
        except BrokenProcessPool:
            return Failure(path, f"{path}: the process reading it died (out of memory, or killed)")


def parse_files(paths: Sequence[Path], kind: str | None = None, aliases=None,
                progress: Callable[[Path], None] | None = None) -> list[Parsed]:
    """Read and understand every file before anything is written (all or nothing):
    raises the first file's :class:`LoadError`."""
    from loaders import load_file
    from loaders.names import AliasTable

    aliases = aliases or AliasTable.default()
    out = []
    for p in paths:
        src, docs = load_file(p, kind, aliases)
        out.append(Parsed(Path(p), src.sha256, _kind_of(docs) or (kind or ""), docs, _size(p)))
        if progress:
            progress(p)
    return out


def _size(p: Path | str) -> int:
    try:
        return Path(p).stat().st_size
    except OSError:
        return 0


def load_parsed(store: Store, parsed: Sequence[Parsed],
                progress: Callable[[Path], None] | None = None) -> list[LoadSummary]:
    """Write each parsed file into the store, one transaction per file."""
    out = []
    for item in parsed:
        out.append(store.load(item.docs, str(item.path.resolve()), item.sha256))
        log.info("loaded %s: %d documents", item.path, len(item.docs))
        if progress:
            progress(item.path)
    return out


# -- reading and writing --------------------------------------------------------
def ingest(store: Store, inputs: Iterable[str | Path], *, kind: str | None = None, aliases: Any = None,
           strict: bool = False, workers: int | None = None,
           progress: Callable[[Progress], None] | None = None) -> IngestResult:
    """Read ``inputs`` (files or folders) and write them into ``store``, file by file (each file
    whole or not at all; a few dozen files share a commit: :class:`_Batches`).

    Returns what loaded and what did not. Raises :class:`NotLoaded` when no file
    loaded (or, with ``strict``, when any file does not read: then nothing is
    written); :class:`~graph.errors.StoreError` when the store fails.
    """
    paths = collect_inputs(inputs)
    state = Progress(len(paths))
    result = IngestResult(progress=state)

    def step(item: Parsed | Failure) -> None:
        state.files_done += 1
        if isinstance(item, Failure):
            state.failed += 1
            result.failures.append(item)
            if item.bug:
                log.debug("%s", item.detail)
        if progress:
            progress(state)

    batches = _Batches(store)
    try:
        return _ingest(store, paths, kind, aliases, strict, workers, result, state, step, batches)
    finally:
        batches.close()


def _ingest(store, paths, kind, aliases, strict, workers, result, state, step, batches) -> IngestResult:
    if strict:
        parsed = []
        for item in iter_parsed(paths, kind, aliases, workers):
            if isinstance(item, Failure):
                result.failures.append(item)
            else:
                parsed.append(item)
        if result.failures:
            raise NotLoaded(result.failures, strict=True)
        for item in parsed:
            batches.write(lambda: _write(store, item, result, state))
            step(item)
        return result
    for item in iter_parsed(paths, kind, aliases, workers):
        if isinstance(item, Parsed):
            failure = batches.write(lambda: _write(store, item, result, state))
            step(failure or item)
        else:
            step(item)
    if not result.loaded and result.failures:
        raise NotLoaded(result.failures)
    return result


#: files written in one transaction of the store (:meth:`Store.batch`) at most, and seconds one stays open
BATCH_FILES = 64
BATCH_SECONDS = 1.0


class _Batches:
    """Writes grouped into the store's batches: a batch ends after BATCH_FILES files or
    BATCH_SECONDS, so other writers wait little and a kill costs at most one batch."""

    def __init__(self, store: Store):
        self.store = store
        self.open: Any = None
        self.files = 0
        self.since = 0.0

    def write(self, fn: Callable[[], Any]) -> Any:
        if self.open is None:
            self.open = self.store.batch()
            self.open.__enter__()
            self.files, self.since = 0, time.monotonic()
        out = fn()
        self.files += 1
        if self.files >= BATCH_FILES or time.monotonic() - self.since >= BATCH_SECONDS:
            self.close()
        return out

    def close(self) -> None:
        if self.open is not None:
            batch, self.open = self.open, None
            batch.__exit__(None, None, None)


def _write(store: Store, item: Parsed, result: IngestResult, state: Progress) -> Failure | None:
    try:
        summary = store.load(item.docs, str(item.path.resolve()), item.sha256, checked=item.checked)
    except SchemaError as e:  # the reader gave a graph the schema refuses: this file fails
        return Failure(item.path, f"{item.path}: not stored: {e}", bug=True)
    result.loaded.append((item.slim(), summary))
    state.documents += len(item.docs)
    state.bytes += item.size
    log.info("loaded %s: %d documents", item.path, len(item.docs))
    return None


# -- a whole build -------------------------------------------------------------
@dataclass
class BuildResult:
    outdir: Path
    store: str                   # the store the build wrote (OUTDIR/graph.db unless one was given)
    written: list[str]           # paths relative to outdir
    ingest: IngestResult
    nodes: int = 0
    edges: int = 0

    @property
    def failures(self) -> list[Failure]:
        return self.ingest.failures


def build(inputs: Iterable[str | Path], outdir: str | Path, *, store: str | None = None, keep: bool = False,
          kind: str | None = None, aliases: Any = None, maps: bool = True, strict: bool = False,
          workers: int | None = None, progress: Callable[[Progress], None] | None = None,
          as_of: str | None = None) -> BuildResult:
    """Read ``inputs`` into a store and write ``outdir``: graph.db (unless ``store``
    names another store), graph.json, report.md, report.html and maps/.

    Everything is written into a temporary folder beside ``outdir`` and moved in
    at the end; outputs of an earlier build that this one does not write (maps
    after ``maps=False``) are removed, so nothing stale stays. Without ``store``
    the store is always ``outdir/graph.db`` (``keep`` starts from its contents);
    with ``store``, that store is cleared first unless ``keep``. ``as_of``: the
    date the report judges deadlines on (default: today).
    """
    from .export import dumps_json
    from .stores import open_store
    from .stores.sqlite import SQLiteStore

    paths = collect_inputs(inputs)  # a missing input fails before anything is touched
    out = Path(outdir)
    if out.exists() and not out.is_dir():
        raise GovGraphError(f"{out} is a file, not an output folder")
    if store is None and (out / "graph.db").exists():
        SQLiteStore(out / "graph.db", create=False).close()  # refuses a file that is not a govgraph store
    try:
        out.mkdir(parents=True, exist_ok=True)
        _remove_dead_builds(out)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.resolve().name}.building-", dir=out.resolve().parent))
        (tmp / "pid").write_text(str(os.getpid()), encoding="ascii")
    except OSError as e:
        raise GovGraphError(f"cannot write the output folder {out}: {e.strerror or e}") from None
    try:
        if store is None:
            target = tmp / "graph.db"
            if keep and (out / "graph.db").exists():
                _copy_sqlite(out / "graph.db", target)
            st: Store = SQLiteStore(target)
            store_name = str(out / "graph.db")
        else:
            st = open_store(store)
            store_name = store
            if not keep:
                st.clear()
        with st:
            result = ingest(st, paths, kind=kind, aliases=aliases, strict=strict, workers=workers,
                            progress=progress)
            nodes, edges = list(st.nodes()), list(st.edges())
        written = _write_outputs(tmp, nodes, edges, result, maps, dumps_json, as_of)
        if store is None:
            written.insert(0, "graph.db")
        _swap_in(tmp, out, replace_store=store is None)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return BuildResult(out, store_name, written, result, len(nodes), len(edges))


def _remove_dead_builds(out: Path) -> None:
    """Remove the temporary folders of builds of ``out`` that were killed (their process is gone)."""
    for d in out.resolve().parent.glob(f".{out.resolve().name}.building-*"):
        try:
            pid = int((d / "pid").read_text(encoding="ascii"))
            os.kill(pid, 0)
            continue                     # still running: another build of the same folder
        except ProcessLookupError:
            pass
        except (OSError, ValueError):    # no pid file yet, or not ours to judge
            continue
        shutil.rmtree(d, ignore_errors=True)


def _write_outputs(tmp: Path, nodes, edges, result: IngestResult, maps: bool, dumps_json,
                   as_of: str | None = None) -> list[str]:
    from .analysis.report import markdown_to_html  # the same report as one offline HTML page
    from .report import summary_report

    (tmp / "graph.json").write_text(dumps_json(nodes, edges), encoding="utf-8")
    written = ["graph.json", "report.md", "report.html"]
    if maps:  # before the report, which links the maps that exist
        try:
            from .maps import build_maps
        except ImportError:  # maps not available in this build
            build_maps = None
        if build_maps:
            written += [str(p.relative_to(tmp)) for p in build_maps(nodes, edges, tmp)]
    report_md = summary_report(nodes, edges, warnings=result.warnings, failures=[str(f) for f in result.failures],
                               as_of=as_of, outdir=tmp)
    (tmp / "report.md").write_text(report_md, encoding="utf-8")
    (tmp / "report.html").write_text(markdown_to_html(report_md), encoding="utf-8")
    return written


def _copy_sqlite(src: Path, dst: Path) -> None:
    """Copy a store with SQLite's backup (consistent even while others write it)."""
    import sqlite3

    from .stores.sqlite import SQLiteStore

    with SQLiteStore(src, create=False) as old:  # refuses a file that is not a govgraph store
        new = sqlite3.connect(dst)
        try:
            old.db.backup(new)
        finally:
            new.close()


def _swap_in(tmp: Path, out: Path, *, replace_store: bool) -> None:
    """Move the new outputs from ``tmp`` into ``out``, replacing the old ones;
    remove old outputs the new build did not write."""
    for name in OUTPUTS:
        if name == "graph.db" and not replace_store:
            continue
        new, old = tmp / name, out / name
        if name == "graph.db":
            _retire_sqlite(old)
        if old.is_dir() and not old.is_symlink():
            trash = tmp / f".old-{name}"
            old.rename(trash)
        if new.exists():
            os.replace(new, old)
        elif old.exists() or old.is_symlink():
            old.unlink()
        if name == "graph.db":
            for suffix in ("-wal", "-shm"):  # a journal of the old file must not meet the new one
                Path(str(old) + suffix).unlink(missing_ok=True)


def _retire_sqlite(path: Path) -> None:
    """Fold an old store's write-ahead log into it before it is replaced."""
    import sqlite3

    if not path.exists():
        return
    try:
        db = sqlite3.connect(path, timeout=5)
        try:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            db.close()
    except sqlite3.Error as e:  # not ours or unreadable: it is replaced all the same
        log.debug("%s: %s", path, e)
