// documents: the loaded documents and whether each counts on $as_of
// (not repealed, issued on or before it; undated documents count).
MATCH (doc:Document)
WHERE coalesce(doc.loaded, false)
RETURN doc.id AS doc, properties(doc) AS props,
       (coalesce(doc.status, '') <> 'repealed' AND coalesce(doc.date_written, doc.date_published, '') <= $as_of) AS in_force
