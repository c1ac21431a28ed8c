package dev.caravan.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.model.LiveConfig;
import dev.caravan.model.SequenceDefinition;
import dev.caravan.model.TriggerSpec;
import dev.caravan.runtime.sequence.SequenceRunner;
import dev.caravan.runtime.sequence.TriggerResult;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/webhooks/dbt-cloud}. dbt Cloud signs each delivery: the {@code Authorization}
 * header is the hex HMAC-SHA256 of the raw body, keyed with the webhook's secret
 * ({@code CARAVAN_DBT_CLOUD_WEBHOOK_SECRET}). A verified {@code job.run.completed} event whose run
 * status is {@code Success} starts every sequence with a {@code dbtCloud} trigger on that job;
 * other events are acknowledged and ignored. The body is only read after the signature matches.
 */
final class DbtCloudWebhook {
    private static final Logger LOGGER = LoggerFactory.getLogger(DbtCloudWebhook.class);
    private static final String COMPLETED = "job.run.completed";
    private static final String SUCCESS = "Success";

    private final LiveConfig config;
    private final SequenceRunner runner;
    private final Optional<byte[]> secret;

    DbtCloudWebhook(LiveConfig config, SequenceRunner runner, Optional<String> secret) {
        this.config = config;
        this.runner = runner;
        this.secret = secret.map(s -> s.getBytes(StandardCharsets.UTF_8));
    }

    void receive(Exchange exchange) throws GeneralSecurityException {
        if (secret.isEmpty()) {
            JsonResponses.error(exchange, 503, "not_configured", "the dbt Cloud webhook is off: set CARAVAN_DBT_CLOUD_WEBHOOK_SECRET to the"
                    + " webhook's secret key");
            return;
        }
        byte[] body = exchange.getMessage().getBody(byte[].class);
        String signature = exchange.getMessage().getHeader("Authorization", String.class);
        if (body == null || signature == null || !Signatures.matches(Signatures.hmacSha256Hex(secret.get(), body), signature.toLowerCase())) {
            LOGGER.warn("dbt Cloud webhook refused: the Authorization header is not the HMAC-SHA256 of the body with the configured secret");
            JsonResponses.error(exchange, 401, "unauthorized", "the Authorization header must be the hex HMAC-SHA256 of the body, keyed"
                    + " with the webhook's secret");
            return;
        }
        Optional<JsonNode> event = JsonBodies.parse(body);
        if (event.isEmpty()) {
            JsonResponses.error(exchange, 400, "bad_request", "the body must be a JSON object (a dbt Cloud webhook event)");
            return;
        }
        String eventType = event.get().path("eventType").asText();
        String jobId = event.get().path("data").path("jobId").asText();
        String runStatus = event.get().path("data").path("runStatus").asText();
        if (!COMPLETED.equals(eventType) || !SUCCESS.equals(runStatus)) {
            JsonResponses.write(exchange, 200, Map.of("started", List.of(), "ignored", "event " + eventType + " with run status '" + runStatus
                    + "'; sequences start on " + COMPLETED + " with run status " + SUCCESS));
            return;
        }
        List<Map<String, Object>> started = new ArrayList<>();
        for (SequenceDefinition sequence : config.current().sequences()) {
            if (sequence.triggers().stream().map(TriggerSpec::dbtCloud).anyMatch(t -> t != null && String.valueOf(t.jobId()).equals(jobId))) {
                TriggerResult result = runner.submit(sequence.id(), "dbt-cloud");
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("sequence", sequence.id());
                entry.put("runId", result.runId());
                entry.put("outcome", result.outcome().name().toLowerCase());
                started.add(entry);
            }
        }
        LOGGER.info("dbt Cloud job {} succeeded (run {}): {} sequence(s) triggered", jobId, event.get().path("data").path("runId").asText(),
                started.size());
        JsonResponses.write(exchange, 200, Map.of("started", started));
    }
}
