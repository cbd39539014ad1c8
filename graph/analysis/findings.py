"""The build report's findings: what the analyses find, ranked by severity,
each grouped (rows quoting one line, or naming one set of bodies, folded into
one with a count), numbers sorted as numbers, repealed documents apart.

Pure functions on the NetworkX graph; the cells they return are plain text
(the report escapes them). Citations are short keys (文1 第37行) into the
report's documents table (:func:`document_keys`).
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, Iterable, Mapping, NamedTuple

import networkx as nx

from .common import duty_doc, props_of, restrict

__all__ = ["Kind", "KINDS", "SEVERITY", "number_key", "span", "cut", "document_keys", "restrict",
           "split_by_status", "findings", "CELL"]

CELL = 60  # characters of a quoted span or a name list in one table cell


class Kind(NamedTuple):
    key: str
    title: str     # 中文, the finding's heading
    severity: int  # 3 高, 2 中, 1 低
    what: str      # 中文, one sentence: what it means


SEVERITY = {3: "高", 2: "中", 1: "低"}

# Every finding the report knows, declared once: the order here breaks ties of severity and count.
KINDS: tuple[Kind, ...] = (
    Kind("overdue", "逾期任务", 3, "完成时限已过(按判断日期),文件未见完成记录。"),
    Kind("unheld_grant", "来源不明的下放职权", 3, "授出单位在所读文件中未见持有这项职权;推断的授出单位标“推断”。"),
    Kind("co_leads", "多头牵头的任务", 2, "一项任务写了两个以上牵头单位,责任可能相互推诿。"),
    Kind("same_matter", "同一事项交给不同单位", 2, "两项任务说的是同一对象(或措辞大半相同),却由不同单位承担。"),
    Kind("role_flips", "牵头与配合角色互换", 2, "甲单位在一份文件中牵头、乙配合,在另一份文件中反过来。"),
    Kind("no_lead", "无牵头单位的任务", 2, "同一文件为其他任务写了牵头单位,这些任务没有。"),
    Kind("no_lead_anywhere", "整份文件未写牵头单位", 1, "文件没有为任何任务写牵头单位(多见于工作要点),其中的任务都无牵头单位。"),
    Kind("only_collective", "只有泛指主体的任务", 2, "只写“各有关部门”一类泛指主体,没有具体单位。"),
    Kind("overlap", "共担两项以上任务的机构", 1, "两个机构同时承担(牵头或配合)两项以上任务。"),
    Kind("no_official", "缺牵头领导的任务", 1, "同一文件为其他任务写了牵头领导,这项没有。"),
    Kind("no_deadline", "缺完成时限的任务", 1, "同一文件为其他任务写了完成时限,这项没有。"),
)
_BY_KEY = {k.key: k for k in KINDS}

# -- numbers as numbers -------------------------------------------------------------------------
_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}
_PART = re.compile(r"\d+|[零〇一二两三四五六七八九十百千]+|[\u2460-\u2473]|[^\d零〇一二两三四五六七八九十百千\u2460-\u2473.．()()、\s]+")


def _cn_int(s: str) -> int:
    total = digit = 0
    for ch in s:
        if ch in _CN_DIGIT:
            digit = _CN_DIGIT[ch]
        else:
            total += (digit or 1) * _CN_UNIT[ch]
            digit = 0
    return total + digit


def number_key(number: Any) -> tuple:
    """A sort key for task numbers as printed: each part (一.(三).2 → 一, 三, 2)
    by its value, Arabic before Chinese numerals before circled ones before words.

    >>> sorted(["21", "9", "一", "三", "1", "二", "96", "5"], key=number_key)
    ['1', '5', '9', '21', '96', '一', '二', '三']
    >>> sorted(["二.(十).1", "二.(九).3", "十二", "二是"], key=number_key)
    ['二.(九).3', '二.(十).1', '二是', '十二']
    >>> sorted(["③", "2", "①"], key=number_key)     # circled numbers are digits to str.isdigit
    ['2', '①', '③']
    """
    key = []
    for p in _PART.findall(str(number or "")):
        if p.isdecimal():
            key.append((0, int(p), ""))
        elif p[0] in _CN_DIGIT or p[0] in _CN_UNIT:
            key.append((1, _cn_int(p), ""))
        elif "\u2460" <= p <= "\u2473":
            key.append((2, ord(p) - 0x245F, ""))
        else:
            key.append((3, 0, p))
    return tuple(key)


# -- short quotes ------------------------------------------------------------------------------
def cut(text: Any, width: int = CELL) -> str:
    """``text`` on one line, at most ``width`` characters (… where cut)."""
    s = " ".join(str(text or "").split())
    return s if len(s) <= width else s[:width - 1] + "…"


def span(text: Any, needles: Iterable[str] = (), width: int = CELL) -> str:
    """The part of ``text`` around the first of ``needles`` it contains, at
    most ``width`` characters, … where cut: the span, not the paragraph.

    >>> span("一二三四五六七八九十" * 3 + "住建局负责" + "甲乙丙丁" * 5, ["住建局"], 20)
    '…五六七八九十住建局负责甲乙丙丁甲乙丙…'
    """
    s = " ".join(str(text or "").split())
    if len(s) <= width:
        return s
    at = min((i for i in (s.find(n) for n in needles if n) if i >= 0), default=-1)
    if at < 0:
        return s[:width - 1] + "…"
    start = max(0, at - (width - 2) // 3)
    end = min(len(s), start + width - 2)
    start = max(0, end - (width - 2))
    return ("…" if start else "") + s[start:end] + ("…" if end < len(s) else "")


# -- documents ---------------------------------------------------------------------------------
def document_keys(G: nx.MultiDiGraph) -> dict[str, str]:
    """Loaded document ID -> short key 文1, 文2 … in file order (file, part):
    the order the maps number their document maps in."""
    docs = [(str(props_of(G, n).get("source_file") or ""), str(props_of(G, n).get("part") or ""), n)
            for n, d in G.nodes(data=True) if d.get("label") == "Document" and props_of(G, n).get("loaded")]
    return {n: f"文{i}" for i, (_, _, n) in enumerate(sorted(docs), 1)}


def split_by_status(G: nx.MultiDiGraph) -> tuple[nx.MultiDiGraph, nx.MultiDiGraph, list[str]]:
    """(what documents in force say, what repealed documents say, the repealed documents' IDs)."""
    repealed = sorted(n for n, d in G.nodes(data=True)
                      if d.get("label") == "Document" and props_of(G, n).get("status") == "repealed")
    loaded = {n for n, d in G.nodes(data=True) if d.get("label") == "Document" and props_of(G, n).get("loaded")}
    return restrict(G, set(repealed)), restrict(G, loaded - set(repealed)), repealed


# -- the findings ------------------------------------------------------------------------------
def _cite(keys: Mapping[str, str], r: Mapping[str, Any], prefix: str = "") -> str:
    doc = r.get(prefix + "doc")
    if not doc:
        return ""
    return f"{keys.get(doc) or r.get(prefix + 'document') or doc} 第{r.get(prefix + 'line')}行"


def _doc_order(keys: Mapping[str, str]):
    order = {d: int(k[1:]) for d, k in keys.items()}
    return lambda doc: (order.get(doc, 10 ** 6), doc)


def _names(names: Iterable[str], width: int = CELL) -> str:
    return cut("、".join(names), width)


def _numbers(rows: list[Mapping[str, Any]], width: int = CELL) -> str:
    """Task numbers (or names where unnumbered) in order, as one cell."""
    rows = sorted(rows, key=lambda r: (number_key(r.get("number")), r.get("line") or 0, r.get("duty", "")))
    return cut("、".join(str(r.get("number") or cut(r.get("duty"), 12)) for r in rows), width)


def _finding(key: str, columns: list[str], rows: list[list[Any]], count: int, docs: Iterable[str],
             keys: Mapping[str, str], note: str = "", folded: str = "") -> dict[str, Any]:
    k = _BY_KEY[key]
    order = _doc_order(keys)
    return {"key": key, "title": k.title, "severity": k.severity, "level": SEVERITY[k.severity], "what": k.what,
            "count": count, "groups": len(rows) if folded else count, "columns": columns, "rows": rows, "note": note,
            "folded": folded if len(rows) < count else "",
            "documents": [keys.get(d, d) for d in sorted(set(docs) - {""}, key=order)]}


def _by_doc_groups(key: str, rows: list[dict[str, Any]], keys: Mapping[str, str]) -> dict[str, Any]:
    """Duty gaps folded by document: how many, their numbers in order, an example."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        groups[r["doc"]].append(r)
    out = []
    for doc in sorted(groups, key=_doc_order(keys)):
        rs = groups[doc]
        first = min(rs, key=lambda r: (number_key(r.get("number")), r.get("line") or 0))
        out.append([keys.get(doc, first["document"]), len(rs), _numbers(rs), cut(first["duty"], 24),
                    _cite(keys, first), span(first["text"], [first["duty"][:6]], 40)])
    return _finding(key, ["文件", "项数", "编号", "例", "出处", "原文"], out, len(rows), groups, keys,
                    folded="每份文件一行:项数、编号(按序),以第一项为例。")


def findings(G: nx.MultiDiGraph, as_of: str | None, keys: Mapping[str, str], *, min_shared: int = 2,
             repealed: bool = False, limit: int = 40) -> list[dict[str, Any]]:
    """The findings of ``G``, most severe first (then by count), each with
    ``columns`` and folded ``rows`` of short cells, ``count`` (items before
    folding), ``groups`` (rows) and the ``documents`` (keys) they come from.
    ``repealed``: ``G`` holds what repealed documents say (no deadlines are
    judged then). At most ``limit`` rows a finding (``note`` says how many more)."""
    from . import co_leads, duty_gaps, overlap_matrix, role_flips, same_matter, unheld_grants

    out: list[dict[str, Any]] = []
    gaps = duty_gaps(G, None if repealed else as_of)
    if repealed:
        gaps = [r for r in gaps if r["gap"] != "overdue"]
    by_gap: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in gaps:
        by_gap[r["gap"]].append(r)
    order = _doc_order(keys)

    if by_gap.get("overdue"):
        rows = sorted(by_gap["overdue"], key=lambda r: (order(r["doc"]), number_key(r["number"]), r["line"] or 0))
        out.append(_finding("overdue", ["文件", "编号", "任务", "时限", "责任", "出处", "原文"],
                            [[keys.get(r["doc"], r["document"]), r["number"], cut(r["duty"], 24), r["deadline"],
                              _names(r["assignees"].split("、"), 30), _cite(keys, r),
                              span(r["text"], [r["duty"][:6]], 40)] for r in rows],
                            len(rows), [r["doc"] for r in rows], keys))

    ug = unheld_grants(G, None if repealed else as_of)
    if ug:
        groups: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
        for r in ug:
            groups[(r["doc"], r["line"], r["power"], r["inferred"], re.sub(r"\s*\(.*$", "", r["method"]))].append(r)
        rows = []
        for (doc, line, power, inferred, method), rs in sorted(groups.items(), key=lambda x: (order(x[0][0]), x[0][1:])):
            pairs = [f"{r['granter']} → {r['receiver']}" for r in sorted(rs, key=lambda r: (r["granter"], r["receiver"]))]
            rows.append([power or "(未写明)", cut("; ".join(pairs[:2]) + (f" 等 {len(pairs)} 对" if len(pairs) > 2 else ""), 70),
                         len(rs), ("推断:" + _method_zh(rs[0]["method"])) if inferred else "文件写明",
                         _cite(keys, rs[0]), span(rs[0]["text"], [rs[0]["receiver"][-4:]], 40)])
        out.append(_finding("unheld_grant", ["职权", "授出 → 承接", "对数", "依据", "出处", "原文"], rows,
                            len(ug), [r["doc"] for r in ug], keys, folded="出自同一行原文的同一职权合为一行,“对数”为合并的数目。"))

    cl = co_leads(G)
    if cl:
        groups2: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for r in cl:
            groups2[(r["doc"], r["leads"])].append(r)
        rows = []
        for (doc, leads), rs in sorted(groups2.items(), key=lambda x: (order(x[0][0]), min(number_key(r["number"]) for r in x[1]), x[0][1])):
            first = min(rs, key=lambda r: (number_key(r["number"]), r["line"] or 0))
            rows.append([keys.get(doc, first["document"]), _names(leads.split("、"), 50), len(rs), _numbers(rs, 40),
                         cut(first["duty"], 24), _cite(keys, first), span(first["text"], [first["duty"][:6]], 40)])
        out.append(_finding("co_leads", ["文件", "牵头单位", "项数", "编号", "例", "出处", "原文"], rows,
                            len(cl), [d for d, _ in groups2], keys,
                            folded="同一文件中牵头单位相同的任务合为一行,“项数”为合并的数目。"))

    sm = same_matter(G, specific=True)
    if sm:
        seen: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
        for r in sm:
            seen[(r["terms"] or r["projects"] or f"措辞 {r['similarity']}% 相同", r["holders_a"], r["holders_b"])].append(r)
        rows = []
        for (basis, ha, hb), rs in seen.items():
            r = rs[0]
            why = (f"都提到“{r['terms']}”" if r["terms"] else f"同涉项目 {r['projects']}" if r["projects"]
                   else f"措辞 {r['similarity']}% 相同")
            rows.append(((order(r["a_doc"]), r["a_line"] or 0, order(r["b_doc"]), r["b_line"] or 0), [
                cut(why, 30), _names(ha.split("、"), 30), _cite(keys, r, "a_"),
                span(r["a_text"], (r["terms"] or r["duty_a"][:6]).split("、"), 40),
                _names(hb.split("、"), 30), _cite(keys, r, "b_"),
                span(r["b_text"], (r["terms"] or r["duty_b"][:6]).split("、"), 40), len(rs)]))
        rows = [row for _, row in sorted(rows)]
        out.append(_finding("same_matter", ["依据", "甲方", "甲出处", "甲原文", "乙方", "乙出处", "乙原文", "处数"], rows,
                            len(sm), [r["a_doc"] for r in sm] + [r["b_doc"] for r in sm], keys,
                            folded="依据和双方都相同的配对合为一行(引第一处),“处数”为合并的数目。"))

    rf = role_flips(G)
    if rf:
        rows = [[r["agency_a"], r["agency_b"], cut(r["a_leads"], 24), _cite(keys, r, "x_"), cut(r["b_leads"], 24),
                 _cite(keys, r, "y_")] for r in rf]
        out.append(_finding("role_flips", ["甲", "乙", "甲牵头、乙配合", "出处", "乙牵头、甲配合", "出处"], rows[:limit],
                            len(rf), [r["x_doc"] for r in rf] + [r["y_doc"] for r in rf], keys,
                            note=_more(len(rows), limit, "govgraph overlaps")))

    with_leads = {duty_doc(G, n) for n, d in G.nodes(data=True) if d.get("label") == "Duty"
                  and any(e.get("type") == "LEADS" and G.nodes[s].get("label") in ("Agency", "Group")
                          for s, _, e in G.in_edges(n, data=True))}
    no_lead = by_gap.pop("no_lead", [])
    by_gap["no_lead"] = [r for r in no_lead if r["doc"] in with_leads]
    by_gap["no_lead_anywhere"] = [r for r in no_lead if r["doc"] not in with_leads]
    for gap in ("no_lead", "no_lead_anywhere"):
        if by_gap[gap]:
            out.append(_by_doc_groups(gap, by_gap[gap], keys))
    if by_gap.get("only_collective"):
        out.append(_collective(by_gap["only_collective"], keys))

    om = [r for r in overlap_matrix(G, min_shared) if r["shared"] >= min_shared]
    if om:
        rows = [[r["agency_a"], r["agency_b"], r["shared"], r["both_lead"], r["documents"], cut(r["example"], 24),
                 _cite(keys, r)] for r in om]
        out.append(_finding("overlap", ["机构甲", "机构乙", "共担", "均牵头", "文件数", "例", "出处"], rows[:limit],
                            len(om), [r["doc"] for r in om], keys,
                            note=_more(len(rows), limit, "govgraph overlaps --min-shared 2")))

    for gap in ("no_official", "no_deadline"):
        if by_gap.get(gap):
            out.append(_by_doc_groups(gap, by_gap[gap], keys))

    rank = {k.key: i for i, k in enumerate(KINDS)}
    return sorted(out, key=lambda f: (-f["severity"], -f["count"], rank[f["key"]]))


def _collective(rows: list[dict[str, Any]], keys: Mapping[str, str]) -> dict[str, Any]:
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        groups[(r["doc"], r["assignees"])].append(r)
    order = _doc_order(keys)
    out = []
    for (doc, who), rs in sorted(groups.items(), key=lambda x: (order(x[0][0]), x[0][1])):
        first = min(rs, key=lambda r: (number_key(r["number"]), r["line"] or 0))
        out.append([keys.get(doc, first["document"]), _names(who.split("、"), 40), len(rs), _numbers(rs, 40),
                    cut(first["duty"], 24), _cite(keys, first)])
    return _finding("only_collective", ["文件", "承担", "项数", "编号", "例", "出处"], out, len(rows),
                    [d for d, _ in groups], keys, folded="同一文件中承担者相同的任务合为一行,“项数”为合并的数目。")


_METHODS_ZH = (("counterpart by name ", "按名称对应"), ("counterpart by name", "按名称对应"),
               ("the document's issuer grants", "发文机关授出"))


def _method_zh(method: str) -> str:
    """How an inferred grant was inferred, in Chinese."""
    for en, zh in _METHODS_ZH:
        method = method.replace(en, zh)
    return cut(method, 30) or "按名称对应"


def _more(n: int, limit: int, command: str) -> str:
    return f"另有 {n - limit} 项未列出,`{command}` 全部列出。" if n > limit else ""
