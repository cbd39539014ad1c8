// neighbours: every node within $depth steps (either direction, LISTED_IN left out)
// of $name (a node id), with its distance: one shortest path per node found
// (ANY SHORTEST, so the search stays breadth-first on large graphs), and each
// node's links (other end, edge, direction, evidence): the finish step keeps the
// link to the node one step nearer whose ID sorts first, and of its edges the first.
// A quantifier cannot be a parameter: one branch per depth (1-6) bounds the search
// itself (a bound after it, on length(p), let it walk 6 steps to every node first).
MATCH (s:Node {id: $name})
CALL (s) {
  WITH s WHERE $depth = 1
  MATCH p = ANY SHORTEST (s)(()-[r WHERE type(r) <> 'LISTED_IN']-()){1,1}(n:Node)
  WHERE n <> s
  RETURN n, length(p) AS steps
  UNION ALL
  WITH s WHERE $depth = 2
  MATCH p = ANY SHORTEST (s)(()-[r WHERE type(r) <> 'LISTED_IN']-()){1,2}(n:Node)
  WHERE n <> s
  RETURN n, length(p) AS steps
  UNION ALL
  WITH s WHERE $depth = 3
  MATCH p = ANY SHORTEST (s)(()-[r WHERE type(r) <> 'LISTED_IN']-()){1,3}(n:Node)
  WHERE n <> s
  RETURN n, length(p) AS steps
  UNION ALL
  WITH s WHERE $depth = 4
  MATCH p = ANY SHORTEST (s)(()-[r WHERE type(r) <> 'LISTED_IN']-()){1,4}(n:Node)
  WHERE n <> s
  RETURN n, length(p) AS steps
  UNION ALL
  WITH s WHERE $depth = 5
  MATCH p = ANY SHORTEST (s)(()-[r WHERE type(r) <> 'LISTED_IN']-()){1,5}(n:Node)
  WHERE n <> s
  RETURN n, length(p) AS steps
  UNION ALL
  WITH s WHERE $depth >= 6
  MATCH p = ANY SHORTEST (s)(()-[r WHERE type(r) <> 'LISTED_IN']-()){1,6}(n:Node)
  WHERE n <> s
  RETURN n, length(p) AS steps
}
WITH n, min(steps) AS distance
OPTIONAL MATCH (n)-[e]-(q:Node) WHERE type(e) <> 'LISTED_IN' AND q <> n
RETURN distance, n.name AS name, n.label AS kind, n.id AS id,
       collect({q: q.id, q_name: q.name, edge: e.id, type: type(e), forward: startNode(e) = q,
                evidence: e.evidence_json}) AS links
