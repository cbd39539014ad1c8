"""The extraction scorer: facts from loaded documents, precision and recall."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.errors import LoadError
from loaders.base import load_source
from loaders.evaluate import facts_of, labelled_files, score
from loaders.text import read_text

TEXT = """某市人民政府办公室关于印发重点工作任务分解方案的通知
某政办发〔2024〕1号
一、重点任务
1.推进项目建设。
牵头单位:市发展和改革局
责任单位:市财政局
完成时限:2024年6月底
2.抓好安全生产。
牵头单位:市应急管理局
"""


def _facts():
    return facts_of(load_source(read_text(TEXT, "t.txt"), "task_table"))


def test_facts_are_tuples_of_names():
    f = _facts()
    assert ("DUTY", "1") in f and ("DUTY", "2") in f
    leads = {x for x in f if x[0] == "LEADS"}
    assert {x[2] for x in leads} == {"1", "2"}
    assert any(x[0] == "DEADLINE" and x[1] == "1" and x[2] == "2024-06-30" for x in f)
    assert ("DOCUMENT", "doc_number", "某政办发〔2024〕1号") in f


def test_score_counts_only_labelled_types():
    got = {("LEADS", "A", "1"), ("LEADS", "B", "2"), ("HOLDS", "A", "x")}
    s = score([["LEADS", "A", "1"], ["LEADS", "C", "3"]], got)
    assert (s.expected, s.found, s.correct) == (2, 2, 1)
    assert s.precision == 0.5 and s.recall == 0.5
    assert s.missing == [("LEADS", "C", "3")] and s.extra == [("LEADS", "B", "2")]
    perfect = score([["LEADS", "A", "1"], ["LEADS", "B", "2"]], got)
    assert perfect.f1 == 1.0


def test_document_facts_only_for_labelled_fields():
    got = {("DOCUMENT", "doc_number", "x"), ("DOCUMENT", "status", "in force")}
    s = score([["DOCUMENT", "doc_number", "x"]], got)
    assert s.found == 1 and s.f1 == 1.0


def test_cli_evaluate_prints_figures_and_fails_under(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    facts = [list(x) for x in _facts() if x[0] in ("LEADS", "DUTY")]
    (tmp_path / "a.expected.json").write_text(json.dumps(
        {"kind": "task_table", "facts": facts + [["LEADS", "不存在的局", "1"]]}, ensure_ascii=False), encoding="utf-8")
    r = CliRunner().invoke(cli, ["evaluate", str(tmp_path), "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert out["files"][0]["missing"] == [["LEADS", "不存在的局", "1"]]
    assert out["summary"]["all"]["precision"] == 1.0 and out["summary"]["all"]["recall"] < 1.0
    r = CliRunner().invoke(cli, ["evaluate", str(tmp_path), "--fail-under", "0.99"])
    assert r.exit_code == 1 and "below" in r.output


def test_labelled_files_need_a_label(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    assert labelled_files([tmp_path]) == []
    with pytest.raises(LoadError, match="no label file"):
        labelled_files([tmp_path / "a.txt"])


def test_a_document_of_no_known_kind_is_read_as_other_and_scored(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.expected.json").write_text(json.dumps({"kind": "task_table", "facts": [["DUTY", "1"]]}),
                                              encoding="utf-8")
    (tmp_path / "b.txt").write_text("今天天气很好。我们去公园散步。\n", encoding="utf-8")
    (tmp_path / "b.expected.json").write_text(json.dumps({"kind": "task_table", "facts": [["DUTY", "1"]]}),
                                              encoding="utf-8")
    r = CliRunner().invoke(cli, ["evaluate", str(tmp_path), "--json"])
    assert r.exit_code == 0, r.output
    files = {f["file"].rsplit("/", 1)[-1]: f for f in json.loads(r.output)["files"]}
    assert files["a.txt"]["recall"] == 1.0
    assert files["b.txt"]["recall"] == 0.0 and files["b.txt"]["kind"] == "other"
    assert files["b.txt"]["kind_ok"] is False
