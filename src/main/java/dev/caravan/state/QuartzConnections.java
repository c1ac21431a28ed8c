package dev.caravan.state;

import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Gives Quartz's JDBC job store ({@code org.quartz.jobStore.dataSource = caravan}) connections
 * from the state database's pool, so schedules live in the same database as everything else.
 * Registered before Camel starts its Quartz scheduler.
 */
public final class QuartzConnections implements ConnectionProvider {
    public static final String NAME = "caravan";

    private final DataSource dataSource;

    private QuartzConnections(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static void register(DataSource dataSource) {
        DBConnectionManager.getInstance().addConnectionProvider(NAME, new QuartzConnections(dataSource));
    }

    @Override
    public Connection getConnection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void shutdown() {
        // the pool belongs to the state database, which closes it
    }

    @Override
    public void initialize() {
        // nothing to set up: the pool is already running
    }
}
