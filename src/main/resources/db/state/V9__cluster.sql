-- Several runtimes on one database. Each runtime is a node with a heartbeat; a run belongs to the
-- node that started it, so when a node stops beating its runs are marked interrupted by the
-- others. A lease gives one node at a time the right to run a sync or a sequence.
CREATE TABLE nodes (
    node_id      text        PRIMARY KEY,
    host         text        NOT NULL,
    started_at   timestamptz NOT NULL DEFAULT now(),
    heartbeat_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE run_leases (
    resource    text        PRIMARY KEY,
    node_id     text        NOT NULL,
    acquired_at timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL
);

ALTER TABLE sync_runs ADD COLUMN node_id text;
ALTER TABLE sequence_runs ADD COLUMN node_id text;
