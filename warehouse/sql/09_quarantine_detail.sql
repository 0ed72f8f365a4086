-- Analyst view: quarantined rows with the rule they broke and the evidence, out of row_json.
CREATE OR REPLACE VIEW quarantine_detail AS
WITH first_report AS (
    -- an incident held back has no evidence of its own: that of its earliest report
    SELECT incident_id, arg_min(doc_id, coalesce(published_at, TIMESTAMP '9999-01-01')) AS doc_id,
           arg_min(evidence, coalesce(published_at, TIMESTAMP '9999-01-01')) AS evidence
    FROM incident_reports
    GROUP BY incident_id
)
SELECT q.run_id, q.table_name, q.row_key, q.rule, q.detail,
       coalesce(q.row_json ->> '$.doc_id', f.doc_id) AS doc_id,
       coalesce(q.row_json ->> '$.incident_id', CASE WHEN q.table_name = 'incidents' THEN q.row_key END) AS incident_id,
       CAST(TRY_CAST(q.row_json ->> '$.event_date' AS TIMESTAMP) AS DATE) AS event_date,
       q.row_json ->> '$.country' AS country,
       q.row_json ->> '$.attack_type' AS attack_type,
       TRY_CAST(q.row_json ->> '$.killed_best' AS INTEGER) AS killed_best,
       coalesce(q.row_json ->> '$.evidence', f.evidence) AS evidence,
       d.source, d.url
FROM quarantine AS q
LEFT JOIN first_report AS f ON q.table_name = 'incidents' AND f.incident_id = q.row_key
LEFT JOIN documents AS d ON d.doc_id = coalesce(q.row_json ->> '$.doc_id', f.doc_id);

COMMENT ON VIEW quarantine_detail IS 'One row per quarantined row and broken rule, with the document and evidence taken out of row_json.';
COMMENT ON COLUMN quarantine_detail.run_id IS 'The run whose validation held the row back.';
COMMENT ON COLUMN quarantine_detail.table_name IS 'incident_reports or incidents.';
COMMENT ON COLUMN quarantine_detail.row_key IS 'report_id or incident_id of the row.';
COMMENT ON COLUMN quarantine_detail.rule IS 'Name of the broken rule.';
COMMENT ON COLUMN quarantine_detail.detail IS 'What the rule expected, as JSON.';
COMMENT ON COLUMN quarantine_detail.doc_id IS 'Document of the row (for an incident: of its earliest report).';
COMMENT ON COLUMN quarantine_detail.incident_id IS 'Incident of the row.';
COMMENT ON COLUMN quarantine_detail.event_date IS 'Event date the row states.';
COMMENT ON COLUMN quarantine_detail.country IS 'Country the row states.';
COMMENT ON COLUMN quarantine_detail.attack_type IS 'Attack type the row states.';
COMMENT ON COLUMN quarantine_detail.killed_best IS 'Deaths the row states.';
COMMENT ON COLUMN quarantine_detail.evidence IS 'Evidence sentence of the row (for an incident: of its earliest report).';
COMMENT ON COLUMN quarantine_detail.source IS 'Outlet of the document.';
COMMENT ON COLUMN quarantine_detail.url IS 'Address of the document, when known.';
