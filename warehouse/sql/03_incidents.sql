-- One row per real-world incident, all its reports merged (quarantined incidents held back).
CREATE OR REPLACE VIEW incidents AS
SELECT incident_id, event_date, date_precision, country, country_iso3, admin1, city,
       latitude, longitude, geo_precision, attack_type, target_type, weapon_type, suicide,
       perpetrator, perpetrator_claimed, killed_low, killed_best, killed_high,
       wounded_low, wounded_best, wounded_high, n_reports, summary, first_seen_at, updated_at
FROM read_parquet({{incidents}});

COMMENT ON VIEW incidents IS 'One row per real-world incident, all its reports merged; incidents that broke a rule are held back (see quarantine).';
COMMENT ON COLUMN incidents.incident_id IS 'Stable id: the same incident keeps it across runs and as new reports arrive.';
COMMENT ON COLUMN incidents.event_date IS 'First day of the incident, as precise as the reports allow; NULL when unknown.';
COMMENT ON COLUMN incidents.date_precision IS 'day, month, year or unknown.';
COMMENT ON COLUMN incidents.country IS 'Country, English short name (ISO 3166).';
COMMENT ON COLUMN incidents.country_iso3 IS 'Country, ISO 3166-1 alpha-3.';
COMMENT ON COLUMN incidents.admin1 IS 'First-level division (province, state); NULL when unknown.';
COMMENT ON COLUMN incidents.city IS 'City, town, village or district named; NULL when unknown.';
COMMENT ON COLUMN incidents.latitude IS 'Latitude of the most precise place known.';
COMMENT ON COLUMN incidents.longitude IS 'Longitude of the most precise place known.';
COMMENT ON COLUMN incidents.geo_precision IS 'city, admin1, country or unknown.';
COMMENT ON COLUMN incidents.attack_type IS 'GTD attack type label (Bombing/Explosion, Armed Assault, ... Unknown).';
COMMENT ON COLUMN incidents.target_type IS 'GTD target type label, or NULL.';
COMMENT ON COLUMN incidents.weapon_type IS 'GTD weapon type label, or NULL.';
COMMENT ON COLUMN incidents.suicide IS 'A suicide attack.';
COMMENT ON COLUMN incidents.perpetrator IS 'Canonical group name; NULL when no group is named.';
COMMENT ON COLUMN incidents.perpetrator_claimed IS 'TRUE: the group claimed it; FALSE: only attributed or suspected.';
COMMENT ON COLUMN incidents.killed_low IS 'Deaths, attackers included: the lowest report''s low.';
COMMENT ON COLUMN incidents.killed_best IS 'Deaths, best estimate over the reports (the most recent report''s best).';
COMMENT ON COLUMN incidents.killed_high IS 'Deaths: the highest figure any report gives.';
COMMENT ON COLUMN incidents.wounded_low IS 'Injured: the lowest report''s low.';
COMMENT ON COLUMN incidents.wounded_best IS 'Injured, best estimate over the reports.';
COMMENT ON COLUMN incidents.wounded_high IS 'Injured: the highest figure any report gives.';
COMMENT ON COLUMN incidents.n_reports IS 'How many documents report it.';
COMMENT ON COLUMN incidents.summary IS 'One sentence that states it, from a report.';
COMMENT ON COLUMN incidents.first_seen_at IS 'When it was first published.';
COMMENT ON COLUMN incidents.updated_at IS 'When it last changed.';
