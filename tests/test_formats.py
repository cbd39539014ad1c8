"""Documents as web pages, Word and Excel files read like their text."""
from __future__ import annotations

import html
import zipfile
from pathlib import Path

import pytest

from graph.errors import LoadError
from loaders.base import load_file
from loaders.evaluate import facts_of
from loaders.formats import docx_text, html_text, to_text, xlsx_text

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "liaoning"
F003 = EXAMPLES / "003_5b890ae601a5bb51.txt"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _lines(path: Path) -> list[str]:
    return [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


def _docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    def p(t: str) -> str:
        return f'<w:p><w:r><w:t xml:space="preserve">{html.escape(t)}</w:t></w:r></w:p>'

    body = "".join(p(t) for t in paragraphs)
    if table:
        body += "<w:tbl>" + "".join(
            "<w:tr>" + "".join(f"<w:tc>{p(c)}</w:tc>" for c in row) + "</w:tr>" for row in table) + "</w:tbl>"
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    from io import BytesIO

    buf = BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", xml)
    return buf.getvalue()


def test_html_page_gives_the_same_facts_as_its_text(tmp_path):
    page = ("<!DOCTYPE html><html><head><meta charset='gb18030'><title>站点</title>"
            "<script>document.write('<p>假任务</p>')</script><style>p{}</style></head><body>"
            "<div class='nav'>首页</div>"
            + "".join(f"<p>{html.escape(ln)}</p>" for ln in _lines(F003)) + "</body></html>")
    f = tmp_path / "003.html"
    f.write_bytes(page.encode("gb18030"))  # an older site's encoding
    _, docs = load_file(f)
    _, want = load_file(F003)
    assert facts_of(docs) == facts_of(want)


def test_docx_gives_the_same_facts_as_its_text(tmp_path):
    f = tmp_path / "003.docx"
    f.write_bytes(_docx(_lines(F003)))
    _, docs = load_file(f)
    _, want = load_file(F003)
    assert facts_of(docs) == facts_of(want)


def test_docx_table_rows_become_cell_lines():
    data = _docx(["重点任务分解表"], [["序号", "工作任务", "牵头单位"], ["1", "推进改革", "市财政局"]])
    assert docx_text(data, "t.docx").splitlines() == ["重点任务分解表", "序号 | 工作任务 | 牵头单位", "1 | 推进改革 | 市财政局"]


def test_html_tables_cells_and_nested_blocks():
    text = html_text("<table><tr><th>序号</th><th>牵头<br>单位</th></tr>"
                     "<tr><td>1</td><td><p>市财政局</p><p>市税务局</p></td></tr></table><p>&lt;script&gt;x</p>")
    assert text.splitlines() == ["序号 | 牵头 单位", "1 | 市财政局 市税务局", "<script>x"]


def test_xlsx_rows_with_shared_and_inline_strings():
    from io import BytesIO

    S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", f'<workbook xmlns="{S}" xmlns:r="{R}"><sheets>'
                                      f'<sheet name="赋权事项" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                   'relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/sharedStrings.xml", f'<sst xmlns="{S}"><si><t>事项名称</t></si><si><t>承接部门</t></si>'
                                           f'<si><t>建设工程规划许可</t></si></sst>')
        z.writestr("xl/worksheets/sheet1.xml", f'<worksheet xmlns="{S}"><sheetData>'
                   '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>'
                   '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>3</v></c>'
                   '<c r="C2" t="inlineStr"><is><t>县住建局</t></is></c></row></sheetData></worksheet>')
    assert xlsx_text(buf.getvalue(), "t.xlsx").splitlines() == [
        "赋权事项", "事项名称 |  | 承接部门", "建设工程规划许可 | 3 | 县住建局"]


def test_unreadable_formats_say_what_to_do(tmp_path):
    with pytest.raises(LoadError, match="not a valid OFD file") as e:
        to_text(b"PK", str(tmp_path / "x.ofd"))
    assert "x.ofd" in str(e.value)
    with pytest.raises(LoadError, match="not a zip"):
        to_text(b"plain", "x.docx")
    evil = zipfile.ZipFile(tmp_path / "e.docx", "w")
    evil.writestr("word/document.xml", '<!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>')
    evil.close()
    with pytest.raises(LoadError, match="DOCTYPE"):
        load_file(tmp_path / "e.docx")


def test_a_text_file_with_tags_stays_text():
    assert to_text("一、任务 <p>原样</p>\n".encode(), "a.txt") == "一、任务 <p>原样</p>\n"
