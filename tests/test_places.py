"""Places that know their hierarchy: jurisdictions carry their national division
code and level, and PART_OF the divisions above them."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import cli
from loaders import load_file, load_source
from loaders.base import DocBuilder
from loaders.meta import read_meta
from loaders.places import PlaceContext, divisions
from loaders.text import read_text

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "liaoning"

# zones the sample names without any place: nothing can say where they lie
PLACELESS = {"高新区", "开发区", "某新区"}


@pytest.fixture(scope="module")
def sample():
    nodes, edges = {}, []
    for f in sorted(EXAMPLES.glob("*.txt")):
        for d in load_file(f)[1]:
            for n in d.nodes:
                nodes.setdefault(n.id, n)
            edges.extend(d.edges)
    up = {}
    for e in edges:
        if e.type == "PART_OF" and nodes[e.source].label == "Jurisdiction" == nodes[e.target].label:
            up.setdefault(e.source, set()).add(e.target)
    return nodes, edges, up


def _chain(nodes, up, nid):
    out = []
    while nid in up:
        assert len(up[nid]) == 1, (nodes[nid].name, [nodes[t].name for t in up[nid]])
        nid = next(iter(up[nid]))
        out.append(nodes[nid])
    return out


def test_every_jurisdiction_in_the_sample_knows_its_place(sample):
    nodes, _, up = sample
    places = [n for n in nodes.values() if n.label == "Jurisdiction"]
    assert len(places) >= 20
    data = divisions()
    for n in places:
        if n.name in PLACELESS:
            assert "no division decides" in n.properties["resolved_by"] and n.id not in up
            continue
        chain = _chain(nodes, up, n.id)
        assert ([n] + chain)[-1].properties["division_level"] == "province", n.name
        if n.properties["division_level"] == "zone":
            assert "code" not in n.properties and n.properties["resolved_by"].startswith("hand rule")
            continue
        d = data.get(n.properties["code"])
        assert d is not None and d.name == n.name and d.level == n.properties["division_level"]
        # the chain is the data's, code by code
        assert [c.properties["code"] for c in chain] == [p.code for p in data.parents(d)]


def test_panshan_county_is_in_panjin_in_liaoning(sample):
    nodes, _, up = sample
    county = next(n for n in nodes.values() if n.label == "Jurisdiction" and n.name == "盘山县")
    assert (county.properties["code"], county.properties["division_level"]) == ("211122", "county")
    assert [(c.name, c.properties["code"]) for c in _chain(nodes, up, county.id)] == [("盘锦市", "211100"), ("辽宁省", "210000")]


def test_towns_named_without_their_level_are_the_towns_of_the_place(sample):
    """002 prints 西四、牛庄等镇: 西四镇 and 牛庄镇 of 海城市 (there is a 牛庄镇 in 东营 too)."""
    nodes, edges, up = sample
    towns = {n.name: n for n in nodes.values() if n.label == "Jurisdiction" and n.properties.get("division_level") == "town"}
    assert towns["西四镇"].properties["code"] == "210381124"
    assert towns["牛庄镇"].properties["code"] == "210381123"
    assert "the one in 海城市" in towns["牛庄镇"].properties["resolved_by"]
    assert [c.name for c in _chain(nodes, up, towns["牛庄镇"].id)] == ["海城市", "鞍山市", "辽宁省"]
    # the town's body belongs to the town, and so up the chain
    body = next(n for n in nodes.values() if n.label == "Agency" and n.name == "西四镇")
    assert any(e.type == "PART_OF" and e.source == body.id and e.target == towns["西四镇"].id for e in edges)


def test_zones_lie_in_their_host(sample):
    nodes, _, up = sample
    zone = {n.name: n for n in nodes.values() if n.label == "Jurisdiction"}
    assert [c.name for c in _chain(nodes, up, zone["曹妃甸新区"].id)] == ["唐山市", "河北省"]   # named after 曹妃甸区
    assert [c.name for c in _chain(nodes, up, zone["辽东湾新区"].id)] == ["盘锦市", "辽宁省"]   # zones.tsv
    assert "曹妃甸区" in zone["曹妃甸新区"].properties["resolved_by"]


def _doc(text):
    return load_source(read_text(text, "t.txt"))[0]


def test_chaoyang_district_by_the_issuer():
    body = "{issuer}关于印发城市管理工作方案的通知\n一、推进道路改造。牵头单位:区城管局\n{issuer}\n2023年3月5日"
    found = {}
    for issuer in ("长春市朝阳区人民政府", "北京市朝阳区人民政府"):
        doc = _doc(body.format(issuer=issuer))
        ids = {n.id: n for n in doc.nodes}
        cy = next(n for n in doc.nodes if n.label == "Jurisdiction" and n.name == "朝阳区")
        up = {e.source: ids[e.target] for e in doc.edges if e.type == "PART_OF" and ids[e.target].label == "Jurisdiction"}
        found[issuer] = (cy.id, cy.properties["code"], up[cy.id].name)
    assert found["长春市朝阳区人民政府"][1:] == ("220104", "长春市")
    assert found["北京市朝阳区人民政府"][1:] == ("110105", "北京市")
    assert found["长春市朝阳区人民政府"][0] != found["北京市朝阳区人民政府"][0]   # two places, two nodes


def test_a_place_without_context_and_shared_name_stays_undecided():
    p = PlaceContext(None).resolve("朝阳区")
    assert p.division is None and "share the name" in p.decided
    assert PlaceContext(None).resolve("盘山县").code == "211122"
    assert PlaceContext("长春市").resolve("长春市朝阳区").code == "220104"


def test_province_prefix_means_the_province_of_the_document():
    src = read_text("海城市人民政府关于印发工作方案的通知\n一、推进项目建设。\n海城市人民政府\n2023年3月5日", "t.txt")
    b = DocBuilder(src, read_meta(src.lines), kind="task_table")
    names = {b.agency_name(p).name for p in ("省财政厅", "市财政局", "省委宣传部")}
    # 省: the province the data puts 海城市 in (it printed 海城市省财政厅 before); 市 stays the document's own
    assert names == {"辽宁省财政厅", "海城市财政局", "辽宁省委宣传部"}


def test_division_data_is_whole():
    data = divisions()
    levels = {}
    for d in data.by_code.values():
        levels[d.level] = levels.get(d.level, 0) + 1
        if d.level != "province":
            assert data.get(d.parent) is not None, d
    assert levels["province"] == 31 and levels["prefecture"] > 300 and levels["county"] > 2800 and levels["town"] > 38000


def test_aliases_says_what_decided_each_place(tmp_path):
    db = tmp_path / "g.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["load", "--store", str(db), "-q", str(EXAMPLES / "002_e8b0e201ade5810e.txt")]).exit_code == 0
    rows = json.loads(runner.invoke(cli, ["aliases", "--store", str(db), "--json"]).output)
    places = {r["name"]: r for r in rows if r.get("place")}
    assert places["海城市"]["code"] == "210381" and places["海城市"]["decided"].startswith("division data")
    assert places["牛庄镇"]["level"] == "town"
    text = runner.invoke(cli, ["aliases", "--store", str(db)]).output
    assert "西四镇\t210381124\ttown" in text
