"""OFD files (GB/T 33190, zipped XML) as lines, by a small reader of our own.

``OFD.xml`` names each document's root (``DocBody/DocRoot``); the document's
``Document.xml`` lists its pages (``Pages/Page/@BaseLoc``); each page's
``Content.xml`` holds layers of ``TextObject`` (a ``Boundary`` box, a
``Size``, an optional ``CTM``) whose ``TextCode`` elements place characters
from ``X``/``Y`` on by ``DeltaX``, and ``PathObject`` whose
``AbbreviatedData`` draws lines (``M``/``L``/``Z``). The characters and the
straight lines go through the same page reading as a PDF's
(:mod:`loaders.pdf`): lines by baseline, two columns, wrapped paragraphs,
page numbers dropped, and ruled tables from the lines as cells. Templates
(the background a page shares with others) and annotations are not read.
"""
from __future__ import annotations

import math
import posixpath
import re
import zipfile
from io import BytesIO
from xml.etree import ElementTree

from graph.errors import LoadError

__all__ = ["ofd_lines", "MAX_PART"]

MAX_PART = 64 * 1024 * 1024
MAX_PAGES = 3000
PT = 72 / 25.4   # OFD measures in millimetres; the page reading thinks in points


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(el, name: str):
    return [c for c in el if _local(c.tag) == name]


def _find(el, *path: str):
    for name in path:
        if el is None:
            return None
        el = next((c for c in el if _local(c.tag) == name), None)
    return el


def _numbers(s: str | None) -> list[float]:
    return [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?(?:[eE]-?\d+)?", s or "")]


def _deltas(s: str | None) -> list[float]:
    """DeltaX/DeltaY, ``g N d`` expanded to N times d."""
    out: list[float] = []
    toks = (s or "").split()
    i = 0
    while i < len(toks):
        if toks[i] == "g" and i + 2 < len(toks):
            try:
                out.extend([float(toks[i + 2])] * int(float(toks[i + 1])))
            except ValueError:
                pass
            i += 3
            continue
        try:
            out.append(float(toks[i]))
        except ValueError:
            pass
        i += 1
    return out


class _Ofd:
    def __init__(self, data: bytes, path: str):
        self.path = path
        try:
            self.zip = zipfile.ZipFile(BytesIO(data))
        except zipfile.BadZipFile:
            raise LoadError(path, "not a valid OFD file (not a zip archive)") from None
        self.names = {n.lstrip("/"): n for n in self.zip.namelist()}

    def xml(self, name: str):
        key = posixpath.normpath(name.lstrip("/"))
        real = self.names.get(key) or next((v for k, v in self.names.items() if k.lower() == key.lower()), None)
        if real is None:
            raise LoadError(self.path, f"not a valid OFD file (no {key})")
        info = self.zip.getinfo(real)
        if info.file_size > MAX_PART:
            raise LoadError(self.path, f"{key} is too large ({info.file_size} bytes)")
        try:
            raw = self.zip.read(real)
        except (zipfile.BadZipFile, OSError, EOFError) as e:
            raise LoadError(self.path, f"damaged OFD file ({key}: {e})") from None
        if b"<!DOCTYPE" in raw[:2000] or b"<!ENTITY" in raw:
            raise LoadError(self.path, f"{key} declares a DOCTYPE or entities; refused")
        try:
            return ElementTree.fromstring(raw)
        except ElementTree.ParseError as e:
            raise LoadError(self.path, f"{key} is not well-formed XML: {e}") from None


def _resolve(base: str, loc: str) -> str:
    """A BaseLoc: absolute from the package root, else relative to the file that names it."""
    loc = loc.strip()
    if loc.startswith("/"):
        return loc.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), loc))


class _Page:
    """An OFD page in the shape the PDF page reading wants (points, top down)."""

    def __init__(self, width: float, height: float):
        self.width, self.height = width, height
        self.chars: list[dict] = []
        self.edges: list[dict] = []
        self.bbox = (0, 0, width, height)

    @property
    def lines(self):
        return self.edges

    rects = curves = ()

    def find_tables(self):
        from pdfplumber.table import TableFinder

        return TableFinder(self, {"vertical_strategy": "lines", "horizontal_strategy": "lines"}).tables

    def edge(self, x0: float, y0: float, x1: float, y1: float) -> None:
        if abs(y0 - y1) < 0.5 and abs(x1 - x0) >= 1:
            a, b = sorted((x0, x1))
            self.edges.append({"x0": a, "x1": b, "top": y0, "bottom": y0, "width": b - a, "height": 0,
                               "orientation": "h", "object_type": "line"})
        elif abs(x0 - x1) < 0.5 and abs(y1 - y0) >= 1:
            a, b = sorted((y0, y1))
            self.edges.append({"x0": x0, "x1": x0, "top": a, "bottom": b, "width": 0, "height": b - a,
                               "orientation": "v", "object_type": "line"})


def _ctm(el):
    m = _numbers(el.get("CTM"))
    return m if len(m) == 6 else [1, 0, 0, 1, 0, 0]


def _read_page(root, page: _Page) -> None:
    for obj in root.iter():
        kind = _local(obj.tag)
        if kind not in ("TextObject", "PathObject"):
            continue
        box = _numbers(obj.get("Boundary"))
        if len(box) < 2:
            continue
        bx, by = box[0], box[1]
        a, b, c, d, e, f = _ctm(obj)

        def at(x: float, y: float) -> tuple[float, float]:
            return (bx + a * x + c * y + e) * PT, (by + b * x + d * y + f) * PT

        if kind == "PathObject":
            if obj.get("Stroke", "true").lower() == "false":
                continue
            toks = re.findall(r"[A-Za-z]|-?\d+(?:\.\d+)?", (_find(obj, "AbbreviatedData").text or "")
                              if _find(obj, "AbbreviatedData") is not None else "")
            cur = start = None
            i = 0
            while i < len(toks):
                t = toks[i]
                if t in ("M", "S") and i + 2 < len(toks):
                    cur = start = at(float(toks[i + 1]), float(toks[i + 2]))
                    i += 3
                elif t == "L" and i + 2 < len(toks):
                    nxt = at(float(toks[i + 1]), float(toks[i + 2]))
                    if cur is not None:
                        page.edge(*cur, *nxt)
                    cur = nxt
                    i += 3
                elif t == "Z":
                    if cur is not None and start is not None:
                        page.edge(*cur, *start)
                    cur = start
                    i += 1
                else:   # curves and arcs draw no ruling: skip their numbers
                    i += 1
                    while i < len(toks) and not toks[i].isalpha():
                        i += 1
            continue
        size = float(obj.get("Size") or 3.5) * math.sqrt(abs(a * d - b * c)) * PT
        x = y = 0.0
        for code in _children(obj, "TextCode"):
            text = code.text or ""
            if code.get("X") is not None:
                x = float(code.get("X"))
            if code.get("Y") is not None:
                y = float(code.get("Y"))
            dx = _deltas(code.get("DeltaX"))
            upright = not code.get("DeltaY")
            for k, ch in enumerate(text):
                step = dx[k] if k < len(dx) else (dx[-1] if dx else float(obj.get("Size") or 3.5))
                x0, base = at(x, y)
                x1, _ = at(x + step, y)
                if ch.strip():
                    width = min(x1 - x0, size) if k < len(dx) else size * (1 if ord(ch) > 0x2E80 else 0.5)
                    page.chars.append({"text": ch, "x0": x0, "x1": x0 + width, "top": base - size * 0.88,
                                       "bottom": base, "size": size, "upright": upright})
                elif ch in " \u00a0\u3000":  # a space as printed (no-break and ideographic ones too)
                    page.chars.append({"text": ch, "x0": x0, "x1": x1, "top": base - size * 0.88,
                                       "bottom": base, "size": size, "upright": upright})
                x += step


def ofd_lines(data: bytes, path: str):
    """The lines of an OFD file (see the module's docstring)."""
    from .pdf import drop_furniture, page_lines, page_rows

    ofd = _Ofd(data, path)
    root = ofd.xml("OFD.xml")
    pages: list = []
    for body in _children(root, "DocBody"):
        loc = _find(body, "DocRoot")
        if loc is None or not (loc.text or "").strip():
            continue
        doc_name = _resolve("OFD.xml", loc.text)
        doc = ofd.xml(doc_name)
        area = _numbers(getattr(_find(doc, "CommonData", "PageArea", "PhysicalBox"), "text", None))
        for pg in _children(_find(doc, "Pages") if _find(doc, "Pages") is not None else doc, "Page"):
            if len(pages) >= MAX_PAGES:
                raise LoadError(path, f"more than {MAX_PAGES} pages, more than govgraph reads")
            name = _resolve(doc_name, pg.get("BaseLoc", ""))
            content = ofd.xml(name)
            box = _numbers(getattr(_find(content, "Area", "PhysicalBox"), "text", None)) or area or [0, 0, 210, 297]
            page = _Page(box[2] * PT, box[3] * PT)
            _read_page(content, page)
            for c in page.chars:   # what pdfplumber's table text wants of a character
                c.update(doctop=c["top"], width=c["x1"] - c["x0"], height=c["bottom"] - c["top"], fontname="")
            pages.append((page, len(pages) + 1))
    if not pages:
        raise LoadError(path, "the OFD file has no pages")
    rows = [page_rows(p, n) for p, n in pages]
    if any(p.chars for p, _ in pages):
        drop_furniture(rows)
    if not any(rows):
        raise LoadError(path, f"the OFD file has no text ({len(pages)} page(s) of images, a scan?): "
                              "it needs OCR, which govgraph does not do")
    return page_lines(rows)
