"""The sample corpus end to end through the command line (embedded store)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import cli

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "liaoning"


def invoke(*args):
    r = CliRunner().invoke(cli, [str(a) for a in args])
    assert r.exit_code == 0, r.output
    return r


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("build")
    invoke("build", EXAMPLES, "-o", out, "-q", "--no-maps")
    return out


def test_build_writes_graph_and_report(built):
    g = json.loads((built / "graph.json").read_text(encoding="utf-8"))
    assert g["format"] == "govgraph" and g["version"] == 1
    labels = {n["label"] for n in g["nodes"]}
    assert {"Agency", "Official", "Duty", "Project", "Power", "Document", "Jurisdiction"} <= labels
    edge_types = {e["type"] for e in g["edges"]}
    assert {"LEADS", "ASSISTS", "DELEGATED_FROM", "HOLDS", "PART_OF", "REFERENCES"} <= edge_types
    for n in g["nodes"]:
        assert n["mentions"], n
    for e in g["edges"]:
        assert e["evidence"] and all(ev["text"] for ev in e["evidence"]), e
    report = (built / "report.md").read_text(encoding="utf-8")
    for f in sorted(EXAMPLES.glob("*.txt")):
        assert f.name in report


def test_every_sample_file_is_read_as_its_kind(built):
    g = json.loads((built / "graph.json").read_text(encoding="utf-8"))
    kinds = {n["properties"]["source_file"][:3]: n["properties"]["kind"]
             for n in g["nodes"] if n["label"] == "Document" and n["properties"].get("loaded")}
    assert kinds == {"000": "duty_division", "001": "work_plan", "002": "task_table",
                     "003": "task_table", "004": "delegation"}


def test_compilation_parts_are_documents(built):
    g = json.loads((built / "graph.json").read_text(encoding="utf-8"))
    parts = [n for n in g["nodes"] if n["label"] == "Document" and n["properties"].get("source_file", "").startswith("001")
             and n["properties"].get("part")]
    assert len(parts) == 5
    assert len({p["properties"].get("jurisdiction") for p in parts}) == 5


def test_loading_twice_changes_nothing(tmp_path):
    db = tmp_path / "g.db"
    invoke("load", "--store", db, "-q", EXAMPLES)
    once = invoke("stats", "--store", db, "--json").output
    export_once = invoke("export", "--store", db).output
    r = invoke("load", "--store", db, "-q", EXAMPLES)
    assert "replaced" in r.output
    assert invoke("stats", "--store", db, "--json").output == once
    assert invoke("export", "--store", db).output == export_once


def test_build_json_equals_export(built):
    exported = invoke("export", "--store", built / "graph.db").output
    assert exported == (built / "graph.json").read_text(encoding="utf-8")


def test_remove_keeps_shared_nodes(tmp_path):
    db = tmp_path / "g.db"
    f003 = EXAMPLES / "003_5b890ae601a5bb51.txt"
    f000 = EXAMPLES / "000_ffeac1ff465c1297.txt"
    invoke("load", "--store", db, "-q", f000)
    alone = json.loads(invoke("export", "--store", db).output)
    invoke("load", "--store", db, "-q", f003)
    both = json.loads(invoke("export", "--store", db).output)
    shared = {n["id"] for n in alone["nodes"]} & {n["id"] for n in both["nodes"] if any(
        m["doc"] != n["mentions"][0]["doc"] for m in n["mentions"])}
    r = invoke("remove", "--store", db, "大政办发〔2022〕3号")
    assert r.output.startswith("removed document-")
    after = json.loads(invoke("export", "--store", db).output)
    assert after == alone
    assert shared <= {n["id"] for n in after["nodes"]}


def test_aliases_lists_merges_and_reasons(tmp_path):
    db = tmp_path / "g.db"
    invoke("load", "--store", db, "-q", EXAMPLES / "002_e8b0e201ade5810e.txt")
    rows = json.loads(invoke("aliases", "--store", db, "--json").output)
    housing = next(r for r in rows if r["name"] == "海城市住房和城乡建设局")
    assert {"市住建局", "市住房城乡建设局"} <= set(housing["printed"])
    assert any("住建局 → 住房和城乡建设局" in r for r in housing["reasons"])


def test_stdout_is_data_only(tmp_path):
    db = tmp_path / "g.db"
    r = CliRunner().invoke(cli, ["load", "--store", str(db), str(EXAMPLES)])
    assert r.exit_code == 0
    assert all("\t" in line for line in r.stdout.splitlines()), r.stdout


def test_a_printed_short_name_means_the_body_it_names(built):
    # 004 prints 县公安局; the 盘锦市公安局 inferred from it carries that mention too,
    # yet the name means the county body.
    r = invoke("chain", "县公安局", "--direction", "up", "--json", "--store", built / "graph.db")
    rows = json.loads(r.output)
    assert rows and {row["receiver"] for row in rows} == {"盘山县公安局"}
    assert {row["granter"] for row in rows} == {"盘锦市公安局"}
    assert all(row["stated"] == "inferred" for row in rows)


def test_a_place_grants_through_its_departments(built):
    rows = json.loads(invoke("chain", "盘锦市", "--json", "--store", built / "graph.db").output)
    stated = [r for r in rows if r["stated"] == "stated"]
    inferred = [r for r in rows if r["stated"] == "inferred"]
    assert {(r["granter"], r["receiver"]) for r in stated} == {("盘锦市", "盘山县")} and len(stated) == 10
    assert len(inferred) == 29 and all(r["granter"].startswith("盘锦市") and r["receiver"].startswith("盘山县")
                                       and r["power"] == "市级同等行政职权" for r in inferred)


def test_one_matter_given_to_two_bodies_in_one_document(built):
    # 000 gives 污水处理厂 both to 市环境保护局 (supervision, line 160) and to 辽东湾新区管委会 (operation, line 164)
    rows = json.loads(invoke("query", "same_matter", "--json", "--store", built / "graph.db").output)
    pair = [r for r in rows if {r["holders_a"], r["holders_b"]} == {"盘锦市环境保护局", "辽东湾新区管委会"}
            and "污水处理厂" in r["why"]]
    assert pair and pair[0]["where"] == "same document" and (pair[0]["a_line"], pair[0]["b_line"]) == (160, 164)
    across = json.loads(invoke("query", "same_matter", "-p", "within=false", "--json",
                               "--store", built / "graph.db").output)
    assert across and all(r["where"] == "different documents" for r in across)
