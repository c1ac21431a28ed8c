package dev.caravan.runtime.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.model.ChannelDefinition;
import dev.caravan.model.ChannelDefinition.ChannelType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Sends alerts to channels: the log, or a webhook POST in Caravan's JSON or Slack's
 * {@code {"text": …}}. Webhooks are sent in the background and a failed one is logged by channel
 * id only: its URL is a secret. With no channel configured, alerts go to the log.
 */
public final class AlertChannels {
    private static final Logger LOGGER = LoggerFactory.getLogger(AlertChannels.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;
    private final Executor sender;

    public AlertChannels(Executor sender) {
        this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        this.sender = sender;
    }

    public void send(Alert alert, List<ChannelDefinition> channels) {
        if (channels.isEmpty()) {
            log(alert);
        }
        for (ChannelDefinition channel : channels) {
            if (channel.type() == ChannelType.LOG) {
                log(alert);
            } else {
                sender.execute(() -> post(alert, channel));
            }
        }
    }

    private static void log(Alert alert) {
        LOGGER.warn("ALERT {}: {}", alert.event(), alert.text());
    }

    private void post(Alert alert, ChannelDefinition channel) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(channel.url().reveal())).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body(alert, channel.format()))).build();
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                LOGGER.warn("Alert channel {} answered {} to alert {} ({})", channel.id(), response.statusCode(), alert.event(), alert.text());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOGGER.warn("Alert channel {} could not be reached ({}); alert {} was: {}", channel.id(), e.getClass().getSimpleName(),
                    alert.event(), alert.text());
        }
    }

    static String body(Alert alert, ChannelDefinition.Format format) throws JsonProcessingException {
        if (format == ChannelDefinition.Format.SLACK) {
            return JSON.writeValueAsString(Map.of("text", alert.text()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", alert.event());
        body.put(alert.kind(), alert.subject());
        body.put("runId", alert.runId());
        body.put("status", alert.status());
        body.put("reason", alert.reason());
        body.put("text", alert.text());
        body.putAll(alert.details());
        return JSON.writeValueAsString(body);
    }
}
