"""PDF files as lines: text in reading order, ruled tables as cells.

A page that draws no lines is read from pypdfium2's characters (fast); a
page that does goes to pdfplumber (on pdfminer.six), which finds ruled tables
from the lines and rectangles drawn. On each page:

* a ruled table (two rows or columns at least) becomes one line per row with
  its cells; its characters are left out of the text;
* the rest is grouped into printed lines by baseline; a page whose lines
  leave a common gap down its middle is read as two columns (left column,
  then right, between the lines that span both);
* a printed line that runs to the right edge of its column and is followed
  by a line that starts at the left edge (not indented) and opens with no
  number (``1.``, ``(一)``, ``一、``, ``第三条``) or label (``牵头单位:``)
  continues one paragraph: the two are joined, as a Chinese paragraph wraps;
* page numbers (``— 3 —``, ``- 3 -``, ``第3页 共9页``, ``3/9``) that open or
  close a page, and lines repeated at the top or bottom of most pages
  (running headers and footers), are dropped.

Every line carries its page (1-based). A PDF without a text layer (a scan)
raises a :class:`~graph.errors.LoadError` saying it needs OCR.
"""
from __future__ import annotations

import logging
import math
import re
from collections import Counter
from dataclasses import dataclass
from io import BytesIO

from graph.errors import LoadError

__all__ = ["pdf_lines", "page_rows", "page_lines", "drop_furniture", "MAX_PAGES"]

MAX_PAGES = 3000

_PAGE_NO = re.compile(r"^\s*(?:[-—–―─－~]+\s*\d{1,4}\s*[-—–―─－~]+|[-—–―─－]?\s*\d{1,4}\s*[-—–―─－]?|"
                      r"第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|"
                      r"page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)\s*$", re.I)
# what opens a paragraph of its own: a number (1. 1、 (一) 一、 第三条), or a label (牵头单位:)
_OPENS = re.compile(r"\s*(?:\d{1,3}\s*[.、．]\D|[(（]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|[一二三四五六七八九十]{1,3}、|"
                    r"第[一二三四五六七八九十百零〇\d]{1,4}[条章节篇部分]|[\u4e00-\u9fff]{2,6}\d{0,2}\s*[:：])")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\uffef]")


@dataclass
class _Row:
    """A printed line, or a table row, on one page."""

    top: float
    x0: float
    x1: float
    text: str
    size: float
    col: str = "full"            # "full", "left" or "right"
    cells: tuple[str, ...] | None = None
    table: object = None         # the pdfplumber table it came from
    page: int = 0
    trail: bool = False          # a space printed at its end (where a line wraps at a space)
    last_page: int = 0           # the page its last printed line is on (a paragraph can go on over a break)
    margin: bool = False         # printed in the page's top or bottom tenth
    lead: float = 0.0            # the width of its first unbreakable piece (a word, or one Chinese character)


def _join(a: str, b: str) -> str:
    """Two pieces of one paragraph or cell, as one: no space between Chinese."""
    if not a or not b:
        return a + b
    if _CJK.match(a[-1]) or _CJK.match(b[0]):
        return a + b
    return a + " " + b


def _cell(text: str | None) -> str:
    if not text:
        return ""
    out = ""
    for piece in text.split("\n"):
        out = _join(out, piece.strip())
    return re.sub(r"[ \t]+", " ", out).strip()


def _line_text(chars: list[dict]) -> str:
    out: list[str] = []
    prev = None
    for c in chars:
        if prev is not None and not c["text"].isspace() and (not out or not out[-1].isspace()):
            gap = c["x0"] - prev["x1"]
            if gap > 0.3 * max(c["size"], 1):
                out.append(" ")
        out.append(c["text"])
        prev = c
    return "".join(out).strip()


_OPENING_PUNCT = "“‘《（(【〔［[「『"
_CLOSING_PUNCT = "”’》）)】〕］]」』，,。.、；;：:！!？?"


def _lead(chars: list[dict]) -> float:
    """How wide a line's first piece is, which could not have been broken
    off: a Latin word or number, else one Chinese character, with the
    punctuation that may not end or open a line (《 before it, 》 or ， after)."""
    first = chars[0]
    end = first["x1"]
    k = 1
    if first["text"] in _OPENING_PUNCT and len(chars) > 1:
        end, k = chars[1]["x1"], 2
    if not _CJK.match(chars[k - 1]["text"]) or chars[k - 1]["text"] in _OPENING_PUNCT:
        for c in chars[k:]:
            if c["text"].isspace() or _CJK.match(c["text"]):
                break
            end, k = c["x1"], k + 1
    while k < len(chars) and chars[k]["text"] in _CLOSING_PUNCT:
        end, k = chars[k]["x1"], k + 1
    return end - first["x0"]


def _baselines(chars: list[dict]) -> list[list[dict]]:
    """Characters grouped into printed lines (same baseline, within a third of
    the type size), top to bottom, each left to right."""
    rows: list[list[dict]] = []
    for c in sorted(chars, key=lambda c: (round(c["bottom"], 1), c["x0"])):
        if rows and abs(rows[-1][-1]["bottom"] - c["bottom"]) <= max(c["size"], 1) / 3:
            rows[-1].append(c)
        else:
            rows.append([c])
    return [sorted(r, key=lambda c: c["x0"]) for r in rows]


def _segments(row: list[dict]) -> list[list[dict]]:
    """A printed line cut where it leaves a gap of two characters or more."""
    segs = [[row[0]]]
    for c in row[1:]:
        if c["text"].strip() == "":
            segs[-1].append(c)
            continue
        last = next((x for x in reversed(segs[-1]) if x["text"].strip()), segs[-1][-1])
        if c["x0"] - last["x1"] > 2 * max(c["size"], 1):
            segs.append([c])
        else:
            segs[-1].append(c)
    return segs


def _gutter(segs: list[list[dict]], width: float) -> float | None:
    """The x of a gap down the middle of the page that most lines leave and
    text sits on both sides of, or None (one column)."""
    if len(segs) < 6:
        return None
    spans = [(s[0]["x0"], max(c["x1"] for c in s)) for s in segs]
    xs = [width * 0.3 + 1.0 * k for k in range(int(width * 0.4) + 1)]
    cover = [sum(1 for a, b in spans if a < x < b) for x in xs]
    low = min(cover)
    runs: list[list[float]] = []   # the widest stretch of the least-covered x is the gutter
    for x, c in zip(xs, cover):
        if c == low:
            if runs and x - runs[-1][-1] <= 1.01:
                runs[-1].append(x)
            else:
                runs.append([x])
    run = max(runs, key=len)
    best, best_cover = (run[0] + run[-1]) / 2, low
    left = sum(1 for a, b in spans if b <= best)
    right = sum(1 for a, b in spans if a >= best)
    if best_cover <= 0.15 * len(spans) and left >= 0.25 * len(spans) and right >= 0.25 * len(spans):
        return best
    return None


def page_rows(page, number: int) -> list[_Row]:
    """The rows of one page in reading order. ``page`` is a pdfplumber page,
    or anything with its ``chars``, ``lines``/``rects``/``curves``,
    ``find_tables()``, ``width`` and ``height`` (an OFD page does)."""
    tables = []
    if page.lines or page.rects or page.curves:
        for t in page.find_tables():
            data = t.extract()
            if len(data) >= 2 or (data and len(data[0]) >= 2):
                tables.append((t, data))
    boxes = [t.bbox for t, _ in tables]

    def in_table(c: dict) -> bool:
        cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
        return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

    chars, seen = [], set()
    for c in page.chars:  # a character drawn twice over itself (a faked bold) counts once
        k = (c["text"], round(c["x0"]), round(c["top"]))
        if k not in seen and c.get("upright", True) and not in_table(c):
            seen.add(k)
            chars.append(c)
    segs: list[list[dict]] = []
    for row in _baselines(chars):
        segs.extend(_segments(row))
    gutter = _gutter(segs, float(page.width))
    rows: list[_Row] = []
    # two columns: segments of one baseline on the same side join again
    by_line: dict[tuple[float, str], list[list[dict]]] = {}
    for s in segs:
        x0, x1 = s[0]["x0"], max(c["x1"] for c in s)
        col = "full" if gutter is None or x0 < gutter < x1 else ("left" if x1 <= gutter else "right")
        key = (round(s[0]["bottom"], 1), col)
        by_line.setdefault(key, []).append(s)
    for (_, col), parts in by_line.items():
        cs = [c for p in parts for c in p]
        text = _line_text(cs)
        if text:
            size = Counter(round(c["size"], 1) for c in cs).most_common(1)[0][0]
            rows.append(_Row(min(c["top"] for c in cs), cs[0]["x0"], max(c["x1"] for c in cs), text, size, col,
                             page=number, lead=_lead([c for c in cs if not c["text"].isspace()] or cs),
                             trail=cs[-1]["text"].isspace()))
    for t, data in tables:
        x0, top, x1, _ = t.bbox
        for i, r in enumerate(data):
            cells = tuple(_cell(c) for c in r)
            if any(cells):
                rows.append(_Row(top + i * 0.001, x0, x1, "", 0, "full", cells, t, number))
    h = float(page.height)
    for r in rows:
        r.margin = r.top < 0.1 * h or r.top + r.size > 0.9 * h
    return _reading_order(rows)


def _reading_order(rows: list[_Row]) -> list[_Row]:
    """Top to bottom; between two lines that span the page, the left
    column's lines before the right's."""
    rows.sort(key=lambda r: r.top)
    out: list[_Row] = []
    left: list[_Row] = []
    right: list[_Row] = []
    for r in rows:
        if r.col == "left":
            left.append(r)
        elif r.col == "right":
            right.append(r)
        else:
            out.extend(left + right)
            left, right = [], []
            out.append(r)
    return out + left + right


def drop_furniture(pages: list[list[_Row]]) -> None:
    """Page numbers opening or closing a page, and running headers and
    footers (the same first or last line on most pages), dropped in place."""
    def key(r: _Row) -> str:
        return re.sub(r"\d+", "#", re.sub(r"\s+", "", r.text))

    ends: Counter[str] = Counter()
    margins: Counter[str] = Counter()
    for rows in pages:
        texts = [r for r in rows if r.cells is None]
        for r in {id(x): x for x in texts[:1] + texts[-1:]}.values():
            ends[key(r)] += 1
            margins[key(r)] += r.margin
    half = len(pages) / 2
    running = {k for k, n in ends.items() if (n >= 3 and n >= half) or (margins[k] >= 2 and margins[k] >= half)}
    for rows in pages:
        for _ in range(2):  # a header and a page number may both open a page
            for pos in (0, -1):
                texts = [r for r in rows if r.cells is None]
                if not texts:
                    break
                r = texts[pos]
                if _PAGE_NO.match(r.text) or key(r) in running:
                    rows.remove(r)


def _reflow(pages: list[list[_Row]]) -> list[_Row]:
    """Printed lines joined into the paragraphs they wrap: a line that runs to
    its column's right edge goes on in the next line of the same column when
    that one starts at the left edge."""
    edges: dict[str, tuple[float, float]] = {}
    for rows in pages:
        for r in rows:  # a table spans the text block: its edges count for lines across the page
            col = r.col if r.cells is None else "full"
            lo, hi = edges.get(col, (r.x0, r.x1))
            edges[col] = (min(lo, r.x0), max(hi, r.x1))
    # a column wraps only where lines do reach its right edge (else its longest line would seem full)
    full = Counter(r.col for rows in pages for r in rows
                   if r.cells is None and r.x1 >= edges[r.col][1] - 1.5 * max(r.size, 1))
    wraps = {col for col, n in full.items() if n >= 2}
    out: list[_Row] = []
    for rows in pages:
        for r in rows:
            prev = out[-1] if out else None
            if (prev is not None and prev.cells is None and r.cells is None and abs(prev.size - r.size) < 0.5
                    and (prev.col == r.col or (prev.col, r.col) in (("left", "right"), ("right", "left")))
                    and ((prev.last_page or prev.page) == r.page or r is rows[0]) and not _PAGE_NO.match(r.text)):
                room = edges[prev.col][1] - prev.x1       # what was left at the end of the line
                if prev.col in wraps and room < r.lead + 2 * r.size and r.x0 <= edges[r.col][0] + 0.5 * r.size \
                        and not _OPENS.match(r.text):
                    prev.text = prev.text + " " + r.text if prev.trail else _join(prev.text, r.text)
                    prev.x1, prev.col, prev.last_page, prev.trail = r.x1, r.col, r.page, r.trail
                    continue
            out.append(r)
    return out


class _Chars:
    """A page with characters only (no ruling), in the shape page_rows wants."""

    lines = rects = curves = ()

    def __init__(self, chars: list[dict], width: float, height: float):
        self.chars, self.width, self.height = chars, width, height

    def find_tables(self) -> list:
        return []


def _pdfium_chars(textpage, height: float) -> list[dict]:
    """The characters of a page as pypdfium2 gives them: baseline from the
    character's origin, left and right from its loose box, the type size from
    the font size and the character's matrix (top down, as pdfplumber's)."""
    import ctypes

    import pypdfium2.raw as R

    raw = textpage.raw
    x, y = ctypes.c_double(), ctypes.c_double()
    box, m = R.FS_RECTF(), R.FS_MATRIX()
    out: list[dict] = []
    n = R.FPDFText_CountChars(raw)
    k = 0
    while k < n:
        u = R.FPDFText_GetUnicode(raw, k)
        k += 1
        if R.FPDFText_IsGenerated(raw, k - 1) == 1 or (u < 32 and u != 9) or u in (0xFFFE, 0xFFFF):
            continue
        if 0xD800 <= u < 0xDC00 and k < n:   # a character past the BMP comes as two halves
            lo = R.FPDFText_GetUnicode(raw, k)
            if 0xDC00 <= lo < 0xE000:
                u, k = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00), k + 1
        i = k - 1 if u < 0x10000 else k - 2
        R.FPDFText_GetCharOrigin(raw, i, x, y)
        R.FPDFText_GetLooseCharBox(raw, i, box)
        R.FPDFText_GetMatrix(raw, i, m)
        size = R.FPDFText_GetFontSize(raw, i) * math.sqrt(abs(m.a * m.d - m.b * m.c)) or 1.0
        base = height - y.value
        out.append({"text": chr(u), "x0": box.left, "x1": box.right, "top": base - size, "bottom": base,
                    "size": size, "upright": abs(m.b) < 1e-3 and abs(m.c) < 1e-3})
    return out


def _has_paths(page) -> bool:
    import pypdfium2.raw as R

    for _ in page.get_objects(filter=(R.FPDF_PAGEOBJ_PATH,), max_depth=4):
        return True
    return False


def pdf_lines(data: bytes, path: str):
    """The lines of a PDF file (see the module's docstring). A page that
    draws no lines (nothing to rule a table) is read from pypdfium2's
    characters, several times faster; a page that does goes to pdfplumber,
    which finds its tables."""
    try:
        import pdfplumber
        import pypdfium2 as pdfium
    except ImportError:  # pragma: no cover - a dependency of govgraph
        raise LoadError(path, "reading PDF needs the pdfplumber package", hint="pip install pdfplumber") from None
    for name in ("pdfminer", "pdfplumber"):
        logging.getLogger(name).setLevel(logging.ERROR)
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise LoadError(path, "not a PDF file (no %PDF header)")
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if "password" in str(e).lower():
            raise LoadError(path, "the PDF is encrypted", hint="save an unprotected copy") from None
        raise LoadError(path, f"not a valid PDF ({e})") from None
    pages: list[list[_Row]] = []
    chars = 0
    plumber = None
    try:
        if len(doc) > MAX_PAGES:
            raise LoadError(path, f"has {len(doc)} pages, more than govgraph reads ({MAX_PAGES})")
        for n in range(len(doc)):
            page = doc[n]
            try:
                if _has_paths(page):
                    if plumber is None:
                        plumber = pdfplumber.open(BytesIO(data))
                    pp = plumber.pages[n]
                    chars += len(pp.chars)
                    pages.append(page_rows(pp, n + 1))
                    pp.close()
                else:
                    width, height = page.get_size()
                    tp = page.get_textpage()
                    cs = _pdfium_chars(tp, height)
                    tp.close()
                    chars += len(cs)
                    pages.append(page_rows(_Chars(cs, width, height), n + 1))
            finally:
                page.close()
    except LoadError:
        raise
    except Exception as e:  # pdfminer and pdfium raise many kinds on damaged files
        kind = type(e).__name__
        if "Password" in kind or "Encrypt" in kind:
            raise LoadError(path, "the PDF is encrypted", hint="save an unprotected copy") from None
        raise LoadError(path, f"damaged PDF ({kind}: {e})") from None
    finally:
        if plumber is not None:
            plumber.close()
        doc.close()
    if not pages:
        raise LoadError(path, "the PDF has no pages")
    if chars:
        drop_furniture(pages)
    if not any(pages):  # nothing printed as text, or only page numbers and running heads
        raise LoadError(path, f"the PDF has no text layer ({len(pages)} page(s) of images, a scan?): "
                              "it needs OCR, which govgraph does not do",
                        hint="run OCR on it first (e.g. ocrmypdf) and load the result")
    return page_lines(pages)


def page_lines(pages: list[list[_Row]]):
    """The lines of a paged document from its pages' rows (headers and page
    numbers already dropped): paragraphs joined, tables numbered, a table
    going on over a page break kept one table."""
    from .formats import TextLine

    lines = []
    tables: dict[int, int] = {}
    last_table = None   # (index, columns, first row) of the table that closed the previous page
    for r in _reflow(pages):
        if r.cells is None:
            lines.append(TextLine(r.text, page=r.page))
            last_table = None
            continue
        t = id(r.table)
        if t not in tables:
            first_on_page = not any(ln.page == r.page for ln in lines)
            if last_table is not None and first_on_page and last_table[1] == len(r.cells):
                tables[t] = last_table[0]
                if r.cells == last_table[2]:
                    continue  # the header row a table repeats on its next page
            else:
                tables[t] = len(set(tables.values()))
        lines.append(TextLine(" | ".join(r.cells), r.cells, tables[t], r.page))
        first = last_table[2] if last_table is not None and last_table[0] == tables[t] else r.cells
        last_table = (tables[t], len(r.cells), first)
    return lines
