"""The forms a node is known by: what a user may type to name it.

One definition for every place that looks names up: the name index of a
NetworkX graph (:func:`graph.analysis.names.name_index`) and the SQLite
store's ``forms`` table, which answers the same look-up without reading the
graph. A form is the canonical name, every mention as printed, and for a
document its 文号, title and file name; each also in its cleaned spelling
(:func:`loaders.names.clean_name`: no spaces, NFKC, no stray punctuation).
"""
from __future__ import annotations

from typing import Any, Iterable

__all__ = ["clean", "name_forms"]


def clean(s: str) -> str:  # clean_name keeps its answers: the same names recur in every document
    try:
        from loaders.names import clean_name

        return clean_name(s)
    except Exception:  # pragma: no cover - loaders always present in the project
        return "".join(s.split())


def name_forms(label: str, name: Any, mentions: Iterable[str] = (), properties: dict[str, Any] | None = None) -> set[str]:
    """Every form of one node (or of one document's fact about it).

    >>> sorted(name_forms("Agency", "市财政局", ["市 财政局", "(市财政局)"]))
    ['(市财政局)', '市 财政局', '市财政局']
    >>> sorted(name_forms("Duty", "做好某事", ["不算"]))
    ['做好某事']
    """
    raw: list[Any] = [name]
    if label != "Duty":
        raw.extend(mentions)
        if label == "Document":
            p = properties or {}
            raw.extend([p.get("doc_number"), p.get("title"), str(p.get("source_file") or "").rsplit("/", 1)[-1]])
    out = {str(form) for form in raw if form}
    return out | {c for c in map(clean, out) if c}
