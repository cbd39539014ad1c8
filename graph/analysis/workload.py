"""Who carries the work: tasks led / assisted per agency and official (by
document and deadline year), the top officials, and the agency coordination
network (agencies linked by the tasks they share): centrality, communities."""
from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Any

import networkx as nx

from .common import assignees, doc_table, duty_doc, label_of, name_of, nodes_of, props_of, sort_rows

__all__ = ["workload", "top_officials", "coordination_network", "centrality", "communities", "K_SAMPLE_ABOVE"]

K_SAMPLE_ABOVE = 2000  # betweenness is sampled (k pivots, fixed seed) above this many agencies


def workload(G: nx.MultiDiGraph, by: str = "total", include_collective: bool = False) -> list[dict[str, Any]]:
    """Tasks led and assisted per agency, group and official.

    ``by``: ``total`` (one row per body), ``document`` (per body and
    document) or ``year`` (per body and deadline year; "" = no dated deadline)."""
    if by not in ("total", "document", "year"):
        from ..errors import QueryError

        raise QueryError(f"workload by {by!r}?", hint="by: total, document or year")
    docs = doc_table(G)
    counts: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: {"LEADS": set(), "ASSISTS": set()})
    for d in nodes_of(G, "Duty"):
        if by == "document":
            group = duty_doc(G, d)
        elif by == "year":
            group = str(props_of(G, d).get("deadline_date") or "")[:4]
        else:
            group = ""
        for w, role, _ in assignees(G, d):
            if label_of(G, w) == "Agency" and props_of(G, w).get("collective") and not include_collective:
                continue
            counts[(w, group)][role].add(d)
    rows = []
    for (w, group), c in counts.items():
        row = {"name": name_of(G, w), "kind": label_of(G, w),
               "jurisdiction": props_of(G, w).get("jurisdiction") or "",
               "led": len(c["LEADS"]), "assisted": len(c["ASSISTS"]), "total": len(c["LEADS"] | c["ASSISTS"])}
        if by == "document":
            row["document"] = docs.get(group, {}).get("label", group)
        elif by == "year":
            row["year"] = group
        rows.append(row)
    return sort_rows(rows, ["-total", "-led", "name", "jurisdiction", "document" if by == "document" else "year"])


def top_officials(G: nx.MultiDiGraph, limit: int = 10) -> list[dict[str, Any]]:
    """Officials by tasks led, per document, with their share of the
    document's tasks (general statements excluded)."""
    docs = doc_table(G)
    per_doc: dict[str, int] = defaultdict(int)
    led: dict[tuple[str, str], int] = defaultdict(int)
    for d in nodes_of(G, "Duty"):
        if props_of(G, d).get("general"):
            continue
        doc = duty_doc(G, d)
        per_doc[doc] += 1
        for w, _, _ in assignees(G, d, "LEADS", labels=("Official",)):
            led[(w, doc)] += 1
    rows = [{"official": name_of(G, w), "titles": "、".join(props_of(G, w).get("titles") or []),
             "document": docs.get(doc, {}).get("label", doc), "led": n, "tasks_in_document": per_doc[doc],
             "share": round(n / per_doc[doc], 4) if per_doc[doc] else 0.0}
            for (w, doc), n in led.items()]
    rows = sort_rows(rows, ["-led", "-share", "official", "document"])
    return rows[: int(limit)] if limit else rows


def coordination_network(G: nx.MultiDiGraph, include_collective: bool = False) -> nx.Graph:
    """Agencies (and groups) linked when given the same task; weight = shared tasks.
    Built in ID order, so that seeded algorithms give the same answer from any store."""
    H = nx.Graph()
    for w in nodes_of(G, "Agency", "Group"):
        if label_of(G, w) == "Agency" and props_of(G, w).get("collective") and not include_collective:
            continue
        H.add_node(w, name=name_of(G, w))
    weights: dict[tuple[str, str], int] = defaultdict(int)
    for d in nodes_of(G, "Duty"):
        bodies = sorted({w for w, _, _ in assignees(G, d, labels=("Agency", "Group")) if w in H})
        for a, b in combinations(bodies, 2):
            weights[(a, b)] += 1
    for (a, b), w in sorted(weights.items()):
        H.add_edge(a, b, weight=w)
    return H


def centrality(G: nx.MultiDiGraph, include_collective: bool = False, seed: int = 7,
               k_sample_above: int = K_SAMPLE_ABOVE) -> list[dict[str, Any]]:
    """Degree and betweenness centrality on the coordination network (agencies
    with at least one link). Betweenness uses k-sampling with ``seed`` past
    ``k_sample_above`` nodes."""
    H = coordination_network(G, include_collective)
    H.remove_nodes_from([n for n in list(H) if H.degree(n) == 0])
    if H.number_of_nodes() == 0:
        return []
    degree = nx.degree_centrality(H)
    n = H.number_of_nodes()
    k = min(n, 500) if n > int(k_sample_above) else None
    betweenness = nx.betweenness_centrality(H, k=k, seed=seed if k else None, normalized=True)
    rows = [{"agency": H.nodes[v]["name"], "partners": H.degree(v), "shared_tasks": int(H.degree(v, weight="weight")),
             "degree": round(degree[v], 6), "betweenness": round(betweenness[v], 6), "sampled": bool(k)}
            for v in H]
    return sort_rows(rows, ["-betweenness", "-degree", "agency"])


def communities(G: nx.MultiDiGraph, include_collective: bool = False, seed: int = 7,
                method: str = "louvain") -> list[dict[str, Any]]:
    """Communities of the coordination network (louvain or greedy modularity,
    weighted, seeded): one row per agency with its community number (0 = largest)."""
    H = coordination_network(G, include_collective)
    H.remove_nodes_from([n for n in list(H) if H.degree(n) == 0])
    if H.number_of_nodes() == 0:
        return []
    if method == "louvain":
        parts = nx.community.louvain_communities(H, weight="weight", seed=int(seed))
    elif method == "greedy":
        parts = nx.community.greedy_modularity_communities(H, weight="weight")
    else:
        from ..errors import QueryError

        raise QueryError(f"unknown community method {method!r}", hint="louvain or greedy")
    named = sorted((sorted(H.nodes[v]["name"] for v in p) for p in parts), key=lambda p: (-len(p), p))
    rows = [{"community": i, "size": len(p), "agency": a} for i, p in enumerate(named) for a in p]
    return rows
