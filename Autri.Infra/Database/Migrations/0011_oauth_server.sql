-- The portal's OAuth 2.1 authorization server for MCP clients (OpenIddict, Autri.Portal/Features/OAuth):
-- OpenIddict's stores, the signing keys, and connectors of kind app_access (one per consent).

-- BEGIN OAuthDbContext create script
-- Generated once from Autri.Infra/OAuth/OAuthDbContext.cs with EF Core's GenerateCreateScript and kept verbatim:
-- OAuthSchemaTests fails when the EF model and this text differ (then add a migration; never edit this one).
CREATE TABLE oauth_applications (
    id uuid NOT NULL,
    application_type character varying(50),
    client_id character varying(100),
    client_secret text,
    client_type character varying(50),
    concurrency_token character varying(50),
    consent_type character varying(50),
    display_name text,
    display_names text,
    json_web_key_set text,
    permissions text,
    post_logout_redirect_uris text,
    properties text,
    redirect_uris text,
    requirements text,
    settings text,
    CONSTRAINT oauth_applications_pkey PRIMARY KEY (id)
);


CREATE TABLE oauth_scopes (
    id uuid NOT NULL,
    concurrency_token character varying(50),
    description text,
    descriptions text,
    display_name text,
    display_names text,
    name character varying(200),
    properties text,
    resources text,
    CONSTRAINT oauth_scopes_pkey PRIMARY KEY (id)
);


CREATE TABLE oauth_authorizations (
    id uuid NOT NULL,
    application_id uuid,
    concurrency_token character varying(50),
    creation_date timestamp with time zone,
    properties text,
    scopes text,
    status character varying(50),
    subject character varying(400),
    type character varying(50),
    CONSTRAINT oauth_authorizations_pkey PRIMARY KEY (id),
    CONSTRAINT oauth_authorizations_application_id_fkey FOREIGN KEY (application_id) REFERENCES oauth_applications (id)
);


CREATE TABLE oauth_tokens (
    id uuid NOT NULL,
    application_id uuid,
    authorization_id uuid,
    concurrency_token character varying(50),
    creation_date timestamp with time zone,
    expiration_date timestamp with time zone,
    payload text,
    properties text,
    redemption_date timestamp with time zone,
    reference_id character varying(100),
    status character varying(50),
    subject character varying(400),
    type character varying(150),
    CONSTRAINT oauth_tokens_pkey PRIMARY KEY (id),
    CONSTRAINT oauth_tokens_application_id_fkey FOREIGN KEY (application_id) REFERENCES oauth_applications (id),
    CONSTRAINT oauth_tokens_authorization_id_fkey FOREIGN KEY (authorization_id) REFERENCES oauth_authorizations (id)
);


CREATE UNIQUE INDEX oauth_applications_client_id_idx ON oauth_applications (client_id);


CREATE INDEX oauth_authorizations_application_id_status_subject_type_idx ON oauth_authorizations (application_id, status, subject, type);


CREATE UNIQUE INDEX oauth_scopes_name_idx ON oauth_scopes (name);


CREATE INDEX oauth_tokens_application_id_status_subject_type_idx ON oauth_tokens (application_id, status, subject, type);


CREATE INDEX oauth_tokens_authorization_id_idx ON oauth_tokens (authorization_id);


CREATE UNIQUE INDEX oauth_tokens_reference_id_idx ON oauth_tokens (reference_id);


-- END OAuthDbContext create script

-- RS256 signing keys, shared by every portal instance. The private key is a PKCS#8 blob protected with ASP.NET
-- Data Protection (purpose Autri.OAuth.SigningKeys, whose key ring is data_protection_keys), so a copy of this
-- table alone signs nothing. Rotation: Autri.Domain/OAuth/SigningKeySchedule.cs.
CREATE TABLE oauth_signing_keys (
    id              uuid PRIMARY KEY,
    created_at      timestamptz NOT NULL,
    activates_at    timestamptz NOT NULL,
    private_key_protected text NOT NULL
);

-- App access: the connector a consent creates, bound to the OpenIddict authorization its tokens belong to.
ALTER TABLE connectors DROP CONSTRAINT connectors_kind_check;
ALTER TABLE connectors ADD CONSTRAINT connectors_kind_check CHECK (kind IN ('oauth_client', 'api_key', 'app_access'));
ALTER TABLE connectors
    ADD COLUMN oauth_client_id text,                                                   -- the OAuth client's client_id (shared by every user of a metadata-document client)
    ADD COLUMN oauth_authorization_id uuid UNIQUE REFERENCES oauth_authorizations (id); -- the grant; revoking the connector revokes it
ALTER TABLE connectors ADD CONSTRAINT connectors_app_access_grant
    CHECK ((kind = 'app_access') = (oauth_client_id IS NOT NULL AND oauth_authorization_id IS NOT NULL));
CREATE INDEX connectors_app_access_by_client ON connectors (created_by, oauth_client_id) WHERE kind = 'app_access';
