"""The quick questions answered from the part of the graph they need
(:mod:`queries.local`) give exactly the rows the same functions give on the
whole graph: on the sample and on the real documents, for names picked from
the graph itself, and through the command line with the cache on and off."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

import graph.analysis as A
from graph.analysis.names import GraphNames, name_index, resolve
from graph.cli import cli
from graph.errors import QueryError
from graph.stores import open_store
from older_layouts import write_layout_4
from queries import local
from queries.registry import _answer, get, normalise

ROOT = Path(__file__).resolve().parent.parent
CORPORA = {"liaoning": ROOT / "examples" / "liaoning", "real": ROOT / "examples" / "real"}

FIXED = [
    ("search", {"text": "财政"}), ("search", {"text": "局", "kind": "Agency", "limit": 0}),
    ("search", {"text": "公安", "limit": 3}), ("search", {"text": "刘"}), ("search", {"text": "没有这个名字"}),
    ("search", {"text": "  "}),
    ("neighbours", {"name": "刘兴达", "depth": 2}), ("neighbours", {"name": "市财政局", "depth": 1}),
    ("neighbours", {"name": "盘锦市", "depth": 3}), ("neighbours", {"name": "市财政局", "depth": 9}),
    ("path", {"a": "市住建局", "b": "市发展改革局"}), ("path", {"a": "刘兴达", "b": "市财政局"}),
    ("path", {"a": "县公安局", "b": "盘锦市"}), ("path", {"a": "县公安局", "b": "盘锦市", "max_depth": 1}),
    ("path", {"a": "市财政局", "b": "市财政局"}),
    ("chain", {"start": "盘锦市", "depth": 2}), ("chain", {"start": "县公安局", "direction": "up"}),
    ("chain", {"start": "盘锦市", "direction": "both", "depth": 5}), ("chain", {"start": "盘锦市", "depth": 0}),
    ("workload", {}), ("workload", {"include_collective": True}), ("neighbours", {"name": "不存在的单位"}),
]


@pytest.fixture(scope="module", params=sorted(CORPORA))
def store(request, tmp_path_factory):
    db = tmp_path_factory.mktemp("local") / "g.db"
    r = CliRunner().invoke(cli, ["load", "--store", str(db), "-q", str(CORPORA[request.param])])
    assert r.exit_code == 0, r.output
    with open_store(str(db)) as st:
        G = A.graph_of(st)
    return db, G, name_index(G)


def _rows(fn):
    try:
        return fn()
    except QueryError as e:
        return f"{type(e).__name__}: {e}"


def _compare(db, G, index, name, params):
    q = get(name)
    bound = q.bind(params)
    want = _rows(lambda: normalise(_answer(q, G, bound, None, index), q.sort))
    with open_store(str(db)) as st:
        got = _rows(lambda: normalise(local.answer(st, q, bound), q.sort))
    assert got == want, (name, params)
    return want


@pytest.mark.parametrize("name,params", FIXED, ids=[f"{n}-{i}" for i, (n, _) in enumerate(FIXED)])
def test_fixed_questions_answer_as_on_the_whole_graph(store, name, params):
    _compare(*store, name, params)


def _picked(G, label, k):
    ids = sorted(n for n, d in G.nodes(data=True) if d.get("label") == label)
    step = max(1, len(ids) // k)
    return ids[::step][:k]


def test_questions_on_names_picked_from_the_graph(store):
    db, G, index = store
    bodies = _picked(G, "Agency", 12) + _picked(G, "Official", 4) + _picked(G, "Group", 2)
    places = _picked(G, "Jurisdiction", 4)
    powers = _picked(G, "Power", 4)
    answered = 0
    for i, a in enumerate(bodies):
        name = G.nodes[a]["name"]
        for depth in (1, 2):
            answered += bool(_compare(db, G, index, "neighbours", {"name": name, "depth": depth}))
        b = bodies[(i * 7 + 3) % len(bodies)]
        _compare(db, G, index, "path", {"a": name, "b": G.nodes[b]["name"]})
        _compare(db, G, index, "path", {"a": a, "b": b, "max_depth": 2})
        _compare(db, G, index, "search", {"text": name[-2:], "limit": 0})
    for s in bodies + places + powers:
        for direction in ("down", "up", "both"):
            _compare(db, G, index, "chain", {"start": s, "direction": direction})
    assert answered >= len(bodies)  # most picked names have neighbours: the comparison was not of errors only


def test_names_resolve_from_the_store_as_from_the_graph(store):
    db, G, index = store
    book = GraphNames(G, index)
    forms = sorted(index)[::max(1, len(index) // 150)]
    typed = forms + ["市 财政局", "（市财政局）", "不存在", "刘 兴达", "县公安局"]
    with open_store(str(db)) as st:
        names = local.StoreNames(st)
        for form in typed:
            for labels in (None, ("Agency",), ("Official", "Agency")):
                assert _rows(lambda: resolve(names, form, labels)) == _rows(lambda: resolve(book, form, labels)), form


def test_the_command_line_answers_the_same_with_and_without_the_cache(store, tmp_path, monkeypatch):
    db, G, _ = store
    centre = _picked(G, "Agency", 3)[1]
    runs = []
    for setting in ("off", str(tmp_path / "cache"), str(tmp_path / "cache")):
        monkeypatch.setenv("GOVGRAPH_CACHE", setting)
        r = CliRunner().invoke(cli, ["neighbours", centre, "--depth", "2", "--store", str(db), "--json"])
        assert r.exit_code == 0, r.output
        runs.append(r.output)
    assert runs[0] == runs[1] == runs[2]
    assert G.nodes[centre]["name"] in runs[0] or '"distance": 1' in runs[0]


def test_a_store_of_the_older_layout_gets_its_forms(store, tmp_path):
    db, G, index = store
    old = tmp_path / "old.db"
    with sqlite3.connect(db) as src, sqlite3.connect(old) as dst:
        src.backup(dst)
    forms = "SELECT f.form, f.node_id, d.doc FROM forms f JOIN documents d ON d.docno = f.docno"
    with sqlite3.connect(old) as con:
        before = sorted(con.execute(forms))
    write_layout_4(old)
    with sqlite3.connect(old) as con:
        con.execute("DROP TABLE forms")
        con.execute("PRAGMA user_version = 2")
    assert before
    with open_store(str(old)) as st:
        assert sorted(st.db.execute(forms)) == before
