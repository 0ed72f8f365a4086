-- How each incident came to be: created, updated (field by field, old and new value), merged.
CREATE OR REPLACE VIEW incident_history AS
SELECT incident_id, run_id, change, field, old_value, new_value, changed_at
FROM read_parquet('{{VERSION_DIR}}/incident_history/*.parquet');
