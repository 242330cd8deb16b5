-- pgvector exists on RDS but not in Debian 12's PostgreSQL 15; create it only where it can be.
-- The health page reports whether it is installed.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') THEN
        CREATE EXTENSION IF NOT EXISTS vector;
    END IF;
END
$$;
