// workload: tasks led / assisted per agency, group and official, grouped by $by
// ('total', 'document' = the task's document id, 'year' = deadline year).
// Params: $by, $include_collective, $as_of.
MATCH (w)-[r:LEADS|ASSISTS]->(d:Duty)
WHERE (w:Agency OR w:Group OR w:Official)
  AND ($include_collective OR NOT (w:Agency AND coalesce(w.collective, false)))
OPTIONAL MATCH (doc:Document {id: d.document})
WITH w, r, d, doc
WHERE $as_of IS NULL OR doc IS NULL
   OR (coalesce(doc.status, '') <> 'repealed' AND coalesce(doc.date_written, doc.date_published, '') <= $as_of)
WITH w, r, d, CASE $by WHEN 'document' THEN d.document WHEN 'year' THEN left(coalesce(d.deadline_date, ''), 4) ELSE '' END AS grp
WITH w, grp,
     collect(DISTINCT CASE WHEN type(r) = 'LEADS' THEN d.id END) AS led,
     collect(DISTINCT CASE WHEN type(r) = 'ASSISTS' THEN d.id END) AS assisted,
     collect(DISTINCT d.id) AS tasks
RETURN w.name AS name, w.label AS kind,
       coalesce(w.jurisdiction, '') AS jurisdiction, grp AS `group`,
       size(led) AS led, size(assisted) AS assisted, size(tasks) AS total
