package dev.caravan.runtime.apisync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.connector.destination.postgres.WriteResult;
import dev.caravan.connector.source.http.Page;
import dev.caravan.state.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Writes back what a key scan lists but the table lacks (no row, or a soft-deleted one): a create
 * a poll skipped, or a row removed in error. The record is the one the scan listed when the scan
 * reads the source's own path; a scan of another path (which may list keys only) looks each one
 * up with {@code deletes.verify}, and without it the row is counted as unrepaired.
 */
final class ScanRepair {
    private static final Logger LOGGER = LoggerFactory.getLogger(ScanRepair.class);

    private final ApiSyncContext context;
    private final boolean listsWholeRecords;
    private long repaired;
    private long unrepaired;
    private long written;

    ScanRepair(ApiSyncContext context, boolean listsWholeRecords) {
        this.context = context;
        this.listsWholeRecords = listsWholeRecords;
    }

    /** Writes back the records of one page whose rows are missing. */
    void page(List<JsonNode> live) throws Exception {
        if (live.isEmpty()) {
            return;
        }
        Set<String> absent = Transactions.inTransaction(context.dataSource(), c -> context.keys().absent(c, live));
        if (absent.isEmpty()) {
            return;
        }
        List<JsonNode> missing = live.stream().filter(record -> absent.contains(context.keys().canonical(record))).toList();
        List<JsonNode> records = listsWholeRecords ? missing : lookedUp(missing);
        write(records);
        LOGGER.info("Sync {}: {} record(s) the API lists were missing from the table; written back", context.syncId(), records.size());
    }

    /** Writes records a lookup found live (the confirmation of a missing key that was not gone after all). */
    void write(List<JsonNode> records) throws Exception {
        if (records.isEmpty()) {
            return;
        }
        WriteResult result = Transactions.inTransaction(context.dataSource(), c -> context.writer().write(c, records));
        repaired += result.added() + result.changed();
        written += result.added() + result.changed() + result.removed();
    }

    private List<JsonNode> lookedUp(List<JsonNode> missing) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode record : missing) {
            Optional<JsonNode> current = lookup(record);
            if (current.isPresent()) {
                found.add(current.get());
            } else {
                unrepaired++;
            }
        }
        return found;
    }

    /** The record as the API has it now, by {@code deletes.verify}; empty when it is gone or there is no lookup. */
    Optional<JsonNode> lookup(JsonNode key) {
        var endpoint = context.endpoints().lookup(key);
        if (endpoint == null) {
            return Optional.empty();
        }
        return context.fetcher().lookup(endpoint).map(Page::records).filter(records -> !records.isEmpty()).map(records -> records.get(0));
    }

    long repaired() {
        return repaired;
    }

    long unrepaired() {
        return unrepaired;
    }

    long written() {
        return written;
    }
}
