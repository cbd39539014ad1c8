"""Where responsibilities overlap: tasks led by several bodies, one matter
given to different bodies in different documents, lead/assist roles that
flip between documents, and the agency × agency overlap matrix."""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from itertools import combinations
from typing import Any

import networkx as nx

from .common import assignees, cite, doc_table, duty_doc, label_of, name_of, nodes_of, props_of, sort_rows

__all__ = ["co_leads", "same_matter", "role_flips", "overlap_matrix", "matter_terms", "specific_term", "OBJECT_SUFFIXES"]

# Things a duty is about: facilities and works (污水处理厂, 西防波堤, 30万吨码头) name a
# matter on their own; generic words (平台, 系统, 清单 …) only as part of a longer name.
STRONG_SUFFIXES = ("污水处理厂", "处理厂", "厂", "站", "码头", "防波堤", "大桥", "桥", "港", "工程", "水库", "管网",
                   "医院", "学校", "公园", "园区", "场馆", "广场", "大道", "路")
WEAK_SUFFIXES = ("项目", "中心", "平台", "系统", "基地", "市场", "热线", "大厅", "网站", "公报", "清单", "目录",
                 "许可证", "许可", "处罚权", "规划")
OBJECT_SUFFIXES = STRONG_SUFFIXES + WEAK_SUFFIXES
WEAK_MIN = 7
_CJK = re.compile(r"[\u4e00-\u9fff0-9万]+")
_STOP = {"重点项目", "建设项目", "有关工程", "相关工程", "重点工程", "民生工程", "系统工程", "基础设施建设工程"}
MIN_TERM = 4
# What a specific object name may not be made of alone: a verb run into it (负责…), a place,
# and words that qualify any facility (城市污水处理厂, 重点建设工程 name no one object).
_LEAD_IN = re.compile(r"^(?:负责|责|承担|组织|推进|加快|加强|完善|实施|开展|做好|抓好|统筹|启动|新建|改扩建|扩建|建设)+")
_PLACE = re.compile(r"^.*?(?:新区|开发区|自治州|自治县|省|市|县|区|镇|乡|街道)")
# A catch-all every body is given ("承担…交办的其他工作") is no one matter however alike it reads.
CATCH_ALL = re.compile(r"交办的其他|其他(?:相关)?(?:工作|事项|任务)[。.]?$")
GENERIC_QUALIFIERS = ("建设", "重点", "城市", "城区", "农村", "城乡", "市政", "相关", "有关", "各类", "各项", "新建",
                      "改扩建", "扩建", "基础设施", "公共", "重大", "大型", "全市", "全区", "全县", "本级", "一批",
                      "公路", "道路", "及", "和", "与", "等", "的", "内", "工程")


@lru_cache(maxsize=65536)  # copies of one text recur in many documents
def matter_terms(text: str) -> frozenset[str]:
    """Names of objects in a text: runs of 4–10 characters ending in a
    facility suffix (…污水处理厂, …码头), or of 7–10 ending in a generic one
    (…政务服务平台 is not enough; …公共资源交易平台 is)."""
    out: set[str] = set()
    for run in _CJK.findall(text or ""):
        for suffix in OBJECT_SUFFIXES:
            shortest = MIN_TERM if suffix in STRONG_SUFFIXES else WEAK_MIN
            start = 0
            while True:
                i = run.find(suffix, start)
                if i < 0:
                    break
                end = i + len(suffix)
                for length in range(shortest, 11):
                    if end - length < 0:
                        break
                    term = run[end - length:end]
                    if term not in _STOP:
                        out.add(term)
                start = i + 1
    return frozenset(out)


def specific_term(term: str) -> str:
    """``term`` without a verb run into it (负责…), or "" when what is left
    names no one object: a facility word alone (污水处理厂, 建设工程), or one
    qualified only by a place or generic words (城市污水处理厂, 辽东湾新区道路).

    >>> specific_term("城东污水处理厂"), specific_term("城市污水处理厂"), specific_term("负责辽东湾新区道路")
    ('城东污水处理厂', '', '')
    """
    term = _LEAD_IN.sub("", term)
    suffix = next((s for s in sorted(OBJECT_SUFFIXES, key=len, reverse=True) if term.endswith(s)), "")
    qualifier = _PLACE.sub("", term[:len(term) - len(suffix)]) if suffix else term
    for word in sorted(GENERIC_QUALIFIERS, key=len, reverse=True):
        qualifier = qualifier.replace(word, "")
    return term if len(qualifier) >= 2 and len(term) >= MIN_TERM else ""


@lru_cache(maxsize=65536)
def _grams(text: str, n: int = 4) -> frozenset[str]:
    s = "".join(_CJK.findall(text or ""))
    return frozenset(s[i:i + n] for i in range(len(s) - n + 1))


def _holders(G: nx.MultiDiGraph, duty: str) -> list[str]:
    """Who holds a duty: its lead bodies, else the bodies assisting."""
    leads = [w for w, _, _ in assignees(G, duty, "LEADS", labels=("Agency", "Group"))]
    return leads or [w for w, _, _ in assignees(G, duty, "ASSISTS", labels=("Agency", "Group"))]


def _mention_ev(G: nx.MultiDiGraph, n: str) -> list[dict[str, Any]]:
    return [{"doc": m["doc"], "line": m["line"], "text": m["text"]} for m in G.nodes[n].get("mentions") or []]


def co_leads(G: nx.MultiDiGraph, min_leads: int = 2) -> list[dict[str, Any]]:
    """Tasks with two or more lead bodies (agencies or groups)."""
    docs = doc_table(G)
    rows = []
    for d in nodes_of(G, "Duty"):
        leads = assignees(G, d, "LEADS", labels=("Agency", "Group"))
        if len(leads) < int(min_leads):
            continue
        ev = min((e for _, _, data in leads for e in data.get("evidence") or []),
                 key=lambda e: (e["doc"], e["line"], e["text"]), default=None)
        rows.append({"duty": name_of(G, d), "number": props_of(G, d).get("number") or "",
                     "leads": "、".join(name_of(G, w) for w, _, _ in leads), "n_leads": len(leads),
                     **cite([ev] if ev else _mention_ev(G, d), docs)})
    return sort_rows(rows, ["document", "number", "duty"])


def same_matter(G: nx.MultiDiGraph, min_similarity: float = 0.5, min_term: int = MIN_TERM,
                within: bool = True, specific: bool = False) -> list[dict[str, Any]]:
    """One matter held by different bodies, in different documents or (with
    ``within``) in one document, as when a duty division gives 污水处理厂 to
    both 市环境保护局 and 辽东湾新区管委会.

    Two tasks match when they concern the same project, name the same object
    (the longest shared object term of ``min_term``+ characters, e.g.
    污水处理厂), or share at least ``min_similarity`` of their 4-character
    wording (Jaccard). Their holders (lead bodies, else assisting bodies) must
    be disjoint. ``why`` says which; ``terms``, ``similarity`` (percent, 0
    when not the reason) and ``projects`` say it as data.

    With ``specific`` (the build report's setting) an object name counts only
    when it names one object (:func:`specific_term`: not 污水处理厂 or
    城市污水处理厂 alone); tasks of two documents pair only when both documents
    are of one jurisdiction (or concern one project), and a repealed document
    is never paired with one in force."""
    docs = doc_table(G)
    duties = [d for d in nodes_of(G, "Duty") if not props_of(G, d).get("general")]
    doc_of = {d: duty_doc(G, d) for d in duties}
    holders = {d: set(_holders(G, d)) for d in duties}
    duties = [d for d in duties if holders[d]]
    text = {d: str(props_of(G, d).get("text") or name_of(G, d)) for d in duties}
    reasons: dict[tuple[str, str], list[str]] = defaultdict(list)
    basis: dict[tuple[str, str], dict[str, Any]] = defaultdict(lambda: {"terms": "", "similarity": 0, "projects": ""})
    doc_props = {n: props_of(G, n) for n in set(doc_of.values()) if n in G}

    projects: dict[str, set[str]] = defaultdict(set)
    for d in duties:
        for _, t, data in G.out_edges(d, data=True):
            if data.get("type") == "CONCERNS" and label_of(G, t) == "Project":
                projects[t].add(d)
    for p, ds in sorted(projects.items()):
        for a, b in combinations(sorted(ds), 2):
            reasons[(a, b)].append(f"both concern project {name_of(G, p)}")
            basis[(a, b)]["projects"] = "、".join(filter(None, [basis[(a, b)]["projects"], name_of(G, p)]))

    terms = {d: {t for t in matter_terms(text[d]) if len(t) >= int(min_term)} for d in duties}
    if specific:
        terms = {d: {s for s in map(specific_term, ts) if len(s) >= int(min_term)} for d, ts in terms.items()}
    by_term: dict[str, set[str]] = defaultdict(set)
    for d, ts in terms.items():
        for t in ts:
            by_term[t].add(d)
    pair_terms: dict[tuple[str, str], set[str]] = defaultdict(set)
    for t, ds in by_term.items():
        if 2 <= len(ds) <= 30:
            for a, b in combinations(sorted(ds), 2):
                pair_terms[(a, b)].add(t)
    for pair, ts in pair_terms.items():
        if specific and doc_of[pair[0]] != doc_of[pair[1]] and (
                not _place(doc_props.get(doc_of[pair[0]])) or _place(doc_props.get(doc_of[pair[0]]))
                != _place(doc_props.get(doc_of[pair[1]]))):
            continue  # one facility word in two places' documents is no one matter
        longest = sorted(ts, key=lambda t: (-len(t), t))
        keep = [t for t in longest if not any(t != u and t in u for u in longest)]
        named = sorted(keep, key=lambda t: (-len(t), t))[:3]
        reasons[pair].append("both name " + "、".join(named))
        basis[pair]["terms"] = "、".join(named)

    grams = {d: set() if specific and CATCH_ALL.search(text[d]) else _grams(text[d]) for d in duties}
    by_gram: dict[str, set[str]] = defaultdict(set)
    for d, gs in grams.items():
        for g in gs:
            by_gram[g].add(d)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for g, ds in by_gram.items():
        if len(ds) <= 40:
            for a, b in combinations(sorted(ds), 2):
                shared[(a, b)] += 1
    for (a, b), k in shared.items():
        union = len(grams[a] | grams[b])
        sim = k / union if union else 0.0
        if sim >= float(min_similarity):
            reasons[(a, b)].append(f"{round(sim * 100)}% of the wording alike")
            basis[(a, b)]["similarity"] = round(sim * 100)

    rows = []
    for (a, b), why in sorted(reasons.items()):
        if (doc_of[a] == doc_of[b] and not within) or holders[a] & holders[b]:
            continue
        bs = dict(basis[(a, b)])
        if specific and _repealed(doc_props.get(doc_of[a])) != _repealed(doc_props.get(doc_of[b])):
            continue
        if specific and not bs["projects"] and doc_of[a] != doc_of[b] and (
                not _place(doc_props.get(doc_of[a])) or _place(doc_props.get(doc_of[a])) != _place(doc_props.get(doc_of[b]))):
            continue  # alike wording in two places' documents (地区生产总值增长6%) is no one matter
        ca, cb = cite(_mention_ev(G, a), docs), cite(_mention_ev(G, b), docs)
        if (doc_of[a], ca["line"] or 0) > (doc_of[b], cb["line"] or 0):  # by document, then line
            a, b, ca, cb = b, a, cb, ca
        ca, cb = {"a_" + k: v for k, v in ca.items()}, {"b_" + k: v for k, v in cb.items()}
        rows.append({"why": "; ".join(why),
                     "where": "same document" if doc_of[a] == doc_of[b] else "different documents",
                     "duty_a": name_of(G, a), "holders_a": "、".join(sorted(name_of(G, w) for w in holders[a])),
                     "duty_b": name_of(G, b), "holders_b": "、".join(sorted(name_of(G, w) for w in holders[b])),
                     **bs, **ca, **cb})
    return sort_rows(rows, ["a_document", "a_line", "b_document", "b_line"])


def _place(props: Any) -> str:
    return str((props or {}).get("jurisdiction") or "")


def _repealed(props: Any) -> bool:
    return (props or {}).get("status") == "repealed"


def _roles(G: nx.MultiDiGraph) -> dict[str, dict[str, dict[str, Any]]]:
    """duty -> agency -> {role, evidence} (LEADS wins over ASSISTS)."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for d in nodes_of(G, "Duty"):
        roles: dict[str, dict[str, Any]] = {}
        for w, role, data in assignees(G, d, labels=("Agency", "Group")):
            if w not in roles or role == "LEADS":
                roles[w] = {"role": role, "evidence": data.get("evidence") or []}
        out[d] = roles
    return out


def role_flips(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Pairs of bodies whose lead/assist roles flip between documents: in
    document X, A leads a task that B assists; in document Y, B leads a task
    that A assists. One row per (A, B, X, Y), citing the first such task of each."""
    docs = doc_table(G)
    roles = _roles(G)
    seen: dict[tuple[str, str, str], tuple[str, dict[str, Any]]] = {}
    for d in sorted(roles):
        doc = duty_doc(G, d)
        for a, ra in roles[d].items():
            for b, rb in roles[d].items():
                if a != b and ra["role"] == "LEADS" and rb["role"] == "ASSISTS":
                    key = (a, b, doc)
                    if key not in seen:
                        seen[key] = (d, ra)
    by_pair: dict[tuple[str, str], list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
    for (a, b, x), (dx, evx) in seen.items():
        by_pair[(a, b)].append((x, dx, evx))
    cited: dict[tuple[int, str], dict[str, Any]] = {}  # one cited task pairs with many: cite it once

    def cite_once(ev: dict[str, Any], prefix: str) -> dict[str, Any]:
        key = (id(ev), prefix)
        if key not in cited:
            cited[key] = cite(ev["evidence"], docs, prefix)
        return cited[key]

    rows = []
    for (a, b), xs in by_pair.items():
        if a > b:
            continue
        ys = by_pair.get((b, a), [])
        if not ys:
            continue
        na, nb = name_of(G, a), name_of(G, b)
        for x, dx, evx in xs:
            cx, lx = cite_once(evx, "x_"), name_of(G, dx)
            for y, dy, evy in ys:
                if y == x:
                    continue
                rows.append({"agency_a": na, "agency_b": nb, "a_leads": lx, "b_leads": name_of(G, dy),
                             **cx, **cite_once(evy, "y_")})
    return sort_rows(rows, ["agency_a", "agency_b", "x_document", "y_document"])


def overlap_matrix(G: nx.MultiDiGraph, min_shared: int = 1, include_collective: bool = False) -> list[dict[str, Any]]:
    """Agency × agency: how many tasks both are given (as lead or assist), how
    many both lead, in how many documents, citing the first shared task.
    Collective actors are left out unless ``include_collective``."""
    docs = doc_table(G)
    pairs: dict[tuple[str, str], list[str]] = defaultdict(list)
    both_lead: dict[tuple[str, str], int] = defaultdict(int)
    roles = _roles(G)
    for d, rs in sorted(roles.items()):
        bodies = sorted(w for w in rs if label_of(G, w) == "Agency"
                        and (include_collective or not props_of(G, w).get("collective")))
        for a, b in combinations(bodies, 2):
            if name_of(G, a) > name_of(G, b):
                a, b = b, a
            pairs[(a, b)].append(d)
            if rs[a]["role"] == rs[b]["role"] == "LEADS":
                both_lead[(a, b)] += 1
    rows = []
    for (a, b), ds in pairs.items():
        if len(ds) < int(min_shared):
            continue
        first = min(ds, key=lambda d: (duty_doc(G, d), min((m["line"] for m in G.nodes[d].get("mentions") or []), default=0), d))
        rows.append({"agency_a": name_of(G, a), "agency_b": name_of(G, b), "shared": len(ds),
                     "both_lead": both_lead.get((a, b), 0), "documents": len({duty_doc(G, d) for d in ds}),
                     "example": name_of(G, first), **cite(_mention_ev(G, first), docs)})
    return sort_rows(rows, ["-shared", "agency_a", "agency_b"])
