"""The quick questions answered from the cache's small views give exactly the
rows the same functions give on the whole graph, cold (views built) and warm
(views and rows read back)."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import graph.analysis as A
from graph.cli import cli
from graph.errors import QueryError
from graph.stores import open_store
from queries.registry import get, normalise, run_query
from queries.views import VIEWS, LazyEvidence, make_view

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "liaoning"

CASES = [
    ("search", {"text": "财政"}), ("search", {"text": "局", "kind": "Agency", "limit": 0}),
    ("search", {"text": "公安", "limit": 3}), ("search", {"text": "刘"}),
    ("neighbours", {"name": "刘兴达", "depth": 2}), ("neighbours", {"name": "市财政局", "depth": 1}),
    ("neighbours", {"name": "盘锦市", "depth": 3}),
    ("path", {"a": "市住建局", "b": "市发展改革局"}), ("path", {"a": "刘兴达", "b": "市财政局"}),
    ("path", {"a": "县公安局", "b": "盘锦市"}),
    ("chain", {"start": "盘锦市", "depth": 2}), ("chain", {"start": "县公安局", "direction": "up"}),
    ("chain", {"start": "盘锦市", "direction": "both", "depth": 5}),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("views")
    db = folder / "g.db"
    r = CliRunner().invoke(cli, ["load", "--store", str(db), "-q", str(EXAMPLES)])
    assert r.exit_code == 0, r.output
    return db


def _whole(st, name, params):
    """The rows on the whole graph, the way the query runs without a cache."""
    q = get(name)
    bound = q.bind(params)
    G = A.graph_of(st)
    from queries.registry import _answer

    try:
        return normalise(_answer(q, G, bound, None), q.sort)
    except QueryError as e:
        return str(e)


def _cached(st, name, params):
    try:
        return run_query(st, name, **params)
    except QueryError as e:
        return str(e)


@pytest.mark.parametrize("name,params", CASES, ids=[f"{n}-{i}" for i, (n, _) in enumerate(CASES)])
def test_views_answer_as_the_whole_graph(store, tmp_path, monkeypatch, name, params):
    monkeypatch.setenv("GOVGRAPH_CACHE", str(tmp_path / "cache"))
    with open_store(str(store)) as st:
        want = _whole(st, name, params)
        assert want, (name, params)
        assert _cached(st, name, params) == want  # cold: views built
    with open_store(str(store)) as st:
        assert _cached(st, name, params) == want  # warm: views and rows read back
    assert list((tmp_path / "cache").glob(f"*/view-{get(name).view}.pickle"))


def test_views_leave_out_only_what_they_say(store):
    with open_store(str(store)) as st:
        G = A.graph_of(st)
    names = make_view(G, "names")
    assert set(names.nodes) == set(G.nodes) and names.number_of_edges() == 0
    topo = make_view(G, "topology")
    assert {k for *_, k in topo.edges(keys=True)} == {k for *_, k, d in G.edges(keys=True, data=True)
                                                      if d["type"] != "LISTED_IN"}
    chains = make_view(G, "chains")
    assert {d["type"] for *_, d in chains.edges(data=True)} <= set(VIEWS["chains"]["edges"])
    for s, t, k, d in chains.edges(keys=True, data=True):
        assert d["evidence"] == G.edges[s, t, k]["evidence"]


def test_lazy_evidence_reads_its_shard_once():
    calls = []

    def load(i):
        calls.append(i)
        return {"e1": [{"doc": "d", "line": 3, "text": "甲牵头"}]}

    ev = LazyEvidence("e1", load)
    assert ev and not calls  # true before it is read
    assert list(ev) == [{"doc": "d", "line": 3, "text": "甲牵头"}] and len(ev) == 1 and ev[0]["line"] == 3
    assert len(calls) == 1
