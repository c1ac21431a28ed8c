package dev.caravan.state.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.model.Secret;
import dev.caravan.state.Reconciliation;
import dev.caravan.state.RowCounts;
import dev.caravan.state.RunHistory;
import dev.caravan.state.RunStatus;
import dev.caravan.state.SyncRun;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** {@link RunHistory} in {@code caravan.sync_runs}, one short transaction per call. */
public final class JdbcRunHistory implements RunHistory {
    private static final int MAX_ERROR_LENGTH = 4000;
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final String COLUMNS = "run_id, sync_id, sequence_run_id, trigger, status, started_at, finished_at, "
            + "pages, rows_read, rows_added, rows_changed, rows_removed, rows_rejected, rows_delivered, error_class, error_message, reconciliation::text";

    private final Jdbc jdbc;
    private final String nodeId;

    /** @param nodeId the runtime that queues runs through this history (see ClusterNode) */
    public JdbcRunHistory(DataSource dataSource, String nodeId) {
        this.jdbc = new Jdbc(dataSource);
        this.nodeId = nodeId;
    }

    @Override
    public long queue(String syncId, String trigger, Long sequenceRunId) {
        return jdbc.insertReturningId("queue a run of sync " + syncId,
                "INSERT INTO caravan.sync_runs (sync_id, trigger, sequence_run_id, status, node_id) VALUES (?, ?, ?, 'queued', ?) RETURNING run_id",
                syncId, trigger, sequenceRunId, nodeId);
    }

    @Override
    public void start(long runId) {
        jdbc.update("record the start of run " + runId, "UPDATE caravan.sync_runs SET status = 'running', started_at = now() WHERE run_id = ?", runId);
    }

    @Override
    public void finish(long runId, RunStatus status, RowCounts rows, Throwable error) {
        jdbc.update("record the end of run " + runId, "UPDATE caravan.sync_runs SET status = ?, finished_at = now(), pages = ?, rows_read = ?, "
                        + "rows_added = ?, rows_changed = ?, rows_removed = ?, rows_rejected = ?, rows_delivered = ?, error_class = ?, "
                        + "error_message = ? WHERE run_id = ?",
                status.value(), rows.pages(), rows.read(), rows.added(), rows.changed(), rows.removed(), rows.rejected(), rows.delivered(),
                error == null ? null : error.getClass().getName(), error == null ? null : truncate(Secret.redact(String.valueOf(error.getMessage()))), runId);
    }

    @Override
    public void reconcile(long runId, Reconciliation reconciliation) {
        try {
            jdbc.update("record the reconciliation of run " + runId, "UPDATE caravan.sync_runs SET reconciliation = ?::jsonb WHERE run_id = ?",
                    JSON.writeValueAsString(reconciliation), runId);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Optional<SyncRun> find(long runId) {
        return read("SELECT " + COLUMNS + " FROM caravan.sync_runs WHERE run_id = ?", runId).stream().findFirst();
    }

    @Override
    public List<SyncRun> recent(String syncId, int limit) {
        return read("SELECT " + COLUMNS + " FROM caravan.sync_runs WHERE sync_id = ? ORDER BY run_id DESC LIMIT ?", syncId, limit);
    }

    @Override
    public List<SyncRun> ofSequenceRun(long sequenceRunId) {
        return read("SELECT " + COLUMNS + " FROM caravan.sync_runs WHERE sequence_run_id = ? ORDER BY run_id", sequenceRunId);
    }

    @Override
    public int markInterrupted() {
        return jdbc.update("mark interrupted runs", "UPDATE caravan.sync_runs SET status = 'interrupted', finished_at = now(), "
                + "error_message = 'the runtime stopped while this run was queued or in progress' WHERE status IN ('queued', 'running') "
                + "AND (node_id IS NULL OR node_id NOT IN (SELECT node_id FROM caravan.nodes))");
    }

    private List<SyncRun> read(String sql, Object... parameters) {
        return jdbc.query("read run history", sql, JdbcRunHistory::map, parameters);
    }

    private static SyncRun map(ResultSet rs) throws SQLException {
        long sequenceRunId = rs.getLong("sequence_run_id");
        Long sequenceRun = rs.wasNull() ? null : sequenceRunId;
        return new SyncRun(rs.getLong("run_id"), rs.getString("sync_id"), sequenceRun, rs.getString("trigger"),
                RunStatus.fromValue(rs.getString("status")), Timestamps.instant(rs, "started_at"), Timestamps.instant(rs, "finished_at"),
                new RowCounts(rs.getLong("pages"), rs.getLong("rows_read"), rs.getLong("rows_added"), rs.getLong("rows_changed"),
                        rs.getLong("rows_removed"), rs.getLong("rows_rejected"), rs.getLong("rows_delivered")),
                rs.getString("error_class"), rs.getString("error_message"), reconciliation(rs.getString("reconciliation")));
    }

    private static Reconciliation reconciliation(String json) {
        try {
            return json == null ? null : JSON.readValue(json, Reconciliation.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String truncate(String message) {
        return message.length() <= MAX_ERROR_LENGTH ? message : message.substring(0, MAX_ERROR_LENGTH) + "…";
    }
}
