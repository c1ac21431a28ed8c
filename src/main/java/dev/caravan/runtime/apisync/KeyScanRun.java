package dev.caravan.runtime.apisync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.connector.destination.postgres.WriteResult;
import dev.caravan.connector.source.http.Page;
import dev.caravan.connector.source.http.PageRequest;
import dev.caravan.state.RowCounts;
import dev.caravan.state.SyncState;
import dev.caravan.state.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Delete detection for APIs without a deleted flag: walks every page, keeps only the primary
 * keys, and when the walk is complete removes the rows whose key the API no longer lists, in one
 * transaction. A scan that fails or is interrupted removes nothing.
 */
final class KeyScanRun {
    private static final Logger LOGGER = LoggerFactory.getLogger(KeyScanRun.class);

    private final ApiSyncContext context;
    private final List<String> primaryKey;

    KeyScanRun(ApiSyncContext context, List<String> primaryKey) {
        this.context = context;
        this.primaryKey = primaryKey;
    }

    RowCounts run(SyncState state) throws Exception {
        RunCounter counter = new RunCounter(context.syncId(), "key scan");
        List<JsonNode> keys = new ArrayList<>();
        PageRequest request = context.paginator().first();
        while (true) {
            Page page = context.fetcher().fetch(request, Map.of());
            page.records().forEach(record -> keys.add(keyOf(record)));
            counter.page(page.records().size(), new WriteResult(0, 0, 0, false));
            Optional<PageRequest> next = context.paginator().next(request, page);
            if (next.isEmpty()) {
                break;
            }
            request = next.get();
            context.checkNotStopping(counter, "the key scan runs again on the next poll");
        }
        long removed = Transactions.inTransaction(context.dataSource(), c -> {
            long count = context.writer().removeMissing(c, keys);
            context.states().save(c, state.keysScanned(Instant.now()));
            return count;
        });
        LOGGER.info("Sync {} key scan: {} key(s) listed by the API, {} row(s) removed", context.syncId(), keys.size(), removed);
        RowCounts scanned = counter.counts();
        return new RowCounts(scanned.pages(), scanned.read(), 0, 0, removed, 0, 0);
    }

    private JsonNode keyOf(JsonNode record) {
        ObjectNode key = JsonNodeFactory.instance.objectNode();
        primaryKey.forEach(field -> key.set(field, record.get(field)));
        return key;
    }
}
