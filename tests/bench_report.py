"""Benchmark: writing the build report (report.md and report.html) for corpora of N copies of
the sample, or for the stores you name.

Not a test (pytest collects ``test_*.py`` only). Run it on purpose::

    .venv/bin/python tests/bench_report.py                     # N = 1, 10 copies of examples/liaoning
    .venv/bin/python tests/bench_report.py --n 1 --n 10 --n 50 --repeat 5
    .venv/bin/python tests/bench_report.py build/graph.db      # also stores already built

For each graph it prints nodes and edges, the median time (of ``--repeat`` runs) of the
Markdown report and of its HTML page, the time per 1,000 nodes, the ratio to the first graph,
the sizes of both, the number of lines and the longest line.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))


def load_copies(n: int, tmp: Path):
    from corpus_copies import make_copies

    from graph.pipeline import ingest
    from graph.stores.sqlite import SQLiteStore

    src = tmp / f"copies-{n}"
    paths = sorted(make_copies(ROOT / "examples" / "liaoning", src, n))
    with SQLiteStore(tmp / f"copies-{n}.db") as st:
        ingest(st, paths)
        return list(st.nodes()), list(st.edges())


def load_store(path: str):
    from graph.stores import open_store

    with open_store(path) as st:
        return list(st.nodes()), list(st.edges())


def measure(nodes, edges, repeat: int) -> dict:
    from graph.analysis.report import markdown_to_html
    from graph.report import summary_report

    md_t, html_t = [], []
    for _ in range(repeat):
        t = time.perf_counter()
        md = summary_report(nodes, edges, as_of="2024-01-01")
        md_t.append(time.perf_counter() - t)
        t = time.perf_counter()
        page = markdown_to_html(md)
        html_t.append(time.perf_counter() - t)
    lines = md.splitlines()
    return {"nodes": len(nodes), "edges": len(edges), "md_s": statistics.median(md_t),
            "html_s": statistics.median(html_t), "md_kb": len(md.encode()) / 1024,
            "html_kb": len(page.encode()) / 1024, "lines": len(lines), "longest": max(map(len, lines))}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("stores", nargs="*", help="govgraph stores to report on (SQLite files or bolt:// URIs)")
    ap.add_argument("--n", type=int, action="append", help="copies of the sample (default: 1 and 10)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.n or ([] if args.stores else [1, 10]):
            print(f"loading {n} copies …", file=sys.stderr)
            rows.append((f"{n} copies", measure(*load_copies(n, Path(tmp)), args.repeat)))
        for s in args.stores:
            rows.append((s, measure(*load_store(s), args.repeat)))
    first = rows[0][1]["md_s"] if rows else 1.0
    print(f"{'graph':<20} {'nodes':>7} {'edges':>7} {'report s':>9} {'html s':>7} {'s/1k nodes':>10} "
          f"{'ratio':>6} {'md KB':>7} {'html KB':>8} {'lines':>6} {'longest':>7}")
    for name, r in rows:
        print(f"{name:<20} {r['nodes']:>7} {r['edges']:>7} {r['md_s']:>9.3f} {r['html_s']:>7.3f} "
              f"{1000 * r['md_s'] / max(r['nodes'], 1):>10.3f} {r['md_s'] / first:>6.1f} {r['md_kb']:>7.0f} "
              f"{r['html_kb']:>8.0f} {r['lines']:>6} {r['longest']:>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
