package dev.caravan.runtime;

/** How long a backfill still needs: the records the API says remain, at the rate so far. */
public final class BackfillEta {
    private BackfillEta() {
    }

    /** Seconds to go, or null when the rate is not known yet. */
    public static Double seconds(long remaining, double recordsPerSecond) {
        if (!(recordsPerSecond > 0)) {
            return null;
        }
        return Math.round(Math.max(0, remaining) / recordsPerSecond * 10) / 10.0;
    }

    /** {@code 1h 05m}, {@code 3m 10s}, {@code 12s}; "unknown" for null. */
    public static String text(Double seconds) {
        if (seconds == null) {
            return "unknown";
        }
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format("%dh %02dm", s / 3600, s % 3600 / 60);
        }
        return s >= 60 ? String.format("%dm %02ds", s / 60, s % 60) : s + "s";
    }
}
