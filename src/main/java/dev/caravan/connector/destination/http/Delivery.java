package dev.caravan.connector.destination.http;

/**
 * What the destination made of one row: delivered, or rejected with the HTTP status (null when the
 * request was never answered, or never sent) and the reason, an excerpt of what it said.
 */
public record Delivery(boolean delivered, Integer status, String reason) {
    public static final Delivery DELIVERED = new Delivery(true, null, null);

    public static Delivery rejected(Integer status, String reason) {
        return new Delivery(false, status, reason);
    }
}
