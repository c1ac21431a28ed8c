package dev.caravan.state;

import java.util.Locale;

/** Final and intermediate states of a run, stored lower-case. */
public enum RunStatus {
    QUEUED, RUNNING, SUCCEEDED, WARNING, FAILED, SKIPPED, CANCELLED, INTERRUPTED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunStatus fromValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
