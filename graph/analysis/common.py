"""Small helpers shared by the analyses: names, documents, citations, rows.

Every analysis reads the :class:`networkx.MultiDiGraph` made by
:func:`graph.netx.to_networkx` and returns *rows*: flat dicts of str / int /
float / bool / None, sorted deterministically, so that the Neo4j (Cypher)
side of a named query can return exactly the same thing.
"""
from __future__ import annotations

import json
from typing import Any, Iterable, Iterator, Mapping

import networkx as nx

__all__ = [
    "ASSIGN", "doc_table", "doc_label", "doc_date", "cite", "sort_rows", "edges_of", "nodes_of",
    "name_of", "label_of", "props_of", "duty_doc", "assignees", "restrict", "TEXT_MAX",
]

ASSIGN = ("LEADS", "ASSISTS")
TEXT_MAX = 400  # citations keep the printed text, cut at this many characters


def name_of(G: nx.MultiDiGraph, n: str) -> str:
    return G.nodes[n].get("name", n)


def label_of(G: nx.MultiDiGraph, n: str) -> str:
    return G.nodes[n].get("label", "")


def props_of(G: nx.MultiDiGraph, n: str) -> Mapping[str, Any]:
    return G.nodes[n].get("properties") or {}


def nodes_of(G: nx.MultiDiGraph, *labels: str) -> list[str]:
    return sorted(n for n, d in G.nodes(data=True) if d.get("label") in labels)


def edges_of(G: nx.MultiDiGraph, *types: str) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """(source, target, key, data) of the edges of these types, in edge-ID order."""
    rows = [(s, t, k, d) for s, t, k, d in G.edges(keys=True, data=True) if d.get("type") in types]
    yield from sorted(rows, key=lambda r: r[2])


def doc_date(props: Mapping[str, Any]) -> str:
    """When a document was issued: 成文日期 if printed, else the publication date."""
    return str(props.get("date_written") or props.get("date_published") or "")


def doc_label(props: Mapping[str, Any], fallback: str = "") -> str:
    """How a document is cited: its 文号, else its title (and part)."""
    if props.get("doc_number"):
        return str(props["doc_number"])
    title = str(props.get("title") or props.get("name") or fallback)
    return f"{title}({props['part']})" if props.get("part") and str(props["part"]) not in title else title


def doc_table(G: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """doc id -> label, 文号, title, date, status (from the Document nodes)."""
    out: dict[str, dict[str, Any]] = {}
    for n, d in G.nodes(data=True):
        if d.get("label") != "Document":
            continue
        p = dict(d.get("properties") or {})
        p.setdefault("name", d.get("name", n))
        out[n] = {"label": doc_label(p, n), "doc_number": p.get("doc_number") or "",
                  "title": p.get("title") or d.get("name", n), "date": doc_date(p),
                  "status": p.get("status") or ""}
    return out


def _evidence_list(evidence: Any) -> list[dict[str, Any]]:
    if isinstance(evidence, str):
        evidence = json.loads(evidence) if evidence else []
    out = []
    for ev in evidence or []:
        if isinstance(ev, str):
            ev = json.loads(ev)
        out.append({"doc": ev["doc"], "line": int(ev["line"]), "text": ev["text"]})
    return out


def cite(evidence: Any, docs: Mapping[str, Mapping[str, Any]], prefix: str = "") -> dict[str, Any]:
    """The first evidence (by document, line, text) as citation columns:
    ``document`` (文号 or title), ``doc`` (its ID), ``line``, ``text`` as printed."""
    evs = sorted(_evidence_list(evidence), key=lambda e: (e["doc"], e["line"], e["text"]))
    if not evs:
        return {f"{prefix}document": "", f"{prefix}doc": "", f"{prefix}line": None, f"{prefix}text": ""}
    ev = evs[0]
    text = ev["text"] if len(ev["text"]) <= TEXT_MAX else ev["text"][:TEXT_MAX] + "…"
    info = docs.get(ev["doc"], {})
    return {f"{prefix}document": info.get("label", ev["doc"]), f"{prefix}doc": ev["doc"],
            f"{prefix}line": ev["line"], f"{prefix}text": text}


def duty_doc(G: nx.MultiDiGraph, duty: str) -> str:
    """The document a duty is set out in."""
    doc = props_of(G, duty).get("document")
    if doc:
        return str(doc)
    for _, t, d in G.out_edges(duty, data=True):
        if d.get("type") == "LISTED_IN":
            return t
    return ""


def assignees(G: nx.MultiDiGraph, duty: str, role: str | None = None,
              labels: Iterable[str] = ("Agency", "Group", "Official")) -> list[tuple[str, str, dict[str, Any]]]:
    """(node, edge type, edge data) of who leads/assists a duty, sorted by node name."""
    labels = tuple(labels)
    out = []
    node = G._node  # the graph's own tables: this runs for every task, in most analyses
    for s, keydict in G._pred[duty].items():  # the order of G.in_edges(duty)
        for d in keydict.values():
            if d.get("type") in ASSIGN and (role is None or d["type"] == role) and node[s].get("label", "") in labels:
                out.append((s, d["type"], d))
    if len(out) > 1:
        out.sort(key=lambda x: (node[x[0]].get("name", x[0]), x[0], x[1]))
    return out


def _key(v: Any) -> tuple[int, Any]:
    if v is None:
        return (0, "")
    if isinstance(v, bool):
        return (1, int(v))
    if isinstance(v, (int, float)):
        return (2, v)
    return (3, str(v))


def _sort_key(r: dict[str, Any], k: str) -> tuple[int, Any]:
    if k.startswith("-"):
        v = r.get(k[1:])
        return (2, -v) if isinstance(v, (int, float)) and not isinstance(v, bool) else _key(v)
    return _key(r.get(k))


def _ranker(keys: list[str]) -> Any:
    """row -> [_sort_key(row, k) for k in keys], quicker (it runs for every row)."""
    parts = [(k[1:], True) if k.startswith("-") else (k, False) for k in keys]

    def rank(r: dict[str, Any]) -> list[tuple[int, Any]]:
        out = []
        for name, down in parts:
            v = r.get(name)
            t = type(v)
            if t is str:
                out.append((3, v))
            elif t is int or t is float:
                out.append((2, -v if down else v))
            else:
                out.append((2, -v) if down and isinstance(v, (int, float)) and not isinstance(v, bool) else _key(v))
        return out

    return rank


def sort_rows(rows: Iterable[dict[str, Any]], keys: Iterable[str] = ()) -> list[dict[str, Any]]:
    """Rows sorted by ``keys`` (``-key``: numbers descending) then by every
    column: the same order from any store."""
    keys = list(keys)
    rows = list(rows)
    ranks = list(map(_ranker(keys), rows))
    order = sorted(range(len(rows)), key=ranks.__getitem__)
    # rows equal in the keys go by every column; the text of a row is made only where such ties are
    out: list[dict[str, Any]] = []
    i = 0
    while i < len(order):
        j = i + 1
        while j < len(order) and ranks[order[j]] == ranks[order[i]]:
            j += 1
        if j == i + 1:
            out.append(rows[order[i]])
        else:
            out += sorted((rows[x] for x in order[i:j]), key=_row_text)
        i = j
    return out


def _row_text(r: dict[str, Any]) -> str:
    return json.dumps(r, sort_keys=True, ensure_ascii=False, default=str)


def restrict(G: nx.MultiDiGraph, drop: set[str]) -> nx.MultiDiGraph:
    """A copy of ``G`` without what the documents ``drop`` say: their duties,
    their evidence and mentions, and nodes and edges left with none (Document
    nodes stay, so citations still resolve)."""
    H = nx.MultiDiGraph()
    # filled as add_node and add_edge would fill it, in the same order, without their checks per call
    node, succ, pred = H._node, H._succ, H._pred
    for n, d in G.nodes(data=True):
        if d.get("label") == "Document":
            node[n] = dict(d)
        else:
            if d.get("label") == "Duty" and duty_doc(G, n) in drop:
                continue
            mentions = [m for m in d.get("mentions") or [] if m.get("doc") not in drop]
            if d.get("mentions") and not mentions:
                continue
            node[n] = {**d, "mentions": mentions}
        succ[n], pred[n] = {}, {}
    for s, t, k, d in G.edges(keys=True, data=True):
        if s not in node or t not in node:
            continue
        evidence = [e for e in d.get("evidence") or [] if e.get("doc") not in drop]
        if d.get("evidence") and not evidence:
            continue
        keydict = succ[s].get(t)
        if keydict is None:
            keydict = succ[s][t] = pred[t][s] = {}
        keydict[k] = {**d, "evidence": evidence}
    nx._clear_cache(H)
    return H
