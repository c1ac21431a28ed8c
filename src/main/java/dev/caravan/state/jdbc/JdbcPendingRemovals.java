package dev.caravan.state.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.state.PendingRemovals;

import javax.sql.DataSource;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** {@link PendingRemovals} in {@code caravan.pending_removals}. */
public final class JdbcPendingRemovals implements PendingRemovals {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Jdbc jdbc;

    public JdbcPendingRemovals(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public Optional<PendingRemoval> find(String syncId) {
        return jdbc.query("read the held removal of sync " + syncId, "SELECT sync_id, run_id, rows, limit_rows, sample::text, held_at, approved_at "
                + "FROM caravan.pending_removals WHERE sync_id = ?", JdbcPendingRemovals::map, syncId).stream().findFirst();
    }

    @Override
    public void hold(Connection connection, PendingRemoval removal) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO caravan.pending_removals (sync_id, run_id, rows, limit_rows, sample) "
                + "VALUES (?, ?, ?, ?, ?::jsonb) ON CONFLICT (sync_id) DO UPDATE SET run_id = EXCLUDED.run_id, rows = EXCLUDED.rows, "
                + "limit_rows = EXCLUDED.limit_rows, sample = EXCLUDED.sample, held_at = now(), approved_at = NULL")) {
            ps.setString(1, removal.syncId());
            ps.setObject(2, removal.runId());
            ps.setLong(3, removal.rows());
            ps.setLong(4, removal.limit());
            ps.setString(5, removal.sample().toString());
            ps.executeUpdate();
        }
    }

    @Override
    public boolean approve(String syncId) {
        return jdbc.update("approve the held removal of sync " + syncId,
                "UPDATE caravan.pending_removals SET approved_at = now() WHERE sync_id = ? AND approved_at IS NULL", syncId) > 0;
    }

    @Override
    public boolean reject(String syncId) {
        return jdbc.update("reject the held removal of sync " + syncId, "WITH held AS (DELETE FROM caravan.scan_suspects WHERE sync_id = ? AND held) "
                + "DELETE FROM caravan.pending_removals WHERE sync_id = ?", syncId, syncId) > 0;
    }

    @Override
    public void clear(Connection connection, String syncId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM caravan.pending_removals WHERE sync_id = ?")) {
            ps.setString(1, syncId);
            ps.executeUpdate();
        }
    }

    private static PendingRemoval map(ResultSet rs) throws SQLException {
        long runId = rs.getLong("run_id");
        Long run = rs.wasNull() ? null : runId;
        try {
            return new PendingRemoval(rs.getString("sync_id"), run, rs.getLong("rows"), rs.getLong("limit_rows"), JSON.readTree(rs.getString("sample")),
                    Timestamps.instant(rs, "held_at"), Timestamps.instant(rs, "approved_at"));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
