"""The findings section of the build report: overlaps and gaps, each item
with its citation (document, line, text as printed); and an HTML rendering
of the Markdown report (offline, escaped)."""
from __future__ import annotations

import html
import re
from collections import Counter
from typing import Any

__all__ = ["findings_markdown", "markdown_to_html", "LIMIT"]

LIMIT = 60  # items per list; the rest are counted
QUOTE = 160  # characters of the printed text quoted in the report


def _q(text: str) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= QUOTE else text[:QUOTE] + "…"


def _cite(r: dict[str, Any], prefix: str = "") -> str:
    doc, line, text = r.get(prefix + "document"), r.get(prefix + "line"), r.get(prefix + "text")
    if not doc:
        return ""
    return f"{doc}, line {line}: “{_q(text)}”"


def _list(items: list[str]) -> list[str]:
    out = [f"- {i}" for i in items[:LIMIT]]
    if len(items) > LIMIT:
        out.append(f"- … and {len(items) - LIMIT} more (`govgraph overlaps` / `govgraph gaps` list them all)")
    return out or ["- none found"]


def findings_markdown(nodes, edges, as_of: str | None = None) -> str:
    from ..netx import to_networkx
    from . import co_leads, duty_gaps, overlap_matrix, role_flips, same_matter, unheld_grants

    G = to_networkx(nodes, edges)
    parts = ["## Overlaps", ""]
    cl = co_leads(G)
    parts += [f"### Tasks with several lead bodies ({len(cl)})", ""]
    parts += _list([f"{r['number']} {r['duty']} — led by {r['leads']} — {_cite(r)}" for r in cl])
    sm = same_matter(G)
    parts += ["", f"### One matter, different bodies ({len(sm)})", ""]
    parts += _list([f"{r['why']}: “{r['duty_a']}” ({r['holders_a']}; {_cite(r, 'a_')}) and “{r['duty_b']}” "
                    f"({r['holders_b']}; {_cite(r, 'b_')})" for r in sm])
    rf = role_flips(G)
    parts += ["", f"### Lead/assist roles that flip between documents ({len(rf)})", ""]
    parts += _list([f"{r['agency_a']} leads “{r['a_leads']}” ({_cite(r, 'x_')}) which {r['agency_b']} assists; "
                    f"{r['agency_b']} leads “{r['b_leads']}” ({_cite(r, 'y_')}) which {r['agency_a']} assists"
                    for r in rf])
    om = [r for r in overlap_matrix(G) if r["shared"] >= 2]
    parts += ["", f"### Agencies that share two or more tasks ({len(om)} pairs)", ""]
    parts += _list([f"{r['agency_a']} × {r['agency_b']}: {r['shared']} shared, {r['both_lead']} both lead, "
                    f"e.g. “{r['example']}” — {_cite(r)}" for r in om])
    gaps = duty_gaps(G, as_of)
    counts = Counter(r["gap"] for r in gaps)
    parts += ["", "## Gaps", ""]
    parts.append("Counts: " + (", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "none")
                 + (f" (deadlines as of {as_of})" if as_of else " (deadlines as of the day of the build)"))
    for kind in sorted(counts):
        rows = [r for r in gaps if r["gap"] == kind]
        parts += ["", f"### {kind}: {rows[0]['what'] if kind != 'overdue' else 'deadline passed'} ({len(rows)})", ""]
        parts += _list([f"{r['number']} {r['duty']}" + (f" (deadline {r['deadline']})" if r["deadline"] else "")
                        + f" — {_cite(r)}" for r in rows])
    ug = unheld_grants(G)
    parts += ["", f"### Powers passed on by a body not shown holding them ({len(ug)})", ""]
    parts += _list([f"{r['granter']} → {r['receiver']}: {r['power']} ({'inferred' if r['inferred'] else 'stated'}) — {_cite(r)}"
                    for r in ug])
    return "\n".join(parts)


def _inline(text: str) -> str:
    s = html.escape(text, quote=True)
    s = re.sub(r"`([^`]+)`", r"<code>\1</code>", s)
    s = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", s)
    return s


def markdown_to_html(md: str, title: str = "govgraph report") -> str:
    """The report's Markdown (headings, lists, tables, paragraphs) as one
    self-contained HTML page: everything escaped, no scripts, no external files."""
    out: list[str] = []
    lines = md.splitlines()
    i = 0
    in_list = False

    def close_list() -> None:
        nonlocal in_list
        if in_list:
            out.append("</ul>")
            in_list = False

    while i < len(lines):
        line = lines[i]
        m = re.match(r"^(#{1,6})\s+(.*)$", line)
        if m:
            close_list()
            n = len(m.group(1))
            out.append(f"<h{n}>{_inline(m.group(2))}</h{n}>")
        elif line.startswith("|"):
            close_list()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                rows.append(lines[i])
                i += 1
            i -= 1
            cells = [[c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", r.strip())[1:-1]] for r in rows]
            body = [c for c in cells[1:] if not all(re.fullmatch(r"-+", x or "-") for x in c)]
            out.append("<table><thead><tr>" + "".join(f"<th>{_inline(c)}</th>" for c in cells[0]) + "</tr></thead><tbody>")
            out += ["<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in r) + "</tr>" for r in body]
            out.append("</tbody></table>")
        elif line.startswith("- "):
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{_inline(line[2:])}</li>")
        elif line.strip():
            close_list()
            out.append(f"<p>{_inline(line)}</p>")
        else:
            close_list()
        i += 1
    close_list()
    style = ("body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;"
             "line-height:1.5}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:2px 6px;"
             "font-size:90%;vertical-align:top}th{background:#f3f3f3}code{background:#f3f3f3;padding:0 3px}")
    return ("<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(title)}</title><style>{style}</style></head><body>\n"
            + "\n".join(out) + "\n</body></html>\n")
