"""The build report as one offline HTML page (everything escaped, no scripts,
no external files), and the findings sections alone
(:func:`findings_markdown`; the findings themselves are
:mod:`graph.analysis.findings`)."""
from __future__ import annotations

import html
import re
import unicodedata

__all__ = ["findings_markdown", "markdown_to_html", "anchor"]


def findings_markdown(nodes, edges, as_of: str | None = None) -> str:
    """The findings sections of the build report alone (Markdown), as
    :func:`graph.report.summary_report` writes them (documents in force, then
    repealed ones apart); citations use the documents table's keys (文1 …)."""
    import datetime as _dt

    from ..netx import to_networkx
    from ..report import findings_sections
    from .findings import document_keys

    G = to_networkx(list(nodes), list(edges))
    return findings_sections(G, as_of or _dt.date.today().isoformat(), document_keys(G))


_LINK = re.compile(r"\[([^\]]+)\]\(((?:[\w.-]+/)*[\w.-]+\.(?:html|md|png|svg)(?:#[\w-]+)?|#[\w-]+)\)")


def anchor(heading: str) -> str:
    """A heading's anchor, as GitHub makes it (lower case; letters, digits, ``_``,
    ``-`` and spaces kept; spaces become ``-``), so ``[…](#anchor)`` links in the
    report work on GitHub and in report.html alike.

    >>> anchor("1. 逾期任务(9 项,严重程度高)")
    '1-逾期任务9-项严重程度高'
    """
    kept = "".join(c for c in heading.strip().lower()
                   if c in " -" or unicodedata.category(c)[0] in "LMN" or unicodedata.category(c) == "Pc")
    return kept.replace(" ", "-")


def _inline(text: str) -> str:
    """One line of the report as HTML: escaped, then `code`, **bold** and links
    to relative files only ([地图](maps/who.html); never a scheme like javascript:)."""
    s = html.escape(text, quote=True)
    s = re.sub(r"`([^`]+)`", r"<code>\1</code>", s)
    s = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", s)
    s = re.sub(r"(文\d+) (第\d+行)", "\\1&nbsp;\\2", s)  # a citation does not break across lines
    return _LINK.sub(lambda m: f'<a href="{m.group(2)}">{m.group(1)}</a>', s)


def markdown_to_html(md: str, title: str = "govgraph 报告") -> str:
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
            out.append(f'<h{n} id="{html.escape(anchor(m.group(2)), quote=True)}">{_inline(m.group(2))}</h{n}>')
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
             "font-size:90%;vertical-align:top}th{background:#f3f3f3;white-space:nowrap}td:first-child{white-space:nowrap}code{background:#f3f3f3;padding:0 3px}"
             "@media print{body{max-width:none;margin:0}a{color:inherit;text-decoration:none}"
             "table{page-break-inside:auto}tr{page-break-inside:avoid}h2,h3{page-break-after:avoid}}")
    return ("<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(title)}</title><style>{style}</style></head><body>\n"
            + "\n".join(out) + "\n</body></html>\n")
