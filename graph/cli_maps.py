"""``govgraph map``: one offline HTML map from the store (the whole graph, a
name's neighbourhood, a document, a delegation chain or the agency overlap
network), optionally screenshotted in headless Chromium.

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
    @click.option("--overlaps", is_flag=True, help="Agencies joined by the tasks they share (a derived map).")
    @click.option("--budget", type=click.IntRange(1), default=DEFAULT_BUDGET, show_default=True,
                  help="Draw at most this many nodes (the best-connected); a banner says what was left out.")
    @click.option("--title", default=None, help="Page title (default: says what the map shows).")
    @click.option("-o", "--output", type=click.Path(dir_okay=False), required=True, help="The HTML file to write.")
    @click.option("--screenshot", "png", type=click.Path(dir_okay=False), default=None,
                  help="Also save a PNG of the map (needs Chromium and playwright; nothing is downloaded).")
    @_errors
    def map_cmd(store, focus, depth, document, chain, overlaps, budget, title, output, png):
        """Write a self-contained HTML map (no network needed to view it).

        Click a node or an edge for its evidence; search by Chinese name;
        filter by kind. Edges whose evidence comes only from repealed
        documents are grey and dotted."""
        from . import maps

        chosen = [o for o, v in (("--focus", focus), ("--document", document), ("--chain", chain),
                                 ("--overlaps", overlaps)) if v]
        if len(chosen) > 1:
            raise click.UsageError(f"choose one of {', '.join(chosen)}")
        with open_store(store) as st:
            nodes, edges = list(st.nodes()), list(st.edges())
        kwargs: dict = {"budget": budget}
        if focus:
            maps._focus_id(nodes, edges, focus)  # unknown names fail before anything is written
            kwargs.update(focus=focus, depth=depth)
            default_title = f"{focus} 周围 {depth} 步 (neighbourhood)"
            sub_n, sub_e = nodes, edges
        elif document:
            sub_n, sub_e = maps.document_subgraph(nodes, edges, document)
            default_title = f"文件 document: {document}"
            kwargs["docs_from"] = nodes
        elif chain:
            sub_n, sub_e = maps.chain_subgraph(nodes, edges, chain, depth=max(depth, 1))
            default_title = f"授权链 delegation: {chain}"
            kwargs["docs_from"] = nodes
        elif overlaps:
            sub_n, sub_e = maps.overlap_network(nodes, edges)
            default_title = "职责交叉 overlaps: agencies sharing tasks"
            kwargs["docs_from"] = nodes
            if not sub_e:
                kwargs["note"] = "没有两个机构共担同一任务。No two agencies share a task."
        else:
            sub_n, sub_e = nodes, edges
            default_title = "govgraph 总览 overview"
        path = maps.write_map(output, sub_n, sub_e, title or default_title, **kwargs)
        size = path.stat().st_size
        click.echo(f"wrote {path} ({size / 1024:.0f} KB)", err=True)
        if png:
            info = maps.screenshot(path, Path(png))
            click.echo(f"wrote {info['png']} ({info['nodes']} nodes drawn in {info['draw_ms']:.0f} ms)", err=True)
