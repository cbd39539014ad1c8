"""`govgraph explain FILE`: each fact with the rule that read it."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from graph.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def _rows(*args):
    r = CliRunner().invoke(cli, ["explain", *args, "--json"])
    assert r.exit_code == 0, r.output
    return json.loads(r.output)


def test_explain_names_the_rule_and_line_of_each_fact():
    doc = next((ROOT / "examples" / "real" / "docs").glob("ra10_*.txt"))
    rows = _rows(str(doc))
    leads = [r for r in rows if r["type"] == "LEADS" and r["from"] == "市发改委"]
    assert leads and all(r["rule"] and r["line"] == 1 for r in leads)
    assert {r["type"] for r in rows} == {"LEADS", "ASSISTS"}


def test_explain_filters_by_type_and_reports_every_grant():
    doc = next((ROOT / "examples" / "liaoning").glob("004_*.txt"))
    rows = _rows(str(doc), "--type", "DELEGATED_FROM")
    assert rows and {r["type"] for r in rows} == {"DELEGATED_FROM"}
    assert all(r["rule"] for r in rows)
    assert any(r["from"] == "盘山县" for r in rows)


def test_explain_of_a_missing_file_is_a_clear_error(tmp_path):
    r = CliRunner().invoke(cli, ["explain", str(tmp_path / "nope.txt")])
    assert r.exit_code != 0
    assert "nope.txt" in r.output
