package dev.caravan.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-sync counts of what key scans found since the runtime started, for the metrics
 * {@code caravan_sync_scan_inconsistent_total} and {@code caravan_sync_rows_repaired_total}.
 */
public final class ReconciliationCounters {
    private final Map<String, AtomicLong> inconsistentScans = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> repairedRows = new ConcurrentHashMap<>();

    public void inconsistentScan(String syncId) {
        counter(inconsistentScans, syncId).incrementAndGet();
    }

    public void repaired(String syncId, long rows) {
        counter(repairedRows, syncId).addAndGet(rows);
    }

    public double inconsistentScans(String syncId) {
        return counter(inconsistentScans, syncId).get();
    }

    public double repairedRows(String syncId) {
        return counter(repairedRows, syncId).get();
    }

    private static AtomicLong counter(Map<String, AtomicLong> counters, String syncId) {
        return counters.computeIfAbsent(syncId, id -> new AtomicLong());
    }
}
