package dev.caravan.state;

import com.fasterxml.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Keys that consistent key scans did not find in the API, waiting for confirmation or for an operator. */
public interface ScanSuspects {

    /** A key's primary-key fields, since when it has been missing, and whether its removal is held for approval. */
    record Suspect(JsonNode key, Instant missedSince, boolean held) {
    }

    List<Suspect> load(Connection connection, String syncId) throws SQLException;

    /** Makes {@code suspects} the sync's whole set: others are dropped, these written. */
    void replace(Connection connection, String syncId, Collection<Suspect> suspects) throws SQLException;
}
