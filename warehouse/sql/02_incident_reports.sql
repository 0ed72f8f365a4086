-- One row per incident as one document states it, with its evidence and offsets.
CREATE OR REPLACE VIEW incident_reports AS
SELECT report_id, incident_id, doc_id, is_background,
       event_date, date_precision, country, country_iso3, admin1, city, latitude, longitude,
       geo_precision, attack_type, target_type, weapon_type, suicide, perpetrator,
       perpetrator_claimed, killed_low, killed_best, killed_high, wounded_low, wounded_best,
       wounded_high, summary, evidence, char_start, char_end, confidence
FROM read_parquet('{{VERSION_DIR}}/incident_reports/*.parquet');
