package dev.caravan.state.jdbc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.caravan.state.ScanSuspects;

import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** {@link ScanSuspects} in {@code caravan.scan_suspects}, written per key. */
public final class JdbcScanSuspects implements ScanSuspects {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public List<Suspect> load(Connection connection, String syncId) throws SQLException {
        List<Suspect> suspects = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT key::text, missed_since, held FROM caravan.scan_suspects WHERE sync_id = ?")) {
            ps.setString(1, syncId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    suspects.add(new Suspect(JSON.readTree(rs.getString(1)), rs.getTimestamp(2).toInstant(), rs.getBoolean(3)));
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return suspects;
    }

    @Override
    public void replace(Connection connection, String syncId, Collection<Suspect> suspects) throws SQLException {
        ArrayNode rows = JSON.createArrayNode();
        suspects.forEach(s -> rows.addObject().put("missed_since", s.missedSince().toString()).put("held", s.held()).set("key", s.key()));
        try (PreparedStatement drop = connection.prepareStatement("DELETE FROM caravan.scan_suspects s WHERE sync_id = ? AND NOT EXISTS "
                + "(SELECT 1 FROM jsonb_array_elements(?::jsonb) e WHERE e->'key' = s.key)");
             PreparedStatement write = connection.prepareStatement("INSERT INTO caravan.scan_suspects (sync_id, key, missed_since, held) "
                     + "SELECT ?, e->'key', (e->>'missed_since')::timestamptz, (e->>'held')::boolean FROM jsonb_array_elements(?::jsonb) e "
                     + "ON CONFLICT (sync_id, key) DO UPDATE SET missed_since = EXCLUDED.missed_since, held = EXCLUDED.held")) {
            drop.setString(1, syncId);
            drop.setString(2, rows.toString());
            drop.executeUpdate();
            write.setString(1, syncId);
            write.setString(2, rows.toString());
            write.executeUpdate();
        }
    }
}
