package dev.caravan.runtime.activation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.connector.destination.http.Delivery;
import dev.caravan.connector.destination.http.HttpRowSender;
import dev.caravan.model.HttpDestination;
import dev.caravan.model.HttpRequestSpec;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Changes sent to a REST API: single rows up to {@code concurrency} at a time, or batches. Each
 * confirmed row moves the snapshot at once; a rejected row is recorded and, its snapshot unmoved,
 * comes up again on the next run.
 */
final class HttpChanges implements ChangeTarget {
    private final long runId;
    private final HttpDestination destination;
    private final HttpRowSender sender;
    private final Snapshot snapshot;
    private final InFlight inFlight;
    private final List<Pending> pending = new ArrayList<>();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    /** @param confirmations a connection for the snapshot alone: each confirmation commits on it */
    HttpChanges(String syncId, long runId, HttpDestination destination, HttpRowSender sender, Connection confirmations) throws SQLException {
        this.runId = runId;
        this.destination = destination;
        this.sender = sender;
        confirmations.setAutoCommit(true);
        this.snapshot = new Snapshot(confirmations, syncId);
        this.inFlight = new InFlight(destination.concurrency(), "caravan-send-" + syncId);
    }

    private record Pending(Change change, String key, String hash, ObjectNode row) {
    }

    @Override
    public boolean wants(Change change) {
        return change.request(destination) != null;
    }

    @Override
    public void accept(Change change, String key, String hash, ObjectNode row) throws Exception {
        HttpRequestSpec request = change.request(destination);
        Pending item = new Pending(change, key, hash, row);
        if (request.batch() == null) {
            inFlight.submit(() -> {
                settle(item, sender.send(request, item.row()));
                snapshot.write();
            });
            return;
        }
        inFlight.await();
        if (!pending.isEmpty() && pending.get(0).change() != change) {
            flush();
        }
        pending.add(item);
        if (pending.size() >= request.batch().size()) {
            flush();
        }
    }

    @Override
    public void finish() throws Exception {
        inFlight.await();
        flush();
    }

    private void flush() throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        List<Delivery> deliveries = sender.sendBatch(pending.get(0).change().request(destination), pending.stream().map(Pending::row).toList());
        for (int i = 0; i < pending.size(); i++) {
            settle(pending.get(i), deliveries.get(i));
        }
        snapshot.write();
        pending.clear();
    }

    /** Counts and notes one row's outcome; rows settle on the sending threads, so the counts are atomic. */
    private void settle(Pending row, Delivery delivery) {
        if (delivery.delivered()) {
            delivered.incrementAndGet();
            if (row.change() == Change.REMOVED) {
                snapshot.removed(row.key());
            } else {
                snapshot.confirmed(row.key(), row.hash());
            }
        } else {
            rejected.incrementAndGet();
            snapshot.rejected(runId, row.key(), row.change().operation(), delivery.status(), delivery.reason());
        }
    }

    @Override
    public long delivered() {
        return delivered.get();
    }

    @Override
    public long rejected() {
        return rejected.get();
    }

    @Override
    public void close() throws SQLException {
        inFlight.close();
        snapshot.close();
    }
}
