"""Document files made by the tests from text: PDF (printed by headless
Chromium), old Excel (.xls), old Word (.doc) and OFD, so that each format can
be read against its text twin. Nothing here is read by govgraph itself."""
from __future__ import annotations

import html
import os
import re
import subprocess
import tempfile
from pathlib import Path

import pytest

from graph import maps

FONT = "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif"
PAGE_CSS = f"""
@page {{ size: A4; margin: 20mm;
  @top-center {{ content: "海城市人民政府公报"; font-family: {FONT}; font-size: 9pt }}
  @bottom-center {{ content: "— " counter(page) " —"; font-family: {FONT}; font-size: 10pt }} }}
body {{ font-family: {FONT}; font-size: 12pt }}
p {{ text-indent: 2em; margin: 0 0 4pt 0 }}
table {{ border-collapse: collapse; width: 100% }}
td, th {{ border: 1px solid black; padding: 3pt; font-weight: normal }}
tr {{ break-inside: avoid }}
"""


def need_chromium() -> str:
    exe = maps.find_chromium()
    if not exe:
        why = "no Chromium to print PDF fixtures (apt-get install chromium fonts-wqy-microhei)"
        if os.environ.get("CI") or os.environ.get("GOVGRAPH_TEST_NEO4J"):
            pytest.fail(why + "; CI demands the PDF tests")
        pytest.skip(why)
    return exe


def page_html(body: str, css: str = PAGE_CSS) -> str:
    return f"<!doctype html><html><head><meta charset='utf-8'><style>{css}</style></head><body>{body}</body></html>"


def paragraphs(lines: list[str]) -> str:
    return "".join(f"<p>{html.escape(t)}</p>" for t in lines)


def table(rows: list[list[str]], head: list[str] | None = None) -> str:
    def tr(cells, tag="td"):
        return "<tr>" + "".join(f"<{tag}>{html.escape(c)}</{tag}>" for c in cells) + "</tr>"

    thead = f"<thead>{tr(head, 'th')}</thead>" if head else ""
    return f"<table>{thead}<tbody>{''.join(tr(r) for r in rows)}</tbody></table>"


def print_pdfs(pages: dict[Path, str]) -> None:
    """Print each HTML page to its PDF path with headless Chromium (in parallel)."""
    exe = need_chromium()
    procs = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, (out, page) in enumerate(pages.items()):
            src = Path(tmp) / f"p{i}.html"
            src.write_text(page, encoding="utf-8")
            procs.append((out, subprocess.Popen(
                [exe, *maps.CHROMIUM_ARGS, f"--user-data-dir={tmp}/u{i}", "--no-pdf-header-footer",
                 f"--print-to-pdf={out}", src.as_uri()],
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)))
        for out, p in procs:
            _, err = p.communicate(timeout=120)
            if p.returncode != 0 or not out.exists():
                raise RuntimeError(f"chromium could not print {out}: {err.decode(errors='replace')[-500:]}")


def lines_of(path: Path) -> list[str]:
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


# -- old Excel ---------------------------------------------------------------

def xls_bytes(rows: list[list[str]], sheet: str = "Sheet1") -> bytes:
    """A BIFF8 workbook (what .xls and most .et files are), written by xlwt."""
    from io import BytesIO

    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sh = book.add_sheet(sheet)
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if v != "":
                sh.write(r, c, v)
    buf = BytesIO()
    book.save(buf)
    return buf.getvalue()


# -- old Word ----------------------------------------------------------------

def _compound_file(streams: dict[str, bytes]) -> bytes:
    """A version 3 compound file (OLE2) holding the given streams, each padded
    to 4096 bytes or more so that none lives in the mini stream (a stream's
    size counts its padding: the readers ignore what lies past their data)."""
    import struct

    SECT, END, FREE, FATSECT = 512, 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    names = list(streams)
    datas = [streams[n] + b"\0" * max(0, 4096 - len(streams[n])) for n in names]
    datas = [d + b"\0" * (-len(d) % SECT) for d in datas]
    n_dir = -(-(len(names) + 1) // 4)
    n_data = sum(len(d) // SECT for d in datas)
    n_fat = 1
    while n_fat * 128 < n_fat + n_dir + n_data:
        n_fat += 1
    assert n_fat <= 109
    fat = [FATSECT] * n_fat
    fat += [n_fat + k + 1 for k in range(n_dir - 1)] + [END]
    starts = []
    for d in datas:
        first = len(fat)
        k = len(d) // SECT
        starts.append(first)
        fat += [first + j + 1 for j in range(k - 1)] + [END]
    fat += [FREE] * (n_fat * 128 - len(fat))

    def entry(name: str, kind: int, start: int, size: int, left=FREE, right=FREE, child=FREE) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        e = raw.ljust(64, b"\0") + struct.pack("<HBB", len(raw), kind, 1) + struct.pack("<III", left, right, child)
        e += b"\0" * 16 + b"\0" * 4 + b"\0" * 16 + struct.pack("<IQ", start, size)
        return e

    # the streams as a chain of right siblings, sorted as the format wants (length, then upper case)
    order = sorted(range(len(names)), key=lambda i: (len(names[i]), names[i].upper()))
    entries = [entry("Root Entry", 5, END, 0, child=order[0] + 1)]
    for i, name in enumerate(names):
        pos = order.index(i)
        right = order[pos + 1] + 1 if pos + 1 < len(order) else FREE
        entries.append(entry(name, 2, starts[i], max(len(streams[name]), 4096), right=right))
    dirs = b"".join(entries).ljust(n_dir * SECT, b"\0")
    # unused directory entries must say so
    dirs = b"".join(dirs[k:k + 128] if dirs[k:k + 64].strip(b"\0") else
                    b"\0" * 68 + struct.pack("<III", FREE, FREE, FREE) + b"\0" * 48
                    for k in range(0, len(dirs), 128))
    difat = [k for k in range(n_fat)] + [FREE] * (109 - n_fat)
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + b"\0" * 6 + struct.pack("<IIIIIIIII", 0, n_fat, n_fat, 0, 4096, END, 0, END, 0)
              + struct.pack("<109I", *difat))
    assert len(header) == SECT
    return header + struct.pack(f"<{len(fat)}I", *fat) + dirs + b"".join(datas)


def doc_bytes(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    """A Word 97 (.doc) file: one piece of UTF-16 text, paragraphs ended by
    ``\\r``, a table's cells by ``\\x07`` and each row by one more."""
    import struct

    text = "".join(p + "\r" for p in paragraphs)
    if table:
        text += "".join("".join(c + "\x07" for c in row) + "\x07" for row in table)
    text += "\r"
    body = text.encode("utf-16-le")
    fc_text = 1024
    wd = bytearray(fc_text) + body
    struct.pack_into("<HHHH", wd, 0, 0xA5EC, 0x00C1, 0, 0x0804)
    struct.pack_into("<H", wd, 0x0A, 0x0200)          # the table stream is 1Table
    struct.pack_into("<H", wd, 0x0C, 0x00BF)
    struct.pack_into("<H", wd, 0x20, 14)               # csw
    struct.pack_into("<H", wd, 0x3E, 22)               # cslw
    struct.pack_into("<i", wd, 0x40, len(wd))          # cbMac
    struct.pack_into("<i", wd, 0x4C, len(text))        # ccpText
    struct.pack_into("<H", wd, 0x98, 0x5D)             # cbRgFcLcb
    clx = b"\x02" + struct.pack("<I", 16) + struct.pack("<ii", 0, len(text)) + struct.pack("<HIH", 0, fc_text, 0)
    struct.pack_into("<II", wd, 0x1A2, 0, len(clx))    # fcClx, lcbClx
    return _compound_file({"WordDocument": bytes(wd), "1Table": clx})


# -- OFD -----------------------------------------------------------------------

OFD_NS = "http://www.ofdspec.org/2016"


def ofd_bytes(paragraphs: list[str], table: list[list[str]] | None = None, *, size: float = 4.2,
              page_numbers: bool = True) -> bytes:
    """An OFD file (GB/T 33190) laid out the way a typesetter would: A4 pages,
    paragraphs indented two characters and wrapped at the right margin, a table
    ruled with path lines and wrapped in its cells, ``— N —`` under each page."""
    import zipfile
    from io import BytesIO
    from xml.sax.saxutils import escape

    W, H, LEFT, RIGHT, TOP, BOTTOM, LEAD = 210.0, 297.0, 26.0, 184.0, 30.0, 262.0, size * 1.6
    pages: list[list[str]] = [[]]
    y = TOP
    ids = iter(range(10, 10 ** 7))

    def width(ch: str) -> float:
        return size if ord(ch) > 0x2E80 else size * 0.5

    def text(x: float, base: float, s: str, page: list[str] | None = None) -> None:
        dx = " ".join(f"{width(ch):.3f}" for ch in s[:-1])
        (pages[-1] if page is None else page).append(f'<ofd:TextObject ID="{next(ids)}" Boundary="{x:.3f} {base - size:.3f} '
                         f'{sum(map(width, s)) + 1:.3f} {size * 1.4:.3f}" Font="1" Size="{size}">'
                         f'<ofd:TextCode X="0" Y="{size:.3f}" DeltaX="{dx}">{escape(s)}</ofd:TextCode>'
                         f'</ofd:TextObject>')

    def line(x0: float, y0: float, x1: float, y1: float) -> None:
        pages[-1].append(f'<ofd:PathObject ID="{next(ids)}" Boundary="0 0 {W} {H}" LineWidth="0.25">'
                         f'<ofd:AbbreviatedData>M {x0:.3f} {y0:.3f} L {x1:.3f} {y1:.3f}</ofd:AbbreviatedData>'
                         f'</ofd:PathObject>')

    def wrap(s: str, first: float, rest: float) -> list[str]:
        out, cur, room = [], "", first
        for ch in s:
            if cur and sum(map(width, cur + ch)) > room:
                word = re.search(r"[0-9A-Za-z.%-]*$", cur).group(0) if ch.isascii() and ch.isalnum() else ""
                if word == cur:
                    word = ""   # a word longer than the line breaks where it must
                out.append(cur[: len(cur) - len(word)])
                cur, room = word, rest
            cur += ch
        return out + [cur]

    def need(h: float) -> None:
        nonlocal y
        if y + h > BOTTOM:
            pages.append([])
            y = TOP

    for p in paragraphs:
        for k, piece in enumerate(wrap(p, RIGHT - LEFT - 2 * size, RIGHT - LEFT)):
            need(LEAD)
            y += LEAD
            text(LEFT + (2 * size if k == 0 else 0), y, piece)
    if table:
        cols = len(table[0])
        weights = [max(3, max(len(r[c]) for r in table)) for c in range(cols)]
        xs = [LEFT]
        for wgt in weights:
            xs.append(xs[-1] + (RIGHT - LEFT) * wgt / sum(weights))
        y += LEAD / 2
        for row in table:
            cells = [wrap(c, xs[i + 1] - xs[i] - 2, xs[i + 1] - xs[i] - 2) for i, c in enumerate(row)]
            h = max(len(c) for c in cells) * LEAD + 2
            need(h)
            line(LEFT, y, RIGHT, y)
            line(LEFT, y + h, RIGHT, y + h)
            for x in xs:
                line(x, y, x, y + h)
            for i, c in enumerate(cells):
                for k, piece in enumerate(c):
                    if piece:
                        text(xs[i] + 1, y + 1 + (k + 1) * LEAD - size * 0.3, piece)
            y += h
    if page_numbers:
        for n, objs in enumerate(pages, start=1):
            label = f"— {n} —"
            text((W - sum(map(width, label))) / 2, 280.0, label, objs)
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("OFD.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{OFD_NS}" Version="1.0" '
                              f'DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>0</ofd:DocID></ofd:DocInfo>'
                              f'<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
        pages_xml = "".join(f'<ofd:Page ID="{n + 1}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n in range(len(pages)))
        z.writestr("Doc_0/Document.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{OFD_NS}">'
                                         f'<ofd:CommonData><ofd:MaxUnitID>{next(ids)}</ofd:MaxUnitID><ofd:PageArea>'
                                         f'<ofd:PhysicalBox>0 0 {W} {H}</ofd:PhysicalBox></ofd:PageArea>'
                                         f'<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>'
                                         f'<ofd:Pages>{pages_xml}</ofd:Pages></ofd:Document>')
        z.writestr("Doc_0/PublicRes.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{OFD_NS}" '
                                          f'BaseLoc="Res"><ofd:Fonts><ofd:Font ID="1" FontName="宋体" '
                                          f'FamilyName="宋体"/></ofd:Fonts></ofd:Res>')
        for n, objs in enumerate(pages):
            z.writestr(f"Doc_0/Pages/Page_{n}/Content.xml",
                       f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Content>'
                       f'<ofd:Layer ID="{next(ids)}">{"".join(objs)}</ofd:Layer></ofd:Content></ofd:Page>')
    return buf.getvalue()
