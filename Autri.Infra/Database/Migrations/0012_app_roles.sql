-- One Postgres role per deployable, each granted only what its code does (README "Security model"); the tables stay
-- owned by the role that runs migrations (the RDS master user in AWS), which no request path holds.
--   autri_portal    the portal (its features' SQL in Autri.Infra, OpenIddict's EF stores, the Data Protection key ring)
--   autri_mcp       the internet-facing MCP server: reads documents and connectors, writes audit rows and last-use times
--   autri_triggers  the Cognito triggers: first-sign-in provisioning, and the pre-token connector lookup
-- A new table gets its grants in the migration that creates it; Autri.Infra.Tests/Database/AppRoleTests.cs holds the
-- whole matrix and fails on any table or privilege it does not list.
--
-- Roles are cluster-wide and may exist already (another database on the cluster, an earlier run): each is created only
-- when missing, tolerating another database's migration creating it at the same moment. No password here: in AWS the
-- migrate step sets each from its own Secrets Manager secret; local clusters trust 127.0.0.1.
DO $$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['autri_portal', 'autri_mcp', 'autri_triggers'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I LOGIN NOINHERIT', r);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL; -- created meanwhile by the migration of another database on the same cluster
            END;
        END IF;
        -- A role found already made must be no more than a login: anything else would void every grant below.
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r AND (rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls))
           OR EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles x ON x.oid = m.member WHERE x.rolname = r) THEN
            RAISE EXCEPTION 'Role % exists with more than LOGIN (superuser, createrole, createdb, replication, bypassrls or membership of another role): fix or drop it, then migrate again', r;
        END IF;
    END LOOP;
END
$$;

-- Only these roles (and the owner) may connect; nobody but the owner creates anything.
DO $$
BEGIN
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO autri_portal, autri_mcp, autri_triggers', current_database());
END
$$;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO autri_portal, autri_mcp, autri_triggers;

-- Readiness (/readyz, the Health page) compares the applied migrations with the build's.
GRANT SELECT ON schema_migrations TO autri_portal, autri_mcp;

-- The portal: sign-in provisioning, connectors and API keys, notifications, the allowlist (local parameter store),
-- admin audit rows (append only: no UPDATE or DELETE), Logs runs, the cost cache, the OAuth authorization server
-- and its signing keys, and the Data Protection key ring (UPDATE: re-encryption at start).
GRANT SELECT, INSERT, UPDATE ON users TO autri_portal;
GRANT SELECT, INSERT ON orgs, org_members, kbs, libraries, library_kbs, library_access TO autri_portal;
GRANT SELECT, INSERT, UPDATE ON connectors, connector_api_keys, notifications TO autri_portal;
GRANT SELECT ON mcp_audit_log TO autri_portal;
GRANT SELECT, INSERT ON audit_events TO autri_portal;
GRANT SELECT, INSERT, DELETE ON parameter_versions, oauth_signing_keys TO autri_portal;
GRANT SELECT, INSERT, UPDATE ON data_protection_keys TO autri_portal;
GRANT SELECT, INSERT, UPDATE, DELETE ON log_query_runs, cost_cache,
    oauth_applications, oauth_authorizations, oauth_scopes, oauth_tokens TO autri_portal;
GRANT USAGE ON SEQUENCE notifications_id_seq, audit_events_id_seq TO autri_portal;

-- The MCP server: what a connector may read, the credentials that name a connector, and its own traces. It may set
-- last_used_at and nothing else of a connector or key (a revoked one stays revoked however the server is abused).
GRANT SELECT ON connectors, connector_api_keys, documents, kbs, libraries, library_kbs TO autri_mcp;
GRANT UPDATE (last_used_at) ON connectors, connector_api_keys TO autri_mcp;
GRANT INSERT ON mcp_audit_log TO autri_mcp;
GRANT USAGE ON SEQUENCE mcp_audit_log_id_seq TO autri_mcp;

-- The triggers: post-confirmation provisions the user, personal org, KB, library and welcome notification
-- (Autri.Infra/Provisioning); pre-token-generation reads the connector of a client id.
GRANT SELECT, INSERT, UPDATE ON users TO autri_triggers;
GRANT SELECT, INSERT ON orgs, org_members, kbs, libraries, library_kbs, library_access TO autri_triggers;
GRANT INSERT, SELECT (user_id, type) ON notifications TO autri_triggers; -- SELECT: the welcome's ON CONFLICT arbiter
GRANT USAGE ON SEQUENCE notifications_id_seq TO autri_triggers;
GRANT SELECT ON connectors TO autri_triggers;
