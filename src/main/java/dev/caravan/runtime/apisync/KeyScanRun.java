package dev.caravan.runtime.apisync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.connector.destination.postgres.WriteResult;
import dev.caravan.connector.source.http.Endpoint;
import dev.caravan.connector.source.http.Page;
import dev.caravan.connector.source.http.PageRequest;
import dev.caravan.model.DeletesSpec;
import dev.caravan.state.Reconciliation;
import dev.caravan.state.RowCounts;
import dev.caravan.state.SyncState;
import dev.caravan.state.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Periodic delete detection: walks every page of the deletes endpoint. A deleted list (archived
 * records) removes the rows whose key it lists. A full scan (APIs without a deleted flag) is
 * checked for signs that the listing shifted while it ran ({@link ListingCheck}); an inconsistent
 * scan removes nothing and runs again at the next {@code every}. A consistent one hands the rows
 * the API did not list to {@link ScanRemovals}, which removes only confirmed absences. Along the
 * way every listed record whose row the table lacks is written back ({@link ScanRepair}), so a
 * missed create, or a row removed in error, comes back by the next scan.
 */
final class KeyScanRun {
    private static final Logger LOGGER = LoggerFactory.getLogger(KeyScanRun.class);

    private final ApiSyncContext context;
    private final DeletesSpec deletes;

    KeyScanRun(ApiSyncContext context, DeletesSpec deletes) {
        this.context = context;
        this.deletes = deletes;
    }

    /** What a scan did, for the run's counts and its reconciliation record. */
    record Outcome(RowCounts counts, Reconciliation reconciliation) {
    }

    Outcome run(SyncState state, long runId) throws Exception {
        boolean deletedList = deletes.detect() == DeletesSpec.DeleteDetection.LIST;
        String what = deletedList ? "deleted list" : "key scan";
        RunCounter counter = new RunCounter(context.syncId(), what);
        Instant started = databaseNow();
        ListingCheck check = new ListingCheck(context.keys().primaryKey(), context.total());
        // a scan that asks for another path or other parameters may list partial records (keys only)
        ScanRepair repair = new ScanRepair(context, deletes.path() == null && deletes.params().isEmpty());
        List<JsonNode> keys = new ArrayList<>();
        List<JsonNode> flagged = new ArrayList<>();
        Endpoint endpoint = context.deletes();
        PageRequest request = endpoint.paginator().first();
        while (true) {
            Page page = context.fetcher().fetch(endpoint, request, null);
            Optional<PageRequest> next = endpoint.paginator().next(request, page);
            List<JsonNode> live = page.records().stream().filter(record -> deletedList || !flaggedDeleted(record)).toList();
            live.forEach(record -> keys.add(context.keys().keyOf(record)));
            if (!deletedList) {
                page.records().stream().filter(this::flaggedDeleted).forEach(record -> flagged.add(context.keys().keyOf(record)));
            }
            if (!deletedList) {
                check.page(page, next.isEmpty(), endpoint.paginator().fullPageSize());
                repair.page(live);
            }
            counter.page(page.records().size(), WriteResult.NONE);
            if (next.isEmpty()) {
                break;
            }
            request = next.get();
            context.checkNotStopping(counter, "the " + what + " runs again on the next poll");
        }
        RowCounts scanned = counter.counts();
        if (deletedList) {
            long removed = Transactions.inTransaction(context.dataSource(), c -> {
                long count = context.writer().delete(c, keys);
                context.states().save(c, state.keysScanned(Instant.now()));
                return count;
            });
            LOGGER.info("Sync {} deleted list: {} key(s) listed by the API, {} row(s) removed", context.syncId(), keys.size(), removed);
            return new Outcome(new RowCounts(scanned.pages(), scanned.read(), 0, 0, removed, 0, 0), null);
        }
        check.finish();
        context.counters().repaired(context.syncId(), repair.repaired());
        ScanRemovals.Result removals;
        if (check.consistent()) {
            removals = new ScanRemovals(context, deletes).apply(keys, started, runId, repair);
        } else {
            context.counters().inconsistentScan(context.syncId());
            LOGGER.warn("Sync {} key scan listed {} key(s) ({} distinct) but the listing shifted while it ran: {}; nothing is removed, "
                    + "and the scan runs again in {}", context.syncId(), check.listed(), check.distinct(), String.join("; ", check.signs()),
                    deletes.every() != null ? deletes.every() : "1h");
            removals = ScanRemovals.Result.NONE;
        }
        // the API itself says these are deleted: no confirmation needed, and no shift can fake it
        long flaggedRemoved = Transactions.inTransaction(context.dataSource(), c -> {
            context.states().save(c, state.keysScanned(Instant.now()));
            return context.writer().delete(c, flagged);
        });
        removals = new ScanRemovals.Result(removals.removed() + flaggedRemoved, removals.held(), removals.unconfirmed());
        LOGGER.info("Sync {} key scan: {} key(s) listed ({} distinct, the API reports {}), {}; {} removed, {} repaired, {} held for approval, "
                + "{} awaiting confirmation", context.syncId(), check.listed(), check.distinct(), check.reportedTotal() == null ? "no total" : check.reportedTotal(),
                check.consistent() ? "consistent" : "inconsistent", removals.removed(), repair.repaired(), removals.held(), removals.unconfirmed());
        Reconciliation reconciliation = new Reconciliation(repair.written() + removals.removed(), null, check.listed(), check.distinct(), check.reportedTotal(),
                check.consistent(), check.signs(), removals.removed(), repair.repaired(), removals.held(), removals.unconfirmed(),
                result(check, removals, repair));
        return new Outcome(new RowCounts(scanned.pages(), scanned.read(), repair.repaired(), 0, removals.removed(), 0, 0), reconciliation);
    }

    private static String result(ListingCheck check, ScanRemovals.Result removals, ScanRepair repair) {
        if (!check.consistent()) {
            return "unknown: the listing shifted during the scan, so it proves nothing; the next scan checks again";
        }
        List<String> differences = new ArrayList<>();
        if (removals.unconfirmed() > 0) {
            differences.add(removals.unconfirmed() + " row(s) the API did not list await confirmation");
        }
        if (removals.held() > 0) {
            differences.add(removals.held() + " removal(s) are held for approval");
        }
        if (repair.unrepaired() > 0) {
            differences.add(repair.unrepaired() + " listed record(s) are missing from the table and could not be fetched (set deletes.verify)");
        }
        return differences.isEmpty() ? "the table matches the API's keys" : "the table differs from the API: " + String.join("; ", differences);
    }

    /** The database's clock: rows carry its time in {@code _caravan_synced_at}, so the scan compares against the same clock. */
    private Instant databaseNow() throws Exception {
        try (var connection = context.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT clock_timestamp()")) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }

    /** A record the API lists among the live ones but flags deleted (Salesforce's queryAll) counts as gone. */
    private boolean flaggedDeleted(JsonNode record) {
        return deletes.field() != null && record.path(deletes.field()).asBoolean(false);
    }
}
