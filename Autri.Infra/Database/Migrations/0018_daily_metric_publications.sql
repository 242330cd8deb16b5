-- The days whose daily metrics (each stack layer's cost, notifications sent and read) were published to CloudWatch.
-- A portal instance claims a day by inserting its row in the transaction that publishes, so with several instances
-- exactly one publishes each day, and a publish that fails leaves the day unclaimed for the next try.
CREATE TABLE daily_metric_publications (
    day          date PRIMARY KEY,
    published_at timestamptz NOT NULL,
    datums       integer NOT NULL CHECK (datums >= 0)
);

-- The portal publishes (0012_app_roles: a new table gets its grants where it is created).
GRANT SELECT, INSERT, UPDATE ON daily_metric_publications TO autri_portal;
