-- One row per input document (ok, duplicate or rejected); `text` is the text offsets refer to.
CREATE OR REPLACE VIEW documents AS
SELECT doc_id, external_id, source, url, title, published_at, language, n_chars,
       content_sha256, ingested_at, status, reject_reason, metadata, text
FROM read_parquet({{documents}});

COMMENT ON VIEW documents IS 'One row per input document: read (ok), seen before under another name (duplicate) or not readable (rejected).';
COMMENT ON COLUMN documents.doc_id IS 'Stable id of the document, derived from its external id and its content.';
COMMENT ON COLUMN documents.external_id IS 'The input''s id or doc_id field, or the file path for .txt, .md and .html inputs.';
COMMENT ON COLUMN documents.source IS 'Outlet or feed that published it, as the input names it.';
COMMENT ON COLUMN documents.url IS 'Address of the article, when the input gives one.';
COMMENT ON COLUMN documents.title IS 'Headline or title.';
COMMENT ON COLUMN documents.published_at IS 'When the outlet published it (from the input); the anchor for relative dates such as "on Friday".';
COMMENT ON COLUMN documents.language IS 'Language code of the text.';
COMMENT ON COLUMN documents.n_chars IS 'Length of the text in characters.';
COMMENT ON COLUMN documents.content_sha256 IS 'SHA-256 of the text: the same text delivered twice is processed once.';
COMMENT ON COLUMN documents.ingested_at IS 'When the run that read it started (UTC).';
COMMENT ON COLUMN documents.status IS 'ok, duplicate or rejected.';
COMMENT ON COLUMN documents.reject_reason IS 'Why a rejected document could not be read; NULL otherwise.';
COMMENT ON COLUMN documents.metadata IS 'Other fields of the input record, as JSON.';
COMMENT ON COLUMN documents.text IS 'The text extraction read; char_start and char_end of reports index into it.';
