"""Old Word (.doc, .wps) and Excel (.xls, .et) files read like their text
twins; what cannot be read says what to install or do, naming the file."""
from __future__ import annotations

import struct
from pathlib import Path

import pytest

from docmakers import doc_bytes, lines_of, xls_bytes
from graph.errors import LoadError
from loaders.base import load_file
from loaders.evaluate import facts_of
from loaders.formats import to_lines

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "liaoning"
F003 = EXAMPLES / "003_5b890ae601a5bb51.txt"

OPENING = ["关于印发2024年重点工作任务分解表的通知", "各镇人民政府,市政府各部门:",
           "现将《2024年重点工作任务分解表》印发给你们,请认真抓好落实。", "海城市人民政府办公室", "2024年3月1日"]
HEAD = ["序号", "工作任务", "牵头单位", "责任单位", "完成时限"]
ROWS = [["1", "加快推进老旧小区改造,完成改造小区30个", "市住房和城乡建设局", "市财政局、市自然资源局", "2024年12月底"],
        ["2", "深化营商环境建设,推行“一网通办”", "市营商环境建设局", "市政务服务中心、各镇人民政府", "2024年6月底"],
        ["3", "实施农村人居环境整治提升行动", "市农业农村局", "市生态环境局、市卫生健康局、各镇人民政府", "2024年10月底"]]


def _twin(tmp_path: Path) -> Path:
    """The task table as a web page: the text twin of the files below."""
    import html

    cells = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in [HEAD] + ROWS)
    f = tmp_path / "twin.html"
    f.write_text("<html><body>" + "".join(f"<p>{t}</p>" for t in OPENING) + f"<table>{cells}</table></body></html>",
                 encoding="utf-8")
    return f


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_word_97_text_gives_the_facts_of_its_text(tmp_path, suffix):
    f = tmp_path / ("003" + suffix)
    f.write_bytes(doc_bytes(lines_of(F003)))
    assert [ln.text for ln in to_lines(f.read_bytes(), str(f)) if ln.text] == lines_of(F003)
    _, got = load_file(f)
    _, want = load_file(F003)
    assert facts_of(got) == facts_of(want) and facts_of(want)


def test_word_97_tables_keep_their_cells(tmp_path):
    data = doc_bytes(OPENING, [HEAD] + ROWS)
    rows = [ln for ln in to_lines(data, "t.doc") if ln.cells is not None]
    assert [list(r.cells) for r in rows] == [HEAD] + ROWS and {r.table for r in rows} == {0}
    f = tmp_path / "t.doc"
    f.write_bytes(data)
    _, got = load_file(f)
    _, want = load_file(_twin(tmp_path))
    assert facts_of(got) == facts_of(want)
    assert sum(1 for x in facts_of(want) if x[0] == "LEADS") == 3


def test_empty_cells_and_fields_in_word_97():
    data = doc_bytes(["见\x13 HYPERLINK \"http://x\" \x14附件\x15。"], [["序号", "牵头单位", "备注"], ["1", "市财政局", ""]])
    lines = to_lines(data, "f.doc")
    assert lines[0].text == "见附件。"                       # the field's code dropped, its result kept
    assert [ln.cells for ln in lines if ln.cells] == [("序号", "牵头单位", "备注"), ("1", "市财政局", "")]


@pytest.mark.parametrize("suffix", [".xls", ".et"])
def test_old_excel_gives_the_facts_of_its_web_page(tmp_path, suffix):
    f = tmp_path / ("t" + suffix)
    f.write_bytes(xls_bytes([[t] for t in OPENING] + [HEAD] + ROWS, "任务分解"))
    lines = to_lines(f.read_bytes(), str(f))
    assert [ln.text for ln in lines[:6]] == ["任务分解"] + OPENING and lines[1].cells is None
    assert [list(ln.cells) for ln in lines[6:]] == [HEAD] + ROWS
    _, got = load_file(f)
    _, want = load_file(_twin(tmp_path))
    assert facts_of(got) == facts_of(want)


def test_old_excel_numbers_and_dates_print_as_people_write_them(tmp_path):
    import datetime
    from io import BytesIO

    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sh = book.add_sheet("表")
    sh.write(0, 0, "序号")
    sh.write(0, 1, "金额")
    sh.write(0, 2, "完成时限")
    sh.write(1, 0, 1)
    sh.write(1, 1, 2.5)
    sh.write(1, 2, datetime.date(2024, 3, 1), xlwt.easyxf(num_format_str="YYYY-MM-DD"))
    buf = BytesIO()
    book.save(buf)
    assert to_lines(buf.getvalue(), "n.xls")[-1].cells == ("1", "2.5", "2024-03-01")


def test_a_web_page_or_a_zip_under_an_old_name_is_read_for_what_it_is():
    page = "<html><body><table><tr><td>序号</td><td>牵头单位</td></tr><tr><td>1</td><td>市财政局</td></tr></table>"
    assert [ln.cells for ln in to_lines(page.encode("gb18030"), "export.xls")] == [("序号", "牵头单位"), ("1", "市财政局")]


def test_damaged_old_office_files_name_the_file(tmp_path, monkeypatch):
    xls = xls_bytes([HEAD] + ROWS)
    with pytest.raises(LoadError, match="cut.xls: damaged"):
        to_lines(xls[:1500], "cut.xls")
    with pytest.raises(LoadError, match="plain.et: not a WPS spreadsheet"):
        to_lines("序号,牵头单位".encode(), "plain.et")
    with pytest.raises(LoadError, match="plain.doc: not an old Word file"):
        to_lines("一、总则".encode(), "plain.doc")
    doc = bytearray(doc_bytes(["一、总则"]))
    i = doc.index(struct.pack("<HH", 0xA5EC, 0x00C1))
    locked = bytearray(doc)
    struct.pack_into("<H", locked, i + 0x0A, 0x0300)
    with pytest.raises(LoadError, match="locked.doc: an old Word file is encrypted"):
        to_lines(bytes(locked), "locked.doc")
    # a Word 6 file needs a converter; with none installed the error names the package
    struct.pack_into("<H", doc, i + 2, 0x0065 - 1)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(LoadError, match=r"w6.doc: an old Word file \(a Word 6/95 file.*apt-get install antiword"):
        to_lines(bytes(doc), "w6.doc")
    with pytest.raises(LoadError, match=r"x.rtf: an RTF file: reading it needs a converter.*libreoffice-writer"):
        to_lines(b"{\\rtf1\\ansi hello}", "x.rtf")
