// neighbours: every node within $depth steps (either direction, LISTED_IN left out)
// of $name (a node id), with its distance.
MATCH (s:Node {id: $name})
MATCH p = (s)-[*1..6]-(n)
WHERE length(p) <= $depth AND n <> s
  AND none(rel IN relationships(p) WHERE type(rel) = 'LISTED_IN')
WITH n, min(length(p)) AS distance
RETURN distance, n.name AS name, n.label AS kind, n.id AS id
