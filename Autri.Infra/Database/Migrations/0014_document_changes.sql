-- A change feed for the MCP servers' in-process search indexes (Autri.Infra/Documents/Search). Postgres stays the
-- store of record; each server instance keeps a Lucene index of the KBs it serves and follows this feed.
--
-- Every inserted or updated row carries the id of the transaction that wrote it (change_xid) and a per-row version
-- that only grows (updates of one row are serialized by its row lock, so versions order them where xids may not).
-- Deleted rows leave a tombstone with the deleting transaction's id. A reader that has seen every change of
-- transactions below X (the xmin of a snapshot it read with) asks for change_xid >= X next time: transactions
-- below a snapshot's xmin are all finished, so nothing below X can still appear. One NOTIFY per statement wakes
-- the readers; they also poll, so a notification lost during a reconnect costs at most one poll interval.

ALTER TABLE documents
    ADD COLUMN version    bigint NOT NULL DEFAULT 1,
    ADD COLUMN change_xid xid8   NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX documents_change_xid ON documents (change_xid);

CREATE TABLE document_deletions (
    id          uuid PRIMARY KEY,
    kb_id       uuid NOT NULL,
    change_xid  xid8 NOT NULL DEFAULT pg_current_xact_id(),
    deleted_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX document_deletions_change_xid ON document_deletions (change_xid);
CREATE INDEX document_deletions_deleted_at ON document_deletions (deleted_at);

CREATE FUNCTION documents_stamp_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.change_xid := pg_current_xact_id();
    IF TG_OP = 'UPDATE' THEN
        NEW.version := OLD.version + 1;
    ELSE
        NEW.version := 1;
        DELETE FROM document_deletions WHERE id = NEW.id; -- an id written again is no longer deleted
    END IF;
    RETURN NEW;
END $$;

CREATE FUNCTION documents_record_deletion() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO document_deletions (id, kb_id) VALUES (OLD.id, OLD.kb_id)
    ON CONFLICT (id) DO UPDATE SET kb_id = EXCLUDED.kb_id, change_xid = pg_current_xact_id(), deleted_at = now();
    RETURN OLD;
END $$;

CREATE FUNCTION documents_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('autri_documents', '');
    RETURN NULL;
END $$;

CREATE TRIGGER documents_stamp_change BEFORE INSERT OR UPDATE ON documents
    FOR EACH ROW EXECUTE FUNCTION documents_stamp_change();
CREATE TRIGGER documents_record_deletion AFTER DELETE ON documents
    FOR EACH ROW EXECUTE FUNCTION documents_record_deletion();
CREATE TRIGGER documents_notify_change AFTER INSERT OR UPDATE OR DELETE ON documents
    FOR EACH STATEMENT EXECUTE FUNCTION documents_notify_change();
