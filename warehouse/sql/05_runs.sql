-- Every pipeline run, failed ones included.
CREATE OR REPLACE VIEW runs AS
SELECT run_id, started_at, finished_at, status, n_documents_new, n_reports, n_incidents,
       n_quarantined, dq_success, message
FROM read_parquet('{{VERSION_DIR}}/runs/*.parquet');
