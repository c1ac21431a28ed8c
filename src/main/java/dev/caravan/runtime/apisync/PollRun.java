package dev.caravan.runtime.apisync;

import dev.caravan.connector.destination.postgres.WriteResult;
import dev.caravan.connector.source.http.Page;
import dev.caravan.connector.source.http.PageRequest;
import dev.caravan.state.RowCounts;
import dev.caravan.state.SyncState;
import dev.caravan.state.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One poll for changes: every page from the stored cursor minus the lookback (an inclusive lower
 * bound) is upserted, each page in its own transaction. The new cursor is saved with the last
 * page, so it never moves past rows that are not committed; a crash mid-poll replays the poll.
 * Without an incremental spec every poll walks the whole collection (unchanged rows are skipped).
 */
final class PollRun {
    private static final Logger LOGGER = LoggerFactory.getLogger(PollRun.class);

    private final ApiSyncContext context;

    /** A page's write result, and the state saved with it (null for pages before the last). */
    private record PageOutcome(WriteResult written, SyncState saved) {
    }

    PollRun(ApiSyncContext context) {
        this.context = context;
    }

    /** What a poll did, and the sync state it committed last. */
    record Outcome(RowCounts counts, SyncState state) {
    }

    Outcome run(SyncState state) throws Exception {
        Instant started = Instant.now();
        Instant cursor = state.cursorValue() != null ? Instant.parse(state.cursorValue()) : null;
        Map<String, String> lowerBound = context.cursors() != null && cursor != null
                ? Map.of(context.cursors().param(), context.cursors().lowerBound(cursor)) : Map.of();
        RunCounter counter = new RunCounter(context.syncId(), "poll");
        Instant maxCursor = cursor;
        PageRequest request = context.paginator().first();
        while (true) {
            Page page = context.fetcher().fetch(request, lowerBound);
            Optional<PageRequest> next = context.paginator().next(request, page);
            maxCursor = context.cursors() == null ? maxCursor : context.cursors().max(maxCursor, page.records());
            Instant committedCursor = maxCursor;
            PageOutcome outcome = Transactions.inTransaction(context.dataSource(), c -> {
                WriteResult result = context.writer().write(c, page.records());
                SyncState saved = null;
                if (result.schemaEvolved()) {
                    saved = state.restartBackfill();
                } else if (next.isEmpty()) {
                    saved = state.polled(committedCursor == null ? null : committedCursor.toString(), started, Instant.now());
                }
                if (saved != null) {
                    context.states().save(c, saved);
                }
                return new PageOutcome(result, saved);
            });
            counter.page(page.records().size(), outcome.written());
            if (outcome.written().schemaEvolved()) {
                LOGGER.info("Sync {}: the table changed shape; the next run backfills again", context.syncId());
                return new Outcome(counter.counts(), outcome.saved());
            }
            if (next.isEmpty()) {
                return new Outcome(counter.counts(), outcome.saved());
            }
            request = next.get();
            context.checkNotStopping(counter, "the next poll starts again from the committed cursor");
        }
    }
}
