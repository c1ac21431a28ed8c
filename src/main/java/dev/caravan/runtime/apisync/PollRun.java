package dev.caravan.runtime.apisync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.connector.destination.postgres.WriteResult;
import dev.caravan.connector.source.http.Cursors;
import dev.caravan.connector.source.http.Endpoint;
import dev.caravan.connector.source.http.Page;
import dev.caravan.connector.source.http.PageRequest;
import dev.caravan.connector.source.http.SourceException;
import dev.caravan.model.IncrementalSpec;
import dev.caravan.state.RowCounts;
import dev.caravan.state.SyncState;
import dev.caravan.state.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One poll for changes: every page from the stored cursor minus the lookback (an inclusive lower
 * bound) is upserted, each page in its own transaction. The new cursor is saved with the last
 * page, so it never moves past rows that are not committed; a crash mid-poll replays the poll.
 * Without an incremental spec every poll walks the whole collection (unchanged rows are skipped).
 * <p>
 * A newest-first feed (events) is read to its end and applied oldest first in one transaction, so
 * the latest change to a record wins. An API that caps the results of one query
 * ({@code windowLimit}) gets a new query from the highest cursor seen each time the cap is reached.
 * <p>
 * A poll whose pages show that the listing shifted under it ({@link ShiftWatch}) may have skipped
 * a record, so its cursor does not move past what was read before the shift; see
 * {@link ShiftWatch#safeCursor}.
 */
final class PollRun {
    private static final Logger LOGGER = LoggerFactory.getLogger(PollRun.class);

    private final ApiSyncContext context;
    private final IncrementalSpec incremental;

    /** A page's write result, and the state saved with it (null for pages before the last). */
    private record PageOutcome(WriteResult written, SyncState saved) {
    }

    PollRun(ApiSyncContext context, IncrementalSpec incremental) {
        this.context = context;
        this.incremental = incremental;
    }

    /**
     * What a poll did, and the sync state it committed last; {@code signs} are why its cursor was
     * held back (empty when the listing held still).
     */
    record Outcome(RowCounts counts, SyncState state, List<String> signs) {
        boolean held() {
            return !signs.isEmpty();
        }
    }

    Outcome run(SyncState state) throws Exception {
        Instant started = Instant.now();
        Instant cursor = state.cursorValue() != null ? Instant.parse(state.cursorValue()) : null;
        Cursors cursors = context.cursors();
        Endpoint endpoint = context.poll();
        String bound = cursors == null ? null : cursors.lowerBound(cursor != null ? cursor : Instant.EPOCH);
        boolean newestFirst = incremental != null && incremental.order() == IncrementalSpec.ChangeOrder.NEWEST_FIRST;
        List<JsonNode> held = new ArrayList<>();
        RunCounter counter = new RunCounter(context.syncId(), "poll");
        Instant maxCursor = cursor;
        Instant windowFloor = cursor;
        int windowRecords = 0;
        PageRequest request = endpoint.paginator().first();
        ShiftWatch watch = new ShiftWatch(context, newestFirst, cursor == null || cursors == null ? null : cursor.minus(incremental.lookback().duration()));
        while (true) {
            Page page = context.fetcher().fetch(endpoint, request, bound);
            Optional<PageRequest> next = endpoint.paginator().next(request, page);
            maxCursor = cursors == null ? maxCursor : cursors.max(maxCursor, page.items());
            windowRecords += page.items().size();
            watch.page(page, next.isEmpty(), endpoint.paginator().fullPageSize(), maxCursor);
            if (next.isPresent() && incremental != null && incremental.windowLimit() != null && windowRecords >= incremental.windowLimit()) {
                if (maxCursor == null || windowFloor != null && !maxCursor.isAfter(windowFloor)) {
                    throw new SourceException(true, "the API returns at most " + incremental.windowLimit() + " results per query, and more records than that share "
                            + incremental.cursorField() + " " + maxCursor + "; the poll cannot page past them");
                }
                LOGGER.info("Sync {}: {} results reached the API's cap of {} per query; querying again from {}", context.syncId(),
                        windowRecords, incremental.windowLimit(), maxCursor);
                bound = cursors.exactly(maxCursor);
                windowFloor = maxCursor;
                watch.newWindow(maxCursor);
                windowRecords = 0;
                next = Optional.of(endpoint.paginator().first());
            }
            List<JsonNode> pageRecords = page.records();
            if (newestFirst) {
                held.addAll(page.records());
                if (next.isPresent()) {
                    counter.page(page.records().size(), WriteResult.NONE);
                    request = next.get();
                    context.checkNotStopping(counter, "the next poll starts again from the committed cursor");
                    continue;
                }
                Collections.reverse(held);
                pageRecords = held;
            }
            List<JsonNode> toWrite = pageRecords;
            boolean last = next.isEmpty();
            Instant committedCursor = last ? watch.safeCursor(cursor, maxCursor, incremental == null ? null : incremental.lookback().duration(),
                    incremental == null || incremental.windowLimit() == null) : maxCursor;
            PageOutcome outcome = Transactions.inTransaction(context.dataSource(), c -> {
                WriteResult result = context.writer().write(c, toWrite);
                SyncState saved = null;
                if (result.schemaEvolved()) {
                    saved = state.restartBackfill();
                } else if (last && watch.held()) {
                    saved = state.pollHeld(committedCursor == null ? null : committedCursor.toString());
                } else if (last) {
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
                return new Outcome(counter.counts(), outcome.saved(), List.of());
            }
            if (last) {
                if (watch.held()) {
                    LOGGER.warn("Sync {}: the listing shifted while the poll read it ({}); every record read is written, but the cursor stays at {} "
                            + "so the next poll reads again from there", context.syncId(), String.join("; ", watch.signs()), committedCursor);
                }
                return new Outcome(counter.counts(), outcome.saved(), watch.signs());
            }
            request = next.get();
            context.checkNotStopping(counter, "the next poll starts again from the committed cursor");
        }
    }
}
