"""Document files made by the tests from text: PDF (printed by headless
Chromium), old Excel (.xls), old Word (.doc) and OFD, so that each format can
be read against its text twin. Nothing here is read by govgraph itself."""
from __future__ import annotations

import html
import os
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
