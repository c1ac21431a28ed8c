-- Syncs paused at run time (POST /api/syncs/{id}/pause): their schedule does not start them.
CREATE TABLE sync_settings (
    sync_id    text        PRIMARY KEY,
    paused     boolean     NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
