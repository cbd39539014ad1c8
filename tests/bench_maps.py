"""Benchmark: how long the maps take to draw and settle in headless Chromium
(network blocked), and how big they are — for the sample corpus's views and
for a generated store of N nodes (default 5,000). Prints medians over
``--runs``; ``--shots DIR`` also saves a screenshot of every view.

    python tests/bench_maps.py examples/liaoning --nodes 5000 --runs 3 --shots build/maps/screenshots

Targets (issue 10): the sample overview settles in under 1 s, the
5,000-node overview in under 2 s. "Settled" is the first draw with labels
placed (``gg.ready``) once positions no longer change (physics is off, so
they never do after the first draw; the benchmark checks it).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def generated(n_nodes: int):
    """A store-like graph: 1 document, n/50 agencies, officials, the rest tasks
    each led by one or two agencies and assisted by two more."""
    from graph.records import Edge, Evidence, Mention, Node, edge_id, node_id

    doc = node_id("Document", "gen")
    nodes = [Node(doc, "Document", "生成的文件", {"title": "生成的文件", "loaded": True, "source_file": "gen.txt"},
                  (Mention(doc, 1, "生成的文件"),))]
    n_ag = max(2, n_nodes // 50)
    ags = [node_id("Agency", f"局{i}") for i in range(n_ag)]
    nodes += [Node(a, "Agency", f"某市第{i}局", {"jurisdiction": "某市"}, (Mention(doc, 2, f"第{i}局"),)) for i, a in enumerate(ags)]
    edges = []
    for j in range(n_nodes - 1 - n_ag):
        t = node_id("Duty", "gen", str(j))
        nodes.append(Node(t, "Duty", f"任务{j}", {"text": f"任务{j}", "document": doc, "number": str(j)},
                          (Mention(doc, 10 + j, f"任务{j}"),)))
        ev = (Evidence(doc, 10 + j, f"{j}. 任务{j} 牵头单位:第{j % n_ag}局"),)
        edges.append(Edge(edge_id("LISTED_IN", t, doc), "LISTED_IN", t, doc, {}, ev))
        for k, kind in ((j % n_ag, "LEADS"), ((j * 7 + 3) % n_ag, "ASSISTS"), ((j * 13 + 5) % n_ag, "ASSISTS")):
            edges.append(Edge(edge_id(kind, ags[k], t), kind, ags[k], t, {}, ev))
    return nodes, list({e.id: e for e in edges}.values())


def measure(browser, path: Path, shot: Path | None = None) -> dict:
    ctx = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = ctx.new_page()
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:", "about:")) else r.abort())
    t0 = time.perf_counter()
    page.goto(path.resolve().as_uri())
    page.wait_for_function("() => window.gg && window.gg.ready === true", timeout=120_000)
    ready_s = time.perf_counter() - t0
    info = page.evaluate("({drawMs: gg.drawMs, net: !!gg.network})")
    moved = False
    if info["net"]:
        before = page.evaluate("JSON.stringify(gg.network.getPositions())")
        page.wait_for_timeout(300)
        moved = page.evaluate("JSON.stringify(gg.network.getPositions())") != before
        info["nodes"] = page.evaluate("gg.network.body.nodeIndices.length")
    if shot:
        shot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shot))
    ctx.close()
    return {"settle_ms": info["drawMs"], "load_s": ready_s, "moved": moved, "nodes": info.get("nodes")}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", default=str(ROOT / "examples" / "liaoning"))
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--shots", default=None, help="save a screenshot of every sample view here")
    a = ap.parse_args(argv)
    from click.testing import CliRunner
    from playwright.sync_api import sync_playwright

    from graph import maps
    from graph.cli import cli
    from graph.export import read_json

    tmp = Path(tempfile.mkdtemp(prefix="bench-maps-"))
    r = CliRunner().invoke(cli, ["build", a.corpus, "-o", str(tmp / "sample"), "-q"])
    if r.exit_code:
        print(r.output, file=sys.stderr)
        return 1
    pages = {f"sample {p.stem}": p for p in sorted((tmp / "sample" / "maps").glob("*.html")) if p.name != "index.html"}
    nodes, edges = generated(a.nodes)
    t0 = time.perf_counter()
    pages[f"generated {a.nodes} overview"] = maps.write_page(tmp / "gen" / "overview.html", maps.render_overview(nodes, edges))
    render_ov = time.perf_counter() - t0
    t0 = time.perf_counter()
    pages[f"generated {a.nodes} --all (budget {maps.DEFAULT_BUDGET})"] = maps.write_map(tmp / "gen" / "all.html", nodes, edges, "all")
    render_all = time.perf_counter() - t0
    print(f"render in Python: generated overview {render_ov:.2f} s, --all {render_all:.2f} s", file=sys.stderr)
    rows = []
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=maps.find_chromium(), args=maps.CHROMIUM_ARGS)
        for name, path in pages.items():
            runs = []
            for i in range(a.runs):
                shot = Path(a.shots) / f"{path.stem}.png" if a.shots and i == 0 and name.startswith("sample") else None
                runs.append(measure(b, path, shot))
            rows.append((name, statistics.median(x["settle_ms"] for x in runs), statistics.median(x["load_s"] for x in runs),
                         any(x["moved"] for x in runs), runs[0]["nodes"], path.stat().st_size / 1024))
        b.close()
    print(f"{'page':44} {'settle ms':>10} {'load s':>7} {'moved':>6} {'nodes':>6} {'KB':>6}")
    for name, settle, load, moved, n, kb in rows:
        print(f"{name:44} {settle:10.0f} {load:7.2f} {str(moved):>6} {n if n is not None else '-':>6} {kb:6.0f}")
    total = sum(kb for name, *_, kb in rows if name.startswith("sample"))
    print(f"sample maps in all: {total / 1024:.1f} MB")
    ov = next(r for r in rows if r[0] == "sample overview")
    gen = next(r for r in rows if r[0].endswith(" overview") and r[0].startswith("generated"))
    print(f"targets: sample overview {ov[1]:.0f} ms (< 1000: {ov[1] < 1000}); generated overview {gen[1]:.0f} ms "
          f"(< 2000: {gen[1] < 2000})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
