"""The question commands: govgraph query/queries/chain/overlaps/gaps/workload/path/neighbours/diff,
the findings section of the build report and report.html."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.stores import SQLiteStore
from test_analysis import build_docs, load_into

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def db(tmp_path) -> str:
    path = str(tmp_path / "g.db")
    st = SQLiteStore(path)
    load_into(st, build_docs())
    st.close()
    return path


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_queries_lists_every_query():
    from queries.registry import QUERIES

    r = run("queries", "--json")
    assert r.exit_code == 0
    names = [q["name"] for q in json.loads(r.output)]
    assert names == list(QUERIES)
    for q in QUERIES.values():
        assert q.cypher_path.exists(), q.cypher


def test_query_with_params_json(db):
    r = run("query", "co_leads", "--store", db, "--json")
    assert r.exit_code == 0, r.output
    rows = json.loads(r.output)
    assert [(x["duty"], x["leads"]) for x in rows] == [("建设城东污水处理厂", "住建局、财政局")]
    r = run("query", "co_leads", "--param", "min_leads=3", "--store", db, "--json")
    assert json.loads(r.output) == []


def test_query_errors(db):
    r = run("query", "co_lead", "--store", db)
    assert r.exit_code == 1 and "no query is called 'co_lead'" in r.output and "co_leads" in r.output
    r = run("query", "co_leads", "--param", "nope=1", "--store", db)
    assert r.exit_code == 1 and "has no parameter 'nope'" in r.output
    r = run("query", "co_leads", "--param", "min_leads=x", "--store", db)
    assert r.exit_code == 1 and "is not a int" in r.output
    r = run("gaps", "--as-of", "2021/1/1", "--store", db)
    assert r.exit_code == 1 and "not a date" in r.output


def test_unknown_name_suggests(db):
    r = run("neighbours", "财政厅", "--store", db)
    assert r.exit_code == 1
    assert "Error: no node is called '财政厅' (did you mean: 财政局" in r.output


def test_chain_table(db):
    r = run("chain", "盘锦市", "--store", db)
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[0].split()[:5] == ["hop", "direction", "granter", "receiver", "power"]
    assert "盘锦市" in lines[2] and "granting body not shown holding" in lines[2]
    assert "县住建局" in lines[3]


def test_gaps_as_of_csv(db):
    r = run("gaps", "--as-of", "2021-01-01", "--csv", "--store", db)
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.output)))
    got = sorted((x["section"], x["gap"]) for x in rows)
    assert got == sorted([("duty", "no_deadline"), ("duty", "no_deadline"), ("duty", "no_lead"), ("duty", "no_official"),
                          ("duty", "no_official"), ("duty", "only_collective"), ("duty", "overdue"),
                          ("grant", "unheld_grant")])


def test_overlaps_and_workload(db):
    r = run("overlaps", "--store", db, "--json")
    parts = json.loads(r.output)
    assert len(parts["co_leads"]) == 1 and len(parts["same_matter"]) == 2 and len(parts["role_flips"]) == 2
    assert [(x["agency_a"], x["agency_b"]) for x in parts["overlap_matrix"]] == [("住建局", "财政局"), ("环保局", "财政局")]
    r = run("overlaps", "--store", db)
    assert "co_leads (1)" in r.output and "same_matter (2)" in r.output
    r = run("workload", "--store", db, "--json")
    w = json.loads(r.output)
    assert w["top_officials"][0]["official"] == "王威" and {x["name"] for x in w["workload"]} >= {"财政局", "王威"}
    r = run("workload", "--by", "year", "--store", db)
    assert r.exit_code == 0 and "workload (" in r.output


def test_path_neighbours_diff(db):
    r = run("path", "财政局", "环保局", "--store", db, "--json")
    assert [x["name"] for x in json.loads(r.output)] == ["财政局", "建设城东污水处理厂", "环保局"]
    r = run("neighbours", "住建局", "--depth", "2", "--store", db, "--json")
    assert {x["name"] for x in json.loads(r.output) if x["distance"] == 2} == {"财政局", "环保局", "王威"}
    r = run("neighbours", "住建局", "--as-of", "2014-01-01", "--store", db, "--json")
    assert json.loads(r.output) == []  # no document was issued yet
    r = run("diff", "甲发〔2020〕1号", "乙方案", "--store", db, "--json")
    assert sorted(x["change"] for x in json.loads(r.output)) == ["duty added", "duty removed", "duty removed",
                                                                  "role flip", "role flip"]
    r = run("path", "财政局", "盘锦市", "--store", db)
    assert r.exit_code == 1 and "not connected" in r.output


def test_build_report_has_findings_and_html(tmp_path):
    out = tmp_path / "out"
    r = run("build", str(ROOT / "examples" / "liaoning"), "-o", str(out), "--no-maps", "-q")
    assert r.exit_code == 0, r.output
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "## 发现(现行文件)" in md and "## 已废止文件中的发现" in md
    row = next(ln for ln in md.splitlines() if ln.startswith("| 文9 | 1 | 强化规范依法行政"))
    assert "文9 第37行" in row  # a citation: document key and line
    page = (out / "report.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<h2 id="摘要">摘要</h2>' in page
    assert "<script" not in page and 'src="http' not in page and 'href="http' not in page  # offline


def test_html_escapes():
    from graph.analysis.report import markdown_to_html

    page = markdown_to_html("# a <b>\n\n- x & <script>alert(1)</script>\n\n| h |\n|---|\n| <i> |\n")
    assert "<script>" not in page and "&lt;script&gt;" in page and "<td>&lt;i&gt;</td>" in page


def test_find_names_containing_a_word(db):
    r = run("find", "财政", "--store", db, "--json")
    assert r.exit_code == 0, r.output
    rows = json.loads(r.output)
    assert rows and all("财政" in x["name"] for x in rows)
    assert [x["rank"] for x in rows] == list(range(1, len(rows) + 1))
    kinds = [x["kind"] for x in rows]
    assert kinds == sorted(kinds, key=["Agency", "Official", "Group", "Power", "Jurisdiction", "Project",
                                       "Document", "Duty"].index)  # bodies before tasks
    only = json.loads(run("find", "财政", "--kind", "Duty", "--limit", "1", "--store", db, "--json").output)
    assert len(only) == 1 and only[0]["kind"] == "Duty"
    r = run("find", " ", "--store", db)
    assert r.exit_code == 1 and "nothing to search for" in r.output
