package dev.caravan.runtime.apisync;

import dev.caravan.connector.destination.postgres.PageStream;
import dev.caravan.connector.destination.postgres.WriteResult;
import dev.caravan.connector.source.http.Page;
import dev.caravan.connector.source.http.PageRequest;
import dev.caravan.connector.source.http.PageTotal;
import dev.caravan.connector.source.http.RecordSink;
import dev.caravan.state.RowCounts;
import dev.caravan.state.SyncState;
import dev.caravan.state.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;

/**
 * Copies every record, page by page. Each page's rows and the token of the next page are
 * committed in one transaction, so a crash re-fetches at most the page in flight. The last page
 * switches the sync to incremental in the same transaction, with the cursor at the earlier of the
 * backfill's start and the highest cursor seen: changes made while the backfill ran are polled.
 * A page that adds a column or widens one to an existing table restarts the backfill, so earlier
 * rows get the new values too.
 */
final class BackfillRun {
    private static final Logger LOGGER = LoggerFactory.getLogger(BackfillRun.class);

    private final ApiSyncContext context;

    BackfillRun(ApiSyncContext context) {
        this.context = context;
    }

    RowCounts run(SyncState initial) throws Exception {
        SyncState state = initial;
        Instant started = state.backfillStartedAt() != null ? state.backfillStartedAt() : Instant.now();
        Instant maxCursor = state.cursorValue() != null ? Instant.parse(state.cursorValue()) : null;
        PageRequest request = state.pageToken() != null ? context.backfill().paginator().resume(state.pageToken()) : context.backfill().paginator().first();
        LOGGER.info("Sync {} backfill {} at page {}", context.syncId(), state.pageToken() == null ? "starts" : "resumes",
                state.pageToken() == null ? request.token() : state.pageToken());
        RunCounter counter = new RunCounter(context.syncId(), "backfill");
        while (true) {
            PageOutcome outcome = fetchAndCommit(state, request, maxCursor, started);
            state = outcome.state();
            maxCursor = outcome.maxCursor();
            Optional<PageRequest> next = outcome.next();
            counter.page(outcome.records(), outcome.written(), state);
            if (outcome.restarted()) {
                LOGGER.info("Sync {}: the table changed shape; backfilling again from the first page", context.syncId());
                request = context.backfill().paginator().first();
                continue;
            }
            if (next.isEmpty()) {
                LOGGER.info("Sync {} backfill completed: {} page(s), {} record(s) in total", context.syncId(),
                        state.backfillPages(), state.backfillRecords());
                return counter.counts();
            }
            request = next.get();
            context.checkNotStopping(counter, "the backfill resumes at page " + request.token() + " on the next run");
        }
    }

    /** {@code restarted}: the page changed an existing table's shape, so the backfill starts over. */
    private record PageOutcome(SyncState state, int records, WriteResult written, Optional<PageRequest> next, Instant maxCursor,
                               boolean restarted) {
    }

    /**
     * One page in one transaction. The page is fetched inside it so its records can stream into the
     * table while the body arrives; the connection is held for the fetch, which is this run's anyway.
     */
    private PageOutcome fetchAndCommit(SyncState state, PageRequest request, Instant previousMax, Instant started) throws Exception {
        return Transactions.inTransaction(context.dataSource(), c -> {
            PageStream stream = context.writer().stream(c);
            Page page = context.fetcher().fetch(context.backfill(), request, null, RecordSink.of(stream::add, stream::discard));
            Optional<PageRequest> next = context.backfill().paginator().next(request, page);
            Instant maxCursor = context.cursors() == null ? previousMax : context.cursors().max(previousMax, page.items());
            WriteResult written = stream.finish(page.records());
            Long total = PageTotal.of(page, context.total()).orElse(null);
            boolean restarted = written.schemaEvolved() && state.backfillPages() > 0;
            SyncState updated;
            if (restarted) {
                updated = state.restartBackfill();
            } else if (next.isPresent()) {
                updated = state.backfillPage(next.get().token(), page.records().size(), started, maxCursor == null ? null : maxCursor.toString(), total);
            } else {
                Instant cursor = maxCursor == null || maxCursor.isAfter(started) ? started : maxCursor;
                updated = state.backfillPage(null, page.records().size(), started, null, total).backfillCompleted(cursor.toString(), Instant.now());
            }
            context.states().save(c, updated);
            return new PageOutcome(updated, page.records().size(), written, next, maxCursor, restarted);
        });
    }
}
