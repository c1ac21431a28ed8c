package dev.caravan.state;

import com.fasterxml.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Removals larger than a sync's {@code maxRemove}, waiting for an operator: at most one per sync.
 * Approval marks it; the sync's next run carries it out. Rejection drops it.
 */
public interface PendingRemovals {

    /** @param sample a few of the keys (or rows) it would remove; {@code approvedAt} is null until approved */
    record PendingRemoval(String syncId, Long runId, long rows, long limit, JsonNode sample, Instant heldAt, Instant approvedAt) {
        public boolean approved() {
            return approvedAt != null;
        }
    }

    Optional<PendingRemoval> find(String syncId);

    /** Holds a removal (replacing an earlier one, approval and all), in the caller's transaction. */
    void hold(Connection connection, PendingRemoval removal) throws SQLException;

    /** Marks the sync's held removal approved; false when none is held. */
    boolean approve(String syncId);

    /** Drops the sync's held removal, with the held scan keys; false when none is held. */
    boolean reject(String syncId);

    /** Forgets the sync's removal once it is carried out, in the caller's transaction. */
    void clear(Connection connection, String syncId) throws SQLException;
}
