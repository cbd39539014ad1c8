"""Real documents with hand-made gold (examples/real): the measure of extraction.

``govgraph evaluate examples/real`` scores them by the labelled set's own matching
rules (loaders/gold.py); CI holds them to these floors, and no labelled real
document may go unread.
"""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from graph.cli import cli
from graph.records import DocumentGraph, Edge, Evidence, Mention, Node
from loaders.gold import gold_files, score_document, summarize

REAL = Path(__file__).resolve().parent.parent / "examples" / "real"

FLOORS = ["task_recall=0.90", "lead_agencies=0.88", "assist_agencies=0.84", "lead_officials=0.95",
          "officials=0.95", "delegations=0.75"]


def test_every_gold_file_names_a_document_here():
    pairs = gold_files([REAL])
    assert len(pairs) >= 59
    assert all(d.exists() for d, _ in pairs)


def test_real_documents_keep_their_floors():
    r = CliRunner().invoke(cli, ["evaluate", str(REAL), "--json"] + [x for f in FLOORS for x in ("--fail-under", f)])
    assert r.exit_code == 0, r.output[-2000:]
    out = json.loads(r.output)
    assert out["refused"] == 0
    assert out["summary"]["task_recall"] >= 0.90


def _node(nid, label, name, mentions=(), **props):
    return Node(nid, label, name, props, tuple(Mention("d", 1, m) for m in (mentions or (name,))))


def test_gold_matching_rules():
    """A gold name matches a node's name or any mention after NFKC and without spaces;
    a task is found by the first 12 characters of its text; each gold name counts once."""
    nodes = [_node("a1", "Agency", "石家庄市财政局", ["财政局"]), _node("o1", "Official", "刘哲", ["刘 哲"]),
             _node("t1", "Duty", "x", text="完善政策体系扶持就业。进一步强化政府促进就业"),
             _node("a2", "Agency", "石家庄市人力资源和社会保障局", ["市人社局"])]
    ev = (Evidence("d", 1, "x"),)
    edges = [Edge("e1", "LEADS", "a2", "t1", {}, ev), Edge("e2", "ASSISTS", "a1", "t1", {}, ev),
             Edge("e3", "LEADS", "o1", "t1", {}, ev)]
    doc = DocumentGraph("d", "f", nodes, edges)
    gold = {"tasks": [{"id": "1", "text_start": "完善政策体系扶持就业。进一步强化政府促进", "lead_agencies": ["市人社局"],
                       "assist_agencies": ["财政局", "市发改委"], "lead_officials": ["刘哲"]},
                      {"id": "2", "text_start": "加快产业发展扩大就业", "lead_agencies": [], "assist_agencies": []}],
            "officials": [{"name": "刘 哲"}], "delegations": [{"from": None, "to": "x"}]}
    c = score_document([doc], gold)
    assert (c["tasks_gold"], c["tasks_found"]) == (2, 1)
    assert (c["lead_agencies_hit"], c["assist_agencies_hit"], c["assist_agencies_gold"]) == (1, 1, 2)
    assert c["lead_officials_hit"] == 1 and c["officials_hit"] == 1
    assert c["delegations_gold"] == 0          # a delegation without both ends is not scored
    s = summarize([c])
    assert s["task_recall"] == 0.5 and s["assist_agencies"]["R"] == 0.5 and s["assist_agencies"]["P"] == 1.0
