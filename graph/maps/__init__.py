"""Self-contained, offline HTML maps and views of the graph.

Every page is one UTF-8 file with no remote URL: vis-network is inlined from
pyvis's bundled copy, a Content-Security-Policy refuses every request and
runs only the page's own scripts (by hash), and everything from documents is
embedded as escaped JSON and put into the page only with ``textContent``.

Views, each its own page (module): :mod:`.overview` (aggregated),
:mod:`.who` (who does what), :mod:`.matrix` (overlap matrix),
:mod:`.delegation` (granter → receiver), :mod:`.focus` (one name and its
tasks); :mod:`.network` draws any node/edge set (document maps, ``govgraph
map``); :mod:`.build` writes ``maps/``; :mod:`.browser` drives headless
Chromium for screenshots.
"""
from __future__ import annotations

import importlib
from typing import Any

# name -> the module that defines it; imported on first use, so that the command
# line starts without NetworkX and the map modules (``from graph.maps import X`` works as ever)
_HOME = {
    **dict.fromkeys(("CHROMIUM_ARGS", "find_chromium", "screenshot"), "browser"),
    **dict.fromkeys(("VIEW_FILES", "build_maps"), "build"),
    **dict.fromkeys(("delegation_view", "render_delegation"), "delegation"),
    **dict.fromkeys(("focus_view", "render_focus"), "focus"),
    **dict.fromkeys(("matrix_pairs", "render_matrix"), "matrix"),
    **dict.fromkeys(("DERIVED_EDGES", "LABEL_MAX", "PHYSICS_MAX", "REPEALED_STYLE", "_JS", "_focus_id",
                     "_fr_dense", "chain_subgraph", "document_subgraph", "layout", "neighbourhood", "overlap_network",
                     "render_map", "write_map", "write_page"), "network"),
    **dict.fromkeys(("overview_view", "render_overview"), "overview"),
    **dict.fromkeys(("render_who", "who_rows"), "who"),
}

DEFAULT_BUDGET = 1500  # nodes a map draws at most; past it the highest-degree nodes are kept


def __getattr__(name: str) -> Any:
    if name in _HOME:
        value = getattr(importlib.import_module(f".{_HOME[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DEFAULT_BUDGET", "PHYSICS_MAX", "CHROMIUM_ARGS", "DERIVED_EDGES", "VIEW_FILES", "render_map", "write_map",
    "write_page", "neighbourhood", "document_subgraph", "chain_subgraph", "overlap_network", "build_maps", "layout",
    "find_chromium", "screenshot", "render_who", "who_rows", "render_matrix", "matrix_pairs", "render_delegation",
    "delegation_view", "render_focus", "focus_view", "render_overview", "overview_view",
]
