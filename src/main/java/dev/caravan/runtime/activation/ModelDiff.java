package dev.caravan.runtime.activation;

import dev.caravan.connector.destination.postgres.Identifiers;
import dev.caravan.model.SqlSourceSpec;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The diff of a model against its snapshot, done set-wise inside PostgreSQL. The model's rows are
 * materialised once in a temporary table as (key, hash, row); one full join with the sync's
 * snapshot then yields the added, changed and removed rows, read through a cursor.
 */
final class ModelDiff {
    static final String MODEL = "caravan_model";
    private static final int FETCH_SIZE = 1_000;

    private ModelDiff() {
    }

    /**
     * Runs the model into {@value #MODEL} (dropped at commit) and checks its keys.
     *
     * @return the rows in the model
     * @throws ModelException when the query fails, or a key is null or repeated
     */
    static long materialise(Connection connection, SqlSourceSpec source) {
        String keys = source.primaryKey().stream().map(k -> "q." + Identifiers.quote(k)).collect(Collectors.joining(", "));
        long rows;
        try (Statement statement = connection.createStatement()) {
            rows = statement.executeUpdate("CREATE TEMP TABLE " + MODEL + " ON COMMIT DROP AS SELECT jsonb_build_array(" + keys
                    + ") AS row_key, md5(to_jsonb(q)::text) AS row_hash, to_jsonb(q) AS row FROM (" + query(source) + ") q");
        } catch (SQLException e) {
            throw new ModelException("source.query failed: " + e.getMessage(), e);
        }
        List<String> nullKeys = sample(connection, "SELECT row_key::text FROM " + MODEL + " WHERE row_key @> '[null]' LIMIT 3");
        if (!nullKeys.isEmpty()) {
            throw new ModelException("the model has rows with a null primary key " + source.primaryKey() + ", e.g. " + nullKeys, null);
        }
        List<String> repeated = sample(connection, "SELECT row_key::text || ' (' || count(*) || ' rows)' FROM " + MODEL
                + " GROUP BY row_key HAVING count(*) > 1 LIMIT 3");
        if (!repeated.isEmpty()) {
            throw new ModelException("the model's primary key " + source.primaryKey() + " is not unique: " + String.join(", ", repeated)
                    + "; each key must be one row", null);
        }
        return rows;
    }

    /** The model query as a subquery: trailing semicolons would end it early. */
    private static String query(SqlSourceSpec source) {
        return source.query().strip().replaceAll(";+\\s*$", "");
    }

    private static List<String> sample(Connection connection, String sql) {
        List<String> out = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new ModelException("checking the model's keys failed: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * The changes against the snapshot of {@code syncId}: columns kind ({@code added}, {@code changed},
     * {@code removed}), row_key (JSON text), row_hash and row (JSON text; null for removed rows).
     * The caller closes the statement; the connection must not be in auto-commit, so rows stream.
     */
    static PreparedStatement changes(Connection connection, String syncId) throws SQLException {
        PreparedStatement ps = connection.prepareStatement("SELECT CASE WHEN s.row_key IS NULL THEN 'added' WHEN m.row_key IS NULL THEN 'removed' "
                + "ELSE 'changed' END, coalesce(m.row_key, s.row_key)::text, m.row_hash, m.row::text FROM " + MODEL + " m "
                + "FULL JOIN (SELECT row_key, row_hash FROM caravan.activation_snapshots WHERE sync_id = ?) s ON s.row_key = m.row_key "
                + "WHERE m.row_key IS NULL OR s.row_key IS NULL OR s.row_hash <> m.row_hash");
        ps.setString(1, syncId);
        ps.setFetchSize(FETCH_SIZE);
        return ps;
    }

    /** Records every model row as confirmed, sending nothing ({@code initial: baseline}). */
    static void baseline(Connection connection, String syncId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO caravan.activation_snapshots (sync_id, row_key, row_hash) "
                + "SELECT ?, row_key, row_hash FROM " + MODEL + " ON CONFLICT (sync_id, row_key) DO UPDATE SET row_hash = EXCLUDED.row_hash")) {
            ps.setString(1, syncId);
            ps.executeUpdate();
        }
    }
}
