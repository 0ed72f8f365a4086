-- Analyst view: what each run changed, old and new value, and the report that caused it.
CREATE OR REPLACE VIEW nightly_changes AS
WITH stated AS (
    -- every attribute of every report as text, to find the report that gave the new value
    UNPIVOT (
        SELECT report_id, COLUMNS(* EXCLUDE (report_id))::VARCHAR
        FROM (SELECT report_id, event_date, date_precision, country, country_iso3, admin1, city,
                     latitude, longitude, geo_precision, attack_type, target_type, weapon_type,
                     suicide, perpetrator, perpetrator_claimed, killed_low, killed_best,
                     killed_high, wounded_low, wounded_best, wounded_high
              FROM incident_reports)
    ) ON COLUMNS(* EXCLUDE (report_id)) INTO NAME field VALUE value
),
candidates AS (
    SELECT h.run_id, h.incident_id, h.change, h.field, h.old_value, h.new_value, h.changed_at,
           r.report_id, r.doc_id, r.evidence,
           row_number() OVER (
               PARTITION BY h.run_id, h.incident_id, h.change, h.field
               ORDER BY (lower(s.value) = lower(h.new_value)
                         OR TRY_CAST(s.value AS DOUBLE) = TRY_CAST(h.new_value AS DOUBLE)) DESC NULLS LAST,
                        r.published_at DESC NULLS LAST, r.report_id
           ) AS nth
    FROM incident_history AS h
    -- the run's reports of that incident (after a merge, of the incident that survived)
    LEFT JOIN incident_reports AS r
           ON r.run_id = h.run_id
          AND r.incident_id = CASE WHEN h.change = 'merged_into' THEN h.new_value ELSE h.incident_id END
    LEFT JOIN stated AS s ON s.report_id = r.report_id AND s.field = h.field
)
SELECT c.run_id, u.started_at AS run_started_at, c.incident_id, c.change, c.field,
       c.old_value, c.new_value, c.report_id, c.doc_id, d.source, d.url, d.title, c.evidence,
       c.changed_at
FROM candidates AS c
LEFT JOIN runs AS u ON u.run_id = c.run_id
LEFT JOIN documents AS d ON d.doc_id = c.doc_id
WHERE c.nth = 1;

COMMENT ON VIEW nightly_changes IS 'What each run changed (from incident_history): old and new value, and the report of that run that caused it.';
COMMENT ON COLUMN nightly_changes.run_id IS 'The run that made the change (runs.run_id).';
COMMENT ON COLUMN nightly_changes.run_started_at IS 'When that run started (UTC).';
COMMENT ON COLUMN nightly_changes.incident_id IS 'The incident that changed.';
COMMENT ON COLUMN nightly_changes.change IS 'created, updated or merged_into.';
COMMENT ON COLUMN nightly_changes.field IS 'The column that changed; NULL for created.';
COMMENT ON COLUMN nightly_changes.old_value IS 'Value before the run, as text.';
COMMENT ON COLUMN nightly_changes.new_value IS 'Value after the run, as text (merged_into: the surviving incident).';
COMMENT ON COLUMN nightly_changes.report_id IS 'The report of this run that caused it: one stating the new value when there is one, else the run''s latest report of the incident.';
COMMENT ON COLUMN nightly_changes.doc_id IS 'Document of that report.';
COMMENT ON COLUMN nightly_changes.source IS 'Outlet of that document.';
COMMENT ON COLUMN nightly_changes.url IS 'Address of that document, when known.';
COMMENT ON COLUMN nightly_changes.title IS 'Headline of that document.';
COMMENT ON COLUMN nightly_changes.evidence IS 'The sentence of that document that states the incident.';
COMMENT ON COLUMN nightly_changes.changed_at IS 'When the run started (UTC), as incident_history records it.';
