"""The maps in headless Chromium (Debian's ``chromium`` through Playwright's
Python API; no browser is ever downloaded): drawn node counts, search by
Chinese name, the evidence panel, injected HTML/JS inert, no request leaves
the machine, CJK glyphs render. Screenshots of the sample maps go to
``build/screenshots/``.

Without Chromium (or playwright) these tests skip, but fail when ``CI`` or
``GOVGRAPH_TEST_NEO4J`` is set: a CI run must not pass untested."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph import maps
from graph.cli import cli
from graph.export import read_json
from graph.records import Edge, Evidence, Mention, Node, edge_id, node_id

from test_maps import PAYLOAD, SAMPLE, evil_graph

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "build" / "screenshots"


def _unavailable(why: str):
    if os.environ.get("CI") or os.environ.get("GOVGRAPH_TEST_NEO4J"):
        pytest.fail(why + "; CI / GOVGRAPH_TEST_NEO4J demand the browser tests")
    pytest.skip(why)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e .[test])")
    exe = maps.find_chromium()
    if not exe:
        _unavailable("no Chromium (apt-get install chromium fonts-wqy-microhei, or set GOVGRAPH_CHROMIUM)")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=exe, args=maps.CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A page where every request but file:/data:/blob:/about: is recorded and
    refused; the test fails if there was any, or any page error."""
    ctx = browser.new_context(viewport={"width": 1600, "height": 1000})
    pg = ctx.new_page()
    remote: list[str] = []
    errors: list[str] = []

    def route(r):
        if r.request.url.startswith(("file:", "data:", "blob:", "about:")):
            r.continue_()
        else:
            remote.append(r.request.url)
            r.abort()

    pg.route("**/*", route)
    pg.on("request", lambda req: None if req.url.startswith(("file:", "data:", "blob:", "about:")) else remote.append(req.url))
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    ctx.close()
    assert remote == [], f"requests left the page: {remote}"
    assert errors == [], errors


def _open(page, path: Path) -> dict:
    page.goto(path.resolve().as_uri())
    page.wait_for_function("() => window.gg && window.gg.ready === true", timeout=60_000)
    if not page.evaluate("!!gg.network"):  # a table view
        return {}
    return page.evaluate("({drawMs: gg.drawMs, nodes: gg.nodes.length, edges: gg.edges.length, "
                         "drawnNodes: gg.network.body.nodeIndices.length, drawnEdges: gg.network.body.edgeIndices.length})")


def _overlaps(page) -> list:
    """Pairs of drawn labels whose boxes (vis-network's own label sizes) intersect."""
    return page.evaluate("""() => { const b = gg.labelBoxes(), out = [];
        for (let i = 0; i < b.length; i++) for (let j = i + 1; j < b.length; j++) {
          const x = b[i], y = b[j];
          if (x[1] < y[3] && y[1] < x[3] && x[2] < y[4] && y[2] < x[4]) out.push([x[0], y[0]]); }
        return out; }""")


def _click_node(page, nid: str) -> bool:
    """Click where the node is drawn; False (no click) if another node lies on top there."""
    page.evaluate("id => gg.network.focus(id, {scale: 1.5, animation: false})", nid)
    page.evaluate("() => gg.network.redraw()")
    xy = page.evaluate("""id => { const p = gg.network.getPositions([id])[id];
        const d = gg.network.canvasToDOM(p); const r = document.getElementById('gg-net').getBoundingClientRect();
        return [r.left + d.x, r.top + d.y, gg.network.getNodeAt(d) === id]; }""", nid)
    if not xy[2]:
        return False
    page.mouse.click(xy[0], xy[1])
    return True


@pytest.fixture(scope="module")
def sample_maps(tmp_path_factory):
    out = tmp_path_factory.mktemp("maps")
    r = CliRunner().invoke(cli, ["build", str(SAMPLE), "-o", str(out), "-q"])
    assert r.exit_code == 0, r.output
    nodes, edges = read_json(out / "graph.json")
    return out, nodes, edges


def test_overview_is_aggregated_and_draws_at_once(page, sample_maps):
    out, nodes, edges = sample_maps
    info = _open(page, out / "maps" / "overview.html")
    assert info["nodes"] == info["drawnNodes"] and 10 < info["nodes"] < 100  # clusters, never the hairball
    assert "总览已折叠" in page.text_content("#gg-banner")
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "overview.json").write_text(json.dumps({**info, "file_kb": round((out / "maps" / "overview.html").stat().st_size / 1024)}),
                                         encoding="utf-8")
    assert info["drawMs"] < 2_000


def test_every_sample_map_opens_offline_still_and_readable(page, sample_maps):
    """Every page of the sample build draws within 2 s, does not move after
    that, and no two labels overlap at the default zoom; most nodes that fit
    have their label drawn."""
    out, _, _ = sample_maps
    SHOTS.mkdir(parents=True, exist_ok=True)
    seen = set()
    for p in sorted((out / "maps").glob("*.html")):
        seen.add(p.name)
        if p.name == "index.html":
            page.goto(p.resolve().as_uri())
            links = page.eval_on_selector_all("a", "as => as.map(a => a.getAttribute('href'))")
            assert links and all(not l.startswith(("http", "//", "/")) for l in links)
            assert "../report.html" in links and "who.html" in links
            continue
        info = _open(page, p)
        if not info:
            continue
        assert info["drawnNodes"] == info["nodes"], p.name
        # the 2 s target is measured by tests/bench_maps.py (medians 129-694 ms on the sample);
        # here only a bound a busy shared machine keeps (one run took 2.3 s under a load of 16)
        assert info["drawMs"] < 6_000, (p.name, info["drawMs"])
        assert page.evaluate("gg.network.physics.options.enabled") is False
        before = page.evaluate("JSON.stringify(gg.network.getPositions())")
        page.wait_for_timeout(500)
        assert page.evaluate("JSON.stringify(gg.network.getPositions())") == before, p.name + " still moving"
        assert _overlaps(page) == [], p.name
        assert page.evaluate("gg.labelsShown") >= min(10, info["nodes"]), p.name
        page.screenshot(path=str(SHOTS / (p.stem + ".png")))
        assert (SHOTS / (p.stem + ".png")).stat().st_size > 5_000
    assert {"overview.html", "who.html", "overlaps.html", "delegation.html", "focus.html"} <= seen


def test_labels_stay_apart_when_zoomed(page, sample_maps):
    out, _, _ = sample_maps
    _open(page, out / "maps" / "doc-1.html")
    shown = page.evaluate("gg.labelsShown")
    page.evaluate("() => { gg.network.moveTo({scale: gg.network.getScale() * 3, animation: false}); gg.relabel(); }")
    assert _overlaps(page) == []
    assert page.evaluate("gg.labelsShown") != shown or shown == page.evaluate("gg.nodeView.length")


def test_search_by_printed_form_highlights_and_dims(page, sample_maps):
    out, nodes, _ = sample_maps
    _open(page, out / "maps" / "overview.html")
    options = page.eval_on_selector_all("#gg-names option", "os => os.map(o => o.value)")
    assert options and not any(o.startswith(("agency-", "duty-", "document-")) for o in options)  # names, not ids
    ids = page.evaluate("gg.search('住建局')")  # printed short form, not the canonical name
    assert ids
    first = page.evaluate("id => gg.data.info.nodes[id].name", ids[0])
    assert "住房和城乡建设" in first
    assert page.evaluate("gg.network.getSelectedNodes()")[0] == ids[0]
    assert first in page.text_content("#gg-panel") and "found" in page.text_content("#gg-status")
    assert any(b[0] == ids[0] for b in page.evaluate("gg.labelBoxes()"))  # the hit's label is drawn
    assert _overlaps(page) == []
    colours = page.evaluate("() => gg.nodes.get().map(n => [n.id, n.color.background || n.color])")
    dimmed = [i for i, c in colours if c == "#eceff1"]
    assert ids[0] not in dimmed and len(dimmed) >= len(colours) - len(ids) - 1  # the rest pale
    page.fill("#gg-search", "")
    page.press("#gg-search", "Enter")
    assert not [c for _, c in page.evaluate("() => gg.nodes.get().map(n => [n.id, n.color.background || n.color])")
                if c == "#eceff1"]
    page.fill("#gg-search", "不存在的名称")
    page.press("#gg-search", "Enter")
    assert "not found" in page.text_content("#gg-status")


def test_click_node_and_edge_shows_evidence(page, sample_maps):
    out, nodes, edges = sample_maps
    doc = next(p for p in (out / "maps").glob("doc-*.html") if "海城" in p.read_text(encoding="utf-8")[:3000]) \
        if any("海城" in p.read_text(encoding="utf-8")[:3000] for p in (out / "maps").glob("doc-*.html")) \
        else sorted((out / "maps").glob("doc-*.html"))[0]
    _open(page, doc)
    data = page.evaluate("gg.data.info")
    ranked = sorted(data["nodes"], key=lambda k: (data["nodes"][k]["kind"] != "Agency", -data["nodes"][k]["degree"], k))
    nid = next(k for k in ranked if _click_node(page, k))
    assert page.evaluate("gg.network.getSelectedNodes()") == [nid]
    panel = page.text_content("#gg-panel")
    node = data["nodes"][nid]
    assert node["name"] in panel
    first = data["texts"][node["mentions"][0][2]]
    assert first in panel and "第 " in panel
    # an edge: its evidence, with the document's 文号 or title
    eid = next(iter(data["edges"]))
    page.evaluate("id => gg.showEdge(id)", eid)
    panel = page.text_content("#gg-panel")
    ev = data["edges"][eid]["evidence"][0]
    assert data["texts"][ev[2]] in panel


def test_injected_html_is_inert(page, tmp_path):
    # a real document with script/img in a task line, through the loaders …
    src = SAMPLE / "002_e8b0e201ade5810e.txt"
    lines = src.read_text(encoding="utf-8").split("\n")
    i = next(k for k, l in enumerate(lines) if l.startswith("1."))
    lines[i] += PAYLOAD
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "evil.txt").write_text("\n".join(lines), encoding="utf-8")
    r = CliRunner().invoke(cli, ["build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q"])
    assert r.exit_code == 0, r.output
    assert PAYLOAD in (tmp_path / "out" / "graph.json").read_text(encoding="utf-8").replace('\\"', '"')
    # … and synthetic records with it in names and titles
    nodes, edges = evil_graph()
    evil = maps.write_map(tmp_path / "evil.html", nodes, edges, "标题" + PAYLOAD)
    for path in [evil, *sorted((tmp_path / "out" / "maps").glob("doc-*.html"))]:
        _open(page, path)
        data = page.evaluate("gg.data.info")
        for nid, n in data["nodes"].items():
            if "__pwned" in n["name"] or any("__pwned" in data["texts"][m[2]] for m in n["mentions"]):
                page.evaluate("id => gg.showNode(id)", nid)
                assert PAYLOAD in page.text_content("#gg-panel")
        for eid, e in data["edges"].items():
            if any("__pwned" in data["texts"][ev[2]] for ev in e["evidence"]):
                page.evaluate("id => gg.showEdge(id)", eid)
                assert PAYLOAD in page.text_content("#gg-panel")
                _click_node(page, e["from"])
        page.fill("#gg-search", "市局")
        page.press("#gg-search", "Enter")
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.evaluate("document.querySelectorAll('img').length") == 0
        assert page.evaluate("document.querySelectorAll('script').length") == 3
        if path == evil:
            assert page.evaluate("document.title") == "标题" + PAYLOAD  # the title as printed, as text


def test_filters_hide_dangling_nodes_and_count(page, tmp_path):
    nodes, edges = evil_graph()
    _open(page, maps.write_map(tmp_path / "f.html", nodes, edges, "filters"))
    assert page.evaluate("gg.edges.get({filter: e => e.repealed}).length") == 1
    assert page.evaluate("gg.edgeView.length") == 3
    page.uncheck('#gg-legend input[data-what="repealed"]')
    assert page.evaluate("gg.edgeView.length") == 2
    # the repealed edge was the only one of 市住房和城乡建设局: it hides too, and the legend counts it
    assert page.evaluate("gg.nodeView.length") == len(nodes) - 1
    assert page.text_content('#gg-legend label[data-what="node"][data-kind="Agency"] .cnt') == "1"
    page.check('#gg-legend input[data-what="repealed"]')
    page.uncheck('#gg-legend input[data-what="node"][data-kind="Duty"]')
    # every edge touches the task: only the document with no edge at all is left
    assert page.evaluate("gg.nodeView.length") == 1
    assert page.evaluate("gg.network.body.nodeIndices.length") == 1
    assert page.text_content('#gg-legend label[data-what="edge"][data-kind="LEADS"] .cnt') == "0"
    # searching a hidden kind shows it again
    page.fill("#gg-search", "改造老旧小区")
    page.press("#gg-search", "Enter")
    assert page.evaluate("gg.nodeView.length") == len(nodes)
    # the panel says which evidence is repealed, in Chinese property names
    eid = page.evaluate("gg.edges.get({filter: e => e.repealed})[0].id")
    page.evaluate("id => gg.showEdge(id)", eid)
    assert "已废止" in page.text_content("#gg-panel")
    page.evaluate("id => gg.showNode(id)", nodes[4].id)
    panel = page.text_content("#gg-panel")
    assert "编号" in panel and "number" not in panel and "document-" not in panel  # no raw ids
    assert "海政发〔2023〕1号" in panel  # the short citation


def test_agency_panel_shows_the_lines_that_assign_it(page, sample_maps):
    out, _, _ = sample_maps
    _open(page, out / "maps" / "focus.html")
    fid = page.evaluate("gg.data.focus")
    panel = page.text_content("#gg-panel")
    assert "分工依据" in panel and "同牵头单位" in panel and "牵头领导" in panel
    tasks = page.evaluate("id => gg.data.tasks[id]", fid)
    assert tasks and tasks[0]["task"][:10] in panel
    bright = set(page.evaluate("gg.data.dim"))
    pale = [i for i, c in page.evaluate("() => gg.nodes.get().map(n => [n.id, n.color.background || n.color])")
            if c == "#eceff1"]
    assert pale and not bright & set(pale)


def test_click_on_inferred_edge_shows_inferred(page, sample_maps):
    out, _, _ = sample_maps
    _open(page, out / "maps" / "delegation.html")
    eid = page.evaluate("Object.keys(gg.data.info.edges).find(k => gg.data.info.edges[k].props.inferred)")
    assert eid
    xy = page.evaluate("""id => { const e = gg.data.info.edges[id]; const p = gg.network.getPositions([e.from, e.to]);
        const a = gg.network.canvasToDOM(p[e.from]), b = gg.network.canvasToDOM(p[e.to]);
        const r = document.getElementById('gg-net').getBoundingClientRect();
        const pts = [0.5, 0.4, 0.6, 0.45, 0.55, 0.35, 0.65, 0.3, 0.7].map(t => ({x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t}));
        const q = pts.find(q => gg.network.getEdgeAt(q) === id && gg.network.getNodeAt(q) === undefined);
        return q ? [r.left + q.x, r.top + q.y] : null; }""", eid)
    assert xy, "no point of the edge is free to click"
    page.mouse.click(*xy)
    panel = page.text_content("#gg-panel")
    assert "推断" in panel and "counterpart by name" in panel
    # the stated 10 categories: one edge, labelled, each grant listed
    ten = page.evaluate("Object.keys(gg.data.info.edges).find(k => gg.data.info.edges[k].props.n === 10)")
    page.evaluate("id => gg.showEdge(id)", ten)
    panel = page.text_content("#gg-panel")
    assert "授权（10）" in panel and "行政许可" in panel and "原文所载" in panel
    assert page.evaluate("id => gg.edges.get(id).label", ten) == "10 类职权"


def test_matrix_has_the_reports_pairs_and_opens_them(page, sample_maps):
    from graph.analysis.overlaps import overlap_matrix
    from graph.netx import to_networkx

    out, nodes, edges = sample_maps
    report = overlap_matrix(to_networkx(nodes, edges), min_shared=2)
    _open(page, out / "maps" / "overlaps.html")
    pairs = page.evaluate("gg.pairs.map(p => [p.agency_a, p.agency_b, p.shared])")
    assert sorted(map(tuple, pairs)) == sorted((r["agency_a"], r["agency_b"], r["shared"]) for r in report)
    assert page.evaluate("document.querySelectorAll('#m td[data-p]').length") == 2 * len(report)
    page.click('#m td[data-p="0"]')
    panel = page.text_content("#panel")
    assert pairs[0][0] in panel and pairs[0][1] in panel and f"共担 {pairs[0][2]} 项任务" in panel
    assert "第 " in panel and " 行" in panel
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "overlaps-panel.png"))


def test_who_table_sorts_and_filters(page, sample_maps):
    out, _, _ = sample_maps
    _open(page, out / "maps" / "who.html")
    total = page.evaluate("gg.rows.length")
    assert total > 100
    page.click("#who th:nth-child(4)")  # 编号
    keys = page.evaluate("Array.from(document.querySelectorAll('#who tbody tr')).map(r => r.cells[3].getAttribute('data-k'))")
    assert keys == sorted(keys)
    page.click("#who th:nth-child(4)")
    keys = page.evaluate("Array.from(document.querySelectorAll('#who tbody tr')).map(r => r.cells[3].getAttribute('data-k'))")
    assert keys == sorted(keys, reverse=True)
    page.fill("#q", "住房和城乡建设")
    shown = page.evaluate("Array.from(document.querySelectorAll('#who tbody tr:not(.hide)')).map(r => r.textContent)")
    assert 0 < len(shown) < total
    page.select_option("#role", "牵头")
    rows = page.evaluate("Array.from(document.querySelectorAll('#who tbody tr:not(.hide)')).map(r => r.cells[2].textContent)")
    assert rows and set(rows) == {"牵头"} and len(rows) < len(shown)
    assert page.text_content("#count").startswith(f"{len(rows)} / {total}")
    page.click("#who tbody tr:not(.hide)")
    assert "第 " in page.text_content("#panel")


def test_png_export(page, sample_maps):
    import base64

    out, _, _ = sample_maps
    _open(page, out / "maps" / "focus.html")
    url = page.evaluate("gg.png()")
    assert url.startswith("data:image/png;base64,")
    png = base64.b64decode(url.split(",", 1)[1])
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000
    with page.expect_download() as dl:
        page.click("#gg-png")
    path = dl.value.path()
    assert Path(path).stat().st_size > 10_000


def test_chinese_glyphs_render(page, sample_maps):
    if shutil.which("fc-list"):
        fonts = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True).stdout
        assert fonts.strip(), "no CJK font installed (apt-get install fonts-wqy-microhei)"
    out, _, _ = sample_maps
    _open(page, out / "maps" / "overview.html")
    # two different characters must not draw the same pixels (tofu boxes would)
    same = page.evaluate("""() => {
        function px(ch) { const c = document.createElement('canvas'); c.width = 40; c.height = 40;
          const x = c.getContext('2d'); x.font = '32px ' + gg.data.vis.options.nodes.font.face;
          x.fillText(ch, 2, 34); return Array.from(x.getImageData(0, 0, 40, 40).data).join(','); }
        const a = px('住'), b = px('房'), blank = px(' ');
        return [a === b, a === blank]; }""")
    assert same == [False, False]
    assert page.evaluate("""document.fonts.check('12px "WenQuanYi Micro Hei"')""")
    png = SHOTS / "glyphs.png"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.fill("#gg-search", "住房")
    page.press("#gg-search", "Enter")
    page.screenshot(path=str(png))
    assert png.stat().st_size > 10_000


def test_budget_map_draws_fast(page, tmp_path):
    """3,000 synthetic nodes, budget 1,500: the best-connected half is drawn
    with physics off, and the banner says what was left out."""
    hubs = [node_id("Agency", f"局{i}") for i in range(30)]
    nodes = [Node(h, "Agency", f"第{i}局", {}, (Mention("d", i, f"第{i}局"),)) for i, h in enumerate(hubs)]
    edges = []
    for j in range(2970):
        t = node_id("Duty", str(j))
        nodes.append(Node(t, "Duty", f"任务{j}", {"text": "t", "document": "d"}, (Mention("d", j, f"任务{j}"),)))
        for h in sorted({hubs[j % 30], hubs[(j * 7 + 1) % 30]}) if j < 1200 else (hubs[j % 30],):
            edges.append(Edge(edge_id("LEADS", h, t), "LEADS", h, t, {}, (Evidence("d", j, f"任务{j}"),)))
    t0 = time.perf_counter()
    path = maps.write_map(tmp_path / "big.html", nodes, edges, "big", budget=1500)
    render_s = time.perf_counter() - t0
    info = _open(page, path)
    assert info["drawnNodes"] == 1500
    assert "省略了 1500 个节点" in page.text_content("#gg-banner")
    assert page.evaluate("gg.data.vis.options.physics.enabled") is False
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "budget.json").write_text(json.dumps({**info, "render_s": round(render_s, 2),
                                                   "file_kb": round(path.stat().st_size / 1024)}), encoding="utf-8")
    assert info["drawMs"] < 20_000


def test_screenshot_helper_and_cli(sample_maps, tmp_path, browser):
    # in subprocesses: Playwright's sync API does not nest inside this module's browser
    import sys

    out, _, _ = sample_maps
    code = ("import json, sys; from graph.maps import screenshot; "
            "i = screenshot(sys.argv[1], sys.argv[2]); print(json.dumps({**i, 'png': str(i['png'])}))")
    r = subprocess.run([sys.executable, "-c", code, str(out / "maps" / "overlaps.html"), str(tmp_path / "o.png")],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    info = json.loads(r.stdout)
    assert info["blocked"] == [] and info["draw_ms"] > 0 and info["nodes"] > 0
    assert (tmp_path / "o.png").stat().st_size > 5_000
    exe = Path(sys.executable).with_name("govgraph")
    r = subprocess.run([str(exe), "map", "--store", str(out / "graph.db"), "--overlaps", "-o", str(tmp_path / "o.html"),
                        "--screenshot", str(tmp_path / "cli.png")], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "nodes drawn in" in r.stderr and (tmp_path / "cli.png").stat().st_size > 5_000


def test_overview_cluster_says_what_it_folds(page, sample_maps):
    out, _, _ = sample_maps
    _open(page, out / "maps" / "overview.html")
    doc = page.evaluate("gg.nodes.get().filter(n => n.kind === 'Document')[0].id")
    page.evaluate("id => gg.showNode(id)", doc)
    panel = page.text_content("#gg-panel")
    assert "分工（" in panel and "牵头 " in panel
    link = page.evaluate("document.querySelector('#gg-panel a').getAttribute('href')")
    assert link.startswith("doc-") and (out / "maps" / link).exists()
