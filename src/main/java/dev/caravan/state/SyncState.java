package dev.caravan.state;

import java.time.Instant;

/**
 * The persisted position of one API sync. The switch from backfill to incremental happens only
 * when {@code backfillCompleted} is saved, in the same transaction as the backfill's last page.
 *
 * @param cursorValue highest cursor committed (incremental lower bound before lookback), or null
 * @param pageToken   the backfill page to fetch next (a paginator token), or null to start over
 * @param backfillTotal the number of records the API last said it has in all, or null when it does not say
 */
public record SyncState(
        String syncId,
        SyncPhase phase,
        boolean backfillCompleted,
        String cursorValue,
        String pageToken,
        long backfillPages,
        long backfillRecords,
        Long backfillTotal,
        Instant backfillStartedAt,
        Instant backfillFinishedAt,
        Instant lastPollStartedAt,
        Instant lastPollFinishedAt,
        Instant lastKeyScanAt) {

    public static SyncState initial(String syncId) {
        return new SyncState(syncId, SyncPhase.BACKFILL, false, null, null, 0, 0, null, null, null, null, null, null);
    }

    /**
     * After a backfill page: where to continue, the highest cursor seen so far (may be null), and
     * the total the page reported (null keeps the last one known).
     */
    public SyncState backfillPage(String nextPageToken, long records, Instant startedAt, String highestCursor, Long total) {
        return new SyncState(syncId, SyncPhase.BACKFILL, false, highestCursor != null ? highestCursor : cursorValue, nextPageToken, backfillPages + 1,
                backfillRecords + records, total != null ? total : backfillTotal, backfillStartedAt != null ? backfillStartedAt : startedAt, null, lastPollStartedAt, lastPollFinishedAt,
                lastKeyScanAt);
    }

    public SyncState backfillCompleted(String cursor, Instant at) {
        return new SyncState(syncId, SyncPhase.INCREMENTAL, true, cursor, null, backfillPages, backfillRecords, backfillTotal,
                backfillStartedAt, at, lastPollStartedAt, lastPollFinishedAt, lastKeyScanAt);
    }

    public SyncState polled(String cursor, Instant startedAt, Instant finishedAt) {
        return new SyncState(syncId, phase, backfillCompleted, cursor, pageToken, backfillPages, backfillRecords, backfillTotal,
                backfillStartedAt, backfillFinishedAt, startedAt, finishedAt, lastKeyScanAt);
    }

    /**
     * After a poll whose listing shifted: the cursor moves only as far as was read consistently, and
     * the last poll's times stay, since the table is not known complete as of this poll (lag grows).
     */
    public SyncState pollHeld(String cursor) {
        return new SyncState(syncId, phase, backfillCompleted, cursor, pageToken, backfillPages, backfillRecords, backfillTotal,
                backfillStartedAt, backfillFinishedAt, lastPollStartedAt, lastPollFinishedAt, lastKeyScanAt);
    }

    /** Start the backfill over (a new column or a widened type needs every record again). */
    public SyncState restartBackfill() {
        return new SyncState(syncId, SyncPhase.BACKFILL, false, cursorValue, null, 0, 0, backfillTotal, null, null, lastPollStartedAt, lastPollFinishedAt,
                lastKeyScanAt);
    }

    /** After a full key scan that completed at {@code at}. */
    public SyncState keysScanned(Instant at) {
        return new SyncState(syncId, phase, backfillCompleted, cursorValue, pageToken, backfillPages, backfillRecords, backfillTotal,
                backfillStartedAt, backfillFinishedAt, lastPollStartedAt, lastPollFinishedAt, at);
    }
}
