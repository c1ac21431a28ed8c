package dev.caravan.runtime.activation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.connector.destination.postgres.PostgresTableWriter;
import dev.caravan.model.TableDestination;
import dev.caravan.model.TableDestination.TableMode;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Changes written into a table of the runtime's database with B's writer (typed columns, upserts
 * that skip unchanged rows, hard or soft deletes), in the run's own transaction together with the
 * snapshot: the table and the snapshot move together or not at all.
 */
final class TableChanges implements ChangeTarget {
    private static final int CHUNK = 1_000;
    private final TableDestination destination;
    private final PostgresTableWriter writer;
    private final Connection transaction;
    private final Snapshot snapshot;
    private final List<JsonNode> rows = new ArrayList<>();
    private final List<String[]> rowKeys = new ArrayList<>();
    private final List<JsonNode> removedRows = new ArrayList<>();
    private final List<String> removedKeys = new ArrayList<>();
    private long delivered;

    /** @param transaction the run's transaction (the diff's): writes and snapshot commit with it */
    TableChanges(String syncId, TableDestination destination, List<String> primaryKey, Connection transaction) throws SQLException {
        this.destination = destination;
        this.writer = new PostgresTableWriter(destination, primaryKey, null);
        this.transaction = transaction;
        this.snapshot = new Snapshot(transaction, syncId, false);
    }

    @Override
    public boolean wants(Change change) {
        return switch (change) {
            case ADDED -> true;
            case CHANGED -> destination.mode() != TableMode.INSERT;
            case REMOVED -> destination.mode() == TableMode.MIRROR;
        };
    }

    @Override
    public void accept(Change change, String key, String hash, ObjectNode row) throws SQLException {
        if (change == Change.REMOVED) {
            removedRows.add(row);
            removedKeys.add(key);
        } else {
            rows.add(row);
            rowKeys.add(new String[] {key, hash});
        }
        if (rows.size() + removedRows.size() >= CHUNK) {
            flush();
        }
    }

    @Override
    public void finish() throws SQLException {
        flush();
    }

    private void flush() throws SQLException {
        if (!rows.isEmpty()) {
            writer.write(transaction, rows);
            rowKeys.forEach(k -> snapshot.confirmed(k[0], k[1]));
            delivered += rows.size();
        }
        if (!removedRows.isEmpty()) {
            writer.delete(transaction, removedRows);
            removedKeys.forEach(snapshot::removed);
            delivered += removedRows.size();
        }
        snapshot.write();
        rows.clear();
        rowKeys.clear();
        removedRows.clear();
        removedKeys.clear();
    }

    @Override
    public long delivered() {
        return delivered;
    }

    @Override
    public long rejected() {
        return 0;
    }

    @Override
    public void close() throws SQLException {
        snapshot.close();
    }
}
