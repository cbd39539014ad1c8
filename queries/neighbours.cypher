// neighbours: every node within $depth steps (either direction, LISTED_IN left out)
// of $name (a node id), with its distance: one shortest path per node found
// (ANY SHORTEST, so the search stays breadth-first on large graphs), and each
// node's links (other end, edge, direction, evidence): the finish step keeps the
// link to the node one step nearer whose ID sorts first, and of its edges the first.
MATCH (s:Node {id: $name})
MATCH p = ANY SHORTEST (s)(()-[r WHERE type(r) <> 'LISTED_IN']-()){1,6}(n:Node)
WHERE n <> s AND length(p) <= $depth
WITH n, min(length(p)) AS distance
OPTIONAL MATCH (n)-[e]-(q:Node) WHERE type(e) <> 'LISTED_IN' AND q <> n
RETURN distance, n.name AS name, n.label AS kind, n.id AS id,
       collect({q: q.id, q_name: q.name, edge: e.id, type: type(e), forward: startNode(e) = q,
                evidence: e.evidence_json}) AS links
