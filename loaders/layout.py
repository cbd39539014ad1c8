"""The document model: a document's lines read once into their structure.

Every reader works on a :class:`Layout` rather than on raw lines:

* **segments** — each line, and each item run into a line (bodies scraped
  into one line print ``一、…(一)…1.…`` inline), with the heading marker it
  opens with (``一、`` ``(一)`` ``1.`` ``1.1`` ``(1)`` ``①`` ``第三条``);
* **the outline** — items nested by their markers' rank, each with its own
  text, the label lines under it (``牵头单位:…``) and its children;
* **tables** — real cells from HTML, DOCX and XLSX, or tables rebuilt from
  their flattened text (``a | b`` rows, one cell per line ending in ``|``,
  one cell per line under a header of label words, cells run together with
  spaces) — see :mod:`loaders.tables`;
* **label–value pairs** — a line that opens with a label word and a colon.

Line numbers and the text as printed stay with every piece, for evidence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from .text import Line
from .vocab import Vocabulary

__all__ = ["Marker", "Segment", "Item", "Label", "Layout", "read_layout", "marker_at", "CN_NUM", "cn_value"]

CN_NUM = "一二三四五六七八九十百零〇"
_CN = {"零": 0, "〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def cn_value(s: str) -> int:
    """一 → 1, 十二 → 12, 二十三 → 23, 一百零五 → 105 (0 when not a number).

    >>> cn_value("十二"), cn_value("二十三"), cn_value("一百零五"), cn_value("甲")
    (12, 23, 105, 0)
    """
    if not s or any(ch not in _CN and ch not in "十百" for ch in s):
        return 0
    total, cur = 0, 0
    for ch in s:
        if ch == "百":
            total += (cur or 1) * 100
            cur = 0
        elif ch == "十":
            total += (cur or 1) * 10
            cur = 0
        else:
            cur = _CN[ch]
    return total + cur


@dataclass(frozen=True)
class Marker:
    """A heading or item marker as printed: ``kind`` is its class
    (``cn`` 一、, ``pcn`` (一), ``num`` 1. / 1、, ``dec`` 1.1, ``pnum`` (1),
    ``circ`` ①, ``art`` 第三条, ``chap`` 第一章, ``sec`` 第一节, ``part`` 第一篇/部分,
    ``bare`` "1 " at a table row's start); ``number`` the number as printed
    (一, 1, 1.1); ``value`` its integer value (for sequences)."""

    kind: str
    number: str
    value: int
    text: str


_CIRC = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_MARKERS = [
    ("chap", re.compile(rf"第([{CN_NUM}\d]{{1,4}})章\s*")),
    ("sec", re.compile(rf"第([{CN_NUM}\d]{{1,4}})节\s*")),
    ("part", re.compile(rf"第([{CN_NUM}\d]{{1,4}})(?:篇|部分)\s*")),
    ("art", re.compile(rf"第([{CN_NUM}\d]{{1,4}})条(?:\s+|\s*[::、.]\s*|(?=[\u4e00-\u9fff(《“]))")),
    ("cn", re.compile(rf"([{CN_NUM}]{{1,4}})\s*[、.,:]\s*")),
    ("pcn", re.compile(rf"[((]\s*([{CN_NUM}]{{1,4}})\s*[))]\s*[、.,:]?\s*")),
    ("dec", re.compile(r"(\d{1,2}(?:\.\d{1,2}){1,3})(?![\d%])\s*[、.:]?\s*(?=[\u4e00-\u9fff《“(])")),
    ("num", re.compile(r"(\d{1,3})\s*[、.,:](?![\d%])\s*")),
    ("pnum", re.compile(r"[((]\s*(\d{1,3})\s*[))]\s*[、.,:]?\s*")),
    ("circ", re.compile(rf"([{_CIRC}])\s*[、.]?\s*")),
    ("shi", re.compile(r"([一二三四五六七八九十]{1,3})是(?!否)(?:要)?\s*[,:、]?\s*(?=[\u4e00-\u9fff“《])")),
]


def _value(kind: str, number: str) -> int:
    if kind == "circ":
        return _CIRC.index(number) + 1
    if kind == "dec":
        return int(number.split(".")[-1])
    if number.isdigit():
        return int(number)
    return cn_value(number)


def marker_at(text: str, pos: int = 0) -> Marker | None:
    """The marker that opens ``text`` at ``pos``, if any.

    >>> marker_at("一、总体要求").number, marker_at("(三)加强宣传").kind, marker_at("1.1 推进政务云").number
    ('一', 'pcn', '1.1')
    >>> marker_at("2023年工作") is None, marker_at("1.5%以上") is None, marker_at("第三条 县应急管理局负责").kind
    (True, True, 'art')
    """
    for kind, rx in _MARKERS:
        m = rx.match(text, pos)
        if not m:
            continue
        number = m.group(1)
        end = m.end()
        if kind in ("num", "cn") and end < len(text) and text[end] in "年月日号%个项万亿元":
            continue
        if kind == "cn" and len(number) > 1 and not cn_value(number):
            continue
        if kind == "num" and end >= len(text):
            continue
        if kind == "cn" and text[m.end(1):m.end(1) + 1] in ".,:" and not re.match(r"\s*[、.,:]\s*[\u4e00-\u9fff(《“]", text[m.end(1):]):
            continue
        return Marker(kind, number, _value(kind, number), text[pos:end])
    return None


@dataclass
class Segment:
    """A piece of one line: the whole line, or one item of a line that runs
    several items together. ``text`` is the normalised text after the marker;
    ``raw`` the same span as printed."""

    line: Line
    start: int
    text: str
    marker: Marker | None = None
    raw: str = ""

    @property
    def no(self) -> int:
        return self.line.no


@dataclass
class Label:
    """A label–value pair: ``牵头单位:市财政局`` (role from the vocabulary)."""

    word: str
    role: str
    value: str
    segment: Segment
    lines: list[Line] = field(default_factory=list)


@dataclass
class Item:
    """One numbered item of the outline, with its own text (continuation lines
    joined), the label lines under it and its children."""

    marker: Marker
    level: float
    head: Segment
    body: list[Segment] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    children: list["Item"] = field(default_factory=list)
    parent: "Item | None" = None
    holder: str | None = None      # a holder line's body ("市规划局主要职责:")

    @property
    def text(self) -> str:
        return "".join([self.head.text] + [s.text for s in self.body])

    @property
    def number(self) -> str:
        return self.marker.number

    def path(self) -> str:
        """The item's number with its parents': 二.(一).1 (see :func:`loaders.extract.tasks`
        for when the parents are left out)."""
        parts = []
        it: Item | None = self
        while it is not None:
            mk = it.marker
            if mk.kind == "holder":
                it = it.parent
                continue
            if mk.kind in ("pcn", "pnum"):
                parts.append(f"({mk.number})")
            elif mk.kind == "art":
                parts.append(f"第{mk.number}条")
                break       # articles are numbered through the whole text: chapters add nothing
            elif mk.kind in ("chap", "sec", "part"):
                parts.append(mk.text.strip().rstrip(":、. "))
            elif mk.kind == "shi":
                parts.append(mk.number + "是")
            else:
                parts.append(mk.number)
            it = it.parent
        return ".".join(reversed(parts))

    def walk(self) -> Iterator["Item"]:
        yield self
        for c in self.children:
            yield from c.walk()


@dataclass
class Layout:
    """A document read into its structure (see the module's description)."""

    lines: list[Line]
    segments: list[Segment]
    items: list[Item]              # top-level items of the outline
    labels: list[Label]            # every label line, in order
    tables: list["Table"]          # see loaders.tables
    vocab: Vocabulary
    loose: list[Segment] = field(default_factory=list)   # segments inside no item (paragraphs, headings)

    def all_items(self) -> Iterator[Item]:
        for it in self.items:
            yield from it.walk()


# -- cutting lines into segments ---------------------------------------------

# an inline marker: after an end of sentence or a bracket, or a heading run into text
_INLINE = re.compile(
    rf"(?<=[。;;!?:)）】」”\s])(?=[一二三四五六七八九十]{{1,3}}是|[{CN_NUM}]{{1,3}}、|[((][{CN_NUM}]{{1,3}}[))]|\d{{1,2}}[.、](?!\d)|[((]\d{{1,2}}[))]|[{_CIRC}]|第[{CN_NUM}\d]{{1,4}}[条章节])"
    rf"|(?<=[\u4e00-\u9fff])(?P<run>[((][{CN_NUM}]{{1,3}}[))]|[{CN_NUM}]{{1,3}}、|\d{{1,2}}[.、](?!\d)|第[{CN_NUM}\d]{{1,4}}[条章])"
)


def _inline_cuts(text: str) -> list[int]:
    """Where the items of a line that runs several together begin: markers of
    one class in sequence (一 二 三 …, (1) (2) …), each after an end of
    sentence or bracket (or, for 一、 and (一), after a heading's last word).

    >>> t = "一、总体要求(一)指导思想。坚持创新。(二)基本原则。依法行政。二、重点任务1.推进改革。"
    >>> [t[k:k+3] for k in _inline_cuts(t)]
    ['(一)', '(二)', '二、重', '1.推']
    """
    found: list[tuple[int, Marker, bool]] = []
    for m in _INLINE.finditer(text):
        mk = marker_at(text, m.start())
        if mk and m.start() > 0:
            # run into a word without punctuation: only (一) may open a sequence there,
            # 一、 and 1. must continue one ("…多证合一、一照一码" is no item)
            run_in = m.group("run") is not None
            found.append((m.start(), mk, run_in and mk.kind not in ("pcn", "art", "chap")))
    if not found:
        return []
    # keep markers that continue a sequence of their kind: the first of a kind is 1
    # (or continues the line's own opening marker), later ones count up
    first = marker_at(text)
    last: dict[str, int] = {}
    if first:
        last[first.kind] = first.value
    cuts = []
    last_cut: tuple[int, str] | None = None
    for pos, mk, must_continue in found:
        prev = last.get(mk.kind)
        # "二、重点任务1.推进…": a heading's first numbered item may follow its last word
        after_heading = (mk.kind == "num" and last_cut is not None and last_cut[1] in ("cn", "pcn")
                         and pos - last_cut[0] <= 30)
        if (prev is None and mk.value == 1 and (not must_continue or after_heading)) \
                or (prev is not None and mk.value == prev + 1):
            cuts.append(pos)
            last_cut = (pos, mk.kind)
            last[mk.kind] = mk.value
            # a lower class restarts under a new higher one
            for k in _LOWER.get(mk.kind, ()):
                last.pop(k, None)
    return cuts


_ORDER = ["part", "chap", "sec", "art", "cn", "pcn", "num", "dec", "pnum", "circ", "shi"]
_LOWER = {k: _ORDER[i + 1:] for i, k in enumerate(_ORDER)}


def _segments(ln: Line, split_inline: bool) -> list[Segment]:
    text, raw = ln.norm, ln.raw
    cuts = _inline_cuts(text) if split_inline else []
    bounds = [0] + cuts + [len(text)]
    out = []
    for a, b in zip(bounds, bounds[1:]):
        piece = text[a:b]
        mk = marker_at(piece)
        body = piece[len(mk.text):] if mk else piece
        out.append(Segment(ln, a, body.strip(), mk, _raw_span(raw, text, a, b)))
    return out


def _raw_span(raw: str, norm: str, a: int, b: int) -> str:
    """The printed text of ``norm[a:b]`` (norm is NFKC of raw; when the two have
    the same length the span is the same, else the normalised text stands)."""
    if len(raw) == len(norm):
        return raw[a:b]
    return norm[a:b]


# -- labels ------------------------------------------------------------------

_LABEL_LINE = re.compile(r"^[【\[〔(]?\s*(?P<word>[\u4e00-\u9fff][\u4e00-\u9fff ]{0,11}?)\s*[】\]〕)]?\s*[::]\s*(?P<value>.*)$")


def read_label(text: str, vocab: Vocabulary) -> tuple[str, str, str] | None:
    """(word, role, value) when ``text`` opens with a label word and a colon
    (spaces inside the label, brackets around it and a closing 。 or ; allowed).

    >>> v = Vocabulary.default()
    >>> read_label("牵头责任领导:邓某。", v)
    ('牵头责任领导', 'lead_official', '邓某')
    >>> read_label("【牵头单位】市财政局", v) is None, read_label("部门分工:省发展改革委牵头", v)[1]
    (True, 'division')
    """
    m = _LABEL_LINE.match(text)
    if not m:
        return None
    word = m.group("word").replace(" ", "")
    role = vocab.label_role(word)
    if role is None:
        return None
    value = m.group("value").strip().rstrip("。;;").strip()
    return word, role, value


# -- the outline --------------------------------------------------------------

def read_layout(lines: list[Line], vocab: Vocabulary | None = None) -> Layout:
    """Read lines into a :class:`Layout`."""
    from .tables import find_tables

    vocab = vocab or Vocabulary.default()
    tables, table_lines = find_tables(lines, vocab)
    segments: list[Segment] = []
    for ln in lines:
        if ln.no in table_lines:
            continue
        segments.extend(_segments(ln, split_inline=True))
    # markers rank by the standard order of official documents (一、 > (一) > 1. > (1) > ①),
    # not by first appearance: a page that opens inside a list must not put ① above (2)
    ranks = {kind: k for k, kind in enumerate(_ORDER)}
    items: list[Item] = []
    labels: list[Label] = []
    loose: list[Segment] = []
    stack: list[Item] = []
    open_label: Label | None = None      # a label whose value wraps onto the next line ("…、")
    for k, s in enumerate(segments):
        if open_label is not None and not s.marker and not read_label(s.text, vocab):
            open_label.value += s.text.rstrip("。;")
            open_label.lines.append(s.line)
            if not s.text.endswith(("、", ",")):
                open_label = None
            continue
        if open_label is None and labels and labels[-1].segment is segments[k - 1] and not s.marker \
                and _completes_name(labels[-1], s.text):
            labels[-1].value += s.text        # a name broken over a line ("区  " / "营商局")
            labels[-1].lines.append(s.line)
            continue
        open_label = None
        lab = read_label(s.text if not s.marker else s.marker.text + s.text, vocab) if not s.marker else None
        if lab is None and s.marker and stack and s.marker.kind in ("num", "dec", "pnum", "circ") \
                and ranks[s.marker.kind] > stack[-1].level:
            # "1.责任领导:副市长 何晓东" / "2.牵头单位:…" under an item: its labels, numbered
            lab = read_label(s.text, vocab)
            if lab is not None and lab[1] not in ("lead", "assist", "responsible", "lead_official", "deadline"):
                lab = None
        if lab:
            label = Label(lab[0], lab[1], lab[2], s, [s.line])
            labels.append(label)
            if lab[1] in ("lead", "assist", "responsible", "lead_official") and s.text.rstrip().endswith(("、", ",")):
                open_label = label
            if stack:
                # a label line belongs to the item its line-opening marker began, not to
                # a point run into that item's line ("1.1 …①…;②…" then "牵头单位:")
                owner = next((it for it in reversed(stack) if it.head.start == 0), stack[-1])
                owner.labels.append(label)
            else:
                loose.append(s)
            continue
        hm = _HOLDER_LINE.match(s.text) if not s.marker and len(s.text) <= 90 else None
        if hm:
            # "市规划局主要职责:" over the items that follow: a heading of its own
            nxt = next((x for x in segments[k + 1:k + 6] if x.marker and _is_item(x)), None)
            if nxt is not None:
                level = ranks[nxt.marker.kind] - 0.5
                while stack and stack[-1].level >= level:
                    stack.pop()
                item = Item(Marker("holder", "", 0, ""), level, s, parent=stack[-1] if stack else None,
                            holder=hm.group("who") or hm.group("subj"))
                (stack[-1].children if stack else items).append(item)
                stack.append(item)
                continue
        if s.marker and _is_item(s):
            level = ranks[s.marker.kind]
            while stack and stack[-1].level >= level:
                stack.pop()
            item = Item(s.marker, level, s, parent=stack[-1] if stack else None)
            (stack[-1].children if stack else items).append(item)
            stack.append(item)
            continue
        if stack and not _breaks_outline(s, segments, k):
            stack[-1].body.append(s)
        else:
            stack = []
            loose.append(s)
    _closing_paragraphs(items, loose)
    return Layout(lines, segments, items, labels, tables, vocab, loose)


def _completes_name(label: Label, text: str) -> bool:
    """Whether a short line finishes the last name of a label's list."""
    from .units import looks_like_unit

    if label.role not in ("lead", "assist", "responsible") or len(text) > 12 or re.search(r"[::。,;]", text):
        return False
    last = re.split(r"[、,;]", label.value)[-1].strip()
    return bool(last) and not looks_like_unit(last) and looks_like_unit(last + text)


def _closing_paragraphs(items: list[Item], loose: list[Segment], parent: Item | None = None) -> None:
    """A list of one-line items closed by a paragraph ("一、X负责…。" … "七、…。" then
    "各单位接到通知后,要…"): the paragraph stands after the list, not inside its
    last item."""
    for it in items:
        if it.children:
            _closing_paragraphs(it.children, loose, it)
    if len(items) < 2:
        return
    last = items[-1]
    if not last.body or last.children or not last.head.text.endswith(("。", ";")) or len(last.head.text) < 12:
        return
    if any(it.body for it in items[:-1]) or not all(it.head.text.endswith(("。", ";")) for it in items[:-1]):
        return
    moved, last.body = last.body, []
    if parent is None:
        loose.extend(moved)
        loose.sort(key=lambda x: (x.line.no, x.start))
    else:
        parent.body.extend(moved)


def _is_item(s: Segment) -> bool:
    """A marker opens an item unless it is a lone number or date fragment."""
    mk = s.marker
    assert mk is not None
    if not s.text:
        return mk.kind in ("cn", "pcn", "chap", "sec", "art", "part")
    return True


# a line naming a body's duties over the items that list them ("市规划局主要职责:", "辽东湾新区管委会职责:")
_HOLDER_LINE = re.compile(r"^(?P<who>[^,。;:、]{2,40}?)(?:的)?(?:主要|具体|工作)?(?:职责|职能)(?:是|为|如下)?\s*[::]$"
                          r"|^(?P<subj>[^,。;:]{2,30}?)(?:全面)?(?:负责|承担)[^。:]{2,60}。?(?:主要|具体)?(?:包括|如下)[::]$")
_ANNEX = re.compile(r"^(?:附件\s*\d*\s*[::]?|附\s*件)|^\(?此件|^抄送|^联系人")
_SIGNER = re.compile(r"^[\u4e00-\u9fff ]{4,40}(?:人民政府|办公室|办公厅|委员会|局|厅|委|办|管委会|领导小组)$")


def _breaks_outline(s: Segment, segments: list[Segment], k: int) -> bool:
    """A line that ends the outline: an annex heading, 抄送, a contact line, or a
    signature (a body's name with a date under it)."""
    if _ANNEX.match(s.text):
        return True
    if _SIGNER.match(s.text):
        from .meta import parse_date
        return any(parse_date(x.text) and len(x.text) <= 16 for x in segments[k + 1:k + 3])
    return False
