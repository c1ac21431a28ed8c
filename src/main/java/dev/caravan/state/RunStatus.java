package dev.caravan.state;

import java.util.Locale;

/** Final and intermediate states of a run, stored lower-case. */
public enum RunStatus {
    QUEUED, RUNNING, SUCCEEDED, WARNING, FAILED, SKIPPED, CANCELLED, INTERRUPTED,
    /** An activation whose mirror diff removes more rows than its {@code maxRemove}: nothing was sent. */
    AWAITING_APPROVAL;

    public String value() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static RunStatus fromValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
