"""The NetworkX graph kept between question commands: used while the store is
unchanged, never once a load or a remove changed it, and never needed."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.stores import open_store
from queries import cache
from queries.registry import graph_for, run_query

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "liaoning"
TASKS = EXAMPLES / "003_5b890ae601a5bb51.txt"
DELEGATION = EXAMPLES / "004_52e5f676ec82a240.txt"


def gg(*args: str) -> str:
    r = CliRunner().invoke(cli, list(args))
    assert r.exit_code == 0, r.output
    return r.output


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.delenv("GOVGRAPH_CACHE", raising=False)
    path = tmp_path / "g.db"
    gg("load", "--store", str(path), "-q", str(TASKS))
    return path


def test_second_question_reads_the_cache(db, monkeypatch):
    first = gg("workload", "--by", "document", "--store", str(db), "--json")  # per document: the whole graph
    cache_file = db.with_name(db.name + ".cache") / "graph.pickle"
    assert cache_file.exists()
    # the store's graph is not rebuilt while the cache is fresh
    import graph.analysis as A

    def boom(store):
        raise AssertionError("rebuilt the graph although the store did not change")

    monkeypatch.setattr(A, "graph_of", boom)
    assert gg("workload", "--by", "document", "--store", str(db), "--json") == first
    assert gg("find", "财政", "--store", str(db), "--json")


def test_a_load_makes_the_cache_stale(db):
    before = json.loads(gg("workload", "--store", str(db), "--json"))
    gg("load", "--store", str(db), "-q", str(DELEGATION))
    after = json.loads(gg("workload", "--store", str(db), "--json"))
    with open_store(str(db)) as st:
        want = run_query(st, "workload", graph=__import__("graph.analysis", fromlist=["graph_of"]).graph_of(st))
    assert after["workload"] == want
    assert after["workload"] != before["workload"]
    # and a remove does too
    gg("remove", "--store", str(db), str(DELEGATION))
    assert json.loads(gg("workload", "--store", str(db), "--json"))["workload"] == before["workload"]


def test_the_version_changes_with_every_commit(db):
    with open_store(str(db)) as st:
        v1 = cache.store_version(st)
        assert v1 == cache.store_version(st)
    gg("load", "--store", str(db), "-q", str(DELEGATION))
    with open_store(str(db)) as st:
        assert cache.store_version(st) != v1


def test_a_broken_cache_file_is_rebuilt(db):
    first = gg("workload", "--by", "document", "--store", str(db), "--json")
    cache_file = db.with_name(db.name + ".cache") / "graph.pickle"
    cache_file.write_bytes(b"not a pickle")
    assert gg("workload", "--by", "document", "--store", str(db), "--json") == first


def test_a_cache_that_cannot_be_written_is_skipped(db, monkeypatch):
    monkeypatch.setenv("GOVGRAPH_CACHE", "/proc/govgraph-no-such-folder")
    assert "workload" in gg("workload", "--store", str(db))


def test_cache_off_and_cache_folder(db, tmp_path, monkeypatch):
    monkeypatch.setenv("GOVGRAPH_CACHE", "off")
    with open_store(str(db)) as st:
        assert cache.cache_dir(st) is None
        G1 = graph_for(st)
    assert not db.with_name(db.name + ".cache").exists()
    where = tmp_path / "caches"
    monkeypatch.setenv("GOVGRAPH_CACHE", str(where))
    with open_store(str(db)) as st:
        G2 = graph_for(st)
    assert sorted(G1.nodes) == sorted(G2.nodes)
    assert len(list(where.glob("sqlite-*/graph.pickle"))) == 1


@pytest.mark.neo4j
def test_neo4j_cache_follows_loads(neo4j_store, tmp_path, monkeypatch):
    from test_analysis import build_docs

    monkeypatch.setenv("GOVGRAPH_CACHE", str(tmp_path / "cache"))
    docs = build_docs()
    neo4j_store.load([docs[0]], docs[0].source_file)
    v1 = cache.store_version(neo4j_store)
    first = run_query(neo4j_store, "neighbours", name="住建局", depth=1)
    assert not list((tmp_path / "cache").glob("neo4j-*/names.pickle"))  # names are looked up, not listed
    assert run_query(neo4j_store, "neighbours", name="住建局", depth=1) == first  # warm
    for d in docs[1:]:
        neo4j_store.load([d], d.source_file)
    assert cache.store_version(neo4j_store) != v1
    after = run_query(neo4j_store, "neighbours", name="住建局", depth=1)
    assert len(after) > len(first)  # the other documents' tasks are found: the cache did not answer
    diff_rows = run_query(neo4j_store, "diff", a="2016-01-01", b="2022-01-01")  # through the whole graph, cached
    assert run_query(neo4j_store, "diff", a="2016-01-01", b="2022-01-01") == diff_rows
    assert list((tmp_path / "cache").glob("neo4j-*/graph.pickle"))
