package dev.caravan.model;

/** Key scan pages asked for by the last key seen, in {@code param} (keyset paging). */
public record KeysetSpec(String param) {
}
