"""Tables, read in one place: real cells and every flattened form.

A table reaches govgraph in one of these forms, and each becomes the same
:class:`Table` of rows of cells under a header whose columns have roles
(task, lead, assist, responsible, lead_official, deadline, number …, from
the vocabulary's label words):

* **real cells** — rows of an HTML, DOCX or XLSX table (``Line.cells``);
* **pipes** — ``序号 | 重点任务 | 牵头单位`` one row per line;
* **one cell per line ending in ``|``** — each cell on its own line, closed
  by `` |`` (a cell may wrap over lines before its ``|``);
* **one cell per line under a header of label words** — ``序号`` /
  ``目标任务`` / ``牵头单位`` … each on its own line, then the rows, each
  opening with its number;
* **spaced** — header words separated by spaces or tabs, rows opening with
  their number, wrapped cells on the lines below.

A row that spans the table (a section: ``一、稳增长(牵头领导:A、B)``) is kept
as the ``section`` of the rows under it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import Line
from .vocab import Vocabulary

__all__ = ["Cell", "Row", "Table", "find_tables", "header_roles"]


@dataclass
class Cell:
    text: str          # normalised
    raw: str           # as printed
    line: Line

    def __bool__(self) -> bool:
        return bool(self.text)


@dataclass
class Row:
    cells: list[Cell | None]
    lines: list[Line]
    section: "Row | None" = None
    number: str | None = None

    @property
    def line(self) -> Line:
        return self.lines[0]

    def cell(self, k: int) -> Cell | None:
        return self.cells[k] if 0 <= k < len(self.cells) else None

    def text(self, sep: str = " ") -> str:
        return sep.join(c.text for c in self.cells if c)


@dataclass
class Table:
    header: list[str]
    roles: list[str | None]
    rows: list[Row]
    form: str
    lines: set[int] = field(default_factory=set)
    header_line: Line | None = None
    title: str | None = None      # the line above the table, when it names it

    def column(self, role: str) -> list[int]:
        return [k for k, r in enumerate(self.roles) if r == role]


def header_roles(cells: list[str], vocab: Vocabulary) -> list[str | None]:
    """The role of each header cell (None where the word is not a label).

    >>> header_roles(["序号", "目标与任务", "分 管 县领导", "牵头责任单位", "责任单位"], Vocabulary.default())
    ['number', 'task', 'lead_official', 'lead', 'responsible']
    """
    out = []
    for c in cells:
        w = re.sub(r"\s+", "", c).strip("|:")
        role = vocab.label_role(w)
        if role is None and w:
            # a header word run into another ("目标任务和工作要求", "工作任务及措施")
            for k in range(len(w) - 1, 1, -1):
                role = vocab.label_role(w[:k])
                if role in ("task", "lead", "assist", "responsible", "lead_official", "deadline", "amount",
                            "amount_year", "project"):
                    break
                role = None
        out.append(role)
    # a 项目 column beside a task column is the tasks' category, not a list of projects
    if "project" in out and "task" in out and not {"amount", "amount_year"} & set(out):
        out = ["task" if r == "project" else r for r in out]
    return out


def _is_header(cells: list[str], vocab: Vocabulary) -> bool:
    roles = header_roles(cells, vocab)
    known = sum(1 for r in roles if r)
    has_unit = any(r in ("lead", "assist", "responsible", "lead_official", "task", "project") for r in roles)
    return len(cells) >= 2 and known >= max(2, (len(cells) + 1) // 2) and has_unit


_NUMBER = re.compile(r"^\d{1,4}$|^[一二三四五六七八九十]{1,3}$")
_PIPE = re.compile(r"\s*\|\s*")


def find_tables(lines: list[Line], vocab: Vocabulary) -> tuple[list["Table"], set[int]]:
    """Every table in the lines, and the numbers of the lines they take."""
    tables: list[Table] = []
    used: set[int] = set()
    i, n = 0, len(lines)
    while i < n:
        ln = lines[i]
        t: Table | None = None
        if ln.cells is not None:
            t, i = _real_cells(lines, i, vocab)
        elif (ln.norm.endswith("|") or ln.norm.startswith("|")) and _cell_lines_ahead(lines, i) \
                and not (_full_row(ln) and i + 1 < n and _full_row(lines[i + 1])):
            t, i = _cell_per_line(lines, i, vocab)
        elif i + 1 < n and lines[i + 1].norm.startswith("|") and len(ln.norm) <= 14 \
                and vocab.label_role(re.sub(r"\s+", "", ln.norm)) and _cell_lines_ahead(lines, i + 1):
            t, i = _cell_per_line(lines, i, vocab)      # a header cell above its closing "|"
        elif "|" in ln.norm and len([c for c in _PIPE.split(ln.norm.strip("|")) if c]) >= 2:
            t, i = _pipes(lines, i, vocab)
        elif "\t" in ln.raw and len([c for c in ln.raw.split("\t") if c.strip()]) >= 2:
            t, i = _tabs(lines, i, vocab)
        else:
            t, j = _column_lines(lines, i, vocab)
            if t is None:
                t, j = _spaced(lines, i, vocab)
            i = j if t is not None else i + 1
        if t is not None and t.rows:
            if tables or True:
                t.title = _title_above(lines, t)
            tables.append(t)
            used |= t.lines
    return tables, used


def _title_above(lines: list[Line], t: Table) -> str | None:
    first = min(t.lines)
    prev = [ln for ln in lines if ln.no < first][-2:]
    for ln in reversed(prev):
        if len(ln.norm) <= 80 and not ln.norm.endswith(("。", ";")):
            return ln.norm
    return None


def _make_row(cells: list[Cell | None], lines: list[Line], width: int) -> Row:
    cells = (cells + [None] * width)[:width] if width else cells
    return Row(cells, lines)


def _finish(header: list[str], rows: list[Row], form: str, lines: set[int], vocab: Vocabulary,
            header_line: Line | None) -> Table:
    roles = header_roles(header, vocab)
    num = roles.index("number") if "number" in roles else (0 if rows and _all_numbers(rows) else None)
    section: Row | None = None
    kept = []
    for r in rows:
        filled = [c for c in r.cells if c]
        if len(filled) == 1 and len(r.cells) > 2 and (num is None or not (r.cell(num) and _NUMBER.match(r.cell(num).text))):
            section = r          # a row spanning the table: a section over the rows below
            continue
        r.section = section
        if num is not None and r.cell(num):
            r.number = r.cell(num).text
        kept.append(r)
    return Table(header, roles, kept, form, lines, header_line)


def _all_numbers(rows: list[Row]) -> bool:
    firsts = [r.cell(0) for r in rows if r.cell(0)]
    return bool(firsts) and sum(1 for c in firsts if _NUMBER.match(c.text)) >= 0.8 * len(firsts)


# -- real cells -----------------------------------------------------------------

def _real_cells(lines: list[Line], i: int, vocab: Vocabulary) -> tuple[Table | None, int]:
    first = lines[i]
    j = i
    block = []
    while j < len(lines) and lines[j].cells is not None and lines[j].table == first.table:
        block.append(lines[j])
        j += 1
    header: list[str] = []
    header_line = None
    start = 0
    for k, ln in enumerate(block[:4]):
        cells = [re.sub(r"\s+", "", c) for c in ln.cells or ()]
        if _is_header(cells, vocab):
            header, header_line, start = cells, ln, k + 1
            break
    width = max(len(ln.cells or ()) for ln in block)
    rows = [_make_row([Cell(_n(c), c, ln) if c.strip() else None for c in ln.cells or ()], [ln], width)
            for ln in block[start:]]
    if not header:
        header = [""] * width
    return _finish(header, rows, "cells", {ln.no for ln in block}, vocab, header_line), j


def _full_row(ln: Line) -> bool:
    """A line holding a whole row of a pipe table (three cells or more), not one cell of a stream."""
    return len([c for c in _PIPE.split(ln.norm.strip().strip("|")) if c.strip()]) >= 3


def _n(text: str) -> str:
    from .text import normalize
    return normalize(text)


# -- pipes -------------------------------------------------------------------------

def _split_pipes(ln: Line) -> list[str]:
    return [c.strip() for c in _PIPE.split(ln.norm.strip().strip("|"))]


def _pipes(lines: list[Line], i: int, vocab: Vocabulary) -> tuple[Table | None, int]:
    j = i
    block = []
    while j < len(lines) and "|" in lines[j].norm and lines[j].cells is None:
        block.append(lines[j])
        j += 1
    header: list[str] = []
    header_line = None
    start = 0
    for k, ln in enumerate(block[:4]):
        cells = [re.sub(r"\s+", "", c) for c in _split_pipes(ln)]
        if _is_header(cells, vocab):
            header, header_line, start = cells, ln, k + 1
            break
    width = max(len(_split_pipes(ln)) for ln in block)
    rows = []
    for ln in block[start:]:
        raw_cells = [c.strip() for c in _PIPE.split(ln.raw.strip().strip("|"))]
        norm_cells = _split_pipes(ln)
        if len(raw_cells) != len(norm_cells):
            raw_cells = norm_cells
        rows.append(_make_row([Cell(c, r, ln) if c else None for c, r in zip(norm_cells, raw_cells)], [ln], width))
    if not header:
        if len(block) < 2:
            return None, i + 1
        header = [""] * width
    return _finish(header, rows, "pipes", {ln.no for ln in block}, vocab, header_line), j


# -- tabs -----------------------------------------------------------------------------------

def _tabs(lines: list[Line], i: int, vocab: Vocabulary) -> tuple[Table | None, int]:
    """Rows with their cells separated by tabs (the text as printed keeps them)."""
    from .text import normalize

    j = i
    block = []
    while j < len(lines) and lines[j].cells is None:
        if "\t" in lines[j].raw:
            block.append(lines[j])
        elif len(lines[j].norm) <= 40 and j + 1 < len(lines) and "\t" in lines[j + 1].raw and block:
            block.append(lines[j])          # a section row between rows ("一、坚定不移推动工业强市")
        else:
            break
        j += 1
    rows_raw = [[c.strip() for c in ln.raw.split("\t")] for ln in block]
    header: list[str] = []
    header_line = None
    start = 0
    for k, cells in enumerate(rows_raw[:4]):
        words = [re.sub(r"\s+", "", normalize(c)) for c in cells]
        if _is_header(words, vocab):
            header, header_line, start = words, block[k], k + 1
            break
    if not header:
        return None, i + 1
    width = len(header)
    rows = []
    for cells, ln in zip(rows_raw[start:], block[start:]):
        if len(cells) == 1:          # a section row spans the table
            rows.append(Row([Cell(normalize(cells[0]), cells[0], ln)] + [None] * (width - 1), [ln]))
        else:
            rows.append(_make_row([Cell(normalize(c), c, ln) if c else None for c in cells], [ln], width))
    return _finish(header, rows, "tabs", {ln.no for ln in block}, vocab, header_line), j


# -- one cell per line, each closed by "|" --------------------------------------------

def _cell_lines_ahead(lines: list[Line], i: int, need: int = 3) -> bool:
    return sum(1 for ln in lines[i:i + 6] if "|" in ln.norm) >= need


def _cell_per_line(lines: list[Line], i: int, vocab: Vocabulary) -> tuple[Table | None, int]:
    """A table flattened into a stream of cells, each closed by ``|`` (a cell may
    wrap over lines; ``|`` alone or ``||||`` close empty cells, as merged cells
    leave them). Rows are read by their cells' contents: the task text opens a
    row, the cells after it are names (lead officials), bodies (in the order of
    the header's unit columns), deadlines; a row that prints no cell where the
    header has lead officials takes the row above's (a cell spanning rows)."""
    j = i
    region: list[Line] = []
    while j < len(lines):
        ln = lines[j]
        if ln.cells is not None:
            break
        if "|" not in ln.norm and not _cell_lines_ahead(lines, j, 2):
            break
        region.append(ln)
        j += 1
    cells: list[tuple[str, str, Line, list[Line]]] = []
    parts_n: list[str] = []
    parts_r: list[str] = []
    part_lines: list[Line] = []
    for ln in region:
        pieces = ln.norm.split("|")
        raw_pieces = ln.raw.split("|")
        if len(raw_pieces) != len(pieces):
            raw_pieces = pieces
        for k, (pn, pr) in enumerate(zip(pieces, raw_pieces)):
            if pn.strip():
                parts_n.append(pn.strip())
                parts_r.append(pr.strip())
                part_lines.append(ln)
            if k < len(pieces) - 1:
                cells.append((" ".join(parts_n), " ".join(parts_r), part_lines[0] if part_lines else ln,
                              part_lines or [ln]))
                parts_n, parts_r, part_lines = [], [], []
    if parts_n:
        cells.append((" ".join(parts_n), " ".join(parts_r), part_lines[0], part_lines))
    k = 0
    header: list[str] = []
    while k < len(cells) and (not cells[k][0] or (header_roles([cells[k][0]], vocab)[0] is not None
                                                   and len(cells[k][0]) <= 14)):
        if cells[k][0]:
            header.append(re.sub(r"\s+", "", cells[k][0]))
        k += 1
    if len(header) < 2 or not _is_header(header, vocab):
        width = _width_from_numbers(cells)
        if not width:
            return None, j
        rows = _rows_by_number(cells, width, [None] * width)
        return _finish([""] * width, rows, "cell-lines", {ln.no for ln in region}, vocab, None), j
    roles = header_roles(header, vocab)
    rows = _stream_rows(cells[k:], roles)
    return _finish(header, rows, "cell-lines", {ln.no for ln in region}, vocab, cells[0][2]), j


def _kind_of_cell(text: str) -> str:
    from .people import split_names
    from .units import is_deadline, looks_like_unit, split_units

    t = text.strip()
    if not t:
        return "empty"
    if _NUMBER.match(t):
        return "number"
    squashed = re.sub(r"\s+", "", t)
    if len(squashed) <= 16 and split_names(t) and not looks_like_unit(squashed) \
            and len("".join(split_names(t))) >= len(squashed) - 1:
        return "names"
    if is_deadline(t):
        return "deadline"
    units = split_units(t.lstrip("★☆*"))
    if units and all(looks_like_unit(u.lstrip("★☆*")) for u in units):
        return "units"
    return "text"


def _stream_rows(cells: list[tuple[str, str, Line, list[Line]]], roles: list[str | None]) -> list[Row]:
    width = len(roles)
    task_cols = [k for k, r in enumerate(roles) if r == "task"]
    task = task_cols[-1] if task_cols else (1 if width > 1 else 0)
    category = task_cols[0] if len(task_cols) > 1 else None
    unit_cols = [k for k, r in enumerate(roles) if r in ("lead", "assist", "responsible")]
    official = roles.index("lead_official") if "lead_official" in roles else None
    deadline = roles.index("deadline") if "deadline" in roles else None
    number = roles.index("number") if "number" in roles else None
    kinds = [_kind_of_cell(c[0]) for c in cells]
    # where rows begin: each task text (a long text, or an item of its own)
    starts = [k for k, (c, kind) in enumerate(zip(cells, kinds))
              if kind == "text" and (len(c[0]) >= 12 or re.match(r"^\d{1,3}[.、]|^[((]\d", c[0]))]
    rows: list[Row] = []
    prev_official: Cell | None = None
    for n, a in enumerate(starts):
        b = starts[n + 1] if n + 1 < len(starts) else len(cells)
        out: list[Cell | None] = [None] * width
        text = cells[a]
        out[task] = Cell(text[0], text[1], text[2])
        # before the task: its number and a short category (a cell spanning rows above)
        k = a - 1
        while k >= 0 and (n == 0 or k >= starts[n - 1] + 1) and kinds[k] in ("number", "text", "empty") and a - k <= 3:
            c = cells[k]
            if kinds[k] == "number" and number is not None and out[number] is None:
                out[number] = Cell(c[0], c[1], c[2])
            elif kinds[k] == "text" and category is not None and out[category] is None and len(c[0]) <= 20:
                out[category] = Cell(c[0], c[1], c[2])
            k -= 1
        after = [(cells[x], kinds[x]) for x in range(a + 1, b)]
        # cells before the next row's number/category belong to it
        while after and after[-1][1] in ("number",) or (after and after[-1][1] == "text" and len(after[-1][0][0]) <= 20):
            after.pop()
        units = [c for c, kind in after if kind == "units"]
        for col, c in zip(unit_cols, units):
            out[col] = Cell(c[0], c[1], c[2])
        named = next((c for c, kind in after if kind == "names"), None)
        first_slot_empty = bool(after) and after[0][1] == "empty"
        if official is not None:
            if named is not None:
                out[official] = Cell(named[0], named[1], named[2])
            elif not first_slot_empty and prev_official is not None:
                out[official] = prev_official        # the leader's cell spans this row too
            prev_official = out[official]
        dl = next((c for c, kind in after if kind == "deadline"), None)
        if dl is not None and deadline is not None:
            out[deadline] = Cell(dl[0], dl[1], dl[2])
        row_lines = [ln for x in range(a, b) for ln in cells[x][3]]
        rows.append(Row(out, row_lines))
    return rows


def _width_from_numbers(cells: list[tuple[str, str, Line, list[Line]]]) -> int:
    idx = [k for k, c in enumerate(cells) if _NUMBER.match(c[0])]
    gaps = {b - a for a, b in zip(idx, idx[1:])}
    return gaps.pop() if len(gaps) == 1 and len(idx) >= 2 else 0


def _rows_by_number(cells: list[tuple[str, str, Line, list[Line]]], width: int,
                    roles: list[str | None]) -> list[Row]:
    """Cut a run of cells into rows: a row opens with its number; a row with
    more cells than columns joins the extra lines into its task cell, one with
    fewer fills the columns its cells' contents fit."""
    num = roles.index("number") if "number" in roles else 0
    starts = [k for k, c in enumerate(cells) if _NUMBER.match(c[0])] if num == 0 else []
    if not starts or starts[0] != 0:
        starts = [0] + starts if starts else list(range(0, len(cells), width))
    out = []
    for a, b in zip(starts, starts[1:] + [len(cells)]):
        chunk = cells[a:b]
        if len(chunk) > width and width:
            # extra cells: the task column takes them (tasks wrap; names and dates do not)
            task = roles.index("task") if "task" in roles else min(1, width - 1)
            extra = len(chunk) - width
            merged = chunk[task:task + extra + 1]
            joined = (" ".join(c[0] for c in merged), " ".join(c[1] for c in merged), merged[0][2],
                      [ln for c in merged for ln in c[3]])
            chunk = chunk[:task] + [joined] + chunk[task + extra + 1:]
        row_cells: list[Cell | None] = [Cell(c[0], c[1], c[2]) if c[0] else None for c in chunk]
        lines_ = [ln for c in chunk for ln in c[3]]
        out.append(_make_row(row_cells, lines_, width))
    return out


# -- one cell per line under a header of label words ----------------------------------

def _column_lines(lines: list[Line], i: int, vocab: Vocabulary) -> tuple[Table | None, int]:
    """``序号`` / ``目标任务`` / ``牵头单位`` … each on its own line, then rows."""
    j = i
    header: list[str] = []
    while j < len(lines) and len(lines[j].norm) <= 10 and lines[j].cells is None:
        w = re.sub(r"\s+", "", lines[j].norm)
        if vocab.label_role(w) is None:
            break
        header.append(w)
        j += 1
    if len(header) < 3 or not _is_header(header, vocab):
        return None, i
    roles = header_roles(header, vocab)
    cells = []
    start = j
    while j < len(lines):
        ln = lines[j]
        if ln.cells is not None or _ends_table(ln, vocab):
            break
        cells.append((ln.norm, ln.raw, ln, [ln]))
        j += 1
    if "number" not in roles:
        return None, i
    rows = _rows_by_number(cells, len(header), roles)
    rows = [_align(r, roles) for r in rows]
    used = {ln.no for ln in lines[i:j]}
    t = _finish(header, rows, "column-lines", used, vocab, lines[i])
    return (t, j) if t.rows and j > start else (None, i)


def _ends_table(ln: Line, vocab: Vocabulary) -> bool:
    from .layout import marker_at

    mk = marker_at(ln.norm)
    return bool(mk and mk.kind in ("cn", "chap", "part")) or ln.norm.startswith(("附件", "抄送"))


_DATE_LIKE = re.compile(r"(?:\d{4}年|\d{1,2}月|年底|月底|季度|全年|长期|持续|前$|底$|常态化|每年|年内)")
_NAMES = re.compile(r"^(?:[\u4e00-\u9fff](?: ?[\u4e00-\u9fff]){1,3})(?:[、,\s]+[\u4e00-\u9fff](?: ?[\u4e00-\u9fff]){1,3})*$")


def _align(row: Row, roles: list[str | None]) -> Row:
    """A row with fewer cells than columns (empty cells are not printed when a
    table is flattened one cell per line): put each cell in the column its
    content fits, in order."""
    cells = [c for c in row.cells if c]
    if len(cells) >= len(roles) or not cells:
        return row
    out: list[Cell | None] = [None] * len(roles)
    k = 0
    for c in cells:
        while k < len(roles):
            role = roles[k]
            fits = (role == "number" and _NUMBER.match(c.text)) or (role == "deadline" and _DATE_LIKE.search(c.text)) \
                or (role == "lead_official" and _NAMES.match(c.text)) or role in ("task", None) \
                or (role in ("lead", "assist", "responsible") and not _DATE_LIKE.search(c.text) and not _NAMES.match(c.text))
            k += 1
            if fits:
                out[k - 1] = c
                break
    return Row(out, row.lines)


# -- spaced header -------------------------------------------------------------------------

_SPACES = re.compile(r"\s+|\t")


def _spaced(lines: list[Line], i: int, vocab: Vocabulary) -> tuple[Table | None, int]:
    """A header of label words separated by spaces or tabs; rows open with their number."""
    ln = lines[i]
    words = [w for w in _SPACES.split(ln.norm) if w]
    if len(words) < 3 or len(ln.norm) > 120 or not _is_header(words, vocab) or "number" not in header_roles(words, vocab):
        return None, i
    j = i + 1
    rows: list[Row] = []
    while j < len(lines):
        cur = lines[j]
        if _ends_table(cur, vocab) and not re.match(r"^\d{1,4}\s", cur.norm):
            break
        m = re.match(r"^(\d{1,4})[\s\t]+(.+)$", cur.norm)
        if m:
            rest = m.group(2)
            raw_rest = re.sub(r"^\s*\d{1,4}[\s\t]+", "", cur.raw)
            cells: list[Cell | None] = [Cell(m.group(1), m.group(1), cur), Cell(rest, raw_rest.strip(), cur)]
            rows.append(Row(cells + [None] * max(0, len(words) - 2), [cur]))
        elif rows:
            rows[-1].lines.append(cur)
        else:
            break
        j += 1
    if not rows:
        return None, i
    roles = header_roles(words, vocab)
    t = _finish(words, rows, "spaced", {x.no for x in lines[i:j]}, vocab, ln)
    # the row's text after its number stands in the task column (cells run together)
    task = roles.index("task") if "task" in roles else 1
    for r in t.rows:
        text_cell = r.cells[1]
        r.cells = [r.cells[0]] + [None] * (len(roles) - 1)
        if 0 < task < len(r.cells):
            r.cells[task] = text_cell
    return t, j
