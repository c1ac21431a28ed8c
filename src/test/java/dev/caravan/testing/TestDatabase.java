package dev.caravan.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A real PostgreSQL for tests: the server at {@code CARAVAN_TEST_DB_URL} when set, otherwise one
 * embedded PostgreSQL 17 shared by the whole test JVM. Every caller gets a fresh database of its
 * own, so tests never see each other's state.
 */
public final class TestDatabase {
    private static final String ENV_URL = "CARAVAN_TEST_DB_URL";
    private static EmbeddedPostgres embedded;

    private TestDatabase() {
    }

    /** A JDBC URL to a new, empty database. */
    public static synchronized String createDatabase() {
        String name = "caravan_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(adminUrl(), user(), password()); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
        }
        return adminUrl().replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
    }

    /** A data source on {@code url} with the test credentials, to read what a runtime under test wrote. */
    public static javax.sql.DataSource dataSource(String url) {
        org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(user());
        dataSource.setPassword(password());
        return dataSource;
    }

    public static String user() {
        return System.getenv(ENV_URL) != null ? System.getenv().getOrDefault("CARAVAN_TEST_DB_USER", "postgres") : "postgres";
    }

    public static String password() {
        return System.getenv(ENV_URL) != null ? System.getenv().getOrDefault("CARAVAN_TEST_DB_PASSWORD", "") : "postgres";
    }

    private static String adminUrl() {
        String external = System.getenv(ENV_URL);
        return external != null && !external.isBlank() ? external : embedded().getJdbcUrl("postgres", "postgres");
    }

    private static EmbeddedPostgres embedded() {
        if (embedded == null) {
            try {
                embedded = EmbeddedPostgres.builder()
                        .setDataDirectory(Files.createTempDirectory("caravan-test-pg"))
                        .setCleanDataDirectory(true)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return embedded;
    }
}
