package dev.caravan.runtime.apisync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.connector.destination.postgres.WriteResult;
import dev.caravan.connector.source.http.Endpoint;
import dev.caravan.connector.source.http.Page;
import dev.caravan.connector.source.http.PageRequest;
import dev.caravan.model.DeletesSpec;
import dev.caravan.state.RowCounts;
import dev.caravan.state.SyncState;
import dev.caravan.state.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Periodic delete detection: walks every page of the deletes endpoint keeping only the primary
 * keys. A full scan (APIs without a deleted flag) then removes the rows whose key the API no
 * longer lists as live; a deleted list (archived records) removes the rows whose key it lists.
 * Either acts in one transaction once the walk is complete: one that fails or is interrupted
 * removes nothing.
 */
final class KeyScanRun {
    private static final Logger LOGGER = LoggerFactory.getLogger(KeyScanRun.class);

    private final ApiSyncContext context;
    private final List<String> primaryKey;
    private final DeletesSpec deletes;

    KeyScanRun(ApiSyncContext context, List<String> primaryKey, DeletesSpec deletes) {
        this.context = context;
        this.primaryKey = primaryKey;
        this.deletes = deletes;
    }

    RowCounts run(SyncState state) throws Exception {
        boolean deletedList = deletes.detect() == DeletesSpec.DeleteDetection.LIST;
        RunCounter counter = new RunCounter(context.syncId(), deletedList ? "deleted list" : "key scan");
        List<JsonNode> keys = new ArrayList<>();
        Endpoint endpoint = context.deletes();
        PageRequest request = endpoint.paginator().first();
        while (true) {
            Page page = context.fetcher().fetch(endpoint, request, null);
            page.records().stream().filter(record -> deletedList || !flaggedDeleted(record)).forEach(record -> keys.add(keyOf(record)));
            counter.page(page.records().size(), WriteResult.NONE);
            Optional<PageRequest> next = endpoint.paginator().next(request, page);
            if (next.isEmpty()) {
                break;
            }
            request = next.get();
            context.checkNotStopping(counter, "the " + (deletedList ? "deleted list" : "key scan") + " runs again on the next poll");
        }
        long removed = Transactions.inTransaction(context.dataSource(), c -> {
            long count = deletedList ? context.writer().delete(c, keys) : context.writer().removeMissing(c, keys);
            context.states().save(c, state.keysScanned(Instant.now()));
            return count;
        });
        LOGGER.info("Sync {} {}: {} key(s) listed by the API, {} row(s) removed", context.syncId(),
                deletedList ? "deleted list" : "key scan", keys.size(), removed);
        RowCounts scanned = counter.counts();
        return new RowCounts(scanned.pages(), scanned.read(), 0, 0, removed, 0, 0);
    }

    /** A record the API lists among the live ones but flags deleted (Salesforce's queryAll) counts as gone. */
    private boolean flaggedDeleted(JsonNode record) {
        return deletes.field() != null && record.path(deletes.field()).asBoolean(false);
    }

    private JsonNode keyOf(JsonNode record) {
        ObjectNode key = JsonNodeFactory.instance.objectNode();
        primaryKey.forEach(field -> key.set(field, record.get(field)));
        return key;
    }
}
