"""The duty-division loader: seed 000 (盘锦市 / 辽东湾新区, 盘政发〔2014〕31号) against
tests/expected/000.json (written by hand from the document), and synthetic
texts in other provinces' styles."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from loaders.base import detect, load_file, load_source
from loaders.kinds.duty_division import assisting_lists, body_heading, find_division_projects, find_powers
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
    # principles (二.1-4) and requirements (四.(一)-(五)) are not duties of a body
    assert not any(d["number"].startswith(("二.", "四.")) for d in duties)
    assert all(len(d["leads"]) >= 1 for d in duties)


def test_blocks_match_expected(seed):
    _, duties, _, _ = _facts(seed)
    by_section: dict[str, list[dict]] = {}
    for d in duties:
        by_section.setdefault(d["section"], []).append(d)
    assert len(by_section) == len(EXPECTED["blocks"])
    for blk in EXPECTED["blocks"]:
        got = by_section.get(blk["section"])
        assert got, f"no duties for block {blk['section']}"
        generals = [d for d in got if d["general"]]
        numbered = [d["number"] for d in got if not d["general"]]
        assert numbered == blk["duties"], blk["section"]
        helps = blk.get("helps", {})
        if blk["general"] is None:
            assert generals == [], blk["section"]
        else:
            assert len(generals) == 1, blk["section"]
            g = generals[0]
            assert g["text"].startswith(blk["general"]), (blk["section"], g["text"])
            assert g["number"] == blk["general_number"]
            if g["number"] not in helps:
                assert blk["agency"] in g["leads"]
                assert sorted(blk.get("assists", [])) == g["assists"], blk["section"]
            for other in blk.get("also_leads", []):
                assert other in g["leads"]
        for d in got:
            h = helps.get(d["number"])
            if h:
                # "配合/协助X做好…": X does the work, the block's body helps
                assert h["helped"] in d["leads"] and d["assists"] == [blk["agency"]], d
                assert (blk["agency"] in d["leads"]) is not h["only"], d
                continue
            assert blk["agency"] in d["leads"], (blk["section"], d["number"])
            if not d["general"]:
                assert d["leads"] == [blk["agency"]]
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
    docs = load_source(src, kind)
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
        _, docs = load_file(f, kind="duty_division")
        assert not any(n.label == "Duty" for n in docs[0].nodes), f.name
        assert any("no body's block" in w for w in docs[0].warnings), f.name


def test_seed_cut_anywhere_never_crashes():
    from graph.errors import LoadError

    text = F000.read_text(encoding="utf-8")
    counts = []
    for cut in range(300, len(text), 131):
        try:
            doc = load_source(read_text(text[:cut], "cut.txt"), "duty_division")[0]
        except LoadError:
            continue
        counts.append(sum(1 for n in doc.nodes if n.label == "Duty" and not n.properties.get("general")))
    assert counts == sorted(counts) and counts[-1] <= 131
