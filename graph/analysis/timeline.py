"""The graph as of a date, and what changed between two documents or dates."""
from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache
from typing import Any, Iterable, Mapping

import networkx as nx

from .common import ASSIGN, assignees, cite, doc_date, doc_table, duty_doc, edges_of, label_of, name_of, props_of, restrict, sort_rows

__all__ = ["as_of", "dropped_documents", "restrict_rows", "in_force", "diff", "diff_documents", "diff_dates", "duty_key"]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _check_date(date: str) -> str:
    """``date`` if it is a day of the calendar written YYYY-MM-DD, else a
    :class:`~graph.errors.QueryError` saying what is wrong.

    >>> _check_date("2024-02-29")
    '2024-02-29'
    >>> _check_date("2024-02-30")
    Traceback (most recent call last):
    graph.errors.QueryError: not a date: '2024-02-30' (day is out of range for month) (write YYYY-MM-DD, a day that exists)
    """
    from ..errors import QueryError

    date = str(date).strip()
    if not _DATE.match(date):
        raise QueryError(f"not a date: {date!r}", hint="write YYYY-MM-DD")
    try:
        _dt.date.fromisoformat(date)
    except ValueError as e:
        raise QueryError(f"not a date: {date!r} ({e})", hint="write YYYY-MM-DD, a day that exists") from None
    return date


def in_force(props: dict[str, Any], date: str) -> bool:
    """A document counts on ``date`` unless it is marked repealed or was issued later.
    (A document without a date counts: nothing says it was not yet issued.)"""
    if props.get("status") == "repealed":
        return False
    issued = doc_date(props)
    return not issued or issued <= date


def as_of(G: nx.MultiDiGraph, date: str) -> nx.MultiDiGraph:
    """A copy of ``G`` without the facts of repealed or not-yet-issued documents.

    Evidence and mentions from dropped documents go; an edge or node left with
    none goes (Document nodes stay, so citations still resolve); a duty goes
    with its document."""
    dropped = dropped_documents(((n, d.get("properties") or {}) for n, d in G.nodes(data=True)
                                 if d.get("label") == "Document"), date)
    if G.graph.get("cut") == dropped:
        return G  # cut so already (a part read as of the date: queries/local.py)
    H = restrict(G, dropped)
    H.graph["cut"] = dropped
    return H


def dropped_documents(documents: Iterable[tuple[str, Mapping[str, Any]]], date: str) -> frozenset[str]:
    """Of these (document ID, properties), the loaded ones that do not count on ``date``."""
    date = _check_date(date)
    return frozenset(n for n, p in documents if p.get("loaded", True) and not in_force(p, date))


def restrict_rows(nodes: list[tuple], edges: list[tuple], drop: frozenset[str]) -> tuple[list[tuple], list[tuple]]:
    """What :func:`~graph.analysis.common.restrict` keeps, on rows as a store's ``node_rows``
    and ``edge_rows`` give them (in ID order; every edge's ends among the nodes): the graph
    :func:`graph.netx.from_rows` makes of them is ``restrict`` of the graph of all of them."""
    if not drop:
        return nodes, edges
    listed: dict[str, str] = {}
    for _, type_, s, t, _, _ in edges:  # a duty's document when it has no property saying so
        if type_ == "LISTED_IN":
            listed.setdefault(s, t)

    def cut(row: tuple) -> tuple | None:
        """The row without its marks (mentions, evidence: the last column) of dropped documents;
        None when it had some and none is left."""
        marks = row[-1]
        if not marks:
            return row
        kept = [m for m in marks if m.get("doc") not in drop]
        if not kept:
            return None
        return row if len(kept) == len(marks) else (*row[:-1], kept)

    kept_nodes = []
    for row in nodes:
        nid, label, _, props, _ = row
        if label == "Document":
            kept_nodes.append(row)
            continue
        if label == "Duty" and (str(props["document"]) if props.get("document") else listed.get(nid, "")) in drop:
            continue
        row = cut(row)
        if row is not None:
            kept_nodes.append(row)
    ids = {row[0] for row in kept_nodes}
    kept_edges = [row for row in map(cut, (r for r in edges if r[2] in ids and r[3] in ids)) if row is not None]
    return kept_nodes, kept_edges


@lru_cache(maxsize=65536)  # copies of one task recur in many documents
def duty_key(text: str) -> str:
    """What identifies a duty across documents: its text without numbering,
    punctuation and spaces."""
    s = re.sub(r"^[\s((]*[0-9一二三四五六七八九十百]+[))、.．]\s*", "", text or "")
    return re.sub(r"[\s,,。;;、::“”\"'()()《》]", "", s)


def _facts(G: nx.MultiDiGraph, duties: list[str]) -> dict[tuple[str, str], dict[str, Any]]:
    """(duty key, assignee name) -> role, duty, edge data, for these duties."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for duty in duties:
        key = duty_key(props_of(G, duty).get("text") or name_of(G, duty))
        for who, role, d in assignees(G, duty, labels=("Agency", "Group", "Official")):
            out.setdefault((key, name_of(G, who)), {"role": role, "duty": duty, "edge": d})
    return out


def _diff(GA: nx.MultiDiGraph, duties_a: list[str], GB: nx.MultiDiGraph, duties_b: list[str],
          docs: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    keys_a: dict[str, str] = {}
    keys_b: dict[str, str] = {}
    for G, ds, keys in ((GA, duties_a, keys_a), (GB, duties_b, keys_b)):
        for d in sorted(ds):
            keys.setdefault(duty_key(props_of(G, d).get("text") or name_of(G, d)), d)

    def duty_row(change: str, G: nx.MultiDiGraph, duty: str, detail: str) -> dict[str, Any]:
        ev = [{"doc": m["doc"], "line": m["line"], "text": m["text"]} for m in G.nodes[duty].get("mentions") or []]
        return {"change": change, "duty": name_of(G, duty), "number": props_of(G, duty).get("number") or "",
                "who": "", "detail": detail, **cite(ev, docs)}

    for k in sorted(set(keys_b) - set(keys_a)):
        rows.append(duty_row("duty added", GB, keys_b[k], ""))
    for k in sorted(set(keys_a) - set(keys_b)):
        rows.append(duty_row("duty removed", GA, keys_a[k], ""))
    both = set(keys_a) & set(keys_b)
    fa = _facts(GA, sorted(d for d in duties_a if duty_key(props_of(GA, d).get("text") or name_of(GA, d)) in both))
    fb = _facts(GB, sorted(d for d in duties_b if duty_key(props_of(GB, d).get("text") or name_of(GB, d)) in both))
    for (key, who) in sorted(set(fa) | set(fb)):
        a, b = fa.get((key, who)), fb.get((key, who))
        if a and b and a["role"] == b["role"]:
            continue
        if a and b:
            change, G, info, detail = "role flip", GB, b, f"{a['role']} → {b['role']}"
        elif b:
            change, G, info, detail = "moved to", GB, b, f"now {b['role']}"
        else:
            change, G, info, detail = "moved from", GA, a, f"was {a['role']}"
        rows.append({"change": change, "duty": name_of(G, info["duty"]),
                     "number": props_of(G, info["duty"]).get("number") or "", "who": who, "detail": detail,
                     **cite(info["edge"].get("evidence"), docs)})
    return sort_rows(rows, ["change", "duty", "who"])


def diff_documents(G: nx.MultiDiGraph, doc_a: str, doc_b: str) -> list[dict[str, Any]]:
    """What changed from document A to document B: duties added / removed (by
    wording), and for duties in both, who was added ("moved to"), dropped
    ("moved from") or changed role ("role flip", lead ↔ assist)."""
    docs = doc_table(G)
    duties = [n for n, d in G.nodes(data=True) if d.get("label") == "Duty"]
    da = [n for n in duties if duty_doc(G, n) == doc_a]
    db = [n for n in duties if duty_doc(G, n) == doc_b]
    rows = _diff(G, da, G, db, docs)
    rows += _diff_delegations(_delegations(G, doc_a), _delegations(G, doc_b), docs)
    rows += [_undated_row(G, d, docs, "cannot tell which came first") for d in sorted({doc_a, doc_b})
             if not doc_date(props_of(G, d))]
    return sort_rows(rows, ["change", "duty", "who"])


def diff_dates(G: nx.MultiDiGraph, date_a: str, date_b: str) -> list[dict[str, Any]]:
    """What changed between the graph as of ``date_a`` and as of ``date_b``."""
    docs = doc_table(G)
    GA, GB = as_of(G, date_a), as_of(G, date_b)
    da = [n for n, d in GA.nodes(data=True) if d.get("label") == "Duty"]
    db = [n for n, d in GB.nodes(data=True) if d.get("label") == "Duty"]
    rows = _diff(GA, da, GB, db, docs)
    rows += _diff_delegations(_delegations(GA), _delegations(GB), docs)
    rows += [_undated_row(G, n, docs, "no date: counted on both dates") for n, d in G.nodes(data=True)
             if d.get("label") == "Document" and (d.get("properties") or {}).get("loaded")
             and (d.get("properties") or {}).get("status") != "repealed" and not doc_date(d.get("properties") or {})]
    return sort_rows(rows, ["change", "duty", "who"])


def _delegations(G: nx.MultiDiGraph, doc: str | None = None) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """(granter, receiver, power) -> evidence of the DELEGATED_FROM edges (those
    with evidence in ``doc`` when given). The edge points from receiver to granter."""
    out: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for r, g, _, d in edges_of(G, "DELEGATED_FROM"):
        ev = [e for e in d.get("evidence") or [] if doc is None or e.get("doc") == doc]
        if doc is not None and not ev:
            continue
        key = (name_of(G, g), name_of(G, r), str((d.get("properties") or {}).get("power") or ""))
        out.setdefault(key, []).extend(ev)
    return out


def _diff_delegations(a: dict[tuple[str, str, str], list], b: dict[tuple[str, str, str], list],
                      docs: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for change, side, other in (("delegation added", b, a), ("delegation removed", a, b)):
        for key in sorted(set(side) - set(other)):
            granter, receiver, power = key
            rows.append({"change": change, "duty": power, "number": "", "who": f"{granter} → {receiver}",
                         "detail": f"{granter} passes {power or 'a power'} to {receiver}", **cite(side[key], docs)})
    return rows


def _undated_row(G: nx.MultiDiGraph, doc: str, docs: dict[str, dict[str, Any]], detail: str) -> dict[str, Any]:
    return {"change": "undated document", "duty": "", "number": "", "who": "", "detail": detail,
            "document": docs.get(doc, {}).get("label", doc), "doc": doc, "line": None, "text": ""}


def diff(G: nx.MultiDiGraph, a: str, b: str) -> list[dict[str, Any]]:
    """Diff two documents (names, 文号, titles or IDs) or two dates (YYYY-MM-DD)."""
    if _DATE.match(str(a)) and _DATE.match(str(b)):
        return diff_dates(G, a, b)
    from .names import resolve

    return diff_documents(G, resolve(G, a, ["Document"]), resolve(G, b, ["Document"]))


def documents_in_force(G: nx.MultiDiGraph, date: str) -> list[dict[str, Any]]:
    """The loaded documents and whether each counts on ``date``."""
    date = _check_date(date)
    rows = []
    for n, d in G.nodes(data=True):
        p = d.get("properties") or {}
        if d.get("label") != "Document" or not p.get("loaded"):
            continue
        rows.append({"document": doc_table(G)[n]["label"], "doc": n, "date": doc_date(p),
                     "status": p.get("status") or "", "in_force": in_force(p, date)})
    return sort_rows(rows, ["date", "document"])


__all__ += ["documents_in_force"]
