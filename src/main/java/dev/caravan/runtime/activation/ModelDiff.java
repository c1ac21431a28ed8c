package dev.caravan.runtime.activation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.connector.destination.postgres.Identifiers;
import dev.caravan.model.SqlSourceSpec;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The diff of a model against its snapshot, done set-wise inside PostgreSQL. A row's key is the
 * JSON array of its primary key values; one full join of the model with the sync's snapshot yields
 * the added, changed and removed rows, read through a cursor. The model query runs twice per run:
 * once to check its keys, once for the diff (and once more in mirror mode, to count removals for
 * the {@code maxRemove} guard before anything is sent); nothing is materialised, so a large model
 * costs no temporary space.
 *
 * <p>A row's hash is PostgreSQL's 64-bit {@code hash_record_extended} (PostgreSQL 14+), three times
 * cheaper than hashing the row's text, when every column's type has an extended hash function (the
 * ones hash partitioning uses, stable across versions); otherwise (json, xml, geometric types) the
 * md5 of the row's text. A model that switches between the two sends every row once.
 */
final class ModelDiff {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FETCH_SIZE = 1_000;
    private static final String JOIN_MEMORY = "256MB";
    private final SqlSourceSpec source;
    private final String model;
    private final String keyColumns;

    ModelDiff(SqlSourceSpec source) {
        this.source = source;
        // trailing semicolons would end the subquery early
        this.model = "(" + source.query().strip().replaceAll(";+\\s*$", "") + ") q";
        this.keyColumns = source.primaryKey().stream().map(k -> "q." + Identifiers.quote(k)).collect(Collectors.joining(", "));
    }

    private String key() {
        return "jsonb_build_array(" + keyColumns + ")";
    }

    private String hash = "md5(q::text)";

    private String hash() {
        return hash;
    }

    /** Types whose values {@code hash_record_extended} can hash (arrays of them too). */
    private static final java.util.Set<String> HASHABLE = java.util.Set.of("int2", "int4", "int8", "numeric", "float4", "float8", "text",
            "varchar", "bpchar", "char", "name", "bool", "date", "time", "timetz", "timestamp", "timestamptz", "interval", "uuid", "jsonb",
            "bytea", "inet", "cidr", "macaddr", "oid");

    /** Picks the row hash from the model's column types (a plan-only query: no row is read). */
    private void chooseHash(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT * FROM " + model + " LIMIT 0")) {
            java.sql.ResultSetMetaData columns = rs.getMetaData();
            boolean hashable = true;
            for (int i = 1; i <= columns.getColumnCount(); i++) {
                String type = columns.getColumnTypeName(i).replaceFirst("^_", "");
                hashable &= HASHABLE.contains(type);
            }
            hash = hashable ? "hash_record_extended(q, 0)::text" : "md5(q::text)";
        }
    }

    /**
     * Runs the model once to count its rows and check its keys.
     *
     * @throws ModelException when the query fails, or a key is null or repeated
     */
    long check(Connection connection) {
        String nullKey = source.primaryKey().stream().map(k -> "q." + Identifiers.quote(k) + " IS NULL").collect(Collectors.joining(" OR "));
        long rows;
        long repeated;
        boolean nulls;
        try {
            chooseHash(connection);
        } catch (SQLException e) {
            throw new ModelException("source.query failed: " + e.getMessage(), e);
        }
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT coalesce(sum(n), 0), count(*) FILTER (WHERE n > 1), coalesce(bool_or(nulls), false) "
                     + "FROM (SELECT count(*) AS n, bool_or(" + nullKey + ") AS nulls FROM " + model + " GROUP BY " + keyColumns + ") g")) {
            rs.next();
            rows = rs.getLong(1);
            repeated = rs.getLong(2);
            nulls = rs.getBoolean(3);
        } catch (SQLException e) {
            throw new ModelException("source.query failed: " + e.getMessage(), e);
        }
        if (nulls) {
            throw new ModelException("the model has rows with a null primary key " + source.primaryKey() + "; every row needs its key", null);
        }
        if (repeated > 0) {
            throw new ModelException("the model's primary key " + source.primaryKey() + " is not unique: " + repeated + " key(s) repeat, e.g. "
                    + String.join(", ", examples(connection)) + "; each key must be one row", null);
        }
        return rows;
    }

    private List<String> examples(Connection connection) {
        List<String> out = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT " + key() + "::text || ' (' || count(*) || ' rows)' FROM " + model
                     + " GROUP BY " + keyColumns + " HAVING count(*) > 1 LIMIT 3")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new ModelException("source.query failed: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * The changes against the snapshot of {@code syncId}: columns kind ({@code added}, {@code changed},
     * {@code removed}), row_key (JSON text), row_hash and row (JSON text; null for removed rows).
     * The caller closes the statement; the connection must not be in auto-commit, so rows stream.
     */
    PreparedStatement changes(Connection connection, String syncId) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // the snapshot side of the hash join holds one entry per key: with the default 4 MB a
            // large model's join spills to temporary files in many batches
            statement.execute("SET LOCAL work_mem = '" + JOIN_MEMORY + "'");
        }
        PreparedStatement ps = connection.prepareStatement("SELECT CASE WHEN s.row_key IS NULL THEN 'added' WHEN m.row_key IS NULL THEN 'removed' "
                + "ELSE 'changed' END, coalesce(m.row_key, s.row_key)::text, m.row_hash, to_jsonb(m.row)::text "
                + "FROM (SELECT " + key() + " AS row_key, " + hash() + " AS row_hash, q AS row FROM " + model + ") m "
                + "FULL JOIN (SELECT row_key, row_hash FROM caravan.activation_snapshots WHERE sync_id = ?) s ON s.row_key = m.row_key "
                + "WHERE m.row_key IS NULL OR s.row_key IS NULL OR s.row_hash <> m.row_hash");
        ps.setString(1, syncId);
        ps.setFetchSize(FETCH_SIZE);
        return ps;
    }

    /** Rows the snapshot of a sync holds, and how many of them the model no longer has. */
    record Removals(long snapshot, long removed, JsonNode sample) {
    }

    /** Counts a mirror's removals before anything is sent, for its {@code maxRemove} guard. */
    Removals removals(Connection connection, String syncId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT count(*), count(*) FILTER (WHERE m.row_key IS NULL), "
                + "coalesce(to_jsonb((array_agg(s.row_key) FILTER (WHERE m.row_key IS NULL))[1:10]), '[]')::text "
                + "FROM caravan.activation_snapshots s LEFT JOIN (SELECT " + key() + " AS row_key FROM " + model + ") m ON m.row_key = s.row_key "
                + "WHERE s.sync_id = ?")) {
            ps.setString(1, syncId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Removals(rs.getLong(1), rs.getLong(2), JSON.readTree(rs.getString(3)));
            } catch (IOException e) {
                throw new SQLException("unreadable removal sample", e);
            }
        }
    }

    /** Records every model row as confirmed, sending nothing ({@code initial: baseline}). */
    void baseline(Connection connection, String syncId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO caravan.activation_snapshots (sync_id, row_key, row_hash) "
                + "SELECT ?, " + key() + ", " + hash() + " FROM " + model + " ON CONFLICT (sync_id, row_key) DO UPDATE SET row_hash = EXCLUDED.row_hash")) {
            ps.setString(1, syncId);
            ps.executeUpdate();
        }
    }

    /** A removed row is known by its key alone: the primary key's columns, for the delete request. */
    static ObjectNode keyRow(String key, SqlSourceSpec source) throws IOException {
        JsonNode values = JSON.readTree(key);
        ObjectNode row = JSON.createObjectNode();
        for (int i = 0; i < source.primaryKey().size(); i++) {
            row.set(source.primaryKey().get(i), values.get(i));
        }
        return row;
    }
}
