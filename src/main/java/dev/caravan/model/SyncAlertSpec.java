package dev.caravan.model;

import java.util.List;

/**
 * Notifications about one sync, sent to {@code channels}: an API sync's first backfill completing;
 * {@code failures} runs failing in a row, and the next success; lag above {@code lag}, and back
 * under it; a run rejecting more than {@code rejected} rows. Each fires once per change of state.
 */
public record SyncAlertSpec(List<String> channels, Integer failures, DurationSpec lag, Integer rejected) {
    public static final int DEFAULT_FAILURES = 3;

    public SyncAlertSpec {
        channels = List.copyOf(channels);
        failures = failures == null ? DEFAULT_FAILURES : failures;
    }
}
