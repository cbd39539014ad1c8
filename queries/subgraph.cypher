// subgraph: what the NetworkX-side queries (same_matter, centrality, communities, diff)
// need, fetched whole: every node and relationship with its properties.
MATCH (n:Node)
RETURN 'node' AS kind, n.id AS id, n.label AS labels, properties(n) AS props,
       null AS type, null AS source, null AS target
UNION ALL
MATCH (s:Node)-[r]->(t:Node)
WHERE r.id IS NOT NULL
RETURN 'edge' AS kind, r.id AS id, null AS labels, properties(r) AS props,
       type(r) AS type, s.id AS source, t.id AS target
