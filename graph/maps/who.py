"""*Who does what* (``maps/who.html``): one row per assignment — a body or
official × a task it leads (牵头) or assists (配合) — with the task's co-leads,
lead official, deadline, and the document and line that say so. The table
sorts by any column (numbers as numbers) and filters by text, role and kind;
rows are escaped HTML, so it reads without JavaScript too."""
from __future__ import annotations

import html
from typing import Any, Iterable

import networkx as nx

from ..records import Edge, Node
from .page import natural_key, short_cite, table_page

__all__ = ["who_rows", "render_who"]

ROLE_ZH = {"LEADS": "牵头", "ASSISTS": "配合"}
TASK_MAX = 60
TEXT_MAX = 300


def _cut(s: str, n: int) -> str:
    s = " ".join(str(s).split())
    return s if len(s) <= n else s[: n - 1] + "…"


def who_rows(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Rows of the who-does-what table, from the graph of
    :func:`graph.netx.to_networkx`: ``body``, ``kind`` (中文), ``role``
    (牵头/配合), ``printed_role``, ``number``, ``task``, ``co_leads``,
    ``lead_official``, ``deadline``, ``document`` (short citation key),
    ``doc``, ``line``, ``text`` (the line as printed, cut at 300)."""
    from ..analysis.common import assignees, doc_table, duty_doc, label_of, name_of, props_of
    from ..schema import SCHEMA

    docs = doc_table(G)
    rows = []
    tasks = sorted(n for n, d in G.nodes(data=True) if d.get("label") in ("Duty", "Project"))
    for t in tasks:
        who = assignees(G, t)
        if not who:
            continue
        p = props_of(G, t)
        leads = [w for w, role, _ in who if role == "LEADS" and label_of(G, w) in ("Agency", "Group")]
        officials = [w for w, role, _ in who if role == "LEADS" and label_of(G, w) == "Official"]
        doc = duty_doc(G, t)
        for w, role, data in who:
            evs = sorted(data.get("evidence") or [], key=lambda e: (e["doc"], e["line"]))
            ev = evs[0] if evs else {"doc": doc, "line": None, "text": ""}
            rows.append({
                "body": name_of(G, w), "kind": SCHEMA.nodes[label_of(G, w)].zh if label_of(G, w) in SCHEMA.nodes else "",
                "role": ROLE_ZH[role], "printed_role": str((data.get("properties") or {}).get("role") or ""),
                "number": str(p.get("number") or ""), "task": name_of(G, t),
                "co_leads": "、".join(name_of(G, x) for x in leads if x != w),
                "lead_official": "、".join(name_of(G, x) for x in officials if x != w),
                "deadline": str(p.get("deadline") or ""),
                "document": short_cite(docs.get(ev["doc"]) or docs.get(doc)), "doc": ev["doc"],
                "line": ev["line"], "text": _cut(ev["text"], TEXT_MAX)})
    rows.sort(key=lambda r: (r["body"], r["role"] != "牵头", r["document"], natural_key(r["number"]), r["task"]))
    return rows


COLUMNS = [("body", "单位 / 领导"), ("kind", "类别"), ("role", "角色"), ("number", "编号"), ("task", "任务"),
           ("co_leads", "同牵头单位"), ("lead_official", "牵头领导"), ("deadline", "完成时限"),
           ("document", "文件"), ("line", "行")]

_JS = r"""
(function () {
  "use strict";
  var t0 = performance.now();
  var D = JSON.parse(document.getElementById("gg-data").textContent);
  var table = document.getElementById("who"), body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var q = document.getElementById("q"), role = document.getElementById("role"), kind = document.getElementById("kind");
  var count = document.getElementById("count");
  function key(tr, i) { var c = tr.cells[i]; return c.getAttribute("data-k") || c.textContent; }
  function sort(i) {
    var th = table.tHead.rows[0].cells[i];
    var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
    rows.sort(function (a, b) { var x = key(a, i), y = key(b, i); return x < y ? -dir : x > y ? dir : 0; });
    rows.forEach(function (tr) { body.appendChild(tr); });
  }
  function filter() {
    var s = q.value.trim(), r = role.value, k = kind.value, n = 0;
    rows.forEach(function (tr) {
      var show = (!r || tr.cells[2].textContent === r) && (!k || tr.cells[1].textContent === k)
        && (!s || tr.textContent.indexOf(s) >= 0 || D.rows[+tr.getAttribute("data-i")][0].indexOf(s) >= 0);
      tr.className = show ? "" : "hide"; if (show) n++;
    });
    count.textContent = n + " / " + rows.length + " 行";
    return n;
  }
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
    th.addEventListener("click", function () { sort(i); });
  });
  [q, role, kind].forEach(function (e) { e.addEventListener("input", filter); e.addEventListener("change", filter); });
  var panel = document.getElementById("panel");
  function el(tag, text, cls) { var e = document.createElement(tag); e.textContent = text; if (cls) e.className = cls; return e; }
  body.addEventListener("click", function (ev) {
    var tr = ev.target.closest ? ev.target.closest("tr") : null; if (!tr) return;
    var x = D.rows[+tr.getAttribute("data-i")]; if (!x) return;
    var c = tr.cells;  // the row's own cells; the data holds only the line as printed and the printed role
    var r = {body: c[0].textContent, role: c[2].textContent, number: c[3].textContent, task: c[4].title,
             co_leads: c[5].textContent, lead_official: c[6].textContent, deadline: c[7].textContent,
             document: c[8].textContent, line: c[9].textContent, text: x[0], printed_role: x[1]};
    while (panel.firstChild) panel.removeChild(panel.firstChild);
    panel.appendChild(el("h2", r.body + " · " + r.role + (r.printed_role ? "（" + r.printed_role + "）" : "")));
    panel.appendChild(el("div", (r.number ? r.number + " " : "") + r.task));
    if (r.co_leads) panel.appendChild(el("div", "同牵头单位：" + r.co_leads));
    if (r.lead_official) panel.appendChild(el("div", "牵头领导：" + r.lead_official));
    if (r.deadline) panel.appendChild(el("div", "完成时限：" + r.deadline));
    panel.appendChild(el("div", r.document + (r.line ? " 第 " + r.line + " 行" : ""), "cite"));
    panel.appendChild(el("blockquote", r.text));
    panel.className = "open";
  });
  window.gg = {ready: true, drawMs: performance.now() - t0, sort: sort, filter: function (s, r, k) {
    q.value = s || ""; role.value = r || ""; kind.value = k || ""; return filter(); }, rows: rows};
  filter();
})();
"""


def render_who(nodes: Iterable[Node], edges: Iterable[Edge], title: str = "谁做什么 who does what") -> str:
    """The who-does-what page (HTML text)."""
    from ..netx import to_networkx

    G = to_networkx(list(nodes), list(edges))
    rows = who_rows(G)
    esc = html.escape
    trs = []
    for i, r in enumerate(rows):
        cells = []
        for k, _ in COLUMNS:
            v = r[k]
            v = "" if v is None else str(v)
            attrs = ""
            if k in ("number", "line", "deadline", "document"):
                attrs += f' data-k="{esc(natural_key(v))}"'
            if k == "line":
                attrs += ' class="n"'
            if k == "role":
                attrs += f' class="{"lead" if v == "牵头" else "assist"}"'
            if k == "task":
                attrs += f' title="{esc(v)}"'
                v = _cut(v, TASK_MAX)
            cells.append(f"<td{attrs}>{esc(v)}</td>")
        trs.append(f'<tr data-i="{i}">{"".join(cells)}</tr>')
    kinds = sorted({r["kind"] for r in rows})
    head = "".join(f"<th>{esc(h)}</th>" for _, h in COLUMNS)
    n_bodies = len({r["body"] for r in rows})
    body = (f'<p class="muted">{n_bodies} 个单位和领导，{len(rows)} 项分工。点击表头排序，点击一行看原文。'
            "Click a heading to sort, a row for the line as printed.</p>"
            f'<table id="who"><thead><tr>{head}</tr></thead><tbody>\n' + "\n".join(trs) + "\n</tbody></table>")
    nav = ('<input id="q" placeholder="筛选 filter (名称、任务、原文)" size="24">'
           '<select id="role"><option value="">全部角色</option><option>牵头</option><option>配合</option></select>'
           '<select id="kind"><option value="">全部类别</option>'
           + "".join(f"<option>{esc(k)}</option>" for k in kinds) + "</select>"
           '<span id="count" class="cnt"></span>')
    return table_page(title, body, _JS, {"rows": [[r["text"], r["printed_role"]] for r in rows]}, nav=nav)
