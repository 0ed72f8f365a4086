-- How each incident came to be: created, updated (field by field, old and new value), merged.
CREATE OR REPLACE VIEW incident_history AS
SELECT incident_id, run_id, change, field, old_value, new_value, changed_at
FROM read_parquet({{incident_history}});

COMMENT ON VIEW incident_history IS 'How each incident came to be: created, updated field by field, merged into another.';
COMMENT ON COLUMN incident_history.incident_id IS 'The incident that changed.';
COMMENT ON COLUMN incident_history.run_id IS 'The run that changed it.';
COMMENT ON COLUMN incident_history.change IS 'created, updated or merged_into.';
COMMENT ON COLUMN incident_history.field IS 'The column that changed (updated), incident_id (merged_into), NULL (created).';
COMMENT ON COLUMN incident_history.old_value IS 'Value before the run, as text.';
COMMENT ON COLUMN incident_history.new_value IS 'Value after the run, as text (for merged_into: the surviving incident).';
COMMENT ON COLUMN incident_history.changed_at IS 'When the run started (UTC).';
