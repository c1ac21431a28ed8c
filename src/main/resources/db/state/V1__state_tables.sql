-- Caravan's own state, in schema "caravan". Applied by Flyway at start; never edit a released
-- migration, add the next version instead.

-- One row per sync: where it stands (Debezium's offset row, with an explicit phase).
CREATE TABLE sync_state (
    sync_id            text        PRIMARY KEY,
    phase              text        NOT NULL DEFAULT 'backfill' CHECK (phase IN ('backfill', 'incremental')),
    backfill_completed boolean     NOT NULL DEFAULT false,
    cursor_value       text,
    page_token         text,
    updated_at         timestamptz NOT NULL DEFAULT now()
);

-- Sequence runs; step runs are the sync runs that point at them.
CREATE TABLE sequence_runs (
    run_id       bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sequence_id  text        NOT NULL,
    trigger      text        NOT NULL,
    status       text        NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'warning', 'failed', 'skipped', 'cancelled', 'interrupted')),
    queued_at    timestamptz NOT NULL DEFAULT now(),
    started_at   timestamptz,
    finished_at  timestamptz,
    reason       text
);
CREATE INDEX sequence_runs_by_sequence ON sequence_runs (sequence_id, run_id DESC);

-- Every run of every sync: append-only history.
CREATE TABLE sync_runs (
    run_id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sync_id         text        NOT NULL,
    sequence_run_id bigint      REFERENCES sequence_runs (run_id) ON DELETE CASCADE,
    trigger         text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'warning', 'failed', 'skipped', 'cancelled', 'interrupted')),
    started_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz,
    pages           bigint      NOT NULL DEFAULT 0,
    rows_read       bigint      NOT NULL DEFAULT 0,
    rows_added      bigint      NOT NULL DEFAULT 0,
    rows_changed    bigint      NOT NULL DEFAULT 0,
    rows_removed    bigint      NOT NULL DEFAULT 0,
    rows_rejected   bigint      NOT NULL DEFAULT 0,
    error_class     text,
    error_message   text
);
CREATE INDEX sync_runs_by_sync ON sync_runs (sync_id, run_id DESC);
CREATE INDEX sync_runs_by_start ON sync_runs (started_at);
