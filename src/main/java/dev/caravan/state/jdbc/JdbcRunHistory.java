package dev.caravan.state.jdbc;

import dev.caravan.state.RowCounts;
import dev.caravan.state.RunHistory;
import dev.caravan.state.RunStatus;
import dev.caravan.state.SyncRun;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link RunHistory} in {@code caravan.sync_runs}, one short transaction per call. */
public final class JdbcRunHistory implements RunHistory {
    private static final int MAX_ERROR_LENGTH = 4000;
    private static final String COLUMNS = "run_id, sync_id, sequence_run_id, trigger, status, started_at, finished_at, "
            + "pages, rows_read, rows_added, rows_changed, rows_removed, rows_rejected, rows_delivered, error_class, error_message";

    private final DataSource dataSource;

    public JdbcRunHistory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public long queue(String syncId, String trigger) {
        String sql = "INSERT INTO caravan.sync_runs (sync_id, trigger, status) VALUES (?, ?, 'queued') RETURNING run_id";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, syncId);
            ps.setString(2, trigger);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot queue a run of sync " + syncId, e);
        }
    }

    @Override
    public void start(long runId) {
        String sql = "UPDATE caravan.sync_runs SET status = 'running', started_at = now() WHERE run_id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, runId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StateStoreException("cannot record the start of run " + runId, e);
        }
    }

    @Override
    public void finish(long runId, RunStatus status, RowCounts rows, Throwable error) {
        String sql = "UPDATE caravan.sync_runs SET status = ?, finished_at = now(), pages = ?, rows_read = ?, rows_added = ?, "
                + "rows_changed = ?, rows_removed = ?, rows_rejected = ?, rows_delivered = ?, error_class = ?, error_message = ? WHERE run_id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, status.value());
            ps.setLong(2, rows.pages());
            ps.setLong(3, rows.read());
            ps.setLong(4, rows.added());
            ps.setLong(5, rows.changed());
            ps.setLong(6, rows.removed());
            ps.setLong(7, rows.rejected());
            ps.setLong(8, rows.delivered());
            ps.setString(9, error == null ? null : error.getClass().getName());
            ps.setString(10, error == null ? null : truncate(String.valueOf(error.getMessage())));
            ps.setLong(11, runId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StateStoreException("cannot record the end of run " + runId, e);
        }
    }

    @Override
    public Optional<SyncRun> find(long runId) {
        List<SyncRun> runs = query("SELECT " + COLUMNS + " FROM caravan.sync_runs WHERE run_id = ?", runId);
        return runs.stream().findFirst();
    }

    @Override
    public List<SyncRun> recent(String syncId, int limit) {
        return query("SELECT " + COLUMNS + " FROM caravan.sync_runs WHERE sync_id = ? ORDER BY run_id DESC LIMIT ?", syncId, limit);
    }

    @Override
    public int markInterrupted() {
        String sql = "UPDATE caravan.sync_runs SET status = 'interrupted', finished_at = now(), "
                + "error_message = 'the runtime stopped while this run was queued or in progress' WHERE status IN ('queued', 'running')";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StateStoreException("cannot mark interrupted runs", e);
        }
    }

    private List<SyncRun> query(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            List<SyncRun> runs = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.add(map(rs));
                }
            }
            return runs;
        } catch (SQLException e) {
            throw new StateStoreException("cannot read run history", e);
        }
    }

    private static SyncRun map(ResultSet rs) throws SQLException {
        long sequenceRunId = rs.getLong("sequence_run_id");
        Long sequenceRun = rs.wasNull() ? null : sequenceRunId;
        Timestamp finished = rs.getTimestamp("finished_at");
        return new SyncRun(rs.getLong("run_id"), rs.getString("sync_id"), sequenceRun, rs.getString("trigger"),
                RunStatus.fromValue(rs.getString("status")), rs.getTimestamp("started_at").toInstant(),
                finished == null ? null : finished.toInstant(),
                new RowCounts(rs.getLong("pages"), rs.getLong("rows_read"), rs.getLong("rows_added"), rs.getLong("rows_changed"),
                        rs.getLong("rows_removed"), rs.getLong("rows_rejected"), rs.getLong("rows_delivered")),
                rs.getString("error_class"), rs.getString("error_message"));
    }

    private static String truncate(String message) {
        return message.length() <= MAX_ERROR_LENGTH ? message : message.substring(0, MAX_ERROR_LENGTH) + "…";
    }
}
