"""File formats in, plain text out: the document as lines, before any
understanding.

Government documents reach users as text, as saved web pages and as Word or
Excel attachments. :func:`to_text` turns each into lines that the loaders
read, with the standard library only:

* ``.txt`` / ``.text``: decoded (UTF-8, UTF-16 with BOM, else GB18030);
* ``.html`` / ``.htm`` / ``.shtml``: scripts, styles and the page head
  dropped, block elements become lines, and each table row one line with its
  cells joined by `` | `` (the way the loaders read flattened tables);
* ``.docx``: paragraphs become lines, table rows become `` | `` lines;
* ``.xlsx``: each sheet's rows become `` | `` lines (a title row per sheet).

Line numbers in evidence count the lines of this text. Old binary Office
files and PDFs get a clear error saying what to convert them to.
"""
from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path
from xml.etree import ElementTree

from graph.errors import LoadError

__all__ = ["DOCUMENT_SUFFIXES", "documents_in", "to_text", "html_text", "docx_text", "xlsx_text"]

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
DOCUMENT_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + (".docx", ".xlsx")
_UNREADABLE = {".pdf": "a PDF", ".doc": "an old Word file", ".xls": "an old Excel file",
               ".wps": "a WPS file", ".ofd": "an OFD file", ".rtf": "an RTF file"}
CELL_SEP = " | "


def documents_in(folder: Path) -> list[Path]:
    """The documents govgraph reads in a folder and its subfolders, sorted."""
    return sorted(f for f in Path(folder).rglob("*") if f.is_file() and f.suffix.lower() in DOCUMENT_SUFFIXES)


def to_text(data: bytes, path: str) -> str:
    """The text of a document file, by its suffix (HTML also by its first tag)."""
    from .text import decode

    suffix = Path(path).suffix.lower()
    if suffix in _UNREADABLE:
        raise LoadError(path, f"{_UNREADABLE[suffix]}: govgraph reads text, HTML, .docx and .xlsx",
                        hint="save it as .docx or .txt (or copy its text into a .txt file)")
    if suffix == ".docx":
        return docx_text(data, path)
    if suffix == ".xlsx":
        return xlsx_text(data, path)
    text = decode(data, path)
    if suffix in HTML_SUFFIXES or re.match(r"\s*(<!doctype html|<html[\s>])", text[:200], re.I):
        return html_text(text)
    return text


# -- HTML -------------------------------------------------------------------

_BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "section",
          "article", "header", "footer", "nav", "blockquote", "pre", "hr", "dd", "dt", "dl", "center",
          "form", "aside", "main", "caption", "tbody", "thead", "title"}
_SKIP = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.cur: list[str] = []
        self.skip = 0
        self.row: list[str] | None = None
        self.cell: list[str] | None = None

    def _flush(self) -> None:
        text = "".join(self.cur).strip()
        if text:
            self.lines.append(text)
        self.cur = []

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip += 1
            return
        if self.skip:
            return
        if tag == "tr":
            self._flush()
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
        elif tag in _BLOCK:
            if self.cell is not None:
                self.cell.append(" ")
            else:
                self._flush()

    def handle_startendtag(self, tag, attrs):
        if tag in ("br", "hr") and not self.skip:
            if self.cell is not None:
                self.cell.append(" ")
            else:
                self._flush()

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag in ("td", "th") and self.row is not None and self.cell is not None:
            self.row.append(re.sub(r"\s+", " ", "".join(self.cell)).strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if self.cell is not None:  # an unclosed cell
                self.row.append(re.sub(r"\s+", " ", "".join(self.cell)).strip())
                self.cell = None
            if any(self.row):
                self.lines.append(CELL_SEP.join(self.row))
            self.row = None
        elif tag in _BLOCK and self.cell is None:
            self._flush()

    def handle_data(self, data):
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
        elif self.row is not None:
            return  # whitespace between cells
        else:
            self.cur.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_text(html: str) -> str:
    """The visible text of a web page, one block per line, table rows as
    ``cell | cell`` lines.

    >>> print(html_text("<html><head><title>x</title><script>var a='<p>';</script></head>"
    ...                 "<body><p>一、总则</p><table><tr><td>序号</td><td><p>牵头单位</p></td></tr>"
    ...                 "<tr><td>1</td><td>市财政局</td></tr></table>此件公开发布<br>2024年1月1日</body></html>"))
    一、总则
    序号 | 牵头单位
    1 | 市财政局
    此件公开发布
    2024年1月1日
    """
    p = _Text()
    p.feed(html)
    p.close()
    return "\n".join(p.lines) + "\n"


# -- Office Open XML ----------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_MAX_XML = 200 * 1024 * 1024


def _part(data: bytes, path: str, name: str, required: bool = True) -> ElementTree.Element | None:
    try:
        with zipfile.ZipFile(BytesIO(data)) as z:
            try:
                info = z.getinfo(name)
            except KeyError:
                if required:
                    raise LoadError(path, f"not a valid Office file (no {name})") from None
                return None
            if info.file_size > _MAX_XML:
                raise LoadError(path, f"{name} is too large ({info.file_size} bytes)")
            xml = z.read(name)
    except zipfile.BadZipFile:
        raise LoadError(path, "not a valid Office file (not a zip archive)") from None
    if b"<!DOCTYPE" in xml[:2000] or b"<!ENTITY" in xml:
        raise LoadError(path, f"{name} declares a DOCTYPE or entities; refused")
    try:
        return ElementTree.fromstring(xml)
    except ElementTree.ParseError as e:
        raise LoadError(path, f"{name} is not well-formed XML: {e}") from None


def _paragraph(p: ElementTree.Element) -> str:
    out = []
    for el in p.iter():
        if el.tag == _W + "t" and el.text:
            out.append(el.text)
        elif el.tag == _W + "tab":
            out.append("\t")
        elif el.tag in (_W + "br", _W + "cr"):
            out.append("\n")
    return "".join(out)


def docx_text(data: bytes, path: str) -> str:
    """The text of a Word (.docx) file: paragraphs as lines, table rows as
    ``cell | cell`` lines (a cell's paragraphs joined by spaces)."""
    root = _part(data, path, "word/document.xml")
    body = root.find(_W + "body") if root is not None else None
    lines: list[str] = []

    def walk(el: ElementTree.Element) -> None:
        for child in el:
            if child.tag == _W + "p":
                lines.extend(_paragraph(child).split("\n"))
            elif child.tag == _W + "tbl":
                for tr in child.iter(_W + "tr"):
                    cells = [" ".join(_paragraph(p).strip() for p in tc.iter(_W + "p")).strip()
                             for tc in tr.findall(_W + "tc")]
                    if any(cells):
                        lines.append(CELL_SEP.join(re.sub(r"\s+", " ", c) for c in cells))
            elif child.tag == _W + "sdt":  # content controls wrap paragraphs and tables
                content = child.find(_W + "sdtContent")
                if content is not None:
                    walk(content)

    if body is not None:
        walk(body)
    return "\n".join(lines) + "\n"


def _col(ref: str) -> int:
    n = 0
    for ch in re.match(r"[A-Z]*", ref).group(0):
        n = n * 26 + ord(ch) - 64
    return n - 1


def xlsx_text(data: bytes, path: str) -> str:
    """The text of an Excel (.xlsx) file: per sheet, its name on a line, then
    each row as a ``cell | cell`` line (empty rows left out)."""
    shared: list[str] = []
    sst = _part(data, path, "xl/sharedStrings.xml", required=False)
    if sst is not None:
        for si in sst.findall(_S + "si"):
            shared.append("".join(t.text or "" for t in si.iter(_S + "t")))
    book = _part(data, path, "xl/workbook.xml")
    rels = _part(data, path, "xl/_rels/workbook.xml.rels", required=False)
    targets = {}
    if rels is not None:
        for r in rels:
            targets[r.get("Id")] = r.get("Target", "")
    lines: list[str] = []
    sheets = book.find(_S + "sheets") if book is not None else None
    for i, sh in enumerate(list(sheets) if sheets is not None else [], start=1):
        target = targets.get(sh.get(_R + "id"), f"worksheets/sheet{i}.xml").lstrip("/")
        name = target if target.startswith("xl/") else "xl/" + target
        ws = _part(data, path, name, required=False)
        if ws is None:
            continue
        lines.append(sh.get("name", f"Sheet{i}"))
        for row in ws.iter(_S + "row"):
            cells: dict[int, str] = {}
            for c in row.findall(_S + "c"):
                t = c.get("t")
                if t == "inlineStr":
                    v = "".join(x.text or "" for x in c.iter(_S + "t"))
                else:
                    ve = c.find(_S + "v")
                    v = ve.text if ve is not None and ve.text else ""
                    if t == "s" and v.isdigit() and int(v) < len(shared):
                        v = shared[int(v)]
                col = _col(c.get("r", "")) if c.get("r") else len(cells)
                cells[col] = re.sub(r"\s+", " ", v).strip()
            if any(cells.values()):
                width = max(cells) + 1
                lines.append(CELL_SEP.join(cells.get(k, "") for k in range(width)))
    return "\n".join(lines) + "\n"
