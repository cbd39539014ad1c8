"""``OUTDIR/maps/``: the index and every view, with stable file names the
report links to — ``overview.html`` (aggregated), ``who.html`` (who does
what), ``overlaps.html`` (the overlap matrix), ``delegation.html`` (granter →
receiver), ``focus.html`` (the busiest body), one ``doc-N.html`` per loaded
document."""
from __future__ import annotations

import html
from pathlib import Path
from typing import Iterable

from ..records import Edge, Node
from .page import FONT, short_cite

__all__ = ["build_maps", "VIEW_FILES"]

VIEW_FILES = {"overview": "overview.html", "who": "who.html", "overlaps": "overlaps.html",
              "delegation": "delegation.html", "focus": "focus.html"}


def _index_html(title: str, views: list[tuple[str, str, str]], maps: list[tuple[str, str, str]], n_docs: int) -> str:
    esc = html.escape

    def rows(items: list[tuple[str, str, str]]) -> str:
        return "\n".join(f"<tr><td><a href=\"{esc(h)}\">{esc(n)}</a></td><td>{esc(w)}</td></tr>" for h, n, w in items)

    return (
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        f"<title>{esc(title)}</title>\n<style>body{{font-family:{FONT};margin:2em;color:#222}}"
        "table{border-collapse:collapse;margin-bottom:1.5em}td,th{border-bottom:1px solid #ddd;padding:4px 10px;text-align:left}"
        "</style>\n</head>\n<body>\n"
        f"<h1>{esc(title)}</h1>\n<p>每个页面都是离线的单个文件。<a href=\"../report.html\">报告 report</a> · "
        "<a href=\"../report.md\">report.md</a></p>\n"
        f"<h2>问题 views</h2>\n<table>\n{rows(views)}\n</table>\n"
        f"<h2>文件 documents（{n_docs} 张图）</h2>\n<table>\n{rows(maps)}\n</table>\n</body>\n</html>\n")


def _cut(s: str, n: int) -> str:
    s = " ".join(str(s).split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _busiest(nodes: list[Node], edges: list[Edge]) -> Node | None:
    """The agency given most tasks by documents in force (not a collective)."""
    from collections import Counter

    from .network import _is_repealed

    by_id = {n.id: n for n in nodes}
    repealed = {n.id for n in nodes if n.label == "Document" and _is_repealed(n.properties)}
    load = Counter(e.source for e in edges if e.type in ("LEADS", "ASSISTS") and by_id.get(e.source) is not None
                   and by_id[e.source].label == "Agency" and not by_id[e.source].properties.get("collective")
                   and any(ev.doc not in repealed for ev in e.evidence))
    if not load:
        return None
    return by_id[min(load, key=lambda k: (-load[k], by_id[k].name))]


def build_maps(nodes: Iterable[Node], edges: Iterable[Edge], outdir: str | Path, *,
               budget: int | None = None) -> list[Path]:
    """Write ``OUTDIR/maps/``; returns the paths, index first, then the
    overview and the document maps, then the views."""
    from ..analysis.common import doc_label
    from .delegation import render_delegation
    from .focus import render_focus
    from .matrix import render_matrix
    from .network import DEFAULT_BUDGET, _apply_budget, _is_repealed, column_layout, document_subgraph, render_map
    from .overview import render_overview
    from .who import render_who

    budget = DEFAULT_BUDGET if budget is None else budget
    nodes, edges = list(nodes), list(edges)
    out = Path(outdir) / "maps"
    out.mkdir(parents=True, exist_ok=True)
    for old in list(out.glob("doc-*.html")) + list(out.glob("focus*.html")) + [out / "chains.html"]:
        if old.exists():  # from an earlier build
            old.unlink()
    written: list[Path] = []
    views: list[tuple[str, str, str]] = []
    docmaps: list[tuple[str, str, str]] = []

    def put(fname: str, text: str) -> None:
        p = out / fname
        p.write_text(text, encoding="utf-8")
        written.append(p)

    loaded = sorted((n for n in nodes if n.label == "Document" and n.properties.get("loaded")),
                    key=lambda n: (str(n.properties.get("source_file", "")), str(n.properties.get("part", "")), n.id))
    pages = {d.id: f"doc-{i}.html" for i, d in enumerate(loaded, 1)}
    put("overview.html", render_overview(nodes, edges, doc_pages=pages))
    views.append(("overview.html", "总览 overview", "文件与承担任务最多的单位（已折叠）"))
    for i, d in enumerate(loaded, 1):
        sub_n, sub_e = document_subgraph(nodes, edges, d.id)
        title = str(d.properties.get("title") or d.name)
        label = short_cite({**dict(d.properties), "title": title})
        what = title if label == title else f"{label}：{title}"
        if _is_repealed(d.properties):
            what += " · 已废止"
        if len(sub_n) > budget:
            sub_n, sub_e = _apply_budget(sub_n, sub_e, budget, set())
        small = {n.id: {"size": 7, "label": _cut(n.name, 11)} for n in sub_n if n.label == "Duty"}  # room for labels
        put(f"doc-{i}.html", render_map(sub_n, sub_e, f"文件：{label}", budget=budget, docs_from=nodes,
                                        positions=column_layout(sub_n, sub_e), styles=small))
        docmaps.append((f"doc-{i}.html", f"文件 {i}", what))
    put("who.html", render_who(nodes, edges))
    views.insert(0, ("who.html", "谁做什么 who does what", "单位和领导 × 牵头 / 配合的任务（可排序、筛选）"))
    put("overlaps.html", render_matrix(nodes, edges))
    views.append(("overlaps.html", "职责交叉 overlap matrix", "机构 × 机构，共担两项以上任务（与报告相同）"))
    if any(e.type == "DELEGATED_FROM" for e in edges):
        put("delegation.html", render_delegation(nodes, edges))
        views.append(("delegation.html", "授权 delegation", "授出 → 承接，线上是职权；推断的机构空心虚框"))
    top = _busiest(nodes, edges)
    if top is not None:
        put("focus.html", render_focus(nodes, edges, top.id))
        views.append(("focus.html", f"焦点 focus：{top.name}", "任务最多的机构：它的任务、同牵头单位、牵头领导、时限"))
    index = out / "index.html"
    index.write_text(_index_html("govgraph 图 maps", views, docmaps, len(loaded)), encoding="utf-8")
    return [index] + written
