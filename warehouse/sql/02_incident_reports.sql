-- One row per incident as one document states it, with its evidence and offsets.
CREATE OR REPLACE VIEW incident_reports AS
SELECT report_id, incident_id, doc_id, is_background,
       event_date, date_precision, country, country_iso3, admin1, city, latitude, longitude,
       geo_precision, attack_type, target_type, weapon_type, suicide, perpetrator,
       perpetrator_claimed, killed_low, killed_best, killed_high, wounded_low, wounded_best,
       wounded_high, summary, evidence, char_start, char_end, confidence, run_id, published_at
FROM read_parquet({{incident_reports}});

COMMENT ON VIEW incident_reports IS 'One row per incident as one document states it, with the evidence sentence and its offsets.';
COMMENT ON COLUMN incident_reports.report_id IS 'Stable id of this report, derived from the document and the evidence offsets.';
COMMENT ON COLUMN incident_reports.incident_id IS 'The incident it was merged into (incidents.incident_id).';
COMMENT ON COLUMN incident_reports.doc_id IS 'The document that states it (documents.doc_id).';
COMMENT ON COLUMN incident_reports.is_background IS 'TRUE when the document recalls an earlier incident rather than reporting its news.';
COMMENT ON COLUMN incident_reports.event_date IS 'First day of the incident as this document states it; NULL when unknown.';
COMMENT ON COLUMN incident_reports.date_precision IS 'day, month, year or unknown.';
COMMENT ON COLUMN incident_reports.country IS 'Country, English short name (ISO 3166).';
COMMENT ON COLUMN incident_reports.country_iso3 IS 'Country, ISO 3166-1 alpha-3.';
COMMENT ON COLUMN incident_reports.admin1 IS 'First-level division (province, state); NULL when unknown.';
COMMENT ON COLUMN incident_reports.city IS 'City, town, village or district named; NULL when unknown.';
COMMENT ON COLUMN incident_reports.latitude IS 'Latitude of the most precise place named.';
COMMENT ON COLUMN incident_reports.longitude IS 'Longitude of the most precise place named.';
COMMENT ON COLUMN incident_reports.geo_precision IS 'city, admin1, country or unknown.';
COMMENT ON COLUMN incident_reports.attack_type IS 'GTD attack type label.';
COMMENT ON COLUMN incident_reports.target_type IS 'GTD target type label, or NULL.';
COMMENT ON COLUMN incident_reports.weapon_type IS 'GTD weapon type label, or NULL.';
COMMENT ON COLUMN incident_reports.suicide IS 'A suicide attack.';
COMMENT ON COLUMN incident_reports.perpetrator IS 'Canonical group name; NULL when no group is named.';
COMMENT ON COLUMN incident_reports.perpetrator_claimed IS 'TRUE: the group claimed it; FALSE: only attributed or suspected.';
COMMENT ON COLUMN incident_reports.killed_low IS 'Deaths, attackers included, lowest reading of the figure ("at least 5" -> 5).';
COMMENT ON COLUMN incident_reports.killed_best IS 'Deaths, the figure as stated ("more than 50" -> 51, "dozens" -> NULL).';
COMMENT ON COLUMN incident_reports.killed_high IS 'Deaths, upper bound when stated ("between 70 and 80" -> 80).';
COMMENT ON COLUMN incident_reports.wounded_low IS 'Injured, lowest reading of the figure.';
COMMENT ON COLUMN incident_reports.wounded_best IS 'Injured, the figure as stated.';
COMMENT ON COLUMN incident_reports.wounded_high IS 'Injured, upper bound when stated.';
COMMENT ON COLUMN incident_reports.summary IS 'One sentence of the document that states the incident.';
COMMENT ON COLUMN incident_reports.evidence IS 'The sentence or sentences the attributes were read from.';
COMMENT ON COLUMN incident_reports.char_start IS 'Offset of the evidence in documents.text (first character).';
COMMENT ON COLUMN incident_reports.char_end IS 'Offset of the evidence in documents.text (one past the last character).';
COMMENT ON COLUMN incident_reports.confidence IS 'How sure extraction is that this is a real incident report, 0..1.';
COMMENT ON COLUMN incident_reports.run_id IS 'The run that extracted this report (runs.run_id).';
COMMENT ON COLUMN incident_reports.published_at IS 'When the document was published (documents.published_at).';
