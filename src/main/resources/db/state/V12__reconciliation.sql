-- What each run proved about its table: for key scans, the keys listed, whether the listing held
-- still, rows removed, repaired and held; for every run, rows written. Shown by GET /api/runs/{id}.
ALTER TABLE sync_runs ADD COLUMN reconciliation jsonb;

-- An activation whose mirror diff removes more than its maxRemove ends awaiting an operator.
ALTER TABLE sync_runs DROP CONSTRAINT sync_runs_status_check;
ALTER TABLE sync_runs ADD CONSTRAINT sync_runs_status_check CHECK (status IN ('queued', 'running', 'succeeded', 'warning', 'failed',
    'skipped', 'cancelled', 'interrupted', 'awaiting-approval'));

-- Keys a consistent key scan did not find in the API, from the first scan that missed them. A key
-- is removed only when a lookup answers 404/410 or a second consistent scan misses it too, and its
-- row was not written since; a key listed again leaves. Held keys wait for an operator (maxRemove).
CREATE TABLE scan_suspects (
    sync_id      text        NOT NULL,
    key          jsonb       NOT NULL,
    missed_since timestamptz NOT NULL,
    held         boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (sync_id, key)
);

-- A removal larger than maxRemove, waiting for POST /api/syncs/{id}/removals/approve or /reject:
-- its size, the limit it broke and a few keys. An activation's approved plan is sent by its next run.
CREATE TABLE pending_removals (
    sync_id     text        PRIMARY KEY,
    run_id      bigint,
    rows        bigint      NOT NULL,
    limit_rows  bigint      NOT NULL,
    sample      jsonb       NOT NULL,
    held_at     timestamptz NOT NULL DEFAULT now(),
    approved_at timestamptz
);
