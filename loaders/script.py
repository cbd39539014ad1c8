"""Traditional characters: read them as simplified, keep them as printed.

Mirror sites copy government pages in traditional characters (陝西省人民政府關於…).
The extractors' vocabulary (牵头单位, 责任单位, 组长 …) and the names they
resolve are simplified, so a document printed in traditional characters is
converted to simplified (OpenCC's ``t2s``) before any extractor sees it: node
names and IDs come out as from the simplified copy, and the same document in
either script gives the same graph. What the document printed stays: the
evidence of every edge and the mentions of every node are put back into the
characters of the page (:func:`restore_printed`), so "as printed" still means
as printed.

Some mirrors also print the pinyin of a character after it (``區(qū)``); those
glosses are dropped from the text the extractors read.

A document counts as traditional when a large share of its Chinese characters
are ones OpenCC changes (:func:`traditional_share`): simplified documents score
well under 1 % (the odd 著 or 於 in a name), traditional ones 25–45 %.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

from graph.records import DocumentGraph, Edge, Evidence, Mention, Node

if TYPE_CHECKING:  # pragma: no cover
    from .formats import TextLine

__all__ = [
    "TRADITIONAL_SHARE",
    "PrintedLines",
    "is_traditional",
    "restore_printed",
    "simplify_lines",
    "to_simplified",
    "traditional_share",
]

#: the share of changed characters above which a document is read as traditional
TRADITIONAL_SHARE = 0.05

_NOT_CJK = re.compile(r"[^\u3400-\u9fff\U00020000-\U0002ffff]+")
# a pinyin gloss after a character: 區(qū), 協(xié), 現(xiàn) (a tone mark makes it pinyin, not a word)
_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])[(（](?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,7}[)）]")


@lru_cache(maxsize=1)
def _converter():
    try:
        import opencc
    except ImportError as e:  # pragma: no cover - a declared dependency
        raise RuntimeError("reading traditional characters needs OpenCC: pip install opencc") from e
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def _char(c: str) -> str:
    out = _converter().convert(c)
    return out if len(out) == 1 else c


# variant forms that mirror sites print and OpenCC leaves alone (陜西: U+965C, not 陝 U+965D)
_VARIANTS = str.maketrans({"陜": "陕"})
_HAS_VARIANT = re.compile("[" + "".join(map(chr, _VARIANTS)) + "]")


def to_simplified(text: str) -> str:
    """Text in simplified characters; the length never changes (a phrase OpenCC
    would rewrite to another length is converted character by character).

    >>> to_simplified("盤山縣人民政府關於印發"), to_simplified("陜西省")
    ('盘山县人民政府关于印发', '陕西省')
    """
    out = _converter().convert(text)
    if len(out) != len(text):
        out = "".join(_char(c) for c in text)
    return out.translate(_VARIANTS) if _HAS_VARIANT.search(out) else out


def traditional_share(text: str) -> float:
    """The share of the text's Chinese characters that are traditional-only
    (ones the conversion to simplified changes).

    >>> traditional_share("盘山县人民政府")
    0.0
    >>> round(traditional_share("盤山縣人民政府"), 2)
    0.29
    """
    cjk = _NOT_CJK.sub("", text)
    if not cjk:
        return 0.0
    simp = to_simplified(cjk)
    if simp == cjk:
        return 0.0          # most documents: nothing to count character by character
    return sum(a != b for a, b in zip(cjk, simp)) / len(cjk)


def is_traditional(text: str) -> bool:
    """Whether a document is printed in traditional characters.

    >>> is_traditional("陝西省人民政府關於委託一批行政許可事項的決定"), is_traditional("陕西省人民政府关于委托")
    (True, False)
    """
    return traditional_share(text) >= TRADITIONAL_SHARE


def _fold(c: str) -> str:
    """A character as normalisation leaves it (NFKC; any space one space)."""
    f = unicodedata.normalize("NFKC", c)
    return " " if c.isspace() or f.isspace() or c in "\u200b\ufeff" else f


@dataclass
class _Printed:
    """One line as printed and as converted, aligned character by character."""

    printed: str
    simple: str          # the converted text (pinyin glosses dropped)
    index: list[int]     # index[k]: where simple[k] stands in printed

    def __post_init__(self) -> None:
        folded: list[str] = []
        at: list[int] = []
        for k, c in enumerate(self.simple):
            f = _fold(c)
            if f == " " and folded and folded[-1] == " ":
                continue
            for ch in f:
                folded.append(ch)
                at.append(k)
        self.folded = "".join(folded)
        self.at = at

    def restore(self, s: str) -> str | None:
        """``s`` (a piece of this line's converted, normalised text) in the line's
        own characters, or None when it is not a piece of this line."""
        key = "".join(_fold(c) for c in s)
        a = self.folded.find(key) if key else -1
        if a < 0 or len(key) != len(s):
            return None
        out = []
        for k, c in enumerate(s):
            j = self.at[a + k]
            orig = self.printed[self.index[j]]
            out.append(orig if orig != self.simple[j] else c)
        return "".join(out)


class PrintedLines:
    """What a converted document printed, by line number: restores a converted
    piece of text to the characters of the page."""

    #: how far from its line a piece of text is looked for (a task's units are
    #: often printed a few lines below the line its facts cite)
    NEAR = 12

    def __init__(self) -> None:
        self.lines: dict[int, list[_Printed]] = {}
        self._counts: dict[str, dict[str, int]] = {}

    def add(self, no: int, printed: str, simple: str, index: list[int]) -> None:
        p = _Printed(printed, simple, index)
        self.lines.setdefault(no, []).append(p)
        for k, c in enumerate(simple):
            t = printed[index[k]]
            if t != c:
                per = self._counts.setdefault(c, {})
                per[t] = per.get(t, 0) + 1

    def restore(self, no: int, s: str) -> str:
        """``s`` as printed at line ``no``, or at a line near it; text no line holds
        whole (pieces of several lines) goes back character by character, each
        character as the document most often prints it."""
        for d in range(self.NEAR + 1):
            for at in ((no,) if d == 0 else (no + d, no - d)):
                for p in self.lines.get(at, ()):
                    r = p.restore(s)
                    if r is not None:
                        return r
        return "".join(max(self._counts[c].items(), key=lambda kv: kv[1])[0] if c in self._counts else c
                       for c in s)


def _convert(printed: str) -> tuple[str, list[int]]:
    """(converted text, where each of its characters stands in ``printed``)."""
    keep = [True] * len(printed)
    for m in _PINYIN.finditer(printed):
        for k in range(m.start(), m.end()):
            keep[k] = False
    index = [k for k, ok in enumerate(keep) if ok]
    text = "".join(printed[k] for k in index)
    return to_simplified(text), index


def simplify_lines(file_lines: "Iterable[TextLine]") -> "tuple[list[TextLine], PrintedLines | None]":
    """The lines of a file as the extractors should read them: converted to
    simplified when the document is printed in traditional characters, with a
    :class:`PrintedLines` to restore what it printed; unchanged (and None)
    otherwise."""
    file_lines = list(file_lines)
    sample = "".join(fl.text for fl in file_lines)
    if not is_traditional(sample):
        return file_lines, None
    printed = PrintedLines()
    out = []
    for no, fl in enumerate(file_lines, start=1):
        text, index = _convert(fl.text)
        printed.add(no, fl.text, text, index)
        cells = None
        if fl.cells is not None:
            cells = []
            for c in fl.cells:
                ct, ci = _convert(c)
                printed.add(no, c, ct, ci)
                cells.append(ct)
            cells = tuple(cells)
        out.append(replace(fl, text=text, cells=cells))
    return out, printed


def restore_printed(doc: DocumentGraph, printed: PrintedLines) -> DocumentGraph:
    """The document's graph with every mention and piece of evidence put back
    into the characters the document printed; names, IDs and properties stay
    simplified (canonical)."""
    nodes = [Node(n.id, n.label, n.name, n.properties,
                  tuple(sorted({Mention(m.doc, m.line, printed.restore(m.line, m.text)) for m in n.mentions})))
             for n in doc.nodes]
    edges = [Edge(e.id, e.type, e.source, e.target, e.properties,
                  tuple(sorted({Evidence(v.doc, v.line, printed.restore(v.line, v.text)) for v in e.evidence})))
             for e in doc.edges]
    return DocumentGraph(doc.doc_id, doc.source_file, nodes, edges, list(doc.warnings))
