"""The delegation loader: the 盘山县 sample against hand-checked facts, and
synthetic plans from other places (province → city "下放" with full-width
punctuation, a city → county table flattened with "|")."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import loaders.kinds  # noqa: F401  (registers the loaders)
from loaders.base import LOADERS, load_file, load_source, read_by_kind
from loaders.kinds.delegation import _header_roles, _split_run_together, canonical_category, counterpart, find_parties
from loaders.names import AgencyName
from loaders.text import read_document, read_text

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "liaoning"
SEED = next(EXAMPLES.glob("004_*.txt"))
EXPECTED = json.loads((ROOT / "tests" / "expected" / "004.json").read_text(encoding="utf-8"))


def facts(doc):
    names = {n.id: n for n in doc.nodes}
    edges = [(e.type, names[e.source].name, names[e.target].name, dict(e.properties), e) for e in doc.edges]
    return names, edges


@pytest.fixture(scope="module")
def seed():
    src, docs = load_file(SEED)
    assert len(docs) == 1
    return src, docs[0]


# -- the seed ------------------------------------------------------------------

def test_seed_scores_as_delegation_and_other_seeds_do_not():
    loader = LOADERS["delegation"]
    assert loader.score(read_document(SEED)) >= 0.6
    for f in sorted(EXAMPLES.glob("00[0-3]_*.txt")):
        assert loader.score(read_document(f)) < 0.1, f.name


def test_seed_receiving_departments_match_expected(seed):
    _, doc = seed
    _, edges = facts(doc)
    deleg = {(s, t): p for ty, s, t, p, _ in edges if ty == "DELEGATED_FROM"}
    receivers = {s for (s, _t) in deleg if s.startswith("盘山县") and s != "盘山县"}
    expected = {d["name"] for d in EXPECTED["departments"]}
    assert len(expected) == EXPECTED["departments_count_printed"] == 29
    assert receivers == expected
    for d in EXPECTED["departments"]:
        p = deleg[(d["name"], d["counterpart"])]
        assert p["inferred"] is d["inferred"]
        assert p["method"].startswith("counterpart by name")
        assert p["power"] == EXPECTED["scope"]
        held = {t for ty, s, t, _, _ in edges if ty == "HOLDS" and s == d["name"]}
        # no category per department in the text: each holds the plan's scope as a Power
        assert held == (set(d["categories"]) or {EXPECTED["scope"]})
    assert not [w for w in doc.warnings if "receiving bodies" in w]


def test_seed_ten_categories_held_and_stated(seed):
    _, doc = seed
    names, edges = facts(doc)
    cats = {n.name for n in doc.nodes if n.label == "Power" and n.properties.get("is_category")}
    assert cats == set(EXPECTED["categories"]) and len(cats) == 10
    stated = {p["power"] for ty, s, t, p, _ in edges
              if ty == "DELEGATED_FROM" and s == EXPECTED["receiver"] and t == EXPECTED["granter"]}
    assert stated == cats
    for ty, s, t, p, e in edges:
        if ty == "DELEGATED_FROM" and s == "盘山县":
            assert p["inferred"] is False and p["method"] == "stated"
            assert names[e.source].label == names[e.target].label == "Jurisdiction"
            assert [ev.line for ev in e.evidence] == [EXPECTED["category_line"]]
    assert {t for ty, s, t, p, _ in edges if ty == "HOLDS" and s == "盘山县" and p.get("via") == "delegation"} == cats


def test_seed_cites_city_document(seed):
    _, doc = seed
    _, edges = facts(doc)
    refs = [t for ty, _s, t, _p, _e in edges if ty == "REFERENCES"]
    assert refs == EXPECTED["cites"]
    d = [n for n in doc.nodes if n.label == "Document" and n.properties.get("loaded")]
    assert d[0].properties["doc_number"] == EXPECTED["doc_number"]


def test_seed_repeated_body_adds_nothing(seed):
    src, doc = seed
    assert src.dropped["repeated"] > 0
    for e in doc.edges:
        assert len(e.evidence) == 1, e
        assert e.evidence[0].line < 130  # the repeat starts at line 130
    # the first copy alone gives exactly the same facts
    text = SEED.read_text(encoding="utf-8").splitlines()
    half = read_text("\n".join(text[:129]), str(SEED))
    assert half.dropped["repeated"] == 0
    one = load_source(half)[0]
    key = lambda d: sorted((e.type, e.source, e.target, tuple(sorted(e.properties.items()))) for e in d.edges)  # noqa: E731
    assert key(one) == key(doc)


def test_seed_fire_brigade_counterpart_is_a_city_detachment(seed):
    _, doc = seed
    _, edges = facts(doc)
    m = [p["method"] for ty, s, t, p, _ in edges if ty == "DELEGATED_FROM" and s == "盘山县消防大队" and t == "盘锦市消防支队"]
    assert m and "大队 → 支队" in m[0]


# -- helpers -------------------------------------------------------------------

def test_find_parties_and_categories():
    assert find_parties("关于印发盘锦市赋予盘山县市级同等行政职权工作实施方案的通知") == ("盘锦市", "盘山县", "市级同等行政职权")
    assert find_parties("关于向沈阳市下放部分省级行政职权的决定")[1] == "沈阳市"
    assert find_parties("某县承接市级行政权力事项的通知")[0] is None
    assert canonical_category("行政确定") == "行政确认"
    assert canonical_category("其它行政权力") == "其他行政权力"
    assert canonical_category("公共服务") is None


def test_run_together_names_split():
    assert _split_run_together("县农经局县动监局", ["县"]) == ["县农经局", "县动监局"]
    assert _split_run_together("县市场监督管理局", ["县"]) == ["县市场监督管理局"]


def test_counterpart_rank_words():
    a = AgencyName("市教育局", "沈阳市教育局", "沈阳市")
    assert counterpart(a, "辽宁省", {}) == ("辽宁省教育厅", "counterpart by name (沈阳市 → 辽宁省; 局 → 厅)")
    b = AgencyName("市统计局", "沈阳市统计局", "沈阳市")
    assert counterpart(b, "辽宁省", {})[0] == "辽宁省统计局"
    c = AgencyName("县发改局", "某县发展和改革局", "某县")
    assert counterpart(c, "某市", {"发展和改革": "某市发展和改革委员会"}) == (
        "某市发展和改革委员会", "counterpart named in the document")


# -- synthetic documents -------------------------------------------------------

PROVINCE = """辽宁省人民政府关于向沈阳市下放部分省级行政职权的决定
辽政发〔2020〕5号
各市人民政府，省政府各厅委、各直属机构：
为深化“放管服”改革，省政府决定向沈阳市下放行政许可、行政处罚、行政检查等三类省级行政职权。
一、将省教育厅的民办学校办学许可下放至市教育局实施。
二、将省发展和改革委员会负责的企业投资项目核准下放至市发展和改革委员会实施。
三、承接单位（2家）：市财政局（行政许可2项、行政处罚1项），市公安局（行政检查3项）。
辽宁省人民政府
2020年3月1日
"""


def test_province_to_city_downward_delegation():
    src = read_text(PROVINCE, "province.txt")
    assert LOADERS["delegation"].score(src) >= 0.6
    doc = read_by_kind(src, "delegation")[0]
    names, edges = facts(doc)
    deleg = {(s, t, p["power"]): p for ty, s, t, p, _ in edges if ty == "DELEGATED_FROM"}
    # stated pairs: the source body is named in the sentence
    p = deleg[("沈阳市教育局", "辽宁省教育厅", "民办学校办学许可")]
    assert p["inferred"] is False and p["method"] == "stated"
    p = deleg[("沈阳市发展和改革委员会", "辽宁省发展和改革委员会", "企业投资项目核准")]
    assert p["inferred"] is False
    # inferred pairs with per-category counts: one edge per category
    fin = {k[2]: v for k, v in deleg.items() if k[0] == "沈阳市财政局"}
    assert set(fin) == {"行政许可", "行政处罚"}
    assert all(v["inferred"] is True for v in fin.values())
    assert {k[1] for k in deleg if k[0] == "沈阳市财政局"} == {"辽宁省财政厅"}
    assert ("沈阳市公安局", "辽宁省公安厅", "行政检查") in deleg
    # the counts stay in the evidence text
    ev = [e for ty, s, _t, p, e in edges if ty == "DELEGATED_FROM" and s == "沈阳市财政局"][0].evidence[0].text
    assert "行政许可2项" in ev
    # jurisdiction level, from the category line
    assert {k[2] for k in deleg if k[0] == "沈阳市" and k[1] == "辽宁省"} == {"行政许可", "行政处罚", "行政检查"}
    assert {t for ty, s, t, _p, _e in edges if ty == "HOLDS" and s == "沈阳市财政局"} == {"行政许可", "行政处罚"}
    assert not doc.warnings
    originals = {(s, t) for ty, s, t, p, _ in edges if ty == "HOLDS" and p.get("via") == "original holder"}
    assert ("辽宁省教育厅", "民办学校办学许可") in originals
    assert not any(s == "辽宁省财政厅" for s, _ in originals)


TABLE = """杭州市人民政府关于向桐庐县下放部分市级行政权力事项的通知
杭政发〔2019〕12号
各区、县（市）人民政府，市政府各部门：
现将向桐庐县下放的行政权力事项目录印发给你们，请认真贯彻执行。
序号|事项名称|类别|原实施部门|承接单位
1|建筑工程施工许可|行政许可|市建委|县住建局
2|对违法建设行为的处罚|行政处罚||县住建局
3|食品经营许可|行政许可|市市场监管局|县市场监管局
杭州市人民政府
2019年5月6日
"""


def test_table_of_items_with_stated_sources():
    src = read_text(TABLE, "table.txt")
    assert LOADERS["delegation"].score(src) >= 0.5
    doc = read_by_kind(src, "delegation")[0]
    names, edges = facts(doc)
    deleg = {(s, t, p["power"]): p for ty, s, t, p, _ in edges if ty == "DELEGATED_FROM"}
    assert deleg[("桐庐县住房和城乡建设局", "杭州市建委", "建筑工程施工许可")]["inferred"] is False
    # the empty source cell is a merged cell: carried down
    assert ("桐庐县住房和城乡建设局", "杭州市建委", "对违法建设行为的处罚") in deleg
    assert ("桐庐县市场监督管理局", "杭州市市场监督管理局", "食品经营许可") in deleg
    powers = {n.name: n.properties for n in doc.nodes if n.label == "Power"}
    assert powers["食品经营许可"].get("category") == "行政许可"
    assert powers["行政处罚"]["is_category"] is True
    held = {(s, t) for ty, s, t, p, _ in edges if ty == "HOLDS" and p.get("via") == "delegation"}
    assert ("桐庐县住房和城乡建设局", "对违法建设行为的处罚") in held
    # a stated source holds what it passes on; an inferred counterpart is not made to
    originals = {(s, t) for ty, s, t, p, _ in edges if ty == "HOLDS" and p.get("via") == "original holder"}
    assert ("杭州市建委", "建筑工程施工许可") in originals
    assert {k[2] for k in deleg if k[:2] == ("桐庐县", "杭州市")} == {"行政许可", "行政处罚"}
    # the header row is not an item
    assert "事项名称" not in powers


def test_stated_count_mismatch_is_warned():
    text = PROVINCE.replace("承接单位（2家）", "承接单位（3家）")
    doc = read_by_kind(read_text(text, "p.txt"), "delegation")[0]
    assert any("3 receiving bodies; 2 read" in w for w in doc.warnings)


# -- layouts of other provinces (one rule each) -----------------------------------

def deleg_of(text, name="t.txt"):
    doc = read_by_kind(read_text(text, name), "delegation")[0]
    _, edges = facts(doc)
    deleg = {(s, t, p["power"]): p for ty, s, t, p, _ in edges if ty == "DELEGATED_FROM"}
    holds = {(s, t) for ty, s, t, _p, _e in edges if ty == "HOLDS"}
    return doc, deleg, holds


def test_find_parties_other_title_forms():
    # 广东: 将…调整由X区实施
    assert find_parties("佛山市人民政府关于将一批市级行政职权事项调整由南海区实施的决定") == (None, "南海区", "一批市级行政职权事项")
    # a zone by its full name; the scope keeps 权限
    assert find_parties("关于向潍坊滨海经济技术开发区赋予部分市级经济管理权限的通知") == (
        None, "潍坊滨海经济技术开发区", "部分市级经济管理权限")
    # "部分省辖市级" is no place: the receiver is the county-level city
    assert find_parties("关于向灵宝市赋予部分省辖市级经济社会管理权限的通知")[1] == "灵宝市"


MODE_TABLE = """佛山市人民政府关于将一批市级行政职权事项调整由南海区实施的决定
佛府〔2023〕1号
序号|事项名称|事项类别|市级实施部门|承接单位|调整方式|备注
1|食品生产许可|行政许可|市市场监管局|区市场监管局|下放|
2|建筑起重机械使用登记|行政确认|市住建局|区住建局|收回|
3|燃气经营许可|行政许可|市城管执法局|区城管执法局|委托|暂缓下放
佛山市人民政府
2023年5月18日
"""


def test_table_mode_and_note_columns_withhold_rows():
    _, deleg, holds = deleg_of(MODE_TABLE)
    # 市级实施部门 is the granting body, not the receiver
    p = deleg[("南海区市场监督管理局", "佛山市市场监督管理局", "食品生产许可")]
    assert p["inferred"] is False
    # 收回 in the 调整方式 column, 暂缓下放 in 备注: nothing passed on, no category from them
    assert not [k for k in deleg if k[2] in ("建筑起重机械使用登记", "燃气经营许可")]
    assert {k[2] for k in deleg if k[:2] == ("南海区", "佛山市")} == {"行政许可"}
    assert ("佛山市住房和城乡建设局", "建筑起重机械使用登记") not in holds


CELL_TABLE = """潍坊市人民政府关于向潍坊滨海经济技术开发区赋予部分市级经济管理权限的通知
潍政字〔2022〕15号
序号
事项名称
权力类型
原实施部门
承接机构
1
建设用地规划许可证核发
行政许可
市自然资源和规划局
潍坊滨海经济技术开发区管委会
2
对违法建设的处罚
行政处罚
市住建局
潍坊滨海经济技术开发区管委会
潍坊市人民政府
2022年3月8日
"""


def test_table_printed_one_cell_per_line():
    doc, deleg, holds = deleg_of(CELL_TABLE)
    zone = "潍坊滨海经济技术开发区管委会"
    assert (zone, "潍坊市自然资源和规划局", "建设用地规划许可证核发") in deleg
    assert (zone, "潍坊市住房和城乡建设局", "对违法建设的处罚") in deleg
    # the table ends at its last row: the signature is no cell
    assert not [k for k in deleg if "人民政府" in k[2]]
    assert {k[2] for k in deleg if k[:2] == ("潍坊滨海经济技术开发区", "潍坊市")} == {"行政许可", "行政处罚"}
    ev = [e for e in doc.edges if e.type == "DELEGATED_FROM" and e.properties["power"] == "对违法建设的处罚"][0].evidence[0]
    assert "对违法建设的处罚" in ev.text and "市住建局" in ev.text


TAB_TABLE = ("三门峡市人民政府关于向灵宝市赋予部分省辖市级经济社会管理权限的通知\n三政〔2021〕6号\n"
             "序号\t事项名称\t权力类型\t市级主管部门\t承接部门\n"
             "1\t企业投资项目核准\t行政许可\t市发展改革委\t灵宝市发展改革委\n"
             "三门峡市人民政府\n2021年1月15日\n")


def test_tab_table_and_same_level_granter_keeps_issuers_shi():
    _, deleg, _ = deleg_of(TAB_TABLE)
    # in 三门峡市's document "市发展改革委" is 三门峡市's although the receiver is a 市 too
    assert ("灵宝市发展和改革委员会", "三门峡市发展和改革委员会", "企业投资项目核准") in deleg
    assert ("灵宝市", "三门峡市", "行政许可") in deleg


ENTRUST = """嘉善县人民政府关于委托镇人民政府实施部分行政处罚事项的通知
善政发〔2022〕18号
经县政府研究，决定将部分县级行政处罚事项委托有关镇人民政府实施。
（一）将县市场监管局的对无证无照经营的处罚委托西塘镇人民政府、姚庄镇人民政府实施。
（二）将县住建局的对违法建设的处罚暂不委托镇人民政府实施。
嘉善县人民政府
2022年6月10日
"""


def test_sentence_with_two_receivers_negation_and_generic_lead():
    _, deleg, holds = deleg_of(ENTRUST)
    for town in ("嘉善县西塘镇人民政府", "嘉善县姚庄镇人民政府"):
        assert deleg[(town, "嘉善县市场监督管理局", "对无证无照经营的处罚")]["inferred"] is False
        assert (town, "对无证无照经营的处罚") in holds
    assert not [k for k in deleg if k[2] == "对违法建设的处罚"]  # 暂不委托
    assert not [k for k in deleg if "有关" in k[0] or k[2] == "行政处罚"]  # 部分…事项 to 有关镇: nothing particular
    assert len(deleg) == 2


GROUPED = """绵阳市人民政府关于向三台县下放部分市级行政管理权限的通知
绵府发〔2021〕9号
一、下放事项
（一）市发展改革委（2项）
1.企业投资项目核准
2.固定资产投资项目节能审查
（二）市生态环境局（1项）
1.排污许可证核发
二、暂不下放事项
1.市交通运输局：公路超限运输许可
三、工作要求
1.三台县人民政府要明确承接部门。
绵阳市人民政府
2021年4月2日
"""


def test_items_under_granting_department_headings():
    _, deleg, holds = deleg_of(GROUPED)
    assert deleg[("三台县", "绵阳市发展和改革委员会", "企业投资项目核准")]["inferred"] is False
    assert ("三台县", "绵阳市发展和改革委员会", "固定资产投资项目节能审查") in deleg
    assert ("三台县", "绵阳市生态环境局", "排污许可证核发") in deleg
    assert ("绵阳市生态环境局", "排污许可证核发") in holds
    # the 暂不下放 section and the numbered requirement give nothing
    assert not [k for k in deleg if k[2] in ("公路超限运输许可", "三台县人民政府要明确承接部门")]
    assert ("三台县", "绵阳市", "部分市级行政管理权限") in deleg  # the title's plan-level grant


PAIRED = """南昌市人民政府关于赋予进贤县部分市级经济社会管理权限的决定
洪府发〔2020〕31号
市政府决定赋予进贤县行政许可、行政确认等2类部分市级经济社会管理权限。
一、行政许可（2项）
1.燃气经营许可（市城管局）
2.民办职业培训学校设立审批（市人社局）
二、行政确认（1项）
1.房屋建筑工程竣工验收备案（市住建局）
三、承接单位
上述事项由进贤县相应部门承接：县城管局、县人社局。
南昌市人民政府
2020年9月25日
"""


def test_category_headings_sources_in_parentheses_paired_with_listed_receivers():
    doc, deleg, holds = deleg_of(PAIRED)
    p = deleg[("进贤县城市管理综合行政执法局", "南昌市城市管理综合行政执法局", "燃气经营许可")]
    assert p["inferred"] is True and p["method"] == "receiver matched by function"
    assert ("进贤县人力资源和社会保障局", "南昌市人力资源和社会保障局", "民办职业培训学校设立审批") in deleg
    # no listed receiver of that function: the county itself receives it, from the printed source
    assert deleg[("进贤县", "南昌市住房和城乡建设局", "房屋建筑工程竣工验收备案")]["inferred"] is False
    powers = {n.name: n.properties for n in doc.nodes if n.label == "Power"}
    assert powers["燃气经营许可"]["category"] == "行政许可"
    assert powers["房屋建筑工程竣工验收备案"]["category"] == "行政确认"
    # a paired receiving department gets its items, not the plan's scope
    assert not [k for k in deleg if k[0] == "进贤县城市管理综合行政执法局" and "权限" in k[2]]
    assert ("南昌市城市管理综合行政执法局", "燃气经营许可") in holds


LEAD = """磁县人民政府办公室关于向乡镇人民政府下放部分行政处罚事项的通知
磁政办字〔2021〕22号
现将县自然资源和规划局的下列行政处罚事项下放各乡（镇）人民政府行使：
1.对非法占用土地建住宅的处罚
2.对拒不履行土地复垦义务的处罚
下放后，上述事项由各乡（镇）人民政府以自身名义行使。
下列事项不予下放，仍由县自然资源和规划局行使：
1.对非法采矿的处罚
另将自然资源领域的5项行政检查事项下放到各乡（镇）人民政府行使。
磁县人民政府办公室
2021年8月20日
"""


def test_lead_sentence_items_to_a_collective_receiver():
    doc, deleg, holds = deleg_of(LEAD)
    towns = "各乡(镇)人民政府"
    assert deleg[(towns, "磁县自然资源和规划局", "对非法占用土地建住宅的处罚")]["inferred"] is False
    assert (towns, "磁县自然资源和规划局", "对拒不履行土地复垦义务的处罚") in deleg
    assert ("磁县自然资源和规划局", "对拒不履行土地复垦义务的处罚") in holds
    assert not [k for k in deleg if k[2] == "对非法采矿的处罚"]  # 不予下放
    # N项 of a field, not listed: the category, from the issuing county
    assert (towns, "磁县", "行政检查") in deleg
    assert not [k for k in deleg if "领域" in k[2] or "下列" in k[2]]
    node = [n for n in doc.nodes if n.name == towns][0]
    assert node.properties["collective"] is True


CATALOGUE = """绵阳市人民政府关于向三台县下放部分市级行政权力事项的通知
绵府发〔2021〕10号
一、有关要求
（一）市发展改革委
1.市级有关部门要加强业务指导，做好交接工作。
附件1
取消的市级行政权力事项目录（1项）
序号|事项名称|事项类别|原实施部门
1|城市建筑垃圾处置核准|行政许可|市城管执法局
附件2
向三台县下放的市级行政权力事项目录（2项）
序号|事项名称|事项类别|原实施部门
1|临时用地审批|行政许可|市自然资源和规划局
2|对非法占用土地的处罚|行政处罚|
附件3
向三台县委托实施的市级行政权力事项清单
1.排污许可证核发
2.取水许可
绵阳市人民政府
2021年4月2日
"""


def test_catalogue_without_receiver_column_goes_to_the_titles_receiver():
    _, deleg, holds = deleg_of(CATALOGUE)
    assert deleg[("三台县", "绵阳市自然资源和规划局", "临时用地审批")]["inferred"] is False
    # an empty source cell under a merged cell is carried down
    assert ("三台县", "绵阳市自然资源和规划局", "对非法占用土地的处罚") in deleg
    # the table under a 取消 caption passes nothing on
    assert not [k for k in deleg if k[2] == "城市建筑垃圾处置核准"]
    assert ("绵阳市城市管理综合行政执法局", "城市建筑垃圾处置核准") not in holds
    # a numbered list under a catalogue title: the title's receiver, from the granting city
    assert deleg[("三台县", "绵阳市", "排污许可证核发")]["inferred"] is False
    assert ("三台县", "取水许可") in holds
    # a numbered sentence under a department heading is no item
    assert not [k for k in deleg if "指导" in k[2]]
    assert {k[2] for k in deleg if k[:2] == ("三台县", "绵阳市") and k[2].startswith("行政")} == {"行政许可", "行政处罚"}


def test_numbered_lead_sentence_opens_its_list():
    text = LEAD.replace("现将县自然资源和规划局的下列", "1.现将县自然资源和规划局的下列")
    _, deleg, _ = deleg_of(text)
    assert ("各乡(镇)人民政府", "磁县自然资源和规划局", "对非法占用土地建住宅的处罚") in deleg


def test_given_to_towns_by_the_issuing_government():
    text = """渑池县人民政府关于赋予乡(镇)部分县级经济社会管理权限的决定
各乡(镇)人民政府,县人民政府有关部门:
经县政府研究决定,赋予各乡(镇)政府临时占用公共体育场(馆)设施审批等23项县级经济社会管理权限。
另赋予城关镇人民政府县级行政处罚权。
渑池县人民政府
2019年12月6日
"""
    _, deleg, holds = deleg_of(text)
    # "赋予 receiver what": the printed example item, from the county (no counterpart department)
    assert deleg[("各乡(镇)政府", "渑池县", "临时占用公共体育场(馆)设施审批")]["inferred"] is False
    assert deleg[("渑池县城关镇人民政府", "渑池县", "县级行政处罚权")]["inferred"] is False
    assert not [k for k in deleg if k[0] == k[1]]
    assert ("渑池县", "县级行政处罚权") in holds


TAKE_OVER = """长汀县人民政府办公室关于做好承接龙岩市下放行政权力事项工作的通知
汀政办〔2022〕21号
龙岩市人民政府决定向长汀县下放行政许可、行政处罚、行政检查等3类共5项市级行政权力事项。
（一）县发改局（行政许可2项）：企业投资项目核准、固定资产投资项目节能审查。
（二）县住建局（行政处罚1项、行政检查1项）：对违法建设行为的处罚、建筑市场监督检查。
（三）县市场监管局（行政许可1项）。
各承接部门要主动对接市发展改革委等市直部门。
长汀县人民政府办公室
2022年5月10日
"""


def test_counted_items_after_a_receiving_department_and_parties_from_a_decision_sentence():
    doc, deleg, holds = deleg_of(TAKE_OVER)
    # "龙岩市人民政府决定向长汀县下放…": the city grants, the issuing county receives
    assert {k[2] for k in deleg if k[:2] == ("长汀县", "龙岩市")} == {"行政许可", "行政处罚", "行政检查"}
    # the items after the counts are the powers; the counterpart named in the document (市发展改革委)
    p = deleg[("长汀县发展和改革局", "龙岩市发展和改革委员会", "企业投资项目核准")]
    assert p["inferred"] is True and p["method"] == "counterpart named in the document"
    powers = {n.name: n.properties for n in doc.nodes if n.label == "Power"}
    # categories in the order of the counts
    assert powers["对违法建设行为的处罚"]["category"] == "行政处罚"
    assert powers["建筑市场监督检查"]["category"] == "行政检查"
    assert not [k for k in deleg if k[0] == "长汀县住房和城乡建设局" and k[2] in ("行政处罚", "行政检查")]
    # counts without items: the categories, as before
    assert ("长汀县市场监督管理局", "龙岩市市场监督管理局", "行政许可") in deleg
    assert ("长汀县发展和改革局", "企业投资项目核准") in holds


def test_issuer_takes_over_from_its_city_when_only_the_title_says_so():
    text = """盘山县人民政府关于做好承接盘锦市下放行政职权工作的通知
盘县政发〔2017〕3号
盘锦市政府已印发赋权目录。请盘锦市直部门做好交接。
承接部门:县财政局。
盘山县人民政府
2017年3月1日
"""
    _, deleg, _ = deleg_of(text)
    assert ("盘山县财政局", "盘锦市财政局", "行政职权") in deleg
    assert not [k for k in deleg if k[1].startswith("盘山县")]


def test_sections_named_by_how_items_pass_and_compound_title_verbs():
    text = """株洲市人民政府关于向渌口区下放和委托实施一批市级行政权力事项的通知
株政发〔2021〕7号
一、下放事项（共1项）
1.城镇污水排入排水管网许可
二、委托实施事项（共1项）
1.对违反城市绿化管理规定行为的处罚
三、收回事项（共1项）
1.户外广告设施设置审批
四、工作要求
1.渌口区要明确承接主体
株洲市人民政府
2021年3月12日
"""
    _, deleg, holds = deleg_of(text)
    assert ("渌口区", "株洲市", "一批市级行政权力事项") in deleg  # 下放和委托实施: the scope after both verbs
    assert deleg[("渌口区", "株洲市", "城镇污水排入排水管网许可")]["inferred"] is False
    assert ("渌口区", "株洲市", "对违反城市绿化管理规定行为的处罚") in deleg
    assert ("株洲市", "对违反城市绿化管理规定行为的处罚") in holds
    assert not [k for k in deleg if k[2] in ("户外广告设施设置审批", "渌口区要明确承接主体")]


def test_receiver_then_comma_then_verb():
    text = """玉林市人民政府关于下放和委托一批市级行政权力事项的决定
玉政发〔2019〕16号
一、将市交通运输局的道路货物运输经营许可下放至各县（市、区）交通运输主管部门，由其依法实施。
二、市卫生健康委的医疗机构设置审批不再下放，仍由市卫生健康委实施。
玉林市人民政府
2019年8月2日
"""
    _, deleg, _ = deleg_of(text)
    assert deleg[("各县(市、区)交通运输主管部门", "玉林市交通运输局", "道路货物运输经营许可")]["inferred"] is False
    assert len(deleg) == 1


def test_generic_grant_to_a_bare_level_gives_nothing():
    text = """沭阳县人民政府关于赋予乡镇（街道）部分县级经济社会管理权限的通知
沭政发〔2021〕33号
县政府决定赋予乡镇（街道）部分县级经济社会管理权限3项。
另赋予钱集镇人民政府部分县级管理权限。
沭阳县人民政府
2021年10月8日
"""
    doc, deleg, _ = deleg_of(text)
    assert deleg == {}
    assert not [n for n in doc.nodes if n.label == "Agency" and "(" in n.name and ")" not in n.name]


def test_categories_in_cancelling_clauses_are_not_passed_on():
    text = """杭州市人民政府关于向桐庐县下放部分市级行政权力事项的通知
杭政发〔2019〕13号
市政府决定向桐庐县下放行政许可3项、行政处罚2项,取消行政确认1项、行政给付1项。
杭州市人民政府
2019年5月6日
"""
    _, deleg, _ = deleg_of(text)
    assert {k[2] for k in deleg if k[:2] == ("桐庐县", "杭州市")} == {"行政许可", "行政处罚"}


def test_score_weighs_the_title():
    loader = LOADERS["delegation"]
    plan = read_text("""某市2024年政府工作要点
一、深化放管服改革，向开发区下放一批市级管理权限。
二、推进重大项目建设，年内开工项目30个。
三、办好十件民生实事。
""", "plan.txt")
    assert loader.score(plan) < 0.35  # a work plan that mentions 下放 in passing
    quiet_title = read_text("""威海市环翠区人民政府关于调整区级行政权力事项的通知
威环政字〔2020〕19号
区级承接下放管理层级或委托实施行政权力事项39项。
序号|事项名称|事项类别|原实施部门|承接单位
1|食品经营许可|行政许可|市市场监管局|区市场监管局
""", "quiet.txt")
    assert loader.score(quiet_title) >= 0.45
    assert loader.score(read_text(TABLE, "table.txt")) > loader.score(quiet_title)


VARIANTS = sorted((ROOT / "examples" / "variants" / "delegation").glob("*.txt"))


@pytest.mark.parametrize("path", VARIANTS + [SEED], ids=lambda p: p.name)
def test_documents_cut_anywhere_never_crash_and_give_no_more(path):
    """A plan cut at any line (a page saved half-way) still loads, and every edge's
    evidence lies in the part kept; the whole plan finds a granter for every receiver."""
    lines = path.read_text(encoding="utf-8").splitlines()
    whole = read_by_kind(read_text("\n".join(lines), path.name), "delegation")[0]
    assert not [w for w in whole.warnings if "no granting body" in w]
    for end in range(3, len(lines) + 1, max(1, len(lines) // 12)):
        part = read_text("\n".join(lines[:end]), path.name)
        doc = read_by_kind(part, "delegation")[0]
        for e in doc.edges:
            assert e.evidence and all(ev.line <= end for ev in e.evidence)


def test_subject_first_sentence_and_implementing_column_beside_a_receiving_one():
    text = """准格尔旗人民政府关于委托苏木乡镇实施部分旗级行政处罚事项的通知
准政发〔2021〕40号
一、旗农牧局将对违法使用农药的处罚委托大路镇人民政府实施。
二、经研究，旗人民政府决定将对占道经营的处罚委托薛家湾镇人民政府实施。
序号|事项名称|实施部门|承接街道
1|对乱堆物料的处罚|旗城市管理局|沙圪堵镇人民政府
准格尔旗人民政府
2021年11月5日
"""
    _, deleg, _ = deleg_of(text)
    assert deleg[("准格尔旗大路镇人民政府", "准格尔旗农牧局", "对违法使用农药的处罚")]["inferred"] is False
    # the government deciding is no department: the town receives from the banner itself
    assert ("准格尔旗薛家湾镇人民政府", "准格尔旗", "对占道经营的处罚") in deleg
    assert ("准格尔旗沙圪堵镇人民政府", "准格尔旗城市管理局", "对乱堆物料的处罚") in deleg
    assert not [k for k in deleg if k[0] == "准格尔旗城市管理局"]


def test_label_blocks_are_table_rows():
    text = """德清县人民政府关于向莫干山国际旅游度假区管委会赋予部分县级行政权力事项的通知
德政发〔2021〕25号
1.事项名称：建设工程规划许可
权力类型：行政许可
原实施部门：县自然资源和规划局
承接单位：莫干山国际旅游度假区管委会
2.事项名称：对未取得施工许可证擅自施工的处罚
原实施部门：县住建局
承接单位：莫干山国际旅游度假区管委会
德清县人民政府
2021年8月16日
"""
    doc, deleg, _ = deleg_of(text)
    zone = "德清县莫干山国际旅游度假区管委会"
    assert deleg[(zone, "德清县自然资源和规划局", "建设工程规划许可")]["inferred"] is False
    # a block without one of the labels leaves that cell empty, not shifted
    assert (zone, "德清县住房和城乡建设局", "对未取得施工许可证擅自施工的处罚") in deleg
    assert not [k for k in deleg if k[2] == "行政职权"]  # the receiver's own line adds no scope grant
    powers = {n.name: n.properties for n in doc.nodes if n.label == "Power"}
    assert powers["建设工程规划许可"]["category"] == "行政许可"


def test_a_kind_of_body_in_every_city_is_a_collective_receiver():
    text = """福建省人民政府关于下放一批省级行政许可事项的决定
闽政〔2020〕11号
序号|事项名称|原实施部门|下放后实施部门
1|建设项目使用林地审核（限额以下）|省林业局|设区市林业主管部门
福建省人民政府
2020年6月10日
"""
    doc, deleg, _ = deleg_of(text)
    assert deleg[("设区市林业主管部门", "福建省林业局", "建设项目使用林地审核(限额以下)")]["inferred"] is False
    assert [n.properties["collective"] for n in doc.nodes if n.name == "设区市林业主管部门"] == [True]


def test_items_under_receiving_department_headings():
    text = """湄潭县人民政府办公室关于印发湄潭县承接遵义市下放行政权力事项实施方案的通知
湄府办发〔2021〕17号
二、承接事项
（一）县发展改革局（2项）
1.企业投资项目核准
2.固定资产投资项目节能审查
（二）县市场监管局（1项）
1.特种设备使用登记
湄潭县人民政府办公室
2021年9月3日
"""
    _, deleg, holds = deleg_of(text)
    p = deleg[("湄潭县发展和改革局", "遵义市发展和改革局", "企业投资项目核准")]
    assert p["inferred"] is True and p["method"].startswith("counterpart by name")
    assert ("湄潭县市场监督管理局", "遵义市市场监督管理局", "特种设备使用登记") in deleg
    assert not [k for k in deleg if k[0] == "湄潭县" and k[2] == "企业投资项目核准"]
    assert ("湄潭县", "遵义市", "行政权力事项") in deleg  # the title's scope without its verb
    assert not [h for h in holds if h[0].startswith("遵义市")]  # inferred sources hold nothing


def test_certificate_names_notes_and_refusals():
    text = """杭州市人民政府关于向桐庐县下放部分市级行政权力事项的通知
杭政发〔2019〕14号
将市规划局的《建设工程规划许可证》核发下放至县规划局实施。
序号|事项名称|事项类别|原实施部门|承接单位|承接方式|备注
1|《乡村建设规划许可证》核发|行政许可|市规划局|县规划局|承接|
2|临时建设工程规划许可|行政许可|市规划局|县规划局|不承接|
3|建设项目选址意见书核发|行政许可|市规划局|县规划局|承接|已取消
杭州市人民政府
2019年5月6日
"""
    _, deleg, _ = deleg_of(text)
    got = {k[2] for k in deleg if k[0] == "桐庐县规划局"}
    assert got == {"建设工程规划许可证核发", "乡村建设规划许可证核发"}


def test_unnumbered_headings_and_department_colon_item_lines():
    text = """晋中市人民政府关于向晋中国家农业高新技术产业示范区赋予市级管理权限的通知
市政发〔2020〕45号
行政许可（2项）
市行政审批局（2项）：建设工程规划许可、食品生产许可。
其他行政权力（1项）
市发展改革委（1项）：企业投资项目备案。
市编办：负责统筹协调赋权工作。
晋中市人民政府
2020年10月30日
"""
    doc, deleg, _ = deleg_of(text)
    zone = "晋中国家农业高新技术产业示范区"
    assert deleg[(zone, "晋中市行政审批局", "食品生产许可")]["inferred"] is False
    assert (zone, "晋中市发展和改革委员会", "企业投资项目备案") in deleg
    powers = {n.name: n.properties for n in doc.nodes if n.label == "Power"}
    assert powers["企业投资项目备案"]["category"] == "其他行政权力"
    assert powers["建设工程规划许可"]["category"] == "行政许可"
    assert not [k for k in deleg if "统筹" in k[2]]  # a duty after a colon is no item


def test_a_place_as_receiver_is_the_jurisdiction():
    text = """佛山市人民政府关于将一批市级行政职权事项调整由各区实施的决定
佛府〔2023〕2号
一、将市自然资源局的建设工程规划许可下放至南海区实施。
序号|事项名称|事项类别|市级实施部门|承接单位
1|食品生产许可|行政许可|市市场监管局|南海区、顺德区
佛山市人民政府
2023年5月18日
"""
    doc, deleg, holds = deleg_of(text)
    assert deleg[("南海区", "佛山市自然资源局", "建设工程规划许可")]["inferred"] is False
    assert ("南海区", "佛山市市场监督管理局", "食品生产许可") in deleg
    assert ("顺德区", "佛山市市场监督管理局", "食品生产许可") in deleg
    labels = {n.name: n.label for n in doc.nodes}
    assert labels["顺德区"] == "Jurisdiction"
    assert ("顺德区", "食品生产许可") in holds


def test_count_matrix_gives_each_department_its_categories():
    text = """营口市人民政府关于赋予盖州市部分市级行政职权的通知
营政发〔2017〕21号
序号|承接部门|行政许可|行政处罚|行政确认|合计
1|盖州市民政局|0|0|2|2
2|盖州市住房和城乡建设局|1|3|0|4
合计||1|3|2|6
营口市人民政府
2017年6月1日
"""
    _, deleg, _ = deleg_of(text)
    assert {k[2] for k in deleg if k[0] == "盖州市民政局"} == {"行政确认"}  # zero counts give nothing
    assert deleg[("盖州市住房和城乡建设局", "营口市住房和城乡建设局", "行政处罚")]["inferred"] is True
    assert not [k for k in deleg if k[0] == "合计" or k[2] == "合计"]
    assert {k[2] for k in deleg if k[:2] == ("盖州市", "营口市")} == {"行政许可", "行政处罚", "行政确认"}


def test_item_name_column_is_the_named_one_not_a_code():
    text = """杭州市人民政府关于向桐庐县下放部分市级行政权力事项的通知
杭政发〔2019〕15号
序号|权力编码|权力名称|事项数量|原实施部门|承接单位
1|330217001000|食品经营许可|1|市市场监管局|县市场监管局
杭州市人民政府
2019年5月6日
"""
    _, deleg, _ = deleg_of(text)
    assert set(deleg) >= {("桐庐县市场监督管理局", "杭州市市场监督管理局", "食品经营许可")}
    assert not [k for k in deleg if k[2].isdigit()]


def test_sub_items_and_a_receiver_in_the_caption():
    text = """曲靖市人民政府关于下放一批市级行政审批事项的决定
曲政发〔2019〕30号
附件1：下放至各县（市、区）人民政府实施的行政审批事项目录
序号|主项名称|子项名称|原实施部门
1|建设项目审批|政府投资项目初步设计审批|市发展改革委
2||企业投资项目核准|市发展改革委
3|公共场所卫生许可||市卫生健康委
附件2：委托下放的事项目录
序号|事项名称|原实施部门
1|取水许可|市水务局
曲靖市人民政府
2019年11月20日
"""
    _, deleg, _ = deleg_of(text)
    towns = "各县(市、区)人民政府"
    assert {k[2] for k in deleg if k[0] == towns} == {"政府投资项目初步设计审批", "企业投资项目核准", "公共场所卫生许可"}
    assert not [k for k in deleg if k[2] == "建设项目审批"]  # the main item of sub-items is not itself passed
    assert not [k for k in deleg if k[2] == "取水许可"]  # no receiver in its caption, none in the title


def test_circled_items_labelled_parentheses_and_heading_receivers():
    text = """海口市人民政府关于调整实施一批市级行政权力事项的决定
海府〔2021〕66号
一、下放至各区实施的行政权力事项（共1项）
①建设工程规划许可（原实施机关：市自然资源和规划局；调整后实施机关：各区自然资源和规划部门）
二、委托美兰区实施的行政权力事项（共1项）
①对违法占道经营的处罚（原实施机关：市综合行政执法局）
1.1 对违法设置户外广告的处罚（原实施机关：市综合行政执法局）
三、保留由市级实施的事项（共1项）
①建筑工程施工许可（原实施机关：市住房和城乡建设局）
海口市人民政府
2021年12月1日
"""
    loader = LOADERS["delegation"]
    assert loader.score(read_text(text, "h.txt")) >= 0.45  # 调整实施…事项 is a delegation title
    _, deleg, _ = deleg_of(text)
    assert deleg[("各区自然资源和规划部门", "海口市自然资源和规划局", "建设工程规划许可")]["inferred"] is False
    assert ("美兰区", "海口市综合行政执法局", "对违法占道经营的处罚") in deleg
    assert ("美兰区", "海口市综合行政执法局", "对违法设置户外广告的处罚") in deleg  # 1.1 numbering
    assert not [k for k in deleg if k[2] == "建筑工程施工许可"]


def test_lead_with_source_after_by_and_inline_lists():
    text = """富平县人民政府关于向乡镇下放部分行政处罚事项的通知
富政发〔2021〕3号
下列事项由县市场监管局委托各镇人民政府实施:
1.对无证无照经营的处罚
2.对销售过期食品的处罚
渭南市人民政府决定向富平县下放行政许可事项，下放的事项包括：企业投资项目核准、临时用地审批等2项。
暂不下放的事项包括：取水许可。
富平县人民政府
2021年3月1日
"""
    _, deleg, _ = deleg_of(text)
    assert deleg[("各镇人民政府", "富平县市场监督管理局", "对无证无照经营的处罚")]["inferred"] is False
    assert ("各镇人民政府", "富平县市场监督管理局", "对销售过期食品的处罚") in deleg
    assert deleg[("富平县", "渭南市", "企业投资项目核准")]["inferred"] is False
    assert ("富平县", "渭南市", "临时用地审批") in deleg
    assert not [k for k in deleg if k[2] == "取水许可"]


def test_town_in_the_title_receives_and_an_implementing_column_of_granter_bodies_is_the_source():
    text = """绍兴市柯桥区人民政府关于向钱清镇赋予部分区级经济社会管理权限的决定
柯政发〔2020〕18号
序号|实施部门|事项名称|事项类别
1|区市场监管局|个体工商户登记|行政许可
绍兴市柯桥区人民政府
2020年7月20日
"""
    doc, deleg, _ = deleg_of(text)
    town = "柯桥区钱清镇人民政府"
    assert deleg[(town, "柯桥区市场监督管理局", "个体工商户登记")]["inferred"] is False
    assert (town, "柯桥区", "行政许可") in deleg
    assert not [k for k in deleg if k[0] == k[1] or k[0] == "钱清镇"]
    assert not [n for n in doc.nodes if n.label == "Jurisdiction" and n.name == "钱清镇"]
    assert find_parties("关于向乡镇下放部分行政处罚事项的通知")[1] is None  # 乡镇 is no town


def test_receiving_departments_listed_one_per_line_under_their_heading():
    text = """盘山县人民政府办公室关于印发盘锦市赋予盘山县市级同等行政职权工作实施方案的通知
盘县政办发〔2016〕110号
四、权力承接部门（3家）
县发改局
县住建局、县财政局
五、工作要求
县直相关部门要精心组织。
盘山县人民政府办公室
2016年9月9日
"""
    doc, deleg, _ = deleg_of(text)
    receivers = {k[0] for k in deleg if k[0].startswith("盘山县") and k[0] != "盘山县"}
    assert receivers == {"盘山县发展和改革局", "盘山县住房和城乡建设局", "盘山县财政局"}
    assert not [w for w in doc.warnings if "receiving bodies" in w]  # 3 printed, 3 read


def test_a_row_wrapped_onto_the_next_line_is_joined():
    text = """杭州市人民政府关于向桐庐县下放部分市级行政权力事项的通知
杭政发〔2019〕16号
序号|事项名称|设定依据|原实施部门|承接单位
1|建设工程规划许可|《中华人民共和国城乡规划法》第四十
条|市规划局|县规划局
2|食品经营许可|《食品安全法》|市市场监管局|县市场监管局
杭州市人民政府
2019年5月6日
"""
    _, deleg, _ = deleg_of(text)
    assert ("桐庐县规划局", "杭州市规划局", "建设工程规划许可") in deleg
    assert ("桐庐县市场监督管理局", "杭州市市场监督管理局", "食品经营许可") in deleg
    assert not [k for k in deleg if "条" == k[2] or k[0].endswith("条")]


def test_entrusted_body_column_is_the_receiver():
    assert _header_roles(["序号", "事项名称", "原实施机关", "受委托机关", "委托期限"]) == {
        "number": 0, "name": 1, "source": 2, "receiver": 3}
    assert _header_roles(["序号", "事项名称", "委托机关", "受托单位"])["source"] == 2
    assert find_parties("关于将一批事项下放至设区的市实施的决定")[1] is None  # 设区的市 is no place


def test_receiving_departments_named_in_running_text():
    text = """盘山县人民政府办公室关于印发盘锦市赋予盘山县市级同等行政职权工作实施方案的通知
盘县政办发〔2016〕111号
承接部门为县发改局、县住建局。
其他事项分别由县财政局、县民政局承接。
具体事项由县政府统一承接。
以上事项由县行政审批局承接。
盘山县人民政府办公室
2016年9月9日
"""
    _, deleg, _ = deleg_of(text)
    receivers = {k[0] for k in deleg if k[0] != "盘山县"}
    assert receivers == {"盘山县发展和改革局", "盘山县住房和城乡建设局", "盘山县财政局", "盘山县民政局"}


# -- blind round: rules from real layouts met for the first time ------------------

def test_mode_words():
    from loaders.kinds.delegation import mode_of, note_mode
    assert mode_of("委托下放") == "委托" and mode_of("直接下放") == "下放" and mode_of("下放管理层级") == "下放"
    assert mode_of("授权") == "授权" and mode_of("赋权事项") == "赋予" and mode_of("赋予") == "赋予"
    assert mode_of("下放和委托实施") == "" and mode_of("调整方式") == ""
    assert mode_of("根据《关于委托乡镇实施的决定》,现将…下放") == "下放"  # a cited title does not count
    assert note_mode("城市道路挖掘审批(委托)") == "委托" and note_mode("医疗机构设置审批(二级医院)") == ""


def test_mode_per_row_column_and_from_the_title():
    text = """江门市人民政府关于江门高新技术产业开发区管理委员会行使部分市级管理权限的通告
江府规〔2023〕9号
市人民政府决定交由江门高新技术产业开发区管理委员会(以下简称高新区管委会)在高新区范围内行使3项市级管理权限(目录附后)。
序号 | 事项名称 | 事项类别 | 市级实施单位 | 调整方式 | 备注
1 | 建设用地规划许可证核发 | 行政许可 | 市自然资源局 | 委托 |
2 | 排污许可证核发 | 行政许可 | 市生态环境局 | 授权 |
3 | 人民防空工程拆除审批 | 行政许可 | 市住房城乡建设局 | 下放 |
4 | 外商投资企业设立备案 | 其他行政权力 | 市商务局 | 暂不调整 |
江门市人民政府
2023年8月14日
"""
    _, deleg, _ = deleg_of(text)
    zone = "江门高新技术产业开发区管理委员会"  # the committee named as receiver, not the zone
    assert deleg[(zone, "江门市自然资源局", "建设用地规划许可证核发")]["mode"] == "委托"
    assert deleg[(zone, "江门市生态环境局", "排污许可证核发")]["mode"] == "授权"
    assert deleg[(zone, "江门市住房和城乡建设局", "人民防空工程拆除审批")]["mode"] == "下放"
    assert not [k for k in deleg if k[2] == "外商投资企业设立备案"]
    assert deleg[(zone, "江门市", "行政许可")]["mode"] == ""  # the title says no mode
    text2 = text.replace("关于江门高新技术产业开发区管理委员会行使部分市级管理权限的通告",
                         "关于委托江门高新技术产业开发区管理委员会行使部分市级管理权限的通告").replace(" 委托 |", "  |")
    _, deleg2, _ = deleg_of(text2)
    assert deleg2[(zone, "江门市自然资源局", "建设用地规划许可证核发")]["mode"] == "委托"  # the title's word


def test_committee_in_the_title_receives_and_department_headings_inside_a_table_keep_it():
    text = """襄垣县人民政府关于赋予襄垣经济技术开发区管理委员会行使部分县级行政管理权的通知
襄政发〔2021〕27号
经县政府研究,决定赋予襄垣经济技术开发区管理委员会(以下简称开发区管委会)行使县级行政管理权3项(见附件)。
序号 | 实施部门 | 事项名称 | 子项 | 事项类型 | 赋权方式 | 备注
一、县行政审批服务管理局(2项)
1 | 县行政审批服务管理局 | 建设工程规划许可证核发 | 1.1 建设工程规划许可证核发(新建) | 行政许可 | 委托 |
 | | | 1.2 建设工程规划许可证核发(变更) | | |
2 | 县行政审批服务管理局 | 取水许可 | | 行政许可 | 暂不赋予 |
二、县应急管理局(1项)
3 | 县应急管理局 | 危险化学品经营许可证核发 | | 行政许可 | 委托 |
襄垣县人民政府
2021年9月24日
"""
    _, deleg, _ = deleg_of(text)
    zone = "襄垣经济技术开发区管理委员会"
    items = {k[2] for k in deleg if k[0] == zone and k[1] != "襄垣县"}
    # numbered sub-items are parts of the item; the heading between rows keeps the table
    assert items == {"建设工程规划许可证核发", "危险化学品经营许可证核发"}
    assert deleg[(zone, "襄垣县应急管理局", "危险化学品经营许可证核发")]["mode"] == "委托"
    # "(以下简称…)行使…管理权3项(见附件)" names no power: the annex does
    assert not [k for k in deleg if "简称" in k[2] or k[2].startswith("行使")]
    assert (zone, "襄垣县", "部分县级行政管理权") not in deleg  # categories are listed: category edges instead
    assert (zone, "襄垣县", "行政许可") in deleg


def test_receivers_before_the_verb_open_a_list_and_a_withdrawal_passes_nothing():
    text = """缙云县人民政府关于调整壶镇镇等乡镇(街道)综合行政执法赋权事项的通告
缙政发〔2023〕31号
一、赋权事项
(一)壶镇镇、新建镇两个镇在其行政区域内以自身名义行使下列行政处罚权:
1.对违反规定露天焚烧秸秆的处罚(原实施部门:县农业农村局);
(二)五云街道在其行政区域内以自身名义行使下列行政处罚权:
2.对占用、堵塞、封闭消防车通道的处罚(原实施部门:县消防救援大队)。
二、收回事项
对壶镇镇原赋权的"对擅自砍伐林木的处罚"(县林业局)予以收回,由原实施部门实施。
缙云县人民政府
2023年6月12日
"""
    _, deleg, _ = deleg_of(text)
    for town in ("缙云县壶镇镇人民政府", "缙云县新建镇人民政府"):
        e = deleg[(town, "缙云县农业农村局", "对违反规定露天焚烧秸秆的处罚")]
        assert e["inferred"] is False and e["mode"] == "赋予"  # the title's 赋权
    assert ("五云街道办事处", "缙云县消防救援大队", "对占用、堵塞、封闭消防车通道的处罚") in deleg
    assert not [k for k in deleg if "林木" in k[2]]


def test_a_give_sentence_that_points_to_its_list_names_examples_and_department_lines_follow():
    text = """新安县人民政府关于赋予乡(镇)部分县级经济社会管理权限的决定
新政〔2020〕5号
经县政府研究决定,赋予各乡(镇)人民政府临时占用公共体育场(馆)设施审批等3项县级经济社会管理权限。具体如下:
县教育体育局:临时占用公共体育场(馆)设施审批。
县城市管理局:城市道路挖掘审批(委托);对在城市道路上擅自设置摊点的处罚(铁门镇、石寺镇暂不承接)。
各相关部门要全力做好赋权承接工作。
新安县人民政府
2020年4月20日
"""
    _, deleg, _ = deleg_of(text)
    towns = "各乡(镇)人民政府"
    assert deleg[(towns, "新安县教育体育局", "临时占用公共体育场(馆)设施审批")]["mode"] == "赋予"
    assert deleg[(towns, "新安县城市管理局", "城市道路挖掘审批")]["mode"] == "委托"  # the item's own note
    # a note excepting two towns is no part of the name, and the item still passes
    assert (towns, "新安县城市管理局", "对在城市道路上擅自设置摊点的处罚") in deleg
    assert not [k for k in deleg if k[1] == "新安县"]  # the example in the lead is not a grant of its own


def test_withheld_items_line_collective_source_and_cited_titles():
    text = """泰兴市人民政府关于赋予黄桥镇部分县级经济社会管理权限的通知
泰政发〔2018〕62号
根据《福建省人民政府关于赋予乡镇人民政府、街道办事处部分行政处罚权的决定》精神,决定将市有关部门的3项县级经济社会管理权限赋予黄桥镇人民政府行使。具体事项如下:
一、市住房和城乡建设局(2项)
1.建筑工程施工许可证核发(含子项:(1)房屋建筑工程施工许可;(2)市政基础设施工程施工许可)
2.城市建筑垃圾处置核准(委托实施)
二、市市场监督管理局(1项)
3.个体工商户登记
(以下事项暂不赋予,待条件成熟后另行研究)
4.食品生产许可
泰兴市人民政府
2018年10月22日
"""
    _, deleg, _ = deleg_of(text)
    town = "泰兴市黄桥镇人民政府"
    got = {k[2]: v["mode"] for k, v in deleg.items() if k[0] == town and k[1] != "泰兴市"}
    assert got == {"建筑工程施工许可证核发": "赋予", "城市建筑垃圾处置核准": "委托", "个体工商户登记": "赋予"}
    assert {k[2] for k in deleg if k[1] == "泰兴市"} == {"部分县级经济社会管理权限"}  # not "市有关部门"
    assert not [k for k in deleg if "街道办事处" in k[0] or "街道办事处" in k[2]]  # the cited title


def test_receiver_column_mode_and_a_row_whose_first_cells_are_empty():
    text = """淄博市张店区人民政府关于承接市级下放和委托实施行政权力事项的通知
张政字〔2020〕46号
根据《山东省人民政府关于调整实施部分省级行政权力事项的决定》(山东省人民政府令第333号)要求,区政府决定承接2项。
序号 | 权力编码 | 事项名称 | 权力类型 | 市级原实施部门 | 区级承接部门 | 承接方式
1 | 370300-XK-0231 | 燃气经营许可证核发 | 行政许可 | 市住房城乡建设局 | 区住房城乡建设局 | 下放管理层级
2 | 370300-XK-0342 | 建设项目使用林地审核(子项:临时使用林地审批) | 行政许可 | 市自然资源和规划局 | 区自然资源局 | 委托实施
淄博市张店区人民政府
2020年12月16日
"""
    doc, deleg, _ = deleg_of(text)
    assert deleg[("张店区住房和城乡建设局", "淄博市住房和城乡建设局", "燃气经营许可证核发")]["mode"] == "下放"
    assert deleg[("张店区自然资源局", "淄博市自然资源和规划局", "建设项目使用林地审核")]["mode"] == "委托"
    assert deleg[("张店区", "淄博市", "行政许可")]["mode"] == ""  # 下放和委托: no one mode for the document
    names = {n.name for n in doc.nodes if n.label == "Document"}
    assert "山东省人民政府令第333号" in names


def test_two_cities_in_the_title_and_an_elliptical_receiver_cell():
    text = """广东省人民政府关于将一批省级行政职权事项调整由广州、深圳市实施的决定
经研究,省政府决定将2项省级行政职权事项调整由广州、深圳市实施。
序号 | 实施主体 | 职权名称 | 职权类别 | 调整方式 | 承接主体 | 备注
1 | 省发展改革委 | 企业投资项目核准 | 行政许可 | 下放 | 广州市、深圳市发展改革委 |
2 | 省药监局 | 药品零售企业许可 | 行政许可 | 委托 | 深圳市市场监督管理局 |
广东省人民政府
2020年6月10日
"""
    _, deleg, _ = deleg_of(text)
    for city in ("广州市", "深圳市"):
        assert (city, "广东省", "行政许可") in deleg  # both cities of the title
        e = deleg[(city + "发展和改革委员会", "广东省发展和改革委员会", "企业投资项目核准")]
        assert e["mode"] == "下放"
    assert deleg[("深圳市市场监督管理局", "广东省药品监督管理局", "药品零售企业许可")]["mode"] == "委托"
    assert not [k for k in deleg if k[0] == "广州市" and k[2] != "行政许可"]


def test_receiver_named_by_the_body_in_whose_name_it_acts_and_sources_before_the_verb():
    text = """正定县人民政府办公室关于印发正定县乡镇综合行政执法事项目录的通知
正政办字〔2022〕11号
目录所列事项由各乡镇综合行政执法队以乡镇人民政府名义实施,县直有关部门不再在乡镇行政区域内实施。
正定县人民政府办公室
2022年4月8日
正定县乡镇综合行政执法事项目录(第一批)
一、县自然资源和规划局委托事项(1项)
1.对破坏或者擅自改变基本农田保护区标志的处罚
二、县农业农村局交由乡镇行使事项(2项)
2.对在禁烧区内露天焚烧秸秆的处罚
3.对未按规定处置病死畜禽的处罚(委托实施)
三、县市场监督管理局(1项)
4.对无证无照经营的处罚(暂不下放)
"""
    _, deleg, _ = deleg_of(text)
    towns = "各乡镇人民政府"
    assert deleg[(towns, "正定县自然资源和规划局", "对破坏或者擅自改变基本农田保护区标志的处罚")]["mode"] == "委托"
    assert deleg[(towns, "正定县农业农村局", "对在禁烧区内露天焚烧秸秆的处罚")]["mode"] == ""  # 交由: no mode word
    assert deleg[(towns, "正定县农业农村局", "对未按规定处置病死畜禽的处罚")]["mode"] == "委托"
    assert not [k for k in deleg if "无证无照" in k[2]]


def test_catalogue_titles_name_their_receivers_and_notes_come_off_before_the_source():
    text = """烟台市人民政府关于向各区下放市级行政审批事项的决定
市政府决定,向芝罘区下放市级行政审批事项2项,向福山区下放1项。
附件:1.向芝罘区下放的市级行政审批事项目录
2.向福山区下放的市级行政审批事项目录
附件1
向芝罘区下放的市级行政审批事项目录
1.城市道路占用挖掘许可(市城市管理局)(委托)
2.燃气经营许可(市城市管理局)(暂不下放)
附件2
向福山区下放的市级行政审批事项目录
1.取水许可(限区域内项目)(市水务局)
"""
    _, deleg, _ = deleg_of(text)
    assert deleg[("芝罘区", "烟台市城市管理局", "城市道路占用挖掘许可")]["mode"] == "委托"
    assert deleg[("福山区", "烟台市水务局", "取水许可(限区域内项目)")]["mode"] == "下放"  # the catalogue's word
    assert not [k for k in deleg if "燃气" in k[2] or "目录" in k[2]]  # withheld; the annex list is no item


def test_label_block_lines_are_no_items_and_a_committee_after_diaozheng_you_receives():
    text = """海南省人民政府关于将部分省级管理权限调整由洋浦经济开发区管理委员会实施的决定
琼府〔2020〕41号
调整由洋浦经济开发区管理委员会实施的省级管理权限目录
1.事项名称:外商投资企业设立备案
实施机关:省商务厅
调整方式:委托
承接单位:洋浦经济开发区管理委员会
2.事项名称:国际船舶登记
实施机关:省交通运输厅
调整方式:暂缓调整
承接单位:洋浦经济开发区管理委员会
海南省人民政府
2020年9月30日
"""
    _, deleg, _ = deleg_of(text)
    zone = "洋浦经济开发区管理委员会"
    assert deleg[(zone, "海南省商务厅", "外商投资企业设立备案")]["mode"] == "委托"
    assert (zone, "海南省", "部分省级管理权限") in deleg
    assert not [k for k in deleg if "事项名称" in k[2] or "船舶" in k[2] or k[1].endswith(("机关", "单位"))]


def test_a_receiver_in_a_cited_title_before_a_table_is_not_the_tables():
    text = """邛崃市羊安街道办事处关于承接邛崃市赋权事项的公告
根据《邛崃市人民政府关于赋予乡镇(街道)部分县级行政权力事项的决定》(邛府发〔2021〕22号),我街道办事处承接以下2项。
序号 | 赋权部门 | 事项名称 | 事项类型 | 行使方式 | 备注
1 | 邛崃市农业农村局 | 农村村民宅基地审批 | 行政许可 | 受委托行使 |
2 | 邛崃市住房和城乡建设局 | 对擅自占用城市道路的处罚 | 行政处罚 | 以街道办事处名义行使 |
邛崃市羊安街道办事处
2022年3月15日
"""
    _, deleg, _ = deleg_of(text)
    assert not [k for k in deleg if k[0].startswith("乡镇")]
    got = {k[2]: v["mode"] for k, v in deleg.items() if k[1] != "邛崃市"}
    assert got.get("农村村民宅基地审批") == "委托" and "对擅自占用城市道路的处罚" in got


def test_an_example_in_a_pointing_sentence_counts_when_its_list_is_not_in_the_text():
    text = """新安县人民政府关于赋予乡(镇)部分县级经济社会管理权限的决定
经县政府研究决定,赋予各乡(镇)人民政府临时占用公共体育场(馆)设施审批等23项县级经济社会管理权限(详见附件)。
附件下载:赋权事项目录.xlsx
新安县人民政府
2020年4月20日
"""
    _, deleg, _ = deleg_of(text)
    assert ("各乡(镇)人民政府", "新安县", "临时占用公共体育场(馆)设施审批") in deleg


def test_a_receiver_given_in_prose_takes_a_table_without_one_and_a_plain_department_column_is_the_source():
    text = """咸宁市咸安区人民政府关于公布赋予乡镇(街道)县级行政权力事项清单的通知
咸安政发〔2021〕12号
区人民政府决定赋予各乡镇人民政府(街道办事处)县级行政权力事项3项,现予公布。
序号 | 部门 | 权力编码 | 权力名称 | 子项名称 | 权力类型 | 行使层级 | 备注
1 | 区住建局 | 421202-XK-011 | 城市道路占用挖掘许可 | 临时占用城市道路许可 | 行政许可 | 区、乡镇 | 委托
2 | 区农业农村局 | 421202-QR-004 | 农村土地承包经营权流转备案 | | 行政确认 | 乡镇 | 下放
3 | 区自然资源和规划局 | 421202-XK-020 | 乡村建设规划许可证核发 | | 行政许可 | 区 | 暂不赋予
咸宁市咸安区人民政府
2021年6月30日
"""
    _, deleg, _ = deleg_of(text)
    towns = "各乡镇人民政府(街道办事处)"
    assert deleg[(towns, "咸安区住房和城乡建设局", "临时占用城市道路许可")]["mode"] == "委托"
    assert deleg[(towns, "咸安区农业农村局", "农村土地承包经营权流转备案")]["mode"] == "下放"
    assert not [k for k in deleg if "乡村建设" in k[2]]  # 暂不赋予
    assert not [k for k in deleg if k[2] in ("县级行政权力事项", "县级行政权力")]  # a level and power words: nothing


def test_labelled_parts_with_a_stronger_receiver_label_and_a_nested_parenthesis():
    text = """甘肃省人民政府关于取消和下放一批行政许可事项的决定
甘政发〔2018〕33号
一、取消的行政许可事项(1项)
1.省级森林公园设立审批(实施机关:省林业厅)
二、下放的行政许可事项(2项)
2.建设项目使用林地审核(实施机关:省林业厅;下放至:市(州)林业主管部门)
3.水利工程建设监理单位丙级资质认定(实施机关:省水利厅;下放至:市(州)水行政主管部门)(委托实施)
甘肃省人民政府
2018年7月12日
"""
    _, deleg, _ = deleg_of(text)
    assert deleg[("市(州)林业主管部门", "甘肃省林业厅", "建设项目使用林地审核")]["mode"] == "下放"
    assert deleg[("市(州)水行政主管部门", "甘肃省水利厅", "水利工程建设监理单位丙级资质认定")]["mode"] == "委托"
    assert not [k for k in deleg if "森林公园" in k[2] or k[0] == k[1]]


# -- third blind round ---------------------------------------------------------

def test_a_lead_naming_receivers_gives_them_the_items_under_headings_with_labelled_sources():
    text = """北京市顺义区人民政府
关于向街道办事处和镇人民政府下放部分区级行政执法职权的通知
顺政发〔2022〕3号
各街道办事处、各镇人民政府：
区政府决定，将区有关部门的部分行政处罚权下放至各街道办事处、各镇人民政府，由其以自身名义实施。下放职权目录如下：
一、园林绿化领域(2项，原实施部门：区园林绿化局)
1.对损毁城市绿地的处罚
2.对擅自修剪城市树木的处罚
二、市场监管领域(1项，原实施部门：区市场监管局)
3.对无照经营的处罚
北京市顺义区人民政府
2022年2月8日
"""
    _, deleg, holds = deleg_of(text)
    for who in ("各街道办事处", "各镇人民政府"):
        assert deleg[(who, "顺义区园林绿化局", "对损毁城市绿地的处罚")]["mode"] == "下放"
        assert (who, "顺义区园林绿化局", "对擅自修剪城市树木的处罚") in deleg
        assert (who, "顺义区市场监督管理局", "对无照经营的处罚") in deleg
    assert len(deleg) == 6  # the lead's 部分行政处罚权 names nothing particular
    assert ("顺义区园林绿化局", "对损毁城市绿地的处罚") in holds


def test_where_a_receiver_acts_is_no_part_of_its_name_and_a_bracketed_site_field_names_the_issuer():
    text = """[制发单位] 北京市丰台区人民政府
[发文字号] 〔〕
[有效性] 现行有效
丰台区关于向街道办事处下放的部分行政执法职权执法权限划分的决定
一、特定区域管辖
丽泽商务区内的全部下放职权由丽泽街道办事处行使。
二、区水务局将对在河道内违法采砂的处罚委托各街道办事处在其辖区内实施。
"""
    doc, deleg, _ = deleg_of(text)
    assert deleg[("各街道办事处", "丰台区水务局", "对在河道内违法采砂的处罚")]["mode"] == "委托"
    assert len(deleg) == 1  # 全部下放职权 names nothing particular


def test_several_places_in_a_lead_are_no_single_receiver_and_jieding_and_guihuan_are_ways_of_xiafang():
    text = """潍坊市人民政府关于下放部分市级行政审批事项的决定
市政府决定，向奎文区、潍城区、寒亭区下放市级行政审批事项共3项。
一、本次下放方式分为委托、归还、界定三种。
附件
潍坊市下放行政审批事项目录
序号 | 事项名称 | 市级实施机关 | 下放方式 | 承接区
1 | 城市道路挖掘许可 | 市城市管理局 | 归还 | 奎文区、潍城区
2 | 建设工程规划许可证核发 | 市自然资源和规划局 | 界定 | 寒亭区
3 | 户外广告设施设置审批 | 市城市管理局 | 委托 | 奎文区
"""
    _, deleg, _ = deleg_of(text)
    assert deleg[("奎文区", "潍坊市城市管理局", "城市道路挖掘许可")]["mode"] == "下放"
    assert deleg[("寒亭区", "潍坊市自然资源和规划局", "建设工程规划许可证核发")]["mode"] == "下放"
    assert deleg[("奎文区", "潍坊市城市管理局", "户外广告设施设置审批")]["mode"] == "委托"
    assert not [k for k in deleg if k[1] == "潍坊市"]  # no place alone receives the lead's 市级行政审批事项
    assert len(deleg) == 4


def test_shi_di_receivers_are_collective():
    text = """黑龙江省人民政府关于下放一批行政许可事项的决定
附件
省政府相关部门下放行政许可事项表
序号 | 项目名称 | 原审批部门 | 下放后审批部门 | 备注
1 | 水利工程质量检测单位乙级资质认定 | 省水利厅 | 市(地)水行政主管部门 | 委托实施
2 | 省级湿地公园设立审批 | 省林草局 | 市(地)林业和草原主管部门 | 暂缓下放
"""
    _, deleg, _ = deleg_of(text)
    assert deleg[("市(地)水行政主管部门", "黑龙江省水利厅", "水利工程质量检测单位乙级资质认定")]["mode"] == "委托"
    assert len(deleg) == 1
