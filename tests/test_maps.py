"""HTML maps without a browser: offline, escaped, budgeted, legend from the
schema, build_maps output. Browser checks are in test_maps_browser.py."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph import maps
from graph.cli import cli
from graph.errors import QueryError, StoreError, UnknownName
from graph.export import read_json
from graph.records import Edge, Evidence, Mention, Node, edge_id, node_id
from graph.schema import SCHEMA

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "liaoning"
PAYLOAD = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'

REMOTE = re.compile(r"""(?:\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//)|url\(\s*["']?\s*(?:https?:)?//|@import""",
                    re.I)


def _data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="gg-data">(.*?)</script>', page, re.S)
    assert m, "no embedded data"
    return json.loads(m.group(1))


def _outside_data(page: str) -> str:
    return re.sub(r'<script type="application/json" id="gg-data">.*?</script>', "", page, flags=re.S)


def evil_graph():
    """A small graph whose names and evidence carry HTML/JS, one repealed document."""
    doc, old = node_id("Document", "d1"), node_id("Document", "d0")
    a = node_id("Agency", "x" + PAYLOAD)
    b = node_id("Agency", "市住房和城乡建设局")
    t = node_id("Duty", "d1", "1", "t")
    nodes = [
        Node(doc, "Document", "新文件" + PAYLOAD, {"title": "新文件" + PAYLOAD, "doc_number": "海政发〔2023〕1号",
                                                   "status": "in force", "loaded": True, "source_file": "d1.txt"},
             (Mention(doc, 1, "新文件"),)),
        Node(old, "Document", "旧文件", {"title": "旧文件", "status": "repealed", "loaded": True, "source_file": "d0.txt"},
             (Mention(old, 1, "旧文件"),)),
        Node(a, "Agency", "市局" + PAYLOAD, {"jurisdiction": "海城市"}, (Mention(doc, 3, "市局" + PAYLOAD),)),
        Node(b, "Agency", "市住房和城乡建设局", {"jurisdiction": "海城市"},
             (Mention(doc, 4, "市住建局"), Mention(old, 7, "市住房和城乡建设局"))),
        Node(t, "Duty", "改造老旧小区", {"text": "改造老旧小区" + PAYLOAD, "document": doc, "number": "1"},
             (Mention(doc, 2, "1.改造老旧小区"),)),
    ]
    edges = [
        Edge(edge_id("LEADS", a, t), "LEADS", a, t, {"role": "牵头单位"},
             (Evidence(doc, 3, "牵头单位:市局" + PAYLOAD),)),
        Edge(edge_id("ASSISTS", b, t), "ASSISTS", b, t, {"role": "责任单位"},
             (Evidence(old, 7, "责任单位:市住房和城乡建设局(旧)"),)),
        Edge(edge_id("LISTED_IN", t, doc), "LISTED_IN", t, doc, {}, (Evidence(doc, 2, "1.改造老旧小区"),)),
    ]
    return nodes, edges


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample")
    r = CliRunner().invoke(cli, ["build", str(SAMPLE), "-o", str(out), "--no-maps", "-q"])
    assert r.exit_code == 0, r.output
    nodes, edges = read_json(out / "graph.json")
    return out, nodes, edges


def test_no_remote_urls_and_utf8(tmp_path):
    nodes, edges = evil_graph()
    p = maps.write_map(tmp_path / "m.html", nodes, edges, "测试 test")
    raw = p.read_bytes()
    page = raw.decode("utf-8")  # written as UTF-8 whatever the locale
    assert '<meta charset="utf-8">' in page
    assert "测试" in page and "住房和城乡建设局" in page
    assert not REMOTE.search(page), REMOTE.search(page)
    for attr in re.findall(r"""\b(?:src|href)\s*=\s*["']?([^"'\s>]+)""", _outside_data(page), re.I):
        assert not attr.lower().startswith(("http:", "https:", "//")), attr
    assert "cdn" not in page.lower().replace("cdn_resources", "")
    assert "default-src 'none'" in page.replace("&#x27;", "'")


def test_data_escaped_and_never_raw(tmp_path):
    nodes, edges = evil_graph()
    page = maps.render_map(nodes, edges, "标题" + PAYLOAD)
    # only two executable scripts (vis-network and ours) and the JSON block
    assert len(re.findall(r"^<script\b", page, re.M)) == 3
    import html

    assert "__pwned" not in _outside_data(page).replace(html.escape(PAYLOAD), "")  # only escaped in the title
    assert "<script>window.__pwned" not in page and "<img src=x" not in page
    block = re.search(r'id="gg-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in block and ">" not in block and "&" not in block
    assert "\\u003cscript\\u003ewindow.__pwned=1\\u003c/script\\u003e" in block
    data = _data(page)
    assert any(PAYLOAD in n["name"] for n in data["info"]["nodes"].values())  # text kept as printed
    assert PAYLOAD in "".join(data["info"]["texts"])
    # the page script never writes data as HTML
    assert "innerHTML" not in maps._JS and "insertAdjacentHTML" not in maps._JS and "document.write" not in maps._JS
    assert "<title>标题&lt;script&gt;" in page  # the title, escaped by html.escape


def test_legend_lists_schema_kinds_and_repealed():
    nodes, edges = evil_graph()
    page = maps.render_map(nodes, edges, "t")
    legend = re.search(r'<nav id="gg-legend">(.*?)</nav>', page, re.S).group(1)
    for name, kind in SCHEMA.nodes.items():
        assert f'data-what="node" data-kind="{name}"' in legend and kind.zh in legend and name in legend
    for name, kind in SCHEMA.edges.items():
        assert f'data-what="edge" data-kind="{name}"' in legend and kind.zh in legend
    assert 'data-what="repealed"' in legend and "废止" in legend
    data = _data(page)
    groups = data["vis"]["options"]["groups"]
    for name, kind in SCHEMA.nodes.items():
        assert groups[name]["shape"] == kind.style["shape"]
        assert groups[name]["color"]["background"] == kind.style["color"]


def test_repealed_edges_drawn_differently():
    nodes, edges = evil_graph()
    data = _data(maps.render_map(nodes, edges, "t"))
    by_kind = {e["kind"]: e for e in data["vis"]["edges"]}
    assert by_kind["ASSISTS"]["repealed"] is True  # evidence only from the repealed 旧文件
    assert by_kind["ASSISTS"]["color"] == maps.REPEALED_STYLE["color"]
    assert by_kind["ASSISTS"]["dashes"] == maps.REPEALED_STYLE["dashes"]
    assert "repealed" not in by_kind["LEADS"] and by_kind["LEADS"]["color"] == SCHEMA.edges["LEADS"].style["color"]
    assert "dashes" not in by_kind["LEADS"]  # LEADS is solid in the schema
    assert by_kind["LISTED_IN"]["dashes"] is True


def test_budget_banner(sample):
    _, nodes, edges = sample
    page = maps.render_map(nodes, edges, "t", budget=50)
    data = _data(page)
    assert data["counts"]["nodes"] == 50 and data["counts"]["total_nodes"] == len(nodes)
    banner = re.search(r'<div id="gg-banner">(.*?)</div>\n', page, re.S).group(1)
    assert f"省略了 {len(nodes) - 50} 个节点" in banner and "govgraph map --focus NAME" in banner
    kept = {n["id"] for n in data["vis"]["nodes"]}
    assert all(e["from"] in kept and e["to"] in kept for e in data["vis"]["edges"])
    # physics never: positions are always given, so nothing moves after the first draw
    assert data["vis"]["options"]["physics"]["enabled"] is False
    assert all("x" in n and "y" in n for n in data["vis"]["nodes"])
    assert "gg-banner\"></div>" in maps.render_map(nodes, edges, "t")


def test_layout_is_deterministic(sample):
    _, nodes, edges = sample
    assert maps.render_map(nodes, edges, "t") == maps.render_map(nodes, edges, "t")


def test_dense_layout_without_scipy():
    import networkx as nx

    H = nx.path_graph(600)
    pos = maps._fr_dense(nx.relabel_nodes(H, str), seed=1, iterations=5)
    assert len(pos) == 600 and all(abs(x) <= 1.0001 and abs(y) <= 1.0001 for x, y in pos.values())


def test_neighbourhood_by_printed_name():
    nodes, edges = evil_graph()
    n, e = maps.neighbourhood(nodes, edges, "市住建局", depth=1)  # printed form
    assert {x.name for x in n} == {"市住房和城乡建设局", "改造老旧小区"}
    assert [x.type for x in e] == ["ASSISTS"]
    with pytest.raises(UnknownName) as err:
        maps.neighbourhood(nodes, edges, "市住房和城乡建设", depth=1)
    assert "市住房和城乡建设局" in err.value.suggestions
    with pytest.raises(QueryError):
        maps.neighbourhood(nodes, edges, "市住建局", depth=0)
    data = _data(maps.render_map(nodes, edges, "t", focus="市住建局", depth=1))
    assert data["focus"] == nodes[3].id and data["counts"]["nodes"] == 2


def test_document_subgraph(sample):
    _, nodes, edges = sample
    n, e = maps.document_subgraph(nodes, edges, "002_e8b0e201ade5810e.txt")
    docs = [x for x in n if x.label == "Document" and x.properties.get("loaded")]
    assert len(docs) == 1 and docs[0].properties["source_file"].startswith("002_")
    assert e and all(any(ev.doc == docs[0].id for ev in x.evidence) for x in e)
    with pytest.raises(StoreError):
        maps.document_subgraph(nodes, edges, "no-such-document")


def test_overlap_network():
    a, b, c = (node_id("Agency", s) for s in "甲乙丙")
    ts = [node_id("Duty", str(i)) for i in range(3)]
    nodes = [Node(x, "Agency", s, {}, (Mention("d", 1, s),)) for x, s in zip((a, b, c), "甲乙丙")]
    nodes += [Node(t, "Duty", f"任务{i}", {"text": "t", "document": "d"}, (Mention("d", 2, "t"),)) for i, t in enumerate(ts)]
    ev = (Evidence("d", 2, "牵头单位:甲、乙"),)
    edges = [Edge(edge_id("LEADS", a, t), "LEADS", a, t, {}, ev) for t in ts]
    edges += [Edge(edge_id("LEADS", b, t), "LEADS", b, t, {}, ev) for t in ts[:2]]
    edges += [Edge(edge_id("ASSISTS", c, ts[0]), "ASSISTS", c, ts[0], {}, ev)]
    n, e = maps.overlap_network(nodes, edges)
    got = {frozenset((x.source, x.target)): x.properties["shared"] for x in e}
    assert got == {frozenset((a, b)): 2, frozenset((a, c)): 1, frozenset((b, c)): 1}
    ab = next(x for x in e if {x.source, x.target} == {a, b})
    assert ab.properties["both_lead"] == 2 and ab.evidence
    assert {x.label for x in n} == {"Agency"}
    page = maps.render_map(n, e, "o")
    assert "共担任务" in page
    assert _data(page)["vis"]["edges"][0]["label"]


def test_chain_subgraph():
    g, r1, r2 = (node_id("Agency", s) for s in ("盘锦市", "盘山县", "某镇"))
    nodes = [Node(x, "Agency", s, {}, (Mention("d", 1, s),)) for x, s in zip((g, r1, r2), ("盘锦市", "盘山县", "某镇"))]
    ev = (Evidence("d", 3, "赋予盘山县"),)
    edges = [Edge(edge_id("DELEGATED_FROM", r1, g, "许可"), "DELEGATED_FROM", r1, g, {"power": "许可"}, ev),
             Edge(edge_id("DELEGATED_FROM", r2, r1, "许可"), "DELEGATED_FROM", r2, r1, {"power": "许可"}, ev)]
    n, e = maps.chain_subgraph(nodes, edges, "盘锦市", depth=5)
    assert len(n) == 3 and len(e) == 2
    n, e = maps.chain_subgraph(nodes, edges, "盘锦市", depth=1)
    assert len(n) == 2 and len(e) == 1
    nodes.append(Node("agency-x", "Agency", "孤立局", {}, (Mention("d", 9, "孤立局"),)))
    with pytest.raises(QueryError):
        maps.chain_subgraph(nodes, edges, "孤立局")


def test_chain_map_of_a_place_holds_its_departments_grants(sample):
    _, nodes, edges = sample
    n, e = maps.chain_subgraph(nodes, edges, "盘锦市", depth=1)
    names = {x.name for x in n}
    assert {"盘锦市", "盘山县", "盘锦市公安局", "盘山县公安局"} <= names
    dele = [x for x in e if x.type == "DELEGATED_FROM"]
    assert len(dele) == 39  # 10 stated categories 盘山县 → 盘锦市, 29 department pairs
    by_id = {x.id: x.name for x in n}
    assert all(by_id[x.target].startswith("盘锦市") for x in dele)
    assert {x.type for x in e} == {"DELEGATED_FROM", "PART_OF"}


def test_build_maps_writes_index_and_documents(sample):
    out, nodes, edges = sample
    paths = maps.build_maps(nodes, edges, out)
    names = [p.name for p in paths]
    loaded = [n for n in nodes if n.label == "Document" and n.properties.get("loaded")]
    assert names[0] == "index.html" and "overview.html" in names and "overlaps.html" in names
    assert sorted(x for x in names if x.startswith("doc-")) == sorted(f"doc-{i}.html" for i in range(1, len(loaded) + 1))
    index = (out / "maps" / "index.html").read_text(encoding="utf-8")
    for p in paths[1:]:
        assert f'href="{p.name}"' in index  # relative links
        page = p.read_text(encoding="utf-8")
        assert not REMOTE.search(page)
    assert not REMOTE.search(index)
    for view in maps.VIEW_FILES.values():  # the stable names the report links to
        assert view in names and f'href="{view}"' in index
    assert 'href="../report.html"' in index
    overview = _data((out / "maps" / "overview.html").read_text(encoding="utf-8"))
    kinds = {n["kind"] for n in overview["vis"]["nodes"]}
    assert overview["counts"]["nodes"] < 100 and "Duty" not in kinds and "Document" in kinds  # aggregated
    assert "总览已折叠" in (out / "maps" / "overview.html").read_text(encoding="utf-8")


def test_cli_map(sample, tmp_path):
    out, nodes, _ = sample
    store = str(out / "graph.db")
    r = CliRunner().invoke(cli, ["map", "--store", store, "--all", "-o", str(tmp_path / "all.html")])
    assert r.exit_code == 0, r.output
    assert _data((tmp_path / "all.html").read_text(encoding="utf-8"))["counts"]["nodes"] == len(nodes)
    r = CliRunner().invoke(cli, ["map", "--store", store, "-o", str(tmp_path / "ov.html")])
    assert r.exit_code == 0 and _data((tmp_path / "ov.html").read_text(encoding="utf-8"))["counts"]["nodes"] < 100
    agency = next(n.name for n in nodes if n.label == "Agency" and "住房" not in n.name and n.name.startswith("金普"))
    r = CliRunner().invoke(cli, ["map", "--store", store, "--focus", agency, "--depth", "1", "-o", str(tmp_path / "f.html")])
    assert r.exit_code == 0, r.output
    d = _data((tmp_path / "f.html").read_text(encoding="utf-8"))
    assert d["info"]["nodes"][d["focus"]]["name"] == agency and d["counts"]["nodes"] < len(nodes)
    for args in (["--document", "004_52e5f676ec82a240.txt"], ["--overlaps"], ["--budget", "20", "--all"], ["--who"],
                 ["--delegation"], ["--chain", "盘锦市"]):
        r = CliRunner().invoke(cli, ["map", "--store", store, *args, "-o", str(tmp_path / "x.html")])
        assert r.exit_code == 0, (args, r.output)
    r = CliRunner().invoke(cli, ["map", "--store", store, "--focus", "没有这个名字局", "-o", str(tmp_path / "n.html")])
    assert r.exit_code == 1 and "Error: no node is called" in r.output and not (tmp_path / "n.html").exists()
    r = CliRunner().invoke(cli, ["map", "--store", store, "--document", "nope", "-o", str(tmp_path / "n.html")])
    assert r.exit_code == 1 and r.output.startswith("Error: no loaded document matches")
    r = CliRunner().invoke(cli, ["map", "--store", store, "--focus", agency, "--overlaps", "-o", str(tmp_path / "n.html")])
    assert r.exit_code == 2


def test_build_writes_maps(tmp_path):
    r = CliRunner().invoke(cli, ["build", str(SAMPLE / "004_52e5f676ec82a240.txt"), "-o", str(tmp_path), "-q"])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "maps" / "index.html").exists() and (tmp_path / "maps" / "doc-1.html").exists()


# -- the views ---------------------------------------------------------------------------------
def _lab(h: str):
    r, g, b = (int(h[i:i + 2], 16) / 255 for i in (1, 3, 5))
    f = lambda c: c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4  # noqa: E731
    r, g, b = f(r), f(g), f(b)
    x, y, z = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b, \
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    t = lambda v: v ** (1 / 3) if v > 0.008856 else 7.787 * v + 16 / 116  # noqa: E731
    return 116 * t(y) - 16, 500 * (t(x) - t(y)), 200 * (t(y) - t(z))


def test_no_colour_shared_between_node_and_edge_kinds():
    node_colours = {k: v.style["color"] for k, v in SCHEMA.nodes.items()}
    edge_colours = {k: v.style["color"] for k, v in SCHEMA.edges.items()}
    edge_colours.update({k: v["style"]["color"] for k, v in maps.DERIVED_EDGES.items()})
    edge_colours["repealed"] = maps.REPEALED_STYLE["color"]
    for nk, nc in node_colours.items():
        for ek, ec in edge_colours.items():
            d = sum((a - b) ** 2 for a, b in zip(_lab(nc), _lab(ec))) ** 0.5
            assert d >= 25, f"node {nk} {nc} and edge {ek} {ec} look alike (ΔE {d:.0f})"


def test_property_names_in_chinese():
    declared = {p for k in SCHEMA.nodes.values() for p in k.properties} | {p for k in SCHEMA.edges.values() for p in k.properties}
    assert declared == set(SCHEMA.property_zh)
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in v) for v in SCHEMA.property_zh.values())
    nodes, edges = evil_graph()
    data = _data(maps.render_map(nodes, edges, "t"))
    assert data["prop_zh"]["deadline"] == "完成时限" and "merge_notes" in data["hidden_props"]


def test_who_rows(sample):
    from graph.netx import to_networkx

    _, nodes, edges = sample
    G = to_networkx(nodes, edges)
    rows = maps.who_rows(G)
    labels = {n.id: n.label for n in nodes}
    assigned = [e for e in edges if e.type in ("LEADS", "ASSISTS") and labels[e.source] in ("Agency", "Official", "Group")
                and labels[e.target] in ("Duty", "Project")]
    assert len(rows) == len(assigned)
    assert {r["role"] for r in rows} == {"牵头", "配合"}
    with_official = [r for r in rows if r["lead_official"] and r["kind"] == "机构"]
    assert with_official and all(r["line"] and r["document"] for r in rows if r["doc"])
    assert any(r["co_leads"] for r in rows)
    assert max(len(r["text"]) for r in rows) <= 300
    page = maps.render_who(nodes, edges)
    assert not REMOTE.search(page) and page.count("<tr data-i=") == len(rows)


def test_natural_sort_of_task_numbers():
    from graph.maps.page import natural_key

    got = sorted(["96", "三", "1", "21", "85", "9", "二", "5", "十一"], key=natural_key)
    assert got == ["1", "二", "三", "5", "9", "十一", "21", "85", "96"]


def test_matrix_has_the_reports_pairs(sample):
    from graph.analysis.overlaps import overlap_matrix
    from graph.netx import to_networkx

    _, nodes, edges = sample
    G = to_networkx(nodes, edges)
    report = {(r["agency_a"], r["agency_b"]): r["shared"] for r in overlap_matrix(G, min_shared=2)}
    pairs = maps.matrix_pairs(G)
    assert {(p["agency_a"], p["agency_b"]): p["shared"] for p in pairs} == report and report
    assert all(len(p["tasks"]) == p["shared"] for p in pairs)
    assert any(p["both_lead"] for p in pairs)
    page = maps.render_matrix(nodes, edges)
    assert page.count("<td data-p=") == 2 * len(pairs)  # both halves of the matrix
    assert "与报告相同" in page


def test_matrix_escapes_names(tmp_path):
    nodes, edges = evil_graph()
    a = next(n for n in nodes if "市局" in n.name)
    t2 = node_id("Duty", "d1", "2", "t2")
    nodes.append(Node(t2, "Duty", "第二项", {"text": "第二项", "document": nodes[0].id, "number": "2"}, (Mention(nodes[0].id, 5, "2.第二项"),)))
    b = nodes[3]
    edges += [Edge(edge_id("LEADS", a.id, t2), "LEADS", a.id, t2, {}, (Evidence(nodes[0].id, 5, "牵头" + PAYLOAD),)),
              Edge(edge_id("LEADS", b.id, t2), "LEADS", b.id, t2, {}, (Evidence(nodes[0].id, 5, "牵头"),))]
    edges[1] = Edge(edges[1].id, "ASSISTS", b.id, edges[1].target, {}, (Evidence(nodes[0].id, 4, "责任单位"),))
    page = maps.render_matrix(nodes, edges)
    assert "<td data-p=" in page
    assert "<script>window.__pwned" not in page and "<img src=x" not in page


def test_delegation_view_merges_grants_and_marks_inferred(sample):
    from graph.analysis.chains import chains
    from graph.analysis.names import resolve
    from graph.netx import to_networkx

    _, nodes, edges = sample
    v = maps.delegation_view(nodes, edges)
    dele = [e for e in edges if e.type == "DELEGATED_FROM"]
    assert len(v["hops"]) == len(dele) and sum(e.properties["n"] for e in v["edges"]) == len(dele)
    name = {n.id: n.name for n in nodes}
    ten = next(e for e in v["edges"] if name[e.source] == "盘锦市" and name[e.target] == "盘山县")  # granter → receiver
    assert ten.properties["n"] == 10 and v["styles"][ten.id]["label"] == "10 类职权"
    assert not ten.properties.get("inferred") and all(not g["inferred"] for g in ten.properties["grants"])
    inferred = [e for e in v["edges"] if e.properties.get("inferred")]
    assert len(inferred) == 29 and all(v["styles"][e.id]["dashes"] for e in inferred)
    hollow = [k for k, s in v["styles"].items() if "gg" in s]
    assert len(hollow) == 29 and all(name[k].startswith("盘锦市") for k in hollow)
    assert all(v["positions"][e.source][0] < v["positions"][e.target][0] for e in v["edges"])  # left to right
    # one traversal: the chain map draws the hops `govgraph chain` lists
    G = to_networkx(nodes, edges)
    for start, depth in (("盘锦市", 1), ("盘山县", 3), ("行政许可", 5)):
        rows = chains(G, resolve(G, start), "both", depth)
        cv = maps.delegation_view(nodes, edges, start, depth=depth)
        _, ce = maps.chain_subgraph(nodes, edges, start, depth=depth)
        assert rows and len(cv["hops"]) == len([e for e in ce if e.type == "DELEGATED_FROM"])
        assert {(r["granter"], r["receiver"]) for r in rows} == {(name[e.source], name[e.target]) for e in cv["edges"]}
    page = maps.render_delegation(nodes, edges)
    data = _data(page)
    assert any(n.get("inferred") for n in data["info"]["nodes"].values())
    assert "推断" in page


def test_focus_view_lists_tasks_with_co_leads(sample):
    _, nodes, edges = sample
    agency = "海城市住房和城乡建设局"
    v = maps.focus_view(nodes, edges, "海城市住建局")  # a printed form
    by = {n.id: n for n in nodes}
    assert by[v["focus"]].name == agency
    assert v["tasks"] and all(t["role"] in ("牵头", "配合") for t in v["tasks"])
    assert any(t["co_leads"] for t in v["tasks"]) and any(t["lead_official"] for t in v["tasks"])
    assert v["focus"] in v["bright"] and len(v["bright"]) < len(v["nodes"])  # the rest is dimmed
    data = _data(maps.render_focus(nodes, edges, agency))
    assert data["focus"] == v["focus"] and data["tasks"][v["focus"]] == v["tasks"]
    assert set(data["dim"]) == v["bright"] & {n.id for n in v["nodes"]}


def test_views_escape_everything(tmp_path):
    nodes, edges = evil_graph()
    for page in (maps.render_who(nodes, edges), maps.render_matrix(nodes, edges), maps.render_overview(nodes, edges),
                 maps.render_focus(nodes, edges, "市住建局")):
        assert "<script>window.__pwned" not in page and "<img src=x" not in page
        assert not REMOTE.search(page)
        assert "default-src 'none'" in page.replace("&#x27;", "'")
