// path: every shortest path (either direction, LISTED_IN left out) between $a and $b
// (node ids), at most 6 steps; the caller keeps the one whose id sequence sorts first,
// and between two nodes the relationship with the smallest id.
MATCH (a:Node {id: $a}), (b:Node {id: $b})
MATCH p = allShortestPaths((a)-[*..6]-(b))
WHERE none(rel IN relationships(p) WHERE type(rel) = 'LISTED_IN' OR startNode(rel) = endNode(rel))
  AND length(p) <= $max_depth
WITH DISTINCT [n IN nodes(p) | n.id] AS ids
ORDER BY ids
LIMIT 1
UNWIND range(0, size(ids) - 1) AS i
MATCH (n:Node {id: ids[i]})
OPTIONAL MATCH (n)-[rel]-(m:Node {id: ids[i + 1]})
WHERE type(rel) <> 'LISTED_IN' AND i + 1 < size(ids)
WITH i, n, rel ORDER BY rel.id
WITH i, n, collect(rel)[0] AS rel
RETURN i AS step, n.name AS name, n.label AS kind,
       CASE WHEN rel IS NULL THEN '' ELSE type(rel) END AS edge,
       CASE WHEN rel IS NULL THEN '' WHEN startNode(rel) = n THEN '→' ELSE '←' END AS direction,
       rel.evidence_json AS evidence
