package dev.caravan.config.catalog;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * A ready-made source or destination for one API, from {@code connectors/<name>.yaml}: the fields
 * a sync would otherwise write by hand, with {@code {{parameter}}} placeholders, the API's default
 * rate-limit budget, and what it can and cannot detect, for the docs.
 *
 * @param section   {@code source} or {@code destination}: which part of a sync it fills
 * @param rateLimit the budget a connection without its own {@code rateLimit} gets, or null
 */
public record ConnectorTemplate(String name, String title, String description, String docs, String section,
                                Map<String, TemplateParameter> parameters, JsonNode rateLimit, JsonNode body,
                                List<String> detects, List<String> limits, JsonNode example) {
}
