"""Analyses on the NetworkX graph (:func:`graph.netx.to_networkx`): pure
functions returning sorted rows of plain values.

==============  =====================================================
chains          delegation chains from an agency, power or category
overlaps        co-led tasks, one matter held by different bodies,
                lead/assist flips, the agency × agency overlap matrix
gaps            tasks without lead / official / deadline, only
                collective assignees, overdue; unheld grants
workload        counts per body, top officials, centrality, communities
paths           shortest path, n-hop neighbourhood
timeline        the graph as of a date; diff of documents or dates
names           a name as printed or canonical -> node (UnknownName)
==============  =====================================================
"""
from __future__ import annotations

import networkx as nx

from .chains import chains
from .gaps import duty_gaps, gaps, unheld_grants
from .names import resolve, search_names
from .overlaps import co_leads, overlap_matrix, role_flips, same_matter
from .paths import neighbours, shortest_path
from .timeline import as_of, diff, documents_in_force
from .workload import centrality, communities, top_officials, workload

__all__ = ["graph_of", "search_names", "chains", "duty_gaps", "gaps", "unheld_grants", "resolve", "co_leads", "overlap_matrix",
           "role_flips", "same_matter", "neighbours", "shortest_path", "as_of", "diff", "documents_in_force",
           "centrality", "communities", "top_officials", "workload"]


def graph_of(store) -> nx.MultiDiGraph:
    """The whole graph a store holds, as NetworkX."""
    from ..netx import to_networkx

    return to_networkx(store.nodes(), store.edges())
