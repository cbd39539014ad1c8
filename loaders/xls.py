"""Old Excel (.xls, BIFF) and WPS spreadsheets (.et) as lines, read with xlrd.

Each sheet gives its name on a line, then its rows with their cells (one
table per sheet), as :func:`loaders.formats.xlsx_lines` does; one-cell rows
above the first row of several cells (a title, a notice's opening) are text. Numbers print
without a trailing ``.0``, dates as ``YYYY-MM-DD``. A ``.et`` file is almost
always a BIFF workbook; one that is a zip is read as ``.xlsx``; a "spreadsheet"
that is a saved web page (as many sites export them) is read as HTML.
"""
from __future__ import annotations

import re

from graph.errors import LoadError

__all__ = ["xls_lines", "MAX_CELLS", "OLE_MAGIC"]

MAX_CELLS = 5_000_000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _value(cell, datemode: int) -> str:
    import xlrd

    t, v = cell.ctype, cell.value
    if t in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if t == xlrd.XL_CELL_NUMBER:
        return str(int(v)) if float(v).is_integer() else repr(v)
    if t == xlrd.XL_CELL_DATE:
        try:
            d = xlrd.xldate_as_datetime(v, datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return str(v)
        return d.date().isoformat() if (d.hour, d.minute, d.second) == (0, 0, 0) else d.isoformat(sep=" ")
    if t == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if v else "FALSE"
    if t == xlrd.XL_CELL_ERROR:
        return ""
    return re.sub(r"\s+", " ", str(v)).strip()


def xls_lines(data: bytes, path: str):
    """The lines of an old Excel (.xls) or WPS (.et) workbook."""
    from .formats import TextLine, html_lines, xlsx_lines

    what = "a WPS spreadsheet" if path.lower().endswith(".et") else "an old Excel file"
    if data[:2] == b"PK":
        return xlsx_lines(data, path)
    if not data.startswith(OLE_MAGIC):
        head = data[:1000].lstrip().lower()
        if head.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")) or b"<table" in head:
            from .text import decode

            return html_lines(decode(data, path))
        raise LoadError(path, f"not {what} (neither a BIFF workbook nor a zip)",
                        hint="open it and save it as .xlsx")
    try:
        import xlrd
    except ImportError:  # pragma: no cover - a dependency of govgraph
        raise LoadError(path, f"reading {what} needs the xlrd package", hint="pip install xlrd") from None
    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True, logfile=_Quiet())
    except Exception as e:  # xlrd raises XLRDError, CompDocError, struct errors … on damaged files
        msg = str(e)
        if "encrypt" in msg.lower():
            raise LoadError(path, f"{what} is encrypted", hint="save an unprotected copy") from None
        raise LoadError(path, f"damaged or unsupported {what} ({type(e).__name__}: {msg})",
                        hint="open it and save it as .xlsx") from None
    lines = []
    cells = 0
    try:
        for i in range(book.nsheets):
            sh = book.sheet_by_index(i)
            cells += sh.nrows * sh.ncols
            if cells > MAX_CELLS:
                raise LoadError(path, f"more than {MAX_CELLS} cells; govgraph reads smaller workbooks")
            lines.append(TextLine(sh.name))
            opening = True   # one-cell rows above the first real row: a title and the like, read as text
            for r in range(sh.nrows):
                row = [_value(c, book.datemode) for c in sh.row(r)]
                while row and not row[-1]:
                    row.pop()
                if opening and sum(1 for c in row if c) == 1:
                    lines.append(TextLine(next(c for c in row if c)))
                elif any(row):
                    opening = False
                    lines.append(TextLine(" | ".join(row), tuple(row), i))
            book.unload_sheet(i)
    except LoadError:
        raise
    except Exception as e:
        raise LoadError(path, f"damaged {what} ({type(e).__name__}: {e})") from None
    finally:
        book.release_resources()
    return lines


class _Quiet:
    """xlrd's log file: its warnings about odd records are not the user's business."""

    def write(self, s: str) -> None:
        pass
