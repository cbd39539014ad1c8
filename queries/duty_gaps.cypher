// duty_gaps: per task (general remit statements skipped) the facts the gap rules need;
// the rules (no lead body, no official / no deadline where the document gives them for
// other tasks, only collective assignees, deadline before $today) are applied here.
// Params: $as_of, $today, $kinds.
MATCH (d:Duty)
WHERE NOT coalesce(d.general, false)
OPTIONAL MATCH (doc:Document {id: d.document})
WITH d, doc
WHERE $as_of IS NULL OR doc IS NULL
   OR (coalesce(doc.status, '') <> 'repealed' AND coalesce(doc.date_written, doc.date_published, '') <= $as_of)
OPTIONAL MATCH (lb)-[:LEADS]->(d) WHERE lb:Agency OR lb:Group
WITH d, count(lb) AS lead_bodies
OPTIONAL MATCH (o:Official)-[ro:LEADS|ASSISTS]->(d)
WITH d, lead_bodies, collect(o.name) AS officials
OPTIONAL MATCH (b)-[rb:LEADS|ASSISTS]->(d) WHERE b:Agency OR b:Group
WITH d, lead_bodies, officials,
     collect(CASE WHEN b IS NULL THEN null
             ELSE {name: b.name, collective: (b:Agency AND coalesce(b.collective, false))} END) AS bodies
WITH collect({d: d, lead_bodies: lead_bodies, officials: officials, bodies: bodies}) AS facts
WITH facts,
     [x IN facts WHERE size(x.officials) > 0 | x.d.document] AS docs_with_officials,
     [x IN facts WHERE coalesce(x.d.deadline, '') <> '' OR coalesce(x.d.deadline_date, '') <> '' | x.d.document] AS docs_with_deadlines
UNWIND facts AS x
WITH x, x.d AS d, docs_with_officials, docs_with_deadlines
WITH x, d,
  [k IN [
    CASE WHEN x.lead_bodies = 0 THEN 'no_lead' END,
    CASE WHEN size(x.officials) = 0 AND d.document IN docs_with_officials THEN 'no_official' END,
    CASE WHEN size(x.bodies) > 0 AND all(b IN x.bodies WHERE b.collective) THEN 'only_collective' END,
    CASE WHEN coalesce(d.deadline, '') = '' AND coalesce(d.deadline_date, '') = '' AND d.document IN docs_with_deadlines THEN 'no_deadline' END,
    CASE WHEN coalesce(d.deadline_date, '') <> '' AND d.deadline_date < $today THEN 'overdue' END
  ] WHERE k IS NOT NULL AND k IN $kinds] AS found
WHERE size(found) > 0
UNWIND found AS gap
RETURN gap, d.name AS duty, d.number AS number, d.deadline AS deadline, d.deadline_date AS deadline_date,
       d.mentions_json AS mentions, [b IN x.bodies | b.name] AS bodies, x.officials AS officials
