-- Core schema: identities, orgs, libraries, connectors, notifications, audit.
-- Applied once under the migrator's advisory lock; never edit after it has been applied anywhere.

CREATE TABLE users (
    id            uuid PRIMARY KEY,
    subject       text NOT NULL UNIQUE,          -- the IdP's "sub" (Cognito user id in production)
    email         text NOT NULL UNIQUE,
    display_name  text NOT NULL DEFAULT '',
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_sign_in_at timestamptz
);

CREATE TABLE orgs (
    id          uuid PRIMARY KEY,
    name        text NOT NULL,
    personal_of uuid UNIQUE REFERENCES users(id) ON DELETE CASCADE,  -- one personal org per user
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE org_members (
    org_id   uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    user_id  uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role     text NOT NULL CHECK (role IN ('owner', 'member')),
    added_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, user_id)
);

CREATE TABLE kbs (
    id         uuid PRIMARY KEY,
    org_id     uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    name       text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (org_id, name)
);

CREATE TABLE libraries (
    id         uuid PRIMARY KEY,
    org_id     uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    name       text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (org_id, name)
);

CREATE TABLE library_kbs (
    library_id uuid NOT NULL REFERENCES libraries(id) ON DELETE CASCADE,
    kb_id      uuid NOT NULL REFERENCES kbs(id) ON DELETE CASCADE,
    PRIMARY KEY (library_id, kb_id)
);

CREATE TABLE library_access (
    library_id uuid NOT NULL REFERENCES libraries(id) ON DELETE CASCADE,
    user_id    uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    access     text NOT NULL CHECK (access IN ('owner', 'read')),
    granted_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (library_id, user_id)
);

CREATE TABLE connectors (
    id               uuid PRIMARY KEY,
    org_id           uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    created_by       uuid NOT NULL REFERENCES users(id),
    library_id       uuid NOT NULL REFERENCES libraries(id),
    name             text NOT NULL,
    kind             text NOT NULL CHECK (kind IN ('oauth_client', 'api_key')),
    -- OAuth client: the IdP's client id, and (local IdP only) the RFC 7592 registration token, encrypted.
    client_id        text UNIQUE,
    registration_token_encrypted text,
    -- API key: HMAC-SHA256(pepper[pepper_version], key), and the first characters for display.
    key_hash         bytea UNIQUE,
    key_pepper_version int,
    key_prefix       text,
    expires_at       timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    revoked_at       timestamptz,
    last_used_at     timestamptz,
    CHECK ((kind = 'oauth_client') = (client_id IS NOT NULL)),
    CHECK ((kind = 'api_key') = (key_hash IS NOT NULL))
);
-- Names are unique per org among live connectors; a revoked name may be reused.
CREATE UNIQUE INDEX connectors_org_name_live ON connectors (org_id, lower(name)) WHERE revoked_at IS NULL;
CREATE INDEX connectors_created_by ON connectors (created_by);

CREATE TABLE mcp_audit_log (
    id           bigserial PRIMARY KEY,
    connector_id uuid REFERENCES connectors(id) ON DELETE SET NULL,
    tool         text NOT NULL,
    status       text NOT NULL,
    latency_ms   int NOT NULL,
    result_count int,
    at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mcp_audit_log_connector_at ON mcp_audit_log (connector_id, at DESC);

CREATE TABLE chat_queries (
    id         bigserial PRIMARY KEY,
    user_id    uuid REFERENCES users(id) ON DELETE SET NULL,
    library_id uuid REFERENCES libraries(id) ON DELETE SET NULL,
    model      text NOT NULL,
    input_tokens  int NOT NULL DEFAULT 0,
    output_tokens int NOT NULL DEFAULT 0,
    at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE notifications (
    id         bigserial PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    type       text NOT NULL,
    title      text NOT NULL,
    body       text NOT NULL DEFAULT '',
    link       text,
    created_at timestamptz NOT NULL DEFAULT now(),
    read_at    timestamptz
);
CREATE INDEX notifications_user_unread ON notifications (user_id, created_at DESC) WHERE read_at IS NULL;
CREATE INDEX notifications_user_created ON notifications (user_id, created_at DESC);
-- The welcome notification is created at most once per user, whoever provisions first.
CREATE UNIQUE INDEX notifications_one_welcome ON notifications (user_id) WHERE type = 'welcome';

CREATE TABLE audit_events (
    id         bigserial PRIMARY KEY,
    actor      text NOT NULL,                 -- email of the admin or user, or 'system'
    action     text NOT NULL,                 -- e.g. allowlist.save, connector.create
    target     text,
    details    jsonb NOT NULL DEFAULT '{}'::jsonb,
    at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_events_action_at ON audit_events (action, at DESC);

-- Local parameter store: SSM Parameter Store's semantics (name, type, value, version, history).
CREATE TABLE parameter_versions (
    name        text NOT NULL,
    version     bigint NOT NULL,
    type        text NOT NULL CHECK (type IN ('String', 'StringList', 'SecureString')),
    value       text NOT NULL,
    description text,
    modified_by text,
    modified_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (name, version)
);

-- ASP.NET Core data-protection keys, shared by every portal instance.
CREATE TABLE data_protection_keys (
    friendly_name text PRIMARY KEY,
    xml           text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
