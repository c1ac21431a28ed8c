package dev.caravan.api;

import dev.caravan.cli.VersionProvider;
import dev.caravan.model.LiveConfig;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/info}: versions, database mode, and the configuration at a glance, secrets masked. */
final class InfoEndpoint implements Processor {
    private final LiveConfig config;
    private final boolean embeddedDatabase;

    InfoEndpoint(LiveConfig config, boolean embeddedDatabase) {
        this.config = config;
        this.embeddedDatabase = embeddedDatabase;
    }

    @Override
    public void process(Exchange exchange) {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("connections", config.current().connections().size());
        counts.put("syncs", config.current().syncs().size());
        counts.put("sequences", config.current().sequences().size());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "caravan");
        body.put("version", VersionProvider.version());
        body.put("camelVersion", exchange.getContext().getVersion());
        body.put("database", Map.of("mode", embeddedDatabase ? "embedded" : "external"));
        body.put("counts", counts);
        // Secret values serialise as "****" (see model.Secret), so the connections can be shown whole.
        body.put("connections", config.current().connections());
        JsonResponses.write(exchange, 200, body);
    }
}
