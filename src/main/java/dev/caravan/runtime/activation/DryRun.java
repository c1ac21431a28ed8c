package dev.caravan.runtime.activation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.connector.destination.http.RequestTemplate;
import dev.caravan.model.HttpDestination;
import dev.caravan.model.HttpRequestSpec;
import dev.caravan.model.SqlSourceSpec;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the next run of an activation would send, without sending anything or moving the snapshot:
 * the same key check and diff, counted, with the first few requests rendered.
 */
final class DryRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SAMPLES = 5;

    /** Counts by change and by request, and up to {@value #SAMPLES} requests as they would go. */
    record Report(String sync, long rows, long added, long changed, long removed, Map<String, Long> requests, List<Map<String, Object>> samples) {
    }

    private DryRun() {
    }

    static Report of(String syncId, SqlSourceSpec source, HttpDestination destination, DataSource dataSource) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                return report(syncId, source, destination, connection);
            } finally {
                connection.rollback();
            }
        }
    }

    private static Report report(String syncId, SqlSourceSpec source, HttpDestination destination, Connection connection)
            throws SQLException, IOException {
        ModelDiff diff = new ModelDiff(source);
        long rows = diff.check(connection);
        Map<Change, Long> changes = new LinkedHashMap<>();
        Map<String, Long> requests = new LinkedHashMap<>();
        List<Map<String, Object>> samples = new ArrayList<>();
        try (PreparedStatement query = diff.changes(connection, syncId); ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                Change change = Change.of(rs.getString(1));
                changes.merge(change, 1L, Long::sum);
                HttpRequestSpec request = change.request(destination);
                if (request == null) {
                    continue;
                }
                requests.merge(change.operation(), 1L, Long::sum);
                if (samples.size() < SAMPLES) {
                    ObjectNode row = rs.getString(4) != null ? (ObjectNode) JSON.readTree(rs.getString(4)) : ModelDiff.keyRow(rs.getString(2), source);
                    samples.add(sample(change, rs.getString(2), request, row));
                }
            }
        }
        return new Report(syncId, rows, changes.getOrDefault(Change.ADDED, 0L), changes.getOrDefault(Change.CHANGED, 0L),
                changes.getOrDefault(Change.REMOVED, 0L), requests, samples);
    }

    private static Map<String, Object> sample(Change change, String key, HttpRequestSpec request, ObjectNode row) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("change", change.name().toLowerCase());
        out.put("key", JSON.readTree(key));
        try {
            out.put("method", request.method());
            out.put("path", RequestTemplate.path(request.path(), row));
            out.put("body", "DELETE".equals(request.method()) && request.body() == null ? null : RequestTemplate.body(request.body(), row));
        } catch (RequestTemplate.TemplateException e) {
            out.put("rejected", e.getMessage());
        }
        return out;
    }
}
