"""Benchmark: reading and loading whole corpora, on SQLite and (optionally) Neo4j.

Not a test (pytest collects ``test_*.py`` only). Run it on purpose::

    .venv/bin/python tests/bench_corpus.py                       # N = 10, 100 copies of the sample; SQLite
    .venv/bin/python tests/bench_corpus.py --n 10 --n 100 --n 1000 --neo4j start --questions
    .venv/bin/python tests/bench_corpus.py --n 10 ../shared/corpus/real   # also a folder of real documents

A corpus of N is N distinct copies of ``examples/liaoning`` (tests/corpus_copies.py: each copy its own
文号 and titles, so nothing merges but the shared bodies). For each corpus it prints:

- parse MB/s per core (one process reads up to ``--parse-sample`` files);
- load end to end (files → store, reading in a process per core, one writer): MB/s and documents/s;
- the store's write rate against a plain ``executemany`` of the same rows in one transaction (SQLite)
  and against raw ``UNWIND`` batches of the same merged graph (Neo4j, as tests/bench_neo4j_load.py),
  both as wall-clock and (SQLite) CPU ratios — on a busy machine the CPU ratio is the steadier one;
- per-document write time, median of the first and of the last tenth of the load, and their ratio
  (wall, and CPU of the writing thread: on a busy machine the wall figure mostly measures the others);
- peak RSS of the writer and of the reading processes; the store's size on disk;
- with ``--questions``: the time of each question command, whole command, on each store.

``--neo4j URI`` uses a server you can wipe (THE BENCHMARK DELETES EVERYTHING IN IT); ``--neo4j start``
starts a throw-away one (neo4j_server/) and stops it at the end.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

QUESTIONS = [
    ("stats", ["stats"]),
    ("find", ["find", "财政"]),
    ("workload", ["workload", "--top", "5"]),
    ("chain", ["chain", "盘锦市", "--depth", "2"]),
    ("path", ["path", "市住建局", "市发展改革局"]),
    ("neighbours", ["neighbours", "刘兴达"]),
    ("gaps", ["gaps"]),
    ("overlaps", ["overlaps"]),
]


class TimedStore:
    """A store whose ``load`` calls are timed (wall and CPU); keeps the first ``keep`` files' documents."""

    def __init__(self, store: Any, keep: int):
        self.store, self.keep = store, keep
        self.times: list[tuple[int, float, float]] = []  # (documents, seconds, CPU seconds of this thread) per file
        self.cpu = 0.0
        self.sample: list[Any] = []               # (docs, source_file, sha256) of the first files
        self.sample_seconds = 0.0

    def load(self, docs, source_file, sha256="", **kw):
        t, c, tc = time.perf_counter(), time.process_time(), time.thread_time()
        out = self.store.load(docs, source_file, sha256, **kw)
        dt = time.perf_counter() - t
        self.cpu += time.process_time() - c
        self.times.append((len(docs), dt, time.thread_time() - tc))
        if len(self.sample) < self.keep:
            self.sample.append((docs, source_file, sha256))
            self.sample_seconds += dt
        return out

    @contextlib.contextmanager
    def batch(self):
        """The store's batch; its commit's time shared out over the loads in it."""
        first, sampled = len(self.times), len(self.sample)
        with self.store.batch():
            yield
            t, c, tc = time.perf_counter(), time.process_time(), time.thread_time()
        commit, self.cpu = time.perf_counter() - t, self.cpu + time.process_time() - c
        commit_cpu = time.thread_time() - tc
        n = len(self.times) - first
        if n:
            share = commit / n
            self.times[first:] = [(d, s + share, cs + commit_cpu / n) for d, s, cs in self.times[first:]]
            self.sample_seconds += share * (len(self.sample) - sampled)

    def __getattr__(self, name):
        return getattr(self.store, name)


def sqlite_rows(sample) -> dict[str, list[tuple]]:
    """The rows SQLiteStore writes for these documents, in the order it writes them."""
    import json

    from graph.forms import name_forms

    dumps = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
    rows: dict[str, list[tuple]] = {t: [] for t in ("documents", "node_facts", "mentions", "forms", "edge_facts",
                                                    "texts", "evidence")}
    tid = no = 0
    for docs, src, sha in sample:
        for d in docs:
            no += 1
            rows["documents"].append((no, d.doc_id, src, sha))
            rows["node_facts"] += [(no, n.id, n.label, n.name, dumps(dict(n.properties))) for n in d.nodes]
            rows["mentions"] += [(no, n.id, m.line, m.text) for n in d.nodes for m in n.mentions]
            rows["forms"] += [(no, f, n.id) for n in d.nodes
                              for f in name_forms(n.label, n.name, [m.text for m in n.mentions], n.properties)]
            rows["edge_facts"] += [(no, e.id, e.type, e.source, e.target, dumps(dict(e.properties)))
                                   for e in d.edges]
            ids: dict[tuple, int] = {}
            for e in d.edges:
                for ev in e.evidence:
                    if (ev.line, ev.text) not in ids:
                        tid += 1
                        ids[(ev.line, ev.text)] = tid
                        rows["texts"].append((tid, no, ev.line, ev.text))
            rows["evidence"] += list({(no, e.id, ids[(ev.line, ev.text)]): None
                                      for e in d.edges for ev in e.evidence})
    return rows


def plain_insert(rows: dict[str, list[tuple]], folder: Path) -> tuple[float, float]:
    """A plain executemany of the same rows into the same tables, in one transaction: (wall, cpu)."""
    from graph.stores.sqlite import _DDL

    path = folder / "plain.db"
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript(_DDL)
    t, c = time.perf_counter(), time.process_time()
    db.execute("BEGIN")
    for table, rs in rows.items():
        if rs:
            db.executemany(f"INSERT OR IGNORE INTO {table} VALUES ({','.join('?' * len(rs[0]))})", rs)
    db.execute("COMMIT")
    out = time.perf_counter() - t, time.process_time() - c
    db.close()
    path.unlink()
    return out


def parse_rate(paths: list[Path]) -> tuple[float, int, float]:
    """MB/s of one process reading these files."""
    from graph.pipeline import iter_parsed

    size = sum(p.stat().st_size for p in paths)
    t = time.perf_counter()
    docs = sum(len(x.docs) for x in iter_parsed(paths, workers=1) if hasattr(x, "docs"))
    secs = time.perf_counter() - t
    return size / 1e6 / secs, docs, secs


def tenths(times: list[tuple[int, float, float]], cpu: bool = False) -> tuple[float, float]:
    """Median time per document in the first and the last tenth of the files (wall, or the writer's CPU)."""
    per_doc = [(c if cpu else dt) / max(n, 1) for n, dt, c in times]
    k = max(1, len(per_doc) // 10)
    return statistics.median(per_doc[:k]), statistics.median(per_doc[-k:])


def du(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def run_questions(spec: str) -> list[tuple[str, float, int]]:
    out = []
    for name, args in QUESTIONS:
        t = time.perf_counter()
        r = subprocess.run([sys.executable, "-c", "from graph.cli import main; main()", *args, "--store", spec],
                           capture_output=True, cwd=ROOT)
        out.append((name, time.perf_counter() - t, r.returncode))
    return out


def bench_corpus(label: str, folder: Path, args, work: Path, neo4j_uri: str | None, neo4j_data: Path | None) -> None:
    from graph.pipeline import BATCH_FILES, collect_inputs, ingest
    from graph.stores import open_store
    from graph.stores.sqlite import SQLiteStore

    paths = collect_inputs([folder])
    size = sum(p.stat().st_size for p in paths)
    print(f"\n## {label}: {len(paths)} files, {size / 1e6:.2f} MB", flush=True)
    mbs, docs, secs = parse_rate(paths[: args.parse_sample])
    print(f"parse, one process: {min(len(paths), args.parse_sample)} files, {docs} documents in {secs:.1f} s: "
          f"{mbs:.2f} MB/s per core", flush=True)

    db = work / f"{label}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    timed = TimedStore(SQLiteStore(db), keep=args.sample_files)
    t = time.perf_counter()
    res = ingest(timed, paths, workers=args.workers)
    wall = time.perf_counter() - t
    timed.store.close()
    first, last = tenths(timed.times)
    first_cpu, last_cpu = tenths(timed.times, cpu=True)
    rows = sqlite_rows(timed.sample)
    n_rows = sum(len(v) for v in rows.values())
    p_wall, p_cpu = plain_insert(rows, work)
    # the same files again, written alone (during the load the writer shares the cores with the readers)
    alone = SQLiteStore(work / "alone.db")
    t, c = time.perf_counter(), time.process_time()
    for start in range(0, len(timed.sample), BATCH_FILES):  # in batches, as ingest writes them
        with alone.batch():
            for docs, src, sha in timed.sample[start:start + BATCH_FILES]:
                alone.load(docs, src, sha, checked=True)
    s_wall, s_cpu = time.perf_counter() - t, time.process_time() - c
    alone.close()
    for suffix in ("", "-wal", "-shm"):
        Path(str(work / "alone.db") + suffix).unlink(missing_ok=True)
    print(f"sqlite load end to end: {res.documents} documents in {wall:.1f} s: {size / 1e6 / wall:.2f} MB/s, "
          f"{res.documents / wall:.1f} docs/s ({len(res.failures)} files not loaded)")
    print(f"sqlite writes ({len(timed.sample)} files, {n_rows:,} rows, as ingest writes them): "
          f"store {n_rows / s_wall:,.0f} rows/s, plain executemany in one transaction {n_rows / p_wall:,.0f} rows/s: "
          f"{p_wall / s_wall:.2f}x wall, {p_cpu / s_cpu:.2f}x CPU ({s_cpu:.2f} s vs {p_cpu:.2f} s)")
    print(f"sqlite per-document write: first tenth {first * 1e3:.1f} ms, last tenth {last * 1e3:.1f} ms "
          f"({last / first:.2f}x); writer CPU {first_cpu * 1e3:.1f} -> {last_cpu * 1e3:.1f} ms "
          f"({last_cpu / first_cpu:.2f}x); store {du(db) / 1e6:.1f} MB")
    print(f"peak RSS: writer {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB, "
          f"readers {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB", flush=True)
    if args.questions:
        for name, secs, rc in run_questions(str(db)):
            print(f"  sqlite {name:11} {secs:6.2f} s" + (f"  (exit {rc})" if rc else ""), flush=True)

    if neo4j_uri:
        from neo4j import GraphDatabase

        from bench_neo4j_load import graph_rows, run_batched

        st = open_store(neo4j_uri)
        st.clear()
        timed = TimedStore(st, keep=args.sample_files)
        t = time.perf_counter()
        res = ingest(timed, paths, workers=args.workers)
        wall = time.perf_counter() - t
        first, last = tenths(timed.times)
        sample_docs = [d for docs, _, _ in timed.sample for d in docs]
        by_label, by_type = graph_rows(sample_docs)
        merged = sum(len(v) for v in by_label.values()) + sum(len(v) for v in by_type.values())
        print(f"neo4j load end to end: {res.documents} documents in {wall:.1f} s: {size / 1e6 / wall:.2f} MB/s, "
              f"{res.documents / wall:.1f} docs/s")
        print(f"neo4j per-document write: first tenth {first * 1e3:.1f} ms, last tenth {last * 1e3:.1f} ms "
              f"({last / first:.2f}x)" + (f"; data folder {du(neo4j_data) / 1e6:.0f} MB" if neo4j_data else ""))
        if args.questions:
            for name, secs, rc in run_questions(neo4j_uri):
                print(f"  neo4j  {name:11} {secs:6.2f} s" + (f"  (exit {rc})" if rc else ""), flush=True)
        # the same sample: through the store, and as raw UNWIND batches of its merged graph
        st.clear()
        t = time.perf_counter()
        for i in range(0, len(timed.sample), BATCH_FILES):  # as ingest writes them (graph.pipeline._Batches)
            with st.batch():
                for docs, src, sha in timed.sample[i:i + BATCH_FILES]:
                    st.load(docs, src, sha, checked=True)
        s_wall = time.perf_counter() - t
        st.clear()
        driver = GraphDatabase.driver(neo4j_uri, auth=None)
        _, raw = run_batched(driver, st.database, by_label, by_type)
        driver.close()
        st.clear()
        st.close()
        print(f"neo4j writes ({len(timed.sample)} files, {merged:,} merged rows, as ingest writes them): store {merged / s_wall:,.0f} rows/s, "
              f"raw UNWIND {merged / raw:,.0f} rows/s: {raw / s_wall:.2f}x", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", nargs="*", help="folders of documents to benchmark too (e.g. ../shared/corpus/real)")
    ap.add_argument("--n", type=int, action="append", help="copies of the sample (repeatable; default 10 and 100)")
    ap.add_argument("--neo4j", default=None, help="bolt://HOST:PORT of a server to WIPE, or 'start'")
    ap.add_argument("--questions", action="store_true", help="also time each question command")
    ap.add_argument("--workers", type=int, default=None, help="reading processes (default: one per core)")
    ap.add_argument("--parse-sample", type=int, default=50, help="files read by one process for parse MB/s")
    ap.add_argument("--sample-files", type=int, default=100, help="files whose writes are compared with plain ones")
    args = ap.parse_args(argv)
    ns = args.n or [10, 100]

    from corpus_copies import make_copies

    work = Path(tempfile.mkdtemp(prefix="govgraph-bench-"))
    neo4j_uri, neo4j_data = args.neo4j, None
    try:
        if neo4j_uri == "start":
            import neo4j_server as server

            neo4j_data = work / "neo4j"
            neo4j_uri = server.start(str(neo4j_data), watch_stdin=True).uri
        if neo4j_uri:
            print(f"THIS BENCHMARK DELETES EVERYTHING IN THE DATABASE IT IS GIVEN: {neo4j_uri}", file=sys.stderr)
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
        for n in ns:
            folder = work / f"copies-{n}"
            make_copies(ROOT / "examples" / "liaoning", folder, n)
            bench_corpus(f"sample x{n}", folder, args, work, neo4j_uri, neo4j_data)
            shutil.rmtree(folder, ignore_errors=True)
        for f in args.folders:
            bench_corpus(Path(f).name, Path(f), args, work, neo4j_uri, neo4j_data)
    finally:
        if neo4j_data is not None:
            import neo4j_server as server

            server.stop(str(neo4j_data))
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
