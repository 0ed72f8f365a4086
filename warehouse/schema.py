"""Arrow schemas of every published table: the one place column types are defined."""

from __future__ import annotations

import pyarrow as pa

from transforms.report_model import ATTRIBUTE_COLUMNS

# The extractor names the attribute columns (transforms.report_model); here they get types.
_ATTRIBUTE_TYPES = {
    "event_date": pa.date32(),
    "date_precision": pa.string(),
    "country": pa.string(),
    "country_iso3": pa.string(),
    "admin1": pa.string(),
    "city": pa.string(),
    "latitude": pa.float64(),
    "longitude": pa.float64(),
    "geo_precision": pa.string(),
    "attack_type": pa.string(),
    "target_type": pa.string(),
    "weapon_type": pa.string(),
    "suicide": pa.bool_(),
    "perpetrator": pa.string(),
    "perpetrator_claimed": pa.bool_(),
    "killed_low": pa.int32(),
    "killed_best": pa.int32(),
    "killed_high": pa.int32(),
    "wounded_low": pa.int32(),
    "wounded_best": pa.int32(),
    "wounded_high": pa.int32(),
}
_PLACE_AND_TYPES = [(name, _ATTRIBUTE_TYPES[name]) for name in ATTRIBUTE_COLUMNS]

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema(
        [
            ("doc_id", pa.string()),
            ("external_id", pa.string()),
            ("source", pa.string()),
            ("url", pa.string()),
            ("title", pa.string()),
            ("published_at", pa.timestamp("us")),
            ("language", pa.string()),
            ("n_chars", pa.int32()),
            ("content_sha256", pa.string()),
            ("ingested_at", pa.timestamp("us")),
            ("status", pa.string()),
            ("reject_reason", pa.string()),
            ("metadata", pa.string()),
            ("text", pa.string()),
        ]
    ),
    "incident_reports": pa.schema(
        [
            ("report_id", pa.string()),
            ("incident_id", pa.string()),
            ("doc_id", pa.string()),
            ("is_background", pa.bool_()),
            *_PLACE_AND_TYPES,
            ("summary", pa.string()),
            ("evidence", pa.string()),
            ("char_start", pa.int32()),
            ("char_end", pa.int32()),
            ("confidence", pa.float64()),
            ("published_at", pa.timestamp("us")),
            ("run_id", pa.string()),
        ]
    ),
    "incidents": pa.schema(
        [
            ("incident_id", pa.string()),
            *_PLACE_AND_TYPES,
            ("n_reports", pa.int32()),
            ("summary", pa.string()),
            ("first_seen_at", pa.timestamp("us")),
            ("updated_at", pa.timestamp("us")),
        ]
    ),
    "quarantine": pa.schema(
        [
            ("run_id", pa.string()),
            ("table_name", pa.string()),
            ("row_key", pa.string()),
            ("rule", pa.string()),
            ("detail", pa.string()),
            ("row_json", pa.string()),
        ]
    ),
    "runs": pa.schema(
        [
            ("run_id", pa.string()),
            ("started_at", pa.timestamp("us")),
            ("finished_at", pa.timestamp("us")),
            ("status", pa.string()),
            ("n_documents_new", pa.int32()),
            ("n_reports", pa.int32()),
            ("n_incidents", pa.int32()),
            ("n_quarantined", pa.int32()),
            ("dq_success", pa.bool_()),
            ("message", pa.string()),
        ]
    ),
    "incident_history": pa.schema(
        [
            ("incident_id", pa.string()),
            ("run_id", pa.string()),
            ("change", pa.string()),
            ("field", pa.string()),
            ("old_value", pa.string()),
            ("new_value", pa.string()),
            ("changed_at", pa.timestamp("us")),
        ]
    ),
}
# Internal state kept beside the published tables: every incident, quarantined ones included,
# so that ids survive a night in quarantine.
SCHEMAS["incident_state"] = pa.schema(
    [
        *SCHEMAS["incidents"],
        pa.field("quarantined", pa.bool_()),
        pa.field("merged_into", pa.string()),
    ]
)
PUBLIC_TABLES = [
    "documents",
    "incident_reports",
    "incidents",
    "quarantine",
    "runs",
    "incident_history",
]
