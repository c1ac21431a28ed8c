-- Every configuration reload, applied or refused: who asked, when, and what changed by id.
CREATE TABLE config_reloads (
    reload_id    bigserial   PRIMARY KEY,
    requested_at timestamptz NOT NULL DEFAULT now(),
    actor        text        NOT NULL,
    status       text        NOT NULL CHECK (status IN ('applied', 'rejected', 'unchanged')),
    added        text[]      NOT NULL DEFAULT '{}',
    changed      text[]      NOT NULL DEFAULT '{}',
    removed      text[]      NOT NULL DEFAULT '{}',
    problems     text[]      NOT NULL DEFAULT '{}'
);

-- The part of each API sync's definition that decides what its table holds (connection, path,
-- parameters, records, key, table). When it changes, between runs, restarts or reloads, the sync
-- backfills again instead of polling from a cursor that belonged to another source.
CREATE TABLE sync_definitions (
    sync_id     text        PRIMARY KEY,
    fingerprint text        NOT NULL,
    changed_at  timestamptz NOT NULL DEFAULT now()
);
