"""The overlap matrix (``maps/overlaps.html``): agency × agency, each cell
the number of tasks both are given — the same pairs and threshold as the
report (:func:`graph.analysis.overlaps.overlap_matrix`, two or more shared
tasks by default). Cells where both lead are marked ★; pairs whose shared
assignments all come from one printed line (one long 责任单位 list) are
marked ≡ and drawn pale. A click lists the shared tasks with their lines."""
from __future__ import annotations

import html
from collections import defaultdict
from itertools import combinations
from typing import Any, Iterable

import networkx as nx

from ..records import Edge, Node
from .page import short_cite, table_page

__all__ = ["matrix_pairs", "render_matrix", "MIN_SHARED"]

MIN_SHARED = 2  # as the report: pairs sharing fewer tasks are left out
TEXT_MAX = 300


def matrix_pairs(G: nx.MultiDiGraph, min_shared: int = MIN_SHARED) -> list[dict[str, Any]]:
    """The report's agency pairs (``overlap_matrix(G, min_shared)``), each
    with its shared tasks: ``a``, ``b`` (node IDs), ``agency_a``,
    ``agency_b``, ``shared``, ``both_lead``, ``one_line`` (every shared
    assignment printed on one line) and ``tasks`` (name, roles, citation, text)."""
    from ..analysis.common import doc_table, label_of, name_of, props_of
    from ..analysis.overlaps import _roles, overlap_matrix

    docs = doc_table(G)
    roles = _roles(G)
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for d, rs in sorted(roles.items()):
        bodies = sorted(w for w in rs if label_of(G, w) == "Agency" and not props_of(G, w).get("collective"))
        for a, b in combinations(bodies, 2):
            if name_of(G, a) > name_of(G, b):
                a, b = b, a
            shared[(a, b)].append(d)
    wanted = {(r["agency_a"], r["agency_b"]): r for r in overlap_matrix(G, min_shared=min_shared)}
    out = []
    for (a, b), ds in shared.items():
        r = wanted.get((name_of(G, a), name_of(G, b)))
        if r is None:
            continue
        tasks, lines = [], set()
        for d in sorted(ds, key=lambda d: (str(props_of(G, d).get("document") or ""), name_of(G, d))):
            evs = roles[d][a]["evidence"] + roles[d][b]["evidence"]
            lines |= {(e["doc"], e["line"]) for e in evs}
            ev = min(evs, key=lambda e: (e["doc"], e["line"]), default={"doc": "", "line": None, "text": ""})
            text = ev["text"] if len(ev["text"]) <= TEXT_MAX else ev["text"][: TEXT_MAX - 1] + "…"
            tasks.append({"task": name_of(G, d), "number": str(props_of(G, d).get("number") or ""),
                          "role_a": "牵头" if roles[d][a]["role"] == "LEADS" else "配合",
                          "role_b": "牵头" if roles[d][b]["role"] == "LEADS" else "配合",
                          "cite": short_cite(docs.get(ev["doc"]), ev["line"]), "text": text})
        out.append({"a": a, "b": b, "agency_a": r["agency_a"], "agency_b": r["agency_b"], "shared": r["shared"],
                    "both_lead": r["both_lead"], "one_line": len(lines) == 1, "tasks": tasks})
    return sorted(out, key=lambda p: (-p["shared"], p["agency_a"], p["agency_b"]))


_CSS = """
#m{font-size:12px}
#m th{position:static;cursor:default;background:#fff;border:none}
#m th.col{writing-mode:vertical-rl;white-space:nowrap;vertical-align:bottom;padding:4px 0;font-weight:normal;max-height:200px}
#m th.row{text-align:right;font-weight:normal;white-space:nowrap}
#m td{width:24px;min-width:24px;height:22px;text-align:center;border:1px solid #eee;padding:0;cursor:pointer}
#m td.e{cursor:default}
#m td.bl{outline:2px solid #111;outline-offset:-2px;font-weight:700}
#m td.one{background-image:repeating-linear-gradient(45deg,transparent 0 3px,rgba(0,0,0,.12) 3px 4px)}
#m td.sel{outline:3px solid #ff1493}
.key span{display:inline-block;width:22px;height:16px;border:1px solid #ccc;vertical-align:middle;margin:0 4px}
"""

_JS = r"""
(function () {
  "use strict";
  var t0 = performance.now();
  var D = JSON.parse(document.getElementById("gg-data").textContent);
  var panel = document.getElementById("panel");
  function el(tag, text, cls) { var e = document.createElement(tag); e.textContent = text; if (cls) e.className = cls; return e; }
  function show(i) {
    var p = D.pairs[i]; if (!p) return;
    while (panel.firstChild) panel.removeChild(panel.firstChild);
    panel.appendChild(el("h2", p.agency_a + " × " + p.agency_b));
    panel.appendChild(el("div", "共担 " + p.shared + " 项任务" + (p.both_lead ? "，其中 " + p.both_lead + " 项双方均牵头" : "")
      + (p.one_line ? "；全部出自同一行名单" : "")));
    p.tasks.forEach(function (t) {
      panel.appendChild(el("h3", (t.number ? t.number + " " : "") + t.task));
      panel.appendChild(el("div", p.agency_a + "：" + t.role_a + " · " + p.agency_b + "：" + t.role_b));
      panel.appendChild(el("div", t.cite, "cite"));
      panel.appendChild(el("blockquote", t.text));
    });
    panel.className = "open";
    Array.prototype.forEach.call(document.querySelectorAll("#m td.sel"), function (c) { c.classList.remove("sel"); });
    Array.prototype.forEach.call(document.querySelectorAll('#m td[data-p="' + i + '"]'), function (c) { c.classList.add("sel"); });
  }
  document.getElementById("m").addEventListener("click", function (ev) {
    var td = ev.target.closest ? ev.target.closest("td[data-p]") : null;
    if (td) show(+td.getAttribute("data-p"));
  });
  window.gg = {ready: true, drawMs: performance.now() - t0, show: show, pairs: D.pairs};
})();
"""


def render_matrix(nodes: Iterable[Node], edges: Iterable[Edge], title: str = "职责交叉 overlap matrix", *,
                  min_shared: int = MIN_SHARED) -> str:
    """The overlap matrix page (HTML text)."""
    from ..analysis.common import name_of
    from ..netx import to_networkx

    G = to_networkx(list(nodes), list(edges))
    pairs = matrix_pairs(G, min_shared)
    total: dict[str, int] = defaultdict(int)
    for p in pairs:
        total[p["a"]] += p["shared"]
        total[p["b"]] += p["shared"]
    order = sorted(total, key=lambda a: (-total[a], name_of(G, a)))
    cell = {}
    for i, p in enumerate(pairs):
        cell[(p["a"], p["b"])] = cell[(p["b"], p["a"])] = i
    top = max((p["shared"] for p in pairs), default=1)
    esc = html.escape
    rows = ['<tr><th></th>' + "".join(f'<th class="col" title="{esc(name_of(G, a))}">{esc(name_of(G, a))}</th>'
                                     for a in order) + "</tr>"]
    for a in order:
        tds = []
        for b in order:
            i = cell.get((a, b))
            if i is None:
                tds.append('<td class="e"></td>')
                continue
            p = pairs[i]
            alpha = 0.15 + 0.85 * p["shared"] / top
            cls = " ".join(c for c, on in (("bl", p["both_lead"]), ("one", p["one_line"])) if on)
            bg = f"rgba(31,119,180,{alpha * (0.4 if p['one_line'] else 1):.2f})"
            colour = "#fff" if alpha > 0.6 and not p["one_line"] else "#111"
            mark = "★" if p["both_lead"] else ("≡" if p["one_line"] else "")
            tip = f"{p['agency_a']} × {p['agency_b']}：{p['shared']} 项" + (f"（双方牵头 {p['both_lead']}）" if p["both_lead"] else "")
            tds.append(f'<td data-p="{i}" class="{cls}" style="background-color:{bg};color:{colour}" '
                       f'title="{esc(tip)}">{p["shared"]}{mark}</td>')
        rows.append(f'<tr><th class="row">{esc(name_of(G, a))}</th>{"".join(tds)}</tr>')
    if pairs:
        body = (f'<p class="muted">{len(pairs)} 对机构共担至少 {int(min_shared)} 项任务（与报告相同），{len(order)} 个机构。'
                "点击格子查看共担的任务和原文。</p>"
                '<p class="key">图例：<span style="background:rgba(31,119,180,.9)"></span>共担任务数（颜色越深越多）'
                '<span style="outline:2px solid #111;outline-offset:-2px"></span>★ 有双方均牵头的任务'
                '<span style="background-image:repeating-linear-gradient(45deg,transparent 0 3px,rgba(0,0,0,.2) 3px 4px)">'
                "</span>≡ 全部出自同一行名单</p>"
                f'<table id="m">{"".join(rows)}</table>')
    else:
        body = f'<p>没有两个机构共担 {int(min_shared)} 项以上的任务。No two agencies share {int(min_shared)} or more tasks.</p><table id="m"></table>'
    data = {"pairs": [{k: v for k, v in p.items() if k not in ("a", "b")} for p in pairs]}
    return table_page(title, body, _JS, data, extra_css=_CSS)
