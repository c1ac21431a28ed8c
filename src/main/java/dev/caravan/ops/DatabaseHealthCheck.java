package dev.caravan.ops;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.Map;

/** Readiness: the state database answers within two seconds. */
public final class DatabaseHealthCheck extends AbstractHealthCheck {
    public static final String ID = "database";
    private static final int TIMEOUT_SECONDS = 2;

    private final DataSource dataSource;

    public DatabaseHealthCheck(DataSource dataSource) {
        super("caravan", ID);
        this.dataSource = dataSource;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isValid(TIMEOUT_SECONDS)) {
                builder.up();
            } else {
                builder.message("the state database did not answer within " + TIMEOUT_SECONDS + " s").down();
            }
        } catch (Exception e) {
            builder.message("the state database is unreachable").error(e).down();
        }
    }
}
