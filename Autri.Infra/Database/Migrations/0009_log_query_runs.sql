-- Logs Insights runs started from the portal (/ops/logs). Any instance shows any run; the instance that
-- started a run (owner) drives it and refreshes heartbeat_at, so a run whose owner died can be failed by others.
CREATE TABLE log_query_runs (
    id               uuid PRIMARY KEY,
    query_hash       text NOT NULL,                 -- SHA-256 of (query, log groups, start, end): the 60-s reuse key
    query            text NOT NULL,
    log_groups       text[] NOT NULL,               -- the names sent to the backend (real log groups in AWS)
    range_start      timestamptz NOT NULL,
    range_end        timestamptz NOT NULL,
    saved_query      text,                          -- slug when started from a saved query
    backend_query_id text,                          -- StartQuery's queryId
    status           text NOT NULL CHECK (status IN
                       ('Queued', 'Starting', 'Scheduled', 'Running', 'Complete', 'Failed', 'Cancelled', 'Timeout')),
    waiting_for_aws  boolean NOT NULL DEFAULT false, -- StartQuery answered LimitExceededException; retrying
    cancel_requested boolean NOT NULL DEFAULT false,
    statistics       jsonb NOT NULL DEFAULT '{}',   -- recordsMatched, recordsScanned, bytesScanned
    columns          jsonb,                         -- result column names in query order
    result_rows      jsonb,                         -- array of arrays aligned with columns (null = field absent), at most 10,000
    row_count        integer NOT NULL DEFAULT 0,
    error            text,
    owner            text NOT NULL,                 -- the portal instance driving the run
    heartbeat_at     timestamptz NOT NULL DEFAULT now(),
    started_by       uuid REFERENCES users(id) ON DELETE SET NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    finished_at      timestamptz
);

CREATE INDEX log_query_runs_reuse ON log_query_runs (query_hash, created_at DESC);
CREATE INDEX log_query_runs_active ON log_query_runs (status) WHERE status IN ('Queued', 'Starting', 'Scheduled', 'Running');
CREATE INDEX log_query_runs_created ON log_query_runs (created_at);
