package dev.caravan.runtime.alert;

import java.util.Map;

/**
 * One notification: what happened ({@code event}), to which sequence or sync ({@code kind} and
 * {@code subject}) and run, a sentence for people, and figures for machines ({@code details}).
 */
public record Alert(String event, String kind, String subject, long runId, String status, String reason, String text,
                    Map<String, Object> details) {

    public Alert {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
