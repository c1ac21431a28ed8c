-- The total record count the API reports (when configured), for the backfill's ETA.
ALTER TABLE sync_state ADD COLUMN backfill_total bigint;
