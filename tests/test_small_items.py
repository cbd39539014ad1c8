"""Exports to paths that cannot be written, GraphML for Gephi, dates that do
not exist, diff with delegations and undated documents, neighbours with the
edge and its citation."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from click.testing import CliRunner

from graph.analysis import diff, neighbours
from graph.cli import cli
from graph.netx import to_networkx
from graph.stores import SQLiteStore
from test_analysis import DOCS, build_docs, load_into


@pytest.fixture()
def db(tmp_path) -> str:
    path = str(tmp_path / "g.db")
    st = SQLiteStore(path)
    load_into(st, build_docs())
    st.close()
    return path


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def G_of(docs=None):
    nodes, edges = {}, {}
    for d in build_docs(docs or DOCS):
        for n in d.nodes:
            nodes.setdefault(n.id, n)
        for e in d.edges:
            edges.setdefault(e.id, e)
    return to_networkx(nodes.values(), edges.values())


# -- exports ------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt,target", [("json", "/nonexistent/g.json"), ("graphml", "/nonexistent/g.graphml"),
                                        ("csv", "/nonexistent/csv")])
def test_export_to_a_missing_folder(db, fmt, target):
    r = run("export", "--store", db, "--format", fmt, "-o", target)
    assert r.exit_code == 1
    assert r.output == f"Error: {target}: cannot write: folder /nonexistent does not exist (create it first)\n"
    assert r.exception is None or isinstance(r.exception, SystemExit)


def test_export_to_a_path_that_cannot_be_written(db):
    r = run("export", "--store", db, "-o", "/proc/nope.json")
    assert r.exit_code == 1 and r.output.startswith("Error: /proc/nope.json: cannot write: ")
    assert "Traceback" not in r.output


def test_graphml_for_gephi(db, tmp_path):
    out = tmp_path / "g.graphml"
    r = run("export", "--store", db, "--format", "graphml", "-o", str(out))
    assert r.exit_code == 0, r.output
    root = ET.parse(out).getroot()
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    keys = {(k.get("for"), k.get("attr.name")): k.get("id") for k in root.iter(ns + "key")}
    ids = [k.get("id") for k in root.iter(ns + "key")]
    assert len(ids) == len(set(ids))  # key ids are unique
    assert keys[("node", "label")] == "label" and keys[("node", "kind")] == "kind"
    assert keys[("node", "p_collective")] == "p_collective" and keys[("edge", "type")] == "edge_type"
    assert not any(i.startswith("d") and i[1:].isdigit() for i in ids)
    g = nx.read_graphml(out)
    assert (g.nodes["agency-a"]["label"], g.nodes["agency-a"]["kind"]) == ("财政局", "Agency")
    assert g.nodes["doc-1"]["kind"] == "Document" and g.nodes["doc-1"]["label"] == "甲方案"
    assert {d["label"] for *_, d in g.edges(data=True)} >= {"LEADS", "ASSISTS", "DELEGATED_FROM"}


# -- dates --------------------------------------------------------------------------------
@pytest.mark.parametrize("bad,why", [("2024-13-01", "month must be in 1..12"),
                                     ("2024-02-30", "day is out of range for month")])
def test_dates_that_do_not_exist(db, bad, why):
    for args in (["diff", bad, "2024-01-01"], ["diff", "2020-01-01", bad], ["gaps", "--as-of", bad],
                 ["neighbours", "住建局", "--as-of", bad], ["chain", "盘锦市", "--as-of", bad]):
        r = run(*args, "--store", db)
        assert r.exit_code == 1, args
        assert r.output == f"Error: not a date: {bad!r} ({why}) (write YYYY-MM-DD, a day that exists)\n", args
    assert run("gaps", "--as-of", "2024-02-29", "--store", db).exit_code == 0


# -- diff ---------------------------------------------------------------------------------
def test_diff_of_dates_has_delegations():
    G = G_of()
    rows = diff(G, "2016-01-01", "2017-01-01")
    dele = [r for r in rows if r["change"].startswith("delegation")]
    assert [(r["change"], r["who"], r["duty"]) for r in dele] == [
        ("delegation added", "盘山县 → 县住建局", "行政许可甲"), ("delegation added", "盘锦市 → 盘山县", "行政许可甲")]
    assert all(r["document"] == "盘县政办发〔2016〕1号" and r["line"] for r in dele)
    back = diff(G, "2017-01-01", "2016-01-01")
    assert {r["change"] for r in back if "delegation" in r["change"]} == {"delegation removed"}


def test_diff_of_documents_has_delegations():
    rows = diff(G_of(), "甲方案", "丁实施方案")
    assert {(r["change"], r["who"]) for r in rows if "delegation" in r["change"]} == {
        ("delegation added", "盘锦市 → 盘山县"), ("delegation added", "盘山县 → 县住建局")}


def test_diff_flags_undated_documents():
    docs = {**DOCS, "doc-2": {"title": "乙方案", "status": "in force"}}  # no date printed
    rows = diff(G_of(docs), "2016-01-01", "2022-01-01")
    flagged = [r for r in rows if r["change"] == "undated document"]
    assert [(r["document"], r["detail"]) for r in flagged] == [("乙方案", "no date: counted on both dates")]
    rows = diff(G_of(docs), "甲方案", "乙方案")
    assert [(r["document"], r["detail"]) for r in rows if r["change"] == "undated document"] == [
        ("乙方案", "cannot tell which came first")]
    assert not [r for r in diff(G_of(), "2016-01-01", "2022-01-01") if r["change"] == "undated document"]


def test_diff_command_shows_delegations(db):
    r = run("diff", "2016-01-01", "2017-01-01", "--store", db, "--json")
    assert r.exit_code == 0, r.output
    assert sum(x["change"] == "delegation added" for x in json.loads(r.output)) == 2


# -- neighbours ---------------------------------------------------------------------------
def test_neighbours_say_how_each_is_reached():
    G = G_of()
    one = neighbours(G, "agency-b", 1)
    assert {(r["name"], r["via"], r["edge"], r["direction"]) for r in one} == {
        ("加强财政管理", "住建局", "LEADS", "→"), ("建设城东污水处理厂", "住建局", "LEADS", "→"),
        ("统筹推进项目", "住建局", "ASSISTS", "→"), ("统筹推进项目", "住建局", "LEADS", "→")}
    assert all(r["document"] and r["line"] and r["text"] for r in one)
    two = {r["name"]: r for r in neighbours(G, "agency-b", 2) if r["distance"] == 2}
    # 财政局 is two steps away; of the tasks it shares with 住建局 the one whose ID sorts first
    assert (two["财政局"]["via"], two["财政局"]["edge"], two["财政局"]["direction"]) == ("建设城东污水处理厂", "LEADS", "←")
    assert two["财政局"]["document"] == "甲发〔2020〕1号"


def test_neighbours_command_prints_edge_and_citation(db):
    r = run("neighbours", "住建局", "--store", db)
    assert r.exit_code == 0, r.output
    head = r.output.splitlines()[0].split()
    assert head == ["distance", "kind", "name", "via", "edge", "direction", "document", "line", "text"]
    assert "LEADS" in r.output and "甲发〔2020〕1号" in r.output


# -- tables: the quick width and cut give what the direct reading gives ------------------------
def test_table_width_and_cut_as_the_direct_reading():
    import random
    import unicodedata

    import graph.cli  # noqa: F401  (registers the question commands)
    from graph.cli_queries import _cut, _width

    def width(s):
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)

    def cut(s, n):
        if width(s) <= n:
            return s
        out, w = "", 0
        for c in s:
            cw = 2 if unicodedata.east_asian_width(c) in "WF" else 1
            if w + cw > n - 1:
                break
            out, w = out + c, w + cw
        return out + "…"

    rng = random.Random(7)
    for _ in range(5000):
        s = "".join(rng.choice("ab 12财政局(),、。…ＡＢ") for _ in range(rng.randint(0, 60)))
        n = rng.randint(1, 45)
        assert _width(s) == width(s) and _cut(s, n) == cut(s, n), (s, n)


def test_the_command_line_starts_without_networkx_or_the_map_modules():
    import subprocess
    import sys

    code = ("import sys, graph.cli; from graph.maps import DEFAULT_BUDGET; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'networkx' or m.startswith('graph.maps.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
