-- One row per input document (ok, duplicate or rejected); `text` is the text offsets refer to.
CREATE OR REPLACE VIEW documents AS
SELECT doc_id, external_id, source, url, title, published_at, language, n_chars,
       content_sha256, ingested_at, status, reject_reason, metadata, text
FROM read_parquet('{{VERSION_DIR}}/documents/*.parquet');
