package dev.caravan.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.config.catalog.TemplateExpander;
import dev.caravan.model.ConnectionDefinition;
import dev.caravan.model.HttpConnection;
import dev.caravan.model.RateLimitSpec;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Gives a connection without its own {@code rateLimit} the default budget of the connector
 * templates its syncs use: the API's published quota. When templates disagree, the strictest wins.
 */
final class TemplateBudgets {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TemplateBudgets() {
    }

    static List<ConnectionDefinition> apply(List<ConnectionDefinition> connections, List<TemplateExpander.Budget> budgets) {
        return connections.stream().map(connection -> connection instanceof HttpConnection http && http.rateLimit() == null
                ? strictest(http.id(), budgets).map(http::withRateLimit).orElse(http) : connection).toList();
    }

    private static Optional<RateLimitSpec> strictest(String connection, List<TemplateExpander.Budget> budgets) {
        return budgets.stream().filter(budget -> budget.connection().equals(connection)).map(TemplateBudgets::spec)
                .min(Comparator.comparingDouble(RateLimitSpec::permitsPerSecond));
    }

    private static RateLimitSpec spec(TemplateExpander.Budget budget) {
        try {
            return JSON.treeToValue(budget.rateLimit(), RateLimitSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("template " + budget.template() + " has an invalid rateLimit: " + e.getOriginalMessage(), e);
        }
    }
}
