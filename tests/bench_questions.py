"""How long each question command takes on a large store, as a user runs it.

Builds a corpus of N distinct copies of the sample documents (each copy with
its own 文号 and titles, so no document merges with another), loads it into a
SQLite store (and a Neo4j store with ``--neo4j URI``), then times each
question command as a whole process (``govgraph find …``: start-up, store,
answer), cold (the first run after the load) and warm (the median of the
next ``--repeat`` runs), and prints medians.

    python tests/bench_questions.py --copies 100 --work /tmp/bench-q
    python tests/bench_questions.py --copies 100 --work /tmp/bench-q --neo4j bolt://127.0.0.1:7687

The corpus and the stores are kept in ``--work`` and reused when they already
hold the expected documents (``--fresh`` rebuilds them). Not a test: run it on
purpose; the figures go in the README.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "liaoning"
GOVGRAPH = [sys.executable, "-c", "from graph.cli import main; main()"]

# (command, arguments): the questions a user asks, with names from the sample
QUESTIONS: list[tuple[str, list[str]]] = [
    ("find", ["财政", "--kind", "Agency"]),
    ("find-any", ["公安"]),
    ("chain", ["盘锦市", "--depth", "2"]),
    ("chain-up", ["县公安局", "--direction", "up"]),
    ("path", ["市住建局", "市发展改革局"]),
    ("neighbours", ["刘兴达", "--depth", "2"]),
    ("workload", ["--top", "10"]),
    ("gaps", ["--kinds", "overdue,no_lead", "--as-of", "2024-01-01"]),
    ("overlaps", ["--min-shared", "3"]),
    ("diff", ["2015-01-01", "2024-01-01"]),
    ("stats", []),
]


def make_corpus(sample: Path, out: Path, copies: int) -> int:
    """Write ``copies`` distinct copies of every sample document into ``out``:
    each 文号 gets the copy's number appended, and each title its own
    issue (第k期), so that every copy is a document of its own. Returns the
    number of files."""
    out.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in sample.iterdir() if p.suffix == ".txt")
    n = 0
    for k in range(1, copies + 1):
        for f in files:
            text = f.read_text(encoding="utf-8")
            text = re.sub(r"([〔\[(（„【])(\d{4})([〕\])）‟】])\s*(\d+)\s*号",
                          lambda m: f"{m.group(1)}{m.group(2)}{m.group(3)}{m.group(4)}{k:04d}号", text)
            text = re.sub(r"(工作要点|责任分工方案|实施方案|工作职责的意见|工作方案)", rf"第{k}期\1", text)
            (out / f"c{k:04d}_{f.name}").write_text(text, encoding="utf-8")
            n += 1
    return n


def govgraph(args: list[str], store: str) -> tuple[float, str]:
    t = time.perf_counter()
    p = subprocess.run(GOVGRAPH + args + ["--store", store], capture_output=True, text=True,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    dt = time.perf_counter() - t
    if p.returncode != 0:
        raise SystemExit(f"govgraph {' '.join(args)} failed: {p.stderr.strip()[-2000:]}")
    return dt, p.stdout


def documents(store: str) -> int:
    _, out = govgraph(["stats", "--json"], store)
    return int(json.loads(out).get("documents", 0))


def prepare(store: str, corpus: Path, expected: int, fresh: bool) -> None:
    if not fresh:
        try:
            if documents(store) == expected:
                print(f"# reusing {store} ({expected} documents)", file=sys.stderr)
                return
        except SystemExit:
            pass
    if not store.startswith(("bolt://", "neo4j://")) and Path(store).exists():
        Path(store).unlink()
    t = time.perf_counter()
    govgraph(["load", "-q", str(corpus)], store)
    print(f"# loaded {corpus} into {store} in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    got = documents(store)
    if got != expected:
        raise SystemExit(f"{store}: {got} documents, expected {expected} (copies merged?)")


def bench(store: str, repeat: int) -> list[dict]:
    rows = []
    for name, args in QUESTIONS:
        cmd = name.split("-")[0]
        cold, out = govgraph([cmd, *args], store)
        warm = [govgraph([cmd, *args], store)[0] for _ in range(repeat)]
        rows.append({"question": f"{cmd} {' '.join(args)}".strip(), "cold_s": round(cold, 3),
                     "warm_median_s": round(statistics.median(warm), 3), "output_lines": out.count("\n")})
        print(f"{rows[-1]['question']:<48} cold {cold:6.2f} s   warm median {statistics.median(warm):6.2f} s",
              file=sys.stderr)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--copies", type=int, default=100)
    ap.add_argument("--sample", type=Path, default=SAMPLE)
    ap.add_argument("--work", type=Path, default=Path("/tmp/govgraph-bench-questions"))
    ap.add_argument("--neo4j", default=None, help="also a Neo4j store at this bolt:// URI (a throw-away one: "
                                                  "the corpus is loaded into it)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--fresh", action="store_true", help="rebuild the corpus and the stores")
    a = ap.parse_args()

    corpus = a.work / f"corpus-x{a.copies}"
    if a.fresh and corpus.exists():
        shutil.rmtree(corpus)
    if not corpus.exists():
        make_corpus(a.sample, corpus, a.copies)
    files = len(list(corpus.glob("*.txt")))
    per_copy = None
    stores = [str(a.work / f"x{a.copies}.db")] + ([a.neo4j] if a.neo4j else [])
    results = {}
    for store in stores:
        if per_copy is None:
            # the documents one copy makes (a compilation makes several)
            one = a.work / "one-copy"
            if one.exists():
                shutil.rmtree(one)
            make_corpus(a.sample, one, 1)
            probe = str(a.work / "one-copy.db")
            if Path(probe).exists():
                Path(probe).unlink()
            govgraph(["load", "-q", str(one)], probe)
            per_copy = documents(probe)
        prepare(store, corpus, per_copy * a.copies, a.fresh)
        _, stats = govgraph(["stats", "--json"], store)
        s = json.loads(stats)
        nodes = sum((s.get("nodes") or {}).values()) if isinstance(s.get("nodes"), dict) else s.get("nodes")
        print(f"# {store}: {files} files, {s.get('documents')} documents, {nodes} nodes", file=sys.stderr)
        results[store] = bench(store, a.repeat)
    print(json.dumps({"copies": a.copies, "results": results}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
