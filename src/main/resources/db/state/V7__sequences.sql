-- Sequences: each run's steps with their final state, the enabled switch set at run time, and
-- what the alert channels were last told.

-- One row per step of a sequence run, created when the run starts. sync_run_id is the step's
-- last attempt; attempts counts retries too. A step never started has no sync run.
CREATE TABLE sequence_steps (
    sequence_run_id bigint      NOT NULL REFERENCES sequence_runs (run_id) ON DELETE CASCADE,
    step_index      integer     NOT NULL,
    sync_id         text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'warning', 'failed', 'skipped', 'cancelled', 'interrupted')),
    started_at      timestamptz,
    finished_at     timestamptz,
    attempts        integer     NOT NULL DEFAULT 0,
    sync_run_id     bigint      REFERENCES sync_runs (run_id) ON DELETE SET NULL,
    reason          text,
    PRIMARY KEY (sequence_run_id, step_index)
);

-- PATCH /api/sequences/{id}. config_enabled is the file's value when the switch was set: once
-- the file says something else, the file wins again.
CREATE TABLE sequence_settings (
    sequence_id    text        PRIMARY KEY,
    enabled        boolean     NOT NULL,
    config_enabled boolean     NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- Last state sent to the alert channels per subject (a sequence, or a step's rejected rows),
-- so a sequence that stays broken alerts once, and once more when it recovers.
CREATE TABLE alert_states (
    subject    text        PRIMARY KEY,
    state      text        NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX sync_runs_by_sequence_run ON sync_runs (sequence_run_id) WHERE sequence_run_id IS NOT NULL;
