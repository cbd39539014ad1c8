// unheld_grants: powers received (DELEGATED_FROM, receiver -> granter) from a body
// with no HOLDS edge to the power or to its category. Params: none.
MATCH (r)-[e:DELEGATED_FROM]->(g)
OPTIONAL MATCH (p:Power {name: e.power})
WITH r, e, g, p.category AS category
WHERE NOT EXISTS { MATCH (g)-[:HOLDS]->(q:Power) WHERE q.name = e.power OR q.name = category }
RETURN g.name AS granter, r.name AS receiver, e.power AS power, e.inferred AS inferred,
       e.method AS method, e.evidence_json AS evidence
