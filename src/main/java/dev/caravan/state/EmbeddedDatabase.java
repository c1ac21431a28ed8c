package dev.caravan.state;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * PostgreSQL 17 started in-process (zonky binaries) on a persistent data folder: the default
 * database when no external URL is configured. A second start on the same folder reuses the data.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts on {@code dataDirectory} (created if missing) and {@code port} (0: any free port). */
    public static EmbeddedDatabase start(Path dataDirectory, int port) {
        try {
            Path absolute = dataDirectory.toAbsolutePath().normalize();
            Files.createDirectories(absolute);
            boolean existing = Files.exists(absolute.resolve("PG_VERSION"));
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(absolute)
                    .setCleanDataDirectory(false)
                    // Stopped by StateDatabase after Camel's graceful shutdown; its own JVM hook would stop
                    // the database while runs are still committing their last page.
                    .setRegisterShutdownHook(false)
                    .setServerConfig("listen_addresses", "localhost");
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            LOGGER.info("Embedded PostgreSQL started on localhost:{} with {} data in {}",
                    postgres.getPort(), existing ? "existing" : "new", absolute);
            return new EmbeddedDatabase(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dataDirectory + ": " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).contains("could not lock")) {
                throw new IllegalStateException("the embedded PostgreSQL data folder " + dataDirectory.toAbsolutePath()
                        + " is in use by another Caravan process; stop it, or set caravan.db.embedded.data-dir"
                        + " (CARAVAN_DB_EMBEDDED_DATA_DIR) to another folder", e);
            }
            throw e;
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    @Override
    public void close() {
        try {
            postgres.close();
            LOGGER.info("Embedded PostgreSQL stopped");
        } catch (IOException e) {
            LOGGER.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
