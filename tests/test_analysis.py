"""The analyses on small synthetic graphs whose answers were worked out by hand.

The synthetic corpus (also used by the CLI and differential tests):

* D1 甲发〔2020〕1号 (2020-01-01): t1 建设城东污水处理厂 — 财政局 and 住建局 lead, 环保局 assists,
  王威 leads, deadline 2020-12-31; t2 完善制度 — only 各有关部门 assist; t5 统筹推进项目 —
  财政局 leads, 住建局 assists.
* D2 (2021-06-01): t3 推进城东污水处理厂提标改造 — 环保局 leads, 财政局 assists;
  t6 统筹推进项目。 — 住建局 leads, 财政局 assists.
* D3 (2015, repealed): t4 加强财政管理 — 住建局 leads.
* D5 (2016): 盘山县 receives 行政许可甲 from 盘锦市 (stated); 县住建局 from 盘山县 (inferred);
  盘山县 HOLDS 行政许可甲 (category 行政许可).
"""
from __future__ import annotations

import random

import networkx as nx
import pytest

from graph.analysis import (as_of, centrality, chains, co_leads, communities, diff, duty_gaps, gaps, neighbours,
                            overlap_matrix, resolve, role_flips, same_matter, shortest_path, top_officials,
                            unheld_grants, workload)
from graph.analysis.common import sort_rows
from graph.analysis.overlaps import matter_terms
from graph.errors import QueryError, UnknownName
from graph.netx import to_networkx
from graph.records import DocumentGraph, Edge, Evidence, Mention, Node
from graph.stores import SQLiteStore

DOCS = {
    "doc-1": {"title": "甲方案", "doc_number": "甲发〔2020〕1号", "date_written": "2020-01-01", "status": "in force"},
    "doc-2": {"title": "乙方案", "date_written": "2021-06-01", "status": "in force"},
    "doc-3": {"title": "丙意见", "date_written": "2015-03-01", "status": "repealed"},
    "doc-5": {"title": "丁实施方案", "doc_number": "盘县政办发〔2016〕1号", "date_written": "2016-09-09", "status": "in force"},
}
NODES = {  # id: (label, name, properties)
    "agency-a": ("Agency", "财政局", {"jurisdiction": "某市", "collective": False}),
    "agency-b": ("Agency", "住建局", {"jurisdiction": "某市", "collective": False}),
    "agency-c": ("Agency", "环保局", {"jurisdiction": "某市", "collective": False}),
    "agency-x": ("Agency", "各有关部门", {"jurisdiction": "某市", "collective": True}),
    "agency-k": ("Agency", "县住建局", {"jurisdiction": "盘山县", "collective": False}),
    "official-1": ("Official", "王威", {"jurisdiction": "某市", "titles": ["副市长"]}),
    "jur-1": ("Jurisdiction", "盘锦市", {"level": "市"}),
    "jur-2": ("Jurisdiction", "盘山县", {"level": "县"}),
    "power-1": ("Power", "行政许可甲", {"category": "行政许可", "is_category": False}),
    "power-c": ("Power", "行政许可", {"is_category": True}),
}
DUTIES = {  # id: (doc, number, text, deadline_date)
    "duty-1": ("doc-1", "1", "建设城东污水处理厂", "2020-12-31"),
    "duty-2": ("doc-1", "2", "完善制度", None),
    "duty-5": ("doc-1", "3", "统筹推进项目", None),
    "duty-3": ("doc-2", "1", "推进城东污水处理厂提标改造", None),
    "duty-6": ("doc-2", "2", "统筹推进项目。", None),
    "duty-4": ("doc-3", "1", "加强财政管理", None),
}
ASSIGN = [  # (type, source, duty)
    ("LEADS", "agency-a", "duty-1"), ("LEADS", "agency-b", "duty-1"), ("ASSISTS", "agency-c", "duty-1"),
    ("LEADS", "official-1", "duty-1"), ("ASSISTS", "agency-x", "duty-2"),
    ("LEADS", "agency-a", "duty-5"), ("ASSISTS", "agency-b", "duty-5"),
    ("LEADS", "agency-c", "duty-3"), ("ASSISTS", "agency-a", "duty-3"),
    ("LEADS", "agency-b", "duty-6"), ("ASSISTS", "agency-a", "duty-6"),
    ("LEADS", "agency-b", "duty-4"),
]
OTHER = [  # (type, source, target, properties, doc)
    ("DELEGATED_FROM", "jur-2", "jur-1", {"power": "行政许可甲", "inferred": False, "method": "stated"}, "doc-5"),
    ("DELEGATED_FROM", "agency-k", "jur-2", {"power": "行政许可甲", "inferred": True, "method": "receiving department"}, "doc-5"),
    ("HOLDS", "jur-2", "power-1", {}, "doc-5"),
]


EXTRA = {"doc-5": ["power-1", "power-c"]}  # nodes a document names without an edge


def build_docs(docs=DOCS, nodes=NODES, duties=DUTIES, assign=ASSIGN, other=OTHER, extra=EXTRA) -> list[DocumentGraph]:
    """One DocumentGraph per document: the nodes it mentions, the edges it states."""
    out = []
    for doc, props in sorted(docs.items()):
        ns: dict[str, Node] = {}
        es: list[Edge] = []

        def add(nid: str, line: int, text: str) -> None:
            if nid in ns:
                return
            if nid in nodes:
                label, name, p = nodes[nid]
            else:
                d, number, dtext, dl = duties[nid]
                label, name = "Duty", dtext.rstrip("。")
                p = {"document": d, "number": number, "text": dtext}
                if dl:
                    p.update(deadline=dl[:4] + "年底前", deadline_date=dl)
            ns[nid] = Node(nid, label, name, p, (Mention(doc, line, text or name),))

        ns[doc] = Node(doc, "Document", props["title"], {**props, "loaded": True, "kind": "test"},
                       (Mention(doc, 1, props["title"]),))
        for type_, src, duty in assign:
            if duties[duty][0] != doc:
                continue
            line, text = 10 + int(duties[duty][1]), duties[duty][2] + "(" + nodes[src][1] + ")"
            add(duty, line, duties[duty][2])
            add(src, line, nodes[src][1])
            es.append(Edge(f"{type_.lower()}-{src}-{duty}", type_, src, duty, {}, (Evidence(doc, line, text),)))
        for i, (type_, src, dst, p, d) in enumerate(other):
            if d != doc:
                continue
            line = 30 + i
            add(src, line, "")
            add(dst, line, "")
            es.append(Edge(f"{type_.lower()}-{src}-{dst}", type_, src, dst, p,
                           (Evidence(doc, line, f"{nodes[src][1]}承接{nodes[dst][1]}{p.get('power', '')}"),)))
        for j, nid in enumerate((extra or {}).get(doc, [])):
            add(nid, 50 + j, "")
        out.append(DocumentGraph(doc, f"{doc}.txt", list(ns.values()), es))
    return out


def load_into(store, docs: list[DocumentGraph]) -> None:
    for d in docs:
        store.load([d], d.source_file)


@pytest.fixture()
def G() -> nx.MultiDiGraph:
    st = SQLiteStore(":memory:")
    load_into(st, build_docs())
    return to_networkx(st.nodes(), st.edges())


# -- overlaps ---------------------------------------------------------------------------------------
def test_co_leads(G):
    rows = co_leads(G)
    assert [(r["duty"], r["leads"], r["n_leads"]) for r in rows] == [("建设城东污水处理厂", "住建局、财政局", 2)]
    assert rows[0]["document"] == "甲发〔2020〕1号" and rows[0]["line"] == 11
    assert rows[0]["text"] in ("建设城东污水处理厂(住建局)", "建设城东污水处理厂(财政局)")


def test_same_matter_explains_the_match(G):
    rows = same_matter(G)
    got = {(r["duty_a"], r["duty_b"]): r for r in rows}
    assert set(got) == {("建设城东污水处理厂", "推进城东污水处理厂提标改造"), ("统筹推进项目", "统筹推进项目")}
    assert got[("建设城东污水处理厂", "推进城东污水处理厂提标改造")]["why"] == "both name 城东污水处理厂"
    assert got[("统筹推进项目", "统筹推进项目")]["why"] == "100% of the wording alike"
    r = got[("建设城东污水处理厂", "推进城东污水处理厂提标改造")]
    assert (r["holders_a"], r["holders_b"], r["a_document"], r["b_document"]) == ("住建局、财政局", "环保局", "甲发〔2020〕1号", "乙方案")


def test_matter_terms():
    assert "城东污水处理厂" in matter_terms("建设城东污水处理厂。")
    assert "污水处理厂" in matter_terms("污水处理厂")
    assert not any(len(t) < 4 for t in matter_terms("建设水厂和泵站"))


def test_role_flips(G):
    rows = role_flips(G)
    got = sorted((r["agency_a"], r["agency_b"], r["x_document"], r["y_document"]) for r in rows)
    # 财政局 leads t1 (环保局 assists) in D1, 环保局 leads t3 (财政局 assists) in D2;
    # 财政局 leads t5 (住建局 assists) in D1, 住建局 leads t6 (财政局 assists) in D2.
    assert sorted((tuple(sorted(g[:2])), g[2], g[3]) for g in got) == [
        (("住建局", "财政局"), "甲发〔2020〕1号", "乙方案"),
        (("环保局", "财政局"), "甲发〔2020〕1号", "乙方案"),
    ] or sorted((tuple(sorted(g[:2])), tuple(sorted(g[2:]))) for g in got) == [
        (("住建局", "财政局"), ("乙方案", "甲发〔2020〕1号")),
        (("环保局", "财政局"), ("乙方案", "甲发〔2020〕1号")),
    ]
    assert len(rows) == 2


def test_overlap_matrix(G):
    rows = {(r["agency_a"], r["agency_b"]): (r["shared"], r["both_lead"], r["documents"]) for r in overlap_matrix(G)}
    assert rows == {("住建局", "财政局"): (3, 1, 2), ("环保局", "财政局"): (2, 0, 2), ("住建局", "环保局"): (1, 0, 1)}
    assert [r["shared"] for r in overlap_matrix(G)] == [3, 2, 1]
    assert len(overlap_matrix(G, include_collective=True)) == 3  # 各有关部门 shares nothing


# -- gaps ---------------------------------------------------------------------------------------------
def test_duty_gaps_as_of(G):
    rows = duty_gaps(G, as_of="2021-01-01")
    got = sorted((r["gap"], r["duty"]) for r in rows)
    assert got == [("no_deadline", "完善制度"), ("no_deadline", "统筹推进项目"), ("no_lead", "完善制度"),
                   ("no_official", "完善制度"), ("no_official", "统筹推进项目"), ("only_collective", "完善制度"),
                   ("overdue", "建设城东污水处理厂")]
    overdue = [r for r in rows if r["gap"] == "overdue"][0]
    assert overdue["what"] == "deadline 2020-12-31 passed as of 2021-01-01"
    assert overdue["document"] == "甲发〔2020〕1号" and overdue["line"] == 11


def test_duty_gaps_before_the_deadline(G):
    assert "overdue" not in {r["gap"] for r in duty_gaps(G, as_of="2020-06-30")}
    # without as_of every document counts, the repealed one too: t4 has a lead, so no new gap
    assert {r["duty"] for r in duty_gaps(G, as_of=None, kinds=["no_lead"])} == {"完善制度"}


def test_unheld_grants_and_gaps(G):
    rows = unheld_grants(G)
    assert [(r["granter"], r["receiver"], r["power"]) for r in rows] == [("盘锦市", "盘山县", "行政许可甲")]
    assert rows[0]["document"] == "盘县政办发〔2016〕1号"
    kinds = {r["gap"] for r in gaps(G, "2021-01-01")}
    assert kinds == {"no_deadline", "no_lead", "no_official", "only_collective", "overdue", "unheld_grant"}


def test_bad_gap_kind(G):
    with pytest.raises(QueryError):
        duty_gaps(G, kinds=["nope"])


# -- chains ---------------------------------------------------------------------------------------------
def test_chain_down_from_a_jurisdiction(G):
    rows = chains(G, "jur-1", "down", 5)
    assert [(r["hop"], r["granter"], r["receiver"], r["stated"], r["granter_holds"]) for r in rows] == [
        (1, "盘锦市", "盘山县", "stated", False), (2, "盘山县", "县住建局", "inferred", True)]
    assert rows[0]["flag"] == "granting body not shown holding this power" and rows[1]["flag"] == ""
    assert rows[0]["doc_number"] == "盘县政办发〔2016〕1号" and rows[0]["date"] == "2016-09-09"
    assert len(chains(G, "jur-1", "down", 1)) == 1


def test_chain_up_and_from_a_category(G):
    up = chains(G, "agency-k", "up", 5)
    assert [(r["hop"], r["granter"]) for r in up] == [(1, "盘山县"), (2, "盘锦市")]
    cat = chains(G, "power-c")
    assert [(r["hop"], r["receiver"]) for r in cat] == [(1, "盘山县"), (2, "县住建局")]
    both = chains(G, "jur-2", "both", 1)
    assert sorted((r["direction"], r["receiver"]) for r in both) == [("down", "县住建局"), ("up", "盘山县")]
    with pytest.raises(QueryError):
        chains(G, "jur-1", "sideways")


# -- workload ---------------------------------------------------------------------------------------------
def test_workload(G):
    rows = {r["name"]: (r["led"], r["assisted"], r["total"]) for r in workload(G)}
    assert rows == {"财政局": (2, 2, 4), "住建局": (3, 1, 4), "环保局": (1, 1, 2), "王威": (1, 0, 1)}
    by_doc = {(r["name"], r["document"]): r["total"] for r in workload(G, by="document")}
    assert by_doc[("住建局", "丙意见")] == 1 and by_doc[("财政局", "甲发〔2020〕1号")] == 2
    by_year = {(r["name"], r["year"]): r["total"] for r in workload(G, by="year")}
    assert by_year[("王威", "2020")] == 1 and by_year[("财政局", "")] == 3
    assert {r["name"] for r in workload(G, include_collective=True)} >= {"各有关部门"}


def test_top_officials(G):
    assert [(r["official"], r["led"], r["tasks_in_document"], r["share"]) for r in top_officials(G)] == [
        ("王威", 1, 3, 0.3333)]


def test_centrality_and_communities(G):
    rows = centrality(G)
    # the coordination network is a triangle 财政局–住建局–环保局: all alike
    assert {r["agency"] for r in rows} == {"财政局", "住建局", "环保局"}
    assert all(r["degree"] == 1.0 and r["betweenness"] == 0.0 for r in rows)
    assert {r["agency"]: r["shared_tasks"] for r in rows} == {"财政局": 5, "住建局": 4, "环保局": 3}
    com = communities(G)
    assert {r["agency"] for r in com} == {"财政局", "住建局", "环保局"}
    assert communities(G, method="greedy")[0]["community"] == 0


def test_betweenness_is_sampled_past_the_threshold():
    st = SQLiteStore(":memory:")
    load_into(st, generated_docs())
    G = to_networkx(st.nodes(), st.edges())
    exact = centrality(G)
    sampled = centrality(G, k_sample_above=3)
    assert not exact[0]["sampled"] and all(r["sampled"] for r in sampled)
    assert sampled == centrality(G, k_sample_above=3)  # seeded: the same every time
    assert {r["agency"] for r in sampled} == {r["agency"] for r in exact}


def test_betweenness_of_a_star():
    nodes = [Node(f"a{i}", "Agency", f"局{i}", {}, (Mention("d", 1, f"局{i}"),)) for i in range(4)]
    duties = [Node(f"t{i}", "Duty", f"任务{i}", {"document": "d", "text": "x"}, (Mention("d", 1, "x"),)) for i in range(3)]
    edges = [Edge(f"e{i}{j}", "LEADS", a, f"t{i}", {}, (Evidence("d", 1, "x"),))
             for i in range(3) for j, a in enumerate(["a0", f"a{i + 1}"])]
    rows = {r["agency"]: r["betweenness"] for r in centrality(to_networkx(nodes + duties, edges))}
    assert rows["局0"] == 1.0 and rows["局1"] == 0.0


# -- paths ---------------------------------------------------------------------------------------------------
def test_shortest_path(G):
    rows = shortest_path(G, "agency-a", "agency-c")
    assert [(r["name"], r["edge"], r["direction"]) for r in rows] == [
        ("财政局", "LEADS", "→"), ("建设城东污水处理厂", "ASSISTS", "←"), ("环保局", "", "")]
    assert rows[0]["line"] == 11
    with pytest.raises(QueryError):
        shortest_path(G, "agency-a", "jur-1")


def test_neighbours(G):
    assert [(r["distance"], r["name"]) for r in neighbours(G, "agency-b", 1)] == [
        (1, "加强财政管理"), (1, "建设城东污水处理厂"), (1, "统筹推进项目"), (1, "统筹推进项目")]
    two = neighbours(G, "agency-b", 2)
    assert {r["name"] for r in two if r["distance"] == 2} == {"财政局", "环保局", "王威"}


# -- timeline -----------------------------------------------------------------------------------------------
def test_as_of_drops_repealed_and_later_documents(G):
    H = as_of(G, "2021-01-01")
    assert {n for n, d in H.nodes(data=True) if d["label"] == "Duty"} == {"duty-1", "duty-2", "duty-5"}
    assert "doc-3" in H  # Document nodes stay for citations
    H2 = as_of(G, "2022-01-01")
    assert {n for n, d in H2.nodes(data=True) if d["label"] == "Duty"} == {"duty-1", "duty-2", "duty-3", "duty-5", "duty-6"}
    with pytest.raises(QueryError):
        as_of(G, "2021/01/01")


def test_diff_documents(G):
    rows = diff(G, "甲发〔2020〕1号", "乙方案")
    got = sorted((r["change"], r["duty"], r["who"], r["detail"]) for r in rows)
    assert got == [("duty added", "推进城东污水处理厂提标改造", "", ""),
                   ("duty removed", "完善制度", "", ""), ("duty removed", "建设城东污水处理厂", "", ""),
                   ("role flip", "统筹推进项目", "住建局", "ASSISTS → LEADS"),
                   ("role flip", "统筹推进项目", "财政局", "LEADS → ASSISTS")]
    flip = [r for r in rows if r["who"] == "住建局"][0]
    assert flip["document"] == "乙方案"


def test_diff_dates(G):
    rows = diff(G, "2020-06-01", "2022-01-01")
    assert sorted((r["change"], r["duty"]) for r in rows if r["change"].startswith("duty")) == [
        ("duty added", "推进城东污水处理厂提标改造")]
    # 统筹推进项目 is in both graphs (D1's wording); D2 adds the same task with roles swapped
    assert {r["change"] for r in rows} == {"duty added"}


# -- names --------------------------------------------------------------------------------------------------
def test_resolve_names(G):
    assert resolve(G, "财政局") == "agency-a"
    assert resolve(G, "王 威") == "official-1"  # a stray space as printed
    assert resolve(G, "甲发〔2020〕1号") == "doc-1"
    with pytest.raises(UnknownName) as e:
        resolve(G, "财政厅")
    assert "财政局" in e.value.suggestions
    assert "did you mean" in str(e.value)


def test_resolve_through_alias_table():
    nodes = [Node("n1", "Agency", "海城市住房和城乡建设局", {"jurisdiction": "海城市"},
                  (Mention("d", 1, "市住房和城乡建设局"),))]
    G = to_networkx(nodes, [])
    assert resolve(G, "市住建局") == "n1"
    assert resolve(G, "海城市住房城乡建设局") == "n1"


def test_rows_are_sorted_deterministically():
    rows = [{"a": 2, "b": "x"}, {"a": 10, "b": "y"}, {"a": None, "b": "z"}]
    assert [r["a"] for r in sort_rows(rows, ["-a"])] == [10, 2, None] or [r["a"] for r in sort_rows(rows, ["-a"])] == [None, 10, 2]
    assert [r["a"] for r in sort_rows(rows, ["a"])] == [None, 2, 10]


# -- a generated corpus (used by the differential test too) ------------------------------------------------
def generated_docs(n_docs: int = 6, n_agencies: int = 12, n_duties: int = 15, seed: int = 3) -> list[DocumentGraph]:
    """Random but reproducible documents with leads, assists, officials, deadlines, delegations."""
    rnd = random.Random(seed)
    docs = {f"gdoc-{i}": {"title": f"生成文件{i}", "date_written": f"20{10 + i:02d}-0{1 + i % 9}-15",
                          "status": "repealed" if i % 4 == 3 else "in force",
                          **({"doc_number": f"生发〔20{10 + i}〕{i}号"} if i % 2 else {})} for i in range(n_docs)}
    objects = ["污水处理厂", "垃圾中转站", "西防波堤", "30万吨码头", "政务服务大厅", "体育公园"]
    nodes = {f"gag-{i}": ("Agency", f"生成局{i:02d}", {"jurisdiction": "生成市", "collective": i == 0}) for i in range(n_agencies)}
    nodes.update({f"gof-{i}": ("Official", f"官员{i}", {"jurisdiction": "生成市", "titles": ["副市长"]}) for i in range(3)})
    nodes.update({"gj-1": ("Jurisdiction", "生成市", {"level": "市"}), "gj-2": ("Jurisdiction", "生成县", {"level": "县"}),
                  "gp-c": ("Power", "行政处罚", {"is_category": True}),
                  "gp-1": ("Power", "罚款权", {"category": "行政处罚", "is_category": False})})
    duties, assign, other = {}, [], []
    for i, doc in enumerate(docs):
        for j in range(n_duties):
            did = f"gduty-{i}-{j:02d}"
            text = f"推进{rnd.choice(objects)}建设第{rnd.randint(1, 8)}项" if rnd.random() < 0.5 else f"开展工作{i}-{j}"
            deadline = f"20{rnd.randint(12, 30)}-12-31" if (i % 2 == 0 and rnd.random() < 0.6) else None
            duties[did] = (doc, str(j + 1), text, deadline)
            for a in rnd.sample(range(n_agencies), rnd.randint(0, 4)):
                assign.append(("LEADS" if rnd.random() < 0.4 else "ASSISTS", f"gag-{a}", did))
            if i % 3 == 0 and rnd.random() < 0.5:
                assign.append(("LEADS", f"gof-{rnd.randrange(3)}", did))
    for k in range(4):
        other.append(("DELEGATED_FROM", f"gag-{k + 1}", "gj-2", {"power": "罚款权", "inferred": k % 2 == 1, "method": "m"}, "gdoc-1"))
    other.append(("DELEGATED_FROM", "gj-2", "gj-1", {"power": "罚款权", "inferred": False, "method": "stated"}, "gdoc-1"))
    other.append(("HOLDS", "gj-1", "gp-c", {}, "gdoc-1"))
    return build_docs(docs, nodes, duties, assign, other, {"gdoc-1": ["gp-1", "gp-c"]})


def test_generated_corpus_loads_and_answers():
    st = SQLiteStore(":memory:")
    load_into(st, generated_docs())
    G = to_networkx(st.nodes(), st.edges())
    assert co_leads(G) and overlap_matrix(G) and workload(G)
    assert [r["granter_holds"] for r in chains(G, "gj-1") if r["hop"] == 1] == [True]
    assert len(unheld_grants(G)) == 4
