package dev.caravan.runtime.activation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * One sync's snapshot, moved as rows are confirmed, on a connection of its own: what the
 * destination confirmed is {@link #write committed} before the thread that sent it sends again, so
 * a crash sends again only rows in flight. Rejected rows also go here, to {@code caravan.rejected_rows}.
 * Threads note outcomes at any time; one {@link #write} commits everything noted so far, so rows
 * answered together are committed together.
 */
final class Snapshot implements AutoCloseable {
    private record Confirmed(String key, String hash) {
    }

    private record Rejected(long runId, String key, String operation, Integer status, String reason) {
    }

    private final String syncId;
    private final Connection connection;
    private final boolean commits;
    private final PreparedStatement confirm;
    private final PreparedStatement remove;
    private final PreparedStatement reject;
    private List<Confirmed> confirmed = new ArrayList<>();
    private List<String> removed = new ArrayList<>();
    private List<Rejected> rejected = new ArrayList<>();

    /**
     * @param connection used by this snapshot alone, in auto-commit: each {@link #write} commits, a
     *                   single row in one round trip
     */
    Snapshot(Connection connection, String syncId) throws SQLException {
        this(connection, syncId, true);
    }

    /** @param commits false when {@code connection}'s transaction belongs to the caller, who commits it */
    Snapshot(Connection connection, String syncId, boolean commits) throws SQLException {
        this.syncId = syncId;
        this.connection = connection;
        this.commits = commits;
        confirm = connection.prepareStatement("INSERT INTO caravan.activation_snapshots (sync_id, row_key, row_hash) VALUES (?, ?::jsonb, ?) "
                + "ON CONFLICT (sync_id, row_key) DO UPDATE SET row_hash = EXCLUDED.row_hash");
        remove = connection.prepareStatement("DELETE FROM caravan.activation_snapshots WHERE sync_id = ? AND row_key = ?::jsonb");
        reject = connection.prepareStatement("INSERT INTO caravan.rejected_rows (run_id, sync_id, row_key, operation, status, reason) "
                + "VALUES (?, ?, ?::jsonb, ?, ?, ?)");
    }

    /** The destination has the row as it is now (added or changed). */
    synchronized void confirmed(String key, String hash) {
        confirmed.add(new Confirmed(key, hash));
    }

    /** The destination no longer has the row. */
    synchronized void removed(String key) {
        removed.add(key);
    }

    synchronized void rejected(long runId, String key, String operation, Integer status, String reason) {
        rejected.add(new Rejected(runId, key, operation, status, reason));
    }

    /** Writes (and, unless the caller commits, commits) every outcome noted so far. */
    void write() throws SQLException {
        synchronized (connection) {
            List<Confirmed> confirms;
            List<String> removes;
            List<Rejected> rejects;
            synchronized (this) {
                confirms = confirmed;
                removes = removed;
                rejects = rejected;
                confirmed = new ArrayList<>();
                removed = new ArrayList<>();
                rejected = new ArrayList<>();
            }
            int outcomes = confirms.size() + removes.size() + rejects.size();
            if (outcomes == 0) {
                return;
            }
            // one outcome commits with its own statement; several share one transaction
            boolean transaction = commits && outcomes > 1;
            if (transaction) {
                connection.setAutoCommit(false);
            }
            for (Confirmed row : confirms) {
                confirm.setString(1, syncId);
                confirm.setString(2, row.key());
                confirm.setString(3, row.hash());
                confirm.addBatch();
            }
            for (String key : removes) {
                remove.setString(1, syncId);
                remove.setString(2, key);
                remove.addBatch();
            }
            for (Rejected row : rejects) {
                reject.setLong(1, row.runId());
                reject.setString(2, syncId);
                reject.setString(3, row.key());
                reject.setString(4, row.operation());
                if (row.status() == null) {
                    reject.setNull(5, Types.INTEGER);
                } else {
                    reject.setInt(5, row.status());
                }
                reject.setString(6, row.reason());
                reject.addBatch();
            }
            execute(confirm, confirms.size());
            execute(remove, removes.size());
            execute(reject, rejects.size());
            if (transaction) {
                connection.commit();
                connection.setAutoCommit(true);
            }
        }
    }

    private static void execute(PreparedStatement statement, int rows) throws SQLException {
        if (rows > 0) {
            statement.executeBatch();
        }
    }

    @Override
    public void close() throws SQLException {
        try (confirm; remove; reject) {
            // closes all three
        }
    }
}
