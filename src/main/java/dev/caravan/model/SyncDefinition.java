package dev.caravan.model;

/**
 * One sync: an API sync (HTTP source into a PostgreSQL table) or an activation (SQL model into an
 * HTTP API). Without a {@code schedule} it runs only from a sequence or on demand; a
 * {@code webhook} lets the API start a poll, and {@code alerts} say who hears about the sync.
 */
public record SyncDefinition(
        Kind kind,
        String id,
        String description,
        SourceSpec source,
        DestinationSpec destination,
        ScheduleSpec schedule,
        WebhookSpec webhook,
        SyncAlertSpec alerts) {

    public boolean isApiSync() {
        return source instanceof HttpSourceSpec;
    }

    public boolean isActivation() {
        return source instanceof SqlSourceSpec;
    }
}
