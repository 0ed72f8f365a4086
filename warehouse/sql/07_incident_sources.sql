-- Analyst view: each published incident with the documents that report it.
CREATE OR REPLACE VIEW incident_sources AS
SELECT incident_id, doc_id, source, url, title, published_at, report_id, is_background,
       killed_best, wounded_best, evidence, char_start, char_end, confidence
FROM (
    SELECT r.incident_id, r.doc_id, d.source, d.url, d.title, d.published_at, r.report_id,
           r.is_background, r.killed_best, r.wounded_best, r.evidence, r.char_start,
           r.char_end, r.confidence,
           -- a document may state an incident twice: its first news (not background) mention
           row_number() OVER (PARTITION BY r.incident_id, r.doc_id
                              ORDER BY r.is_background, r.char_start, r.report_id) AS nth
    FROM incident_reports AS r
    JOIN documents AS d USING (doc_id)
    WHERE r.incident_id IN (SELECT incident_id FROM incidents)
)
WHERE nth = 1;

COMMENT ON VIEW incident_sources IS 'One row per published incident and document that reports it: the outlet, the address and the evidence.';
COMMENT ON COLUMN incident_sources.incident_id IS 'The incident (incidents.incident_id).';
COMMENT ON COLUMN incident_sources.doc_id IS 'The document that reports it (documents.doc_id).';
COMMENT ON COLUMN incident_sources.source IS 'Outlet or feed that published the document.';
COMMENT ON COLUMN incident_sources.url IS 'Address of the article, when known.';
COMMENT ON COLUMN incident_sources.title IS 'Headline of the article.';
COMMENT ON COLUMN incident_sources.published_at IS 'When the outlet published it.';
COMMENT ON COLUMN incident_sources.report_id IS 'The report of this document (its first mention when it states the incident twice).';
COMMENT ON COLUMN incident_sources.is_background IS 'TRUE when the document only recalls the incident.';
COMMENT ON COLUMN incident_sources.killed_best IS 'Deaths as this document states them.';
COMMENT ON COLUMN incident_sources.wounded_best IS 'Injured as this document states them.';
COMMENT ON COLUMN incident_sources.evidence IS 'The sentence or sentences of the document that state the incident.';
COMMENT ON COLUMN incident_sources.char_start IS 'Offset of the evidence in documents.text (first character).';
COMMENT ON COLUMN incident_sources.char_end IS 'Offset of the evidence in documents.text (one past the last character).';
COMMENT ON COLUMN incident_sources.confidence IS 'Extraction confidence of the report, 0..1.';
