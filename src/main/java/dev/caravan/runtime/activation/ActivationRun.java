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
import java.util.List;

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
    private long delivered;
    private long rejected;

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

    RowCounts run() throws SQLException, IOException {
        try (Connection model = dataSource.getConnection(); Connection confirmations = dataSource.getConnection()) {
            model.setAutoCommit(false);
            confirmations.setAutoCommit(true);
            boolean firstRun = states.load(confirmations, syncId).isEmpty();
            read = ModelDiff.materialise(model, source);
            if (firstRun && source.initial() == SqlSourceSpec.InitialRun.BASELINE) {
                ModelDiff.baseline(model, syncId);
                model.commit();
                completed(confirmations);
                LOGGER.info("Activation {}: baseline of {} row(s) recorded; nothing sent", syncId, read);
                return counts();
            }
            try (Snapshot snapshot = new Snapshot(confirmations, syncId); PreparedStatement diff = ModelDiff.changes(model, syncId);
                 ResultSet changes = diff.executeQuery()) {
                long lastLog = System.nanoTime();
                while (changes.next()) {
                    send(Change.of(changes.getString(1)), changes.getString(2), changes.getString(3), changes.getString(4), snapshot);
                    if (System.nanoTime() - lastLog >= PROGRESS_EVERY_NANOS) {
                        lastLog = System.nanoTime();
                        LOGGER.info("Activation {}: {} delivered, {} rejected so far", syncId, delivered, rejected);
                    }
                    if (stopSignal.isStopping()) {
                        throw new RunInterruptedException("the runtime is stopping; rows not yet confirmed go on the next run", counts());
                    }
                }
            }
            model.commit();
            if (firstRun) {
                completed(confirmations);
            }
            LOGGER.info("Activation {}: {} row(s) in the model; {} added, {} changed, {} removed; {} delivered, {} rejected", syncId, read,
                    added, changed, removed, delivered, rejected);
            return counts();
        }
    }

    private void send(Change change, String key, String hash, String rowJson, Snapshot snapshot) throws SQLException, IOException {
        switch (change) {
            case ADDED -> added++;
            case CHANGED -> changed++;
            case REMOVED -> removed++;
        }
        HttpRequestSpec request = change.request(destination);
        if (request == null) {
            return;
        }
        ObjectNode row = rowJson != null ? (ObjectNode) JSON.readTree(rowJson) : keyRow(key);
        Delivery delivery = sender.send(request, row);
        if (delivery.delivered()) {
            delivered++;
            if (change == Change.REMOVED) {
                snapshot.removed(key);
            } else {
                snapshot.confirmed(key, hash);
            }
        } else {
            rejected++;
            snapshot.rejected(runId, key, change.operation(), delivery.status(), delivery.reason());
        }
    }

    /** A removed row is known by its key alone: the columns of the primary key, for the delete request. */
    private ObjectNode keyRow(String key) throws IOException {
        JsonNode values = JSON.readTree(key);
        ObjectNode row = JSON.createObjectNode();
        List<String> columns = source.primaryKey();
        for (int i = 0; i < columns.size(); i++) {
            row.set(columns.get(i), values.get(i));
        }
        return row;
    }

    private void completed(Connection connection) throws SQLException {
        states.save(connection, SyncState.initial(syncId).backfillCompleted(null, Instant.now()));
    }

    private RowCounts counts() {
        return new RowCounts(0, read, added, changed, removed, rejected, delivered);
    }
}
