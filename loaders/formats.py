"""File formats in, plain text out: the document as lines, before any
understanding.

Government documents reach users as text, as saved web pages, as Word or
Excel attachments, as PDF and OFD. :func:`to_lines` turns each into lines
that the loaders read; the formats of the standard library are here:

* ``.txt`` / ``.text``: decoded (UTF-8, UTF-16 with BOM, else GB18030);
* ``.html`` / ``.htm`` / ``.shtml``: scripts, styles and the page head
  dropped, block elements become lines, and each table row one line with its
  cells joined by `` | `` (the way the loaders read flattened tables);
* ``.docx``: paragraphs become lines, table rows become `` | `` lines;
* ``.xlsx``: each sheet's rows become `` | `` lines (a title row per sheet);

and the others in modules of their own: ``.pdf`` (:mod:`loaders.pdf`),
``.ofd`` (:mod:`loaders.ofd`), ``.xls`` / ``.et`` (:mod:`loaders.xls`),
``.doc`` / ``.wps`` / ``.rtf`` (:mod:`loaders.doc`).

Line numbers in evidence count the lines of this text. A row of a real table
keeps its cells, so readers need not guess them again from the `` | `` text;
a line of a paged format (PDF, OFD) carries its page.
"""
from __future__ import annotations

import logging
import re
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path
from xml.etree import ElementTree

from graph.errors import LoadError

__all__ = ["DOCUMENT_SUFFIXES", "TextLine", "documents_in", "page_starts", "page_of", "to_lines", "to_text", "html_text", "docx_text",
           "xlsx_text"]

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
DOCUMENT_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + (".docx", ".xlsx", ".pdf", ".ofd", ".xls", ".et", ".doc", ".wps",
                                                    ".rtf")
_UNREADABLE: dict[str, str] = {}
CELL_SEP = " | "
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TextLine:
    """One line of a document file before any understanding.

    ``text`` is the line as printed (a table row's cells joined by `` | ``);
    ``cells`` holds a real table row's cells, ``table`` numbers the file's
    tables (0, 1, …) so that two tables in a row stay apart, and ``page`` is
    the page the line was printed on, where the format has pages.
    """

    text: str
    cells: tuple[str, ...] | None = None
    table: int | None = None
    page: int | None = None


def page_starts(lines) -> list[int]:
    """Where each page begins: the line number (as evidence counts) of the
    first kept line on page 2, 3, … (page 1 begins at line 1; a page with no
    line of its own begins where the next does). Empty without pages.

    >>> from types import SimpleNamespace as L
    >>> page_starts([L(no=2, page=1), L(no=3, page=1), L(no=5, page=3)])
    [1, 5, 5]
    """
    firsts: dict[int, int] = {}
    for ln in lines:
        if ln.page is not None and ln.page not in firsts:
            firsts[ln.page] = ln.no
    if not firsts:
        return []
    out: list[int] = []
    for page in range(max(firsts), 0, -1):
        out.append(firsts.get(page, out[-1] if out else 1))
    out[-1] = 1   # page 1 begins the file, kept line or not
    return out[::-1]


def page_of(starts: list[int], line: int) -> int | None:
    """The page a line (as evidence numbers it) is printed on, from a
    Document's ``page_starts``; None without pages.

    >>> page_of([1, 40, 85], 39), page_of([1, 40, 85], 40), page_of([1, 40, 85], 300)
    (1, 2, 3)
    """
    import bisect

    return bisect.bisect_right(starts, line) or None if starts else None


def _row(cells: list[str], table: int) -> TextLine:
    return TextLine(CELL_SEP.join(cells), tuple(cells), table)


def _plain(text: str) -> list[TextLine]:
    return [TextLine(t) for t in text.splitlines()]


def documents_in(folder: Path) -> list[Path]:
    """The documents govgraph reads in a folder and its subfolders, sorted.
    Files it skips (other suffixes, Office lock files ``~$…``, hidden files)
    are named in a warning (on stderr from the command line)."""
    found, skipped = [], []
    for f in sorted(Path(folder).rglob("*")):
        if not f.is_file():
            continue
        if f.name.startswith(("~$", ".")):
            skipped.append(f"{f.name} (a lock or hidden file)")
        elif f.suffix.lower() in DOCUMENT_SUFFIXES:
            found.append(f)
        else:
            skipped.append(f"{f.name} ({f.suffix or 'no suffix'}: not a format govgraph reads)")
    if skipped:
        more = f" and {len(skipped) - 10} more" if len(skipped) > 10 else ""
        log.warning("%s: skipped %d file(s): %s%s", folder, len(skipped), ", ".join(skipped[:10]), more)
    return found


def to_lines(data: bytes, path: str) -> list[TextLine]:
    """The lines of a document file, by its suffix (HTML also by its first
    tag), table rows with their cells."""
    from .text import decode

    suffix = Path(path).suffix.lower()
    if suffix in _UNREADABLE:
        raise LoadError(path, f"{_UNREADABLE[suffix]}: govgraph reads text, HTML, .docx and .xlsx",
                        hint="save it as .docx or .txt (or copy its text into a .txt file)")
    if suffix == ".pdf":
        from .pdf import pdf_lines

        return pdf_lines(data, path)
    if suffix == ".ofd":
        from .ofd import ofd_lines

        return ofd_lines(data, path)
    if suffix in (".xls", ".et"):
        from .xls import xls_lines

        return xls_lines(data, path)
    if suffix in (".doc", ".wps", ".rtf"):
        from .doc import doc_lines

        return doc_lines(data, path)
    if suffix == ".docx":
        return docx_lines(data, path)
    if suffix == ".xlsx":
        return xlsx_lines(data, path)
    text = decode(data, path)
    if suffix in HTML_SUFFIXES or re.match(r"\s*(<!doctype html|<html[\s>])", text[:200], re.I):
        return html_lines(text)
    return _plain(text)


def to_text(data: bytes, path: str) -> str:
    """The text of a document file: :func:`to_lines` joined."""
    return _joined(to_lines(data, path))


def _joined(lines: list[TextLine]) -> str:
    return "".join(ln.text + "\n" for ln in lines)


# -- HTML -------------------------------------------------------------------

_BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "section",
          "article", "header", "footer", "nav", "blockquote", "pre", "hr", "dd", "dt", "dl", "center",
          "form", "aside", "main", "caption", "tbody", "thead", "title"}
_SKIP = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[TextLine] = []
        self.cur: list[str] = []
        self.skip = 0
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.tables = -1      # index of the current table (outermost)
        self.depth = 0        # <table> nesting

    def _flush(self) -> None:
        text = "".join(self.cur).strip()
        if text:
            self.lines.append(TextLine(text))
        self.cur = []

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip += 1
            return
        if self.skip:
            return
        if tag == "table":
            if self.depth == 0:
                self.tables += 1
            self.depth += 1
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
        if tag == "table":
            self.depth = max(0, self.depth - 1)
        if tag in ("td", "th") and self.row is not None and self.cell is not None:
            self.row.append(re.sub(r"\s+", " ", "".join(self.cell)).strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if self.cell is not None:  # an unclosed cell
                self.row.append(re.sub(r"\s+", " ", "".join(self.cell)).strip())
                self.cell = None
            if any(self.row):
                self.lines.append(_row(self.row, max(self.tables, 0)))
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


def html_lines(html: str) -> list[TextLine]:
    """The visible lines of a web page, table rows with their cells."""
    p = _Text()
    p.feed(html)
    p.close()
    return p.lines


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
    return _joined(html_lines(html))


# -- Office Open XML ----------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
# -- bounds: what one Office file may hold ---------------------------------
#: the largest XML part read (a 32 MB part parses in about a second in ~250 MB)
MAX_XML_BYTES = 32 * 1024 * 1024
#: Excel's last column (XFD): a cell beyond it is not a real cell
MAX_COLUMNS = 16384
#: the most cells a workbook's rows may spread over (empty cells between filled ones count)
MAX_CELLS = 2_000_000


def _column(ref: str, path: str, sheet: str) -> int:
    """The 0-based column of a cell reference ("C7" -> 2; -1 without letters);
    a cell beyond Excel's last column (XFD) is an error, not a reason to
    spread a row over millions of empty cells.

    >>> _column("C7", "f.xlsx", "S1"), _column("XFD1", "f.xlsx", "S1")
    (2, 16383)
    """
    m = re.match(r"[A-Za-z]{1,4}", ref)
    if not m:
        return -1
    n = 0
    for ch in m.group(0).upper():
        n = n * 26 + ord(ch) - 64
    if n > MAX_COLUMNS:
        raise LoadError(path, f"sheet {sheet}: cell {ref[:20]} lies beyond Excel's last column (XFD)",
                        hint="not a file Excel wrote? save it again from Excel or WPS")
    return n - 1


def _part(data: bytes, path: str, name: str, required: bool = True) -> ElementTree.Element | None:
    try:
        with zipfile.ZipFile(BytesIO(data)) as z:
            try:
                info = z.getinfo(name)
            except KeyError:
                if required:
                    raise LoadError(path, f"not a valid Office file (no {name})") from None
                return None
            if info.file_size > MAX_XML_BYTES:
                raise LoadError(path, f"{name} is too large ({info.file_size:,} bytes unpacked; govgraph reads "
                                      f"parts of up to {MAX_XML_BYTES:,})", hint="split the document")
            with z.open(info) as f:  # reads at most the size the archive states
                xml = f.read(MAX_XML_BYTES + 1)
            if len(xml) > MAX_XML_BYTES:
                raise LoadError(path, f"{name} is too large (more than {MAX_XML_BYTES:,} bytes unpacked)")
    except zipfile.BadZipFile as e:
        raise LoadError(path, f"not a valid Office file ({e})") from None
    except (zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as e:
        raise LoadError(path, f"not a readable Office file ({e})") from None
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
    return _joined(docx_lines(data, path))


def docx_lines(data: bytes, path: str) -> list[TextLine]:
    """The lines of a Word (.docx) file, table rows with their cells."""
    root = _part(data, path, "word/document.xml")
    body = root.find(_W + "body") if root is not None else None
    lines: list[TextLine] = []
    tables = 0

    def walk(el: ElementTree.Element) -> None:
        nonlocal tables
        for child in el:
            if child.tag == _W + "p":
                lines.extend(TextLine(t) for t in _paragraph(child).split("\n"))
            elif child.tag == _W + "tbl":
                for tr in child.iter(_W + "tr"):
                    cells = [re.sub(r"\s+", " ", " ".join(_paragraph(p).strip() for p in tc.iter(_W + "p")).strip())
                             for tc in tr.findall(_W + "tc")]
                    if any(cells):
                        lines.append(_row(cells, tables))
                tables += 1
            elif child.tag == _W + "sdt":  # content controls wrap paragraphs and tables
                content = child.find(_W + "sdtContent")
                if content is not None:
                    walk(content)

    if body is not None:
        walk(body)
    return lines


def xlsx_text(data: bytes, path: str) -> str:
    """The text of an Excel (.xlsx) file: per sheet, its name on a line, then
    each row as a ``cell | cell`` line (empty rows left out)."""
    return _joined(xlsx_lines(data, path))


def xlsx_lines(data: bytes, path: str) -> list[TextLine]:
    """The lines of an Excel (.xlsx) file: per sheet its name, then its rows
    with their cells (each sheet one table)."""
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
    lines: list[TextLine] = []
    spread = 0  # cells the rows so far spread over
    sheets = book.find(_S + "sheets") if book is not None else None
    for i, sh in enumerate(list(sheets) if sheets is not None else [], start=1):
        target = targets.get(sh.get(_R + "id"), f"worksheets/sheet{i}.xml").lstrip("/")
        name = target if target.startswith("xl/") else "xl/" + target
        ws = _part(data, path, name, required=False)
        if ws is None:
            continue
        sheet = sh.get("name", f"Sheet{i}")
        lines.append(TextLine(sheet))
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
                col = _column(c.get("r", ""), path, sheet) if c.get("r") else len(cells)
                if col < 0:  # a reference without letters ("7"): the next cell
                    col = len(cells)
                cells[col] = re.sub(r"\s+", " ", v).strip()
            filled = [k for k, v in cells.items() if v]
            if filled:
                width = max(filled) + 1
                spread += width
                if spread > MAX_CELLS:
                    raise LoadError(path, f"sheet {sheet}: more than {MAX_CELLS:,} cells; govgraph reads tables "
                                          "of documents, not data dumps", hint="keep the sheets with the tasks")
                lines.append(_row([cells.get(k, "") for k in range(width)], i - 1))
    return lines
