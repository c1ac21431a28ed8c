package dev.caravan.connector.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one sync's HTTP traffic cost it: time spent waiting for its connection's rate-limit
 * budget, and the 429 answers it got. Counted per sync, published as metrics.
 */
public final class TrafficStats {
    private final LongAdder waitNanos = new LongAdder();
    private final LongAdder throttled = new LongAdder();

    public void waited(long nanos) {
        waitNanos.add(nanos);
    }

    public void throttled() {
        throttled.increment();
    }

    public double waitSeconds() {
        return waitNanos.sum() / 1e9;
    }

    public long throttledCount() {
        return throttled.sum();
    }

    /** One {@link TrafficStats} per sync id, kept for the process's life. */
    public static final class BySync {
        private final Map<String, TrafficStats> stats = new ConcurrentHashMap<>();

        public TrafficStats of(String syncId) {
            return stats.computeIfAbsent(syncId, id -> new TrafficStats());
        }
    }
}
