-- The app roles (0012) and the document change feed (0014): the MCP server's search index reads the deletions'
-- tombstones and forgets those older than it keeps (DocumentChangeFeed). Nothing else of the feed needs a grant:
-- documents' new columns are covered by its table grant, and LISTEN and pg_current_snapshot() need none.
GRANT SELECT, DELETE ON document_deletions TO autri_mcp;
