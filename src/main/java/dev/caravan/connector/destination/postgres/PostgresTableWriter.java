package dev.caravan.connector.destination.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.model.TableDestination;
import dev.caravan.model.TableDestination.TableMode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Writes pages of API records into one PostgreSQL table, in the caller's transaction. Values travel
 * as COPY data or bound parameters, never spliced into SQL, and the database converts the types.
 * Upserts skip rows whose values did not change ({@code IS DISTINCT FROM}), so unchanged rows are
 * not rewritten.
 */
public final class PostgresTableWriter {
    private static final AtomicLong STAGES = new AtomicLong();
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String NOT_NULL_VIOLATION = "23502";
    private final TableDestination destination;
    private final List<String> primaryKey;
    private final String deleteFlagField;
    /**
     * The table's columns as of the last page: one writer serves one run, and a run's pages rarely
     * change the shape, so the catalog is read only when a page needs something new.
     */
    private Map<String, ColumnType> knownColumns = Map.of();
    private final ColumnNames names = new ColumnNames();
    /**
     * Whether to try plain COPY into the table first. A backfill into a new or emptied table never
     * meets an existing key, and COPY straight in costs a third of staging and merging; the first
     * conflict turns it off for the rest of the run.
     */
    private boolean appending = true;

    /**
     * @param deleteFlagField a record field that marks deletions (mirror mode acts on it), or null
     */
    public PostgresTableWriter(TableDestination destination, List<String> primaryKey, String deleteFlagField) {
        this.destination = destination;
        this.primaryKey = List.copyOf(primaryKey);
        this.deleteFlagField = destination.mode() == TableMode.MIRROR ? deleteFlagField : null;
    }

    public WriteResult write(Connection connection, List<JsonNode> records) throws SQLException {
        if (records.isEmpty()) {
            return new WriteResult(0, 0, 0, false);
        }
        RowBatch batch = batch(records, 0);
        TableEvolution.Outcome table = TableEvolution.ensure(connection, destination.table(), batch.keyColumns(), batch.types(), knownColumns);
        knownColumns = table.columns();
        long appended = appending ? append(connection, batch.live()) : -1;
        long[] upserted = appended >= 0 ? new long[] {appended, 0} : upsert(connection, table.columns(), batch.keyColumns(), batch.live());
        long removed = delete(connection, table.columns(), batch.keyColumns(), batch.deleted());
        return new WriteResult(upserted[0], upserted[1], removed, table.evolved());
    }

    /**
     * COPY straight into the table, inside a savepoint: all rows are new, or none is written.
     *
     * @return rows added, or -1 when a row's key is already in the table (nothing was written)
     */
    private long append(Connection connection, List<ObjectNode> rows) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        Savepoint savepoint = connection.setSavepoint();
        try (CsvCopy copy = openAppend(connection)) {
            copy.write(rows);
            long copied = copy.end();
            connection.releaseSavepoint(savepoint);
            return copied;
        } catch (SQLException e) {
            if (!noteConflict(e)) {
                throw e;
            }
            connection.rollback(savepoint);
            return -1;
        }
    }

    /**
     * A page streamed straight into the table while it is fetched (see {@link PageStream}).
     * Call {@link PageStream#finish} with the whole page in the same transaction.
     */
    public PageStream stream(Connection connection) {
        return new PageStream(this, connection);
    }

    RowBatch batch(List<JsonNode> records, int firstIndex) {
        return RowBatch.of(records, firstIndex, primaryKey, deleteFlagField, names);
    }

    /** Whether rows of these types can be COPYed into the table as it is now known. */
    boolean canAppend(Map<String, ColumnType> types) {
        return appending && TableEvolution.fits(knownColumns, types);
    }

    /**
     * A COPY into every data column of the table as last known. {@code _caravan_synced_at} is left to
     * its default, {@code now()}: one clock read per transaction rather than a timestamp to parse per row.
     */
    CsvCopy openAppend(Connection connection) throws SQLException {
        List<String> columns = dataColumns(knownColumns);
        String sql = "COPY " + Identifiers.qualifiedTable(destination.table()) + " (" + quoted(columns, "") + ") FROM STDIN (FORMAT csv)";
        return CsvCopy.open(connection, sql, columns, knownColumns);
    }

    /**
     * A key already in the table, or a table whose {@code _caravan_synced_at} has no default (made
     * by hand), stops appending for the rest of the run; returns whether {@code e} was one of those.
     */
    boolean noteConflict(SQLException e) {
        if (UNIQUE_VIOLATION.equals(e.getSQLState()) || NOT_NULL_VIOLATION.equals(e.getSQLState())) {
            appending = false;
            return true;
        }
        return false;
    }

    /**
     * Returns {added, changed}. Rows go through a temporary stage filled by COPY (PostgreSQL's
     * fastest path in), then one INSERT … SELECT merges them into the table.
     */
    private long[] upsert(Connection connection, Map<String, ColumnType> tableColumns, List<String> keys, List<ObjectNode> rows) throws SQLException {
        if (rows.isEmpty()) {
            return new long[] {0, 0};
        }
        List<String> columns = dataColumns(tableColumns);
        List<String> nonKeys = columns.stream().filter(c -> !keys.contains(c)).toList();
        String stage = stage(connection, columns, tableColumns, rows);
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(Identifiers.qualifiedTable(destination.table())).append(" AS t (")
                .append(quoted(columns, "")).append(", ").append(Identifiers.quote(TableEvolution.SYNCED_AT)).append(") SELECT ")
                .append(quoted(columns, "")).append(", now() FROM ").append(stage)
                .append(" ON CONFLICT (").append(quoted(keys, "")).append(") ");
        if (destination.mode() == TableMode.INSERT || nonKeys.isEmpty()) {
            sql.append("DO NOTHING");
        } else {
            sql.append("DO UPDATE SET ")
                    .append(nonKeys.stream().map(c -> Identifiers.quote(c) + " = EXCLUDED." + Identifiers.quote(c)).collect(Collectors.joining(", ")))
                    .append(", ").append(Identifiers.quote(TableEvolution.SYNCED_AT)).append(" = now(), ")
                    .append(Identifiers.quote(TableEvolution.DELETED_AT)).append(" = NULL WHERE (")
                    .append(quoted(nonKeys, "t.")).append(", t.").append(Identifiers.quote(TableEvolution.DELETED_AT))
                    .append(" IS NULL) IS DISTINCT FROM (").append(quoted(nonKeys, "EXCLUDED.")).append(", true)");
        }
        sql.append(" RETURNING (xmax = 0)");
        long added = 0;
        long changed = 0;
        try (PreparedStatement ps = connection.prepareStatement(sql.toString()); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (rs.getBoolean(1)) {
                    added++;
                } else {
                    changed++;
                }
            }
        }
        return new long[] {added, changed};
    }

    /** A temporary table (dropped at commit) holding {@code rows}, loaded by COPY; returns its quoted name. */
    static String stage(Connection connection, List<String> columns, Map<String, ColumnType> types, List<ObjectNode> rows) throws SQLException {
        String stage = Identifiers.quote("caravan_stage_" + STAGES.incrementAndGet());
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMP TABLE " + stage + " (" + columns.stream()
                    .map(c -> Identifiers.quote(c) + " " + types.get(c).sql()).collect(Collectors.joining(", ")) + ") ON COMMIT DROP");
        }
        try (CsvCopy copy = CsvCopy.open(connection, "COPY " + stage + " (" + quoted(columns, "") + ") FROM STDIN (FORMAT csv)", columns, types)) {
            copy.write(rows);
            copy.end();
        }
        return stage;
    }

    /**
     * Removes (or soft-deletes, per {@code onDelete}) the rows with these keys; each record holds
     * the primary key's fields. Returns the rows removed.
     */
    public long delete(Connection connection, List<JsonNode> keyRecords) throws SQLException {
        Map<String, ColumnType> tableColumns = TableSchema.read(connection, destination.table());
        if (tableColumns.isEmpty() || keyRecords.isEmpty()) {
            return 0;
        }
        RowBatch batch = RowBatch.of(keyRecords, 0, primaryKey, null, names);
        return delete(connection, tableColumns, batch.keyColumns(), batch.live());
    }

    private long delete(Connection connection, Map<String, ColumnType> tableColumns, List<String> keys, List<ObjectNode> rows) throws SQLException {
        return TableKeys.remove(connection, destination, tableColumns, keys, rows, false);
    }

    private static List<String> dataColumns(Map<String, ColumnType> tableColumns) {
        List<String> columns = new ArrayList<>();
        tableColumns.keySet().stream().filter(c -> !c.startsWith(Identifiers.SYSTEM_PREFIX)).forEach(columns::add);
        return columns;
    }

    private static String quoted(List<String> columns, String prefix) {
        return columns.stream().map(c -> prefix + Identifiers.quote(c)).collect(Collectors.joining(", "));
    }
}
