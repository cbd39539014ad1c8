"""The whole-graph analyses answered from the kinds of nodes and edges they look
at (:data:`queries.local.PARTS`) give exactly the rows they give on the whole
graph: on the sample and on the real documents, with and without a date cut."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import graph.analysis as A
from graph.cli import cli
from graph.errors import QueryError
from graph.netx import from_rows
from graph.stores import open_store
from queries import local
from queries.registry import _answer, get, normalise

ROOT = Path(__file__).resolve().parent.parent
CORPORA = {"liaoning": ROOT / "examples" / "liaoning", "real": ROOT / "examples" / "real"}
DATES = [None, "2000-01-01", "2016-06-30", "2019-01-01", "2024-01-01"]

QUESTIONS = [
    ("top_officials", {}), ("top_officials", {"limit": 0}), ("centrality", {}), ("centrality", {"include_collective": True}),
    ("communities", {}), ("gaps", {}), ("gaps", {"kinds": "overdue,no_lead"}), ("unheld_grants", {}),
    ("co_leads", {}), ("same_matter", {}), ("same_matter", {"within": False, "min_similarity": 0.3}),
    ("role_flips", {}), ("overlap_matrix", {"min_shared": 1}), ("overlap_matrix", {"min_shared": 3, "include_collective": True}),
]
DIFFS = [("2015-01-01", "2024-01-01"), ("2000-01-01", "2019-06-01"), ("2024-01-01", "2016-01-01"), ("2018-01-01", "2018-01-01")]


@pytest.fixture(scope="module", params=sorted(CORPORA))
def store(request, tmp_path_factory):
    db = tmp_path_factory.mktemp("part") / "g.db"
    r = CliRunner().invoke(cli, ["load", "--store", str(db), "-q", str(CORPORA[request.param])])
    assert r.exit_code == 0, r.output
    with open_store(str(db)) as st:
        G = A.graph_of(st)
    return db, G


def _rows(fn):
    try:
        return fn()
    except QueryError as e:
        return f"{type(e).__name__}: {e}"


def _compare(db, G, name, params):
    q = get(name)
    bound = q.bind(params)
    as_of = bound.get("as_of") if q.as_of else None
    want = _rows(lambda: normalise(_answer(q, G, bound, as_of), q.sort))
    with open_store(str(db)) as st:
        part = local.part_for(st, q, bound, as_of)
        assert part is not None, (name, params)
        got = _rows(lambda: normalise(_answer(q, part, bound, as_of), q.sort))
    assert got == want, (name, params)
    return want


@pytest.mark.parametrize("name,params", QUESTIONS, ids=[f"{n}-{i}" for i, (n, _) in enumerate(QUESTIONS)])
def test_whole_graph_questions_answer_from_their_part(store, name, params):
    db, G = store
    rows = _compare(db, G, name, params)
    if name in ("top_officials", "centrality", "gaps", "co_leads", "overlap_matrix"):
        assert rows and not isinstance(rows, str)  # something was compared


@pytest.mark.parametrize("date", DATES[1:])
def test_the_part_cut_to_a_date_answers_as_the_whole_graph_cut(store, date):
    db, G = store
    for name, params in QUESTIONS:
        q = get(name)
        if local._cuts(local.PARTS[name]):
            _compare(db, G, name, {**params, "as_of": date})
        else:
            with open_store(str(db)) as st:
                assert local.part_for(st, q, q.bind({**params, "as_of": date}), date) is None


def test_diff_of_two_dates_answers_from_its_part(store):
    db, G = store
    changed = 0
    for a, b in DIFFS:
        changed += len(_compare(db, G, "diff", {"a": a, "b": b}))
    assert changed  # the dates were chosen so that something changes between them
    with open_store(str(db)) as st:  # two documents are named by their forms: the whole graph
        assert local.part_for(st, get("diff"), {"a": "x", "b": "2024-01-01"}, None) is None


def test_rows_cut_as_the_graph_is_cut(store):
    db, G = store
    with open_store(str(db)) as st:
        labels = sorted({d["label"] for _, d in G.nodes(data=True)})
        types = sorted({d["type"] for _, _, d in G.edges(data=True)})
        nodes, edges = list(st.node_rows(labels)), list(st.edge_rows(types))
    whole = from_rows(nodes, edges)
    assert sorted(whole.nodes(data=True)) == sorted(G.nodes(data=True))
    assert sorted(whole.edges(keys=True, data=True)) == sorted(G.edges(keys=True, data=True))
    docs = [(n, d["properties"]) for n, d in G.nodes(data=True) if d["label"] == "Document"]
    cut_some = False
    for date in DATES[1:]:
        dropped = A.timeline.dropped_documents(docs, date)
        H = A.as_of(G, date)
        cut = from_rows(*A.timeline.restrict_rows(nodes, edges, dropped))
        assert sorted(cut.nodes(data=True)) == sorted(H.nodes(data=True)), date
        assert sorted(cut.edges(keys=True, data=True)) == sorted(H.edges(keys=True, data=True)), date
        cut_some |= cut.number_of_nodes() < G.number_of_nodes()
    assert cut_some


def test_mentions_and_evidence_by_document_name_the_documents_of_the_full_ones(store):
    db, G = store
    with open_store(str(db)) as st:
        for row in st.node_rows(["Agency", "Duty"], "docs"):
            assert row[4] == [{"doc": d} for d in sorted({m["doc"] for m in G.nodes[row[0]]["mentions"]})]
        for row in st.edge_rows(["LEADS", "HOLDS"], "docs"):
            d = G.edges[row[2], row[3], row[0]]
            assert row[5] == [{"doc": x} for x in sorted({e["doc"] for e in d["evidence"]})]
        assert all(row[4] == [] for row in st.node_rows(["Agency"], "none"))


def test_the_commands_answer_without_the_whole_graph(store, tmp_path, monkeypatch):
    """gaps, overlaps, workload and diff of two dates print what they print from the whole
    graph (read whole with --by document, as before), and never read it."""
    db, G = store
    commands = [["gaps", "--as-of", "2019-01-01"], ["gaps", "--kinds", "overdue,no_lead"], ["overlaps", "--min-shared", "1"],
                ["workload"], ["diff", "2015-01-01", "2024-01-01"]]
    import queries.local as L
    import queries.registry as R

    monkeypatch.setenv("GOVGRAPH_CACHE", "off")
    monkeypatch.setattr(L, "part_for", lambda *a, **k: None)  # as before: from the whole graph
    whole = {}
    for cmd in commands:
        r = CliRunner().invoke(cli, [*cmd, "--store", str(db), "--json"])
        assert r.exit_code == 0, r.output
        whole[tuple(cmd)] = r.output
    monkeypatch.undo()
    monkeypatch.setenv("GOVGRAPH_CACHE", str(tmp_path / "cache"))

    def boom(*a, **k):
        raise AssertionError("read the whole graph")

    monkeypatch.setattr(R, "_store_graph", boom)
    for cmd in commands:
        for _ in range(2):  # cold, then from the kept rows
            r = CliRunner().invoke(cli, [*cmd, "--store", str(db), "--json"])
            assert r.exit_code == 0, r.output
            assert r.output == whole[tuple(cmd)], cmd
    assert '"gap": "no_lead"' in whole[("gaps", "--kinds", "overdue,no_lead")]
