package dev.caravan.state.jdbc;

import dev.caravan.state.RunHistory;
import dev.caravan.state.RunStatus;
import dev.caravan.state.SequenceHistory;
import dev.caravan.state.SequenceRun;
import dev.caravan.state.SequenceStep;
import dev.caravan.state.SyncRun;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@link SequenceHistory} in {@code caravan.sequence_runs} and {@code caravan.sequence_steps}. */
public final class JdbcSequenceHistory implements SequenceHistory {
    private static final String RUN_COLUMNS = "run_id, sequence_id, trigger, status, queued_at, started_at, finished_at, reason";
    private static final String INTERRUPTED = "the runtime stopped while this run was queued or in progress";

    private static final String ORPHANED = "status IN ('queued', 'running') AND (node_id IS NULL OR node_id NOT IN (SELECT node_id FROM caravan.nodes))";

    private final Jdbc jdbc;
    private final RunHistory syncRuns;
    private final String nodeId;

    /** @param nodeId the runtime that queues runs through this history (see ClusterNode) */
    public JdbcSequenceHistory(DataSource dataSource, RunHistory syncRuns, String nodeId) {
        this.jdbc = new Jdbc(dataSource);
        this.syncRuns = syncRuns;
        this.nodeId = nodeId;
    }

    @Override
    public long queue(String sequenceId, String trigger) {
        return jdbc.insertReturningId("queue a run of sequence " + sequenceId,
                "INSERT INTO caravan.sequence_runs (sequence_id, trigger, status, node_id) VALUES (?, ?, 'queued', ?) RETURNING run_id",
                sequenceId, trigger, nodeId);
    }

    @Override
    public void start(long runId, List<String> stepSyncIds) {
        jdbc.update("record the start of sequence run " + runId,
                "WITH started AS (UPDATE caravan.sequence_runs SET status = 'running', started_at = now() WHERE run_id = ? RETURNING run_id) "
                        + "INSERT INTO caravan.sequence_steps (sequence_run_id, step_index, sync_id, status) "
                        + "SELECT started.run_id, s.ordinality - 1, s.sync_id, 'queued' FROM started, unnest(?::text[]) WITH ORDINALITY AS s(sync_id)",
                runId, stepSyncIds.toArray(String[]::new));
    }

    @Override
    public void startStep(long runId, int stepIndex) {
        jdbc.update("record the start of a step of sequence run " + runId,
                "UPDATE caravan.sequence_steps SET status = 'running', started_at = now() WHERE sequence_run_id = ? AND step_index = ?", runId, stepIndex);
    }

    @Override
    public void finishStep(long runId, int stepIndex, RunStatus status, int attempts, Long syncRunId, String reason) {
        jdbc.update("record the end of a step of sequence run " + runId,
                "UPDATE caravan.sequence_steps SET status = ?, finished_at = CASE WHEN started_at IS NULL THEN NULL ELSE now() END, "
                        + "attempts = ?, sync_run_id = ?, reason = ? WHERE sequence_run_id = ? AND step_index = ?",
                status.value(), attempts, syncRunId, reason, runId, stepIndex);
    }

    @Override
    public void finish(long runId, RunStatus status, String reason) {
        jdbc.update("record the end of sequence run " + runId,
                "UPDATE caravan.sequence_runs SET status = ?, finished_at = now(), reason = ? WHERE run_id = ?", status.value(), reason, runId);
    }

    @Override
    public Optional<SequenceRun> find(long runId) {
        List<SequenceRun> runs = jdbc.query("read sequence run " + runId, "SELECT " + RUN_COLUMNS + " FROM caravan.sequence_runs WHERE run_id = ?",
                JdbcSequenceHistory::mapRun, runId);
        if (runs.isEmpty()) {
            return Optional.empty();
        }
        Map<Long, SyncRun> attempts = syncRuns.ofSequenceRun(runId).stream().collect(Collectors.toMap(SyncRun::runId, Function.identity()));
        List<SequenceStep> steps = jdbc.query("read the steps of sequence run " + runId,
                "SELECT step_index, sync_id, status, started_at, finished_at, attempts, sync_run_id, reason FROM caravan.sequence_steps "
                        + "WHERE sequence_run_id = ? ORDER BY step_index", rs -> mapStep(rs, attempts), runId);
        SequenceRun run = runs.get(0);
        return Optional.of(new SequenceRun(run.runId(), run.sequenceId(), run.trigger(), run.status(), run.queuedAt(), run.startedAt(),
                run.finishedAt(), run.reason(), steps));
    }

    @Override
    public List<SequenceRun> page(String sequenceId, Long beforeRunId, int limit) {
        return jdbc.query("read the runs of sequence " + sequenceId, "SELECT " + RUN_COLUMNS + " FROM caravan.sequence_runs "
                + "WHERE sequence_id = ? AND run_id < ? ORDER BY run_id DESC LIMIT ?", JdbcSequenceHistory::mapRun,
                sequenceId, beforeRunId == null ? Long.MAX_VALUE : beforeRunId, limit);
    }

    @Override
    public Map<String, SequenceRun> lastFinished() {
        Map<String, SequenceRun> last = new LinkedHashMap<>();
        jdbc.query("read the last run of each sequence", "SELECT DISTINCT ON (sequence_id) " + RUN_COLUMNS + " FROM caravan.sequence_runs "
                        + "WHERE status NOT IN ('queued', 'running') ORDER BY sequence_id, run_id DESC", JdbcSequenceHistory::mapRun)
                .forEach(run -> last.put(run.sequenceId(), run));
        return last;
    }

    @Override
    public Optional<SequenceRun> lastFinished(String sequenceId) {
        return jdbc.query("read the last run of sequence " + sequenceId, "SELECT " + RUN_COLUMNS + " FROM caravan.sequence_runs "
                        + "WHERE sequence_id = ? AND status NOT IN ('queued', 'running') ORDER BY run_id DESC LIMIT 1", JdbcSequenceHistory::mapRun,
                sequenceId).stream().findFirst();
    }

    @Override
    public int markInterrupted() {
        jdbc.update("mark interrupted sequence steps", "UPDATE caravan.sequence_steps SET status = CASE WHEN status = 'running' "
                + "THEN 'interrupted' ELSE 'skipped' END, finished_at = CASE WHEN status = 'running' THEN now() END, reason = ? "
                + "WHERE status IN ('queued', 'running') AND sequence_run_id IN (SELECT run_id FROM caravan.sequence_runs WHERE " + ORPHANED + ")",
                INTERRUPTED);
        return jdbc.update("mark interrupted sequence runs", "UPDATE caravan.sequence_runs SET status = 'interrupted', finished_at = now(), "
                + "reason = ? WHERE " + ORPHANED, INTERRUPTED);
    }

    private static SequenceRun mapRun(ResultSet rs) throws SQLException {
        return new SequenceRun(rs.getLong("run_id"), rs.getString("sequence_id"), rs.getString("trigger"), RunStatus.fromValue(rs.getString("status")),
                Timestamps.instant(rs, "queued_at"), Timestamps.instant(rs, "started_at"), Timestamps.instant(rs, "finished_at"),
                rs.getString("reason"), List.of());
    }

    private static SequenceStep mapStep(ResultSet rs, Map<Long, SyncRun> syncRuns) throws SQLException {
        long syncRunId = rs.getLong("sync_run_id");
        SyncRun syncRun = rs.wasNull() ? null : syncRuns.get(syncRunId);
        return new SequenceStep(rs.getInt("step_index"), rs.getString("sync_id"), RunStatus.fromValue(rs.getString("status")),
                Timestamps.instant(rs, "started_at"), Timestamps.instant(rs, "finished_at"), rs.getInt("attempts"), rs.getString("reason"), syncRun);
    }
}
