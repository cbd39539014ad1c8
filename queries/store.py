"""Every Cypher statement of the Neo4j store (:mod:`graph.stores.neo4j`).

Values always travel as parameters. Labels and relationship types cannot be
parameters, so the statements that need one are written out here once per
kind of ``graph/schema.json`` (``MERGE_NODES["Agency"]`` …): they come from the
schema when this module is imported, never from input.

The model, in two layers:

* the graph to query: ``(:Node:<Kind> {id, label, name, <merged properties>,
  mentions_json})`` and relationships of the schema types between them
  (``(:Agency)-[:LEADS {id, role, evidence_json}]->(:Duty)``), the merge of every
  document's contribution (lists as lists of strings/numbers, other lists as JSON);
* the bookkeeping that makes reload and remove exact: one ``(:LoadedDocument
  {doc, source_file, sha256})`` per document and one ``(:NodeFact {doc, node_id,
  label, name, props_json, mentions_json})`` / ``(:EdgeFact {doc, edge_id, type,
  source, target, props_json, evidence_json})`` per document and node or edge.
  The store reads nodes and edges back from the facts (merged like the SQLite
  store does), so exports from both stores are identical;
* for a node or edge that two or more documents give, its merge state
  (``(:NodeMerge {id, state_json})`` / ``(:EdgeMerge …)``): what a load needs to
  add one more document's facts to the merged view without reading the others'.
"""
from __future__ import annotations

from graph.schema import SCHEMA

__all__ = [
    "NODE_LABEL", "BOOKKEEPING_LABELS", "SCHEMA_STATEMENTS", "AWAIT_INDEXES", "FULLTEXT_INDEX",
    "TAKE_WRITE_LOCK", "PREVIOUS_DOCUMENTS", "TOUCHED_NODES", "TOUCHED_EDGES", "DELETE_NODE_FACTS", "DELETE_EDGE_FACTS",
    "DELETE_DOCUMENTS", "FACTS_OF_NODES", "NODES_WITHOUT_FORMS", "SET_FORMS",
    "FACTS_OF_EDGES", "DELETE_NODES", "DELETE_EDGES", "MERGE_NODES", "MERGE_EDGES", "CREATE_ALL_NODES", "MERGE_ALL_NODES", "CREATE_ALL_EDGES",
    "MERGE_ALL_EDGES", "CREATE_FACTS", "STATES", "FACTS", "SET_STATES", "DELETE_STATES", "DOCUMENTS",
    "ALL_NODE_FACTS", "ALL_EDGE_FACTS", "COUNT_NODES", "COUNT_EDGES", "CLEAR", "PING",
    "MERGE_NODE_ONE", "MERGE_EDGE_ONE", "HAS_NODE", "IDS_BY_FORM", "VIEW_NODES", "VIEW_PROPERTY", "ALL_FORMS", "DOCUMENT_NODES",
]

NODE_LABEL = "Node"
BOOKKEEPING_LABELS = ("LoadedDocument", "NodeFact", "EdgeFact", "NodeMerge", "EdgeMerge", "WriteLock")
FULLTEXT_INDEX = "node_names"

for _name in (NODE_LABEL, *BOOKKEEPING_LABELS):
    if _name in SCHEMA.nodes:  # pragma: no cover - a schema change would need new names here
        raise RuntimeError(f"queries/store.py: {_name} is now a schema kind; rename the store's label")


def _snake(name: str) -> str:
    out = []
    for i, ch in enumerate(name):
        if ch.isupper() and i and not name[i - 1].isupper():
            out.append("_")
        out.append(ch.lower())
    return "".join(out)


# -- schema: constraints and indexes (run before the first write) ------------
SCHEMA_STATEMENTS: tuple[str, ...] = (
    "CREATE CONSTRAINT node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE",
    *(
        f"CREATE CONSTRAINT {_snake(label)}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for label in SCHEMA.nodes
    ),
    *(
        f"CREATE INDEX {_snake(type_)}_id IF NOT EXISTS FOR ()-[r:{type_}]-() ON (r.id)"
        for type_ in SCHEMA.edges
    ),
    "CREATE CONSTRAINT write_lock_id IF NOT EXISTS FOR (l:WriteLock) REQUIRE l.id IS UNIQUE",
    # the properties the question queries look nodes up by (besides id)
    "CREATE INDEX node_name IF NOT EXISTS FOR (n:Node) ON (n.name)",
    "CREATE INDEX power_name IF NOT EXISTS FOR (n:Power) ON (n.name)",
    "CREATE INDEX power_category IF NOT EXISTS FOR (n:Power) ON (n.category)",
    "CREATE INDEX document_number IF NOT EXISTS FOR (n:Document) ON (n.doc_number)",
    "CREATE CONSTRAINT loaded_document_doc IF NOT EXISTS FOR (d:LoadedDocument) REQUIRE d.doc IS UNIQUE",
    "CREATE INDEX loaded_document_source IF NOT EXISTS FOR (d:LoadedDocument) ON (d.source_file)",
    "CREATE INDEX node_fact_doc IF NOT EXISTS FOR (f:NodeFact) ON (f.doc)",
    "CREATE INDEX node_fact_node IF NOT EXISTS FOR (f:NodeFact) ON (f.node_id)",
    "CREATE INDEX edge_fact_doc IF NOT EXISTS FOR (f:EdgeFact) ON (f.doc)",
    "CREATE INDEX edge_fact_edge IF NOT EXISTS FOR (f:EdgeFact) ON (f.edge_id)",
    "CREATE CONSTRAINT node_merge_id IF NOT EXISTS FOR (m:NodeMerge) REQUIRE m.id IS UNIQUE",
    "CREATE CONSTRAINT edge_merge_id IF NOT EXISTS FOR (m:EdgeMerge) REQUIRE m.id IS UNIQUE",
    # Names of every kind, searchable word by word in Chinese (the CJK bigram analyzer):
    #   CALL db.index.fulltext.queryNodes('node_names', '财政局') YIELD node, score
    "CREATE FULLTEXT INDEX node_names IF NOT EXISTS FOR (n:Node) ON EACH [n.name] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}",
    # Every form a node is known by (graph.forms.name_forms), each form one whole term (a property
    # index does not look into lists; a keyword full-text index does): IDS_BY_FORM.
    "CREATE FULLTEXT INDEX node_forms IF NOT EXISTS FOR (n:Node) ON EACH [n.forms] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}}",
)
AWAIT_INDEXES = "CALL db.awaitIndexes($seconds)"
PING = "RETURN 1 AS ok"

# -- a load or a remove: one write transaction --------------------------------
# The first statement of every load and remove: it write-locks one node, so writers
# of one database take turns (a load reads the facts other documents gave a node to
# rewrite its merged view; two at once would each miss the other's facts).
TAKE_WRITE_LOCK = "MERGE (l:WriteLock {id: 'govgraph'}) SET l.writes = coalesce(l.writes, 0) + 1"
PREVIOUS_DOCUMENTS = (
    "MATCH (d:LoadedDocument) WHERE d.source_file IN $sources OR d.doc IN $docs "
    "RETURN d.doc AS doc, d.source_file AS source_file"
)
TOUCHED_NODES = "MATCH (f:NodeFact) WHERE f.doc IN $docs RETURN DISTINCT f.node_id AS id"
TOUCHED_EDGES = (
    "MATCH (f:EdgeFact) WHERE f.doc IN $docs "
    "RETURN DISTINCT f.edge_id AS id, f.source AS source, f.target AS target"
)
DELETE_NODE_FACTS = "MATCH (f:NodeFact) WHERE f.doc IN $docs DELETE f"
DELETE_EDGE_FACTS = "MATCH (f:EdgeFact) WHERE f.doc IN $docs DELETE f"
DELETE_DOCUMENTS = "MATCH (d:LoadedDocument) WHERE d.doc IN $docs DELETE d"
FACTS_OF_NODES = (
    "UNWIND $ids AS id MATCH (f:NodeFact {node_id: id}) "
    "RETURN f.node_id AS id, f.doc AS doc, f.label AS label, f.name AS name, "
    "f.props_json AS props, f.mentions_json AS mentions"
)
FACTS_OF_EDGES = (
    "UNWIND $ids AS id MATCH (f:EdgeFact {edge_id: id}) "
    "RETURN f.edge_id AS id, f.doc AS doc, f.type AS type, f.source AS source, f.target AS target, "
    "f.props_json AS props, f.evidence_json AS evidence"
)
# A load's writes and reads, each one statement for nodes and edges together (a statement
# costs a round trip, about a millisecond: more than many of its rows).
CREATE_FACTS = (
    "CALL () { UNWIND $docs AS row CREATE (d:LoadedDocument) SET d = row } "
    "CALL () { UNWIND $nodes AS row CREATE (f:NodeFact) SET f = row } "
    "CALL () { UNWIND $edges AS row CREATE (f:EdgeFact) SET f = row }"
)
# The merge state of a node or edge that two or more documents support (graph.stores.neo4j._State):
# a load combines it with the new documents' facts instead of reading every document's facts.
STATES = (
    "UNWIND $nodes AS id MATCH (m:NodeMerge {id: id}) RETURN 'node' AS what, m.id AS id, m.state_json AS state "
    "UNION ALL "
    "UNWIND $edges AS id MATCH (m:EdgeMerge {id: id}) RETURN 'edge' AS what, m.id AS id, m.state_json AS state"
)
FACTS = (
    "UNWIND $nodes AS id MATCH (f:NodeFact {node_id: id}) "
    "RETURN 'node' AS what, f.node_id AS id, f.doc AS doc, [f.label, f.name] AS head, f.props_json AS props, "
    "f.mentions_json AS marks "
    "UNION ALL "
    "UNWIND $edges AS id MATCH (f:EdgeFact {edge_id: id}) "
    "RETURN 'edge' AS what, f.edge_id AS id, f.doc AS doc, [f.type, f.source, f.target] AS head, "
    "f.props_json AS props, f.evidence_json AS marks"
)
SET_STATES = (
    "CALL () { UNWIND $nodes AS row MERGE (m:NodeMerge {id: row.id}) SET m.state_json = row.state } "
    "CALL () { UNWIND $edges AS row MERGE (m:EdgeMerge {id: row.id}) SET m.state_json = row.state }"
)
DELETE_STATES = (
    "CALL () { UNWIND $nodes AS id MATCH (m:NodeMerge {id: id}) DELETE m } "
    "CALL () { UNWIND $edges AS id MATCH (m:EdgeMerge {id: id}) DELETE m }"
)
# Nodes and edges that no document supports any more.
DELETE_EDGES = (
    "UNWIND $rows AS row MATCH (:Node {id: row.source})-[r {id: row.id}]->(:Node {id: row.target}) DELETE r"
)
DELETE_NODES = "UNWIND $ids AS id MATCH (n:Node {id: id}) DETACH DELETE n"
# The merged view, rewritten for every node and edge a load or remove touched.
MERGE_NODES: dict[str, str] = {
    label: f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET n = row.props, n:Node"
    for label in SCHEMA.nodes
}
MERGE_EDGES: dict[str, str] = {
    type_: (
        "UNWIND $rows AS row MATCH (a:Node {id: row.source}) MATCH (b:Node {id: row.target}) "
        f"MERGE (a)-[r:{type_} {{id: row.id}}]->(b) SET r = row.props"
    )
    for type_ in SCHEMA.edges
}
# The view in four statements for every kind: labels and types cannot be parameters, so
# each kind is a FOREACH written out from the schema. Nodes and edges no document gave before
# (no facts, no merge state) are created, without MERGE's look-up and lock; the rest merged.
_SET_LABEL = " ".join(f"FOREACH (_ IN CASE WHEN row.label = '{label}' THEN [1] ELSE [] END | SET n:{label})"
                      for label in SCHEMA.nodes)
CREATE_ALL_NODES = "UNWIND $rows AS row CREATE (n:Node) SET n = row.props " + _SET_LABEL
MERGE_ALL_NODES = "UNWIND $rows AS row MERGE (n:Node {id: row.id}) SET n = row.props " + _SET_LABEL
_ENDS = "UNWIND $rows AS row MATCH (a:Node {id: row.source}) MATCH (b:Node {id: row.target}) "
CREATE_ALL_EDGES = _ENDS + " ".join(
    f"FOREACH (_ IN CASE WHEN row.type = '{type_}' THEN [1] ELSE [] END | "
    f"CREATE (a)-[r:{type_}]->(b) SET r = row.props)" for type_ in SCHEMA.edges)
MERGE_ALL_EDGES = _ENDS + " ".join(
    f"FOREACH (_ IN CASE WHEN row.type = '{type_}' THEN [1] ELSE [] END | "
    f"MERGE (a)-[r:{type_} {{id: row.id}}]->(b) SET r = row.props)" for type_ in SCHEMA.edges)
# One row per statement: only for the benchmark (tests/bench_neo4j_load.py).
MERGE_NODE_ONE: dict[str, str] = {
    label: f"MERGE (n:{label} {{id: $id}}) SET n = $props, n:Node" for label in SCHEMA.nodes
}
MERGE_EDGE_ONE: dict[str, str] = {
    type_: (
        "MATCH (a:Node {id: $source}) MATCH (b:Node {id: $target}) "
        f"MERGE (a)-[r:{type_} {{id: $id}}]->(b) SET r = $props"
    )
    for type_ in SCHEMA.edges
}

# -- reading ------------------------------------------------------------------
# Names (queries.local.StoreNames): a form is looked up as one quoted term of the keyword index
# (its backslashes and quotes escaped for Lucene), then kept only where it is one of the node's forms.
# A store written before the merged view kept `forms`: its nodes get them once (Neo4jStore._fill_forms).
NODES_WITHOUT_FORMS = (
    "MATCH (n:Node) WHERE n.forms IS NULL "
    "RETURN n.id AS id, n.label AS label, n.name AS name, n.mentions_json AS mentions_json, properties(n) AS props"
)
SET_FORMS = "UNWIND $rows AS row MATCH (n:Node {id: row.id}) SET n.forms = row.forms"
HAS_NODE = "OPTIONAL MATCH (n:Node {id: $id}) RETURN n IS NOT NULL AS found LIMIT 1"
IDS_BY_FORM = (
    "UNWIND $forms AS form "
    r"""CALL db.index.fulltext.queryNodes('node_forms', '"' + replace(replace(form, '\\', '\\\\'), '"', '\\"') + '"') """
    "YIELD node WHERE form IN node.forms RETURN DISTINCT node.id AS id"
)
VIEW_NODES = (
    "UNWIND $ids AS id MATCH (n:Node {id: id}) "
    "RETURN n.id AS id, n.label AS label, n.name AS name, properties(n) AS props ORDER BY id"
)
VIEW_PROPERTY = (
    "MATCH (n:Node) WHERE n.label = $label AND n[$key] IS NOT NULL RETURN n.id AS id, n[$key] AS value"
)
DOCUMENT_NODES = "MATCH (n:Document) RETURN n.id AS id, properties(n) AS props"
ALL_FORMS = "MATCH (n:Node) UNWIND n.forms AS form RETURN DISTINCT form, n.label AS label"
DOCUMENTS = (
    "MATCH (d:LoadedDocument) OPTIONAL MATCH (f:NodeFact {node_id: d.doc, doc: d.doc}) "
    "RETURN d.doc AS doc, d.source_file AS source_file, d.sha256 AS sha256, f.props_json AS props"
)
ALL_NODE_FACTS = (
    "MATCH (f:NodeFact) RETURN f.node_id AS id, f.doc AS doc, f.label AS label, f.name AS name, "
    "f.props_json AS props, f.mentions_json AS mentions"
)
ALL_EDGE_FACTS = (
    "MATCH (f:EdgeFact) RETURN f.edge_id AS id, f.doc AS doc, f.type AS type, f.source AS source, "
    "f.target AS target, f.props_json AS props, f.evidence_json AS evidence"
)

# Counts per kind, from the merged view (what ``govgraph stats`` prints).
COUNT_NODES = "MATCH (n:Node) RETURN n.label AS kind, count(*) AS n"
COUNT_EDGES = "MATCH (:Node)-[r]->(:Node) RETURN type(r) AS kind, count(*) AS n"

# -- clearing (an auto-commit query: it commits in batches) -------------------
# only govgraph's own nodes: a user's database may hold other graphs too
CLEAR = ("MATCH (n) WHERE n:Node OR n:LoadedDocument OR n:NodeFact OR n:EdgeFact OR n:NodeMerge OR n:EdgeMerge "
         "OR n:WriteLock "
         "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS")
