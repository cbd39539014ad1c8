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


# -- layouts of other provinces (see examples/variants/work_plan/) --------------

from loaders.kinds.work_plan import _place, closing_paren, find_projects, parse_units  # noqa: E402


def test_units_lists_each_end_in_their_verb():
    assert parse_units("县发展改革委牵头,县工信局、槐店回族镇配合") == [
        ("LEADS", "牵头", "县发展改革委"), ("ASSISTS", "配合", "县工信局、槐店回族镇")]
    assert parse_units("县住房城乡建设局牵头,县自然资源和规划局、县发展改革委配合") == [
        ("LEADS", "牵头", "县住房城乡建设局"), ("ASSISTS", "配合", "县自然资源和规划局、县发展改革委")]
    # two bodies that are both responsible lead; with a lead named, the others work with it
    assert parse_units("县财政局、县税务局负责") == [("LEADS", "负责", "县财政局、县税务局")]
    assert parse_units("市财政局牵头,各市(区)人民政府落实") == [
        ("LEADS", "牵头", "市财政局"), ("ASSISTS", "落实", "各市(区)人民政府")]
    # a list split by commas before its verb is one list
    assert parse_units("市政府办公室,市审改办牵头,市级各有关部门按职责分工负责") == [
        ("LEADS", "牵头", "市政府办公室,市审改办"), ("ASSISTS", "按职责分工负责", "市级各有关部门")]
    # a clause after the last verb that is no deadline: not a list of units
    assert parse_units("市财政局牵头,确保按期完成") is None


def test_closing_parenthesis_may_hold_parentheses():
    t = closing_paren("1.全年粮食播种面积稳定。(责任单位:区农业农村局、各镇(街道))")
    assert t.inner == "责任单位:区农业农村局、各镇(街道)"
    assert parse_units(t.inner) == [("LEADS", "责任单位", "区农业农村局、各镇(街道)")]
    assert closing_paren("推进(试点)改革") is None


def _named(text):
    return {n: (a.value, a.unit) if a else None for n, _, a in find_projects(text)}


def test_capacities_stay_in_project_names_and_are_not_amounts():
    got = _named("推进豫东粮油公司年产30万吨面粉加工项目,总投资3.6亿元,年内建成投产")
    assert got == {"豫东粮油公司年产30万吨面粉加工项目": (3.6, "亿元")}
    got = _named("推进北部山区15万千瓦光伏发电项目前期工作")
    assert got == {"北部山区15万千瓦光伏发电项目": None}
    # an area of work is not a name
    assert _named("新建5万亩高标准农田工程") == {}


def test_total_investment_wins_over_a_years_share():
    got = _named("实施月河灌区续建配套与节水改造工程,年度计划投资8000万元,总投资2.3亿元")
    assert got == {"月河灌区续建配套与节水改造工程": (2.3, "亿元")}
    assert _named("推进三坊七巷周边历史风貌区保护提升工程,年度投资6000万元") == {
        "三坊七巷周边历史风貌区保护提升工程": (6000.0, "万元")}
    assert _named("实施沙颍河沈丘段堤防加固工程,投资3000万元") == {"沙颍河沈丘段堤防加固工程": (3000.0, "万元")}


def test_meetings_lists_and_quantities_are_not_projects():
    assert _named("每月召开一次项目推进会,协调解决用地问题") == {}
    assert _named("完成几个交叉口渠化改造提升工程") == {}
    # two names joined by 与: two projects; 与 with nothing of a name after it: none
    assert set(_named("推进滨江公园项目与城东污水处理厂工程建设")) == {"滨江公园项目", "城东污水处理厂工程"}
    assert _named("统筹资金与项目") == {}
    # names in a list, each with its own suffix; the list's generic closing is not one
    got = _named("按季度公开江门市区快速路网工程、珠西综合交通枢纽江门站项目等重大建设项目的实施情况")
    assert set(got) == {"江门市区快速路网工程", "珠西综合交通枢纽江门站项目"}


def test_place_is_where_the_title_starts():
    assert _place("萧县2023年优化营商环境工作要点") == "萧县"
    assert _place("2023年淮安市数字政府建设工作要点") == "淮安市"
    assert _place("全面推进平安县城建设工作要点") is None
    assert _place("推进平安县城建设工作要点") is None
    assert _place("2023年江苏省数字政府建设工作要点") == "江苏省"
    assert _place("杭锦旗2023年农牧业工作要点") == "杭锦旗"
    assert _place("2023年全市法治政府建设要点") is None


COUNTY_PLAN = """\
萧县人民政府办公室关于印发萧县2023年优化营商环境工作要点的通知
萧政办〔2023〕21号
各乡镇人民政府，县政府各部门：
现将《萧县2023年优化营商环境工作要点》印发给你们，请认真抓好落实。
萧县人民政府办公室
二〇二三年五月八日
萧县2023年优化营商环境工作要点
一、提升政务服务水平
1.深化“一网通办”。（县数据资源局牵头，县直各有关单位配合）
2.推进工程建设项目审批制度改革。（县住房城乡建设局牵头，县自然资源和规划局、县发展改革委配合）
"""


def test_a_single_character_county_plan_signed_in_chinese_numerals(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_text(COUNTY_PLAN, encoding="utf-8")
    src = read_document(p)
    [d] = WorkPlanLoader().parse(src, AliasTable.default())
    nodes, edges = _facts(d)
    doc = nodes[d.doc_id].properties
    assert (doc["jurisdiction"], doc["issuer"], doc["date_written"]) == ("萧县", "萧县人民政府办公室", "2023-05-08")
    rel = {(e.type, nodes[e.source].name, nodes[e.target].properties.get("number")) for e in edges
           if e.type in ("LEADS", "ASSISTS")}
    assert rel == {("LEADS", "萧县数据资源局", "一.1"), ("ASSISTS", "县直各有关单位", "一.1"),
                   ("LEADS", "萧县住房和城乡建设局", "一.2"), ("ASSISTS", "萧县自然资源和规划局", "一.2"),
                   ("ASSISTS", "萧县发展和改革委员会", "一.2")}
    # 工程建设项目 and 社会投资项目 are kinds of projects, not named ones
    assert not [n for n in nodes.values() if n.label == "Project"]


def test_a_work_plan_with_closing_assignments_is_a_work_plan_but_a_decomposition_is_not(tmp_path):
    from loaders.base import detect
    p = tmp_path / "plan.txt"
    p.write_text(COUNTY_PLAN, encoding="utf-8")
    assert detect(read_document(p))[0] == "work_plan"
    q = tmp_path / "decomposition.txt"
    q.write_text(COUNTY_PLAN.replace("优化营商环境工作要点", "优化营商环境工作要点任务分解方案"), encoding="utf-8")
    assert WorkPlanLoader().score(read_document(q)) <= 0.15


def test_amount_after_a_full_stop_a_colon_or_in_parentheses():
    assert _named("平邑县天成新材料年产5万吨高端碳纤维项目。总投资12.5亿元,建设生产车间") == {
        "平邑县天成新材料年产5万吨高端碳纤维项目": (12.5, "亿元")}
    assert _named("平邑县抽水蓄能电站配套工程:计划投资1.2亿元,建设进场道路") == {"平邑县抽水蓄能电站配套工程": (1.2, "亿元")}
    assert _named("县人民医院新院区项目(总投资5亿元),年内主体封顶") == {"县人民医院新院区项目": (5.0, "亿元")}
    # the next sentence's money belongs to the name only when it opens with an investment word
    assert _named("建成县城第二污水处理厂项目。全县减负1.5亿元") == {"县城第二污水处理厂项目": None}


def test_a_title_broken_over_two_lines_is_one_title(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_text("荆门市人民政府关于印发2022年荆门市优化营商环境工作要点的通知\n荆政发〔2022〕6号\n"
                 "现将《2022年荆门市优化营商环境工作要点》印发给你们。\n荆门市人民政府\n2022年3月15日\n"
                 "2022年荆门市优化营商环境\n工作要点\n一、提升服务\n(一)深化改革。(市财政局负责)\n", encoding="utf-8")
    [d] = WorkPlanLoader().parse(read_document(p), AliasTable.default())
    doc = next(n for n in d.nodes if n.id == d.doc_id)
    assert doc.name == "2022年荆门市优化营商环境工作要点"
    assert doc.properties["jurisdiction"] == "荆门市"


def test_deadlines_inside_the_closing_assignment():
    assert parse_units("牵头单位:市经信局;责任单位:市科技局;完成时限:2023年12月底前") == [
        ("LEADS", "牵头单位", "市经信局"), ("ASSISTS", "责任单位", "市科技局"), ("DEADLINE", "完成时限", "2023年12月底前")]
    assert parse_units("市经信局牵头,2023年6月底前完成") == [
        ("LEADS", "牵头", "市经信局"), ("DEADLINE", "完成时限", "2023年6月底前完成")]
    # a date alone is no assignment
    assert parse_units("2023年6月底前完成") is None


def test_assignment_on_its_own_line_and_deadline_dates(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_text("2023年湖州市数字经济发展工作要点\n一、做强数字产业\n"
                 "(一)推进吴兴数字产业园二期工程,年内建成标准厂房。\n(牵头单位:吴兴区人民政府;责任单位:市经信局)\n"
                 "(二)新增工业互联网平台5个。(市经信局牵头,年底前完成)\n", encoding="utf-8")
    [d] = WorkPlanLoader().parse(read_document(p), AliasTable.default())
    nodes, edges = _facts(d)
    rel = {(e.type, nodes[e.source].name, nodes[e.target].properties.get("number")) for e in edges
           if e.type in ("LEADS", "ASSISTS")}
    assert rel == {("LEADS", "吴兴区人民政府", "一.(一)"), ("ASSISTS", "湖州市经济和信息化局", "一.(一)"),
                   ("LEADS", "湖州市经济和信息化局", "一.(二)")}
    duty = {n.properties["number"]: n.properties for n in nodes.values() if n.label == "Duty"}
    # a deadline without a year falls in the plan's year (from its title)
    assert duty["一.(二)"]["deadline"] == "年底前完成" and duty["一.(二)"]["deadline_date"] == "2023-12-31"
    assert "deadline" not in duty["一.(一)"]


NOTICE_WITH_NUMBER_AFTER_TITLE = """\
中共岳阳市委办公室岳阳市人民政府办公室印发《2017年岳阳市政务公开工作要点》的通知(岳办发〔2017〕2号)
各县市区委、人民政府,市直各单位:
《2017年岳阳市政务公开工作要点》已经市委、市人民政府同意,现印发给你们。
中共岳阳市委办公室
岳阳市人民政府办公室
2017年1月10日
根据《中共中央办公厅国务院办公厅印发〈关于全面推进政务公开工作的意见〉的通知》(中办发〔2016〕8号)要求,结合我市实际,制定本要点。
一、推进权力运行公开
(一)对权力清单和责任清单进行动态调整。(市编办、市法制办负责)
"""


def test_number_closing_the_notice_title_is_the_documents_own_and_body_words_do_not_change_its_kind(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_text(NOTICE_WITH_NUMBER_AFTER_TITLE, encoding="utf-8")
    src = read_document(p)
    # 权力清单/责任清单 in an item do not make a work plan a list of powers or duties
    assert WorkPlanLoader().score(src) >= 0.45
    [d] = WorkPlanLoader().parse(src, AliasTable.default())
    nodes, edges = _facts(d)
    doc = nodes[d.doc_id].properties
    assert doc["doc_number"] == "岳办发〔2017〕2号"
    # both offices signed: the issuer is both (the jurisdiction comes from the government's office)
    assert doc["jurisdiction"] == "岳阳市" and doc["issuer"] == "中共岳阳市委办公室、岳阳市人民政府办公室"
    assert {nodes[e.source].name for e in edges if e.type == "ISSUED"} == {"岳阳市人民政府办公室", "中共岳阳市委办公室"}
    cited = {nodes[e.target].properties.get("doc_number") for e in edges if e.type == "REFERENCES"}
    assert cited == {"中办发〔2016〕8号"}


def test_bodies_joined_by_ji_are_two(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_text("2022年咸阳市优化营商环境工作要点\n一、优化审批\n"
                 "1.全面实施行政许可事项清单管理。(市政府办公室牵头,市级各有关部门及各县市区政府按职责分工负责)\n"
                 "2.推进工程建设项目审批改革。(市住房和城乡建设局负责)\n", encoding="utf-8")
    [d] = WorkPlanLoader().parse(read_document(p), AliasTable.default())
    nodes, edges = _facts(d)
    rel = {(e.type, nodes[e.source].name, nodes[e.target].properties.get("number")) for e in edges
           if e.type in ("LEADS", "ASSISTS")}
    assert rel == {("LEADS", "咸阳市人民政府办公室", "一.1"), ("ASSISTS", "市级各有关部门", "一.1"),
                   ("ASSISTS", "各县市区政府", "一.1"), ("LEADS", "咸阳市住房和城乡建设局", "一.2")}


def test_project_tables_by_header():
    from loaders.kinds.work_plan import project_tables
    from loaders.text import read_text
    text = ("附件\n序号\t项目名称\t建设内容\t总投资（万元）\t责任单位\n"
            "1\t城东污水管网改造工程\t新建管网12公里\t3500\t县住建局\n"
            "2\t县城停车场项目\t新建车位800个\t1.2亿元\t县城管局、县交通局\n"
            "合计\t\t\t15500\t\n"
            "二、保障措施\n")
    [t] = project_tables(read_text(text).lines)
    got = [(r.name, r.amount.value, r.amount.unit, r.lead) for r in t]
    assert got == [("城东污水管网改造工程", 3500.0, "万元", "县住建局"), ("县城停车场项目", 1.2, "亿元", "县城管局、县交通局")]
    # a table without a name or an investment column is no project table
    assert project_tables(read_text("序号|任务|责任单位\n1|抓好春播|县农业农村局\n").lines) == []


def test_table_rows_are_projects_led_by_their_body(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_text("叙州区2023年重点项目推进工作要点\n一、强化项目统筹\n(一)建立联系制度。(区发展改革局负责)\n"
                 "序号 | 项目名称 | 总投资(亿元) | 责任单位\n1 | 临港物流园二期项目 | 15.2 | 区经济和信息化局\n", encoding="utf-8")
    [d] = WorkPlanLoader().parse(read_document(p), AliasTable.default())
    nodes, edges = _facts(d)
    proj = {n.name: n.properties for n in nodes.values() if n.label == "Project"}
    assert proj["临港物流园二期项目"]["amount_yuan"] == 15.2e8
    leads = {(nodes[e.source].name, nodes[e.target].name) for e in edges if e.type == "LEADS"
             and nodes[e.target].label == "Project"}
    assert leads == {("叙州区经济和信息化局", "临港物流园二期项目")}
    # the table's rows are not duties
    assert {n.properties["number"] for n in nodes.values() if n.label == "Duty"} == {"一.(一)"}


def test_an_item_with_several_paragraphs_each_closed_by_units(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_text("渝北区2023年政务公开工作要点\n一、加强公开\n(一)加强政策发布解读\n"
                 "及时发布政策文件,同步推出解读材料。(责任单位:区政府办公室)\n"
                 "开设政策问答专栏,全年更新问答100条以上。(责任单位:区政务服务管理办公室)\n"
                 "(二)做好项目信息公开\n公开渝北区中央公园二期项目等重大项目信息。(区发展改革委负责)\n"
                 "本要点自印发之日起施行。\n", encoding="utf-8")
    [d] = WorkPlanLoader().parse(read_document(p), AliasTable.default())
    nodes, edges = _facts(d)
    rel = {(e.type, nodes[e.source].name, nodes[e.target].properties.get("number"), e.evidence[0].line) for e in edges
           if e.type in ("LEADS", "ASSISTS")}
    assert rel == {("LEADS", "渝北区人民政府办公室", "一.(一)", 4), ("LEADS", "渝北区政务服务管理办公室", "一.(一)", 5),
                   ("LEADS", "渝北区发展和改革委员会", "一.(二)", 7)}
    duty = {n.properties["number"]: n.properties["text"] for n in nodes.values() if n.label == "Duty"}
    assert "责任单位" not in duty["一.(一)"] and "问答专栏" in duty["一.(一)"]
    # a closing sentence without an assignment is no part of the last item
    assert "施行" not in duty["一.(二)"]
    assert {n.name for n in nodes.values() if n.label == "Project"} == {"渝北区中央公园二期项目"}


def test_amounts_with_a_bare_yi_after_an_investment_word_and_thousands_separators():
    assert _named("推进滨江大道工程,总投资12.5亿,年内完工") == {"滨江大道工程": (12.5, "亿元")}
    assert _named("实施城北水厂项目,计划投资3,500万元") == {"城北水厂项目": (3500.0, "万元")}
    # a bare 万 without an investment word is a count, not money
    assert _named("建设城北安置房项目2万套") == {"城北安置房项目": None}


def test_amount_named_project_total():
    assert _named("实施社棠工业园区污水处理厂提标改造项目,项目总投资5600万元,年底前建成") == {
        "社棠工业园区污水处理厂提标改造项目": (5600.0, "万元")}


VARIANTS = sorted((Path(__file__).resolve().parent.parent / "examples" / "variants").glob("*/*.txt"))


@pytest.mark.parametrize("path", VARIANTS + [SEED], ids=lambda p: p.name)
def test_any_document_cut_anywhere_reads_without_crashing(path):
    from loaders.text import read_text
    lines = read_document(path).text.splitlines()
    step = max(1, len(lines) // 12)
    for cut in range(1, len(lines) + 1, step):
        src = read_text("\n".join(lines[:cut]), str(path))
        if not src.lines:
            continue
        WorkPlanLoader().score(src)
        for d in WorkPlanLoader().parse(src, AliasTable.default()):
            d.validate()


def test_named_things_being_built_and_generic_programmes():
    assert set(_named("推进麒麟区第三幼儿园建设项目,总投资3600万元")) == {"麒麟区第三幼儿园建设项目"}
    assert _named("实施城区学校扩容工程,推进基础设施建设项目") == {}


def test_a_department_plan_signed_at_its_end(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_text("曲靖市麒麟区教育体育局2023年工作要点\n一、推进学前教育\n1.新建公办幼儿园5所。\n"
                 "曲靖市麒麟区教育体育局\n2023年2月15日\n", encoding="utf-8")
    [d] = WorkPlanLoader().parse(read_document(p), AliasTable.default())
    doc = next(n for n in d.nodes if n.id == d.doc_id).properties
    # the place printed last in the title's chain of places
    assert (doc["jurisdiction"], doc["issuer"], doc["date_written"]) == ("麒麟区", "曲靖市麒麟区教育体育局", "2023-02-15")


def test_leading_officials_in_the_closing_assignment(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_text("泾县2023年重点工作安排\n一、扩大投资\n"
                 "1.开工建设泾县城东污水处理厂项目。(牵头领导:副县长王立新;牵头单位:县住建局;责任单位:县财政局)\n",
                 encoding="utf-8")
    [d] = WorkPlanLoader().parse(read_document(p), AliasTable.default())
    nodes, edges = _facts(d)
    rel = {(e.type, nodes[e.source].label, nodes[e.source].name, e.properties.get("role")) for e in edges
           if e.type in ("LEADS", "ASSISTS")}
    assert rel == {("LEADS", "Official", "王立新", "牵头领导"), ("LEADS", "Agency", "泾县住房和城乡建设局", "牵头单位"),
                   ("ASSISTS", "Agency", "泾县财政局", "责任单位")}
    official = next(n for n in nodes.values() if n.label == "Official")
    assert official.properties["titles"] == ["副县长"]


@pytest.mark.parametrize("first,second", [("篇一:", "篇二:"), ("【篇一】", "【篇二】"), ("第1篇", "第2篇")])
def test_compilation_part_headings_in_other_forms(tmp_path, first, second):
    p = tmp_path / "plan.txt"
    p.write_text(f"县级工作要点汇编\n{first}2022年安远县政务公开工作要点\n一、加强解读\n1.同步解读。(县政府办公室负责)\n"
                 f"{second}2022年寻乌县政务公开工作要点\n一、加强公开\n1.公开预算。(县财政局负责)\n", encoding="utf-8")
    docs = WorkPlanLoader().parse(read_document(p), AliasTable.default())
    got = sorted((n.properties["part"], n.properties["jurisdiction"]) for d in docs for n in d.nodes if n.id == d.doc_id)
    assert got == [("第一篇", "安远县"), ("第二篇", "寻乌县")]


def test_first_body_responsible_leads_the_others_assist():
    assert parse_units("市交通运输局负责,各县、自治县、市、区人民政府落实") == [
        ("LEADS", "负责", "市交通运输局"), ("ASSISTS", "落实", "各县、自治县、市、区人民政府")]
    # bodies responsible together in one list all lead
    assert parse_units("市发展改革委、市自然资源局按职责分工负责") == [
        ("LEADS", "按职责分工负责", "市发展改革委、市自然资源局")]


def _rel(p):
    [d] = WorkPlanLoader().parse(read_document(p), AliasTable.default())
    nodes, edges = _facts(d)
    return {(e.type, nodes[e.source].name, nodes[e.target].properties.get("number") or nodes[e.target].name)
            for e in edges if e.type in ("LEADS", "ASSISTS")}, nodes


def test_a_plan_with_label_lines_under_its_items_is_a_work_plan(tmp_path):
    from loaders.base import detect
    p = tmp_path / "plan.txt"
    p.write_text("孝南区2023年重点项目建设工作要点\n一、加快产业项目\n(一)推进物流园建设。\n责任单位:区发展和改革局、区商务局\n"
                 "(二)建成第二实验小学。\n责任单位:区教育局;配合单位:各街道办事处\n(三)改造供水管网。\n牵头单位:区住建局\n"
                 "责任单位:区财政局\n", encoding="utf-8")
    assert detect(read_document(p))[0] == "work_plan"
    rel, _ = _rel(p)
    assert rel == {("LEADS", "孝南区发展和改革局", "一.(一)"), ("LEADS", "孝南区商务局", "一.(一)"),
                   ("LEADS", "孝南区教育局", "一.(二)"), ("ASSISTS", "各街道办事处", "一.(二)"),
                   ("LEADS", "孝南区住房和城乡建设局", "一.(三)"), ("ASSISTS", "孝南区财政局", "一.(三)")}


def test_numbered_label_lines_are_fields_of_the_item_not_items(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_text("南充市2024年十件民生实事实施方案\n一、增收\n(一)新增城镇就业3.2万人。\n1.责任领导:副市长 何晓东\n"
                 "2.牵头单位:市人力资源社会保障局\n3.责任单位:市财政局\n4.完成时限:2024年12月底\n", encoding="utf-8")
    rel, nodes = _rel(p)
    assert rel == {("LEADS", "何晓东", "一.(一)"), ("LEADS", "南充市人力资源和社会保障局", "一.(一)"),
                   ("ASSISTS", "南充市财政局", "一.(一)")}
    duties = {n.properties["number"]: n.properties for n in nodes.values() if n.label == "Duty"}
    assert set(duties) == {"一.(一)"} and duties["一.(一)"]["deadline_date"] == "2024-12-31"


def test_an_assignment_run_on_after_the_last_sentence_without_brackets(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_text("湄潭县2022年重点工作计划\n一、产业\n1.新建茶叶加工厂1座。责任领导:陈国华;责任单位:县农业农村局、各村(社区)\n"
                 "2.开展参保动员。这是一句话,责任单位在句中:不算。\n", encoding="utf-8")
    rel, nodes = _rel(p)
    assert rel == {("LEADS", "陈国华", "一.1"), ("LEADS", "湄潭县农业农村局", "一.1"), ("LEADS", "各村(社区)", "一.1")}
    duty = next(n for n in nodes.values() if n.label == "Duty" and n.properties["number"] == "一.1")
    assert "责任" not in duty.properties["text"]


def test_first_listed_note_and_leader_headings(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_text("2022年衢州市重点工作安排\n一、徐志远市长主抓重点工作\n1.深化数字化改革。\n"
                 "责任单位:市大数据局、市发展改革委(列第一位者为牵头单位,下同)\n二、其他工作\n2.新建农村公路。\n"
                 "责任单位:市交通运输局、市财政局\n", encoding="utf-8")
    rel, _ = _rel(p)
    assert rel == {("LEADS", "徐志远", "一.1"), ("LEADS", "衢州市大数据局", "一.1"),
                   ("ASSISTS", "衢州市发展和改革委员会", "一.1"),
                   ("LEADS", "衢州市交通运输局", "二.2"), ("ASSISTS", "衢州市财政局", "二.2")}


def test_a_heading_over_a_project_table_is_no_duty(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_text("巫溪县2024年重点项目建设工作计划\n一、工作任务\n(一)强化要素保障。(责任单位:县水利局)\n二、重点项目清单\n"
                 "序号 | 项目名称 | 总投资(万元) | 责任单位 |\n1 | 大宁河生态修复工程 | 36500 | 县水利局 |\n", encoding="utf-8")
    [d] = WorkPlanLoader().parse(read_document(p), AliasTable.default())
    assert {n.properties["number"] for n in d.nodes if n.label == "Duty"} == {"一.(一)"}


@pytest.mark.parametrize("text,expected", [
    ("弦山路北延工程。全长2.4公里,总投资1.1亿元,年底前建成。", [("弦山路北延工程", 1.1, "亿元")]),
    ("推动临空区冷链物流中心项目开工建设,总投资3.2亿元。", [("临空区冷链物流中心项目", 3.2, "亿元")]),
    ("推进衢江航运开发工程建设,总投资18.6亿元。", [("衢江航运开发工程", 18.6, "亿元")]),
    ("实施向城至芦柞公路大中修工程,总投资1.28亿元。", [("向城至芦柞公路大中修工程", 1.28, "亿元")]),
    ("建设佛子岭至诸佛庵旅游公路,总投资1.6亿元,年内完成路基。", [("佛子岭至诸佛庵旅游公路", 1.6, "亿元")]),
    ("建设县域远程心电诊断中心,项目总投资680万元。", [("县域远程心电诊断中心", 680, "万元")]),
    # no total directly after it, a quantity, a generic programme: no project
    ("建设城区污水管网,总投资2亿元。", []),
    ("改造老旧小区12个,总投资3亿元。", []),
    ("县政府确定今年为民办实事项目。", []),
    ("弦山路北延工程。全长2.4公里,年底前建成。", [("弦山路北延工程", None, None)]),
])
def test_project_names_and_their_totals(text, expected):
    got = [(n, a.value if a else None, a.unit if a else None) for n, _, a in find_projects(text)]
    assert got == expected


def test_a_town_government_signs_for_its_town_and_town_offices_belong_to_it(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_text("湄潭县永兴镇人民政府\n关于印发《永兴镇2022年重点工作计划》的通知\n湄潭县永兴镇人民政府\n2022年2月25日\n"
                 "永兴镇2022年重点工作计划\n一、产业\n1.新建加工厂。(责任单位:镇农业服务中心、镇卫生院)\n", encoding="utf-8")
    rel, nodes = _rel(p)
    [doc] = [n for n in nodes.values() if n.label == "Document"]
    assert doc.properties["jurisdiction"] == "永兴镇" and doc.properties["issuer"] == "湄潭县永兴镇人民政府"
    assert rel == {("LEADS", "永兴镇农业服务中心", "一.1"), ("LEADS", "永兴镇卫生院", "一.1")}


def test_towns_listed_before_a_town_government_share_it(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_text("霍山县2021年民生实事工作计划\n一、建设\n1.建设旅游公路。(牵头单位:县交通运输局;配合单位:佛子岭镇、诸佛庵镇政府)\n"
                 "2.新建幼儿园。(牵头单位:县教育局;配合单位:衡山镇政府)\n", encoding="utf-8")
    rel, _ = _rel(p)
    assert rel == {("LEADS", "霍山县交通运输局", "一.1"), ("ASSISTS", "霍山县佛子岭镇人民政府", "一.1"),
                   ("ASSISTS", "霍山县诸佛庵镇人民政府", "一.1"), ("LEADS", "霍山县教育局", "一.2"),
                   ("ASSISTS", "霍山县衡山镇人民政府", "一.2")}


def test_a_project_table_leader_column_and_a_towns_county(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_text("信丰县大塘埠镇人民政府\n信丰县大塘埠镇人民政府\n2023年3月1日\n大塘埠镇2023年重点项目建设工作方案\n"
                 "一、措施\n(一)加强调度。(县发改委、镇党政办负责)\n二、项目安排\n"
                 "序号 | 项目名称 | 投资额(万元) | 责任领导 | 责任单位 |\n"
                 "1 | 脐橙分拣中心建设项目 | 8600 | 刘建平 | 镇农业农村综合服务中心 |\n"
                 "2 | 蛇墩村农旅融合示范点 | 2200 | 副镇长 钟丽华、刘建平 | 蛇墩村村委会 |\n", encoding="utf-8")
    rel, nodes = _rel(p)
    assert rel == {("LEADS", "信丰县发展和改革委员会", "一.(一)"), ("LEADS", "大塘埠镇党政办", "一.(一)"),
                   ("LEADS", "刘建平", "脐橙分拣中心建设项目"), ("LEADS", "大塘埠镇农业农村综合服务中心", "脐橙分拣中心建设项目"),
                   ("LEADS", "钟丽华", "蛇墩村农旅融合示范点"), ("LEADS", "刘建平", "蛇墩村农旅融合示范点"),
                   ("LEADS", "蛇墩村村委会", "蛇墩村农旅融合示范点")}
    assert {n.name: n.properties.get("amount") for n in nodes.values() if n.label == "Project"} == {
        "脐橙分拣中心建设项目": 8600, "蛇墩村农旅融合示范点": 2200}


def test_a_street_offices_plan_signed_at_its_end(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_text("五角场街道2024年工作要点\n一、治理\n(一)新建社区食堂2个。(责任部门:社区服务办;配合单位:区民政局)\n"
                 "上海市杨浦区五角场街道办事处\n2024年2月20日\n", encoding="utf-8")
    rel, nodes = _rel(p)
    [doc] = [n for n in nodes.values() if n.label == "Document"]
    assert (doc.properties["jurisdiction"], doc.properties["issuer"], doc.properties["date_written"]) == (
        "五角场街道", "上海市杨浦区五角场街道办事处", "2024-02-20")
    assert ("ASSISTS", "杨浦区民政局", "一.(一)") in rel


@pytest.mark.parametrize("text,expected", [
    ("实施县城停车场建设项目,总投资3000余万元。", [("县城停车场建设项目", 3000, "万元")]),
    ("完成运河区老旧管网改造工程,改造供热管网46公里,计划投资1.9亿元。", [("运河区老旧管网改造工程", 1.9, "亿元")]),
    ("启动沧州市区海绵城市试点项目,完成投资3.5亿元。", [("沧州市区海绵城市试点项目", 3.5, "亿元")]),
    # another project between, or the region's investment: not the project's
    ("完成甲村道路硬化工程,建设乙村供水项目,计划投资1.9亿元。", [("甲村道路硬化工程", None, None), ("乙村供水项目", 1.9, "亿元")]),
    ("推进A区物流园工程,全年完成固定资产投资20亿元。", [("A区物流园工程", None, None)]),
    ("开展示范项目,推进省级试点项目。", []),
])
def test_project_totals_later_in_the_sentence_and_named_pilots(text, expected):
    got = [(n, a.value if a else None, a.unit if a else None) for n, _, a in find_projects(text)]
    assert got == expected


def test_a_notice_dated_under_a_seal_without_a_name(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_text("沧州市住房和城乡建设局\n关于印发2016年全市城建重点工作安排的通知\n现印发给你们。\n二〇一六年一月二十日\n"
                 "2016年全市城建重点工作安排\n一、城建\n(一)改造管网。(牵头单位:城建科;责任单位:各县(市、区)住房城乡建设局)\n",
                 encoding="utf-8")
    [d] = WorkPlanLoader().parse(read_document(p), AliasTable.default())
    doc = next(n for n in d.nodes if n.id == d.doc_id).properties
    assert (doc["date_written"], doc["issuer"], doc["jurisdiction"]) == ("2016-01-20", "沧州市住房和城乡建设局", "沧州市")


def test_a_notice_arranging_the_years_work_is_a_plan_and_an_autonomous_countys_short_name(tmp_path):
    from loaders.base import detect
    p = tmp_path / "n.txt"
    p.write_text("杭州市人民政府办公厅关于做好2022年民生实事项目推进工作的通知\n各区:\n现将有关工作通知如下:\n一、实事项目\n"
                 "(一)新建公园20个。(市园文局牵头,各区、县(市)政府落实)\n(二)新增托位4000个。(市卫生健康委负责)\n"
                 "(三)建成养老院。(市民政局负责)\n", encoding="utf-8")
    assert detect(read_document(p))[0] == "work_plan"
    rel, _ = _rel(p)
    assert ("LEADS", "杭州市园林文物局", "一.(一)") in rel and ("ASSISTS", "各区、县(市)政府", "一.(一)") in rel
    q = tmp_path / "m.txt"
    q.write_text("孟连傣族拉祜族佤族自治县人民政府办公室\n2023年4月3日\n孟连县2023年边境小康村建设工作计划\n一、建设\n"
                 "1.建设互市点。(责任单位:县商务局)\n", encoding="utf-8")
    rel, nodes = _rel(q)
    assert next(n for n in nodes.values() if n.label == "Document").properties["jurisdiction"] == "孟连傣族拉祜族佤族自治县"
    assert rel == {("LEADS", "孟连傣族拉祜族佤族自治县商务局", "一.1")}


def test_a_heading_naming_an_office_and_its_director_is_no_leader(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_text("2022年某县重点工作安排\n一、办公室主任负责工作\n1.做好文稿起草。(县政府办公室负责)\n", encoding="utf-8")
    rel, nodes = _rel(p)
    assert not [n for n in nodes.values() if n.label == "Official"]


def test_projects_as_key_value_entries_and_a_signature_closing_the_last_item(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_text("沁水县2023年重点项目建设计划\n一、能源类项目\n"
                 "1.项目名称:沁水县煤层气综合利用示范工程;建设内容:建设液化站一座;总投资:2.6亿元;责任单位:县能源局、端氏镇人民政府\n"
                 "二、其他\n2.推进供热改造。责任单位:县住建局\n沁水县人民政府\n2023年3月10日\n", encoding="utf-8")
    rel, nodes = _rel(p)
    assert rel == {("LEADS", "沁水县能源局", "沁水县煤层气综合利用示范工程"),
                   ("LEADS", "沁水县端氏镇人民政府", "沁水县煤层气综合利用示范工程"),
                   ("LEADS", "沁水县住房和城乡建设局", "二.2")}
    assert {n.name: n.properties.get("amount") for n in nodes.values() if n.label == "Project"} == {
        "沁水县煤层气综合利用示范工程": 2.6}
    assert {n.properties["number"] for n in nodes.values() if n.label == "Duty"} == {"二.2"}


def test_projects_with_allotted_funds_a_building_verb_and_a_town_opening_with_jiang():
    from loaders.kinds.work_plan import find_projects

    def got(t):
        return [(n, a.value if a else None) for n, _, a in find_projects(t)]
    # 安排资金 is the project's amount; a town whose name opens with 将 keeps it (nothing follows for 将 to govern)
    assert got("将台堡镇农村供水管网改造项目,安排资金960.5万元,实施单位:县水务局。") == [("将台堡镇农村供水管网改造项目", 960.5)]
    assert got("将城东污水处理厂项目纳入") == [("城东污水处理厂项目", None)]
    # a building verb opens no name; the heading's next sentence gives its investment, never a year's share
    assert got("新建温宿县第二幼儿园项目。新增学位540个,项目投资2380万元。") == [("温宿县第二幼儿园项目", 2380.0)]
    assert got("温宿县农村饮水安全巩固提升工程。改造供水管网86公里,投资1250万元。") == [("温宿县农村饮水安全巩固提升工程", 1250.0)]
    # what a heading's project builds is no project of its own
    assert got("海伦市万头奶牛牧场建设项目。新建牛舍及配套设施,总投资3.8亿元,年度计划投资1.5亿元。") == [("海伦市万头奶牛牧场建设项目", 3.8)]
    # 提升改造 names the work; 报送项目 is what is reported; 全盟/a short class of work are no names
    assert got("西吉县2024年农村道路提升改造工程,安排资金5800万元") == [("西吉县2024年农村道路提升改造工程", 5800.0)]
    assert got("每月10日前向省发展和改革委员会报送项目进展情况") == []
    assert got("推动全盟重大项目储备") == [] and got("加快能源基地项目建设。") == []


def test_a_league_plan_a_spaced_two_line_title_a_site_name_field_and_an_adoption_note(tmp_path):
    from loaders.base import detect
    p = tmp_path / "league.txt"
    p.write_text("锡林郭勒盟行政公署办公室关于印发锡林郭勒盟2025年重大项目谋划储备工作实施方案的通知\n锡署办发〔2025〕7号\n各旗县:\n"
                 "现将《方案》印发给你们。\n锡林郭勒盟行政公署办公室\n2025年1月20日\n锡林郭勒盟2025年重大项目谋划储备工作实施方案\n"
                 "一、重点任务\n(一)推进正蓝旗风光储一体化项目(总投资96亿元)。\n", encoding="utf-8")
    assert detect(read_document(p))[0] == "work_plan"
    _, nodes = _rel(p)
    doc = next(n for n in nodes.values() if n.label == "Document").properties
    assert (doc["title"], doc["jurisdiction"], doc["issuer"]) == (
        "锡林郭勒盟2025年重大项目谋划储备工作实施方案", "锡林郭勒盟", "锡林郭勒盟行政公署办公室")
    q = tmp_path / "spaced.txt"
    q.write_text("西吉县人民政府\n关于印发西吉县2024年财政涉农资金统筹整合使用方案的通知\n各乡镇:\n现将《方案》印发给你们。\n"
                 "西吉县人民政府\n2024年3月22日\n西 吉 县 2024 年 财 政 涉 农 资 金\n统 筹 整 合 使 用 方 案\n"
                 "一、项目\n1.兴隆镇肉牛养殖园区配套设施项目,安排资金1450万元。\n", encoding="utf-8")
    _, nodes = _rel(q)
    assert next(n for n in nodes.values() if n.label == "Document").properties["title"] == "西吉县2024年财政涉农资金统筹整合使用方案"
    r = tmp_path / "site.txt"
    r.write_text("温宿县2024年十件民生实事工作方案\n发布机构 温宿县人民政府  发布日期 2024-03-12\n名        称 温宿县2024年十件民生实事工作方案\n"
                 "文        号 〔〕号  有  效  性\n来        源 温宿县人民政府办公室\n一、温宿县城区老旧小区改造工程。总投资5600万元。\n", encoding="utf-8")
    _, nodes = _rel(r)
    doc = next(n for n in nodes.values() if n.label == "Document").properties
    assert (doc["title"], doc["jurisdiction"], doc.get("doc_number")) == ("温宿县2024年十件民生实事工作方案", "温宿县", None)
    s = tmp_path / "adopted.txt"
    s.write_text("海伦市2024年重点项目建设工作要点\n(2024年2月20日市政府第5次常务会议审议通过)\n一、项目\n"
                 "1.通肯河海伦段防洪治理工程。治理河道31公里,总投资1.26亿元。\n", encoding="utf-8")
    _, nodes = _rel(s)
    doc = next(n for n in nodes.values() if n.label == "Document").properties
    assert (doc["date_written"], doc["issuer"], doc["jurisdiction"]) == ("2024-02-20", "海伦市人民政府", "海伦市")


def test_a_metropolitan_area_is_no_place_and_a_task_without_a_time_takes_its_texts_latest_dated_clause(tmp_path):
    assert _place("银川都市圈建设2025年工作计划") is None
    p = tmp_path / "plan.txt"
    p.write_text("宁夏回族自治区人民政府办公厅\n2025年3月20日\n银川都市圈建设2025年工作计划\n一、互联互通\n"
                 "(一)城际公交工程。优化公交线路。\n●2025年6月底前开通城际公交。\n(自治区交通运输厅、财政厅牵头)\n"
                 "(二)道路工程。2025年建成快速路,2025年3月底前完成设计,2025年9月底前全部完工。(自治区交通运输厅负责)\n"
                 "(三)园区工程。共建园区。(自治区商务厅负责)\n", encoding="utf-8")
    rel, nodes = _rel(p)
    doc = next(n for n in nodes.values() if n.label == "Document").properties
    assert doc["jurisdiction"] == "宁夏回族自治区"
    assert ("LEADS", "宁夏回族自治区交通运输厅", "一.(一)") in rel and ("LEADS", "宁夏回族自治区财政厅", "一.(一)") in rel
    deadlines = {n.properties["number"]: n.properties.get("deadline_date") for n in nodes.values() if n.label == "Duty"}
    assert deadlines == {"一.(一)": "2025-06-30", "一.(二)": "2025-09-30", "一.(三)": None}
