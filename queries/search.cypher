// search: nodes whose name contains $text (of kind $kind, or any). Through the CJK
// full-text index node_names when $text holds a run of two or more Chinese characters:
// $term is its longest such run, searched as a phrase (bigrams in a row, so a name
// holding $text always matches); CONTAINS then keeps exact substrings, so the answer
// is what a scan of the names gives. Otherwise ($scan) the names are scanned.
// Ranked and cut to $limit in Python.
CALL db.index.fulltext.queryNodes('node_names', '"' + $term + '"') YIELD node
WHERE NOT $scan AND node.name CONTAINS $text AND ($kind = '' OR node.label = $kind)
RETURN node.id AS id, node.name AS name, node.label AS kind, coalesce(node.jurisdiction, '') AS jurisdiction
UNION
MATCH (node:Node)
WHERE $scan AND node.name CONTAINS $text AND ($kind = '' OR node.label = $kind)
RETURN node.id AS id, node.name AS name, node.label AS kind, coalesce(node.jurisdiction, '') AS jurisdiction
