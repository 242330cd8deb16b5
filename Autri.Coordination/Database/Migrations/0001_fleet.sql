-- The coordination service's own database (never the product's): the deployments the vendor issued licences to,
-- what their agents report, the signed manifest of each release channel and the diagnostics bundles admins sent.

CREATE TABLE deployments (
    id                       uuid PRIMARY KEY,            -- the licence's deployment_id
    customer_id              text NOT NULL,
    label                    text NOT NULL DEFAULT '',    -- the vendor's own name for it ("Acme production")
    licence_expires_at       timestamptz NOT NULL,
    licence_grace_days       int NOT NULL,
    -- SHA-256 of the deployment credential (256 random bits, so no salt or stretching is needed); shown once, never stored.
    credential_hash          bytea NOT NULL,
    -- After a rotation the old credential keeps working until the new one is first used, so there is no gap.
    previous_credential_hash bytea,
    created_at               timestamptz NOT NULL DEFAULT now(),
    last_heartbeat_at        timestamptz,
    last_heartbeat           jsonb
);

CREATE TABLE heartbeats (
    id            bigserial PRIMARY KEY,
    deployment_id uuid NOT NULL REFERENCES deployments(id) ON DELETE CASCADE,
    received_at   timestamptz NOT NULL DEFAULT now(),
    body          jsonb NOT NULL
);
CREATE INDEX heartbeats_deployment_received ON heartbeats (deployment_id, received_at DESC);

-- One current manifest per channel; publishing replaces it.
CREATE TABLE manifests (
    channel      text PRIMARY KEY CHECK (channel IN ('stable', 'beta')),
    version      text NOT NULL,
    document     text NOT NULL,   -- the signed JWS, served as is
    published_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE diagnostics_uploads (
    id            uuid PRIMARY KEY,
    deployment_id uuid NOT NULL REFERENCES deployments(id) ON DELETE CASCADE,
    received_at   timestamptz NOT NULL DEFAULT now(),
    size_bytes    int NOT NULL,
    bundle        jsonb NOT NULL
);
CREATE INDEX diagnostics_uploads_deployment ON diagnostics_uploads (deployment_id, received_at DESC);
