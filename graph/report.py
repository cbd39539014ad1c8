"""The readable report that ``govgraph build`` writes (Markdown; the HTML page
is rendered from it by :func:`graph.analysis.report.markdown_to_html`).

It opens with a summary (documents read and not read, the build date, the
date deadlines are judged on, the findings ranked by severity with counts,
links to the maps), then the documents table whose short keys (文1 …) the
citations use, the findings about documents in force, the findings of
repealed documents apart, counts, and the name merges in an appendix.
"""
from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Iterable

from .records import Edge, Node
from .schema import SCHEMA

__all__ = ["summary_report", "report_findings", "findings_sections", "SECTIONS", "MAP_VIEWS", "map_links",
           "merge_reason_zh"]

# Extra report sections register here: each is a function (nodes, edges) -> Markdown text,
# placed after the findings.
SECTIONS: list[Callable[[list[Node], list[Edge]], str]] = []

# The maps and views the report links to, when the build wrote them (file under maps/, 中文).
MAP_VIEWS = (("index.html", "地图索引"), ("overview.html", "总览"), ("who.html", "谁做什么"),
             ("overlaps.html", "重叠矩阵"), ("delegation.html", "职权下放"), ("chains.html", "下放链"))
STATUS_ZH = {"repealed": "已废止", "in force": "现行"}
KIND_ZH = {"duty_division": "职责分工", "task_table": "任务分解", "delegation": "赋权下放", "work_plan": "工作要点",
           "other": "其他"}
WIDTH = 300  # no table line longer than this

_REASONS_ZH = (  # the loaders' merge reasons, said in Chinese
    (re.compile(r"(\S+) → (\S+) \(this document's (\S+)\)"), r"\1 → \2(本文件的“\3”)"),
    (re.compile(r"\s*\(loaders/aliases\.json\)"), "(简称表)"),
    (re.compile(r"(\S+) inherits (\S+) from the list"), r"\1 沿用列表中的“\2”"),
    (re.compile(r"not printed: the (\S+) counterpart of (\S+), counterpart by name \((.*)\)"),
     r"原文未写,推断:\2 在\1的对应单位(按名称对应:\3)"),
    (re.compile(r"no prefix → (\S+) \(the document's jurisdiction\)"), r"未写地名 → \1(文件所属地区)"),
    (re.compile(r"\((\S+)\) is a second name of (\S+)"), r"(\1)是\2的另一名称"),
    (re.compile(r"\(the State Grid's local company\)"), "(国家电网的地方公司)"),
)


def merge_reason_zh(reason: str) -> str:
    """A loader's merge reason in Chinese (what it does not know stays as it is).

    >>> merge_reason_zh("市 → 海城市 (this document's 市); 商务局 inherits 市 from the list")
    '市 → 海城市(本文件的“市”); 商务局 沿用列表中的“市”'
    """
    for pattern, repl in _REASONS_ZH:
        reason = pattern.sub(repl, reason)
    return reason


def _cell(c: Any) -> str:
    return str(c).replace("|", "\\|").replace("\n", " ")


def _table(headers: list[str], rows: Iterable[Iterable[Any]]) -> str:
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for r in rows:
        out.append("| " + " | ".join(_cell(c) for c in r) + " |")
    return "\n".join(out)


def map_links(outdir: str | Path | None) -> list[tuple[str, str]]:
    """(中文, path relative to the report) of the maps and views the build wrote."""
    if outdir is None:
        return []
    maps = Path(outdir) / "maps"
    links = [(zh, f"maps/{f}") for f, zh in MAP_VIEWS if (maps / f).is_file()]
    links += [(("焦点 " + p.stem[5:].lstrip("-_")).strip(), f"maps/{p.name}") for p in sorted(maps.glob("focus*.html"))]
    return links


def _failures(failures: Iterable[Any]) -> list[str]:
    out = []
    for f in failures:
        if isinstance(f, dict):
            out.append(f"{f.get('file') or f.get('path', '')}: {f.get('error') or f.get('reason', '')}")
        elif isinstance(f, (tuple, list)):
            out.append(": ".join(str(x) for x in f))
        else:
            out.append(str(f))
    return out


def summary_report(nodes: list[Node], edges: list[Edge], *, warnings: Iterable[str] = (),
                   sources: Iterable[dict[str, Any]] = (), failures: Iterable[Any] = (),
                   as_of: str | None = None, build_date: str | None = None, outdir: str | Path | None = None,
                   include_repealed: bool = False, min_shared: int = 2) -> str:
    """The build report as Markdown: summary first, then documents, findings,
    repealed documents' findings, counts, name merges and warnings.

    ``failures``: files that could not be read (``(file, reason)``, dicts or
    strings); ``as_of``: the date deadlines are judged on (default: the build
    date); ``outdir``: the build folder, to link the maps that exist there;
    ``include_repealed``: judge repealed documents together with the rest."""
    from .analysis.findings import document_keys
    from .analysis.report import anchor
    from .netx import to_networkx

    nodes, edges, warnings, failures = list(nodes), list(edges), list(warnings), _failures(failures)
    build_date = build_date or _dt.date.today().isoformat()
    as_of = as_of or build_date
    G = to_networkx(nodes, edges)
    keys = document_keys(G)
    by_id = {n.id: n for n in nodes}
    docs = sorted((by_id[d] for d in keys), key=lambda d: int(keys[d.id][1:]))
    repealed_docs = [d for d in docs if d.properties.get("status") == "repealed"]
    current, old = report_findings(G, as_of, keys, include_repealed=include_repealed, min_shared=min_shared)
    nc = Counter(n.label for n in nodes)
    files = sorted({str(d.properties.get("source_file") or "") for d in docs} - {""})

    parts = ["# govgraph 报告:谁负责什么", "", "## 摘要", ""]
    parts.append(f"- 读入:{len(files)} 个文件、{len(docs)} 份文件(现行 {len(docs) - len(repealed_docs)} 份,"
                 f"已废止 {len(repealed_docs)} 份);未能读入:" + ("无" if not failures else f"{len(failures)} 个(见下)") + "。")
    parts += [f"  - 未能读入 {f}" for f in failures]
    parts.append(f"- 生成日期:{build_date};判断期限的日期:{as_of}" + ("(生成当日)" if as_of == build_date else "") + "。")
    parts.append(f"- 图谱:{len(nodes)} 个节点、{len(edges)} 条关系;"
                 + "、".join(f"{SCHEMA.nodes[k].zh} {nc[k]}" for k in SCHEMA.nodes if nc.get(k)) + "。")
    links = map_links(outdir)
    if links:
        parts.append("- 地图与视图:" + " · ".join(f"[{zh}]({href})" for zh, href in links))
    parts += ["", "### 主要发现(按严重程度)", ""]
    if current:
        parts.append(_table(["严重程度", "发现", "数量", "合为", "涉及文件"],
                            [(f["level"], f"[{f['title']}](#{anchor(_heading(i, f))})", f["count"],
                              f"{f['groups']} 行" if f["folded"] else "",
                              "、".join(f["documents"][:8])
                              + (" 等" if len(f["documents"]) > 8 else "")) for i, f in enumerate(current, 1)]))
    else:
        parts.append("未发现问题。")
    if old:
        parts += ["", f"已废止文件({'、'.join(keys[d.id] for d in repealed_docs)})的发现另列一节:"
                  + "、".join(f"[{f['title']}](#{anchor(_heading(i, f))}) {f['count']}"
                             for i, f in enumerate(old, len(current) + 1)) + "。"]
    parts += ["", "每项发现引用“文N 第M行”,文N 见下面的文件表;原文只引与发现相关的一段。", ""]

    duty_count = Counter(n.properties.get("document") for n in nodes if n.label == "Duty")
    maps_dir = Path(outdir) / "maps" if outdir is not None else None
    parts += ["## 文件表", ""]
    rows = []
    for d in docs:
        k = keys[d.id]
        doc_map = f"maps/doc-{k[1:]}.html"
        has_map = maps_dir is not None and (maps_dir / f"doc-{k[1:]}.html").is_file()
        title = str(d.properties.get("title") or d.name)
        part = str(d.properties.get("part") or "")
        rows.append((k, d.properties.get("doc_number") or "", _cut(title + (f"({part})" if part and part not in title else ""), 80),
                     d.properties.get("date_written") or d.properties.get("date_published") or "",
                     STATUS_ZH.get(str(d.properties.get("status") or ""), d.properties.get("status") or ""),
                     KIND_ZH.get(str(d.properties.get("kind") or ""), d.properties.get("kind") or ""),
                     duty_count.get(d.id, 0), d.properties.get("source_file") or "",
                     f"[{k}]({doc_map})" if has_map else ""))
    parts += [_table(["键", "文号", "标题", "日期", "状态", "类型", "任务", "文件", "地图"], rows), ""]

    parts += _sections(current, old)

    for section in SECTIONS:
        if getattr(section, "__name__", "") == "findings_section":
            continue  # an older hook for the findings, which are built in now
        text = section(nodes, edges)
        if text:
            parts += [text, ""]

    parts += _counts_md(nodes, edges, nc)
    merged = sorted({(m.text, n.name, m.reason) for n in nodes if n.label == "Agency"
                     for m in map(_Printed, n.properties.get("merge_notes", []))})
    parts += [f"## 附录:名称归并({len(merged)})", "",
              "每个印出的名称归并为哪个规范名称,以及理由(`govgraph aliases` 同样列出)。", ""]
    if merged:
        parts.append(_table(["原文写法", "归并为", "理由"],
                            [(p, _cut(c, 40), _cut(merge_reason_zh(r), 180)) for p, c, r in merged]))
    else:
        parts.append("无。")
    parts += ["", f"## 附录:读入时的警告({len(warnings)})", ""]
    parts += [f"- {_cut(w, 280)}" for w in warnings] or ["无。"]
    parts.append("")
    return "\n".join(parts)


def report_findings(G: Any, as_of: str, keys: dict[str, str], *, include_repealed: bool = False,
                    min_shared: int = 2) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(findings about documents in force, findings of repealed documents);
    with ``include_repealed`` (or no repealed document) all in the first."""
    from .analysis.findings import findings, split_by_status

    H_now, H_old, repealed = split_by_status(G)
    if include_repealed or not repealed:
        return findings(G, as_of, keys, min_shared=min_shared), []
    return (findings(H_now, as_of, keys, min_shared=min_shared),
            findings(H_old, as_of, keys, min_shared=min_shared, repealed=True))


def findings_sections(G: Any, as_of: str, keys: dict[str, str], *, include_repealed: bool = False,
                      min_shared: int = 2) -> str:
    """The findings sections of the report (Markdown) for a NetworkX graph."""
    current, old = report_findings(G, as_of, keys, include_repealed=include_repealed, min_shared=min_shared)
    return "\n".join(_sections(current, old))


def _sections(current: list[dict[str, Any]], old: list[dict[str, Any]]) -> list[str]:
    parts = ["## 发现(现行文件)" if old else "## 发现", ""]
    parts += _findings_md(current)
    if old:
        parts += ["## 已废止文件中的发现", "",
                  "这些文件已废止,其中的职责不再有效;此处的发现只在已废止文件之间比较,不与现行文件配对。", ""]
        parts += _findings_md(old, numbered_from=len(current) + 1)
    return parts


class _Printed:
    """The printed form and reason of a merge note ("市住建局 → 海城市…: reason")."""

    def __init__(self, note: str) -> None:
        head, _, reason = str(note).partition(": ")
        self.text = head.split(" → ")[0].strip() if " → " in head else head
        self.reason = reason or note


def _cut(text: Any, width: int) -> str:
    from .analysis.findings import cut

    return cut(text, width)


def _heading(i: int, f: dict[str, Any]) -> str:
    folded = f",合为 {f['groups']} 行" if f["folded"] else ""
    return f"{i}. {f['title']}({f['count']} 项{folded},严重程度{f['level']})"


def _findings_md(found: list[dict[str, Any]], numbered_from: int = 1) -> list[str]:
    if not found:
        return ["未发现问题。", ""]
    out = []
    for i, f in enumerate(found, numbered_from):
        out += [f"### {_heading(i, f)}", "", f["what"], ""]
        if f["folded"]:
            out += [f["folded"], ""]
        out.append(_table(f["columns"], f["rows"]))
        if f["note"]:
            out += ["", f["note"]]
        out.append("")
    return out


def _counts_md(nodes: list[Node], edges: list[Edge], nc: Counter) -> list[str]:
    ec = Counter(e.type for e in edges)
    by_id = {n.id: n for n in nodes}
    officials = [n for n in nodes if n.label == "Official"]
    lead_officials = {e.source for e in edges if e.type == "LEADS" and e.source in by_id
                      and by_id[e.source].label == "Official"}
    collective = sorted(_where(n) for n in nodes if n.label == "Agency" and n.properties.get("collective"))
    out = ["## 统计", "",
           f"- 领导 {len(officials)} 人,其中 {len(lead_officials)} 人牵头任务;机构 {nc.get('Agency', 0)} 个,"
           f"其中泛指主体 {len(collective)} 个({_cut('、'.join(collective), 120)})。", "",
           _table(["节点", "kind", "数量"], [(SCHEMA.nodes[k].zh, k, nc.get(k, 0)) for k in SCHEMA.nodes]), "",
           _table(["关系", "edge", "数量"], [(SCHEMA.edges[k].zh, k, ec.get(k, 0)) for k in SCHEMA.edges]), ""]
    return out


def _where(n: Node) -> str:
    """A name with its jurisdiction when the name does not say it (各有关部门(海城市))."""
    j = str(n.properties.get("jurisdiction") or "")
    return f"{n.name}({j})" if j and j != "未知" and not n.name.startswith(j) else n.name
