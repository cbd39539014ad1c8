"""What the documents leave open: tasks nobody leads, tasks without a named
official or deadline, tasks given only to collective actors, deadlines past,
and powers passed on by a body not shown holding them."""
from __future__ import annotations

import datetime as _dt
from typing import Any, Iterable

import networkx as nx

from .common import assignees, cite, doc_table, duty_doc, edges_of, label_of, name_of, nodes_of, props_of, sort_rows
from .timeline import _check_date, as_of as _as_of

__all__ = ["GAP_KINDS", "duty_gaps", "unheld_grants", "gaps", "holds_power"]

GAP_KINDS = ("no_lead", "no_official", "only_collective", "no_deadline", "overdue")

_WHAT = {
    "no_lead": "no lead agency (牵头单位) named",
    "no_official": "no lead official named, though this document names them for other tasks",
    "only_collective": "only collective actors assigned (各有关部门 …)",
    "no_deadline": "no deadline, though this document sets deadlines for other tasks",
    "overdue": "deadline {deadline_date} passed as of {as_of}",
}


def duty_gaps(G: nx.MultiDiGraph, as_of: str | None = None,
              kinds: Iterable[str] = GAP_KINDS) -> list[dict[str, Any]]:
    """One row per (gap kind, duty). General statements of an agency's remit
    (Duty.general) are not tasks and are skipped. ``no_official`` and
    ``no_deadline`` only count in documents that name officials / set
    deadlines for some of their tasks. ``overdue`` needs ``as_of`` (default
    today); with ``as_of`` the graph is first cut to that date."""
    kinds = set(kinds)
    bad = kinds - set(GAP_KINDS)
    if bad:
        from ..errors import QueryError

        raise QueryError(f"unknown gap kind {sorted(bad)[0]!r}", hint="kinds: " + ", ".join(GAP_KINDS))
    date = _check_date(as_of) if as_of else _dt.date.today().isoformat()
    docs = doc_table(G)
    H = _as_of(G, as_of) if as_of else G
    duties = [d for d in nodes_of(H, "Duty") if not props_of(H, d).get("general")]
    doc_of = {d: duty_doc(H, d) for d in duties}
    # who is given each duty, once (sorted by name: any part of it keeps that order)
    given = {d: assignees(H, d) for d in duties}
    labels = {w: label_of(H, w) for ws in given.values() for w, _, _ in ws}
    officials_of = {d: [x for x in ws if labels[x[0]] == "Official"] for d, ws in given.items()}
    with_official = {doc_of[d] for d in duties if officials_of[d]}
    with_deadline = {doc_of[d] for d in duties if props_of(H, d).get("deadline") or props_of(H, d).get("deadline_date")}
    rows = []
    for d in duties:
        p = props_of(H, d)
        bodies = [x for x in given[d] if labels[x[0]] in ("Agency", "Group")]
        lead_bodies = [x for x in bodies if x[1] == "LEADS"]
        officials = officials_of[d]
        found = []
        if "no_lead" in kinds and not lead_bodies:
            found.append("no_lead")
        if "no_official" in kinds and not officials and doc_of[d] in with_official:
            found.append("no_official")
        if "only_collective" in kinds and bodies and all(
                label_of(H, w) == "Agency" and props_of(H, w).get("collective") for w, _, _ in bodies):
            found.append("only_collective")
        if "no_deadline" in kinds and not (p.get("deadline") or p.get("deadline_date")) and doc_of[d] in with_deadline:
            found.append("no_deadline")
        if "overdue" in kinds and p.get("deadline_date") and str(p["deadline_date"]) < date:
            found.append("overdue")
        if not found:
            continue
        ev = [{"doc": m["doc"], "line": m["line"], "text": m["text"]} for m in H.nodes[d].get("mentions") or []]
        base = {"duty": name_of(H, d), "number": p.get("number") or "", "deadline": p.get("deadline") or "",
                "deadline_date": p.get("deadline_date") or "",
                "assignees": "、".join(name_of(H, w) for w, _, _ in bodies + officials), **cite(ev, docs)}
        for kind in found:
            rows.append({"gap": kind,
                         "what": _WHAT[kind].format(deadline_date=p.get("deadline_date"), as_of=date), **base})
    return sort_rows(rows, ["gap", "document", "number", "duty"])


def _categories(G: nx.MultiDiGraph) -> dict[str, Any]:
    """Power name -> its category (of several powers of one name, the last by ID)."""
    return {name_of(G, n): props_of(G, n).get("category") for n in nodes_of(G, "Power")}


def holds_power(G: nx.MultiDiGraph, body: str, power: str, categories: dict[str, Any] | None = None) -> bool:
    """Is ``body`` shown holding ``power``: a HOLDS edge to the power or to
    its category. (``categories``: :func:`_categories` of ``G``, when asked many times.)"""
    category = (categories if categories is not None else _categories(G)).get(power)
    for _, t, d in G.out_edges(body, data=True):
        if d.get("type") == "HOLDS" and name_of(G, t) in {power, category}:
            return True
    return False


def unheld_grants(G: nx.MultiDiGraph, as_of: str | None = None) -> list[dict[str, Any]]:
    """Powers received (DELEGATED_FROM) from a body the graph does not show
    holding them (no HOLDS edge to the power or its category)."""
    docs = doc_table(G)
    H = _as_of(G, as_of) if as_of else G
    rows = []
    categories = _categories(H)
    for r, g, _, d in edges_of(H, "DELEGATED_FROM"):
        power = str((d.get("properties") or {}).get("power") or "")
        if holds_power(H, g, power, categories):
            continue
        p = d.get("properties") or {}
        rows.append({"gap": "unheld_grant", "granter": name_of(H, g), "receiver": name_of(H, r), "power": power,
                     "inferred": bool(p.get("inferred", False)), "method": p.get("method") or "",
                     "what": f"{name_of(H, g)} passes on {power or 'a power'} but is not shown holding it",
                     **cite(d.get("evidence"), docs)})
    return sort_rows(rows, ["power", "granter", "receiver"])


def gaps(G: nx.MultiDiGraph, as_of: str | None = None) -> list[dict[str, Any]]:
    """Every gap: duty gaps and unheld grants, in one table (gap, subject, what, citation)."""
    rows = []
    for r in duty_gaps(G, as_of):
        rows.append({"gap": r["gap"], "subject": f"{r['number']} {r['duty']}".strip(), "what": r["what"],
                     **{k: r[k] for k in ("document", "doc", "line", "text")}})
    for r in unheld_grants(G, as_of):
        rows.append({"gap": r["gap"], "subject": f"{r['granter']} → {r['receiver']}: {r['power']}", "what": r["what"],
                     **{k: r[k] for k in ("document", "doc", "line", "text")}})
    return sort_rows(rows, ["gap", "document", "line", "subject"])
