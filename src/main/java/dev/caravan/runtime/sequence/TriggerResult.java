package dev.caravan.runtime.sequence;

/**
 * What a trigger did: started a run, queued one behind the run in progress, joined the run
 * already queued ({@code coalesced}), or nothing, because the sequence is disabled
 * ({@code runId} null).
 */
public record TriggerResult(Long runId, Outcome outcome) {

    public enum Outcome { STARTED, QUEUED, COALESCED, DISABLED }
}
