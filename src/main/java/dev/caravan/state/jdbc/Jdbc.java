package dev.caravan.state.jdbc;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

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
