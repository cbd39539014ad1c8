"""``govgraph map``: one offline HTML page from the store (the aggregated
overview, a name's focus, a document, the delegation view or a chain, the
overlap matrix, the who-does-what table, or every node), optionally
screenshotted in headless Chromium.

Registered by :func:`graph.cli._register_optional`."""
from __future__ import annotations

from pathlib import Path

import click

from .cli import _errors, store_option
from .stores import open_store

__all__ = ["register"]


def register(cli: click.Group) -> None:
    from .maps import DEFAULT_BUDGET

    @cli.command("map")
    @store_option
    @click.option("--focus", metavar="NAME", default=None,
                  help="Only what lies within --depth steps of NAME (as printed or canonical, 文号 or title).")
    @click.option("--depth", type=int, default=2, show_default=True, help="Steps around --focus (1-6), hops for --chain (1-10).")
    @click.option("--document", "document", metavar="REF", default=None,
                  help="Only what one document states (its id, file, 文号 or title).")
    @click.option("--chain", metavar="NAME", default=None,
                  help="Delegation chains (DELEGATED_FROM) through an agency, power or power category.")
    @click.option("--overlaps", is_flag=True, help="The overlap matrix: agency × agency, tasks shared (≥ --min-shared).")
    @click.option("--min-shared", type=click.IntRange(1), default=2, show_default=True,
                  help="With --overlaps: the fewest shared tasks a pair needs (the report uses 2).")
    @click.option("--who", is_flag=True, help="The who-does-what table (sortable, filterable).")
    @click.option("--delegation", is_flag=True, help="Every delegation, granter → receiver (--chain NAME: only through NAME).")
    @click.option("--all", "everything", is_flag=True, help="Every node and edge (within --budget) instead of the aggregated overview.")
    @click.option("--budget", type=click.IntRange(1), default=DEFAULT_BUDGET, show_default=True,
                  help="Draw at most this many nodes (the best-connected); a banner says what was left out.")
    @click.option("--title", default=None, help="Page title (default: says what the map shows).")
    @click.option("-o", "--output", type=click.Path(dir_okay=False), required=True, help="The HTML file to write.")
    @click.option("--screenshot", "png", type=click.Path(dir_okay=False), default=None,
                  help="Also save a PNG of the map (needs Chromium and playwright; nothing is downloaded).")
    @_errors
    def map_cmd(store, focus, depth, document, chain, overlaps, min_shared, who, delegation, everything, budget,
                title, output, png):
        """Write a self-contained HTML map or view (no network needed to open it).

        Without options: the aggregated overview (documents and the busiest
        bodies). Click a node or an edge for its evidence; search by name or
        printed form; filter by kind; PNG export. Edges whose evidence comes
        only from repealed documents are grey and dotted."""
        from . import maps

        chosen = [o for o, v in (("--focus", focus), ("--document", document), ("--chain", chain),
                                 ("--overlaps", overlaps), ("--who", who), ("--all", everything)) if v]
        if len(chosen) > 1:
            raise click.UsageError(f"choose one of {', '.join(chosen)}")
        if delegation and chosen and chosen != ["--chain"]:
            raise click.UsageError(f"choose one of --delegation, {', '.join(chosen)}")
        with open_store(store) as st:
            nodes, edges = list(st.nodes()), list(st.edges())
        kwargs: dict = {"budget": budget}
        text = None
        if focus:
            maps._focus_id(nodes, edges, focus)  # unknown names fail before anything is written
            text = maps.render_focus(nodes, edges, focus, title)
        elif document:
            sub_n, sub_e = maps.document_subgraph(nodes, edges, document)
            default_title = f"文件 document: {document}"
            kwargs["docs_from"] = nodes
        elif chain or delegation:
            if chain:
                maps.chain_subgraph(nodes, edges, chain, depth=max(depth, 1))  # no chain: a clear error
            text = maps.render_delegation(nodes, edges, chain, depth=max(depth, 1), title=title)
        elif overlaps:
            text = maps.render_matrix(nodes, edges, title or "职责交叉 overlap matrix", min_shared=min_shared)
        elif who:
            text = maps.render_who(nodes, edges, title or "谁做什么 who does what")
        elif everything:
            sub_n, sub_e = nodes, edges
            default_title = "govgraph 全图 every node"
        else:
            text = maps.render_overview(nodes, edges, title or "govgraph 总览 overview")
        if text is not None:
            path = maps.write_page(output, text)
        else:
            path = maps.write_map(output, sub_n, sub_e, title or default_title, **kwargs)
        size = path.stat().st_size
        click.echo(f"wrote {path} ({size / 1024:.0f} KB)", err=True)
        if png:
            info = maps.screenshot(path, Path(png))
            click.echo(f"wrote {info['png']} ({info['nodes']} nodes drawn in {info['draw_ms']:.0f} ms)", err=True)
