"""The duty-division loader: seed 000 (盘锦市 / 辽东湾新区, 盘政发〔2014〕31号) against
tests/expected/000.json (written by hand from the document), and synthetic
texts in other provinces' styles."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from loaders.base import detect, load_file, read_by_kind
from loaders.kinds.duty_division import (assisting_lists, body_heading, body_text, find_division_projects, find_matrix, find_powers,
                                         pure_help, text_roles)
from loaders.text import read_document, read_text

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "liaoning"
F000 = next(EXAMPLES.glob("000_*.txt"))
EXPECTED = json.loads((Path(__file__).resolve().parent / "expected" / "000.json").read_text(encoding="utf-8"))


def _facts(doc):
    nodes = {n.id: n for n in doc.nodes}
    duties = []
    for n in doc.nodes:
        if n.label != "Duty":
            continue
        d = {"number": n.properties["number"], "text": n.properties["text"], "section": n.properties.get("section"),
             "general": bool(n.properties.get("general")), "line": min(m.line for m in n.mentions),
             "leads": sorted(nodes[e.source].name for e in doc.edges if e.type == "LEADS" and e.target == n.id),
             "assists": sorted(nodes[e.source].name for e in doc.edges if e.type == "ASSISTS" and e.target == n.id),
             "concerns": sorted(nodes[e.target].name for e in doc.edges if e.type == "CONCERNS" and e.source == n.id)}
        duties.append(d)
    duties.sort(key=lambda d: (d["line"], d["text"]))
    holds: dict[str, set[tuple[str, str | None]]] = {}
    for e in doc.edges:
        if e.type == "HOLDS":
            p = nodes[e.target]
            assert e.properties.get("via") == "duty division"
            kind = "category" if p.properties.get("is_category") else p.properties.get("category")
            holds.setdefault(nodes[e.source].name, set()).add((p.name, kind))
    projects = {n.name: n for n in doc.nodes if n.label == "Project"}
    return nodes, duties, holds, projects


@pytest.fixture(scope="module")
def seed():
    src, docs = load_file(F000)
    assert len(docs) == 1
    return docs[0]


def test_detection_on_seeds():
    kind, scores = detect(read_document(F000))
    assert kind == "duty_division"
    for f in sorted(EXAMPLES.glob("00[1-4]_*.txt")):
        _, scores = detect(read_document(f))
        assert scores["duty_division"] < 0.1, (f.name, scores)


def test_document_meta(seed):
    doc = next(n for n in seed.nodes if n.label == "Document" and n.properties.get("loaded"))
    assert doc.properties["doc_number"] == EXPECTED["doc_number"]
    assert doc.properties["status"] == EXPECTED["status"]
    assert doc.properties["kind"] == "duty_division"


def test_131_numbered_duties(seed):
    _, duties, _, _ = _facts(seed)
    numbered = [d for d in duties if not d["general"]]
    assert len(numbered) == EXPECTED["numbered_duties"] == 131
    # principles (二.1-4) are no duties; requirements (四.(一)-(五)) are general ones, not the division's
    assert not any(d["number"].startswith("二.") for d in duties)
    assert all(d["general"] for d in duties if d["number"].startswith("四."))
    assert all(len(d["leads"]) >= 1 for d in numbered)


def test_blocks_match_expected(seed):
    """Each body's block: its general statement led by the body (or by the body it
    helps), and its numbered duties led by it alone, except where it helps another."""
    _, duties, _, _ = _facts(seed)
    numbered = {}
    for d in duties:
        if not d["general"]:
            numbered.setdefault(d["number"], []).append(d)
    for blk in EXPECTED["blocks"]:
        helps = blk.get("helps", {})
        if blk["general"] is not None:
            g = [d for d in duties if d["general"] and d["text"].startswith(blk["general"])]
            assert g, (blk["section"], blk["general"])
            if blk["general_number"] not in helps:
                assert blk["agency"] in g[0]["leads"], (blk["section"], g[0])
                assert set(blk.get("assists", [])) <= set(g[0]["assists"]), blk["section"]
            for other in blk.get("also_leads", []):
                assert any(other in x["leads"] for x in g) or any(other in d["leads"] for d in duties
                                                                  if d["text"].startswith(blk["general"][:6])), other
        for number in blk["duties"]:
            mine = [d for d in numbered.get(number, []) if blk["agency"] in d["leads"] + d["assists"]]
            assert mine, (blk["section"], number)
            d = mine[0]
            h = helps.get(number)
            if h:
                # "配合/协助X做好…": X does the work, the block's body helps
                assert h["helped"] in d["leads"] and blk["agency"] in d["assists"] + d["leads"], d
                continue
            assert d["leads"] == [blk["agency"]], (blk["section"], number, d["leads"])
    assert sum(len(b.get("helps", {})) for b in EXPECTED["blocks"]) == 3


def test_canonical_agencies(seed):
    names = {n.name: n for n in seed.nodes if n.label == "Agency"}
    assert names["辽东湾新区管委会"].properties["jurisdiction"] == "辽东湾新区"
    assert names["盘锦市交通运输局"].properties["jurisdiction"] == "盘锦市"   # printed 市交通局
    assert "市规划局" not in names and "盘锦市规划局" in names


def test_holds(seed):
    _, _, holds, _ = _facts(seed)
    expected = {k: {tuple(x) for x in v} for k, v in EXPECTED["holds"].items()}
    assert holds == expected


def test_projects(seed):
    nodes, duties, _, projects = _facts(seed)
    wanted = {n for v in EXPECTED["projects"].values() for n in v}
    assert set(projects) == wanted
    for no, names in EXPECTED["projects"].items():
        d = next(d for d in duties if d["number"] == no and set(names) <= set(d["concerns"]))
        assert sorted(names) == sorted(x for x in d["concerns"] if x in projects)
    assert not set(EXPECTED["not_projects"]) & set(projects)


def test_overlap_texts_kept(seed):
    _, duties, _, _ = _facts(seed)
    for word, agencies in EXPECTED["overlap"].items():
        holders = {a for d in duties if word in d["text"] for a in d["leads"]}
        assert set(agencies) <= holders


# -- synthetic texts -------------------------------------------------------------------

OTHER = """某某市人民政府办公室关于印发某某市市直部门职责分工方案的通知
某政办发〔2020〕8号
各区人民政府,市政府各部门:
一、市发展和改革委员会职责
负责全市重大项目的统筹协调。
(一)负责中石化1000万吨炼油项目,总投资50亿元,做好前期工作。
(二)会同市财政局、自然资源局做好政府投资项目资金安排。
(三)核发《企业投资项目备案证》。
二、市城市管理局职责
(一)负责行使城市市容管理方面的行政处罚权。
(二)市公安局配合做好占道经营整治工作。
三、市统计局职责:负责全市统计调查和统计监督。
四、保障措施
(一)加强组织领导。各部门要高度重视。
"""


def _load(text: str, kind: str | None = None):
    src = read_text(text, "synthetic.txt")
    docs = read_by_kind(src, kind)
    assert len(docs) == 1
    return docs[0]


def test_other_province_style():
    doc = _load(OTHER)
    kind, _ = detect(read_text(OTHER, "x.txt"))
    assert kind == "duty_division"
    nodes, duties, holds, projects = _facts(doc)
    fgw = [d for d in duties if "盘锦" not in d["leads"] and "某某市发展和改革委员会" in d["leads"]]
    assert [d["number"] for d in fgw] == ["一", "一.(一)", "一.(二)", "一.(三)"]
    assert fgw[0]["general"] and fgw[0]["text"] == "负责全市重大项目的统筹协调。"
    assert fgw[0]["section"] == "一、市发展和改革委员会职责"
    assert fgw[2]["assists"] == ["某某市自然资源局", "某某市财政局"]     # elliptical 自然资源局 inherits 市
    assert "中石化1000万吨炼油项目" in fgw[1]["concerns"]
    p = projects["中石化1000万吨炼油项目"]
    assert p.properties["amount"] == 50.0 and p.properties["amount_yuan"] == 5e9
    assert holds["某某市发展和改革委员会"] == {("企业投资项目备案证", None)}
    assert holds["某某市城市管理局"] == {("城市市容管理方面的行政处罚权", "行政处罚"), ("行政处罚", "category")}
    cg = [d for d in duties if d["leads"] == ["某某市城市管理局"]]
    assert [d["number"] for d in cg] == ["二.(一)", "二.(二)"]        # no general statement printed
    assert cg[1]["assists"] == ["某某市公安局"]
    # a body with no numbered duties: only its general statement
    tj = [d for d in duties if "某某市统计局" in d["leads"]]
    assert len(tj) == 1 and tj[0]["general"] and tj[0]["text"] == "负责全市统计调查和统计监督。"
    # 四、保障措施 is not a body's block
    assert not any(d["number"].startswith("四") for d in duties)


NAME_HEADINGS = """平安县人民政府关于县直部门职能分工的意见
各乡镇人民政府,县直各部门:
(一)县教育局
主要职责:统筹全县教育事业发展。
1.负责义务教育均衡发展工作。
2.协助县卫生健康局做好学校卫生工作。
(二)县卫生健康局
1.负责全县医疗卫生工作。
(三)强化考核
各部门要认真落实。
"""


def test_name_only_headings_and_labelled_general():
    doc = _load(NAME_HEADINGS, "duty_division")
    _, duties, _, _ = _facts(doc)
    edu = [d for d in duties if d["leads"] == ["平安县教育局"]]
    assert [(d["number"], d["general"]) for d in edu] == [("(一)", True), ("(一).1", False)]
    assert edu[0]["text"] == "统筹全县教育事业发展。"
    # "协助X做好" names the body being helped: X does the work, the block's body assists
    helped = next(d for d in duties if d["number"] == "(一).2")
    assert helped["leads"] == ["平安县卫生健康局"] and helped["assists"] == ["平安县教育局"]
    health = [d for d in duties if d["leads"] == ["平安县卫生健康局"] and not d["assists"]]
    assert [d["number"] for d in health] == ["(二).1"]
    assert len(duties) == 4


def test_full_width_and_score_low_for_plain_plan():
    text = "市财政局主要职责：\n（1）负责预算编制。\n（2）负责国库管理。\n市税务局主要职责：\n（1）负责税收征管。\n市审计局主要职责：\n（1）负责审计监督。\n"
    doc = _load("关于市直部门职责划分的意见\n" + text)
    _, duties, _, _ = _facts(doc)
    assert sorted((d["leads"][0], d["number"]) for d in duties) == [
        ("市财政局", "(1)"), ("市财政局", "(2)"), ("市审计局", "(1)"), ("市税务局", "(1)")] or \
        len([d for d in duties if not d["general"]]) == 4
    assert len([d for d in duties if not d["general"]]) == 4
    plan = "2020年工作要点\n一、加快发展\n(一)推进项目建设。\n(二)抓好招商引资。\n"
    _, scores = detect(read_text(plan, "p.txt"))
    assert scores["duty_division"] == 0


def test_helpers():
    assert body_heading("一、市发展和改革委员会职责") is None or body_heading("市发展和改革委员会职责")[0] == "市发展和改革委员会"
    assert body_heading("做好职责交接") is None
    assert assisting_lists("市直有关部门做好配合工作。") == []
    assert find_powers("负责辖区内的环境监测。") == []
    assert find_division_projects("负责辽东湾新区吹填及软基处理工程项目的复检复测工作。") == []


def test_other_seeds_forced_give_no_duties_and_a_warning():
    for f in sorted(EXAMPLES.glob("00[1-4]_*.txt")):
        _, docs = (None, read_by_kind(read_document(f), "duty_division"))
        assert not any(n.label == "Duty" for n in docs[0].nodes), f.name
        assert any("no body's block" in w for w in docs[0].warnings), f.name


def test_seed_cut_anywhere_never_crashes():
    from graph.errors import LoadError

    text = F000.read_text(encoding="utf-8")
    counts = []
    for cut in range(300, len(text), 131):
        try:
            doc = read_by_kind(read_text(text[:cut], "cut.txt"), "duty_division")[0]
        except LoadError:
            continue
        counts.append(sum(1 for n in doc.nodes if n.label == "Duty" and not n.properties.get("general")))
    assert counts == sorted(counts) and counts[-1] <= 131


# -- rules for other provinces' layouts ---------------------------------------------------

def _roles(doc):
    nodes = {n.id: n for n in doc.nodes}
    out: dict[str, dict[str, set[str]]] = {}
    for n in doc.nodes:
        if n.label == "Duty":
            out[n.properties["number"]] = {"LEADS": set(), "ASSISTS": set()}
    for e in doc.edges:
        if e.type in ("LEADS", "ASSISTS"):
            out[nodes[e.target].properties["number"]][e.type].add(nodes[e.source].name)
    return out


ARTICLES = """泰安市人民政府关于印发泰安市部门生态环境保护职责规定的通知
泰政发〔2021〕3号
泰安市人民政府
2021年1月5日
第一章 总则
第一条 为落实生态环境保护责任,制定本规定。
第二章 部门职责
第三条 市生态环境局职责:
(一)负责环境污染防治的监督管理。
(二)负责核发《排污许可证》。
第四条 市水利局职责:负责水资源保护。
第五条 其他有关部门按照各自职责做好生态环境保护相关工作。
第三章 附则
第六条 市生态环境局负责本规定的解释。
"""


def test_articles_number_duties_and_chapters_bound_the_division():
    doc = _load(ARTICLES)
    roles = _roles(doc)
    assert set(roles) == {"第三条.(一)", "第三条.(二)", "第四条", "第五条"}    # 总则 and 附则 hold no duties
    assert roles["第三条.(二)"]["LEADS"] == {"泰安市生态环境局"}
    assert roles["第四条"]["LEADS"] == {"泰安市水利局"}
    assert roles["第五条"]["LEADS"] == {"其他有关部门"}                     # a collective actor leads
    assert any(n.properties.get("collective") for n in doc.nodes if n.name == "其他有关部门")


MATTERS = """某某区人民政府办公室关于明确部分行业安全监管职责分工的通知
某区政办〔2023〕2号
一、剧本娱乐经营场所
(一)区文化广电旅游体育局负责指导督促经营场所落实安全责任。
(二)区公安分局负责治安管理,配合区消防救援大队开展火灾事故调查。
二、电动自行车
(一)占用道路停放充电管理。由区城管局负责,各镇人民政府配合。
(二)小区充电设施管理。区住建局指导、各镇人民政府具体实施。
三、工作要求
(一)加强协调。各部门要密切配合,形成合力。
"""


def test_numbered_items_that_name_who_acts_are_duties():
    doc = _load(MATTERS)
    roles = _roles(doc)
    assert set(roles) == {"一.(一)", "一.(二)", "二.(一)", "二.(二)"}     # matter headings and 工作要求 are not
    assert roles["一.(一)"]["LEADS"] == {"某某区文化广电旅游体育局"}
    # "配合X开展…": X leads that work, the subject leads its own part and assists
    assert roles["一.(二)"] == {"LEADS": {"某某区公安分局", "某某区消防救援大队"}, "ASSISTS": {"某某区公安分局"}}
    assert roles["二.(一)"] == {"LEADS": {"某某区城市管理综合行政执法局"}, "ASSISTS": {"各镇人民政府"}}
    assert roles["二.(二)"]["LEADS"] == {"某某区住房和城乡建设局", "各镇人民政府"}    # X指导、Y具体实施: both


def test_sentence_forms():
    assert text_roles("由市城管局负责,各区人民政府配合。") == ([("市城管局", "负责")], [("各区人民政府", "配合")], [])
    leads, assists, _ = text_roles("市城管局牵头,市公安局交警支队、市交通运输局协助。")
    assert leads == [("市城管局", "牵头")] and assists == [("市公安局交警支队、市交通运输局", "协助")]
    assert text_roles("市住建局会同市城管局制定标准。")[:2] == ([("市住建局", "主办")], [("市城管局", "会同")])
    assert text_roles("以各区人民政府为主,市城管局负责督查考核。")[0] == [("各区人民政府", "为主"), ("市城管局", "负责")]
    assert text_roles("各部门要密切配合,形成工作合力。")[0] == []
    assert text_roles("区有关部门按照各自职责做好配合。")[0] == []          # helping, not leading
    assert text_roles("各县区主要负责人为成员。")[0] == []                 # 负责人 is not 负责
    assert text_roles("(市经信局牵头,市科技局配合)")[0] == []            # a task plan's parenthetical assignment
    assert pure_help("协助县卫生健康局做好学校卫生工作。")
    assert not pure_help("配合市人社局行使劳动监察职责,具体负责解决欠薪问题。")


MATRIX = """某某市人民政府办公室关于印发部门职责边界清单的通知
某府办发〔2022〕1号
序号|职责事项|主责部门|配合部门
1|违法建设查处|市城管局|市自然资源和规划局、市住建局
2|户外广告设施设置审批|市城管局|
3|河道漂浮物清理|市水利局|各区人民政府
"""


def test_matrix_rows_are_duties():
    doc = _load(MATRIX)
    roles = _roles(doc)
    assert roles == {"1": {"LEADS": {"某某市城市管理综合行政执法局"},
                           "ASSISTS": {"某某市自然资源和规划局", "某某市住房和城乡建设局"}},
                     "2": {"LEADS": {"某某市城市管理综合行政执法局"}, "ASSISTS": set()},
                     "3": {"LEADS": {"某某市水利局"}, "ASSISTS": {"各区人民政府"}}}
    kind, _ = detect(read_text(MATRIX, "m.txt"))
    assert kind == "duty_division"
    # a table with a deadline column is a task table, not a division of duties
    assert find_matrix(read_text("序号|工作任务|牵头单位|配合单位|完成时限\n1|建设|市住建局|市财政局|2024年底\n").lines) is None


ZONE = """某某市人民政府关于明确新区管委会与某某区人民政府职责划分的意见
某政发〔2020〕7号
一、总体要求
开发建设以某某新区管委会为主,社会事务以某某区人民政府为主,市直有关部门做好指导和配合。
二、某某新区管委会职责
(一)行使新区范围内建设工程领域的行政许可和行政检查。
三、市直部门职责
市发展改革委、市财政局负责对新区经济运行的指导监督。
四、工作要求
各部门要以新区发展为主,强化协作。
"""


def test_weizhu_sentences_duty_titled_sections_and_categories():
    doc = _load(ZONE)
    roles = _roles(doc)
    assert roles["一"] == {"LEADS": {"某某新区管委会", "某某区人民政府"}, "ASSISTS": {"市直有关部门"}}
    assert roles["三"]["LEADS"] == {"某某市发展和改革委员会", "某某市财政局"}   # "…职责" section is read
    assert "四" not in roles
    _, _, holds, _ = _facts(doc)
    assert {("行政许可", "category"), ("行政检查", "category")} <= holds["某某新区管委会"]


def test_task_plan_with_division_phrase_is_not_a_division():
    plan = (ROOT / "examples" / "variants" / "task_table" / "zhejiang_parenthetical.txt")
    _, scores = detect(read_document(plan))
    assert scores["duty_division"] < 0.1
    for name in ("jiangsu_body_headings", "sichuan_matrix", "hunan_sentences"):
        kind, _ = detect(read_document(ROOT / "examples" / "variants" / "duty_division" / f"{name}.txt"))
        assert kind == "duty_division", name


def test_projects_belong_to_the_place_named_before_them(seed):
    _, _, _, projects = _facts(seed)
    # "(4)由辽东湾新区承担的…工程项目,如中桥、东桥、西防波堤、吹填、30万吨码头等项目"
    assert {p.properties["jurisdiction"] for p in projects.values()} == {"辽东湾新区"}
    doc = _load("某某市人民政府关于市直部门职责分工的意见\n一、市发展和改革委员会职责\n"
                "(一)负责中石化1000万吨炼油项目,总投资50亿元。\n")
    p = next(n for n in doc.nodes if n.label == "Project")
    assert p.properties["jurisdiction"] == "某某市"            # no place named: the document's own


SECTORS = """某某市安全生产委员会关于明确新业态安全监管职责的通知
某安委〔2023〕4号
某某市安全生产委员会
2023年6月20日
一、划分原则
市场监管部门负责按照原则做好分工。
二、旅游景区
文化旅游部门负责督导旅行社组团旅游。
由消防救援部门负责消防监督检查,住房城乡建设部门配合。
三、部门职责补充
市商务局:
1.负责废旧电池回收安全管理。
市民政局:负责养老机构安全管理。
"""


def test_sector_departments_colon_headings_and_principles_out_of_scope():
    doc = _load(SECTORS)
    nodes = {n.id: n for n in doc.nodes}
    roles: dict[tuple[str, str], set[str]] = {}
    for e in doc.edges:
        if e.type in ("LEADS", "ASSISTS"):
            roles.setdefault((nodes[e.target].properties["number"], e.type), set()).add(nodes[e.source].name)
    assert roles[("二", "LEADS")] == {"文化旅游部门", "消防救援部门"}            # as printed, not "由消防救援部门"
    assert roles[("二", "ASSISTS")] == {"住房城乡建设部门"}
    assert roles[("三.1", "LEADS")] == {"某某市商务局"}                       # "市商务局:" heads its numbered duties
    assert roles[("三", "LEADS")] == {"某某市民政局"}                          # "市民政局:负责…" on one line
    assert not any(k[0] == "一" for k in roles)                               # 划分原则 holds no duties
    assert body_heading("权力承接部门。(29家):县经信局") is None              # a sector word is no heading


CELL_LINES = """某某市人民政府办公室关于印发部门职责边界清单的通知
序号
职责事项
主责部门
配合部门
1
养老机构监督检查
市民政局
市卫生健康委、市市场监管局
2
医养结合机构设立审批
市卫生健康委
"""


def test_matrix_one_cell_per_line():
    m = find_matrix(read_text(CELL_LINES).lines)
    assert [(r.number, r.text, r.leads, r.assists) for r in m.rows] == [
        ("1", "养老机构监督检查", "市民政局", "市卫生健康委、市市场监管局"),
        ("2", "医养结合机构设立审批", "市卫生健康委", "")]                      # a row one cell short lacks its last
    roles = _roles(_load(CELL_LINES))
    assert roles["2"] == {"LEADS": {"某某市卫生健康委员会"}, "ASSISTS": set()}
    assert set(roles) == {"1", "2"}                                           # the cells are not read again as text


BELOW = """某某市人民政府关于市直部门职责分工的意见
某政发〔2021〕5号
某某市人民政府
2021年2月1日
一、部门分工
(一)市城管局(市城市管理行政执法局)负责以下工作:
1.负责城市道路占道管理。
2.市教育局和市卫生健康委负责学校周边食品安全宣传。
(二)市应急管理局承担全市安全生产综合监督管理职责。
(三)市生态环境局对全市生态环境保护工作实施统一监督管理。
二、其他
本意见由市司法局负责解释。
"""


def test_below_headings_nameplates_glued_lists_and_statements_about_the_document():
    doc = _load(BELOW)
    roles = _roles(doc)
    cg = "某某市城市管理综合行政执法局"
    assert roles["一.(一).1"]["LEADS"] == {cg}                                 # "X(second nameplate)负责以下工作:"
    assert roles["一.(一).2"]["LEADS"] == {cg, "某某市教育局", "某某市卫生健康委员会"}   # "X和Y负责…": two bodies
    assert roles["一.(二)"]["LEADS"] == {"某某市应急管理局"}                      # X承担…职责
    assert roles["一.(三)"]["LEADS"] == {"某某市生态环境局"}                      # X对…实施统一监督管理
    assert not any(n.name == "某某市司法局" for n in doc.nodes)                 # 本意见由X负责解释: no duty
    assert body_text("市教育局和市卫生健康委") == "市教育局、市卫生健康委"
    assert body_text("市发展和改革委员会") == "市发展和改革委员会"               # 和 inside one name stays


def test_matrix_cells_with_sentences_and_a_second_responsibility_column():
    text = ("某某市人民政府办公室关于印发职责边界清单的通知\n某府办发〔2022〕9号\n某某市人民政府办公室\n2022年1月1日\n"
            "序号|事项|牵头部门|责任部门\n"
            "1|违法建设治理|市城管局:负责查处城区违法建设|市自然资源和规划局\n")
    roles = _roles(_load(text))
    assert roles["1"] == {"LEADS": {"某某市城市管理综合行政执法局"}, "ASSISTS": {"某某市自然资源和规划局"}}


def test_labels_with_a_field_and_sector_headings():
    assert body_heading("市发展改革委生态环境保护工作职责:") == ("市发展改革委", "工作职责", "")
    assert body_heading("市委宣传部网络安全工作职责:")[0] == "市委宣传部"
    assert body_heading("县级以上党委生态环境保护工作职责:") is None       # a class of bodies, not one
    assert body_heading("质监部门。") == ("质监部门", "", "")                  # a sector heading alone on its line
    text = ("某某市人民政府关于明确安全生产监管职责的通知\n某政发〔2010〕1号\n某某市人民政府\n2010年1月1日\n"
            "一、部门职责\n(三十六)质监部门。\n1.依法对锅炉、压力容器实施安全监察。\n"
            "(三十七)市发展改革委安全生产工作职责:\n1.负责将安全生产纳入发展规划。\n")
    roles = _roles(_load(text))
    assert roles["一.(三十六).1"]["LEADS"] == {"质监部门"}
    assert roles["一.(三十七).1"]["LEADS"] == {"某某市发展和改革委员会"}


def test_subject_then_what_it_does():
    assert text_roles("区城管局指导互联网租赁自行车停放管理。")[0] == [("区城管局", "指导")]
    assert text_roles("区市场监管局按职责分工做好平台企业监管工作。")[0] == [("区市场监管局", "按职责分工")]
    # the subject stops at 会同: the helper is not glued to it
    assert text_roles("市住建局会同市城管局指导物业企业。")[:2] == ([("市住建局", "主办")], [("市城管局", "会同")])
    assert text_roles("城管执法人员管理。")[0] == []


def test_matrix_with_a_merged_category_cell():
    m = find_matrix(read_text("类别|序号|职责事项|主责部门|配合部门\n城市管理|1|违法建设查处|市城管局|市住建局\n"
                              "2|占道经营整治|市城管局|市公安局\n").lines)
    assert [(r.number, r.text, r.leads, r.assists) for r in m.rows] == [
        ("1", "违法建设查处", "市城管局", "市住建局"), ("2", "占道经营整治", "市城管局", "市公安局")]


# -- rules added for the blind variants (real layouts of other provinces) -------------------

def _edges(doc, kind):
    nodes = {n.id: n for n in doc.nodes}
    return {(nodes[e.source].name, nodes[e.target].properties.get("number") or nodes[e.target].name)
            for e in doc.edges if e.type == kind}


SAFETY_ARTICLES = """某某县人民政府办公室关于印发某某县安全生产工作职责规定的通知
某政办发〔2021〕3号
第一章  总 则
第一条 为落实安全生产责任,制定本规定。
第二条 县应急管理局对全县安全生产工作实施综合监督管理。
第二章  部门职责
第三条 县住房和城乡建设局、县交通运输局:按照各自职责负责建设工程施工安全监管;县自然资源局配合做好地质灾害防治。
第四条 各乡镇人民政府、某某工业园区管委会对本辖区安全生产工作负属地管理责任。
第五条 县应急管理局:负责危险化学品经营许可、烟花爆竹经营(零售)许可,依法实施行政处罚。
第六条 县直其他有关部门和单位按照“三个必须”要求,做好本行业安全生产工作。
"""


def test_article_with_several_bodies_collective_subjects_and_named_licences():
    doc = _load(SAFETY_ARTICLES)
    leads, assists = _edges(doc, "LEADS"), _edges(doc, "ASSISTS")
    # 总 则 (printed with a space) holds no duty
    assert not any(no == "第二条" for _, no in leads)
    assert {("某某县住房和城乡建设局", "第三条"), ("某某县交通运输局", "第三条")} <= leads
    assert ("某某县自然资源局", "第三条") in assists            # a helper in subject position
    assert {("各乡镇人民政府", "第四条"), ("某某工业园区管委会", "第四条")} <= leads   # 对…负…责任
    assert ("县直其他有关部门和单位", "第六条") in leads       # 按照“…”要求,做好…; a collective
    _, _, holds, _ = _facts(doc)
    assert holds["某某县应急管理局"] == {("危险化学品经营许可", "行政许可"), ("烟花爆竹经营(零售)许可", "行政许可"),
                                  ("行政许可", "category"), ("行政处罚", "category")}


def test_named_licence_without_book_marks():
    assert find_powers("负责排污许可证核发,依法实施行政检查") == [("排污许可证核发", "行政许可")]
    assert find_powers("负责燃气经营许可和燃气经营安全监管") == [("燃气经营许可", "行政许可")]
    assert find_powers("负责辽东湾新区域内烟花爆竹零售许可审批") == []          # not followed by a boundary
    assert find_powers("负责新区域内烟花爆竹零售许可和临时销售许可审批") == [("烟花爆竹零售许可", "行政许可")]
    assert find_powers("依法实施采矿权审批等行政许可") == []                   # a category, not a name


LIST_HEADINGS = """平安县人民政府办公室关于印发平安县生态环境保护责任清单的通知
一、县直有关部门
(一)县委网信办
负责生态环境领域网络舆情监测,配合县委宣传部做好新闻发布。
(二)县自然资源局、县林业局
1.按照各自职责负责林地保护,依法实施《林木采伐许可证》核发。
(三)各乡镇党委和政府
1.对本辖区生态环境质量负责。
二、县直其他部门按照“管发展必须管环保、管行业必须管环保”的要求,履行本行业生态环境保护责任。
"""


def test_list_and_collective_headings_and_a_long_requirement_sentence():
    doc = _load(LIST_HEADINGS, "duty_division")
    leads, assists = _edges(doc, "LEADS"), _edges(doc, "ASSISTS")
    wx = "平安县委网络安全和信息化委员会办公室"                      # 委网信办 in aliases.json
    assert {(wx, "一.(一)"), ("平安县委宣传部", "一.(一)")} <= leads and (wx, "一.(一)") in assists
    assert {("平安县自然资源局", "一.(二).1"), ("平安县林业局", "一.(二).1")} <= leads
    assert ("各乡镇党委和政府", "一.(三).1") in leads                   # kept whole, a collective
    assert ("县直其他部门", "二") in leads                              # not a '…要求' title
    names = {n.name for n in doc.nodes if n.label == "Agency"}
    assert "县直有关部门" not in names                                  # a heading over other blocks: no node


LEVELS = """某某市人民政府办公室关于明确农贸市场管理职责分工的通知
二、职责分工
(一)市直部门职责。市商务局为全市农贸市场建设管理的牵头部门,负责编制发展规划。市市场监督管理局负责场内经营行为监管,实施行政处罚。市公安局负责治安管理,市公安局交通警察支队配合做好车辆停放管理。
(二)区人民政府职责。东城区、西湖区人民政府和某某高新区管委会是辖区农贸市场管理的责任主体,负责组织协调。
(三)街道办事处职责。各街道办事处是日常管理的落实主体。
(四)社区居民委员会职责。社区居民委员会负责政策宣传,协助街道办事处做好环境卫生监督。
"""


def test_level_paragraphs_sentence_subjects_and_bare_places():
    doc = _load(LEVELS, "duty_division")
    leads, assists = _edges(doc, "LEADS"), _edges(doc, "ASSISTS")
    assert {("某某市商务局", "二.(一)"), ("某某市市场监督管理局", "二.(一)"), ("某某市公安局", "二.(一)")} <= leads
    assert ("某某市公安局交通警察支队", "二.(一)") in assists
    assert {("东城区人民政府", "二.(二)"), ("西湖区人民政府", "二.(二)"), ("某某高新区管委会", "二.(二)")} <= leads
    assert ("各街道办事处", "二.(三)") in leads
    # no place: a collective; the bare 街道办事处 is the 各街道办事处 the text names
    assert {("社区居民委员会", "二.(四)"), ("各街道办事处", "二.(四)")} <= leads
    _, _, holds, _ = _facts(doc)
    assert "某某市市场监督管理局" in holds and "某某市公安局" not in holds   # the power goes to its sentence's subject


def test_sanding_clauses_by_and_shall():
    roles = text_roles("食用农产品进入批发市场后,由市市场监督管理局监督管理。")
    assert roles[0] == [("市市场监督管理局", "监督管理")]
    roles = text_roles("市卫生健康委员会负责风险评估,会同市市场监督管理局制定监测计划。市市场监督管理局应当及时提出建议。")
    assert roles[0] == [("市卫生健康委员会", "负责"), ("市市场监督管理局", "应当")]
    assert roles[1] == [("市市场监督管理局", "会同")]
    # not a body's part: a collective "要按照《…》要求,开展…" in a work plan
    assert text_roles("各医疗卫生单位要按照《全国碘缺乏病监测方案》要求,开展居民户碘盐监测。")[0] == []


ZONE_SPLIT = """某某市人民政府办公室关于印发某某港经济技术开发区管委会与东城区人民政府职责划分方案的通知
一、总体原则
坚持经济事务以开发区为主、社会事务以属地为主。
二、管委会职责
1.负责开发区招商引资,依法行使市人民政府赋予的行政许可权限。
三、东城区人民政府职责
1.负责征地拆迁工作,管委会予以配合。
四、共同职责
1.管委会与东城区人民政府共同负责防汛工作,以管委会为主。
"""


def test_bare_zone_committee_and_principles():
    doc = _load(ZONE_SPLIT, "duty_division")
    leads, assists = _edges(doc, "LEADS"), _edges(doc, "ASSISTS")
    z = "某某港经济技术开发区管委会"
    assert (z, "二.1") in leads and (z, "三.1") in assists
    assert {(z, "四.1"), ("东城区人民政府", "四.1")} <= leads
    assert not any(no == "一" for _, no in leads)                     # 以开发区为主: a kind of place


BOUNDARY = """平安市人民政府办公室关于公布平安市市级部门职责边界清单的通知
附件
序号 | 事项名称 | 主责部门 | 配合部门 | 职责分工
1 | 违法建设查处 | 市综合行政执法局 | 市自然资源和规划局 | 市综合行政执法局负责查处,依法实施行政处罚;
市自然资源和规划局负责出具规划认定意见。
2 | 燃气经营安全 | 市建设局 | 市市场监管局 | 市建设局负责燃气经营许可;市市场监管局负责气瓶充装许可和气瓶安全监察。
"""

POWER_LIST = """平安县人民政府办公室关于公布平安县自然资源局权责清单的通知
序号 | 职权类型 | 职权名称 | 实施依据 | 实施主体 | 配合部门
一、行政许可(1项)
1 | 行政许可 | 乡村建设规划许可证核发 | 《中华人民共和国城乡规划法》第四十一条 | 县自然资源局 | 各乡镇人民政府
二、行政处罚(1项)
2 | 行政处罚 | 对非法占用土地的处罚 | 《中华人民共和国土地管理法》第七十七条 | 县自然资源局 | 县公安局
"""


def test_boundary_table_wrapped_cell_and_detail_powers():
    doc = _load(BOUNDARY, "duty_division")
    leads = _edges(doc, "LEADS")
    assert {("平安市综合行政执法局", "1"), ("平安市建设局", "2")} <= leads   # the table goes on after the wrapped line
    _, _, holds, _ = _facts(doc)
    assert ("行政处罚", "category") in holds["平安市综合行政执法局"]
    assert ("燃气经营许可", "行政许可") in holds["平安市建设局"]
    assert ("气瓶充装许可", "行政许可") in holds["平安市市场监督管理局"]     # an assisting body's own licence


def test_power_list_rows():
    src = read_text(POWER_LIST, "x.txt")
    assert detect(src)[0] == "duty_division"
    doc = _load(POWER_LIST)
    assert {("平安县自然资源局", "1"), ("平安县自然资源局", "2")} <= _edges(doc, "LEADS")
    assert {("各乡镇人民政府", "1"), ("平安县公安局", "2")} <= _edges(doc, "ASSISTS")
    _, _, holds, _ = _facts(doc)
    assert {("乡村建设规划许可证核发", "行政许可"), ("对非法占用土地的处罚", "行政处罚"),
            ("行政许可", "category"), ("行政处罚", "category")} <= holds["平安县自然资源局"]
    refs = {t for _, t in _edges(doc, "REFERENCES")}
    assert {"中华人民共和国城乡规划法", "中华人民共和国土地管理法"} <= refs


INLINE_LABELS = """平安区人民政府办公室关于印发平安区部门职责边界划分意见的通知
一、城市管理领域
1.占道经营查处。牵头单位:区城市管理和综合执法局(依法实施行政处罚);配合单位:区市场监督管理局、各镇人民政府(街道办事处)。
2.任务落实。(牵头单位:区商务局,责任单位:区财政局)
"""


def test_inline_lead_and_assist_labels():
    doc = _load(INLINE_LABELS, "duty_division")
    leads, assists = _edges(doc, "LEADS"), _edges(doc, "ASSISTS")
    assert ("平安区城市管理和综合执法局", "一.1") in leads            # the note in brackets is no second name
    assert {("平安区市场监督管理局", "一.1"), ("各镇人民政府(街道办事处)", "一.1")} <= assists
    names = {n.name for n in doc.nodes if n.label == "Agency"}
    assert not any(n.endswith("查处") for n in names)                # "占道经营查处" is a matter, not a body
    assert not any(no == "一.2" for _, no in leads)                  # labels in a task plan's brackets: not read here


def test_saved_page_with_a_table_is_read_exactly():
    from loaders.evaluate import evaluate_file
    page = ROOT / "examples" / "variants" / "duty_division" / "blind_jiangsu_html_table.html"
    sc, info = evaluate_file(page, page.with_name(page.stem + ".expected.json"))
    assert info["kind"] == "duty_division" and sc.precision == 1.0 and sc.recall == 1.0


SANDING = """平安市人民政府办公室关于印发平安市应急管理局职能配置、内设机构和人员编制规定的通知
第三条 市应急管理局贯彻落实应急管理工作的方针政策,坚持党的集中统一领导。主要职责是:
(一)负责全市应急管理工作。
(二)依法实施危险化学品安全生产许可和行政处罚。
第四条 市应急管理局设下列内设机构:
(一)办公室。负责机关日常运转工作。
(二)安全生产综合协调科。组织协调全市安全生产工作。
第五条 有关职责分工。
(一)与市水务局的职责分工。市水务局负责编制防治规划,市应急管理局配合做好应急处置。
"""


def test_sanding_subject_article_and_internal_sections():
    doc = _load(SANDING, "duty_division")
    leads, assists = _edges(doc, "LEADS"), _edges(doc, "ASSISTS")
    a = "平安市应急管理局"
    assert {(a, "第三条.(一)"), (a, "第三条.(二)")} <= leads            # "…主要职责是:" after the subject's sentence
    assert not any(no.startswith("第四条") for _, no in leads)         # 办公室, 科: internal sections, no bodies
    assert ("平安市水务局", "第五条.(一)") in leads and (a, "第五条.(一)") in assists
    _, _, holds, _ = _facts(doc)
    assert ("危险化学品安全生产许可", "行政许可") in holds[a]


def test_tab_table_with_a_remarks_column_and_clause_subjects():
    tab = ("平安县人民政府办公室关于印发平安县河湖管理保护部门职责分工的通知\n"
           "序号\t工作事项\t责任单位\t协同单位\t备注\n"
           "1\t河道采砂监管\t县水务局\t县公安局\t县水务局依法实施河道采砂许可\n"
           "2\t河湖保洁\t各乡镇人民政府\t县住房和城乡建设局\t\n")
    assert detect(read_text(tab, "t.txt"))[0] == "duty_division"       # the tabs are the table's cells
    doc = _load(tab)
    assert {("平安县水务局", "1"), ("各乡镇人民政府", "2")} <= _edges(doc, "LEADS")
    _, _, holds, _ = _facts(doc)
    assert ("河道采砂许可", "行政许可") in holds["平安县水务局"]          # named in the 备注 by its subject
    art = ("平安市人民政府办公室关于印发平安市食品安全工作责任规定的通知\n第一章 部门职责\n"
           "第二条 市市场监督管理局负责餐饮服务监管,依法实施食品经营许可,各区市场监督管理局负责日常监管。\n"
           "第三条 平安海关负责进出口食品监管,市商务局予以配合。\n")
    doc = _load(art, "duty_division")
    _, _, holds, _ = _facts(doc)
    assert "各区市场监督管理局" not in holds and ("食品经营许可", "行政许可") in holds["平安市市场监督管理局"]
    assert ("平安海关", "第三条") in _edges(doc, "LEADS") and ("平安市商务局", "第三条") in _edges(doc, "ASSISTS")


def test_side_labels_collective_colon_heading_and_a_notice_citation():
    sides = ("平安区人民政府办公室关于印发平安区街道与区职能部门职责清单的通知\n一、城市管理类\n"
             "1.违法建设治理。各街道办事处职责:组织日常巡查。区城管执法局职责:依法查处违法建设,实施行政处罚。\n")
    doc = _load(sides, "duty_division")
    assert {("各街道办事处", "一.1"), ("平安区城市管理综合行政执法局", "一.1")} <= _edges(doc, "LEADS")
    _, _, holds, _ = _facts(doc)
    assert "各街道办事处" not in holds and ("行政处罚", "category") in holds["平安区城市管理综合行政执法局"]
    notice = ("平安州人民政府办公室关于明确州级部门职责分工的通知\n"
              "为贯彻落实《某某省生物多样性保护条例》,经州人民政府同意,现将有关职责分工通知如下:\n"
              "一、州生态环境局:负责综合协调。\n二、各县(市)人民政府:对本行政区域工作负总责。\n")
    doc = _load(notice, "duty_division")
    assert ("各县(市)人民政府", "二") in _edges(doc, "LEADS")
    assert "某某省生物多样性保护条例" in {t for _, t in _edges(doc, "REFERENCES")}


def test_pdf_wrapped_title_and_articles():
    wrapped = ("平安市平安区人民政府\n平安区安全生产委员会关于印发平安区安全生产工作职责\n规定的通知\n"
               "平安区安全生产委员会\n2021年3月22日\n"
               "第一条 为明确安全生产工作职责,制定本规定。\n"
               "第二条 区应急管理局:负责全区安全生产综合监督管理;依法对工矿商贸企业\n实施行政检查。\n"
               "第三条 区住房和城乡建设局:负责施工安全监\n管;区交通运输局负责道路运输安全监管。\n"
               "第四条 各镇人民政府、街道办事处对本辖区安全生产工作负属地监管\n责任。\n")
    doc = _load(wrapped, "duty_division")
    leads = _edges(doc, "LEADS")
    assert not any("安全生产委" in a for a, _ in leads)         # the wrapped title is no body's label
    assert {("平安区应急管理局", "第二条"), ("平安区交通运输局", "第三条"), ("各镇人民政府", "第四条")} <= leads
    assert not any(no == "第一条" for _, no in leads)
    _, _, holds, _ = _facts(doc)
    assert ("行政检查", "category") in holds["平安区应急管理局"]   # the statement goes on after the line break


def test_space_separated_table_autonomous_county_and_matter_paragraphs():
    # a 属地管理 list copied from a web page: cells split by single spaces
    table = ("平安旗人民政府办公室关于印发平安旗苏木镇属地管理事项责任清单的通知\n平政办发〔2023〕3号\n"
             "序号 事项名称 主体责任部门 配合责任单位\n"
             "1 违法占用草原行为的查处 旗林业和草原局 各苏木镇人民政府\n"
             "2 禁牧休牧日常巡查 各苏木镇人民政府 旗林业和草原局、旗公安局\n")
    doc = _load(table, "duty_division")
    assert {("平安旗林业和草原局", "1"), ("各苏木镇人民政府", "2")} <= _edges(doc, "LEADS")
    assert {("各苏木镇人民政府", "1"), ("平安旗林业和草原局", "2"), ("平安旗公安局", "2")} <= _edges(doc, "ASSISTS")
    # an autonomous county calls itself 自治县; a collective heading closed by 。 with its statement
    auto = ("平安苗族自治县人民政府办公室关于印发平安自治县食品安全工作职责分工的通知\n平府办发〔2021〕4号\n"
            "一、自治县市场监管局。负责食品经营环节监督管理,依法实施行政处罚。\n"
            "二、自治县卫生健康局。负责风险监测;配合自治县市场监管局做好事故调查处理。\n"
            "三、各镇人民政府、街道办事处。负责本辖区食品安全属地管理。\n")
    doc = _load(auto, "duty_division")
    leads = _edges(doc, "LEADS")
    assert {("平安苗族自治县市场监督管理局", "一"), ("平安苗族自治县市场监督管理局", "二"),
            ("平安苗族自治县卫生健康局", "二"), ("各镇人民政府", "三"), ("各街道办事处", "三")} <= leads
    assert ("平安苗族自治县卫生健康局", "二") in _edges(doc, "ASSISTS")
    # matter headings over unnumbered paragraphs; a site field spacing out the 文号; "X牵头负责…,Y配合"
    matters = ("名  称: 平安区人民政府办公室关于明确地下管网管理职责分工的通知\n"
               "文  号: 平安府办发 〔2022〕 21号 主 题 词: 城乡建设\n"
               "平安区人民政府办公室\n关于明确地下管网管理职责分工的通知\n"
               "一、地下管网建设管理\n区住房城乡建委牵头负责地下管网建设的统筹协调,区发展改革委、区通信发展办公室配合。\n"
               "二、工作要求\n各有关部门要加强协作配合。\n")
    doc = _load(matters, "duty_division")
    me = next(n for n in doc.nodes if n.id == doc.doc_id)
    assert me.properties.get("doc_number") == "平安府办发〔2022〕21号"
    assert ("平安区住房和城乡建设委员会", "一") in _edges(doc, "LEADS")
    assert {("平安区发展和改革委员会", "一"), ("平安区通信发展办公室", "一")} <= _edges(doc, "ASSISTS")
    assert not any(no == "二" for _, no in _edges(doc, "LEADS"))


def test_articles_with_a_colon_after_the_number_and_a_prefecture_called_diqu():
    text = ("关于印发《平安地区有关部门安全生产工作职责规定》的通知\n平行办发〔2021〕7号\n"
            "各县(市)人民政府,地区各有关部门:\n现印发你们,请认真抓好贯彻落实。\n平安地区行政公署办公室\n2021年8月10日\n"
            "第一章 总 则\n第一条:为明确安全生产工作职责,制定本规定。\n第二章 部门职责\n"
            "第二条:地区应急管理局:负责安全生产综合监督管理,依法实施行政处罚。\n"
            "第三条:地区公安局:负责道路交通安全管理;配合地区应急管理局做好烟花爆竹安全监管。\n"
            "第四条:各县(市)人民政府:对本行政区域安全生产工作负属地管理责任。\n")
    doc = _load(text, "duty_division")
    leads = _edges(doc, "LEADS")
    assert {("平安地区应急管理局", "第二条"), ("平安地区公安局", "第三条"), ("平安地区应急管理局", "第三条"),
            ("各县(市)人民政府", "第四条")} <= leads
    assert ("平安地区公安局", "第三条") in _edges(doc, "ASSISTS")
    assert not any(no == "第一条" for _, no in leads)


def test_a_responsibility_list_with_its_lead_marked():
    text = ("平安区人民政府办公室关于进一步明确住宅小区管理有关职责分工的通知\n平政办发〔2022〕9号\n"
            "一、物业服务企业监督管理。责任单位:区住建委(牵头)、各街道办事处、各镇人民政府。\n"
            "二、小区内违法建设查处。责任单位:区城市管理委(牵头)、区规划资源局。\n"
            "三、小区生活垃圾分类。区城市管理委负责指导监督,各街道办事处负责组织实施。\n")
    doc = _load(text, "duty_division")
    leads, assists = _edges(doc, "LEADS"), _edges(doc, "ASSISTS")
    assert {("平安区住房和城乡建设委员会", "一"), ("平安区城市管理委员会", "二"), ("平安区城市管理委员会", "三"),
            ("各街道办事处", "三")} <= leads
    assert {("各街道办事处", "一"), ("各镇人民政府", "一"), ("平安区规划资源局", "二")} <= assists
    assert ("各街道办事处", "一") not in leads and ("平安区规划资源局", "二") not in leads
