package dev.caravan.api;

import dev.caravan.model.LiveConfig;
import dev.caravan.model.SyncDefinition;
import dev.caravan.model.WebhookSpec;
import dev.caravan.runtime.WebhookPolls;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/webhooks/syncs/{id}}: an API says something changed, and the sync polls at
 * once. Verified with the sync's {@code webhook.secret} (a signature of the raw body, or the token
 * itself), not the API token. The body is never read as data: the poll reads the API as usual.
 */
final class SyncWebhook {
    private static final Logger LOGGER = LoggerFactory.getLogger(SyncWebhook.class);
    private static final String SHA256_PREFIX = "sha256=";

    private final LiveConfig config;
    private final WebhookPolls polls;

    SyncWebhook(LiveConfig config, WebhookPolls polls) {
        this.config = config;
        this.polls = polls;
    }

    void receive(Exchange exchange) throws GeneralSecurityException {
        String id = exchange.getMessage().getHeader("id", String.class);
        Optional<SyncDefinition> sync = config.current().sync(id).filter(s -> s.webhook() != null);
        if (sync.isEmpty()) {
            JsonResponses.error(exchange, 404, "not_found", "no sync '" + id + "' with a webhook");
            return;
        }
        WebhookSpec webhook = sync.get().webhook();
        byte[] body = exchange.getMessage().getBody(byte[].class);
        if (!verified(webhook, exchange.getMessage().getHeader(webhook.header(), String.class), body == null ? new byte[0] : body)) {
            LOGGER.warn("Webhook for sync {} refused: header {} does not verify", id, webhook.header());
            JsonResponses.error(exchange, 401, "unauthorized", "header " + webhook.header() + " must carry "
                    + (webhook.verify() == WebhookSpec.Verification.TOKEN ? "the webhook's token" : "the hex HMAC-SHA256 of the body, keyed with the webhook's secret"));
            return;
        }
        WebhookPolls.Outcome outcome = polls.request(id, webhook);
        JsonResponses.write(exchange, 202, Map.of("sync", id, "outcome", outcome.name().toLowerCase()));
    }

    private static boolean verified(WebhookSpec webhook, String header, byte[] body) throws GeneralSecurityException {
        String secret = webhook.secret().reveal();
        if (webhook.verify() == WebhookSpec.Verification.TOKEN) {
            return Signatures.matches(secret, header != null && header.startsWith("Bearer ") ? header.substring(7) : header);
        }
        String signature = header == null ? null : header.trim().toLowerCase();
        if (signature != null && signature.startsWith(SHA256_PREFIX)) {
            signature = signature.substring(SHA256_PREFIX.length());
        }
        return Signatures.matches(Signatures.hmacSha256Hex(secret.getBytes(StandardCharsets.UTF_8), body), signature);
    }
}
