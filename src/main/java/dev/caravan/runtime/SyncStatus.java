package dev.caravan.runtime;

import java.util.Map;

/**
 * What the API says about one sync. Times are ISO-8601 strings. {@code lagSeconds} is the age of
 * {@code completeUpTo}: every change made in the API before that instant is in PostgreSQL.
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
        Map<String, Object> lastRun) {

    /**
     * Backfill progress: pages and records committed, the rate so far, and, when the API reports
     * its total ({@code source.total}), that total and the seconds still to go at this rate.
     */
    public record Backfill(boolean completed, long pages, long records, Long total, String startedAt, String finishedAt, Double recordsPerSecond,
                           Double etaSeconds) {
    }
}
