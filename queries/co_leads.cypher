// co_leads: tasks with two or more lead bodies (agencies or groups).
// Params: $min_leads, $as_of (null = every document).
MATCH (d:Duty)
OPTIONAL MATCH (doc:Document {id: d.document})
WITH d, doc
WHERE $as_of IS NULL OR doc IS NULL
   OR (coalesce(doc.status, '') <> 'repealed' AND coalesce(doc.date_written, doc.date_published, '') <= $as_of)
MATCH (w)-[r:LEADS]->(d)
WHERE w:Agency OR w:Group
WITH d, collect({name: w.name, evidence: r.evidence_json}) AS leads
WHERE size(leads) >= $min_leads
RETURN d.id AS id, d.name AS duty, d.number AS number, d.mentions_json AS mentions, leads
