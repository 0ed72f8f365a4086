-- Rows that broke a data-quality rule, with the rule and the row as JSON.
CREATE OR REPLACE VIEW quarantine AS
SELECT run_id, table_name, row_key, rule, detail, row_json
FROM read_parquet({{quarantine}});

COMMENT ON VIEW quarantine IS 'Rows that broke a data-quality rule and were held back from incidents.';
COMMENT ON COLUMN quarantine.run_id IS 'The run whose validation held the row back.';
COMMENT ON COLUMN quarantine.table_name IS 'incident_reports or incidents: the table the row belongs to.';
COMMENT ON COLUMN quarantine.row_key IS 'report_id or incident_id of the row.';
COMMENT ON COLUMN quarantine.rule IS 'Name of the broken rule (e.g. event_not_before_1970).';
COMMENT ON COLUMN quarantine.detail IS 'What the rule expected.';
COMMENT ON COLUMN quarantine.row_json IS 'The whole row as JSON.';
