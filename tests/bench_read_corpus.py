"""Benchmark: read every document under a folder, as `govgraph build` would, and count.

    python tests/bench_read_corpus.py ../shared/corpus/real [--workers N] [--json]

Prints documents read / refused / crashed (a crash is any exception other than the
clear LoadError a bad file gets, with its traceback on stderr), the documents with
at least one LEADS, HEADS or DELEGATED_FROM, the kind mix, facts per kind, and
seconds and MB/s. Run on purpose; not part of the test suite.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.errors import LoadError  # noqa: E402
from loaders.base import load_file  # noqa: E402
from loaders.formats import documents_in  # noqa: E402

FACTS = ("LEADS", "ASSISTS", "HEADS", "MEMBER_OF", "DELEGATED_FROM", "HOLDS")


def _read(path: str) -> dict:
    t0 = time.perf_counter()
    out: dict = {"path": path, "bytes": os.path.getsize(path)}
    try:
        _, docs = load_file(path)
    except LoadError as e:
        out["refused"] = str(e)
    except Exception:  # noqa: BLE001 - a crash is what this benchmark looks for
        out["crashed"] = traceback.format_exc()
    else:
        edges = Counter(e.type for d in docs for e in d.edges)
        kinds = [n.properties.get("kind", "?") for d in docs for n in d.nodes if n.id == d.doc_id]
        out.update(kinds=kinds, edges=dict(edges), duties=sum(n.label == "Duty" for d in docs for n in d.nodes))
    out["seconds"] = time.perf_counter() - t0
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    a = ap.parse_args()
    files = [str(p) for p in documents_in(a.folder)]
    t0 = time.perf_counter()
    with ProcessPoolExecutor(a.workers) as pool:
        results = list(pool.map(_read, files, chunksize=8))
    wall = time.perf_counter() - t0
    read = [r for r in results if "kinds" in r]
    refused = [r for r in results if "refused" in r]
    crashed = [r for r in results if "crashed" in r]
    for r in crashed:
        print(f"CRASH {r['path']}\n{r['crashed']}", file=sys.stderr)
    for r in refused:
        print(f"refused: {r['refused']}", file=sys.stderr)
    kind_mix = Counter(k for r in read for k in r["kinds"])
    per_kind: dict[str, Counter] = defaultdict(Counter)
    for r in read:
        k = r["kinds"][0] if r["kinds"] else "?"
        per_kind[k]["documents"] += 1
        per_kind[k]["Duty"] += r["duties"]
        for t in FACTS:
            per_kind[k][t] += r["edges"].get(t, 0)
    mb = sum(r["bytes"] for r in results) / 1e6
    cpu = sum(r["seconds"] for r in results)
    figures = {
        "folder": a.folder, "files": len(files), "read": len(read), "refused": len(refused), "crashed": len(crashed),
        "with_LEADS": sum(1 for r in read if r["edges"].get("LEADS")),
        "with_HEADS": sum(1 for r in read if r["edges"].get("HEADS")),
        "with_DELEGATED_FROM": sum(1 for r in read if r["edges"].get("DELEGATED_FROM")),
        "with_any_of_the_three": sum(1 for r in read if any(r["edges"].get(t) for t in ("LEADS", "HEADS", "DELEGATED_FROM"))),
        "kind_mix": dict(kind_mix.most_common()),
        "facts_per_kind": {k: dict(v) for k, v in sorted(per_kind.items())},
        "MB": round(mb, 2), "seconds_wall": round(wall, 1), "workers": a.workers,
        "MB_per_s_wall": round(mb / wall, 2) if wall else None,
        "MB_per_s_per_core": round(mb / cpu, 2) if cpu else None,
        "median_ms_per_document": round(sorted(r["seconds"] for r in results)[len(results) // 2] * 1000, 1) if results else None,
    }
    if a.json:
        print(json.dumps(figures, ensure_ascii=False, indent=1))
    else:
        for k, v in figures.items():
            if isinstance(v, dict):
                print(f"{k}:")
                for kk, vv in v.items():
                    print(f"  {kk}\t{vv}")
            else:
                print(f"{k}\t{v}")
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
