// neighbours: every node within $depth steps (either direction, LISTED_IN left out)
// of $name (a node id), with its distance: one shortest path per node found
// (ANY SHORTEST, so the search stays breadth-first on large graphs).
MATCH (s:Node {id: $name})
MATCH p = ANY SHORTEST (s)(()-[r WHERE type(r) <> 'LISTED_IN']-()){1,6}(n:Node)
WHERE n <> s AND length(p) <= $depth
WITH n, min(length(p)) AS distance
RETURN distance, n.name AS name, n.label AS kind, n.id AS id
