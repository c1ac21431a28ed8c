package dev.caravan.state.jdbc;

import dev.caravan.state.SyncPhase;
import dev.caravan.state.SyncState;
import dev.caravan.state.SyncStateStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** {@link SyncStateStore} in {@code caravan.sync_state}: {@code INSERT … ON CONFLICT (sync_id) DO UPDATE}. */
public final class JdbcSyncStateStore implements SyncStateStore {
    private static final String COLUMNS = "sync_id, phase, backfill_completed, cursor_value, page_token, backfill_pages, "
            + "backfill_records, backfill_total, backfill_started_at, backfill_finished_at, last_poll_started_at, last_poll_finished_at, last_key_scan_at";

    @Override
    public Optional<SyncState> load(Connection connection, String syncId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + COLUMNS + " FROM caravan.sync_state WHERE sync_id = ?")) {
            ps.setString(1, syncId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new SyncState(rs.getString(1), SyncPhase.fromValue(rs.getString(2)), rs.getBoolean(3),
                        rs.getString(4), rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getObject(8, Long.class),
                        instant(rs, 9), instant(rs, 10), instant(rs, 11), instant(rs, 12), instant(rs, 13)));
            }
        }
    }

    @Override
    public void save(Connection connection, SyncState state) throws SQLException {
        String sql = "INSERT INTO caravan.sync_state (" + COLUMNS + ", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now()) "
                + "ON CONFLICT (sync_id) DO UPDATE SET phase = EXCLUDED.phase, backfill_completed = EXCLUDED.backfill_completed, "
                + "cursor_value = EXCLUDED.cursor_value, page_token = EXCLUDED.page_token, backfill_pages = EXCLUDED.backfill_pages, "
                + "backfill_records = EXCLUDED.backfill_records, backfill_total = EXCLUDED.backfill_total, backfill_started_at = EXCLUDED.backfill_started_at, "
                + "backfill_finished_at = EXCLUDED.backfill_finished_at, last_poll_started_at = EXCLUDED.last_poll_started_at, "
                + "last_poll_finished_at = EXCLUDED.last_poll_finished_at, last_key_scan_at = EXCLUDED.last_key_scan_at, updated_at = now()";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, state.syncId());
            ps.setString(2, state.phase().value());
            ps.setBoolean(3, state.backfillCompleted());
            ps.setString(4, state.cursorValue());
            ps.setString(5, state.pageToken());
            ps.setLong(6, state.backfillPages());
            ps.setLong(7, state.backfillRecords());
            ps.setObject(8, state.backfillTotal(), java.sql.Types.BIGINT);
            ps.setTimestamp(9, timestamp(state.backfillStartedAt()));
            ps.setTimestamp(10, timestamp(state.backfillFinishedAt()));
            ps.setTimestamp(11, timestamp(state.lastPollStartedAt()));
            ps.setTimestamp(12, timestamp(state.lastPollFinishedAt()));
            ps.setTimestamp(13, timestamp(state.lastKeyScanAt()));
            ps.executeUpdate();
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
