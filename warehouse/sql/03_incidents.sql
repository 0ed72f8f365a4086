-- One row per real-world incident, all its reports merged (quarantined incidents held back).
CREATE OR REPLACE VIEW incidents AS
SELECT incident_id, event_date, date_precision, country, country_iso3, admin1, city,
       latitude, longitude, geo_precision, attack_type, target_type, weapon_type, suicide,
       perpetrator, perpetrator_claimed, killed_low, killed_best, killed_high,
       wounded_low, wounded_best, wounded_high, n_reports, summary, first_seen_at, updated_at
FROM read_parquet('{{VERSION_DIR}}/incidents/*.parquet');
