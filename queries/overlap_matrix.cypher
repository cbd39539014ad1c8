// overlap_matrix: agency x agency, the tasks both are given (lead or assist).
// Params: $min_shared, $include_collective, $as_of.
MATCH (a:Agency)-[r:LEADS|ASSISTS]->(d:Duty)
WHERE $include_collective OR NOT coalesce(a.collective, false)
OPTIONAL MATCH (doc:Document {id: d.document})
WITH a, r, d, doc
WHERE $as_of IS NULL OR doc IS NULL
   OR (coalesce(doc.status, '') <> 'repealed' AND coalesce(doc.date_written, doc.date_published, '') <= $as_of)
WITH d, a, collect(type(r)) AS types
WITH d, a, CASE WHEN 'LEADS' IN types THEN 'LEADS' ELSE 'ASSISTS' END AS role
WITH d, collect({a: a, role: role}) AS bodies
UNWIND bodies AS x
UNWIND bodies AS y
WITH d, x, y
WHERE x.a.id < y.a.id
WITH x.a AS a, y.a AS b, d, (x.role = 'LEADS' AND y.role = 'LEADS') AS both_lead
WITH a, b, count(d) AS shared, sum(CASE WHEN both_lead THEN 1 ELSE 0 END) AS both_lead,
     count(DISTINCT d.document) AS documents,
     collect({id: d.id, name: d.name, document: d.document, mentions: d.mentions_json}) AS duties
WHERE shared >= $min_shared
RETURN a.name AS a, b.name AS b, shared, both_lead, documents, duties
