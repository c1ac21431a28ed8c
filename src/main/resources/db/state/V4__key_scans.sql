-- When the last full key scan (delete detection without a flag field) completed.
ALTER TABLE sync_state ADD COLUMN last_key_scan_at timestamptz;
