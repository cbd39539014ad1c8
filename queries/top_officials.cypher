// top_officials: officials by tasks led per document, with their share of the
// document's tasks (general remit statements excluded). Params: $as_of.
MATCH (d:Duty)
WHERE NOT coalesce(d.general, false)
OPTIONAL MATCH (doc:Document {id: d.document})
WITH d, doc
WHERE $as_of IS NULL OR doc IS NULL
   OR (coalesce(doc.status, '') <> 'repealed' AND coalesce(doc.date_written, doc.date_published, '') <= $as_of)
WITH d.document AS document, collect(d) AS duties
UNWIND duties AS d
MATCH (o:Official)-[:LEADS]->(d)
WITH o, document, size(duties) AS tasks, count(d) AS led
RETURN o.name AS official, coalesce(o.titles, []) AS titles, document, led, tasks AS tasks_in_document
