package dev.caravan.runtime;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * What the API says about one sync. Times are ISO-8601 strings. {@code lagSeconds} is the age of
 * {@code completeUpTo}: every change made in the API before that instant is in PostgreSQL.
 * {@code pendingRemoval} is null unless a removal waits for an operator.
 */
public record SyncStatus(
        String id,
        String kind,
        String description,
        Map<String, Object> schedule,
        boolean paused,
        String phase,
        Backfill backfill,
        String cursor,
        String completeUpTo,
        Double lagSeconds,
        Map<String, Object> lastRun,
        HeldRemoval pendingRemoval) {

    /**
     * A removal held for exceeding {@code maxRemove}: its size, the limit, the run that held it,
     * when, whether an operator approved it already, and a few of its keys.
     */
    public record HeldRemoval(long rows, long limit, Long runId, String heldAt, String approvedAt, JsonNode sample) {
    }

    /**
     * Backfill progress: pages and records committed, the rate so far, and, when the API reports
     * its total ({@code source.total}), that total and the seconds still to go at this rate.
     */
    public record Backfill(boolean completed, long pages, long records, Long total, String startedAt, String finishedAt, Double recordsPerSecond,
                           Double etaSeconds) {
    }
}
