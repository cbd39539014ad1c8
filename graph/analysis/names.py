"""Resolve a name a user typed to a node: as printed (any mention), or the
canonical name, or through the alias table; unknown names raise
:class:`graph.errors.UnknownName` with close matches (difflib)."""
from __future__ import annotations

import difflib
from typing import Any, Iterable

import networkx as nx

from ..errors import QueryError, UnknownName
from ..forms import clean as _clean
from ..forms import name_forms

__all__ = ["resolve", "resolve_all", "name_index", "search_names", "rank_found", "GraphNames", "LABEL_ORDER"]

# When one name fits several nodes, prefer the kinds a user most likely means.
LABEL_ORDER = ("Agency", "Official", "Group", "Power", "Jurisdiction", "Project", "Document", "Duty")
_RANK = {k: i for i, k in enumerate(LABEL_ORDER)}


def name_index(G: nx.MultiDiGraph) -> dict[str, set[str]]:
    """Every form a node is known by (:func:`graph.forms.name_forms`: name, printed
    mentions, 文号, title) -> node IDs."""
    index: dict[str, set[str]] = {}
    for n, d in G.nodes(data=True):
        forms = name_forms(str(d.get("label")), d.get("name"), [m.get("text") for m in d.get("mentions") or []],
                           d.get("properties") or {})
        for f in forms:
            index.setdefault(f, set()).add(n)
    return index


class GraphNames:
    """What resolving a name needs to know, from a NetworkX graph and its name
    index. :class:`queries.local.StoreNames` answers the same from a store's
    tables, without the graph."""

    def __init__(self, G: nx.MultiDiGraph, index: dict[str, set[str]] | None = None):
        self.G = G
        self.index = index if index is not None else name_index(G)

    def has(self, n: str) -> bool:
        return n in self.G

    def info(self, n: str) -> tuple[str, str, str]:
        """(label, name, jurisdiction) of a node."""
        d = self.G.nodes[n]
        return str(d.get("label")), str(d.get("name")), str((d.get("properties") or {}).get("jurisdiction", ""))

    def ids(self, forms: Iterable[str]) -> set[str]:
        out: set[str] = set()
        for f in forms:
            out |= self.index.get(f, set())
        return out

    def places(self) -> list[str]:
        """The jurisdictions of the graph's agencies."""
        return sorted({str((d.get("properties") or {}).get("jurisdiction"))
                       for _, d in self.G.nodes(data=True) if d.get("label") == "Agency"
                       and (d.get("properties") or {}).get("jurisdiction")})

    def forms(self, labels: tuple[str, ...] | None) -> list[str]:
        """Every form of a node of these kinds (for suggestions)."""
        return sorted({f for f, ns in self.index.items()
                       if any(labels is None or self.G.nodes[n].get("label") in labels for n in ns)})


def _alias_forms(book: Any, name: str) -> set[str]:
    """The canonical agency names the alias table gives ``name`` in each
    jurisdiction of the graph ("市住建局" -> 海城市住房和城乡建设局 …)."""
    try:
        from loaders.names import NameContext
    except Exception:  # pragma: no cover
        return set()
    forms = set()
    for place in book.places():
        try:
            forms.add(NameContext(place).agency(name).name)
        except Exception:
            continue
    return forms


def _book(G: Any, index: dict[str, set[str]] | None) -> Any:
    return G if hasattr(G, "places") else GraphNames(G, index)


def resolve_all(G: Any, name: str, labels: Iterable[str] | None = None,
                index: dict[str, set[str]] | None = None) -> list[str]:
    """Every node ``name`` may mean (possibly empty), best kinds first. ``G`` is
    a graph (with its ``index``) or a names book (:class:`GraphNames`)."""
    book = _book(G, index)
    labels = tuple(labels) if labels else None
    ok = (lambda n: labels is None or book.info(n)[0] in labels)
    if book.has(name) and ok(name):
        return [name]
    hits = {n for n in book.ids({name, _clean(name)}) if ok(n)}
    if not hits:
        hits = {n for n in book.ids(_alias_forms(book, _clean(name))) if ok(n)}
    if not hits:
        try:
            from loaders.names import person_name

            p = person_name(name)
        except Exception:  # pragma: no cover
            p = None
        if p:
            hits = {n for n in book.ids({p}) if ok(n) and book.info(n)[0] == "Official"}
    return sorted(hits, key=lambda n: (_RANK.get(book.info(n)[0], 99), book.info(n)[1] != name, n))


def resolve(G: Any, name: str, labels: Iterable[str] | None = None,
            index: dict[str, set[str]] | None = None) -> str:
    """The one node ``name`` means.

    An exact canonical name wins over printed forms; if a name still fits
    nodes of the same kind, that is an error listing them.
    """
    book = _book(G, index)
    labels = tuple(labels) if labels else None
    hits = resolve_all(book, name, labels)
    if not hits:
        pool = book.forms(labels)
        close = difflib.get_close_matches(name, pool, n=5, cutoff=0.5)
        if not close:
            close = sorted(f for f in pool if name and (name in f or f in name) and len(f) >= 2)[:5]
        raise UnknownName(name, close)
    if len(hits) == 1:
        return hits[0]
    info = {n: book.info(n) for n in hits}
    exact = [n for n in hits if info[n][1] == name]
    if len(exact) == 1:
        return exact[0]
    first_label = info[hits[0]][0]
    same = [n for n in hits if info[n][0] == first_label]
    if len(same) == 1:
        return same[0]
    # a printed form shared by several bodies (县公安局 also names the city body inferred
    # from it): the body the form canonicalises to in its own jurisdiction wins
    forms = _alias_forms(book, _clean(name))
    canonical = [n for n in same if info[n][1] in forms]
    if len(canonical) == 1:
        return canonical[0]
    choices = ", ".join(f"{info[n][1]} ({info[n][0]}, {info[n][2]})" for n in same[:6])
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
