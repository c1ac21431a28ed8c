package dev.caravan.state.jdbc;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/** The history of configuration reloads, in {@code caravan.config_reloads}. */
public final class JdbcConfigReloads {
    private final Jdbc jdbc;

    public JdbcConfigReloads(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /** One reload: {@code added}, {@code changed} and {@code removed} hold {@code kind/id} entries; the time is ISO-8601. */
    public record Reload(long reloadId, String requestedAt, String actor, String status, List<String> added, List<String> changed,
                         List<String> removed, List<String> problems) {
    }

    public long record(String actor, String status, List<String> added, List<String> changed, List<String> removed, List<String> problems) {
        return jdbc.insertReturningId("record a configuration reload", "INSERT INTO caravan.config_reloads (actor, status, added, changed, removed, problems) "
                        + "VALUES (?, ?, ?::text[], ?::text[], ?::text[], ?::text[]) RETURNING reload_id",
                actor, status, literal(added), literal(changed), literal(removed), literal(problems));
    }

    public List<Reload> recent(int limit) {
        return jdbc.query("read configuration reloads", "SELECT reload_id, requested_at, actor, status, added, changed, removed, problems "
                + "FROM caravan.config_reloads ORDER BY reload_id DESC LIMIT ?", rs -> new Reload(rs.getLong(1),
                rs.getTimestamp(2).toInstant().toString(), rs.getString(3), rs.getString(4), strings(rs.getArray(5)), strings(rs.getArray(6)),
                strings(rs.getArray(7)), strings(rs.getArray(8))), limit);
    }

    /** A PostgreSQL array literal: every element quoted, quotes and backslashes escaped. */
    private static String literal(List<String> values) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            out.append(i > 0 ? "," : "").append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return out.append('}').toString();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
