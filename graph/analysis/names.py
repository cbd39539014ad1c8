"""Resolve a name a user typed to a node: as printed (any mention), or the
canonical name, or through the alias table; unknown names raise
:class:`graph.errors.UnknownName` with close matches (difflib)."""
from __future__ import annotations

import difflib
from typing import Any, Iterable

import networkx as nx

from ..errors import QueryError, UnknownName

__all__ = ["resolve", "resolve_all", "name_index", "search_names", "LABEL_ORDER"]

# When one name fits several nodes, prefer the kinds a user most likely means.
LABEL_ORDER = ("Agency", "Official", "Group", "Power", "Jurisdiction", "Project", "Document", "Duty")
_RANK = {k: i for i, k in enumerate(LABEL_ORDER)}


def _clean(s: str) -> str:
    try:
        from loaders.names import clean_name

        return clean_name(s)
    except Exception:  # pragma: no cover - loaders always present in the project
        return "".join(s.split())


def name_index(G: nx.MultiDiGraph) -> dict[str, set[str]]:
    """Every form a node is known by (name, printed mentions, 文号, title) -> node IDs."""
    index: dict[str, set[str]] = {}

    def add(form: object, n: str) -> None:
        if not form:
            return
        for f in {str(form), _clean(str(form))}:
            if f:
                index.setdefault(f, set()).add(n)

    for n, d in G.nodes(data=True):
        if d.get("label") == "Duty":
            add(d.get("name"), n)
            continue
        add(d.get("name"), n)
        for m in d.get("mentions") or []:
            add(m.get("text"), n)
        p = d.get("properties") or {}
        if d.get("label") == "Document":
            add(p.get("doc_number"), n)
            add(p.get("title"), n)
            add(p.get("source_file", "").rsplit("/", 1)[-1], n)
    return index


def _alias_forms(G: nx.MultiDiGraph, name: str) -> set[str]:
    """The canonical agency names the alias table gives ``name`` in each
    jurisdiction of the graph ("市住建局" -> 海城市住房和城乡建设局 …)."""
    try:
        from loaders.names import NameContext
    except Exception:  # pragma: no cover
        return set()
    places = sorted({str((d.get("properties") or {}).get("jurisdiction"))
                     for _, d in G.nodes(data=True) if d.get("label") == "Agency"
                     and (d.get("properties") or {}).get("jurisdiction")})
    forms = set()
    for place in places:
        try:
            forms.add(NameContext(place).agency(name).name)
        except Exception:
            continue
    return forms


def resolve_all(G: nx.MultiDiGraph, name: str, labels: Iterable[str] | None = None,
                index: dict[str, set[str]] | None = None) -> list[str]:
    """Every node ``name`` may mean (possibly empty), best kinds first."""
    labels = tuple(labels) if labels else None
    index = index if index is not None else name_index(G)
    ok = (lambda n: labels is None or G.nodes[n].get("label") in labels)
    if name in G and ok(name):
        return [name]
    hits = {n for n in index.get(name, set()) | index.get(_clean(name), set()) if ok(n)}
    if not hits:
        for form in _alias_forms(G, _clean(name)):
            hits |= {n for n in index.get(form, set()) if ok(n)}
    if not hits:
        try:
            from loaders.names import person_name

            p = person_name(name)
        except Exception:  # pragma: no cover
            p = None
        if p:
            hits = {n for n in index.get(p, set()) if ok(n) and G.nodes[n].get("label") == "Official"}
    return sorted(hits, key=lambda n: (_RANK.get(G.nodes[n].get("label"), 99),
                                       G.nodes[n].get("name") != name, n))


def resolve(G: nx.MultiDiGraph, name: str, labels: Iterable[str] | None = None,
            index: dict[str, set[str]] | None = None) -> str:
    """The one node ``name`` means.

    An exact canonical name wins over printed forms; if a name still fits
    nodes of the same kind, that is an error listing them.
    """
    labels = tuple(labels) if labels else None
    index = index if index is not None else name_index(G)
    hits = resolve_all(G, name, labels, index)
    if not hits:
        pool = sorted({f for f, ns in index.items()
                       if any(labels is None or G.nodes[n].get("label") in labels for n in ns)})
        close = difflib.get_close_matches(name, pool, n=5, cutoff=0.5)
        if not close:
            close = sorted(f for f in pool if name and (name in f or f in name) and len(f) >= 2)[:5]
        raise UnknownName(name, close)
    if len(hits) == 1:
        return hits[0]
    exact = [n for n in hits if G.nodes[n].get("name") == name]
    if len(exact) == 1:
        return exact[0]
    first_label = G.nodes[hits[0]].get("label")
    same = [n for n in hits if G.nodes[n].get("label") == first_label]
    if len(same) == 1:
        return same[0]
    # a printed form shared by several bodies (县公安局 also names the city body inferred
    # from it): the body the form canonicalises to in its own jurisdiction wins
    forms = _alias_forms(G, _clean(name))
    canonical = [n for n in same if G.nodes[n].get("name") in forms]
    if len(canonical) == 1:
        return canonical[0]
    choices = ", ".join(f"{G.nodes[n].get('name')} ({G.nodes[n].get('label')}, "
                        f"{(G.nodes[n].get('properties') or {}).get('jurisdiction', '')})" for n in same[:6])
    raise QueryError(f"{name!r} could mean several nodes: {choices}", hint="give the full canonical name")


def search_names(G: nx.MultiDiGraph, text: str, kind: str = "", limit: int = 50) -> list[dict[str, Any]]:
    """Nodes whose canonical name contains ``text`` (optionally of one kind),
    best kinds first: the look-up behind ``govgraph find``."""
    text = (text or "").strip()
    if not text:
        raise QueryError("nothing to search for", hint="give a word of a name, e.g. 财政")
    rows = []
    for n, d in G.nodes(data=True):
        name = str(d.get("name") or "")
        if text in name and (not kind or d.get("label") == kind):
            rows.append({"kind": d.get("label"), "name": name,
                         "jurisdiction": str((d.get("properties") or {}).get("jurisdiction") or ""), "id": n})
    return rank_found(rows, limit)


def rank_found(rows: list[dict[str, Any]], limit: int = 50) -> list[dict[str, Any]]:
    """Found names in order (kind as in LABEL_ORDER, shorter names first), numbered, cut to ``limit``."""
    rows = sorted(rows, key=lambda r: (_RANK.get(r["kind"], 99), len(r["name"]), r["name"], r["id"]))
    rows = rows[:limit] if limit else rows
    return [{"rank": i, **r} for i, r in enumerate(rows, start=1)]
