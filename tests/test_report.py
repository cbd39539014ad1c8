"""The build report (report.md and report.html) on the sample corpus: summary
first, Chinese headings, findings ranked and folded, numbers in order,
repealed documents apart, short lines, escaping, links only to what exists."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.analysis.findings import number_key, span
from graph.analysis.report import anchor
from graph.cli import cli

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "liaoning"
_CJK = re.compile(r"[\u4e00-\u9fff]")


def build(*args, exit_code: int = 0) -> None:
    r = CliRunner().invoke(cli, ["build", *map(str, args), "-q"])
    assert r.exit_code == exit_code, r.output


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report")
    build(EXAMPLES, "-o", out, "--as-of", "2024-01-01")
    return out


@pytest.fixture(scope="module")
def md(built) -> str:
    return (built / "report.md").read_text(encoding="utf-8")


def section(md: str, heading: str) -> str:
    """The text under ``heading`` (a finding's title matches whatever its number) up to
    the next heading of the same or a higher level."""
    level = len(heading) - len(heading.lstrip("#"))
    lines = md.splitlines()
    title = heading.lstrip("# ")
    start = next(i for i, ln in enumerate(lines) if ln.startswith(heading)
                 or re.match(r"#{%d} \d+\. %s\(" % (level, re.escape(title)), ln))
    end = next((i for i in range(start + 1, len(lines))
                if re.match(r"#{1,%d} " % level, lines[i])), len(lines))
    return "\n".join(lines[start + 1:end])


def table_rows(text: str) -> list[list[str]]:
    rows = [ln for ln in text.splitlines() if ln.startswith("|")]
    return [[c.strip() for c in re.split(r"(?<!\\)\|", r)[1:-1]] for r in rows[2:]]


def test_summary_comes_before_everything_else(md):
    headings = [ln for ln in md.splitlines() if ln.startswith("#")]
    order = [next(i for i, h in enumerate(headings) if h.startswith(p))
             for p in ("## 摘要", "### 主要发现", "## 文件表", "## 发现", "## 已废止文件中的发现", "## 附录:名称归并")]
    assert order == sorted(order) and order[0] == 1, headings
    summary = section(md, "## 摘要")
    assert "10 份文件(现行 9 份,已废止 1 份)" in summary and "未能读入:无" in summary
    assert "判断期限的日期:2024-01-01" in summary and re.search(r"生成日期:\d{4}-\d{2}-\d{2}", summary)


def test_headings_are_chinese(md):
    headings = [ln for ln in md.splitlines() if ln.startswith("#")]
    assert len(headings) > 8
    for h in headings:
        assert _CJK.search(h), h
        assert not re.search(r"[A-Za-z]", h.replace("govgraph", "")), h


def test_findings_ranked_by_severity_with_counts(md):
    rows = table_rows(section(md, "### 主要发现"))
    rank = {"高": 3, "中": 2, "低": 1}
    keys = [(rank[r[0]], int(r[2])) for r in rows]
    assert keys == sorted(keys, reverse=True) and len(rows) >= 5
    titles = [re.fullmatch(r"\[(.+)\]\(#(.+)\)", r[1]).groups() for r in rows]
    assert [t for t, _ in titles[:2]] == ["来源不明的下放职权", "逾期任务"]
    # the summary's counts are the sections' counts, and its links lead there
    for (title, href), (level, _, count, *_) in zip(titles, rows):
        heading = re.search(rf"^### (\d+\. {title}\({count} 项.*)$", md, re.M)
        assert heading and anchor(heading.group(1)) == href, title


def test_summary_links_lead_to_the_sections_in_html(built):
    page = (built / "report.html").read_text(encoding="utf-8")
    ids = set(re.findall(r' id="([^"]+)"', page))
    targets = re.findall(r'href="#([^"]+)"', page)
    assert len(targets) >= 7 and set(targets) <= ids


def test_task_numbers_sorted_as_numbers():
    printed = ["1", "2", "5", "21", "85", "9", "96", "三", "一", "二"]
    assert sorted(printed, key=number_key) == ["1", "2", "5", "9", "21", "85", "96", "一", "二", "三"]
    assert sorted(["三.10", "三.9", "十一", "二.(十二)", "二.(二)"], key=number_key) == [
        "二.(二)", "二.(十二)", "三.9", "三.10", "十一"]


def test_numbers_in_the_report_are_in_order(md):
    co = table_rows(section(md, "### 多头牵头的任务"))
    cells = [[int(n) for n in r[3].split("、")] for r in co if r[0] == "文8"]
    assert all(c == sorted(c) for c in cells)  # within a folded row
    firsts = [c[0] for c in cells]  # rows by their first task
    assert firsts == sorted(firsts) and {9, 21, 85, 96} <= set(firsts) and firsts.index(9) < firsts.index(21)
    overdue = table_rows(section(md, "### 逾期任务"))
    assert [r[1] for r in overdue] == [str(i) for i in range(1, 10)]
    no_lead = {r[0]: r[2] for r in table_rows(section(md, "### 整份文件未写牵头单位"))}
    cell = no_lead["文4"]
    assert cell.index("三.9、三.10") > cell.index("二.7")


def test_no_line_over_300_characters(md):
    long = [ln for ln in md.splitlines() if len(ln) > 300]
    assert not long, long[:3]
    assert sum(ln.startswith("|") for ln in md.splitlines()) > 200  # the tables are there


def test_repeated_items_folded_with_a_count(md):
    text = section(md, "### 来源不明的下放职权")
    rows = table_rows(text)
    assert len(rows) == 1 and rows[0][2] == "29" and "等 29 对" in rows[0][1] and rows[0][4] == "文10 第58行"
    assert text.count("第58行") == 1
    co = table_rows(section(md, "### 多头牵头的任务"))
    folded = [r for r in co if r[1] == "海城市经济开发区、海城市腾鳌经济开发区"]
    assert len(folded) == 1 and folded[0][2] == "3" and folded[0][3] == "24、25、26"


def test_repealed_documents_kept_apart(md):
    docs = {r[0]: r for r in table_rows(section(md, "## 文件表"))}
    assert docs["文1"][4] == "已废止" and docs["文1"][1] == "盘政发〔2014〕31号"
    current = section(md, "## 发现")
    old = section(md, "## 已废止文件中的发现")
    assert not re.search(r"文1 第", current)
    cites = set(re.findall(r"(文\d+) 第\d+行", old))
    assert cites == {"文1"}
    # the same-matter pair 000 prints (污水处理厂 to 市环境保护局 and to 辽东湾新区管委会, lines 160 and 164)
    assert re.search(r"生产及生活污水处理厂.*盘锦市环境保护局.*文1 第160行.*辽东湾新区管委会.*文1 第164行", old)


def test_same_matter_not_on_a_generic_word(md):
    rows = [r for h in ("## 发现", "## 已废止文件中的发现") for r in table_rows(section(md, h))
            if r and r[0].startswith("都提到")]
    assert rows
    for r in rows:
        term = r[0][len("都提到“"):-1]
        assert term not in ("污水处理厂", "建设工程", "建设项目") and len(term) > 5, r
        docs = {c.split(" ")[0] for c in (r[2], r[5])}
        assert docs == {"文1"} or "文1" not in docs, r  # never repealed with current


def test_documents_table_cites_files_and_maps_that_exist(built, md):
    rows = table_rows(section(md, "## 文件表"))
    assert [r[0] for r in rows] == [f"文{i}" for i in range(1, len(rows) + 1)]
    for f in EXAMPLES.glob("*.txt"):
        assert any(r[7] == f.name for r in rows), f.name
    links = [x for x in re.findall(r"\]\(([^)]+)\)", md) if not x.startswith("#")]
    assert "maps/index.html" in links and any(x.startswith("maps/doc-") for x in links)
    for href in links:
        assert (built / href).is_file(), href


def test_name_merges_in_an_appendix_in_chinese(md):
    appendix = section(md, "## 附录:名称归并")
    rows = table_rows(appendix)
    assert len(rows) > 100
    assert any(r[0] == "县交通局" and "原文未写,推断" in r[2] for r in rows)
    assert "this document" not in md and "counterpart by name" not in md and "inherits" not in md
    assert md.index("## 附录:名称归并") > md.index("## 已废止文件中的发现")


def test_span_quotes_around_the_name():
    text = "前言" * 100 + "由海城市住房和城乡建设局负责" + "后文" * 100
    s = span(text, ["海城市住房和城乡建设局"], 40)
    assert "海城市住房和城乡建设局" in s and s.startswith("…") and s.endswith("…") and len(s) <= 40


def test_failures_and_links_are_said(tmp_path):
    from graph.records import Node
    from graph.report import summary_report

    doc = Node("document-x", "Document", "甲方案", {"loaded": True, "source_file": "a.txt", "status": "in force"})
    md = summary_report([doc], [], failures=[("b.txt", "无法解码")], outdir=tmp_path, build_date="2025-01-02")
    assert "未能读入:1 个" in md and "未能读入 b.txt: 无法解码" in md and "生成日期:2025-01-02" in md
    assert "](maps/" not in md  # no maps were written there: no links
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "who.html").write_text("x", encoding="utf-8")
    md = summary_report([doc], [], outdir=tmp_path)
    assert "[谁做什么](maps/who.html)" in md and "maps/overview.html" not in md


def test_injected_script_is_escaped_and_unread_files_are_said(tmp_path):
    src = tmp_path / "in"
    shutil.copytree(EXAMPLES, src)
    f = next(src.glob("003_*.txt"))
    text = f.read_text(encoding="utf-8")
    assert "强化规范依法行政。" in text
    f.write_text(text.replace("强化规范依法行政。", "强化规范依法行政<script>alert(1)</script>[x](javascript:alert(2).html)。", 1),
                 encoding="utf-8")
    (src / "zz_bad.txt").write_bytes(bytes(range(256)) * 8)  # a file that cannot be read costs only itself
    out = tmp_path / "out"
    build(src, "-o", out, "--no-maps", exit_code=3)  # 3: some files not loaded, the rest built
    md = (out / "report.md").read_text(encoding="utf-8")
    summary = section(md, "## 摘要")
    assert "未能读入:1 个" in summary and re.search(r"未能读入 \S*zz_bad\.txt", summary)
    assert "<script>alert(1)" in md  # the text as printed reached the report …
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "<script" not in page and "&lt;script&gt;alert(1)" in page  # … and is only text in the page
    assert "javascript:" not in re.sub(r"&[a-z]+;", "", "".join(re.findall(r'href="[^"]*"', page)))


def test_readme_shows_the_summary_as_built(md):
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = re.search(r"--as-of 2024-01-01` the\nsummary ranks:\n\n```markdown\n(.*?)```", readme, re.S)
    assert block, "README has no report summary example"
    summary = section(md, "### 主要发现")
    for line in block.group(1).splitlines():
        assert line in summary, f"README's report summary is stale (paste it from build/report.md): {line}"


def test_same_matter_for_the_report_stays_within_one_place():
    import copy

    from test_analysis import DOCS, DUTIES, build_docs, load_into

    from graph.analysis import same_matter
    from graph.netx import to_networkx
    from graph.stores import SQLiteStore

    def graph(docs, duties=DUTIES):
        st = SQLiteStore(":memory:")
        load_into(st, build_docs(docs, duties=duties))
        return to_networkx(st.nodes(), st.edges())

    pairs = {("建设城东污水处理厂", "推进城东污水处理厂提标改造"), ("统筹推进项目", "统筹推进项目")}
    one_place = copy.deepcopy(DOCS)
    for d in one_place.values():
        d["jurisdiction"] = "某市"
    two_places = copy.deepcopy(one_place)
    two_places["doc-2"]["jurisdiction"] = "另一市"
    got = lambda G, **kw: {(r["duty_a"], r["duty_b"]) for r in same_matter(G, **kw)}  # noqa: E731
    assert got(graph(one_place), specific=True) == pairs == got(graph(two_places))
    assert got(graph(two_places), specific=True) == set()  # alike tasks of two places' documents
    catch_all = {**DUTIES, "duty-5": ("doc-1", "3", "完成市政府交办的其他工作", None),
                 "duty-6": ("doc-2", "2", "完成市政府交办的其他工作。", None)}
    assert ("完成市政府交办的其他工作", "完成市政府交办的其他工作") in got(graph(one_place, catch_all))
    assert got(graph(one_place, catch_all), specific=True) == {("建设城东污水处理厂", "推进城东污水处理厂提标改造")}
