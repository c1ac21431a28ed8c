-- Activations: per sync, the hash of each row as last confirmed by the destination (the diff's
-- "previous run"), and the rows a destination refused, per run.
CREATE TABLE activation_snapshots (
    sync_id  text  NOT NULL,
    row_key  jsonb NOT NULL,
    row_hash text  NOT NULL,
    PRIMARY KEY (sync_id, row_key)
);

CREATE TABLE rejected_rows (
    id         bigserial   PRIMARY KEY,
    run_id     bigint      NOT NULL,
    sync_id    text        NOT NULL,
    row_key    jsonb       NOT NULL,
    operation  text        NOT NULL,
    status     integer,
    reason     text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rejected_rows_by_run ON rejected_rows (run_id, id);

ALTER TABLE sync_runs ADD COLUMN rows_delivered bigint NOT NULL DEFAULT 0;
