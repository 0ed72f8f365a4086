-- Every pipeline run, failed ones included.
CREATE OR REPLACE VIEW runs AS
SELECT run_id, started_at, finished_at, status, n_documents_new, n_reports, n_incidents,
       n_quarantined, dq_success, message
FROM read_parquet({{runs}});

COMMENT ON VIEW runs IS 'Every pipeline run, failed ones included (a failed run is listed by the next publication).';
COMMENT ON COLUMN runs.run_id IS 'Id of the run: start time (UTC) and a random suffix.';
COMMENT ON COLUMN runs.started_at IS 'When the run started (UTC).';
COMMENT ON COLUMN runs.finished_at IS 'When it published or failed (UTC).';
COMMENT ON COLUMN runs.status IS 'published or failed.';
COMMENT ON COLUMN runs.n_documents_new IS 'Documents read for the first time (ok, duplicate and rejected).';
COMMENT ON COLUMN runs.n_reports IS 'Incident reports extracted that passed validation.';
COMMENT ON COLUMN runs.n_incidents IS 'Incidents published after the run.';
COMMENT ON COLUMN runs.n_quarantined IS 'Rows the run held back in quarantine.';
COMMENT ON COLUMN runs.dq_success IS 'TRUE when no row broke a rule.';
COMMENT ON COLUMN runs.message IS 'Why a failed run failed.';
