package dev.caravan.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One step of a sequence: the sync it runs, whether its outcome ends the run, the steps it waits
 * for ({@code after}; by default the previous step), and how often a failed run is retried.
 */
public record StepSpec(String sync, TerminatePolicy terminate, RejectedThreshold rejected, List<String> after,
                       Integer retries, DurationSpec backoff) {
    public static final DurationSpec DEFAULT_BACKOFF = DurationSpec.parse("30s");

    public StepSpec {
        terminate = terminate == null ? TerminatePolicy.FATAL : terminate;
        after = after == null ? null : List.copyOf(after);
        retries = retries == null ? 0 : retries;
        backoff = backoff == null ? DEFAULT_BACKOFF : backoff;
    }

    public StepSpec(String sync, TerminatePolicy terminate, RejectedThreshold rejected, List<String> after) {
        this(sync, terminate, rejected, after, null, null);
    }

    public enum TerminatePolicy {
        @JsonProperty("fatal") FATAL,
        @JsonProperty("fatal-or-rejected") FATAL_OR_REJECTED,
        @JsonProperty("never") NEVER;

        public String value() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    /** Rejected-row limits for {@code fatal-or-rejected}: exceeding either terminates the run. */
    public record RejectedThreshold(Long maxRows, Double maxPercent) {
    }
}
