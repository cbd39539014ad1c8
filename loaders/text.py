"""Reading document files: decoding, numbered lines, cleaning and splitting.

Every loader reads through :func:`read_document`, so all of them decode
GB18030 as well as UTF-8, reject binary files with a clear error, drop site
navigation and footers, and drop a body printed twice.
"""
from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from graph.errors import LoadError

#: Bounds on what one document may hold (see :func:`read_document`).
MAX_FILE_BYTES = 256 * 1024 * 1024  # a file larger than this is refused
MAX_LINE_CHARS = 4000  # a longer sentence (or table cell) is cut here, with a warning

if TYPE_CHECKING:  # pragma: no cover
    from .formats import TextLine
    from .script import PrintedLines

__all__ = [
    "Line",
    "SourceText",
    "decode",
    "normalize",
    "read_bytes",
    "read_document",
    "read_lines",
    "read_text",
    "split_list",
    "strip_label_spaces",
]


@dataclass(frozen=True)
class Line:
    """One kept line: its 1-based number in the file, the text as printed,
    and ``norm``, the text normalised for parsing (NFKC: full-width
    punctuation and spaces folded, non-breaking spaces made ordinary).

    A row of a real table (from HTML, DOCX, XLSX …) keeps its ``cells`` as
    printed and the index of its ``table``; ``page`` is the printed page,
    where the format has pages."""

    no: int
    raw: str
    norm: str
    cells: tuple[str, ...] | None = None
    table: int | None = None
    page: int | None = None


@dataclass
class SourceText:
    path: str
    text: str
    lines: list[Line]
    sha256: str
    dropped: dict[str, int]
    warnings: list[str] = field(default_factory=list)
    #: for a document printed in traditional characters (read as simplified),
    #: what it printed (see :mod:`loaders.script`); None otherwise
    printed: "PrintedLines | None" = None

    def find(self, pattern: str | re.Pattern[str]) -> Line | None:
        rx = re.compile(pattern) if isinstance(pattern, str) else pattern
        for line in self.lines:
            if rx.search(line.norm):
                return line
        return None


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data[:8192]:
        return True
    sample = data[:8192]
    controls = len(sample) - len(sample.translate(None, _CONTROLS))
    return len(sample) > 0 and controls / len(sample) > 0.05


_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))   # bytes no text holds


def _plausible(text: str) -> float:
    """The share of ``text`` that is what documents print: ASCII, CJK
    ideographs and punctuation, full-width forms, general punctuation."""
    if not text:
        return 0.0
    ok = sum(1 for c in text if (" " <= c <= "~") or c in "\t\n\r\f" or "\u3000" <= c <= "\u303f"
             or "\u3400" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef" or "\u2000" <= c <= "\u206f"
             or "\u00a0" <= c <= "\u00ff" or "\u2460" <= c <= "\u24ff")
    return ok / len(text)


def _utf16_without_bom(data: bytes) -> str | None:
    """``data`` as UTF-16 without a byte order mark, when it reads as text in
    one byte order (little or big endian): of the two decodings, the one whose
    start is almost all ASCII, CJK and punctuation. None otherwise."""
    if len(data) % 2:
        return None
    best, score = None, 0.0
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            head = data[:8192].decode(enc, errors="replace")
        except UnicodeDecodeError:
            continue
        s = _plausible(head)
        if s > score:
            best, score = enc, s
    if best is None or score < 0.95:
        return None
    try:
        return data.decode(best)
    except UnicodeDecodeError:
        return None


def decode(data: bytes, path: str) -> str:
    """Decode a document's bytes: UTF-8 (with or without BOM), UTF-16 (with
    or without BOM), else GB18030.

    Raises :class:`LoadError` naming the file (and the line of the first
    undecodable byte) for binary or undecodable input.

    >>> decode("一、总则".encode("utf-16"), "f"), decode("一、总则 1.".encode("utf-16-le"), "f")
    ('一、总则', '一、总则 1.')
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") and not data.startswith(b"\xff\xfe\x00\x00"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise LoadError(path, f"cannot decode text: it starts like UTF-16, but byte {e.start} is not") from None
    if _looks_binary(data):
        text = _utf16_without_bom(data)
        if text is not None:
            return text
        raise LoadError(path, "binary file, not a text document")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        utf8_error = e
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        line = data[: utf8_error.start].count(b"\n") + 1
        raise LoadError(path, "cannot decode text (neither UTF-8 nor GB18030)", line=line) from None


_SPACES = re.compile(r"[ \t\u00a0\u3000\u2002\u2003\u200b\ufeff]+")


def normalize(text: str) -> str:
    """Normalise text for parsing: NFKC (full-width ，：（） → ,:()),
    every kind of space folded to one ordinary space, trimmed.

    >>> normalize("牵头单位：市财政局（主办）\u00a0")
    '牵头单位:市财政局(主办)'
    """
    if _CIRCLED_OR_KEPT.search(text):
        text = _nfkc(text.translate(_KEEP_CIRCLED)).translate(_CIRCLED_BACK)
    else:
        text = _nfkc(text)   # (translating every line char by char was slow)
    return _SPACES.sub(" ", text).strip()


def _nfkc(text: str) -> str:
    """NFKC of ``text``. The characters documents print most that NFKC changes
    (full-width ,:();!? and spaces) are first replaced by what NFKC makes of
    them: the same result (each is replaced by its own compatibility
    decomposition), and most lines are then normal already, which NFKC tells
    at once instead of decomposing and composing the whole line (5× faster)."""
    return unicodedata.normalize("NFKC", text.replace("\uff0c", ",").replace("\u3000", " ").replace("\uff08", "(")
                                 .replace("\uff09", ")").replace("\uff1b", ";").replace("\uff1a", ":")
                                 .replace("\uff01", "!").replace("\uff1f", "?").replace("\xa0", " "))


# circled numbers (①②…) number items: NFKC would make them plain digits, so they are kept
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_KEEP_CIRCLED = {ord(c): 0xF0000 + k for k, c in enumerate(_CIRCLED)}
_CIRCLED_BACK = {0xF0000 + k: c for k, c in enumerate(_CIRCLED)}
# (as ranges, which re tests fast: ① to ⑳ are consecutive code points)
_CIRCLED_OR_KEPT = re.compile(f"[{_CIRCLED[0]}-{_CIRCLED[-1]}{chr(0xF0000)}-{chr(0xF0000 + len(_CIRCLED) - 1)}]")
assert [ord(c) - ord(_CIRCLED[0]) for c in _CIRCLED] == list(range(len(_CIRCLED)))


_LABEL_SPACES = re.compile(r"^((?:[\u4e00-\u9fff] ){1,5}[\u4e00-\u9fff])(?= ?[::])")


def strip_label_spaces(text: str) -> str:
    """Remove spaces inside a short label before a colon: "组 长:" → "组长:".

    >>> strip_label_spaces("组 长:张三")
    '组长:张三'
    """
    m = _LABEL_SPACES.match(text)
    if not m:
        return text
    rest = text[m.end():].lstrip(" ")
    return m.group(1).replace(" ", "") + rest


# View counters ("浏览次数:926"). A line ending in one of _JUNK_COUNTERS is site chrome;
# _COUNTER strips any of _COUNTERS (also 点击数/点击量) from the end of a kept line.
_JUNK_COUNTERS = ("浏览次数", "访问次数", "阅读次数")
_COUNTERS = _JUNK_COUNTERS + ("点击数", "点击量")

# Site chrome: navigation, counters, print/close buttons, footers.
_JUNK = re.compile(
    r"^(您现在所在的位置|当前位置|首页\s*>|.*>\s*(政务公开|政府文件|政策文件)\b|.*\.(png|jpg|gif)$"
    r"|【?(打印|关闭|字体|分享)|.*(" + "|".join(_JUNK_COUNTERS) + r")\s*[::]?\s*\d*\s*$"
    r"|.*版权所有|.*ICP备|.*网站标识码|.*公网安备|技术支持|编辑[::].*识别码"
    r"|扫一扫|上一篇|下一篇|相关链接|返回顶部)"
)


_COUNTER = re.compile(r"\s*(" + "|".join(_COUNTERS) + r")\s*[::]?\s*\d*\s*$")
_KEEP = re.compile(r"(发布|成文|印发|发文)(时间|日期)|来源\s*[::]")


def _is_junk(norm: str) -> bool:
    """A line of site furniture. A line that also carries the page's dates or
    source ("发布时间:2022-02-08 浏览次数:926") is not junk: see :func:`_unclutter`.

    >>> _is_junk("打印 关闭"), _is_junk("发布时间:2022-02-08 浏览次数:926")
    (True, False)
    """
    return bool(_JUNK.match(norm)) and not _KEEP.search(norm)


def _unclutter(norm: str) -> str:
    """A kept line without its trailing view counter.

    >>> _unclutter("发布时间:2022-02-08 浏览次数:926")
    '发布时间:2022-02-08'
    """
    return _COUNTER.sub("", norm) if _KEEP.search(norm) else norm


def _drop_repeated_body(lines: list[Line], min_run: int = 8) -> tuple[list[Line], int]:
    """Drop a second copy of a run of at least ``min_run`` lines.

    Pages sometimes print their whole body twice; the repeat must not double
    any fact. Only long runs count, so repeated short lines (labels,
    "各有关部门") stay.

    At each line, the earliest kept line that starts the same ``min_run``
    lines (and ends before this one) is found through a table of those
    windows, so the pass is linear in the number of lines: a repeat runs as
    far as both copies agree, and the copy is dropped.

    >>> from loaders.text import read_text
    >>> body = [f"第{i}条" for i in range(9)]
    >>> src = read_text(chr(10).join(body + ["附件"] + body))
    >>> len(src.lines), src.dropped["repeated"]
    (10, 9)
    """
    ids: dict[str, int] = {}
    keys = [ids.setdefault(ln.norm, len(ids)) for ln in lines]
    n = len(keys)
    starts: dict[tuple[int, ...], int] = {}  # a window of min_run keys -> the earliest kept line starting it
    drop: list[tuple[int, int]] = []
    i = 0
    while i < n:
        window = tuple(keys[i:i + min_run]) if i + min_run <= n else None
        j = starts.get(window) if window is not None else None
        if j is not None and j + min_run <= i:
            k = min_run
            while i + k < n and j + k < i and keys[j + k] == keys[i + k]:
                k += 1
            drop.append((i, i + k))
            i += k
            continue
        if window is not None:
            starts.setdefault(window, i)
        i += 1
    if not drop:
        return lines, 0
    kept: list[Line] = []
    last = 0
    for a, b in drop:
        kept.extend(lines[last:a])
        last = b
    kept.extend(lines[last:])
    return kept, sum(b - a for a, b in drop)


def read_text(text: str, path: str = "<text>", sha256: str = "") -> SourceText:
    """Number, normalise and clean already-decoded text."""
    from .formats import TextLine

    return read_lines([TextLine(t) for t in text.splitlines()], path, sha256, text=text)


def read_lines(file_lines: "list[TextLine]", path: str = "<text>", sha256: str = "",
               text: str | None = None) -> SourceText:
    """Number, normalise and clean the lines a file format gave (see
    :func:`loaders.formats.to_lines`); table rows keep their cells. A document
    printed in traditional characters is read in simplified ones
    (:func:`loaders.script.simplify_lines`); ``text`` stays as printed."""
    from .script import simplify_lines

    file_lines = list(file_lines)
    if text is None:
        text = "".join(fl.text + "\n" for fl in file_lines)
    file_lines, printed = simplify_lines(file_lines)
    lines: list[Line] = []
    junk = 0
    warnings: list[str] = []
    for no, fl in enumerate(file_lines, start=1):
        fl = _bounded(fl, path, no, warnings)
        norm = normalize(fl.text)
        if not norm:
            continue
        if _is_junk(norm):
            junk += 1
            continue
        if fl.cells is None and len(norm) > 200:
            # a body scraped into one line: its paragraphs, each a line of the same number
            raw = fl.text.strip()
            for a, b in paragraph_spans(norm):
                piece = norm[a:b].strip()
                if piece:
                    lines.append(Line(no, raw[a:b].strip() if len(raw) == len(norm) else piece, _unclutter(piece),
                                      page=fl.page))
        elif fl.cells is None:
            lines.append(Line(no, fl.text.strip(), _unclutter(norm), page=fl.page))
        else:
            lines.append(Line(no, fl.text.strip(), norm, fl.cells, fl.table, fl.page))
    lines, repeated = _drop_repeated_body(lines)
    return SourceText(
        path=path,
        text=text,
        lines=lines,
        sha256=sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest(),
        dropped={"navigation": junk, "repeated": repeated},
        warnings=warnings,
        printed=printed,
    )


def _bounded(fl: "TextLine", path: str, no: int, warnings: list[str]) -> "TextLine":
    """The line with every sentence (and table cell) cut to :data:`MAX_LINE_CHARS`
    characters, with a warning. A long line of ordinary sentences is a body
    scraped into one line (real pages run to 120,000 characters) and is kept
    whole; no document says one thing in one longer sentence, and every fact
    read from it would carry it as evidence."""
    if len(fl.text) <= MAX_LINE_CHARS:
        return fl
    from dataclasses import replace

    if fl.cells is None:
        parts = re.split(r"(?<=[。!?;])", fl.text)
        longest = max(len(p) for p in parts)
        if longest <= MAX_LINE_CHARS:
            return fl
        warnings.append(f"{path}, line {no}: a sentence of {longest:,} characters; "
                        f"only its first {MAX_LINE_CHARS:,} are read")
        return replace(fl, text="".join(p[:MAX_LINE_CHARS] for p in parts))
    from .formats import CELL_SEP

    longest = max((len(c) for c in fl.cells), default=0)
    if longest <= MAX_LINE_CHARS:
        return fl
    warnings.append(f"{path}, line {no}: a table cell of {longest:,} characters; "
                    f"only its first {MAX_LINE_CHARS:,} are read")
    cells = tuple(c[:MAX_LINE_CHARS] for c in fl.cells)
    return replace(fl, text=CELL_SEP.join(cells), cells=cells)


_PARA_BREAK = re.compile(r"(?<=[。:!?;)》”])\s+(?=\S)|(?<=规定|通知|意见|方案|办法|决定|要点|计划|细则|报告|清单)\s+(?=[\u4e00-\u9fff《])|(?<=[号日])\s+(?=[\u4e00-\u9fff《(])|\s+(?=[一二三四五六七八九十]{1,3}、)")


def paragraph_spans(norm: str) -> list[tuple[int, int]]:
    """Where the paragraphs of a body scraped into one line begin and end: at the
    spaces the scraper left between them (after 。 : ) 》, after a 文号's 号 or a
    date's 日, before a heading 一、).

    >>> t = "关于X的通知 长府办发〔2009〕47 号 各县(市)、区人民政府: 现予印发。 长春市人民政府办公厅 二〇〇九年九月十日 一、职责"
    >>> [t[a:b].strip() for a, b in paragraph_spans(t)]
    ['关于X的通知', '长府办发〔2009〕47 号', '各县(市)、区人民政府:', '现予印发。', '长春市人民政府办公厅 二〇〇九年九月十日', '一、职责']
    """
    cuts = [m.start() for m in _PARA_BREAK.finditer(norm)]
    bounds = [0] + cuts + [len(norm)]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if norm[a:b].strip()]


def read_bytes(path: str | Path, limit: int | None = None) -> bytes:
    """A document file's bytes. Only a regular file is read (a FIFO or a
    device would block or never end), and only one of at most ``limit``
    bytes (default :data:`MAX_FILE_BYTES`); errors name the file."""
    limit = MAX_FILE_BYTES if limit is None else limit
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise LoadError(str(path), "no such file") from None
    except OSError as e:
        raise LoadError(str(path), f"cannot read: {e.strerror}") from None
    if stat.S_ISDIR(st.st_mode):
        raise LoadError(str(path), "is a directory")
    if not stat.S_ISREG(st.st_mode):
        what = ("a FIFO (named pipe)" if stat.S_ISFIFO(st.st_mode) else "a device" if stat.S_ISCHR(st.st_mode)
                or stat.S_ISBLK(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode) else "a special file")
        raise LoadError(str(path), f"{what}, not a regular file; refused",
                        hint="copy the document into a regular file first")
    if st.st_size > limit:
        raise LoadError(str(path), f"too large ({st.st_size:,} bytes; govgraph reads documents of up to {limit:,})",
                        hint="split it into its documents")
    try:
        # O_NONBLOCK: should the path have become a FIFO since stat, opening it does not hang
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as e:
        raise LoadError(str(path), f"cannot read: {e.strerror}") from None
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            raise LoadError(str(path), "not a regular file; refused")
        data = f.read(limit + 1)
    if len(data) > limit:
        raise LoadError(str(path), f"too large (more than {limit:,} bytes)", hint="split it into its documents")
    return data


def read_document(path: str | Path) -> SourceText:
    """Read a document file; errors name the file (and line)."""
    data = read_bytes(path)
    from .formats import to_lines  # text, HTML, .docx, .xlsx

    src = read_lines(to_lines(data, str(path)), str(path), hashlib.sha256(data).hexdigest())
    if not src.lines:
        raise LoadError(str(path), "empty document (no text)")
    return src


def opening_of_closing_paren(t: str) -> int | None:
    """Where the parenthesis that ends ``t`` opens (parentheses nested inside
    it are skipped), or None when ``t`` does not end in one or it never opens.

    >>> t = "推进改造。(市科技局、各县级市(区)政府)"
    >>> t[opening_of_closing_paren(t):]
    '(市科技局、各县级市(区)政府)'
    >>> opening_of_closing_paren("推进改革(试点)工作") is None
    True
    """
    if not t.endswith(")"):
        return None
    depth = 0
    for k in range(len(t) - 1, -1, -1):
        if t[k] == ")":
            depth += 1
        elif t[k] == "(":
            depth -= 1
            if depth == 0:
                return k
    return None


# -- lists of names -------------------------------------------------------

_LIST_SEP = "、,;/"
_TRAILING = re.compile(r"(等有关(部门|单位)|等相关(部门|单位)|等部门|等单位|等)$")


_LEVEL = r"(?:县|市|区|旗|州|盟|自治县|自治旗|自治州|县级市|市辖区|特区|林区)"
# (a level may carry its alternatives: "各区、县(市)政府")
_LEVEL_RUN = re.compile(rf"各{_LEVEL}(?:\([^()]{{1,8}}\))?(?:、{_LEVEL}(?:\([^()]{{1,8}}\))?)+(?=人民政府|政府|党委|管委会|[,;、/]|$)")


def split_list(text: str) -> list[str]:
    """Split a printed list of bodies or names.

    Separators: 、 , ; / (not inside parentheses); "等", "等有关部门"
    at the end of an item are dropped (the collective phrase itself is kept
    when it stands alone, e.g. "各有关部门").

    >>> split_list("市税务局、市财政局")
    ['市税务局', '市财政局']
    >>> split_list("各有关部门,各开发区、镇(街道)")
    ['各有关部门', '各开发区', '镇(街道)']
    >>> split_list("县公安局、县民政局等有关部门")
    ['县公安局', '县民政局']

    A run of bare level words sharing one suffix is one collective name
    ("各县、自治县、市、区人民政府": every county-level government):

    >>> split_list("市交通运输局、各县、自治县、市、区人民政府")
    ['市交通运输局', '各县、自治县、市、区人民政府']
    >>> split_list("各区、县(市)政府、市财政局")
    ['各区、县(市)政府', '市财政局']
    >>> split_list("财政厅,各州、市人民政府")
    ['财政厅', '各州、市人民政府']
    """
    return list(_split_list(text))


@lru_cache(maxsize=1 << 14)   # pure; the same lists are split again and again
def _split_list(text: str) -> tuple[str, ...]:
    # Separators inside parentheses (e.g. "镇(街道、园区)") do not split.
    parts: list[str] = []
    depth = 0
    buf = ""
    keep = {i for m in _LEVEL_RUN.finditer(text) for i in range(m.start(), m.end())}
    for k, ch in enumerate(text):
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        if depth == 0 and ch in _LIST_SEP and k not in keep:
            parts.append(buf)
            buf = ""
        else:
            buf += ch
    parts.append(buf)
    out = []
    for part in parts:
        part = part.strip().strip("。.:").strip()
        if not part:
            continue
        stripped = _TRAILING.sub("", part).strip()
        if stripped and stripped != part and len(stripped) >= 2:
            part = stripped
        if part:
            out.append(part)
    return tuple(out)
