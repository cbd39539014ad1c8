// chain: delegation hops within $depth of $start (a node id). From an agency or
// jurisdiction, 'down' = what it grants, 'up' = where its powers come from; from a
// Power (or a category: all its powers), the chains of that power from their first
// granters down. A jurisdiction speaks for its bodies too (agencies PART_OF it are
// starts as well). Each hop at its smallest distance. Params: $start, $direction, $depth.
MATCH (s:Node {id: $start})
OPTIONAL MATCH (member:Power) WHERE s:Power AND member.category = s.name
WITH s, CASE WHEN s:Power THEN collect(DISTINCT member.name) + [s.name] ELSE null END AS powers
CALL (s, powers) {
  WITH s, powers WHERE s:Power
  MATCH ()-[e:DELEGATED_FROM]->(g)
  WHERE e.power IN powers
    AND NOT EXISTS { MATCH (g)-[e2:DELEGATED_FROM]->() WHERE e2.power IN powers }
  RETURN DISTINCT g AS root
  UNION
  WITH s, powers WHERE NOT s:Power
  RETURN s AS root
  UNION
  WITH s, powers WHERE s:Jurisdiction
  MATCH (a:Agency)-[:PART_OF]->(s)
  RETURN a AS root
}
CALL (root, powers) {
  MATCH p = (root)<-[:DELEGATED_FROM*1..10]-(x)
  WHERE length(p) <= $depth AND (powers IS NOT NULL OR $direction IN ['down', 'both'])
    AND all(rel IN relationships(p) WHERE powers IS NULL OR rel.power IN powers)
  UNWIND range(0, length(p) - 1) AS i
  RETURN 'down' AS way, relationships(p)[i] AS e, i + 1 AS hop
  UNION ALL
  MATCH p = (root)-[:DELEGATED_FROM*1..10]->(x)
  WHERE length(p) <= $depth AND powers IS NULL AND $direction IN ['up', 'both']
  UNWIND range(0, length(p) - 1) AS i
  RETURN 'up' AS way, relationships(p)[i] AS e, i + 1 AS hop
}
WITH way, e, min(hop) AS hop
MATCH (r)-[e]->(g)
OPTIONAL MATCH (pw:Power {name: e.power})
WITH way, e, hop, r, g, pw.category AS category
RETURN way AS direction, hop, g.name AS granter, r.name AS receiver, e.power AS power,
       e.inferred AS inferred, e.method AS method, e.evidence_json AS evidence,
       EXISTS { MATCH (g)-[:HOLDS]->(q:Power) WHERE q.name = e.power OR q.name = category } AS granter_holds
