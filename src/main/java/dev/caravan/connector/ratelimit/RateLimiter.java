package dev.caravan.connector.ratelimit;

import dev.caravan.model.RateLimitSpec;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One connection's request budget: at most {@code requests * share} requests per {@code per},
 * spaced evenly so that no window of length {@code per} ever holds more. Shared by every sync on
 * the connection, backfill and polling alike. A server's "wait" signal (429, Retry-After, an
 * exhausted remaining count) pauses every caller, not only the one that saw it.
 */
public final class RateLimiter {
    private final long intervalNanos;
    private long nextFreeNanos;

    private RateLimiter(long intervalNanos) {
        this.intervalNanos = intervalNanos;
        this.nextFreeNanos = System.nanoTime();
    }

    public static RateLimiter of(RateLimitSpec spec) {
        double perSecond = spec.permitsPerSecond();
        return new RateLimiter((long) Math.ceil(TimeUnit.SECONDS.toNanos(1) / perSecond));
    }

    /** No limit: for connections without a {@code rateLimit}. */
    public static RateLimiter unlimited() {
        return new RateLimiter(0);
    }

    /** Blocks until the next request may be sent; returns the nanoseconds it waited. */
    public long acquire() {
        long waitUntil;
        long now;
        synchronized (this) {
            now = System.nanoTime();
            waitUntil = Math.max(now, nextFreeNanos);
            nextFreeNanos = waitUntil + intervalNanos;
        }
        sleepUntil(waitUntil);
        return waitUntil - now;
    }

    /** Holds every caller back for {@code pause} from now (a server asked us to wait). */
    public void pause(Duration pause) {
        synchronized (this) {
            nextFreeNanos = Math.max(nextFreeNanos, System.nanoTime() + pause.toNanos());
        }
    }

    private static void sleepUntil(long deadline) {
        long remaining;
        while ((remaining = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the rate limit");
            }
        }
    }
}
