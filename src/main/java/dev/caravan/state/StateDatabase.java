package dev.caravan.state;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.caravan.config.CaravanProperty;
import dev.caravan.runtime.RuntimeSettings;
import org.apache.camel.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.file.Path;

/**
 * The runtime's PostgreSQL: external when {@code CARAVAN_DB_URL} is set, otherwise embedded on a
 * persistent folder. Owns the Hikari pool and, when embedded, the server process; stopping it
 * closes the pool first, then the server.
 */
public final class StateDatabase implements Service, AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(StateDatabase.class);

    private final HikariDataSource dataSource;
    private final EmbeddedDatabase embedded;

    private StateDatabase(HikariDataSource dataSource, EmbeddedDatabase embedded) {
        this.dataSource = dataSource;
        this.embedded = embedded;
    }

    /** Connects (starting the embedded server if no URL is set) and applies the migrations. */
    public static StateDatabase open(RuntimeSettings settings) {
        EmbeddedDatabase embedded = null;
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("caravan-state");
        hikari.setMaximumPoolSize(settings.getInt(CaravanProperty.DB_POOL_SIZE));
        hikari.setConnectionTimeout(10_000);
        var url = settings.find(CaravanProperty.DB_URL);
        if (url.isPresent()) {
            hikari.setJdbcUrl(url.get());
            settings.find(CaravanProperty.DB_USER).ifPresent(hikari::setUsername);
            settings.find(CaravanProperty.DB_PASSWORD).ifPresent(hikari::setPassword);
            LOGGER.info("Using external PostgreSQL at {}", withoutCredentials(url.get()));
        } else {
            embedded = EmbeddedDatabase.start(Path.of(settings.get(CaravanProperty.DB_EMBEDDED_DATA_DIR)),
                    settings.getInt(CaravanProperty.DB_EMBEDDED_PORT));
            hikari.setJdbcUrl(embedded.jdbcUrl());
        }
        HikariDataSource dataSource = null;
        try {
            dataSource = new HikariDataSource(hikari);
            StateMigrations.apply(dataSource);
            return new StateDatabase(dataSource, embedded);
        } catch (RuntimeException e) {
            if (dataSource != null) {
                dataSource.close();
            }
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /** A JDBC URL fit for logs and the API: no user, password or query parameters. */
    static String withoutCredentials(String url) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        return base.replaceAll("//[^/@]*@", "//");
    }

    @Override
    public void start() {
        // opened eagerly by open(): the routes need the schema before the context starts
    }

    @Override
    public void stop() {
        close();
    }

    @Override
    public void close() {
        if (!dataSource.isClosed()) {
            dataSource.close();
        }
        if (embedded != null) {
            embedded.close();
        }
    }
}
