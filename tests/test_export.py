"""Export formats and their round trips."""
from __future__ import annotations

import csv
import json

import networkx as nx
from hypothesis import given, settings, strategies as st

from graph.export import dumps_json, read_json, write
from graph.netx import from_networkx, to_networkx
from graph.records import Edge, Evidence, Mention, Node, edge_id, node_id

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20)


@st.composite
def graphs(draw):
    names = draw(st.lists(TEXT, min_size=1, max_size=6, unique=True))
    nodes = []
    for name in names:
        mentions = draw(st.lists(st.builds(Mention, st.just("doc-1"), st.integers(1, 500), TEXT), min_size=1, max_size=3))
        props = draw(st.fixed_dictionaries({}, optional={"jurisdiction": TEXT, "collective": st.booleans(),
                                                         "merge_notes": st.lists(TEXT, max_size=2)}))
        nodes.append(Node(node_id("Agency", name), "Agency", name, props, tuple(sorted(set(mentions)))))
    edges = []
    for _ in range(draw(st.integers(0, 6))):
        s = draw(st.sampled_from(nodes)).id
        t = draw(st.sampled_from(nodes)).id
        role = draw(TEXT)
        eid = edge_id("MEMBER_OF", s, t, role)
        if any(e.id == eid for e in edges):
            continue
        ev = draw(st.lists(st.builds(Evidence, st.just("doc-1"), st.integers(1, 500), TEXT), min_size=1, max_size=2))
        edges.append(Edge(eid, "MEMBER_OF", s, t, {"role": role}, tuple(sorted(set(ev)))))
    return nodes, edges


@settings(max_examples=60)
@given(graphs())
def test_json_round_trip(tmp_path_factory, g):
    nodes, edges = g
    path = tmp_path_factory.mktemp("x") / "g.json"
    path.write_text(dumps_json(nodes, edges), encoding="utf-8")
    n2, e2 = read_json(path)
    assert dumps_json(n2, e2) == dumps_json(nodes, edges)
    assert sorted(n2, key=lambda n: n.id) == sorted(nodes, key=lambda n: n.id)


@settings(max_examples=40)
@given(graphs())
def test_networkx_round_trip(g):
    nodes, edges = g
    n2, e2 = from_networkx(to_networkx(nodes, edges))
    assert dumps_json(n2, e2) == dumps_json(nodes, edges)


def sample():
    a = Node("agency-1", "Agency", "海城市财政局", {"jurisdiction": "海城市", "collective": False},
             (Mention("doc-1", 12, "市财政局"),))
    d = Node("duty-1", "Duty", "一般公共预算收入增长8%以上",
             {"number": "2", "text": "一般公共预算收入增长8%以上。", "document": "doc-1"},
             (Mention("doc-1", 11, "一般公共预算收入增长8%以上。"),))
    e = Edge("leads-1", "LEADS", "agency-1", "duty-1", {"role": "牵头单位"}, (Evidence("doc-1", 13, "牵头单位:市财政局"),))
    return [a, d], [e]


def test_json_shape_is_the_documented_one():
    raw = json.loads(dumps_json(*sample()))
    assert raw["format"] == "govgraph" and raw["version"] == 1
    assert set(raw["nodes"][0]) == {"id", "label", "name", "properties", "mentions"}
    assert set(raw["nodes"][0]["mentions"][0]) == {"text", "doc", "line"}
    assert set(raw["edges"][0]) == {"id", "type", "source", "target", "properties", "evidence"}
    assert set(raw["edges"][0]["evidence"][0]) == {"doc", "line", "text"}
    duty = next(n for n in raw["nodes"] if n["label"] == "Duty")
    assert duty["properties"]["number"] == "2" and duty["properties"]["text"].startswith("一般公共预算")
    assert "市财政局" in dumps_json(*sample())  # Chinese kept as printed, not \\u-escaped


def test_graphml_opens_in_networkx(tmp_path):
    nodes, edges = sample()
    write(nodes, edges, "graphml", tmp_path / "g.graphml")
    g = nx.read_graphml(tmp_path / "g.graphml")
    assert g.nodes["agency-1"]["name"] == "海城市财政局"
    assert g.nodes["agency-1"]["p_jurisdiction"] == "海城市"
    (s, t, d), = [(s, t, d) for s, t, d in g.edges(data=True)]
    assert (s, t, d["type"], d["p_role"]) == ("agency-1", "duty-1", "LEADS", "牵头单位")
    assert json.loads(d["evidence"])[0]["line"] == 13


def test_csv(tmp_path):
    nodes, edges = sample()
    files = write(nodes, edges, "csv", tmp_path / "csv")
    assert [f.name for f in files] == ["nodes.csv", "edges.csv"]
    rows = list(csv.DictReader((tmp_path / "csv" / "nodes.csv").open(encoding="utf-8-sig")))
    assert {r["name"] for r in rows} == {"海城市财政局", "一般公共预算收入增长8%以上"}
    erows = list(csv.DictReader((tmp_path / "csv" / "edges.csv").open(encoding="utf-8-sig")))
    assert erows[0]["type"] == "LEADS" and json.loads(erows[0]["evidence"])[0]["text"] == "牵头单位:市财政局"
