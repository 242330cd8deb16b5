-- A connector works only while its owner is in the beta: on the allowlist, or an admin (issue 12, item 3). The allowlist
-- lives in SSM Parameter Store, which the MCP server and the triggers may not read, so the portal mirrors its effect here
-- whenever it saves the list and every half minute besides (someone may edit the parameter directly): one row per owner
-- the list no longer admits. Nothing else changes: re-inviting deletes the row and every connector works again.
CREATE TABLE suspended_owners (
    user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    since   timestamptz NOT NULL DEFAULT now()
);

-- Which version of the parameter the rows above reflect, so an instance that read an older version cannot undo a newer
-- mirror, and admins can see how current it is.
CREATE TABLE allowlist_mirror (
    singleton     boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    version       bigint NOT NULL,
    last_modified timestamptz NOT NULL,
    mirrored_at   timestamptz NOT NULL DEFAULT now()
);

-- The portal writes both; the MCP server and the pre-token trigger read who is suspended (user ids only: no email, no list).
GRANT SELECT, INSERT, DELETE ON suspended_owners TO autri_portal;
GRANT SELECT, INSERT, UPDATE ON allowlist_mirror TO autri_portal;
GRANT SELECT ON suspended_owners TO autri_mcp, autri_triggers;
