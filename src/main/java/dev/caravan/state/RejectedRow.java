package dev.caravan.state;

import java.time.Instant;

/** A row a destination refused in one run: its key (JSON), the operation, the HTTP status (null when none came) and why. */
public record RejectedRow(long id, long runId, String syncId, String key, String operation, Integer status, String reason, Instant at) {
}
