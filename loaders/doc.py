"""Old Word (.doc), WPS (.wps) and RTF files as lines.

A Word 97–2003 file (and a WPS Writer file, which keeps the same
``WordDocument`` stream) is read here, with olefile for the compound file:
the piece table in the ``Clx`` gives the main text, 8-bit or UTF-16 piece by
piece; ``\\r`` ends a paragraph, ``\\x07`` ends a table cell (a row ends with
one more), field codes are dropped and their results kept. What this cannot
read (Word 6/95, an encrypted file, an RTF file, an older WPS) goes to a
converter if one is installed — antiword or catdoc for ``.doc``, LibreOffice
(``soffice --headless --convert-to``) for the rest — else the error names the
Debian package to install.
"""
from __future__ import annotations

import re
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

from graph.errors import LoadError

__all__ = ["doc_lines", "word97_text", "CONVERT_TIMEOUT"]

CONVERT_TIMEOUT = 120
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_NAMES = {".doc": "an old Word file", ".wps": "a WPS file", ".rtf": "an RTF file"}


class _Unreadable(Exception):
    """Not a Word 97 file this reader can read (the reason)."""


def word97_text(data: bytes) -> str:
    """The main text of a Word 97–2003 binary file, its special characters
    as stored (``\\r`` paragraph, ``\\x07`` cell, fields marked 0x13–0x15)."""
    import olefile

    try:
        ole = olefile.OleFileIO(data)
    except Exception as e:  # olefile raises OSError and its own on damaged files
        raise _Unreadable(f"not a valid compound file ({e})") from None
    try:
        if not ole.exists("WordDocument"):
            raise _Unreadable("no WordDocument stream")
        wd = ole.openstream("WordDocument").read()
        if len(wd) < 0x1AA or struct.unpack_from("<H", wd, 0)[0] != 0xA5EC:
            raise _Unreadable("no Word 97 file information block")
        nfib = struct.unpack_from("<H", wd, 2)[0]
        flags = struct.unpack_from("<H", wd, 0x0A)[0]
        if nfib < 0x65:
            raise _Unreadable(f"a Word 6/95 file (nFib {nfib:#x})")
        if flags & 0x0100:
            raise _Unreadable("encrypted")
        table = "1Table" if flags & 0x0200 else "0Table"
        if not ole.exists(table):
            raise _Unreadable(f"no {table} stream")
        tbl = ole.openstream(table).read()
    finally:
        ole.close()
    ccp_text = struct.unpack_from("<i", wd, 0x4C)[0]
    fc_clx, lcb_clx = struct.unpack_from("<II", wd, 0x1A2)
    if ccp_text < 0 or fc_clx + lcb_clx > len(tbl) or lcb_clx == 0:
        raise _Unreadable("damaged piece table")
    clx = tbl[fc_clx:fc_clx + lcb_clx]
    i = 0
    while i < len(clx) and clx[i] == 0x01:  # Prc: property modifiers, skipped
        i += 3 + struct.unpack_from("<H", clx, i + 1)[0]
    if i >= len(clx) or clx[i] != 0x02:
        raise _Unreadable("damaged piece table")
    lcb = struct.unpack_from("<I", clx, i + 1)[0]
    plc = clx[i + 5:i + 5 + lcb]
    n = (lcb - 4) // 12
    if n <= 0 or len(plc) < lcb:
        raise _Unreadable("damaged piece table")
    cps = struct.unpack_from(f"<{n + 1}i", plc, 0)
    out: list[str] = []
    for k in range(n):
        a, b = cps[k], min(cps[k + 1], ccp_text)
        if a >= b:
            continue
        fc = struct.unpack_from("<I", plc, 4 * (n + 1) + 8 * k + 2)[0]
        count = b - a
        if fc & 0x40000000:
            start = (fc & 0x3FFFFFFF) // 2
            out.append(wd[start:start + count].decode("cp1252", errors="replace"))
        else:
            out.append(wd[fc:fc + 2 * count].decode("utf-16-le", errors="replace"))
    return "".join(out)


def _unfield(text: str) -> str:
    """Field codes dropped (0x13 code 0x14 result 0x15 keeps the result)."""
    out: list[str] = []
    stack: list[bool] = []   # per open field: whether we are past its separator
    for ch in text:
        if ch == "\x13":
            stack.append(False)
        elif ch == "\x14" and stack:
            stack[-1] = True
        elif ch == "\x15" and stack:
            stack.pop()
        elif not stack or all(stack):
            out.append(ch)
    return "".join(out)


_DROP = dict.fromkeys(map(ord, "\x01\x02\x03\x04\x05\x08\x1f"), None) | {0x1E: "-", 0x0B: "\n", 0x0C: "\n"}


def _lines_of_word(text: str):
    """Paragraphs as lines, table cells (``\\x07``) as rows of cells."""
    from .formats import TextLine

    items = re.findall(r"[^\r\x07]*[\r\x07]|[^\r\x07]+$", _unfield(text))
    lines: list = []
    tables = 0
    i = 0
    while i < len(items):
        if not items[i].endswith("\x07"):
            lines.extend(TextLine(t.strip()) for t in items[i].rstrip("\r").translate(_DROP).split("\n"))
            i += 1
            continue
        block = []  # a run of cells: a table
        while i < len(items) and items[i].endswith("\x07"):
            block.append(re.sub(r"\s+", " ", items[i][:-1].translate(_DROP)).strip())
            i += 1
        # a row is its cells and one empty mark; the first row's mark tells how many cells a row has
        width = block.index("") if "" in block else len(block)
        if width and len(block) % (width + 1) == 0 and all(block[j] == "" for j in range(width, len(block), width + 1)):
            rows = [block[j:j + width] for j in range(0, len(block), width + 1)]
        else:
            rows, cur = [], []
            for c in block:
                if c == "" and cur:
                    rows.append(cur)
                    cur = []
                elif c:
                    cur.append(c)
            if cur:
                rows.append(cur)
        for r in rows:
            if any(r):
                lines.append(TextLine(" | ".join(r), tuple(r), tables))
        tables += 1
    return lines


def _converted(data: bytes, path: str, suffix: str):
    """The lines a converter installed on this machine gives, or None when
    there is none."""
    from .formats import docx_lines
    from .text import decode

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / ("in" + suffix)
        src.write_bytes(data)
        tools = []
        if suffix == ".doc":
            tools += [("antiword", ["antiword", "-w", "0", "-m", "UTF-8.txt", str(src)]),
                      ("catdoc", ["catdoc", "-d", "utf-8", "-w", str(src)])]
        for name in ("soffice", "libreoffice"):
            tools.append((name, [name, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/lo",
                                 "--convert-to", "docx", "--outdir", str(Path(tmp) / "out"), str(src)]))
        for name, cmd in tools:
            if not shutil.which(name):
                continue
            try:
                r = subprocess.run(cmd, capture_output=True, timeout=CONVERT_TIMEOUT, stdin=subprocess.DEVNULL)
            except subprocess.TimeoutExpired:
                raise LoadError(path, f"{name} did not convert it within {CONVERT_TIMEOUT} s") from None
            if name in ("soffice", "libreoffice"):
                out = Path(tmp) / "out" / "in.docx"
                if r.returncode == 0 and out.exists():
                    return docx_lines(out.read_bytes(), path)
            elif r.returncode == 0 and r.stdout.strip():
                from .formats import TextLine

                return [TextLine(t) for t in decode(r.stdout, path).splitlines()]
            # this converter could not read it: try the next one
    return None


def doc_lines(data: bytes, path: str):
    """The lines of an old Word (.doc), WPS (.wps) or RTF (.rtf) file."""
    suffix = Path(path).suffix.lower()
    what = _NAMES.get(suffix, "an old Word file")
    why = None
    if data.startswith(OLE_MAGIC):
        try:
            return _lines_of_word(word97_text(data))
        except _Unreadable as e:
            why = str(e)
            if why == "encrypted":
                raise LoadError(path, f"{what} is encrypted", hint="save an unprotected copy") from None
    elif data[:5] == b"{\\rtf":
        suffix = ".rtf"
        what = _NAMES[suffix]
    elif data[:2] == b"PK":  # a .docx under an old name
        from .formats import docx_lines

        return docx_lines(data, path)
    elif suffix in (".doc", ".wps"):
        head = data[:1000].lstrip().lower()
        if head.startswith((b"<!doctype html", b"<html")):  # a web page saved as .doc
            from .formats import html_lines
            from .text import decode

            return html_lines(decode(data, path))
        raise LoadError(path, f"not {what} (no Word, RTF or zip signature)", hint="open it and save it as .docx")
    lines = _converted(data, path, suffix)
    if lines is not None:
        return lines
    package = "antiword (or catdoc, or libreoffice-writer-nogui)" if suffix == ".doc" else "libreoffice-writer-nogui"
    reason = f" ({why})" if why else ""
    raise LoadError(path, f"{what}{reason}: reading it needs a converter",
                    hint=f"apt-get install {package}, or save it as .docx")
