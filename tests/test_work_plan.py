"""The work-plan loader: seed 001 (a compilation of five 工作要点) and
synthetic plans in other layouts. Expected facts were checked by hand
against examples/liaoning/001_27848f10c241bed3.txt."""
from __future__ import annotations

from pathlib import Path

import pytest

from loaders.base import load_file
from loaders.kinds.work_plan import WorkPlanLoader
from loaders.names import AliasTable
from loaders.text import read_document

SEED = Path(__file__).resolve().parent.parent / "examples" / "liaoning" / "001_27848f10c241bed3.txt"


def _facts(doc):
    nodes = {n.id: n for n in doc.nodes}
    return nodes, doc.edges


@pytest.fixture(scope="module")
def parts():
    src, docs = load_file(SEED)
    out = {}
    for d in docs:
        nodes, _ = _facts(d)
        out[nodes[d.doc_id].properties["part"]] = d
    return out


def test_five_parts_each_its_own_document_and_jurisdiction(parts):
    assert set(parts) == {"第一篇", "第二篇", "第三篇", "第四篇", "第五篇"}
    seen = {}
    for part, d in parts.items():
        nodes, edges = _facts(d)
        doc = nodes[d.doc_id]
        seen[part] = (doc.name, doc.properties["jurisdiction"])
        compiled = [e for e in edges if e.type == "PART_OF" and e.source == d.doc_id]
        assert len(compiled) == 1 and nodes[compiled[0].target].label == "Document"
    assert seen["第二篇"] == ("2015年高新区疾病预防控制工作要点", "高新区")
    assert seen["第三篇"] == ("曹妃甸新区2011年工作要点", "曹妃甸新区")
    assert seen["第五篇"] == ("金普新区2018年政务公开工作要点", "金普新区")
    assert len({j for _, j in seen.values()}) == 5
    # one compilation node shared by all parts
    comp = {e.target for d in parts.values() for e in d.edges if e.type == "PART_OF" and e.source == d.doc_id}
    assert len(comp) == 1


def test_part_metadata_as_printed(parts):
    nodes, _ = _facts(parts["第二篇"])
    doc = nodes[parts["第二篇"].doc_id].properties
    assert doc["doc_number"] == "宝高新疾监发〔2015〕7号"
    assert doc["issuer"] == "高新区疾控防疫卫生监督中心"
    assert doc["date_written"] == "2014-12-25"


def test_projects_with_amounts_directly_after_the_name(parts):
    nodes, edges = _facts(parts["第一篇"])
    projects = {n.name: n.properties for n in nodes.values() if n.label == "Project"}
    assert projects["星湖湾房产项目"]["amount"] == 4.0 and projects["星湖湾房产项目"]["unit"] == "亿元"
    assert projects["星湖湾房产项目"]["amount_yuan"] == 4e8
    assert projects["大通工贸房产项目"]["amount"] == 3.5
    assert "amount" not in projects["凤凰湖湖区景观工程"]
    # generic project words are not projects
    assert not {"政府投资项目", "商业性投资项目", "储备类项目"} & set(projects)
    concerns = [e for e in edges if e.type == "CONCERNS"]
    assert concerns and all(nodes[e.source].label == "Duty" and nodes[e.target].label == "Project" for e in concerns)


def test_inline_units_lead_and_assist_with_prefix_inheritance(parts):
    d = parts["第五篇"]
    nodes, edges = _facts(d)
    by_line = {}
    for e in edges:
        if e.type in ("LEADS", "ASSISTS"):
            by_line.setdefault(e.evidence[0].line, set()).add((e.type, nodes[e.source].name))
    # line 391: (牵头单位:新区管委会办公室,责任单位:新区民政局、财政金融局、城乡建设局落实)
    assert by_line[391] == {
        ("LEADS", "金普新区管委会办公室"),
        ("ASSISTS", "金普新区民政局"),
        ("ASSISTS", "金普新区财政金融局"),
        ("ASSISTS", "金普新区城乡建设局"),
    }
    collective = {n.name for n in nodes.values() if n.label == "Agency" and n.properties.get("collective")}
    assert {"各有关部门", "各街道", "各功能区"} <= collective


def test_contact_person_with_phone(parts):
    nodes, edges = _facts(parts["第五篇"])
    contact = [e for e in edges if e.type == "CONTACT_FOR"]
    assert [(nodes[e.source].name, e.properties["phone"]) for e in contact] == [("王海莉", "88172210")]


def test_every_duty_has_number_text_and_evidence(parts):
    total = 0
    for d in parts.values():
        nodes, edges = _facts(d)
        duties = [n for n in nodes.values() if n.label == "Duty"]
        total += len(duties)
        for n in duties:
            assert n.properties["number"] and n.properties["text"] and n.mentions
    assert total > 100


PLAN = """\
永和县2023年农业农村工作要点
一、稳定粮食生产
(一)落实耕地保护制度。完成高标准农田建设5万亩(牵头单位：县农业农村局，责任单位：县财政局、自然资源局)
(二)推进东风灌区改造工程，总投资2.5亿元。(县水利局负责)
二、推进乡村振兴
1.实施人居环境整治。一是开展村庄清洁行动;二是推进厕所革命。(各乡镇落实)
"""


def test_a_synthetic_plan_in_full_width_punctuation(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_text(PLAN, encoding="utf-8")
    src = read_document(p)
    assert WorkPlanLoader().score(src) > 0
    [d] = WorkPlanLoader().parse(src, AliasTable.default())
    nodes, edges = _facts(d)
    rel = {(e.type, nodes[e.source].name, nodes[e.target].properties.get("number")) for e in edges
           if e.type in ("LEADS", "ASSISTS")}
    assert ("LEADS", "永和县农业农村局", "一.(一)") in rel
    assert ("ASSISTS", "永和县自然资源局", "一.(一)") in rel
    assert ("LEADS", "永和县水利局", "一.(二)") in rel
    projects = {n.name: n.properties for n in nodes.values() if n.label == "Project"}
    assert projects["东风灌区改造工程"]["amount"] == 2.5
    numbers = {n.properties["number"] for n in nodes.values() if n.label == "Duty"}
    assert {"二.1.一是", "二.1.二是"} <= numbers
