// role_flips: A leads a task B assists in document X; B leads a task A assists in document Y.
// (A body that both leads and assists one task counts as leading it.) Params: $as_of.
MATCH (a)-[ra:LEADS]->(dx:Duty)<-[:ASSISTS]-(b)
WHERE (a:Agency OR a:Group) AND (b:Agency OR b:Group) AND a.id < b.id AND NOT (b)-[:LEADS]->(dx)
MATCH (b)-[rb:LEADS]->(dy:Duty)<-[:ASSISTS]-(a)
WHERE NOT (a)-[:LEADS]->(dy) AND dx.document <> dy.document
OPTIONAL MATCH (docx:Document {id: dx.document})
OPTIONAL MATCH (docy:Document {id: dy.document})
WITH a, b, dx, dy, ra, rb, docx, docy
WHERE $as_of IS NULL OR (
      (docx IS NULL OR (coalesce(docx.status, '') <> 'repealed' AND coalesce(docx.date_written, docx.date_published, '') <= $as_of))
  AND (docy IS NULL OR (coalesce(docy.status, '') <> 'repealed' AND coalesce(docy.date_written, docy.date_published, '') <= $as_of)))
WITH a, b, dx, dy, ra, rb ORDER BY dx.id, dy.id
WITH a, b, dx.document AS x, dy.document AS y,
     collect({duty: dx.name, evidence: ra.evidence_json})[0] AS fx,
     collect({duty: dy.name, evidence: rb.evidence_json})[0] AS fy
RETURN a.name AS a, b.name AS b, fx.duty AS a_leads, fx.evidence AS x_evidence,
       fy.duty AS b_leads, fy.evidence AS y_evidence
