package dev.caravan.state;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** Runs work in one JDBC transaction: committed when it returns, rolled back when it throws. */
public final class Transactions {
    private Transactions() {
    }

    /** Work done with the transaction's connection. */
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    public static <T> T inTransaction(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }
}
