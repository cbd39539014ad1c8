"""Benchmark: batched ``UNWIND $rows`` writes against one statement per row, in Neo4j.

Not a test (pytest collects ``test_*.py`` only; importing this module does nothing).
Run it against a server you can wipe, e.g.::

    govgraph neo4j start --data /tmp/bench-neo4j        # prints bolt://127.0.0.1:PORT
    .venv/bin/python tests/bench_neo4j_load.py bolt://127.0.0.1:PORT
    govgraph neo4j stop --data /tmp/bench-neo4j

or with no URI it starts (and stops) a throw-away server itself.

It generates a synthetic corpus (default 200 documents x 150 duties: ~33k nodes,
~120k edges, so >150k rows), then writes the same merged graph
(``MERGE (n:Kind {id})`` nodes, ``MERGE (a)-[:TYPE {id}]->(b)`` relationships) with

  A. ``UNWIND $rows`` batches of 5,000 rows, one transaction per batch;
  B. one statement per row, in one transaction per 5,000 rows;
  C. one statement per row, each its own auto-commit transaction (the naive way);
  D. ``Neo4jStore.load`` of the whole corpus (per-document facts + merged view,
     one transaction per document), for the real-world figure.

B and C are capped in time (``--cap`` seconds each, default 60): if a run hits the
cap it reports the rate of the rows it wrote and says that the full-corpus time is
extrapolated. The database is cleared between runs. Prints rows/second and ratios.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from typing import Any

WARNING = "THIS BENCHMARK DELETES EVERYTHING IN THE DATABASE IT IS GIVEN"


def make_corpus(documents: int = 200, duties: int = 150, agencies: int = 2000, officials: int = 500,
                seed: int = 7) -> list[Any]:
    """Synthetic DocumentGraphs: shared agencies and officials, per-document duties."""
    import random

    from graph.records import DocumentGraph, Edge, Evidence, Mention, Node, edge_id, node_id

    rnd = random.Random(seed)
    city = "海城市"
    agency_names = [f"海城市第{i}局" for i in range(agencies)]
    official_names = [f"官员{i}" for i in range(officials)]
    docs = []
    for d in range(documents):
        doc = node_id("Document", f"bench-{d}")
        nodes: dict[str, Node] = {}
        edges: list[Edge] = []
        title = f"海城市工作分工{d}"
        docnode = Node(doc, "Document", title, {"title": title, "kind": "duty_division"}, (Mention(doc, 1, title),))
        nodes[doc] = docnode

        def agency(name: str, line: int) -> Node:
            nid = node_id("Agency", name, city)
            if nid not in nodes:
                nodes[nid] = Node(nid, "Agency", name, {"jurisdiction": city}, (Mention(doc, line, name),))
            return nodes[nid]

        for k in range(duties):
            line = 10 + k
            text = f"第{d}号文件第{k}项任务:推进重点工作落实"
            duty = Node(node_id("Duty", doc, str(k), text), "Duty", f"({k}) {text[:10]}",
                        {"number": str(k), "text": text, "document": doc}, (Mention(doc, line, text),))
            nodes[duty.id] = duty
            lead = agency(rnd.choice(agency_names), line)
            edges.append(Edge(edge_id("LEADS", lead.id, duty.id), "LEADS", lead.id, duty.id, {"role": "牵头单位"},
                              (Evidence(doc, line, f"牵头单位:{lead.name}"),)))
            for helper in rnd.sample(agency_names, 2):
                a = agency(helper, line)
                if a.id == lead.id:
                    continue
                edges.append(Edge(edge_id("ASSISTS", a.id, duty.id), "ASSISTS", a.id, duty.id,
                                  {"role": "配合单位"}, (Evidence(doc, line, f"配合单位:{a.name}"),)))
            edges.append(Edge(edge_id("LISTED_IN", duty.id, doc), "LISTED_IN", duty.id, doc, {},
                              (Evidence(doc, line, text),)))
        o = official_names[d % officials]
        oid = node_id("Official", o, city)
        nodes[oid] = Node(oid, "Official", o, {"jurisdiction": city, "titles": ["副市长"]}, (Mention(doc, 2, o),))
        edges.append(Edge(edge_id("LEADS", oid, edges[0].target), "LEADS", oid, edges[0].target, {"role": "牵头领导"},
                          (Evidence(doc, 2, f"牵头领导:{o}"),)))
        docs.append(DocumentGraph(doc, f"bench-{d}.txt", nodes=list(nodes.values()), edges=edges))
    return docs


def graph_rows(docs: list[Any]) -> tuple[dict[str, list[dict]], dict[str, list[dict]]]:
    """The merged graph as MERGE rows, by label and by type."""
    nodes: dict[str, Any] = {}
    edges: dict[str, Any] = {}
    for d in docs:
        for n in d.nodes:
            nodes.setdefault(n.id, n)
        for e in d.edges:
            edges.setdefault(e.id, e)
    by_label: dict[str, list[dict]] = {}
    for n in nodes.values():
        props = {**n.properties, "id": n.id, "label": n.label, "name": n.name}
        by_label.setdefault(n.label, []).append({"id": n.id, "props": props})
    by_type: dict[str, list[dict]] = {}
    for e in edges.values():
        props = {**e.properties, "id": e.id}
        by_type.setdefault(e.type, []).append({"id": e.id, "source": e.source, "target": e.target, "props": props})
    return by_label, by_type


def _count(by: dict[str, list[dict]]) -> int:
    return sum(len(v) for v in by.values())


def run_batched(driver, db: str, by_label, by_type, batch: int = 5000) -> tuple[int, float]:
    from queries import store as q

    t0 = time.perf_counter()
    rows = 0
    with driver.session(database=db) as s:
        for label, items in by_label.items():
            for i in range(0, len(items), batch):
                chunk = items[i:i + batch]
                s.execute_write(lambda tx: tx.run(q.MERGE_NODES[label], rows=chunk).consume())
                rows += len(chunk)
        for type_, items in by_type.items():
            for i in range(0, len(items), batch):
                chunk = items[i:i + batch]
                s.execute_write(lambda tx: tx.run(q.MERGE_EDGES[type_], rows=chunk).consume())
                rows += len(chunk)
    return rows, time.perf_counter() - t0


def _one_row_items(by_label, by_type):
    from queries import store as q

    for label, items in by_label.items():
        for r in items:
            yield q.MERGE_NODE_ONE[label], {"id": r["id"], "props": r["props"]}
    for type_, items in by_type.items():
        for r in items:
            yield q.MERGE_EDGE_ONE[type_], r


def run_per_row_in_tx(driver, db: str, by_label, by_type, cap: float, batch: int = 5000) -> tuple[int, float, bool]:
    """One statement per row, committed every ``batch`` rows. Stops after ``cap`` seconds."""
    t0 = time.perf_counter()
    rows, capped = 0, False
    items = _one_row_items(by_label, by_type)
    with driver.session(database=db) as s:
        while True:
            tx = s.begin_transaction()
            n = 0
            for query, params in items:
                tx.run(query, params).consume()
                n += 1
                if n >= batch or time.perf_counter() - t0 > cap:
                    break
            tx.commit()
            rows += n
            if n == 0 or n < batch:
                capped = time.perf_counter() - t0 > cap
                break
            if time.perf_counter() - t0 > cap:
                capped = True
                break
    return rows, time.perf_counter() - t0, capped


def run_per_row_autocommit(driver, db: str, by_label, by_type, cap: float) -> tuple[int, float, bool]:
    """One auto-commit transaction per row. Stops after ``cap`` seconds."""
    t0 = time.perf_counter()
    rows = 0
    with driver.session(database=db) as s:
        for query, params in _one_row_items(by_label, by_type):
            s.run(query, params).consume()
            rows += 1
            if time.perf_counter() - t0 > cap:
                return rows, time.perf_counter() - t0, True
    return rows, time.perf_counter() - t0, False


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("uri", nargs="?", help="bolt://HOST:PORT of a server to WIPE (default: start a throw-away one)")
    ap.add_argument("--documents", type=int, default=200)
    ap.add_argument("--duties", type=int, default=150)
    ap.add_argument("--cap", type=float, default=60.0, help="seconds for each per-row run (default 60)")
    args = ap.parse_args(argv)

    from neo4j import GraphDatabase

    import neo4j_server as server
    from graph.stores.neo4j import Neo4jStore

    tmp = None
    uri = args.uri
    if not uri:
        tmp = tempfile.mkdtemp(prefix="govgraph-bench-")
        uri = server.start(tmp, watch_stdin=True).uri
    print(WARNING + f": {uri}", file=sys.stderr)
    try:
        t = time.perf_counter()
        docs = make_corpus(args.documents, args.duties)
        by_label, by_type = graph_rows(docs)
        n_nodes, n_edges = _count(by_label), _count(by_type)
        total = n_nodes + n_edges
        print(f"corpus: {len(docs)} documents, {n_nodes:,} nodes + {n_edges:,} edges = {total:,} rows "
              f"(generated in {time.perf_counter() - t:.1f} s)")
        store = Neo4jStore(uri)
        store._ensure_schema()  # the constraints MERGE relies on
        driver = GraphDatabase.driver(uri, auth=None)
        results: dict[str, tuple[int, float, bool]] = {}

        store.clear()
        rows, secs = run_batched(driver, store.database, by_label, by_type)
        results["A"] = (rows, secs, False)
        check = driver.execute_query("MATCH (n:Node) WITH count(n) AS n MATCH ()-[r]->() RETURN n, count(r) AS r",
                                     database_=store.database).records[0]
        assert (check["n"], check["r"]) == (n_nodes, n_edges), check

        store.clear()
        results["B"] = run_per_row_in_tx(driver, store.database, by_label, by_type, args.cap)
        store.clear()
        results["C"] = run_per_row_autocommit(driver, store.database, by_label, by_type, args.cap)

        store.clear()
        t0 = time.perf_counter()
        for d in docs:
            store.load([d], d.source_file)
        secs = time.perf_counter() - t0
        facts = sum(len(d.nodes) + len(d.edges) for d in docs)
        results["D"] = (total, secs, False)
        assert sum(1 for _ in store.nodes()) == n_nodes
        store.clear()
        store.close()
        driver.close()

        names = {
            "A": "UNWIND batches of 5,000 rows, 1 tx per batch",
            "B": "1 statement per row, 1 tx per 5,000 rows",
            "C": "1 statement per row, 1 auto-commit tx per row",
            "D": f"Neo4jStore.load, 1 tx per document ({facts:,} facts + merged view)",
        }
        rate_a = results["A"][0] / results["A"][1]
        print(f"{'method':58} {'rows':>9} {'seconds':>8} {'rows/s':>9} {'vs A':>8}")
        for key in "ABCD":
            rows, secs, capped = results[key]
            rate = rows / secs
            note = ""
            if capped:
                note = f"  (capped at {args.cap:.0f} s: full corpus extrapolated to ~{total / rate:,.0f} s)"
            print(f"{key}. {names[key]:55} {rows:>9,} {secs:>8.1f} {rate:>9,.0f} {rate / rate_a:>7.3f}x{note}")
        rate_c = results["C"][0] / results["C"][1]
        rate_b = results["B"][0] / results["B"][1]
        print(f"batched UNWIND is {rate_a / rate_b:,.0f}x faster than a statement per row in shared transactions, "
              f"{rate_a / rate_c:,.0f}x faster than a transaction per row")
    finally:
        if tmp:
            server.stop(tmp)
            import shutil

            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
