package dev.caravan.connector.destination.postgres;

/** What writing one page did: rows inserted, updated (changed), deleted, and whether the table's shape changed. */
public record WriteResult(long added, long changed, long removed, boolean schemaEvolved) {
    public static final WriteResult NONE = new WriteResult(0, 0, 0, false);
}
