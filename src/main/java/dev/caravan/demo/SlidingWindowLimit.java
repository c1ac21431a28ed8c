package dev.caravan.demo;

import java.util.ArrayDeque;
import java.util.Deque;

/** A strict sliding-window request limit, as real APIs enforce it: N requests in any window. */
public final class SlidingWindowLimit {
    private final int requests;
    private final long windowMillis;
    private final Deque<Long> accepted = new ArrayDeque<>();

    public SlidingWindowLimit(int requests, long windowMillis) {
        this.requests = requests;
        this.windowMillis = windowMillis;
    }

    /** True when a request now stays within the limit (and counts it). */
    public synchronized boolean tryAcquire(long nowMillis) {
        while (!accepted.isEmpty() && nowMillis - accepted.peekFirst() >= windowMillis) {
            accepted.pollFirst();
        }
        if (accepted.size() >= requests) {
            return false;
        }
        accepted.addLast(nowMillis);
        return true;
    }
}
