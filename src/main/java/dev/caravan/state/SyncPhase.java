package dev.caravan.state;

import java.util.Locale;

/** Where an API sync stands: copying history page by page, or polling for changes. */
public enum SyncPhase {
    BACKFILL, INCREMENTAL;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SyncPhase fromValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
