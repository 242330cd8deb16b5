-- API keys get a table of their own so one connector can hold two live keys while a rotation's grace
-- period runs: rotation adds the new key and sets the old key's expires_at to now + grace. The connector
-- stays the thing users name, grant a library to and revoke; its id never changes across rotations, so
-- audit rows and "last used" stay attached to it.
-- connectors.key_hash and key_pepper_version are retired (forced NULL below); connectors.key_prefix keeps
-- the newest key's display prefix and connectors.last_used_at the connector's last use, for list pages.

CREATE TABLE connector_api_keys (
    id             uuid PRIMARY KEY,
    connector_id   uuid NOT NULL REFERENCES connectors(id) ON DELETE CASCADE,
    key_hash       bytea NOT NULL UNIQUE CHECK (octet_length(key_hash) = 32), -- HMAC-SHA256(pepper[pepper_version], key)
    pepper_version int NOT NULL CHECK (pepper_version > 0),
    key_prefix     text NOT NULL,                                             -- e.g. autri_sk_Ab3d, for display
    created_at     timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz,                                               -- set by rotation: end of the grace period
    revoked_at     timestamptz,
    last_used_at   timestamptz
);
CREATE INDEX connector_api_keys_connector ON connector_api_keys (connector_id, created_at DESC);

-- Carry over any key stored the 0001 way.
INSERT INTO connector_api_keys (id, connector_id, key_hash, pepper_version, key_prefix, created_at, last_used_at)
SELECT gen_random_uuid(), id, key_hash, coalesce(key_pepper_version, 1), coalesce(key_prefix, 'autri_sk_'), created_at, last_used_at
FROM connectors
WHERE kind = 'api_key' AND key_hash IS NOT NULL;

-- 0001 required key_hash on every api_key connector; the hash now lives in connector_api_keys.
-- The constraint was unnamed, so find it by its definition (exactly one, or this migration fails).
DO $$
DECLARE
    name text;
BEGIN
    SELECT conname INTO STRICT name
    FROM pg_constraint
    WHERE conrelid = 'connectors'::regclass AND contype = 'c'
      AND pg_get_constraintdef(oid) LIKE '%key_hash IS NOT NULL%';
    EXECUTE format('ALTER TABLE connectors DROP CONSTRAINT %I', name);
END
$$;

UPDATE connectors SET key_hash = NULL, key_pepper_version = NULL WHERE key_hash IS NOT NULL OR key_pepper_version IS NOT NULL;
ALTER TABLE connectors ADD CONSTRAINT connectors_key_hash_retired CHECK (key_hash IS NULL AND key_pepper_version IS NULL);
COMMENT ON COLUMN connectors.key_hash IS 'Retired by 0004: API key hashes live in connector_api_keys.';
COMMENT ON COLUMN connectors.key_pepper_version IS 'Retired by 0004: see connector_api_keys.pepper_version.';
COMMENT ON COLUMN connectors.key_prefix IS 'Display prefix of the newest API key (connector_api_keys holds every key).';
