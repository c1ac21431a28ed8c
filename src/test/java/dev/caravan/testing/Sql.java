package dev.caravan.testing;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads the first column of a query as strings, or runs statements. */
public final class Sql {
    private Sql() {
    }

    public static List<String> column(DataSource dataSource, String sql) {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
        return rows;
    }

    /** Runs {@code statements} (separated by semicolons) in one transaction. */
    public static void execute(DataSource dataSource, String statements) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(statements);
        } catch (SQLException e) {
            throw new IllegalStateException(statements + ": " + e.getMessage(), e);
        }
    }
}
