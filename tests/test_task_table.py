"""The task-table loader: seeds 002 (海城市, 102 tasks with 牵头领导/牵头单位/责任单位)
and 003 (盘锦市大洼区 special action plan with a leadership group), and synthetic
tables in other layouts.

tests/expected/002.json and 003.json hold the facts of every task, checked by hand
against the document text (002 transcribed with plain line regexes independent of
the loader, then spot-checked; 003 written by hand). Agency names there are the
canonical forms of the printed names.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from loaders.base import detect, load_file, read_by_kind
from loaders.groups import split_person
from loaders.dates import deadline_date
from loaders.kinds.task_table import parse_officials, unit_groups
from loaders.text import read_document, read_text

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "liaoning"
F002 = EXAMPLES / "002_e8b0e201ade5810e.txt"
F003 = EXAMPLES / "003_5b890ae601a5bb51.txt"
EXPECTED = Path(__file__).resolve().parent / "expected"


def _index(doc):
    nodes = {n.id: n for n in doc.nodes}
    return nodes, doc.edges


def _tasks(doc) -> dict[str, dict]:
    nodes, edges = _index(doc)
    out = {}
    for n in nodes.values():
        if n.label != "Duty":
            continue
        t = {"lead_officials": [], "lead_agencies": [], "assisting_units": [],
             "deadline": n.properties.get("deadline"), "deadline_date": n.properties.get("deadline_date"),
             "text": n.properties["text"], "section": n.properties.get("section"),
             "general": bool(n.properties.get("general"))}
        for e in edges:
            if e.target != n.id:
                continue
            src = nodes[e.source]
            if e.type == "LEADS":
                t["lead_officials" if src.label == "Official" else "lead_agencies"].append(src.name)
            elif e.type == "ASSISTS":
                t["assisting_units"].append(src.name)
        for k in ("lead_officials", "lead_agencies", "assisting_units"):
            t[k] = sorted(t[k])
        assert n.properties["number"] not in out, f"duplicate task number {n.properties['number']}"
        out[n.properties["number"]] = t
    return out


def _load(text: str, kind: str | None = "task_table"):
    src = read_text(text, "synthetic.txt")
    docs = read_by_kind(src, kind)
    assert len(docs) == 1
    return docs[0]


@pytest.fixture(scope="module")
def doc002():
    _, docs = load_file(F002)
    return docs[0]


@pytest.fixture(scope="module")
def doc003():
    _, docs = load_file(F003)
    return docs[0]


# -- detection -----------------------------------------------------------------

def test_detection_of_the_seeds():
    kinds = {}
    for f in sorted(EXAMPLES.glob("*.txt")):
        kind, scores = detect(read_document(f))
        kinds[f.name[:3]] = (kind, scores)
    assert kinds["002"][0] == "task_table"
    assert kinds["003"][0] == "task_table"
    # the other seeds must not look more like task tables than their own kinds
    for seed in ("000", "001", "004"):
        scores = kinds[seed][1]
        assert scores["task_table"] < 0.3, (seed, scores)
        assert kinds[seed][0] != "task_table"


# -- seed 002 ------------------------------------------------------------------

def test_002_matches_expected_facts(doc002):
    expected = json.loads((EXPECTED / "002.json").read_text(encoding="utf-8"))["tasks"]
    got = _tasks(doc002)
    assert sorted(got, key=int) == [t["number"] for t in expected]
    for t in expected:
        g = got[t["number"]]
        for k in ("lead_officials", "lead_agencies", "assisting_units", "deadline"):
            assert g[k] == t[k], (t["number"], k, g[k], t[k])


def test_002_figures(doc002):
    nodes, edges = _index(doc002)
    duties = [n for n in nodes.values() if n.label == "Duty"]
    assert len(duties) == 102
    for d in duties:
        leads = {nodes[e.source].label for e in edges if e.type == "LEADS" and e.target == d.id}
        assert {"Official", "Agency"} <= leads, d.properties["number"]
    lead_officials = {nodes[e.source].name for e in edges if e.type == "LEADS" and nodes[e.source].label == "Official"}
    assert len(lead_officials) == 13
    assert {"王威", "王巍", "刘哲", "赵旭", "杨野"} <= lead_officials
    assert not any(" " in n for n in lead_officials)
    assert doc002.warnings == []


def test_002_names(doc002):
    nodes, edges = _index(doc002)
    agencies = {n.name for n in nodes.values() if n.label == "Agency"}
    assert "海城市住房和城乡建设局" in agencies
    assert not {"海城市住建局", "海城市住房城乡建设局"} & agencies
    assert "海城市经济开发区" in agencies and "海城市海城经济开发区" not in agencies
    # "各开发区、镇(街道)": a collective printed with 、 stays one (as the labelled real documents keep it)
    assert "镇(街道)" not in agencies and "各开发区、镇(街道)" in agencies
    assert not any("等各有关部门" in a or "(金融局)" in a for a in agencies)
    # 王威 and 王巍 are two people with different tasks
    tasks = _tasks(doc002)
    assert "王威" in tasks["21"]["lead_officials"] and "王巍" not in tasks["21"]["lead_officials"]
    assert "王巍" in tasks["28"]["lead_officials"] and "王威" not in tasks["28"]["lead_officials"]
    # 市住建局 in task 98 is the same node as 市住房和城乡建设局 in task 15
    assert "海城市住房和城乡建设局" in tasks["98"]["assisting_units"]
    assert tasks["1"]["section"] == "一、经济社会发展主要目标"
    assert tasks["9"]["section"] == "二、稳增长,保持经济合理运行 / (一)千方百计保障企业运行"


def test_002_projects(doc002):
    nodes, edges = _index(doc002)
    projects = {n.name: n for n in nodes.values() if n.label == "Project"}
    assert "三峡新能源海城15万千瓦风电项目" in projects
    p = projects["海城三鱼泵业数字化改造项目"]
    assert p.properties["amount"] == 0.5 and p.properties["unit"] == "亿元"
    assert p.properties["amount_yuan"] == 5e7 and p.properties["amount_text"] == "投资0.5亿元"
    assert projects["农产品加工集聚区基础设施建设项目"].properties["amount_yuan"] == 2e7
    # precision: no fragments of running text, no lists "A等项目"
    for name in projects:
        assert "等" not in name and not name.startswith(("加速", "落地", "严把", "开复工")), name
    concerns = {(nodes[e.source].properties["number"], nodes[e.target].name) for e in edges if e.type == "CONCERNS"}
    assert ("69", "三峡新能源海城15万千瓦风电项目") in concerns
    assert ("41", "海城三鱼泵业数字化改造项目") in concerns


# -- seed 003 ------------------------------------------------------------------

def test_003_matches_expected_tasks(doc003):
    expected = json.loads((EXPECTED / "003.json").read_text(encoding="utf-8"))
    tasks = _tasks(doc003)
    got = {k: v for k, v in tasks.items() if not v.get("general") and k.isdigit()}   # 三、保障措施's 一是…: general
    assert sorted(got, key=int) == [t["number"] for t in expected["tasks"]]
    # the group's office doing its daily work is a task of its own (the labelled set's convention)
    office = [v for k, v in tasks.items() if k.startswith("unnumbered")]
    assert len(office) == 1 and [n[-7:] for n in office[0]["lead_agencies"]] == ["领导小组办公室"], office
    for t in expected["tasks"]:
        g = got[t["number"]]
        for k in ("lead_officials", "lead_agencies", "assisting_units", "deadline", "deadline_date"):
            assert g[k] == t[k], (t["number"], k, g[k], t[k])
    assert got["8"]["text"].startswith("督办流程管控")
    assert got["1"]["section"] == "二、主要任务 / (一)强规范,推动政府系统全面依法履职尽责"
    assert doc003.warnings == []


def test_003_group(doc003):
    exp = json.loads((EXPECTED / "003.json").read_text(encoding="utf-8"))["group"]
    nodes, edges = _index(doc003)
    groups = {n.name: n.id for n in nodes.values() if n.label == "Group"}
    assert set(groups) == {exp["name"], exp["office"]["name"]}
    gid = groups[exp["name"]]
    heads = sorted((nodes[e.source].name, e.properties["role"], e.properties.get("title"))
                   for e in edges if e.type == "HEADS" and e.target == gid)
    assert heads == sorted((h["name"], h["role"], h["title"]) for h in exp["heads"])
    members = sorted((nodes[e.source].name, e.properties["role"], e.properties.get("title"))
                     for e in edges if e.type == "MEMBER_OF" and e.target == gid and nodes[e.source].label == "Official")
    assert members == sorted((m["name"], m["role"], m["title"]) for m in exp["members"])
    bodies = sorted((nodes[e.source].name, e.properties["role"])
                    for e in edges if e.type == "MEMBER_OF" and e.target == gid and nodes[e.source].label == "Agency")
    assert bodies == sorted((m["name"], m["role"]) for m in exp["member_agencies"])
    oid = groups[exp["office"]["name"]]
    parents = {nodes[e.target].name for e in edges if e.type == "PART_OF" and e.source == oid}
    assert parents == {exp["name"], exp["office"]["housed_in"]}
    head = [(nodes[e.source].name, e.properties["role"], e.properties.get("title"))
            for e in edges if e.type == "HEADS" and e.target == oid]
    h = exp["office"]["head"]
    assert head == [(h["name"], h["role"], h["title"])]


def test_003_glossary_and_annex_items_are_not_tasks(doc003):
    texts = [t["text"] for t in _tasks(doc003).values()]
    assert not any(t.startswith(("“三重一大”", "关键词解释", "全区政府系统")) for t in texts)


# -- synthetic texts -------------------------------------------------------------

HEAD = "海城市人民政府\n2023年3月1日\n海城市重点工作任务分解方案\n"


def test_label_variants_and_full_width_punctuation():
    doc = _load(HEAD + "一、稳增长\n"
                "1．抓好项目建设。\n"
                "牵头负责领导：刘 哲\n"
                "牵 头 单 位：市发展改革局\n"
                "协同责任单位：市财政局、税务局\n"
                "完成时限：2023年6月底前\n"
                "2、推进营商环境建设。\n"
                "分管领导:王威\n"
                "主办单位:市营商局\n"
                "配合单位:市住建局\n"
                "协办单位:市商务局\n"
                "时间节点:2023年底\n")
    t = _tasks(doc)
    assert t["1"]["lead_officials"] == ["刘哲"]
    assert t["1"]["lead_agencies"] == ["海城市发展和改革局"]
    assert t["1"]["assisting_units"] == ["海城市税务局", "海城市财政局"]
    assert (t["1"]["deadline"], t["1"]["deadline_date"]) == ("2023年6月底前", "2023-06-30")
    assert t["2"]["lead_officials"] == ["王威"]
    assert t["2"]["lead_agencies"] == ["海城市营商环境建设局"]
    assert t["2"]["assisting_units"] == ["海城市住房和城乡建设局", "海城市商务局"]
    assert t["2"]["deadline_date"] == "2023-12-31"
    assert t["1"]["section"] == "一、稳增长"


def test_pipe_table_read_by_header():
    doc = _load(HEAD + "| 序号 | 工作任务 | 牵头领导 | 牵头单位 | 责任单位 | 完成时限 |\n"
                "|---|---|---|---|---|---|\n"
                "一、稳增长\n"
                "| 1 | 抓好项目建设 | 刘兴达 | 市财政局 | 市税务局、市商务局 | 2023年12月31日 |\n"
                "| 2 | 推进改革 | 王 巍 | 市委政法委 | 市公安局 | 长期坚持 |\n")
    t = _tasks(doc)
    assert sorted(t) == ["1", "2"]
    assert t["1"]["text"] == "抓好项目建设"
    assert t["1"]["lead_officials"] == ["刘兴达"]
    assert t["1"]["lead_agencies"] == ["海城市财政局"]
    assert t["1"]["assisting_units"] == ["海城市商务局", "海城市税务局"]
    assert t["1"]["deadline_date"] == "2023-12-31"
    assert t["2"]["lead_officials"] == ["王巍"]
    assert t["2"]["deadline"] == "长期坚持" and t["2"]["deadline_date"] is None
    assert t["2"]["section"] == "一、稳增长"


def test_tab_table_with_single_unit_column_leads():
    doc = _load(HEAD + "序号\t重点任务\t责任单位\t完成时间\n"
                "1\t完成农村公路改造\t市交通局、市财政局\t2023年10月\n"
                "2\t创建美丽宜居村\t市农业农村局\t2023年第二季度\n")
    t = _tasks(doc)
    assert t["1"]["lead_agencies"] == ["海城市交通运输局", "海城市财政局"]
    assert t["1"]["assisting_units"] == []
    assert t["1"]["deadline_date"] == "2023-10-31"
    assert t["2"]["lead_agencies"] == ["海城市农业农村局"]
    assert t["2"]["deadline_date"] == "2023-06-30"


def test_one_cell_per_line_table_read_by_header():
    doc = _load(HEAD + "序号\n工作任务\n牵头单位\n责任单位\n时间进度\n"
                "1\n抓好项目建设\n市财政局\n市税务局\n2023年6月\n"
                "二、优生态\n"
                "2\n推进治污工程\n鞍山市生态环境局海城分局\n市住建局、市水利局\n2023年底\n")
    t = _tasks(doc)
    assert sorted(t) == ["1", "2"]
    assert t["1"]["lead_agencies"] == ["海城市财政局"]
    assert t["1"]["assisting_units"] == ["海城市税务局"]
    assert t["1"]["deadline_date"] == "2023-06-30"
    assert t["2"]["lead_agencies"] == ["鞍山市生态环境局海城分局"]
    assert t["2"]["assisting_units"] == ["海城市住房和城乡建设局", "海城市水利局"]
    assert t["2"]["section"] == "二、优生态"
    assert doc.warnings == []


def test_single_responsible_label_leads():
    doc = _load(HEAD + "1.抓好项目建设。\n牵头领导:刘兴达\n责任单位:市财政局、市税务局\n"
                "2.推进改革。\n牵头领导:刘兴达\n负责部门:市司法局\n")
    t = _tasks(doc)
    assert t["1"]["lead_agencies"] == ["海城市税务局", "海城市财政局"]
    assert t["1"]["assisting_units"] == []
    assert t["2"]["lead_agencies"] == ["海城市司法局"]


def test_cut_off_trailing_task_warns_not_crashes():
    doc = _load(HEAD + "1.抓好项目建设。\n牵头领导:刘兴达\n牵头单位:市财政局\n责任单位:市税务局\n"
                "2.推进改革。\n牵头领导:王威\n牵头单位:市司法局\n责任单位:市公安局\n"
                "3.推进治污")
    t = _tasks(doc)
    assert sorted(t) == ["1", "2", "3"]
    assert t["3"]["lead_agencies"] == [] and t["3"]["text"] == "推进治污"
    assert any("task 3 seems cut off" in w for w in doc.warnings)
    # cut inside the label block
    doc = _load(HEAD + "1.抓好项目建设。\n牵头领导:刘兴达\n牵头单位:市财政局\n责任单位:市税务局\n"
                "2.推进改革。\n牵头领导:王威\n牵头单位:市司法局\n责任单位:市公安局\n"
                "3.推进治污。\n牵头领导:赵旭\n")
    assert _tasks(doc)["3"]["lead_officials"] == ["赵旭"]
    assert any("task 3 seems cut off: no lead_unit, unit" in w for w in doc.warnings)
    # a table whose last row is cut
    doc = _load(HEAD + "序号|工作任务|牵头单位|责任单位\n1|抓好项目建设|市财政局|市税务局\n2|推进改革|市司")
    t = _tasks(doc)
    assert sorted(t) == ["1", "2"]
    assert any("task 2 seems cut off" in w for w in doc.warnings)


def test_shared_block_and_broken_names():
    doc = _load(HEAD + "(一)严督办\n1.督办责任压实。\n2.督办流程管控。\n"
                "牵头单位:市政府办公室、市\n司法局\n责任单位:各有关部门\n完成时限:2023年12月31日\n"
                "附件:\n1.关键词解释\n")
    t = _tasks(doc)
    assert sorted(t) == ["1", "2"]
    for k in ("1", "2"):
        assert t[k]["lead_agencies"] == ["海城市人民政府办公室", "海城市司法局"]
        assert t[k]["assisting_units"] == ["各有关部门"]


def test_synthetic_group_with_member_units():
    doc = _load(HEAD + "1.抓好项目建设。\n牵头领导:刘兴达\n牵头单位:市财政局\n责任单位:市税务局\n"
                "海城市项目建设领导小组成员名单\n"
                "组　长：刘兴达　市委副书记、市长\n"
                "副 组 长:王 威 副市长\n"
                "成员单位:市财政局、市税务局、商务局\n"
                "领导小组办公室设在市发展和改革局,办公室主任由市发展和改革局局长张三同志兼任。\n")
    nodes, edges = _index(doc)
    gid = next(n.id for n in nodes.values() if n.name == "海城市项目建设领导小组")
    rel = sorted((e.type, nodes[e.source].name, e.properties.get("role")) for e in edges if e.target == gid and e.type in ("HEADS", "MEMBER_OF"))
    assert rel == [("HEADS", "刘兴达", "组长"), ("MEMBER_OF", "海城市商务局", "成员单位"),
                   ("MEMBER_OF", "海城市税务局", "成员单位"), ("MEMBER_OF", "海城市财政局", "成员单位"),
                   ("MEMBER_OF", "王威", "副组长")]
    office = next(n.id for n in nodes.values() if n.name == "海城市项目建设领导小组办公室")
    assert {nodes[e.target].name for e in edges if e.type == "PART_OF" and e.source == office} == {
        "海城市项目建设领导小组", "海城市发展和改革局"}
    assert [nodes[e.source].name for e in edges if e.type == "HEADS" and e.target == office] == ["张三"]


# -- helpers ----------------------------------------------------------------------

def test_helpers():
    assert parse_officials("刘兴达、刘 哲") == [("刘兴达", None), ("刘哲", None)]
    assert parse_officials("王 巍、夏 应") == [("王巍", None), ("夏应", None)]
    assert split_person("于 淼 区委常委、区政府副区长") == ("于淼", "区委常委、区政府副区长")
    assert unit_groups("各开发区,西四、牛庄、岔沟等镇(街道)。") == ["各开发区", "西四、牛庄、岔沟等镇(街道)"]
    assert deadline_date("2022年12月31日") == "2022-12-31"
    assert deadline_date("持续推进") is None


def test_002_cut_anywhere_never_crashes():
    text = F002.read_text(encoding="utf-8")
    lines = text.splitlines()
    last = 0
    for k in range(60, len(lines), 37):
        cut = "\n".join(lines[:k]) + "\n" + lines[k][: len(lines[k]) // 2]
        doc = _load(cut)
        n = len(_tasks(doc))
        assert n >= last        # more text, never fewer tasks
        last = n
        # cut before the task's last label (a value cut short inside the last label is not detectable)
        if lines[k].startswith(("牵头领导", "牵头单位")):
            assert any("seems cut off" in w for w in doc.warnings), k
    assert last > 60


# -- other provinces' layouts (examples/variants/task_table/ holds whole documents) --

PLAN = ("宁波市人民政府办公厅\n2024年2月20日\n2024年市政府工作报告重点任务分工方案\n"
        "一、扎实推进产业振兴\n")


def _facts(doc) -> set[tuple[str, str, str]]:
    nodes, edges = _index(doc)
    return {(e.type, nodes[e.source].name, nodes[e.target].properties["number"]) for e in edges
            if e.type in ("LEADS", "ASSISTS") and nodes[e.target].label == "Duty"}


def test_parenthetical_lead_and_responsible_units():
    doc = _load(PLAN + "1.加快建设先进制造业集群。(市经信局牵头,市发展改革委、市科技局按职责分工负责)\n"
                "2.深化研发投入。(市科技局、市财政局按职责分工负责)\n"
                "3.新增城镇就业4万人。(市人力社保局牵头负责)\n"
                "4.推进政务服务改革。(市政府办公厅牵头,市大数据局配合)\n", kind=None)
    assert next(n for n in doc.nodes if n.id == doc.doc_id).properties["kind"] == "task_table"
    assert _facts(doc) == {
        ("LEADS", "宁波市经济和信息化局", "1"), ("ASSISTS", "宁波市发展和改革委员会", "1"),
        ("ASSISTS", "宁波市科学技术局", "1"),
        ("LEADS", "宁波市科学技术局", "2"), ("LEADS", "宁波市财政局", "2"),      # no lead named: all lead
        ("LEADS", "宁波市人力资源和社会保障局", "3"),
        ("LEADS", "宁波市人民政府办公厅", "4"), ("ASSISTS", "宁波市大数据局", "4")}
    t = _tasks(doc)
    assert t["1"]["text"] == "加快建设先进制造业集群。"        # the assignment is not the task's text
    assert t["1"]["section"] == "一、扎实推进产业振兴"
    assert doc.warnings == []


def test_parenthetical_labels_deadline_clause_and_and_lists():
    doc = _load(PLAN + "1.推进老旧小区改造120个。(责任单位:市住建局、各区县市政府;完成时限:2024年12月底)\n"
                "2.上线新平台。(市政府办公室牵头,市大数据局配合,2024年9月底前完成)\n"
                "3.争取专项债券资金。(市发改委牵头,市有关部门及各区县市政府按职责分工负责)\n"
                "4.开展环境整治。(牵头市领导:张立新;牵头单位:市城管局;配合单位:市生态环境局)\n")
    f = _facts(doc)
    assert {("LEADS", "宁波市住房和城乡建设局", "1"), ("LEADS", "各区县市政府", "1")} <= f
    assert {("LEADS", "宁波市人民政府办公室", "2"), ("ASSISTS", "宁波市大数据局", "2")} <= f
    assert {("ASSISTS", "市有关部门", "3"), ("ASSISTS", "各区县市政府", "3")} <= f
    assert not any("及" in name for _, name, _ in f)
    assert {("LEADS", "张立新", "4"), ("LEADS", "宁波市城市管理综合行政执法局", "4"),
            ("ASSISTS", "宁波市生态环境局", "4")} <= f
    t = _tasks(doc)
    assert t["1"]["deadline_date"] == "2024-12-31"
    assert (t["2"]["deadline"], t["2"]["deadline_date"]) == ("2024年9月底前完成", "2024-09-30")


def test_task_broken_over_lines_and_parentheses_that_assign_nothing():
    doc = _load(PLAN + "1.推进长江岸线整治,完成\n沿江生态廊道建设30公里。(市水利局牵头)\n"
                "2.新建中小学30所(含续建项目)。\n"
                "3.推进城市更新(含各区县市政府)。\n"
                "4.改造燃气管网。(市住建局负责)\n")
    t = _tasks(doc)
    assert sorted(t) == ["1", "4"]                 # 2 and 3 name no one: not tasks
    assert t["1"]["text"] == "推进长江岸线整治,完成沿江生态廊道建设30公里。"
    assert t["1"]["lead_agencies"] == ["宁波市水利局"]


def test_first_listed_unit_leads_when_the_document_says_so():
    body = ("1.实施智能化改造项目2000个。(市工信局、市发改委、市财政局)\n"
            "2.推进国际科技园建设。(市科技局、市住建局,各县级市(区)政府)\n"
            "3.新增城镇就业。(市人社局牵头,市财政局配合)\n")
    plain = _facts(_load(PLAN + body))
    assert {("LEADS", "宁波市工业和信息化局", "1"), ("LEADS", "宁波市发展和改革委员会", "1")} <= plain
    said = _facts(_load(PLAN.replace("一、", "责任分解中,列第一位的单位为牵头单位,其余为配合单位。\n一、") + body))
    assert {("LEADS", "宁波市工业和信息化局", "1"), ("ASSISTS", "宁波市发展和改革委员会", "1"),
            ("ASSISTS", "宁波市财政局", "1"), ("LEADS", "宁波市科学技术局", "2"),
            ("ASSISTS", "宁波市住房和城乡建设局", "2"), ("ASSISTS", "各县级市(区)政府", "2"),
            ("LEADS", "宁波市人力资源和社会保障局", "3"), ("ASSISTS", "宁波市财政局", "3")} == said


def test_first_listed_in_a_table_column():
    doc = _load("洛阳市人民政府办公室\n2024年4月2日\n洛阳市2024年城市更新重点任务分解表\n"
                "表中责任单位排在第一位的为牵头单位,其他为配合单位。\n"
                "序号\n重点任务\n责任领导\n责任单位\n完成时限\n"
                "1\n完成老旧小区改造\n王振东\n市住建局、市财政局、各县区人民政府\n年底前\n"
                "2\n新增停车泊位\n李春梅\n市公安局\n2024年9月底\n")
    assert _facts(doc) == {("LEADS", "王振东", "1"), ("LEADS", "洛阳市住房和城乡建设局", "1"),
                           ("ASSISTS", "洛阳市财政局", "1"), ("ASSISTS", "各县区人民政府", "1"),
                           ("LEADS", "李春梅", "2"), ("LEADS", "洛阳市公安局", "2")}
    assert _tasks(doc)["1"]["deadline_date"] == "2024-12-31"    # 年底前 in a 2024 plan


def test_lead_marked_inside_a_list():
    doc = _load(HEAD + "1.新增公办幼儿园学位1800个。\n责任领导:冯嘉欣\n"
                "责任单位:市教育局(牵头)、市住建局、各镇(街道)\n完成时限:2023年8月底\n"
                "2.建设长者饭堂。\n责任单位:市民政局、各镇(街道)\n完成时限:2023年10月\n")
    t = _tasks(doc)
    assert t["1"]["lead_agencies"] == ["海城市教育局"]
    assert t["1"]["assisting_units"] == ["各镇(街道)", "海城市住房和城乡建设局"]
    assert t["2"]["lead_agencies"] == ["各镇(街道)", "海城市民政局"]
    assert not any("牵头" in n.name for n in doc.nodes if n.label == "Agency")


def test_new_label_words_and_header_words():
    doc = _load(HEAD + "1.抓好项目建设。\n牵 头 负 责 领 导:刘哲\n主责单位:市发改局\n配合责任单位:市财政局\n"
                "时间节点:三季度末\n")
    t = _tasks(doc)
    assert (t["1"]["lead_officials"], t["1"]["lead_agencies"]) == (["刘哲"], ["海城市发展和改革局"])
    assert t["1"]["assisting_units"] == ["海城市财政局"]
    assert t["1"]["deadline_date"] == "2023-09-30"    # the plan's year: its date (no year in its title)
    doc = _load(HEAD + "序号\t工作任务\t市领导\t牵头单位\t责任单位\t完成时限\n"
                "1\t新培育产业集群2个\t张立新 刘海燕\t市工信局\t市科技局\t2023年第二季度\n")
    t = _tasks(doc)
    assert t["1"]["lead_officials"] == ["刘海燕", "张立新"]
    assert t["1"]["deadline_date"] == "2023-06-30"


def test_heading_numbered_tasks_and_assignments_inside_the_text():
    doc = _load(PLAN + "(一)稳定工业增长。推进技术改造。(市经信局牵头,市财政局配合)\n"
                "(二)扩大有效投资。实施重大项目300个。(市发改委负责)盘活存量用地。(市资规局牵头)\n"
                "二、保障和改善民生\n(一)促进就业。新增就业4万人。(市人社局负责)\n")
    t = _tasks(doc)
    assert sorted(t) == ["一.(一)", "一.(二)", "二.(一)"]
    assert t["一.(二)"]["lead_agencies"] == ["宁波市发展和改革委员会", "宁波市自然资源和规划局"]
    assert t["一.(二)"]["text"] == "扩大有效投资。实施重大项目300个。盘活存量用地。"
    assert t["一.(一)"]["assisting_units"] == ["宁波市财政局"]
    assert t["二.(一)"]["section"] == "二、保障和改善民生"


def test_detection_of_parenthetical_plans_and_their_neighbours():
    tails = "".join(f"{k}.推进第{k}项工作。(市发改委牵头,市财政局配合)\n" for k in range(1, 5))
    assert detect(read_text("宁波市人民政府办公厅\n2024年2月20日\n2024年重点任务分工方案\n" + tails))[0] == "task_table"
    # the same parentheses in a work plan (工作要点) keep it a work plan
    kind, scores = detect(read_text("宁波市人民政府办公厅\n2024年2月20日\n2024年政务公开工作要点\n一、总体要求\n" + tails))
    assert kind == "work_plan" and scores["task_table"] < 0.3
    # a table of 职责 (a duty-boundary list) is not a task table
    duty = read_text("绵阳市人民政府办公室\n2022年7月4日\n绵阳市城市管理领域部门职责边界清单\n"
                     "序号|职责事项|主责部门|配合部门\n1|违法建设查处|市城管局|市资规局\n2|扬尘污染防治|市住建局|市生态环境局\n")
    assert detect(duty)[0] != "task_table"


def test_deadlines_in_the_plans_year():
    assert deadline_date("年底前", 2024) == "2024-12-31"
    assert deadline_date("三季度末", 2024) == "2024-09-30"
    assert deadline_date("上半年", 2024) == "2024-06-30"
    assert deadline_date("6月15日前", 2024) == "2024-06-15"
    assert deadline_date("2024年12月31日前") == "2024-12-31"
    assert deadline_date("年底前") is None                      # no year known: no date
    assert deadline_date("长期坚持", 2024) is None and deadline_date("2024年汛期前", 2024) is None


def test_group_roster_after_founding_sentence():
    doc = _load("温州市人民政府办公室\n2024年5月10日\n温州市城乡环境综合整治专项行动方案\n"
                "一、组织领导\n成立温州市环境整治专项行动领导小组,组成人员如下:\n"
                "组 长:郑国华 市长\n副组长:林志强 副市长、陈素芬 市政府秘书长\n成 员:\n"
                "周立明 市发展改革委主任\n潘建军 市住建局局长\n"
                "领导小组办公室设在市住建局,办公室主任由市住建局局长潘建军兼任。\n"
                "二、重点任务\n1.开展城中村整治。\n主办单位:市住建局\n协办单位:市城管局\n完成时间:2024年11月底\n")
    nodes, edges = _index(doc)
    gid = next(n.id for n in nodes.values() if n.name == "温州市环境整治专项行动领导小组")
    rel = sorted((e.type, nodes[e.source].name, e.properties.get("role")) for e in edges
                 if e.target == gid and e.type in ("HEADS", "MEMBER_OF"))
    assert rel == [("HEADS", "郑国华", "组长"), ("MEMBER_OF", "周立明", "成员"), ("MEMBER_OF", "林志强", "副组长"),
                   ("MEMBER_OF", "潘建军", "成员"), ("MEMBER_OF", "陈素芬", "副组长")]
    titles = {n.name: n.properties.get("titles") for n in nodes.values() if n.label == "Official"}
    assert titles["陈素芬"] == ["市政府秘书长"] and titles["林志强"] == ["副市长"]
    office = next(n.id for n in nodes.values() if n.name.endswith("领导小组办公室"))
    assert [(nodes[e.source].name, e.properties.get("title")) for e in edges
            if e.type == "HEADS" and e.target == office] == [("潘建军", "市住建局局长")]
    assert _tasks(doc)["1"]["lead_agencies"] == ["温州市住房和城乡建设局"]


def test_group_members_as_bare_names():
    doc = _load(HEAD + "1.抓好项目建设。\n牵头单位:市财政局\n"
                "海城市项目建设领导小组成员名单\n组长:刘兴达\n成员:王一、李二、张 三\n")
    nodes, edges = _index(doc)
    members = sorted(nodes[e.source].name for e in edges if e.type == "MEMBER_OF")
    assert members == ["张三", "李二", "王一"]
    assert not any(n.name.endswith(("王一", "李二")) for n in nodes.values() if n.label == "Agency")


def test_lists_joined_by_he_but_not_names_with_he():
    doc = _load(PLAN + "1.扩大有效投资。(市发改委牵头,市有关部门和各区县市政府按职责分工负责)\n"
                "2.培育文旅消费。(市文化和旅游局、市发展和改革委员会负责)\n")
    f = _facts(doc)
    assert {("ASSISTS", "市有关部门", "1"), ("ASSISTS", "各区县市政府", "1")} <= f
    assert {("LEADS", "宁波市文化和旅游局", "2"), ("LEADS", "宁波市发展和改革委员会", "2")} <= f
    assert not any(n.name in ("宁波市文化", "宁波市发展", "旅游局") for n in doc.nodes)


def test_group_named_in_title_roster_under_a_heading_office_head_on_next_line():
    doc = _load("泉州市人民政府办公室关于成立泉州市数字化转型工作领导小组的通知\n泉政办〔2024〕15号\n"
                "一、领导小组组成人员\n组 长:陈建新(市长)\n常务副组长:黄丽华(常务副市长)\n"
                "成 员:吴志明(市政府副秘书长)、蔡国庆(市工信局局长)、\n洪建辉(市财政局局长)\n"
                "二、领导小组办公室\n领导小组下设办公室,办公室设在市工信局。\n办公室主任由蔡国庆同志兼任。\n"
                "三、工作任务分工\n1.制定三年行动方案。\n牵头单位:市工信局\n配合单位:市财政局\n"
                "泉州市人民政府办公室\n2024年3月28日\n")
    nodes, edges = _index(doc)
    groups = {n.name for n in nodes.values() if n.label == "Group"}
    assert groups == {"泉州市数字化转型工作领导小组", "泉州市数字化转型工作领导小组办公室"}
    gid = next(n.id for n in nodes.values() if n.name == "泉州市数字化转型工作领导小组")
    rel = sorted((e.type, nodes[e.source].name, e.properties.get("role")) for e in edges
                 if e.target == gid and e.type in ("HEADS", "MEMBER_OF"))
    assert rel == [("HEADS", "陈建新", "组长"), ("MEMBER_OF", "吴志明", "成员"), ("MEMBER_OF", "洪建辉", "成员"),
                   ("MEMBER_OF", "蔡国庆", "成员"), ("MEMBER_OF", "黄丽华", "常务副组长")]
    office = next(n.id for n in nodes.values() if n.name.endswith("办公室") and n.label == "Group")
    assert [nodes[e.source].name for e in edges if e.type == "HEADS" and e.target == office] == ["蔡国庆"]
    assert not any(n.label == "Agency" and "(" in n.name for n in nodes.values())


def test_table_rows_continuing_a_task_with_merged_cells():
    doc = _load(HEAD + "序号 | 重点任务 | 具体措施 | 牵头单位 | 责任单位 | 完成时限\n"
                "1 | 推进数字化转型 | 实施技术改造项目200个 | 市工信局 | 市财政局 | 2023年12月底\n"
                "开展数字化诊断服务 | 市科技局 | 市商务局 | 2023年12月底\n"
                "| | | 建设工业互联网平台 | 市发改局 | 市统计局 | 2023年12月底 |\n"
                "2 | 优化政务服务 | 推行企业开办一日办结 | 市营商局 | 市税务局 | 2023年6月底\n")
    t = _tasks(doc)
    assert sorted(t) == ["1", "2"]
    assert t["1"]["lead_agencies"] == ["海城市发展和改革局", "海城市工业和信息化局", "海城市科学技术局"]
    assert t["1"]["assisting_units"] == ["海城市商务局", "海城市统计局", "海城市财政局"]
    assert t["1"]["text"] == "推进数字化转型 实施技术改造项目200个 开展数字化诊断服务 建设工业互联网平台"
    assert t["2"]["assisting_units"] == ["海城市税务局"]
    assert doc.warnings == []


def test_labels_after_the_task_on_its_line_values_on_the_next_line_titled_leaders():
    doc = _load(HEAD + "1.城镇新增就业3.5万人。责任领导:副市长谭志刚;牵头单位:市人社局;责任单位:市财政局;完成时限:2023年\n"
                "2.新建养老服务机构10个。责任领导:谭志刚副市长、分管副市长;牵头单位:市民政局\n"
                "3.新增公办学位6000个。\n责任领导:市政府分管领导\n牵头单位:\n市教育局\n完成时限:\n2023年9月底\n")
    t = _tasks(doc)
    assert t["1"]["text"] == "城镇新增就业3.5万人。"
    assert (t["1"]["lead_officials"], t["1"]["lead_agencies"]) == (["谭志刚"], ["海城市人力资源和社会保障局"])
    assert t["1"]["assisting_units"] == ["海城市财政局"]
    assert t["1"]["deadline_date"] == "2023-12-31"              # a year alone: its end
    assert t["2"]["lead_officials"] == ["谭志刚"]               # 分管副市长 names no one
    assert t["3"]["lead_officials"] == [] and t["3"]["lead_agencies"] == ["海城市教育局"]
    assert t["3"]["deadline_date"] == "2023-09-30"
    officials = {n.name: n.properties.get("titles") for n in doc.nodes if n.label == "Official"}
    assert officials == {"谭志刚": ["副市长"]}


def test_last_task_without_an_optional_label_is_not_cut_off():
    block = "主办单位:市住建局\n协办单位:市城管局\n完成时间:2023年11月底\n"
    doc = _load(HEAD + "".join(f"{k}.任务{k}。\n{block}" for k in range(1, 4)) + "4.任务4。\n主办单位:市城管局\n完成时间:长期坚持\n")
    assert not any("cut off" in w for w in doc.warnings)
    cut = _load(HEAD + "".join(f"{k}.任务{k}。\n{block}" for k in range(1, 4)) + "4.任务4。\n主办单位:市城管局\n")
    assert any("task 4 seems cut off" in w for w in cut.warnings)


def test_first_listed_note_in_a_header_cell_and_verbs_inside_a_label_value():
    doc = _load(HEAD + "序号 | 工作任务 | 责任领导 | 责任单位(第一个为牵头单位) | 完成时限(时间节点)\n"
                "1 | 压缩企业开办时间 | 副市长赵立群 | 市行政审批局、市市场监管局 | 2023年6月底\n")
    assert _facts(doc) == {("LEADS", "赵立群", "1"), ("LEADS", "海城市行政审批局", "1"),
                           ("ASSISTS", "海城市市场监督管理局", "1")}
    assert _tasks(doc)["1"]["deadline_date"] == "2023-06-30"
    doc = _load(HEAD + "1.推进老旧小区改造。\n责任单位:市住建局牵头,各镇(街道)配合\n完成时限:2023年底\n")
    assert _facts(doc) == {("LEADS", "海城市住房和城乡建设局", "1"), ("ASSISTS", "各镇(街道)", "1")}


def test_label_lines_win_over_a_parenthesis_closing_the_text():
    doc = _load(HEAD + "1.建设乡村振兴示范村50个(各镇(街道))。\n牵头单位:市农业农村局\n责任单位:市财政局\n"
                "2.改造农村公路100公里。\n牵头单位:市交通局\n责任单位:各镇(街道)\n")
    t = _tasks(doc)
    assert t["1"]["text"] == "建设乡村振兴示范村50个(各镇(街道))。"
    assert (t["1"]["lead_agencies"], t["1"]["assisting_units"]) == (["海城市农业农村局"], ["海城市财政局"])


def test_labels_in_brackets():
    doc = _load(HEAD + "1.抓好项目建设。\n【牵头单位】市发改局\n【责任单位】市财政局、市税务局\n【完成时限】2023年底\n"
                "2.推进改革。\n【牵头单位】市营商局 【配合单位】市住建局\n")
    t = _tasks(doc)
    assert (t["1"]["lead_agencies"], t["1"]["assisting_units"]) == (["海城市发展和改革局"], ["海城市税务局", "海城市财政局"])
    assert t["1"]["deadline_date"] == "2023-12-31"
    assert (t["2"]["lead_agencies"], t["2"]["assisting_units"]) == (["海城市营商环境建设局"], ["海城市住房和城乡建设局"])


# -- rules from the blind round (files examples/variants/task_table/blind_*) ------------------

def test_labels_of_county_leader_lines():
    # 分线县领导 leads with the 主要责任单位; 其他责任单位 assist; four labels on one line
    doc = _load(HEAD + "1.地区生产总值增长6.5%。\n"
                "分线县领导：刘志勇（县委常委、常务副县长）  主要责任单位：市发改局  "
                "其他责任单位：市统计局  完成时限：2023年12月\n")
    assert _facts(doc) == {("LEADS", "刘志勇", "1"), ("LEADS", "海城市发展和改革局", "1"),
                           ("ASSISTS", "海城市统计局", "1")}
    assert _tasks(doc)["1"]["deadline_date"] == "2023-12-31"


def test_a_line_all_in_parentheses_holding_labels_assigns_the_item_above():
    doc = _load(HEAD + "1.完善应急预案体系\n(1)加强预案管理。\n(2)推进预案演练。\n"
                "（责任单位：市应急局、市财政局）\n"
                "2.建设指挥中心。\n（牵头单位：市应急局；配合单位：市发改局）\n")
    t = _tasks(doc)
    assert sorted(t) == ["1", "2"]
    assert "(2)推进预案演练" in t["1"]["text"]
    assert _facts(doc) == {("LEADS", "海城市应急管理局", "1"), ("LEADS", "海城市财政局", "1"),
                           ("LEADS", "海城市应急管理局", "2"), ("ASSISTS", "海城市发展和改革局", "2")}


def test_a_remark_in_parentheses_is_not_the_end_of_a_broken_name():
    doc = _load(HEAD + "1.推进改革。\n责任单位：市商务局、市市场监管局等\n（此件公开发布）\n")
    assert _facts(doc) == {("LEADS", "海城市商务局", "1"), ("LEADS", "海城市市场监督管理局", "1")}


def test_numbering_that_starts_again_under_each_heading_takes_the_heading_number():
    doc = _load(HEAD + "一、建设任务\n1.任务甲。\n牵头单位：市财政局\n2.任务乙。\n牵头单位：市税务局\n"
                "二、建设项目\n1.项目丙。\n牵头单位：市住建局\n")
    assert sorted(_tasks(doc)) == ["一.1", "一.2", "二.1"]
    # numbering running on across headings stays as printed
    doc = _load(HEAD + "一、建设任务\n1.任务甲。\n牵头单位：市财政局\n二、建设项目\n2.项目丙。\n牵头单位：市住建局\n")
    assert sorted(_tasks(doc)) == ["1", "2"]


def test_a_deadline_with_several_steps_gives_the_last_and_a_text_deadline_counts_without_a_column():
    from loaders.kinds.task_table import task_deadline, text_deadline
    assert task_deadline("5月底前完成招标；11月底前完工", 2024) == "2024-11-30"
    assert task_deadline("6月30日前完成50%，12月20日前全部完成", 2024) == "2024-12-20"
    assert task_deadline("2024年12月", 2024) == "2024-12-31"
    assert text_deadline("2024年10月底前编制并公布清单") == "2024年10月底前"
    assert text_deadline("全面推开，年底前完成") is None          # no year printed: not read from running text
    doc = _load(HEAD + "1.推进监管。2023年6月底前实现A，2023年12月底前实现B。（市市场监管局负责）\n"
                "2.推进改革。（市财政局负责）\n3.推进服务。（市税务局负责）\n")
    t = _tasks(doc)
    assert t["1"]["deadline_date"] == "2023-12-31" and t["2"]["deadline_date"] is None
    doc = _load(HEAD + "1.抓好项目。2023年6月底前开工。\n牵头单位：市财政局\n完成时限：长期坚持\n")
    assert _tasks(doc)["1"]["deadline_date"] is None                # its own column wins, even without a date


def test_township_checklist_table_with_station_column_and_open_last_cell():
    doc = _load("洋口镇2024年重点工作任务清单\n来源：洋口镇人民政府\n"
                "序号 | 工作任务 | 责任领导 | 责任站所 | 时间节点 | 备注\n"
                "1 | 完成高标准农田建设 | 镇长 徐国强 | 镇农业综合服务中心、各村（社区） | 5月底前完成招标；11月底前完工 |\n"
                "2 | 推进污水管网改造 | 副镇长 钟丽萍 | 镇规划建设办 | 9月底前 | 跨年度项目\n")
    assert _facts(doc) == {("LEADS", "徐国强", "1"), ("LEADS", "洋口镇农业综合服务中心", "1"),
                           ("LEADS", "各村(社区)", "1"), ("LEADS", "钟丽萍", "2"), ("LEADS", "洋口镇规划建设办", "2")}
    t = _tasks(doc)
    assert (t["1"]["deadline_date"], t["2"]["deadline_date"]) == ("2024-11-30", "2024-09-30")
    assert not any("cut off" in w for w in doc.warnings)      # the bar closing row 1 is its empty 备注
    assert split_person("副镇长钟丽萍") == ("钟丽萍", "副镇长")


def test_a_heading_with_sentences_and_labels_is_a_task_a_bare_heading_is_not():
    doc = _load(HEAD + "二、重点任务\n（一）建立三级林长体系。2023年6月底前完成林长设置并公示。\n"
                "牵头单位：市林业局  责任单位：各乡镇人民政府\n"
                "（二）加强森林防火。\n1.新建防火通道。\n牵头单位：市应急局\n")
    t = _tasks(doc)
    assert sorted(t) == ["1", "二.(一)"]
    assert t["二.(一)"]["deadline_date"] == "2023-06-30"
    assert (t["二.(一)"]["lead_agencies"], t["二.(一)"]["assisting_units"]) == (["海城市林业局"], ["各乡镇人民政府"])


def test_group_founded_in_one_sentence():
    doc = _load(HEAD + "1.推进林长制。\n牵头单位：市林业局\n"
                "为加强领导，成立以市委书记韦光明任组长，市委副书记、市长黎晓东任第一副组长，"
                "副市长覃少华、莫丽娟任副组长，市委办、市财政局等单位主要负责同志为成员的海城市林长制工作领导小组。"
                "领导小组下设办公室在市林业局，市林业局局长唐振宇兼任办公室主任。\n")
    nodes, edges = _index(doc)
    gid = next(n.id for n in nodes.values() if n.name == "海城市林长制工作领导小组")
    rel = sorted((e.type, nodes[e.source].name, e.properties.get("role")) for e in edges
                 if e.target == gid and e.type in ("HEADS", "MEMBER_OF"))
    assert rel == [("HEADS", "韦光明", "组长"), ("MEMBER_OF", "海城市委办公室", "成员"),
                   ("MEMBER_OF", "海城市财政局", "成员"), ("MEMBER_OF", "莫丽娟", "副组长"),
                   ("MEMBER_OF", "覃少华", "副组长"), ("MEMBER_OF", "黎晓东", "第一副组长")]
    office = next(n.id for n in nodes.values() if n.name == "海城市林长制工作领导小组办公室")
    assert {nodes[e.target].name for e in edges if e.type == "PART_OF" and e.source == office} == {
        "海城市林长制工作领导小组", "海城市林业局"}
    assert [nodes[e.source].name for e in edges if e.type == "HEADS" and e.target == office] == ["唐振宇"]
    titles = {n.name: n.properties.get("titles") for n in nodes.values() if n.label == "Official"}
    assert "市委副书记、市长" in str(titles["黎晓东"])


def test_office_housed_in_parentheses():
    doc = _load(HEAD + "1.推进城镇化。\n牵头单位：市发改局\n成立海城市城镇化领导小组，组成人员如下：\n"
                "组  长：许  军  市长\n副组长：陆建英  常务副市长\n        顾文杰  副市长\n"
                "领导小组下设办公室（设在市发改局），办公室主任由陆建英同志兼任。\n")
    nodes, edges = _index(doc)
    office = next(n.id for n in nodes.values() if n.name == "海城市城镇化领导小组办公室")
    assert {nodes[e.target].name for e in edges if e.type == "PART_OF" and e.source == office} == {
        "海城市城镇化领导小组", "海城市发展和改革局"}
    assert [nodes[e.source].name for e in edges if e.type == "HEADS" and e.target == office] == ["陆建英"]


def test_a_value_closed_by_a_full_stop_does_not_run_on_into_the_signature():
    doc = _load(HEAD + "1. 地区生产总值增长7.5%以上。\n    牵头负责领导：程卫东。\n    牵头责任单位：市发展改革委。\n"
                "    协同责任单位：市商务局等，各县、区政府。\n    海城市人民政府\n    2023年2月8日\n")
    assert _facts(doc) == {("LEADS", "程卫东", "1"), ("LEADS", "海城市发展和改革委员会", "1"),
                           ("ASSISTS", "海城市商务局", "1"), ("ASSISTS", "各县、区政府", "1")}


def test_a_target_heading_followed_by_its_label_is_a_task():
    doc = _load(HEAD + "一、主要预期目标\n（一）地区生产总值增长6.5%以上\n责任单位：市发改局\n"
                "二、重点工作\n（一）全力推进项目建设\n1.实施亿元以上项目50个。\n责任单位：市财政局\n")
    t = _tasks(doc)
    assert sorted(t) == ["1", "一.(一)"]
    assert t["一.(一)"]["lead_agencies"] == ["海城市发展和改革局"]
    assert t["1"]["section"] == "二、重点工作 / (一)全力推进项目建设"


def test_cell_line_table_with_a_banner_leader_column():
    doc = _load("土默特右旗人民政府办公室关于印发重点工作任务清单的通知\n土默特右旗人民政府办公室\n2023年3月2日\n"
                "序号\n重点任务\n牵头旗领导\n牵头单位\n配合单位\n完成时限\n"
                "1\n新建5G基站200个\n王志强\n旗工信局\n各镇人民政府\n2023年10月底\n"
                "2\n完成造林绿化3万亩\n李秀英\n旗林草局\n旗水利局\n2023年11月\n")
    assert _facts(doc) == {("LEADS", "王志强", "1"), ("LEADS", "土默特右旗工业和信息化局", "1"),
                           ("ASSISTS", "各镇人民政府", "1"), ("LEADS", "李秀英", "2"),
                           ("LEADS", "土默特右旗林业和草原局", "2"), ("ASSISTS", "土默特右旗水利局", "2")}


def test_decimal_numbered_tasks_under_bare_chapter_numbers():
    doc = _load(HEAD + "1 夯实数字基础设施\n1.1 推进政务云扩容。①完成扩容；②推动上云。\n牵头单位：市财政局\n"
                "1.2 建设共享平台。\n牵头单位：市税务局\n2 提升服务效能\n2.1 深化改革。\n牵头单位：市商务局\n"
                "2.5万人次参加培训。\n")
    t = _tasks(doc)
    assert sorted(t) == ["1.1", "1.2", "2.1"]                 # "2.5万人次…" is a figure, not a task
    assert "推动上云" in t["1.1"]["text"]          # the ①② points stay in its text (normalised to 1, 2)


def test_roster_printed_as_a_table():
    doc = _load(HEAD + "1.推进垃圾治理。\n牵头单位：市城管局\n"
                "成立海城市垃圾治理专项行动领导小组，组成人员如下：\n职务 | 姓名 | 单位及职务\n"
                "组长 | 杨光辉 | 市人民政府副市长\n副组长 | 陈永清 | 市住建局局长\n成员 | 刘洋 | 市财政局副局长\n"
                "领导小组下设办公室在市住建局，陈永清同志兼任办公室主任。\n")
    nodes, edges = _index(doc)
    gid = next(n.id for n in nodes.values() if n.name == "海城市垃圾治理专项行动领导小组")
    rel = sorted((e.type, nodes[e.source].name, e.properties.get("role")) for e in edges
                 if e.target == gid and e.type in ("HEADS", "MEMBER_OF"))
    assert rel == [("HEADS", "杨光辉", "组长"), ("MEMBER_OF", "刘洋", "成员"), ("MEMBER_OF", "陈永清", "副组长")]
    office = next(n.id for n in nodes.values() if n.name == "海城市垃圾治理专项行动领导小组办公室")
    assert [nodes[e.source].name for e in edges if e.type == "HEADS" and e.target == office] == ["陈永清"]


def test_leader_label_variants_and_a_gb18030_file(tmp_path):
    text = (HEAD + "1.推进木业园区建设。\n主管领导：副市长 孙德胜\n牵头单位：市工信局\n完成时限：2023年11月末\n"
            "2.新建高标准农田。\n分管市领导：吕春梅\n牵头单位：市农业农村局\n")
    f = tmp_path / "gbk.txt"
    f.write_bytes(text.encode("gb18030"))
    _, docs = (None, read_by_kind(read_document(f), "task_table"))
    assert _facts(docs[0]) == {("LEADS", "孙德胜", "1"), ("LEADS", "海城市工业和信息化局", "1"),
                               ("LEADS", "吕春梅", "2"), ("LEADS", "海城市农业农村局", "2")}
    assert _tasks(docs[0])["1"]["deadline_date"] == "2023-11-30"


def test_one_cell_per_line_table_with_wrapped_task_cells():
    doc = _load(HEAD + "序号\n重点任务\n牵头单位\n责任单位\n完成时限\n"
                "1\n完成老旧小区改造156个，惠及\n居民1.2万户\n市住建局\n市财政局\n2023年11月底\n"
                "2\n新建燃气管网60公里\n市住建局\n市城管局\n2023年10月底\n"
                "3\n实施道路改造，改造\n主次干道12条，新增泊位\n3000个\n市城管局\n市公安局\n2023年12月底\n"
                "海城市人民政府办公室\n")
    t = _tasks(doc)
    assert sorted(t) == ["1", "2", "3"]
    assert t["1"]["text"] == "完成老旧小区改造156个,惠及居民1.2万户"
    assert t["3"]["text"].endswith("新增泊位3000个")
    assert (t["1"]["lead_agencies"], t["1"]["assisting_units"], t["1"]["deadline_date"]) == (
        ["海城市住房和城乡建设局"], ["海城市财政局"], "2023-11-30")
    assert (t["3"]["lead_agencies"], t["3"]["assisting_units"], t["3"]["deadline_date"]) == (
        ["海城市城市管理综合行政执法局"], ["海城市公安局"], "2023-12-31")


def test_a_list_ending_in_a_comma_goes_on_on_the_next_line():
    doc = _load(HEAD + "1.引进亿元以上项目150个。\n牵头领导：常务副市长曾志刚、副市长温晓雯\n牵头单位：市商务局\n"
                "责任单位：市发改局、市科技局、\n市自然资源局、海城经济开发区管委会，各镇人民政府（街道办事处）。\n"
                "完成时限：2023年12月底\n"
                "2.开展招商活动。\n牵头单位：市商务局\n责任单位：市财政局，\n各镇人民政府（街道办事处）。\n完成时限：2023年11月底\n"
                "3.推进改革。\n牵头单位：市司法局\n责任单位：市财政局，\n各单位要高度重视。严格落实。\n")
    f = _facts(doc)
    assert {("ASSISTS", "海城市自然资源局", "1"), ("ASSISTS", "各镇人民政府(街道办事处)", "1"),
            ("ASSISTS", "各镇人民政府(街道办事处)", "2"), ("LEADS", "曾志刚", "1"), ("LEADS", "温晓雯", "1")} <= f
    t = _tasks(doc)
    assert (t["1"]["deadline_date"], t["2"]["deadline_date"]) == ("2023-12-31", "2023-11-30")
    assert t["3"]["assisting_units"] == ["海城市财政局"]         # a sentence after it is no part of the list


def test_unit_headers_and_labels_with_their_level_in_front():
    doc = _load(HEAD + "序号 | 重点任务 | 责任市领导 | 市级牵头部门 | 市级配合部门 | 完成时限\n"
                "1 | 推进户籍制度改革 | 何建新 | 市公安局 | 市发改局，各镇街 | 2023年12月底\n"
                "2.建设示范村。\n区级牵头部门：市农业农村局\n区级配合部门：市财政局\n")
    assert _facts(doc) == {("LEADS", "何建新", "1"), ("LEADS", "海城市公安局", "1"),
                           ("ASSISTS", "海城市发展和改革局", "1"), ("ASSISTS", "各镇街", "1"),
                           ("LEADS", "海城市农业农村局", "2"), ("ASSISTS", "海城市财政局", "2")}


def test_a_field_column_quarter_columns_and_a_joined_task_header():
    # 上海 tables: 领域 printed on the first row of its block only (the rows under it leave the
    # merged cell out), the task cell headed "目标任务和工作要求", four quarter columns of milestones
    doc = _load(HEAD + "领域 | 序号 | 重要项目 | 目标任务和工作要求 | 主责部门 | 配合部门 | 第一季度 | 第二季度 | 第三季度 | 第四季度\n"
                "一、经济发展 | 1 | 稳增长 | 区级财政收入增长3%。 | 市发改局 | 市财政局 | 制定方案 | 推进 | 评估 | 完成\n"
                " | 2 | 招商 | 引进项目10个。 | 市商务局 | 市财政局 | 梳理 | 对接 | 签约 | 完成\n"
                "二、城市建设 | 3 | 绿化 | 新建绿地5公顷。 | 市住建局 |  | 方案 | 开工 | 建成2座 | 全部建成\n")
    assert _facts(doc) == {("LEADS", "海城市发展和改革局", "1"), ("ASSISTS", "海城市财政局", "1"),
                           ("LEADS", "海城市商务局", "2"), ("ASSISTS", "海城市财政局", "2"),
                           ("LEADS", "海城市住房和城乡建设局", "3")}
    t = _tasks(doc)
    assert (t["1"]["section"], t["2"]["section"], t["3"]["section"]) == ("一、经济发展", "一、经济发展", "二、城市建设")
    assert t["2"]["text"] == "招商 引进项目10个。"
    assert all(t[k]["deadline_date"] is None for k in t)        # quarter milestones are no deadline
