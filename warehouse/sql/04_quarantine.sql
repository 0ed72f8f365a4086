-- Rows that broke a data-quality rule, with the rule and the row as JSON.
CREATE OR REPLACE VIEW quarantine AS
SELECT run_id, table_name, row_key, rule, detail, row_json
FROM read_parquet('{{VERSION_DIR}}/quarantine/*.parquet');
