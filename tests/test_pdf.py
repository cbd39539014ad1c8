"""PDF read like its text twin: a ruled task table printed by headless
Chromium comes back as cells, a two-column page in reading order, running
headers and page numbers dropped, pages carried on every line, and a PDF with
no text layer refused with the OCR message."""
from __future__ import annotations

from pathlib import Path

import pytest

from docmakers import PAGE_CSS, lines_of, page_html, paragraphs, print_pdfs, table
from graph.errors import LoadError
from loaders.base import load_file
from loaders.evaluate import facts_of
from loaders.formats import to_lines

pytestmark = pytest.mark.browser

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "liaoning"
F003 = EXAMPLES / "003_5b890ae601a5bb51.txt"

HEAD = ["序号", "工作任务", "牵头单位", "责任单位", "完成时限"]
TASKS = [["加快推进老旧小区改造,完成改造小区30个", "市住房和城乡建设局", "市财政局、市自然资源局", "2024年12月底"],
         ["深化营商环境建设,推行“一网通办”", "市营商环境建设局", "市政务服务中心、各镇人民政府", "2024年6月底"],
         ["实施农村人居环境整治提升行动,推进厕所革命和生活垃圾分类处理", "市农业农村局",
          "市生态环境局、市卫生健康局、各镇人民政府", "2024年10月底"]]
ROWS = [[str(i + 1)] + TASKS[i % 3] for i in range(27)]   # long enough to run onto a second page
OPENING = ["关于印发2024年重点工作任务分解表的通知", "各镇人民政府,市政府各部门:",
           "现将《2024年重点工作任务分解表》印发给你们,请认真抓好落实。", "海城市人民政府办公室", "2024年3月1日"]
TWO_COLUMNS = """
@page { size: A4; margin: 20mm; @bottom-center { content: "- " counter(page) " -"; } }
body { font-family: 'WenQuanYi Micro Hei', sans-serif; font-size: 11pt }
.cols { column-count: 2; column-gap: 12mm } p { text-indent: 2em; margin: 0 0 3pt 0 }
"""


def _unspaced(lines) -> list[str]:
    """Lines without spaces: a line that wraps at a space loses it in print
    (the footer's ICP number), which the text cannot tell from no space, and
    a run of no-break spaces prints as a gap that reads as one space."""
    return ["".join(t.split()) for t in lines]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    d = tmp_path_factory.mktemp("pdf")
    body = paragraphs(OPENING) + table(ROWS, HEAD)
    (d / "table.html").write_text(page_html(body), encoding="utf-8")
    print_pdfs({
        d / "table.pdf": page_html(body),
        d / "003.pdf": page_html(paragraphs(lines_of(F003))),
        d / "flat.pdf": page_html(paragraphs(lines_of(EXAMPLES / "002_e8b0e201ade5810e.txt")),
                                  PAGE_CSS + "p { text-indent: 0; margin: 0 }"),
        d / "two.pdf": page_html(f"<div class='cols'>{paragraphs(lines_of(F003))}</div>", TWO_COLUMNS),
        d / "scan.pdf": page_html("<svg width='500' height='700'><rect x='20' y='20' width='400' height='30'/>"
                                  "<rect x='20' y='80' width='300' height='30'/></svg>", "@page { size: A4; margin: 20mm }"),
    })
    return d


def test_a_ruled_table_comes_back_as_cells_with_its_pages(pdfs):
    lines = to_lines((pdfs / "table.pdf").read_bytes(), "table.pdf")
    rows = [ln for ln in lines if ln.cells is not None]
    assert rows[0].cells == tuple(HEAD)
    assert [list(r.cells) for r in rows[1:]] == ROWS       # wrapped cells joined, the repeated header dropped
    assert {r.table for r in rows} == {0}                  # one table across the page break
    assert {r.page for r in rows} == {1, 2}
    assert [ln.text for ln in lines if ln.cells is None] == OPENING   # no running header, no "— 1 —"


def test_a_ruled_table_gives_the_facts_of_its_web_page(pdfs):
    _, got = load_file(pdfs / "table.pdf")
    _, want = load_file(pdfs / "table.html")
    facts = facts_of(want)
    assert sum(1 for f in facts if f[0] == "LEADS") == 27 and sum(1 for f in facts if f[0] == "ASSISTS") >= 54
    assert facts_of(got) == facts


def test_paragraphs_wrapped_over_lines_and_pages_read_as_their_text(pdfs):
    lines = to_lines((pdfs / "003.pdf").read_bytes(), "003.pdf")
    assert _unspaced(ln.text for ln in lines) == _unspaced(lines_of(F003))
    assert lines[0].page == 1 and lines[-1].page > 1
    assert all(a.page <= b.page for a, b in zip(lines, lines[1:]))
    _, got = load_file(pdfs / "003.pdf")
    _, want = load_file(F003)
    assert facts_of(got) == facts_of(want)


def test_paragraphs_without_indents_end_where_a_numbered_item_or_label_opens(pdfs):
    f002 = EXAMPLES / "002_e8b0e201ade5810e.txt"
    lines = to_lines((pdfs / "flat.pdf").read_bytes(), "flat.pdf")
    assert _unspaced(ln.text for ln in lines) == _unspaced(lines_of(f002))
    _, got = load_file(pdfs / "flat.pdf")
    _, want = load_file(f002)
    assert facts_of(got) == facts_of(want)


def test_two_columns_read_left_then_right(pdfs):
    lines = [ln.text for ln in to_lines((pdfs / "two.pdf").read_bytes(), "two.pdf")]
    assert _unspaced(lines) == _unspaced(lines_of(F003))
    _, got = load_file(pdfs / "two.pdf")
    _, txt = load_file(F003)
    assert facts_of(got) == facts_of(txt)


def test_a_pdf_without_text_needs_ocr(pdfs):
    with pytest.raises(LoadError, match="no text layer.*OCR") as e:
        to_lines((pdfs / "scan.pdf").read_bytes(), str(pdfs / "scan.pdf"))
    assert "scan.pdf" in str(e.value)


def test_damaged_pdfs_name_the_file(pdfs):
    data = (pdfs / "table.pdf").read_bytes()
    with pytest.raises(LoadError, match="x.pdf: not a PDF"):
        to_lines(b"<html>not a pdf</html>", "x.pdf")
    with pytest.raises(LoadError, match="cut.pdf: .*(damaged|not a valid|no text)"):
        to_lines(data[: len(data) // 3], "cut.pdf")
