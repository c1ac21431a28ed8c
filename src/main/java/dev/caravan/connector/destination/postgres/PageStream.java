package dev.caravan.connector.destination.postgres;

import com.fasterxml.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;

/**
 * One page written while it is still being fetched: each chunk of records goes straight into the
 * table by one COPY inside a savepoint, so PostgreSQL inserts the first records while the rest are
 * read. When a chunk needs what COPY cannot do (a new or wider column, a deletion, a key already in
 * the table), the savepoint is rolled back and {@link #finish} writes the whole page the usual way.
 */
public final class PageStream {
    private final PostgresTableWriter writer;
    private final Connection connection;
    private Savepoint savepoint;
    private CsvCopy copy;
    private int received;
    private boolean fallBack;

    PageStream(PostgresTableWriter writer, Connection connection) {
        this.writer = writer;
        this.connection = connection;
    }

    /** The next records of the page, in order. */
    public void add(List<JsonNode> records) {
        RowBatch batch = writer.batch(records, received);
        received += records.size();
        if (fallBack) {
            return;
        }
        if (!batch.deleted().isEmpty() || !writer.canAppend(batch.types())) {
            abandon();
            return;
        }
        try {
            if (copy == null) {
                savepoint = connection.setSavepoint();
                copy = writer.openAppend(connection);
            }
            copy.write(batch.live());
        } catch (SQLException e) {
            writer.noteConflict(e);
            abandon();
        }
    }

    /** The page is fetched again: drop what was streamed. */
    public void discard() {
        abandon();
        fallBack = false;
        received = 0;
    }

    /** Completes the page; {@code records} is all of it, for the usual write when streaming gave up. */
    public WriteResult finish(List<JsonNode> records) throws SQLException {
        if (copy != null && !fallBack) {
            try {
                long copied = copy.end();
                connection.releaseSavepoint(savepoint);
                return new WriteResult(copied, 0, 0, false);
            } catch (SQLException e) {
                writer.noteConflict(e);
                abandon();
            }
        }
        abandon();
        return writer.write(connection, records);
    }

    private void abandon() {
        fallBack = true;
        if (copy == null) {
            return;
        }
        try {
            copy.close();
            connection.rollback(savepoint);
        } catch (SQLException e) {
            throw new DestinationException("could not roll back a streamed page: " + e.getMessage(), e);
        } finally {
            copy = null;
            savepoint = null;
        }
    }
}
