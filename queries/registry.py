"""Named queries: the questions users come for, answered the same way from
any store.

Each :class:`Query` has a NetworkX implementation (:mod:`graph.analysis`, on
the graph the store holds) and a Cypher text (``queries/<name>.cypher``) for
the Neo4j store. :func:`run_query` uses the Cypher when the store is a
:class:`~graph.stores.neo4j.Neo4jStore` and NetworkX otherwise; both return
the same normalised rows (flat dicts, sorted deterministically), which
``tests/test_queries_differential.py`` checks.

Cypher returns the pattern's answer with the raw evidence (``evidence_json``);
the small ``finish`` step in Python turns evidence into citation columns
(first evidence by document, line; 文号 or title of its document), exactly as
the NetworkX side does. Where a question is not expressible identically in
Cypher (wording-based matching, betweenness, communities, diffs), the Cypher
side fetches the subgraph (``subgraph.cypher``) and calls the same NetworkX
function; the description says so.
"""
from __future__ import annotations

import datetime as _dt
import gc
import hashlib
import json
import logging
import weakref
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

import networkx as nx

from graph import analysis as A
from graph.analysis.common import cite, doc_label, doc_date, sort_rows
from graph.analysis.gaps import GAP_KINDS
from graph.analysis.names import name_index, resolve
from graph.errors import QueryError

__all__ = ["Param", "Query", "QUERIES", "run_query", "get", "cypher_text", "is_neo4j", "runs_cypher", "graph_for"]

HERE = Path(__file__).resolve().parent
SCHEMA_LABELS = ("Agency", "Official", "Group", "Duty", "Project", "Power", "Document", "Jurisdiction")


@dataclass(frozen=True)
class Param:
    name: str
    type: str = "str"  # str, int, float, bool, date, name, kinds
    default: Any = None
    help: str = ""
    labels: tuple[str, ...] = ()  # for type "name": the kinds it may name
    required: bool = False

    def convert(self, value: Any) -> Any:
        if value is None:
            return None
        try:
            if self.type == "int":
                return int(value)
            if self.type == "float":
                return float(value)
            if self.type == "bool":
                if isinstance(value, bool):
                    return value
                v = str(value).strip().lower()
                if v in ("1", "true", "yes", "y", "on"):
                    return True
                if v in ("0", "false", "no", "n", "off"):
                    return False
                raise ValueError(value)
            if self.type == "date":
                return A.timeline._check_date(str(value))
            if self.type == "kinds":
                kinds = [k.strip() for k in (value if isinstance(value, (list, tuple)) else str(value).split(",")) if k.strip()]
                bad = [k for k in kinds if k not in GAP_KINDS]
                if bad:
                    raise QueryError(f"unknown gap kind {bad[0]!r}", hint="kinds: " + ", ".join(GAP_KINDS))
                return kinds
        except (TypeError, ValueError):
            raise QueryError(f"parameter {self.name}: {value!r} is not a {self.type}") from None
        return str(value)


@dataclass(frozen=True)
class Query:
    name: str
    description: str
    params: tuple[Param, ...]
    networkx: Callable[..., list[dict[str, Any]]]  # (G, **params) with names already node IDs
    cypher: str  # file name in queries/
    finish: Callable[[list[dict[str, Any]], "Context", dict[str, Any]], list[dict[str, Any]]] | None = None
    sort: tuple[str, ...] = ()
    as_of: bool = True  # accepts as_of (the graph is cut to that date first)
    cypher_as_of: bool = True  # the Cypher text handles $as_of itself
    via_subgraph: bool = False  # the Cypher side fetches the subgraph and runs the NetworkX function
    takes_as_of: bool = False  # the NetworkX function takes as_of itself (the graph is not cut first)
    prepare: Callable[[dict[str, Any], dict[str, Any]], None] | None = None  # (cypher params, bound) before the Cypher runs

    def bind(self, given: dict[str, Any]) -> dict[str, Any]:
        known = {p.name: p for p in self.params}
        if self.as_of and "as_of" not in known:
            known["as_of"] = Param("as_of", "date", None, "cut the graph to this date")
        unknown = sorted(set(given) - set(known))
        if unknown:
            raise QueryError(f"query {self.name} has no parameter {unknown[0]!r}",
                             hint="parameters: " + (", ".join(known) or "none"))
        out = {}
        for name, p in known.items():
            value = given.get(name)
            if value is None or value == "":
                if p.required:
                    raise QueryError(f"query {self.name} needs --param {name}=…", hint=p.help or None)
                value = p.default
            out[name] = p.convert(value)
        return out

    @property
    def cypher_path(self) -> Path:
        return HERE / self.cypher


def cypher_text(name: str) -> str:
    return get(name).cypher_path.read_text(encoding="utf-8")


# -- context: documents and names, from either store -------------------------------------
@dataclass
class Context:
    docs: dict[str, dict[str, Any]] = field(default_factory=dict)


def _docs_from_props(rows: list[tuple[str, dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    out = {}
    for nid, p in rows:
        out[nid] = {"label": doc_label(p, nid), "doc_number": p.get("doc_number") or "",
                    "title": p.get("title") or p.get("name") or nid, "date": doc_date(p),
                    "status": p.get("status") or ""}
    return out


# -- finishing Cypher rows ----------------------------------------------------------------
def _ev(value: Any) -> list[dict[str, Any]]:
    if value is None:
        return []
    if isinstance(value, str):
        return json.loads(value) if value else []
    return list(value)


def _finish_co_leads(recs, ctx, params):
    rows = []
    for r in recs:
        leads = sorted(r["leads"], key=lambda x: x["name"])
        evs = [e for x in leads for e in _ev(x["evidence"])]
        ev = min(evs, key=lambda e: (e["doc"], e["line"], e["text"]), default=None)
        rows.append({"duty": r["duty"], "number": r["number"] or "", "leads": "、".join(x["name"] for x in leads),
                     "n_leads": len(leads), **cite([ev] if ev else _ev(r["mentions"]), ctx.docs)})
    return rows


def _finish_overlap(recs, ctx, params):
    rows = []
    for r in recs:
        a, b = r["a"], r["b"]
        if a > b:
            a, b = b, a

        def first_key(d):
            lines = [m["line"] for m in _ev(d["mentions"])]
            return (d["document"] or "", min(lines, default=0), d["id"])

        first = min(r["duties"], key=first_key)
        rows.append({"agency_a": a, "agency_b": b, "shared": r["shared"], "both_lead": r["both_lead"],
                     "documents": r["documents"], "example": first["name"],
                     **cite(_ev(first["mentions"]), ctx.docs)})
    return rows


def _finish_role_flips(recs, ctx, params):
    return [{"agency_a": r["a"], "agency_b": r["b"], "a_leads": r["a_leads"], "b_leads": r["b_leads"],
             **cite(_ev(r["x_evidence"]), ctx.docs, "x_"), **cite(_ev(r["y_evidence"]), ctx.docs, "y_")}
            for r in recs]


def _finish_duty_gaps(recs, ctx, params):
    date = params.get("as_of") or params["_today"]
    from graph.analysis.gaps import _WHAT

    rows = []
    for r in recs:
        rows.append({"gap": r["gap"], "what": _WHAT[r["gap"]].format(deadline_date=r["deadline_date"], as_of=date),
                     "duty": r["duty"], "number": r["number"] or "", "deadline": r["deadline"] or "",
                     "deadline_date": r["deadline_date"] or "",
                     "assignees": "、".join(sorted(r["bodies"]) + sorted(r["officials"])),
                     **cite(_ev(r["mentions"]), ctx.docs)})
    return rows


def _finish_unheld(recs, ctx, params):
    return [{"gap": "unheld_grant", "granter": r["granter"], "receiver": r["receiver"], "power": r["power"] or "",
             "inferred": bool(r["inferred"]), "method": r["method"] or "",
             "what": f"{r['granter']} passes on {r['power'] or 'a power'} but is not shown holding it",
             **cite(_ev(r["evidence"]), ctx.docs)} for r in recs]


def _finish_chain(recs, ctx, params):
    rows = []
    for r in recs:
        c = cite(_ev(r["evidence"]), ctx.docs)
        info = ctx.docs.get(c["doc"], {})
        holds = bool(r["granter_holds"])
        rows.append({"direction": r["direction"], "hop": r["hop"], "granter": r["granter"], "receiver": r["receiver"],
                     "power": r["power"] or "", "stated": "inferred" if r["inferred"] else "stated",
                     "method": r["method"] or "", "doc_number": info.get("doc_number", ""),
                     "date": info.get("date", ""), "granter_holds": holds,
                     "flag": "" if holds else "granting body not shown holding this power", **c})
    return rows


def _finish_workload(recs, ctx, params):
    rows = []
    for r in recs:
        row = {"name": r["name"], "kind": r["kind"], "jurisdiction": r["jurisdiction"] or "",
               "led": r["led"], "assisted": r["assisted"], "total": r["total"]}
        if params["by"] == "document":
            row["document"] = ctx.docs.get(r["group"], {}).get("label", r["group"])
        elif params["by"] == "year":
            row["year"] = r["group"]
        rows.append(row)
    return rows


def _finish_top_officials(recs, ctx, params):
    rows = [{"official": r["official"], "titles": "、".join(r["titles"] or []),
             "document": ctx.docs.get(r["document"], {}).get("label", r["document"]), "led": r["led"],
             "tasks_in_document": r["tasks_in_document"],
             "share": round(r["led"] / r["tasks_in_document"], 4) if r["tasks_in_document"] else 0.0} for r in recs]
    rows = sort_rows(rows, ["-led", "-share", "official", "document"])
    return rows[: params["limit"]] if params["limit"] else rows


def _finish_path(recs, ctx, params):
    if not recs:
        raise QueryError(f"{params['_names'][0]} and {params['_names'][1]} are not connected within "
                         f"{params['max_depth']} steps")
    rows = []
    for r in sorted(recs, key=lambda r: r["step"]):
        rows.append({"step": r["step"], "name": r["name"], "kind": r["kind"], "edge": r["edge"] or "",
                     "direction": r["direction"] or "", **cite(_ev(r["evidence"]), ctx.docs)})
    return rows


def _index_term(text: str) -> str:
    """The longest run of two or more Chinese characters in ``text`` ('' if none):
    a phrase the CJK full-text index finds in every name that contains ``text``.

    >>> _index_term('镇(街道)'), _index_term('30万吨码头'), _index_term('局'), _index_term('a"b')
    ('街道', '万吨码头', '', '')
    """
    import re

    runs = re.findall(r"[\u3400-\u9fff\uf900-\ufaff]{2,}", text)
    return max(runs, key=len) if runs else ""


def _finish_search(recs, ctx, params):
    from graph.analysis.names import rank_found

    return rank_found([{"kind": r["kind"], "name": r["name"], "jurisdiction": r["jurisdiction"], "id": r["id"]}
                       for r in recs], params["limit"])


def _finish_neighbours(recs, ctx, params):
    dist = {r["id"]: r["distance"] for r in recs}
    dist[params["name"]] = 0
    rows = []
    for r in recs:
        links = [x for x in r["links"] if x.get("q") is not None and dist.get(x["q"]) == r["distance"] - 1]
        best = min(links, key=lambda x: (x["q"], x["edge"]))
        rows.append({"distance": r["distance"], "name": r["name"], "kind": r["kind"], "id": r["id"],
                     "via": best["q_name"], "edge": best["type"], "direction": "→" if best["forward"] else "←",
                     **cite(_ev(best["evidence"]), ctx.docs)})
    return rows


def _finish_plain(recs, ctx, params):
    return [dict(r) for r in recs]


def _finish_documents(recs, ctx, params):
    return [{"document": ctx.docs.get(r["doc"], {}).get("label", r["doc"]), "doc": r["doc"],
             "date": ctx.docs.get(r["doc"], {}).get("date", ""), "status": ctx.docs.get(r["doc"], {}).get("status", ""),
             "in_force": bool(r["in_force"]) or (not ctx.docs.get(r["doc"], {}).get("date")
                                                  and ctx.docs.get(r["doc"], {}).get("status") != "repealed")}
            for r in recs]


# -- NetworkX side: parameters already resolved to node IDs ---------------------------
def _nx_path(G, a, b, max_depth=6, **_):
    return A.shortest_path(G, a, b, max_depth=max_depth)


_AS_OF = Param("as_of", "date", None, "cut the graph to this date (YYYY-MM-DD): repealed and later documents drop out")

QUERIES: dict[str, Query] = {}


def _add(q: Query) -> None:
    if q.as_of and not q.cypher_as_of and not q.via_subgraph:
        q = Query(**{**q.__dict__, "description": q.description + " With as_of, the Neo4j side fetches the "
                     "subgraph, cuts it to the date and runs the NetworkX function."})
    QUERIES[q.name] = q


_add(Query("chain", "Delegation chains from an agency, jurisdiction, power or power category (down: what it "
                    "grants; up: where its powers come from), each hop with document, 文号, date, power, "
                    "stated/inferred and a flag where the granting body is not shown holding the power.",
           (Param("start", "name", None, "an agency, jurisdiction, power or category", SCHEMA_LABELS, True),
            Param("direction", "str", "down", "down, up or both"), Param("depth", "int", 5, "1–10 hops")),
           lambda G, start, direction="down", depth=5, **_: A.chains(G, start, direction, depth),
           "chain.cypher", _finish_chain, ("direction", "hop", "power", "granter", "receiver"), cypher_as_of=False))
_add(Query("co_leads", "Tasks with two or more lead bodies (agencies or groups).",
           (Param("min_leads", "int", 2, "at least this many leads"),),
           lambda G, min_leads=2, **_: A.co_leads(G, min_leads), "co_leads.cypher", _finish_co_leads,
           ("document", "number", "duty")))
_add(Query("same_matter", "One matter held by different bodies (in different documents, or in one), matched by a shared "
                          "project, a shared object name (e.g. 污水处理厂) or alike wording, with the reason. "
                          "Wording-based: the Cypher side fetches the subgraph and runs the NetworkX function.",
           (Param("min_similarity", "float", 0.5, "share of 4-character wording (Jaccard)"),
            Param("min_term", "int", 4, "shortest object name that counts"),
            Param("within", "bool", True, "also pairs inside one document")),
           lambda G, min_similarity=0.5, min_term=4, within=True, **_: A.same_matter(G, min_similarity, min_term, within),
           "subgraph.cypher", None, ("a_document", "a_line", "b_document", "b_line"), via_subgraph=True))
_add(Query("role_flips", "Pairs of bodies whose lead/assist roles flip between documents (A leads what B "
                         "assists in X; B leads what A assists in Y), citing the first task of each.",
           (), lambda G, **_: A.role_flips(G), "role_flips.cypher", _finish_role_flips,
           ("agency_a", "agency_b", "x_document", "y_document")))
_add(Query("overlap_matrix", "Agency × agency: tasks both are given (lead or assist), tasks both lead, "
                             "documents, with the first shared task as citation.",
           (Param("min_shared", "int", 1, "at least this many shared tasks"),
            Param("include_collective", "bool", False, "keep collective actors (各有关部门 …)")),
           lambda G, min_shared=1, include_collective=False, **_: A.overlap_matrix(G, min_shared, include_collective),
           "overlap_matrix.cypher", _finish_overlap, ("-shared", "agency_a", "agency_b")))
_add(Query("gaps", "Task gaps: no lead agency, no official (where the document names officials), only "
                   "collective assignees, no deadline (where the document sets deadlines), deadline past as of "
                   "a date (default today).",
           (Param("kinds", "kinds", list(GAP_KINDS), "comma-separated: " + ", ".join(GAP_KINDS)),),
           lambda G, kinds=GAP_KINDS, as_of=None, **_: A.duty_gaps(G, as_of, kinds),
           "duty_gaps.cypher", _finish_duty_gaps, ("gap", "document", "number", "duty")))
_add(Query("unheld_grants", "Powers received from a body the graph does not show holding them (no HOLDS edge "
                            "to the power or its category).",
           (), lambda G, **_: A.unheld_grants(G), "unheld_grants.cypher", _finish_unheld,
           ("power", "granter", "receiver"), cypher_as_of=False))
_add(Query("workload", "Tasks led and assisted per agency, group and official (collective actors left out "
                       "unless asked), in total, per document or per deadline year.",
           (Param("by", "str", "total", "total, document or year"),
            Param("include_collective", "bool", False, "keep collective actors")),
           lambda G, by="total", include_collective=False, **_: A.workload(G, by, include_collective),
           "workload.cypher", _finish_workload, ("-total", "-led", "name", "jurisdiction", "document", "year")))
_add(Query("top_officials", "Officials by tasks led per document, with their share of the document's tasks.",
           (Param("limit", "int", 10, "how many rows (0 = all)"),),
           lambda G, limit=10, **_: A.top_officials(G, limit), "top_officials.cypher", _finish_top_officials,
           ("-led", "-share", "official", "document")))
_add(Query("centrality", "Degree and betweenness centrality of agencies on the coordination network (agencies "
                         "linked by shared tasks; betweenness k-sampled past 2000 agencies). The Cypher side "
                         "fetches the subgraph and runs the NetworkX function.",
           (Param("include_collective", "bool", False, "keep collective actors"), Param("seed", "int", 7, "sampling seed")),
           lambda G, include_collective=False, seed=7, **_: A.centrality(G, include_collective, seed),
           "subgraph.cypher", None, ("-betweenness", "-degree", "agency"), via_subgraph=True))
_add(Query("communities", "Communities of the coordination network (louvain or greedy modularity, seeded). "
                          "The Cypher side fetches the subgraph and runs the NetworkX function.",
           (Param("method", "str", "louvain", "louvain or greedy"), Param("seed", "int", 7, "random seed"),
            Param("include_collective", "bool", False, "keep collective actors")),
           lambda G, method="louvain", seed=7, include_collective=False, **_: A.communities(G, include_collective, seed, method),
           "subgraph.cypher", None, ("community", "agency"), via_subgraph=True))
_add(Query("path", "The shortest path between two names (either direction; LISTED_IN left out); of several, "
                   "the one whose node IDs sort first. Each step with the edge and its citation.",
           (Param("a", "name", None, "from", SCHEMA_LABELS, True), Param("b", "name", None, "to", SCHEMA_LABELS, True),
            Param("max_depth", "int", 6, "at most this many steps (≤ 6)")),
           _nx_path, "path.cypher", _finish_path, ("step",), cypher_as_of=False))
_add(Query("neighbours", "Every node within n steps of a name (either direction; LISTED_IN left out), each with "
                         "the node one step nearer, the edge between them and its citation.",
           (Param("name", "name", None, "the centre", SCHEMA_LABELS, True), Param("depth", "int", 1, "1–6")),
           lambda G, name, depth=1, **_: A.neighbours(G, name, depth), "neighbours.cypher", _finish_neighbours,
           ("distance", "kind", "name", "id"), cypher_as_of=False))
_add(Query("diff", "What changed between two documents (文号, title, file or ID) or two dates (YYYY-MM-DD): tasks "
                   "added / removed (by wording), assignees moved, lead/assist role flips, with citations. "
                   "The Cypher side fetches the subgraph and runs the NetworkX function.",
           (Param("a", "str", None, "document or date", required=True), Param("b", "str", None, "document or date", required=True)),
           lambda G, a, b, **_: A.diff(G, a, b), "subgraph.cypher", None, ("change", "duty", "who"),
           as_of=False, via_subgraph=True))
_add(Query("search", "Nodes whose name contains a word (of one kind, or any), ranked by kind and length. On "
                     "Neo4j through the CJK full-text index over names.",
           (Param("text", "str", None, "a word of a name, e.g. 财政", required=True),
            Param("kind", "str", "", "only this node kind (Agency, Official, Duty …)"),
            Param("limit", "int", 50, "how many rows (0 = all)")),
           lambda G, text, kind="", limit=50, **_: A.search_names(G, text, kind, limit), "search.cypher",
           _finish_search, ("rank",), cypher_as_of=False))
_add(Query("documents", "The loaded documents and whether each counts on a date (not repealed, already issued).",
           (Param("as_of", "date", None, "the date (default today)"),),
           lambda G, as_of=None, **_: A.documents_in_force(G, as_of or _dt.date.today().isoformat()),
           "documents.cypher", _finish_documents, ("date", "document"), as_of=False))


def get(name: str) -> Query:
    try:
        return QUERIES[name]
    except KeyError:
        import difflib

        close = difflib.get_close_matches(name, list(QUERIES), n=3, cutoff=0.4)
        raise QueryError(f"no query is called {name!r}",
                         hint=("did you mean: " + ", ".join(close)) if close else "see `govgraph queries`") from None


# -- running -------------------------------------------------------------------------------
#: how each kind of store (its ``name``) answers: "cypher" runs the query's Cypher file;
#: any other store answers through NetworkX on the graph it holds
BACKENDS = {"neo4j": "cypher"}


def runs_cypher(store: Any) -> bool:
    """Does this store answer named queries with their Cypher text?"""
    return BACKENDS.get(getattr(store, "name", ""), "networkx") == "cypher"


is_neo4j = runs_cypher  # the older name


def _cypher(store: Any, text: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    # "property key does not exist" notices are expected: optional properties
    # (date_published, general …) are simply absent on many nodes.
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    def work(tx):
        return [r.data() for r in tx.run(text, **params)]

    return store._read(work)


def _graph_from_subgraph(recs: list[dict[str, Any]]) -> nx.MultiDiGraph:
    """The NetworkX graph (as :func:`graph.netx.to_networkx` makes it) from ``subgraph.cypher``."""
    G = nx.MultiDiGraph()
    for r in sorted((r for r in recs if r["kind"] == "node"), key=lambda r: r["id"]):
        p = dict(r["props"])
        mentions = json.loads(p.pop("mentions_json", "[]") or "[]")
        label, name = p.pop("label", r["labels"]), p.pop("name", r["id"])
        p.pop("id", None)
        p.pop("forms", None)  # the store's look-up index (graph.forms.name_forms), not a property
        if label != "Document" or "name" in p:
            pass
        props = {k: v for k, v in p.items()}
        G.add_node(r["id"], label=label, name=name, properties=props, mentions=mentions)
    for r in sorted((r for r in recs if r["kind"] == "edge"), key=lambda r: r["id"]):
        p = dict(r["props"])
        evidence = json.loads(p.pop("evidence_json", "[]") or "[]")
        p.pop("id", None)
        G.add_edge(r["source"], r["target"], key=r["id"], id=r["id"], type=r["type"], properties=p, evidence=evidence)
    return G


# NetworkX graphs made from a store -> their name index (built once, cached with the graph)
_INDEXES: "weakref.WeakKeyDictionary[nx.MultiDiGraph, dict[str, set[str]]]" = weakref.WeakKeyDictionary()


def _with_index(G: nx.MultiDiGraph) -> tuple[nx.MultiDiGraph, dict[str, set[str]]]:
    return G, name_index(G)


def _store_graph(store: Any, cache: Any = None) -> nx.MultiDiGraph:
    """The whole graph the store holds (cached per store version, see :mod:`queries.cache`)."""
    from .cache import Cache

    def build() -> tuple[nx.MultiDiGraph, dict[str, set[str]]]:
        if runs_cypher(store):
            return _with_index(_graph_from_subgraph(_cypher(store, (HERE / "subgraph.cypher").read_text(encoding="utf-8"), {})))
        return _with_index(A.graph_of(store))

    cache = cache if cache is not None else Cache(store)
    G, index = cache.get("graph", build, purge=True)
    _INDEXES[G] = index
    return G


def graph_for(store: Any, as_of: str | None = None) -> nx.MultiDiGraph:
    """The store's graph as NetworkX (through ``subgraph.cypher`` on Neo4j), cut to ``as_of``.
    Kept between commands while the store does not change (:mod:`queries.cache`)."""
    G = _store_graph(store)
    return A.as_of(G, as_of) if as_of else G


def _store_names(store: Any) -> tuple[Any, dict[str, dict[str, Any]]]:
    """On Neo4j: names resolved by targeted look-ups (the view's ``forms`` index, queries/store.py),
    and the Document nodes that citations name; no list of every node."""
    from .local import StoreNames
    from .store import DOCUMENT_NODES

    rows = _cypher(store, DOCUMENT_NODES, {})
    return StoreNames(store), _docs_from_props([(r["id"], dict(r["props"])) for r in rows])


def _resolve_params(q: Query, G: nx.MultiDiGraph, params: dict[str, Any]) -> dict[str, Any]:
    out = dict(params)
    for p in q.params:
        if p.type == "name" and params.get(p.name) is not None:
            out[p.name] = resolve(G, params[p.name], p.labels or None, _INDEXES.get(G))
    return out


def _prepare_gaps(cparams: dict[str, Any], bound: dict[str, Any]) -> None:
    cparams["_today"] = cparams["as_of"] or _dt.date.today().isoformat()
    cparams["today"] = cparams["_today"]


def _prepare_documents(cparams: dict[str, Any], bound: dict[str, Any]) -> None:
    cparams["as_of"] = cparams["as_of"] or _dt.date.today().isoformat()


def _prepare_path(cparams: dict[str, Any], bound: dict[str, Any]) -> None:
    cparams["_names"] = (bound["a"], bound["b"])


def _prepare_search(cparams: dict[str, Any], bound: dict[str, Any]) -> None:
    cparams["text"] = (cparams["text"] or "").strip()  # as search_names does
    if not cparams["text"]:
        raise QueryError("nothing to search for", hint="give a word of a name, e.g. 财政")
    cparams["term"] = _index_term(cparams["text"])
    cparams["scan"] = not cparams["term"]
    cparams["term"] = cparams["term"] or "无"


for _name, _changes in {
    "gaps": {"takes_as_of": True, "prepare": _prepare_gaps},
    "documents": {"takes_as_of": True, "prepare": _prepare_documents},
    "path": {"prepare": _prepare_path},
    "search": {"prepare": _prepare_search},
}.items():
    QUERIES[_name] = Query(**{**QUERIES[_name].__dict__, **_changes})


def _answer(q: Query, G: nx.MultiDiGraph, bound: dict[str, Any], as_of: str | None,
            index: dict[str, set[str]] | None = None) -> list[dict[str, Any]]:
    """The NetworkX side: names resolved on ``G``, the graph cut to ``as_of`` (unless the function takes it)."""
    if index is not None:
        _INDEXES[G] = index
    names = _resolve_params(q, G, bound)
    if as_of and not q.takes_as_of:
        G = A.as_of(G, as_of)
    args = {k: v for k, v in names.items() if not (k == "as_of" and not q.takes_as_of)}
    return q.networkx(G, **args)


def _networkx_rows(store: Any, q: Query, bound: dict[str, Any], as_of: str | None) -> list[dict[str, Any]]:
    """The NetworkX side on a store: rows kept per store version and parameters. Without a
    date cut, a store that reads parts of its graph answers the quick questions from
    the part they need (:mod:`queries.local`); else from the whole graph (cached)."""
    from .cache import Cache
    from .local import answer as local_answer, part_for

    cache = Cache(store)
    key = "rows-" + hashlib.sha256(json.dumps([q.name, bound, _dt.date.today().isoformat()], sort_keys=True,
                                              ensure_ascii=False, default=str).encode("utf-8")).hexdigest()[:24]
    if cache.on:
        rows = cache.peek(key)
        if rows is not None:
            return rows
    with without_collector():
        rows = local_answer(store, q, bound) if not as_of else None
        if rows is None:
            G = part_for(store, q, bound, as_of, cache.version)
            rows = _answer(q, G if G is not None else _store_graph(store, cache), bound, as_of)
        rows = normalise(rows, q.sort)  # kept as returned: a warm answer is not sorted again
    if cache.on:
        cache.put(key, rows)
    return rows


@contextmanager
def without_collector() -> Iterator[None]:
    """Python's cycle collector off while a graph and its answer are made: it would walk the
    hundreds of thousands of objects they are made of again and again (half the time of a
    whole-graph question at ×100). What they leave is freed as usual; cycles, at the next run."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def run_query(store: Any, name: str, /, graph: nx.MultiDiGraph | None = None, **params: Any) -> list[dict[str, Any]]:
    """Run the named query on ``store``: Cypher on Neo4j, NetworkX otherwise.

    ``params`` are the query's parameters (names as printed or canonical);
    ``graph`` is an already-fetched NetworkX graph to reuse (NetworkX side only).
    Returns the normalised rows."""
    q = get(name)
    bound = q.bind(params)
    as_of = bound.get("as_of") if q.as_of else None
    cypher = runs_cypher(store)
    use_cypher = cypher and not (as_of and not q.cypher_as_of) and not q.via_subgraph
    if not use_cypher:
        if graph is not None and not cypher:
            rows = _answer(q, graph, bound, as_of)
        elif cypher:
            rows = _answer(q, _store_graph(store), bound, as_of)
        else:
            return _networkx_rows(store, q, bound, as_of)
    else:
        book, docs = _store_names(store)
        names = _resolve_params(q, book, bound)
        cparams = {k: v for k, v in names.items()}
        cparams.setdefault("as_of", None)
        if q.prepare:
            q.prepare(cparams, bound)
        recs = _cypher(store, q.cypher_path.read_text(encoding="utf-8"),
                       {k: v for k, v in cparams.items() if not k.startswith("_")})
        rows = q.finish(recs, Context(docs), cparams)
    return normalise(rows, q.sort)


def normalise(rows: list[dict[str, Any]], keys: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Plain JSON values, deterministic order."""
    if not all(type(k) is str and type(v) in _PLAIN for r in rows for k, v in r.items()):
        rows = json.loads(json.dumps(rows, ensure_ascii=False, default=str))
    return sort_rows(rows, keys)


_PLAIN = {str, int, float, bool, type(None)}  # what JSON gives back as it was
