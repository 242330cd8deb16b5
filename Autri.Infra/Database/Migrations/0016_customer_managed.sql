-- Customer-managed deployments (the coordination agent, licence, diagnostics). The agent never connects to this
-- database: it calls the portal's agent API, and the portal writes these tables.

-- Whether the user was in the admin group at their last sign-in. Groups belong to the identity provider; this copy
-- lets work done outside a request (a release notice from the agent) reach the deployment's admins.
ALTER TABLE users ADD COLUMN is_admin boolean NOT NULL DEFAULT false;
CREATE INDEX users_admins ON users (id) WHERE is_admin;

-- The licence the agent handed over, as signed by the vendor: the portal verifies it itself on every read.
CREATE TABLE deployment_licence (
    singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    document    text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);

-- Health as the agent saw it at each heartbeat, and whether the heartbeat reached the vendor (a week is kept).
CREATE TABLE agent_health_history (
    id          bigserial PRIMARY KEY,
    observed_at timestamptz NOT NULL,
    portal      text NOT NULL,
    mcp         text NOT NULL,
    database    text NOT NULL,
    delivered   boolean NOT NULL
);
CREATE INDEX agent_health_history_observed ON agent_health_history (observed_at DESC);

-- Diagnostics bundles admins generated (no document content by construction), and their upload through the agent.
CREATE TABLE diagnostics_bundles (
    id                  uuid PRIMARY KEY,
    created_by          uuid REFERENCES users(id) ON DELETE SET NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    content             jsonb NOT NULL,
    upload_requested_at timestamptz,
    uploaded_at         timestamptz,
    upload_reference    text,
    upload_error        text
);
CREATE INDEX diagnostics_bundles_created ON diagnostics_bundles (created_at DESC);
CREATE INDEX diagnostics_bundles_pending ON diagnostics_bundles (upload_requested_at) WHERE upload_requested_at IS NOT NULL AND uploaded_at IS NULL;

-- A release is announced to each admin once, however often the agent reports it.
CREATE UNIQUE INDEX notifications_one_release ON notifications (user_id, title) WHERE type = 'release';

-- The portal writes these tables (0012_app_roles: a new table gets its grants where it is created).
GRANT SELECT, INSERT, UPDATE, DELETE ON deployment_licence, agent_health_history, diagnostics_bundles TO autri_portal;
GRANT USAGE ON SEQUENCE agent_health_history_id_seq TO autri_portal;
