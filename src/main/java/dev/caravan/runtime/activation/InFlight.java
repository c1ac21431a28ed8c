package dev.caravan.runtime.activation;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Up to N single-row requests in flight at once, each settling its own row as soon as its answer
 * comes. A row's confirmation still commits right after its answer, so a crash can only send
 * again the rows in flight, at most N. The first failure (the API refuses the credentials or cannot
 * be reached) stops new work and is thrown by {@link #await}.
 */
final class InFlight implements AutoCloseable {
    /** Work on one row that may fail. */
    interface Task {
        void run() throws Exception;
    }

    private final int limit;
    private final Semaphore slots;
    private final ExecutorService workers;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    InFlight(int limit, String name) {
        this.limit = limit;
        this.slots = new Semaphore(limit);
        this.workers = Executors.newFixedThreadPool(limit, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs {@code task} once a slot is free; throws an earlier task's failure instead, if there was one. */
    void submit(Task task) throws Exception {
        rethrow();
        slots.acquire();
        workers.execute(() -> {
            try {
                task.run();
            } catch (Exception e) {
                failure.compareAndSet(null, e);
            } finally {
                slots.release();
            }
        });
    }

    /** Waits until nothing is in flight; throws the first failure, if any. */
    void await() throws Exception {
        slots.acquire(limit);
        slots.release(limit);
        rethrow();
    }

    private void rethrow() throws Exception {
        Exception e = failure.get();
        if (e != null) {
            throw e;
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
