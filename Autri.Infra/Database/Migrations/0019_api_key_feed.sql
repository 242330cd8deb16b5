-- A change feed for the MCP servers' in-memory replica of API keys (Autri.Infra/Connectors/ApiKeys/ApiKeyReplica.cs),
-- so verifying a key no instance has seen yet needs no query (bench/api-keys). Postgres stays the store of record.
--
-- The same pattern as the documents feed (0014): a row written by a transaction carries its id (change_xid); a reader
-- that has seen every change of transactions below X (the xmin of a snapshot it read with) asks for change_xid >= X
-- next time. Only the columns that decide a key's fate stamp a row: the MCP server's once-a-minute last_used_at writes
-- must not turn into changes every instance re-reads. A deleted key (by hand, or by a cascade: no request path deletes
-- keys or connectors) leaves a tombstone for an hour, so an instance drops it too. Who is suspended (0017) is a small
-- table the replica re-reads whole; its statements only notify.

ALTER TABLE connector_api_keys ADD COLUMN change_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
ALTER TABLE connectors ADD COLUMN change_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX connector_api_keys_change_xid ON connector_api_keys (change_xid);
CREATE INDEX connectors_change_xid ON connectors (change_xid);

CREATE TABLE api_key_deletions (
    key_id      uuid PRIMARY KEY,
    change_xid  xid8 NOT NULL DEFAULT pg_current_xact_id(),
    deleted_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX api_key_deletions_change_xid ON api_key_deletions (change_xid);

CREATE FUNCTION api_keys_stamp_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.change_xid := pg_current_xact_id();
    RETURN NEW;
END $$;

-- The tombstone table prunes itself here: deleting is an owner's act, so no app role needs to write it.
CREATE FUNCTION api_keys_record_deletion() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM api_key_deletions WHERE deleted_at < now() - interval '1 hour';
    INSERT INTO api_key_deletions (key_id) VALUES (OLD.id)
    ON CONFLICT (key_id) DO UPDATE SET change_xid = pg_current_xact_id(), deleted_at = now();
    RETURN OLD;
END $$;

CREATE FUNCTION api_keys_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('autri_api_keys', '');
    RETURN NULL;
END $$;

CREATE TRIGGER connector_api_keys_stamp_change
    BEFORE INSERT OR UPDATE OF connector_id, key_hash, pepper_version, expires_at, revoked_at ON connector_api_keys
    FOR EACH ROW EXECUTE FUNCTION api_keys_stamp_change();
CREATE TRIGGER connectors_stamp_change
    BEFORE INSERT OR UPDATE OF org_id, library_id, created_by, kind, expires_at, revoked_at ON connectors
    FOR EACH ROW EXECUTE FUNCTION api_keys_stamp_change();
CREATE TRIGGER connector_api_keys_record_deletion AFTER DELETE ON connector_api_keys
    FOR EACH ROW EXECUTE FUNCTION api_keys_record_deletion();

CREATE TRIGGER connector_api_keys_notify_change
    AFTER INSERT OR DELETE OR UPDATE OF connector_id, key_hash, pepper_version, expires_at, revoked_at ON connector_api_keys
    FOR EACH STATEMENT EXECUTE FUNCTION api_keys_notify_change();
CREATE TRIGGER connectors_notify_change
    AFTER UPDATE OF org_id, library_id, created_by, kind, expires_at, revoked_at ON connectors
    FOR EACH STATEMENT EXECUTE FUNCTION api_keys_notify_change();
CREATE TRIGGER suspended_owners_notify_change AFTER INSERT OR UPDATE OR DELETE ON suspended_owners
    FOR EACH STATEMENT EXECUTE FUNCTION api_keys_notify_change();

-- The MCP server reads the tombstones; the new columns are covered by the tables' existing grants.
GRANT SELECT ON api_key_deletions TO autri_mcp;
