-- Documents of a knowledge base, searched by the MCP server with Postgres full-text search.
-- The tsvector is generated (title weighted above body) so every writer gets search for free, and a GIN
-- index serves websearch_to_tsquery matches. 'english' is a constant regconfig, so the expression is
-- immutable, as a generated column requires.

CREATE TABLE documents (
    id          uuid PRIMARY KEY,
    kb_id       uuid NOT NULL REFERENCES kbs(id) ON DELETE CASCADE,
    title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    source_uri  text CHECK (source_uri IS NULL OR length(source_uri) <= 2000),
    content     text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    search      tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('english'::regconfig, title), 'A') ||
                    setweight(to_tsvector('english'::regconfig, content), 'B')) STORED
);
CREATE INDEX documents_search ON documents USING gin (search);
-- list_documents pages a library's documents by id (UUIDv7: creation order) within each KB.
CREATE INDEX documents_kb_id ON documents (kb_id, id);
-- The audit page and the retention job read the newest rows across connectors.
CREATE INDEX mcp_audit_log_at ON mcp_audit_log (at DESC);
