package dev.caravan.state;

import dev.caravan.state.migration.V2__Quartz_tables;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;

/** Applies the versioned migrations of schema {@code caravan}; idempotent across restarts and nodes. */
public final class StateMigrations {
    public static final String SCHEMA = "caravan";
    private static final Logger LOGGER = LoggerFactory.getLogger(StateMigrations.class);

    private StateMigrations() {
    }

    public static MigrateResult apply(DataSource dataSource) {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .locations("classpath:db/state")
                .javaMigrations(new V2__Quartz_tables())
                .loggers("slf4j")
                .load()
                .migrate();
        LOGGER.info("State schema '{}' at version {} ({} migration(s) applied now)",
                SCHEMA, result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
                result.migrationsExecuted);
        return result;
    }
}
