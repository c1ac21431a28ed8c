package dev.caravan.state.jdbc;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One short statement on a pooled connection, with its parameters bound in order. Failures become
 * a {@link StateStoreException} that says what was being done ({@code what}).
 */
final class Jdbc {
    private final DataSource dataSource;

    Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Maps the current row of a result set. */
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    int update(String what, String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, sql, parameters)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StateStoreException("cannot " + what, e);
        }
    }

    <T> List<T> query(String what, String sql, RowMapper<T> mapper, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, sql, parameters); ResultSet rs = ps.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(mapper.map(rs));
            }
            return rows;
        } catch (SQLException e) {
            throw new StateStoreException("cannot " + what, e);
        }
    }

    /**
     * Sets the text {@code column} of {@code table}'s row {@code key} (in {@code keyColumn}) to
     * {@code value}, inserting the row if needed, and returns the value it held before. Table and
     * column names are this package's constants, never input.
     */
    Optional<String> replaceText(String what, String table, String keyColumn, String column, String key, String value) {
        return query(what, "WITH before AS (SELECT " + column + " FROM " + table + " WHERE " + keyColumn + " = ?), "
                        + "written AS (INSERT INTO " + table + " (" + keyColumn + ", " + column + ") VALUES (?, ?) ON CONFLICT (" + keyColumn + ") "
                        + "DO UPDATE SET " + column + " = EXCLUDED." + column + ", changed_at = now() "
                        + "WHERE " + table + "." + column + " IS DISTINCT FROM EXCLUDED." + column + ") SELECT " + column + " FROM before",
                rs -> rs.getString(1), key, key, value).stream().findFirst();
    }

    /** The first column of the single row that {@code sql} (an INSERT … RETURNING) gives. */
    long insertReturningId(String what, String sql, Object... parameters) {
        return query(what, sql, rs -> rs.getLong(1), parameters).get(0);
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... parameters) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            return ps;
        } catch (SQLException e) {
            ps.close();
            throw e;
        }
    }
}
