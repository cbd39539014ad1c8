"""Reading one document: layout, extractors, assembly — the same for every kind.

:func:`read_part` reads a document's lines (a whole file, or one part of a
compilation) into a :class:`graph.records.DocumentGraph`: its metadata, the
document model (:mod:`loaders.layout`), every extractor's facts
(:mod:`loaders.extract`) and the one assembly step (:mod:`loaders.assemble`).
"""
from __future__ import annotations

from graph.records import DocumentGraph

from .assemble import assemble
from .base import DocBuilder
from .extract import extract, read_context
from .facts import Facts
from .layout import read_layout
from .meta import DocMeta, read_meta
from .names import AliasTable
from .text import Line, SourceText
from .vocab import Vocabulary

__all__ = ["read_part", "read_facts"]


def read_facts(lines: list[Line], meta: DocMeta, vocab: Vocabulary | None = None) -> Facts:
    """The facts the extractors find in a document's lines."""
    vocab = vocab or Vocabulary.default()
    layout = read_layout(lines, vocab)
    ctx = read_context(layout, vocab, meta.title, meta.issuer)
    return extract(layout, ctx)


def read_part(src: SourceText, kind: str, aliases: AliasTable | None = None, vocab: Vocabulary | None = None,
              lines: list[Line] | None = None, meta: DocMeta | None = None, part: str | None = None) -> DocumentGraph:
    lines = lines if lines is not None else src.lines
    meta = meta or read_meta(lines)
    b = DocBuilder(src, meta, kind=kind, aliases=aliases, part=part)
    assemble(b, read_facts(lines, meta, vocab))
    return b.build()
