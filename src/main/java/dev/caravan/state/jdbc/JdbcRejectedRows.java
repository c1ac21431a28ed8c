package dev.caravan.state.jdbc;

import dev.caravan.state.RejectedRow;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code caravan.rejected_rows} a page at a time, oldest first, by id (keyset paging: stable while rows are added). */
public final class JdbcRejectedRows {
    private final DataSource dataSource;

    public JdbcRejectedRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Up to {@code limit} rejected rows of run {@code runId} with an id above {@code after}. */
    public List<RejectedRow> page(long runId, long after, int limit) {
        String sql = "SELECT id, run_id, sync_id, row_key::text, operation, status, reason, created_at FROM caravan.rejected_rows "
                + "WHERE run_id = ? AND id > ? ORDER BY id LIMIT ?";
        List<RejectedRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, runId);
            ps.setLong(2, after);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new RejectedRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getObject(6, Integer.class), rs.getString(7), rs.getTimestamp(8).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot read the rejected rows of run " + runId, e);
        }
        return rows;
    }
}
