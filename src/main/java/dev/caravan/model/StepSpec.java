package dev.caravan.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One step of a sequence: the sync it runs, whether its outcome ends the run, and the steps it
 * waits for ({@code after}; by default the previous step).
 */
public record StepSpec(String sync, TerminatePolicy terminate, RejectedThreshold rejected, List<String> after) {

    public StepSpec {
        terminate = terminate == null ? TerminatePolicy.FATAL : terminate;
        after = after == null ? null : List.copyOf(after);
    }

    public enum TerminatePolicy {
        @JsonProperty("fatal") FATAL,
        @JsonProperty("fatal-or-rejected") FATAL_OR_REJECTED,
        @JsonProperty("never") NEVER
    }

    /** Rejected-row limits for {@code fatal-or-rejected}: exceeding either terminates the run. */
    public record RejectedThreshold(Long maxRows, Double maxPercent) {
    }
}
