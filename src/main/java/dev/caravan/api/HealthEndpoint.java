package dev.caravan.api;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/health}: UP only when every Camel health check (database included) is UP. */
final class HealthEndpoint implements Processor {

    @Override
    public void process(Exchange exchange) {
        Collection<HealthCheck.Result> results = HealthCheckHelper.invoke(exchange.getContext());
        boolean up = !results.isEmpty() && results.stream().allMatch(r -> r.getState() == HealthCheck.State.UP);
        List<Map<String, Object>> checks = new ArrayList<>();
        for (HealthCheck.Result result : results) {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("id", result.getCheck().getId());
            check.put("status", result.getState().name());
            result.getMessage().ifPresent(m -> check.put("message", m));
            checks.add(check);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("checks", checks);
        JsonResponses.write(exchange, up ? 200 : 503, body);
    }
}
