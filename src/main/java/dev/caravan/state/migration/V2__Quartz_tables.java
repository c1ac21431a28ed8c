package dev.caravan.state.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Quartz's JDBC job store tables, from the DDL Quartz ships inside its own jar, so they always
 * match the Quartz version on the classpath. Its DROP statements are skipped: a migration never
 * drops tables. Flyway runs this with {@code search_path} set to schema {@code caravan}.
 */
public class V2__Quartz_tables extends BaseJavaMigration {
    static final String QUARTZ_DDL = "/org/quartz/impl/jdbcjobstore/tables_postgres.sql";

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            for (String sql : statements()) {
                statement.execute(sql);
            }
        }
    }

    static List<String> statements() throws IOException {
        try (InputStream in = V2__Quartz_tables.class.getResourceAsStream(QUARTZ_DDL)) {
            if (in == null) {
                throw new IllegalStateException("Quartz DDL not found on the classpath: " + QUARTZ_DDL);
            }
            String withoutComments = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines().filter(line -> !line.strip().startsWith("--")).reduce("", (a, b) -> a + "\n" + b);
            return Arrays.stream(withoutComments.split(";"))
                    .map(String::strip)
                    .filter(sql -> !sql.isEmpty())
                    .filter(sql -> !sql.toUpperCase(Locale.ROOT).startsWith("DROP "))
                    .filter(sql -> !sql.equalsIgnoreCase("COMMIT"))
                    .toList();
        }
    }
}
