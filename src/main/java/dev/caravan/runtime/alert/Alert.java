package dev.caravan.runtime.alert;

/** One notification: what happened ({@code event}), to which sequence and run, and a sentence for people. */
public record Alert(String event, String sequence, long runId, String status, String reason, String text) {
}
