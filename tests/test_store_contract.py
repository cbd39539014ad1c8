"""One contract, two stores: the embedded SQLite store and Neo4j behave the same.

Every test taking ``store`` runs against both (see ``conftest.py``); the Neo4j
run needs a server (``bash .ci/test`` starts one).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.errors import LoadError, SchemaError, StoreError, StoreUnavailable
from graph.export import dumps_json
from graph.records import DocumentGraph, Edge, Evidence, Mention, Node, edge_id, node_id

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "liaoning"
CITY = "海城市"


# -- a small synthetic corpus: two documents sharing an agency, an official and an edge ----
def _doc_node(doc: str, title: str, src: str) -> Node:
    return Node(doc, "Document", title, {"title": title, "source_file": src, "kind": "duty_division"},
                (Mention(doc, 1, title),))


def _agency(doc: str, name: str, line: int, printed: str | None = None, **props) -> Node:
    return Node(node_id("Agency", name, CITY), "Agency", name, {"jurisdiction": CITY, **props},
                (Mention(doc, line, printed or name),))


def _official(doc: str, name: str, line: int, titles: list[str]) -> Node:
    return Node(node_id("Official", name, CITY), "Official", name, {"jurisdiction": CITY, "titles": titles},
                (Mention(doc, line, name),))


def _duty(doc: str, number: str, text: str, line: int, **props) -> Node:
    return Node(node_id("Duty", doc, number, text), "Duty", f"{number} {text[:12]}",
                {"number": number, "text": text, "document": doc, **props}, (Mention(doc, line, text),))


def _edge(doc: str, type_: str, a: Node, b: Node, line: int, text: str, *key: str, **props) -> Edge:
    return Edge(edge_id(type_, a.id, b.id, *key), type_, a.id, b.id, props, (Evidence(doc, line, text),))


def doc_a(duty_text: str = "做好财政预算编制工作", title: str = "海城市政府工作分工") -> DocumentGraph:
    d = node_id("Document", "A")
    doc = _doc_node(d, title, "a.txt")
    fin = _agency(d, "海城市财政局", 5, "市财政局", merge_notes=["市财政局 → 海城市财政局"])
    wang = _official(d, "王威", 3, ["副市长"])
    duty = _duty(d, "(一)", duty_text, 7, deadline="2024年底前")
    return DocumentGraph(d, "a.txt", nodes=[doc, fin, wang, duty], edges=[
        _edge(d, "LEADS", fin, duty, 7, "牵头单位:市财政局", role="牵头单位"),
        _edge(d, "LEADS", wang, duty, 7, "牵头领导:王威", role="牵头领导"),
        _edge(d, "LISTED_IN", duty, doc, 7, duty_text),
        _edge(d, "HEADS", wang, fin, 3, "王威 负责 财政局", "分管", role="分管"),
    ])


def doc_b() -> DocumentGraph:
    d = node_id("Document", "B")
    doc = _doc_node(d, "海城市重点任务分解表", "b.txt")
    fin = _agency(d, "海城市财政局", 12, merge_notes=["财政局 → 海城市财政局"])
    wang = _official(d, "王威", 2, ["市长", "副市长"])
    tax = _agency(d, "海城市税务局", 13)
    duty = _duty(d, "1", "落实减税降费政策", 12)
    return DocumentGraph(d, "b.txt", nodes=[doc, fin, wang, tax, duty], edges=[
        _edge(d, "LEADS", fin, duty, 12, "牵头:财政局", role="牵头单位"),
        _edge(d, "ASSISTS", tax, duty, 13, "配合:税务局", role="配合单位"),
        _edge(d, "LISTED_IN", duty, doc, 12, "落实减税降费政策"),
        _edge(d, "HEADS", wang, fin, 2, "王威分管财政工作", "分管", role="分管"),
    ])


def snapshot(store) -> str:
    return dumps_json(store.nodes(), store.edges())


def by_name(store, name: str) -> Node:
    return next(n for n in store.nodes() if n.name == name)


# -- the contract ---------------------------------------------------------------------
def test_load_counts_and_documents(store):
    s = store.load([doc_a()], "a.txt", "sha-a")
    assert (s.documents, s.nodes, s.edges, s.replaced) == ([doc_a().doc_id], 4, 4, False)
    store.load([doc_b()], "b.txt", "sha-b")
    assert store.counts() == {
        "nodes": {"Agency": 2, "Document": 2, "Duty": 2, "Official": 1},
        "edges": {"ASSISTS": 1, "HEADS": 1, "LEADS": 3, "LISTED_IN": 2},
    }
    docs = store.documents()
    assert [(d["id"], d["source_file"], d["sha256"], d["title"]) for d in docs] == sorted([
        (doc_a().doc_id, "a.txt", "sha-a", "海城市政府工作分工"),
        (doc_b().doc_id, "b.txt", "sha-b", "海城市重点任务分解表"),
    ])


def test_merge_keeps_every_documents_evidence_and_mentions(store):
    store.load([doc_a()], "a.txt")
    store.load([doc_b()], "b.txt")
    fin = by_name(store, "海城市财政局")
    assert sorted(m.text for m in fin.mentions) == ["市财政局", "海城市财政局"]
    assert {m.doc for m in fin.mentions} == {doc_a().doc_id, doc_b().doc_id}
    notes = {doc_a().doc_id: "市财政局 → 海城市财政局", doc_b().doc_id: "财政局 → 海城市财政局"}
    assert fin.properties["merge_notes"] == [notes[d] for d in sorted(notes)]  # united in document order
    wang = by_name(store, "王威")
    assert set(wang.properties["titles"]) == {"副市长", "市长"}
    heads = next(e for e in store.edges() if e.type == "HEADS")
    assert sorted(ev.text for ev in heads.evidence) == ["王威 负责 财政局", "王威分管财政工作"]
    duty = by_name(store, "(一) 做好财政预算编制工作")
    assert duty.properties["deadline"] == "2024年底前"


def test_reload_replaces_and_is_idempotent(store):
    store.load([doc_a()], "a.txt")
    store.load([doc_b()], "b.txt")
    before, counts = snapshot(store), store.counts()
    s = store.load([doc_a()], "a.txt")
    assert s.replaced
    assert snapshot(store) == before and store.counts() == counts
    # A changed document replaces what it said before: the old duty goes, the new one comes.
    store.load([doc_a("做好政府债务管理工作")], "a.txt")
    names = {n.name for n in store.nodes()}
    assert "(一) 做好政府债务管理工作" in names and "(一) 做好财政预算编制工作" not in names
    assert store.counts()["nodes"]["Duty"] == 2


def test_remove_keeps_shared_nodes_while_evidence_remains(store):
    store.load([doc_b()], "b.txt")
    b_alone = snapshot(store)
    store.load([doc_a()], "a.txt")
    assert store.remove("a.txt") == [doc_a().doc_id]
    fin = by_name(store, "海城市财政局")
    assert {m.doc for m in fin.mentions} == {doc_b().doc_id}
    heads = next(e for e in store.edges() if e.type == "HEADS")
    assert [ev.doc for ev in heads.evidence] == [doc_b().doc_id]
    assert snapshot(store) == b_alone
    assert [d["id"] for d in store.documents()] == [doc_b().doc_id]
    # by title too; then nothing is left
    assert store.remove("海城市重点任务分解表") == [doc_b().doc_id]
    assert list(store.nodes()) == [] and list(store.edges()) == []
    with pytest.raises(StoreError, match="no loaded document"):
        store.remove("a.txt")


def test_invalid_document_leaves_the_store_as_it_was(store):
    store.load([doc_a()], "a.txt")
    before = snapshot(store)
    good = doc_b()
    bad = doc_b()
    bad.doc_id = node_id("Document", "C")
    bad.nodes = [Node(bad.doc_id, "Document", "坏文件", {}, (Mention(bad.doc_id, 1, "坏文件"),))]
    bad.edges = [_edge(bad.doc_id, "LEADS", good.nodes[1], good.nodes[4], 1, "x")]  # ends are not in this document
    with pytest.raises(SchemaError):
        store.load([good, bad], "b.txt")
    assert snapshot(store) == before


class _FailsWhenWritten(list):
    """A node list that passes validation, then breaks while the store writes it."""

    def __init__(self, items):
        super().__init__(items)
        self.iterations = 0

    def __iter__(self):
        self.iterations += 1
        if self.iterations > 1:
            raise RuntimeError("the disk caught fire")
        return super().__iter__()


def test_failing_load_is_rolled_back(store):
    store.load([doc_a()], "a.txt")
    store.load([doc_b()], "b.txt")
    before, docs = snapshot(store), store.documents()
    changed = doc_a("做好政府债务管理工作")  # written first: the old facts of a.txt are gone by then
    broken = doc_b()
    broken.doc_id = node_id("Document", "A2")
    broken.nodes = _FailsWhenWritten([_doc_node(broken.doc_id, "第二部分", "a.txt")])
    broken.edges = []
    with pytest.raises(RuntimeError, match="disk caught fire"):
        store.load([changed, broken], "a.txt")
    assert snapshot(store) == before
    assert store.documents() == docs


def test_clear(store):
    store.load([doc_a()], "a.txt")
    store.clear()
    assert store.counts() == {"nodes": {}, "edges": {}} and store.documents() == []


@pytest.mark.neo4j
def test_clear_leaves_other_graphs_in_the_database_alone(neo4j_store):
    with neo4j_store._session() as s:
        s.run("CREATE (:NotOurs {name: $n})-[:LIKES]->(:NotOurs {name: $m})", n="甲", m="乙").consume()
    try:
        neo4j_store.load([doc_a()], "a.txt")
        neo4j_store.clear()
        assert neo4j_store.counts() == {"nodes": {}, "edges": {}}
        with neo4j_store._session() as s:
            left = s.run("MATCH (a:NotOurs)-[:LIKES]->(b:NotOurs) RETURN a.name AS a, b.name AS b").data()
        assert left == [{"a": "甲", "b": "乙"}]
    finally:
        with neo4j_store._session() as s:
            s.run("MATCH (n:NotOurs) DETACH DELETE n").consume()


# -- both stores at once ----------------------------------------------------------------
def _corpus():
    """The sample corpus as far as the loaders read it today (unknown kinds skipped)."""
    from graph.pipeline import collect_inputs, parse_files

    parsed, skipped = [], []
    for path in collect_inputs([EXAMPLES]):
        try:
            parsed += parse_files([path])
        except LoadError as e:
            if "unknown kind" not in str(e):
                raise
            skipped.append(path.name)
    return parsed, skipped


@pytest.mark.neo4j
def test_same_export_from_both_stores(sqlite_store, neo4j_store):
    for st in (sqlite_store, neo4j_store):
        st.load([doc_a()], "a.txt", "sha-a")
        st.load([doc_b()], "b.txt", "sha-b")
        st.load([doc_a("做好政府债务管理工作")], "a.txt", "sha-a2")
    assert snapshot(neo4j_store) == snapshot(sqlite_store)
    assert neo4j_store.documents() == sqlite_store.documents()
    for st in (sqlite_store, neo4j_store):
        st.remove("b.txt")
    assert snapshot(neo4j_store) == snapshot(sqlite_store)


@pytest.mark.neo4j
def test_sample_corpus_gives_the_same_graph(sqlite_store, neo4j_store):
    from graph.pipeline import load_parsed

    parsed, skipped = _corpus()
    assert parsed, f"no sample file could be read (skipped: {skipped})"
    for st in (sqlite_store, neo4j_store):
        load_parsed(st, parsed)
    sq, neo = json.loads(snapshot(sqlite_store)), json.loads(snapshot(neo4j_store))
    assert len(neo["nodes"]) == len(sq["nodes"]) > 0
    assert neo == sq
    assert neo4j_store.counts() == sqlite_store.counts()
    assert neo4j_store.documents() == sqlite_store.documents()
    # Reloading everything changes nothing.
    load_parsed(neo4j_store, parsed)
    assert json.loads(snapshot(neo4j_store)) == sq


@pytest.mark.neo4j
def test_cli_build_gives_the_same_graph_json(tmp_path, neo4j_store):
    from click.testing import CliRunner

    from graph.cli import cli

    parsed, _ = _corpus()
    files = [str(p.path) for p in parsed]
    outs = {}
    for name, spec in (("sqlite", None), ("neo4j", neo4j_store.uri)):
        out = tmp_path / name
        args = ["build", *files, "-o", str(out), "-q", "--no-maps"] + (["--store", spec] if spec else [])
        r = CliRunner().invoke(cli, args)
        assert r.exit_code == 0, r.output
        outs[name] = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    key = lambda x: x["id"]  # noqa: E731
    for part in ("nodes", "edges"):
        assert sorted(outs["neo4j"][part], key=key) == sorted(outs["sqlite"][part], key=key)


# -- Neo4j only: the graph as Cypher sees it ----------------------------------------------
@pytest.mark.neo4j
def test_neo4j_looks_names_up_by_their_forms_as_the_sqlite_store_does(sqlite_store, neo4j_store):
    from graph.analysis.names import resolve
    from queries.local import StoreNames

    odd = doc_b()
    odd.nodes[3] = _agency(odd.doc_id, "海城市税务局", 13, '市"税务\\局 (一)*')  # Lucene's syntax, as printed
    for st in (sqlite_store, neo4j_store):
        st.load([doc_a()], "a.txt")
        st.load([odd], "b.txt")
    tax, fin = odd.nodes[3].id, odd.nodes[1].id
    forms = sorted({f for f, _ in sqlite_store.all_forms()})
    assert '市"税务\\局 (一)*' in forms and sorted({f for f, _ in neo4j_store.all_forms()}) == forms
    for f in forms:
        assert neo4j_store.ids_by_form([f]) == sqlite_store.ids_by_form([f]), f
    assert neo4j_store.ids_by_form(['市"税务\\局 (一)*', "市财政局"]) == {tax, fin}
    assert neo4j_store.ids_by_form(["税务", "市*", '"', ""]) == set()  # whole forms only
    assert neo4j_store.has_node(tax) and not neo4j_store.has_node("nothing")
    assert StoreNames(neo4j_store).places() == StoreNames(sqlite_store).places() == [CITY]
    for name in ("财政局", "王威", '市"税务\\局 (一)*', "海城市税务局"):
        assert resolve(StoreNames(neo4j_store), name) == resolve(StoreNames(sqlite_store), name)
    # a removed document's forms go with it
    neo4j_store.remove("b.txt")
    assert neo4j_store.ids_by_form(['市"税务\\局 (一)*']) == set()
    assert neo4j_store.ids_by_form(["市财政局"]) == {fin}


@pytest.mark.neo4j
def test_neo4j_graph_is_queryable(neo4j_store):
    neo4j_store.load([doc_a()], "a.txt")
    neo4j_store.load([doc_b()], "b.txt")
    q = lambda text, **p: neo4j_store.driver.execute_query(text, p, database_=neo4j_store.database).records  # noqa: E731
    leads = sorted((r["a"], r["d"]) for r in q("MATCH (a:Agency)-[:LEADS]->(d:Duty) RETURN a.name AS a, d.name AS d"))
    assert leads == [("海城市财政局", "(一) 做好财政预算编制工作"), ("海城市财政局", "1 落实减税降费政策")]
    [rec] = q("MATCH (:Official {name: $n})-[r:HEADS]->(a:Agency) RETURN r, a", n="王威")
    assert rec["r"]["role"] == "分管"
    assert len(json.loads(rec["r"]["evidence_json"])) == 2
    assert set(rec["a"].labels) == {"Node", "Agency"}
    assert rec["a"]["jurisdiction"] == CITY and len(rec["a"]["merge_notes"]) == 2
    [wang] = q("MATCH (o:Official) RETURN o.titles AS titles")
    assert set(wang["titles"]) == {"市长", "副市长"}
    hits = [r["name"] for r in q("CALL db.index.fulltext.queryNodes('node_names', $s) YIELD node "
                                 "RETURN node.name AS name", s="税务")]
    assert hits == ["海城市税务局"]
    constraints = {r["name"] for r in q("SHOW CONSTRAINTS YIELD name RETURN name")}
    assert {"node_id", "agency_id", "duty_id", "document_id"} <= constraints
    # Removing a document updates the visible graph too.
    neo4j_store.remove("b.txt")
    assert [r["n"] for r in q("MATCH (d:Duty) RETURN d.name AS n")] == ["(一) 做好财政预算编制工作"]
    [rec] = q("MATCH (:Official)-[r:HEADS]->(:Agency) RETURN r")
    assert len(json.loads(rec["r"]["evidence_json"])) == 1
    assert q("MATCH (t:Agency {name: '海城市税务局'}) RETURN t") == []
    assert q("MATCH ()-[r:ASSISTS]->() RETURN r") == []


def _view_and_merge(st):
    """The merged view as Cypher sees it, and what it should be: the merge of the facts."""
    from graph.forms import name_forms
    from graph.stores.neo4j import _dumps, _visible

    q = lambda text: st.driver.execute_query(text, database_=st.database).records  # noqa: E731
    got = {r["id"]: (sorted(r["labels"]), r["p"]) for r in q("MATCH (n:Node) RETURN n.id AS id, labels(n) AS labels, "
                                                              "properties(n) AS p")}
    got.update({r["id"]: (r["ends"], r["p"]) for r in q("MATCH (a:Node)-[r]->(b:Node) RETURN r.id AS id, "
                                                         "[type(r), a.id, b.id] AS ends, properties(r) AS p")})
    want = {}
    for n in st.nodes():
        p = _visible(dict(n.properties))
        p.update(id=n.id, label=n.label, name=n.name, mentions_json=_dumps([m.as_dict() for m in n.mentions]),
                 forms=sorted(name_forms(n.label, n.name, [m.text for m in n.mentions], n.properties)))
        want[n.id] = (sorted(["Node", n.label]), p)
    for e in st.edges():
        p = _visible(dict(e.properties))
        p.update(id=e.id, evidence_json=_dumps([ev.as_dict() for ev in e.evidence]))
        want[e.id] = ([e.type, e.source, e.target], p)
    return got, want


def doc_c() -> DocumentGraph:
    """A third document: the official's titles in another order, the agency with other properties."""
    d = node_id("Document", "C")
    doc = _doc_node(d, "海城市工作要点", "c.txt")
    fin = _agency(d, "海城市财政局", 4, type="机关", merge_notes=["财政局 → 海城市财政局", "市财政局 → 海城市财政局"])
    wang = _official(d, "王威", 2, ["副市长", "党组书记", "市长"])
    return DocumentGraph(d, "c.txt", nodes=[doc, fin, wang], edges=[
        _edge(d, "HEADS", wang, fin, 2, "王威分管财政局", "分管", role="主管", title="市长"),
    ])


@pytest.mark.neo4j
@pytest.mark.parametrize("order", ["abc", "cba", "bca"])
def test_neo4j_view_is_the_merge_of_the_facts_whatever_the_order(neo4j_store, order):
    docs = {"a": (doc_a, "a.txt"), "b": (doc_b, "b.txt"), "c": (doc_c, "c.txt")}
    for k in order:
        make, src = docs[k]
        neo4j_store.load([make()], src)
        got, want = _view_and_merge(neo4j_store)
        assert got == want, k
    neo4j_store.load([doc_a("做好政府债务管理工作")], "a.txt")  # a replaced
    neo4j_store.load([doc_c()], "c.txt")                       # c again: nothing changes
    got, want = _view_and_merge(neo4j_store)
    assert got == want
    neo4j_store.remove(order[0] + ".txt")
    got, want = _view_and_merge(neo4j_store)
    assert got == want
    neo4j_store.load([docs[order[0]][0]()], order[0] + ".txt")
    got, want = _view_and_merge(neo4j_store)
    assert got == want


@pytest.mark.neo4j
def test_neo4j_view_of_the_sample_corpus_is_the_merge_of_its_facts(neo4j_store):
    from graph.pipeline import load_parsed

    parsed, _ = _corpus()
    load_parsed(neo4j_store, parsed[::-1])
    got, want = _view_and_merge(neo4j_store)
    assert len(want) > 100 and got == want
    load_parsed(neo4j_store, parsed[: len(parsed) // 2])
    for p in parsed[len(parsed) // 2:][::2]:
        neo4j_store.remove(str(p.path))
    got, want = _view_and_merge(neo4j_store)
    assert got == want


def test_unreachable_server_says_what_to_do():
    from graph.stores import open_store

    with pytest.raises(StoreUnavailable) as e:
        open_store("bolt://127.0.0.1:9")
    assert "govgraph neo4j start" in str(e.value)


# -- the exact Cypher and parameters (no server: a recording transaction) -----------------
class _Result(list):
    def consume(self):
        return None


class _RecordingTx:
    """Records every statement; answers the fact look-ups from the facts it was given."""

    def __init__(self):
        self.calls: list[tuple[str, dict]] = []
        self.facts: dict[str, list[dict]] = {"node": [], "edge": []}

    def run(self, query, parameters=None, **kw):
        from queries import store as q

        params = {**(parameters or {}), **kw}
        self.calls.append((query, params))
        if query == q.CREATE_FACTS:
            self.facts["node"] += params["nodes"]
            self.facts["edge"] += params["edges"]
        elif query == q.FACTS:
            return _Result([{"what": "node", "id": f["node_id"], "doc": f["doc"], "head": [f["label"], f["name"]],
                             "props": f["props_json"], "marks": f["mentions_json"]}
                            for f in self.facts["node"] if f["node_id"] in params["nodes"]]
                           + [{"what": "edge", "id": f["edge_id"], "doc": f["doc"],
                               "head": [f["type"], f["source"], f["target"]], "props": f["props_json"],
                               "marks": f["evidence_json"]}
                              for f in self.facts["edge"] if f["edge_id"] in params["edges"]])
        return _Result()


class _Session:
    def __init__(self, tx):
        self.tx = tx

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def run(self, query, parameters=None, **kw):
        return self.tx.run(query, parameters, **kw)

    def execute_write(self, fn):
        return fn(self.tx)

    execute_read = execute_write


class _Driver:
    def __init__(self, tx):
        self.tx = tx

    def session(self, **kw):
        return _Session(self.tx)

    def close(self):
        pass


def test_cypher_is_constant_and_values_are_parameters():
    from graph.stores.neo4j import Neo4jStore
    from queries import store as q

    tx = _RecordingTx()
    st = Neo4jStore.__new__(Neo4jStore)
    st.uri, st.database, st._schema_ready, st.driver = "bolt://test", "neo4j", False, _Driver(tx)
    st.load([doc_b()], "b.txt", "sha-b")
    texts = [c[0] for c in tx.calls]
    known = set(q.SCHEMA_STATEMENTS) | {v for k, v in vars(q).items() if k.isupper() and isinstance(v, str)}
    known |= {v for table in (q.MERGE_NODES, q.MERGE_EDGES) for v in table.values()}
    assert set(texts) <= known
    assert texts[: len(q.SCHEMA_STATEMENTS)] == list(q.SCHEMA_STATEMENTS)  # constraints before any write
    assert texts[len(q.SCHEMA_STATEMENTS)] == q.AWAIT_INDEXES
    assert not any("海城" in t or "王威" in t for t in texts)  # names only ever as parameters
    facts = tx.calls[texts.index(q.CREATE_FACTS)][1]
    assert {"海城市财政局", "海城市税务局", "王威"} <= {r["name"] for r in facts["nodes"]}
    assert facts["docs"] == [{"doc": doc_b().doc_id, "source_file": "b.txt", "sha256": "sha-b"}]
    # a first load: every node and edge is new, so the view is created, not merged
    assert q.MERGE_ALL_NODES not in texts and q.MERGE_ALL_EDGES not in texts
    nodes = tx.calls[texts.index(q.CREATE_ALL_NODES)][1]["rows"]
    assert {r["props"]["name"] for r in nodes if r["label"] == "Agency"} == {"海城市财政局", "海城市税务局"}
    edges = tx.calls[texts.index(q.CREATE_ALL_EDGES)][1]["rows"]
    leads = [r for r in edges if r["type"] == "LEADS"]
    assert [(r["source"], r["props"]["role"]) for r in leads] == [(doc_b().nodes[1].id, "牵头单位")]
    assert json.loads(leads[0]["props"]["evidence_json"]) == [
        {"doc": doc_b().doc_id, "line": 12, "text": "牵头:财政局"}]


def test_neo4j_store_of_an_older_govgraph_gets_its_name_forms_when_a_look_up_finds_none(sqlite_store, neo4j_store):
    for st in (sqlite_store, neo4j_store):
        st.load([doc_a()], "a.txt")
        st.load([doc_b()], "b.txt")
    fin = doc_b().nodes[1].id
    neo4j_store.driver.execute_query("MATCH (n:Node) REMOVE n.forms", database_=neo4j_store.database)
    assert not list(neo4j_store.all_forms())  # as a store written before the forms were kept
    assert neo4j_store.ids_by_form(["市财政局"]) == {fin}
    assert sorted(neo4j_store.all_forms()) == sorted(set(sqlite_store.all_forms()))
    assert neo4j_store._fill_forms() == 0  # once
