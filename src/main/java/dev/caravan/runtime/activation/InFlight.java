package dev.caravan.runtime.activation;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Up to N single-row requests in flight at once, each settling its own row as soon as its answer
 * comes. A row's confirmation still commits right after its answer, so a crash can only send
 * again the rows in flight, at most N. The first failure (the API refuses the credentials or cannot
 * be reached) stops new work; it is thrown once the rows in flight have settled, so their answers
 * still commit and a failed run sends no confirmed row again.
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
        rethrowSettled();
        slots.acquire();
        if (failure.get() != null) {
            slots.release();
            rethrowSettled();
        }
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
        settle();
        Exception e = failure.get();
        if (e != null) {
            throw e;
        }
    }

    /** After a failure: waits for the rows in flight to settle, then throws it. */
    private void rethrowSettled() throws Exception {
        if (failure.get() != null) {
            await();
        }
    }

    private void settle() throws InterruptedException {
        slots.acquire(limit);
        slots.release(limit);
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
