package dev.caravan.runtime.activation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.connector.destination.http.Delivery;
import dev.caravan.connector.destination.http.HttpRowSender;
import dev.caravan.model.HttpDestination;
import dev.caravan.model.HttpRequestSpec;
import dev.caravan.model.SqlSourceSpec;
import dev.caravan.runtime.RunInterruptedException;
import dev.caravan.runtime.StopSignal;
import dev.caravan.state.RowCounts;
import dev.caravan.state.SyncState;
import dev.caravan.state.SyncStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One run of an activation: materialise the model, diff it against the snapshot, and send each
 * change the mode calls for. Each confirmed row moves the snapshot at once; a rejected row is
 * recorded and, its snapshot unmoved, comes up again on the next run.
 */
final class ActivationRun {
    private static final Logger LOGGER = LoggerFactory.getLogger(ActivationRun.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PROGRESS_EVERY_NANOS = 10_000_000_000L;

    private final String syncId;
    private final long runId;
    private final SqlSourceSpec source;
    private final HttpDestination destination;
    private final HttpRowSender sender;
    private final DataSource dataSource;
    private final SyncStateStore states;
    private final StopSignal stopSignal;
    private long read;
    private long added;
    private long changed;
    private long removed;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final List<Pending> pending = new ArrayList<>();

    ActivationRun(String syncId, long runId, SqlSourceSpec source, HttpDestination destination, HttpRowSender sender, DataSource dataSource,
                  SyncStateStore states, StopSignal stopSignal) {
        this.syncId = syncId;
        this.runId = runId;
        this.source = source;
        this.destination = destination;
        this.sender = sender;
        this.dataSource = dataSource;
        this.states = states;
        this.stopSignal = stopSignal;
    }

    RowCounts run() throws Exception {
        try (Connection model = dataSource.getConnection(); Connection confirmations = dataSource.getConnection()) {
            model.setAutoCommit(false);
            confirmations.setAutoCommit(false);
            boolean firstRun = states.load(confirmations, syncId).isEmpty();
            confirmations.commit();
            ModelDiff diff = new ModelDiff(source);
            long started = System.nanoTime();
            read = diff.check(model);
            long checked = System.nanoTime();
            if (firstRun && source.initial() == SqlSourceSpec.InitialRun.BASELINE) {
                diff.baseline(model, syncId);
                model.commit();
                completed(confirmations);
                LOGGER.info("Activation {}: baseline of {} row(s) recorded; nothing sent", syncId, read);
                return counts();
            }
            try (Snapshot snapshot = new Snapshot(confirmations, syncId); PreparedStatement query = diff.changes(model, syncId);
                 ResultSet changes = query.executeQuery(); InFlight inFlight = new InFlight(destination.concurrency(), "caravan-send-" + syncId)) {
                long lastLog = System.nanoTime();
                while (changes.next()) {
                    send(Change.of(changes.getString(1)), changes.getString(2), changes.getString(3), changes.getString(4), snapshot, inFlight);
                    if (System.nanoTime() - lastLog >= PROGRESS_EVERY_NANOS) {
                        lastLog = System.nanoTime();
                        LOGGER.info("Activation {}: {} delivered, {} rejected so far", syncId, delivered, rejected);
                    }
                    if (stopSignal.isStopping()) {
                        inFlight.await();
                        throw new RunInterruptedException("the runtime is stopping; rows not yet confirmed go on the next run", counts());
                    }
                }
                inFlight.await();
                flush(snapshot);
            }
            model.commit();
            if (firstRun) {
                completed(confirmations);
            }
            LOGGER.info("Activation {}: {} row(s) in the model (keys checked in {} ms); {} added, {} changed, {} removed; {} delivered, "
                    + "{} rejected; diff and delivery took {} ms", syncId, read, (checked - started) / 1_000_000, added, changed, removed, delivered,
                    rejected, (System.nanoTime() - checked) / 1_000_000);
            return counts();
        }
    }

    /** One change on its way: sent alone, or held until its batch is full. */
    private void send(Change change, String key, String hash, String rowJson, Snapshot snapshot, InFlight inFlight) throws Exception {
        switch (change) {
            case ADDED -> added++;
            case CHANGED -> changed++;
            case REMOVED -> removed++;
        }
        HttpRequestSpec request = change.request(destination);
        if (request == null) {
            return;
        }
        Pending row = new Pending(change, key, hash, rowJson != null ? (ObjectNode) JSON.readTree(rowJson) : ModelDiff.keyRow(key, source));
        if (request.batch() == null) {
            inFlight.submit(() -> {
                settle(row, sender.send(request, row.row()), snapshot);
                snapshot.write();
            });
            return;
        }
        inFlight.await();
        if (!pending.isEmpty() && pending.get(0).change() != change) {
            flush(snapshot);
        }
        pending.add(row);
        if (pending.size() >= request.batch().size()) {
            flush(snapshot);
        }
    }

    private void flush(Snapshot snapshot) throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        List<Delivery> deliveries = sender.sendBatch(pending.get(0).change().request(destination), pending.stream().map(Pending::row).toList());
        for (int i = 0; i < pending.size(); i++) {
            settle(pending.get(i), deliveries.get(i), snapshot);
        }
        snapshot.write();
        pending.clear();
    }

    /** Counts and notes one row's outcome; rows settle on the sending threads, so the counts are atomic. */
    private void settle(Pending row, Delivery delivery, Snapshot snapshot) {
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

    private record Pending(Change change, String key, String hash, ObjectNode row) {
    }

    private void completed(Connection connection) throws SQLException {
        states.save(connection, SyncState.initial(syncId).backfillCompleted(null, Instant.now()));
        connection.commit();
    }

    private RowCounts counts() {
        return new RowCounts(0, read, added, changed, removed, rejected.get(), delivered.get());
    }
}
