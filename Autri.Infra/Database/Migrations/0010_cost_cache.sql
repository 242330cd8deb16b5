-- Cost Explorer and Budgets answers, cached for every portal instance and across restarts: each Cost Explorer
-- request costs USD 0.01 and its data changes at most three times a day (Autri.Infra/Costs/CostCache.cs).
CREATE TABLE cost_cache (
    key             text PRIMARY KEY,             -- view name ':' hash of the view's parameters
    view_name       text NOT NULL,
    parameters      jsonb NOT NULL,               -- what was asked, for people reading the table
    payload         jsonb,                        -- the last good answer; kept when a later fetch fails
    fetched_at      timestamptz,                  -- when payload was fetched
    last_error_code text,                         -- AWS's error code of the last failed fetch, e.g. ThrottlingException
    last_error      text,
    last_error_at   timestamptz,
    CHECK ((payload IS NULL) = (fetched_at IS NULL))
);

CREATE INDEX cost_cache_view_name ON cost_cache (view_name);
