-- Backfill progress and polling times, shown by the API and used for max lag.
ALTER TABLE sync_state
    ADD COLUMN backfill_pages      bigint      NOT NULL DEFAULT 0,
    ADD COLUMN backfill_records    bigint      NOT NULL DEFAULT 0,
    ADD COLUMN backfill_started_at timestamptz,
    ADD COLUMN backfill_finished_at timestamptz,
    ADD COLUMN last_poll_started_at timestamptz,
    ADD COLUMN last_poll_finished_at timestamptz;
