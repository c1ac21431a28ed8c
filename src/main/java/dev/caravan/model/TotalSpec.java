package dev.caravan.model;

/** Where a page response reports the number of records in all: a JSONPath in the body, or a header. */
public record TotalSpec(String path, String header) {
}
