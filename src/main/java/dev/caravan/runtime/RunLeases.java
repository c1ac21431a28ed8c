package dev.caravan.runtime;

/**
 * Database-held leases that let one runtime at a time run a sync or a sequence, whichever node
 * started it. A lease is renewed by its node's heartbeat, and lapses when the node dies.
 */
public interface RunLeases {
    /** Waits until {@code resource} ("sync:&lt;id&gt;", "sequence:&lt;id&gt;") is free, then holds it until closed. */
    Held acquire(String resource) throws InterruptedException;

    /** A held lease; closing releases it. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
