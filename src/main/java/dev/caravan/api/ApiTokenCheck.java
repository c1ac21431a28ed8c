package dev.caravan.api;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Requires {@code Authorization: Bearer <token>} when a token is configured. Without one the
 * server listens on loopback only (see CaravanRuntime), so local calls pass.
 */
final class ApiTokenCheck implements Processor {
    static final String AUTHENTICATED = "CaravanAuthenticated";
    private static final String PREFIX = "Bearer ";

    private final Optional<byte[]> token;

    ApiTokenCheck(Optional<String> token) {
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void process(Exchange exchange) {
        if (token.isEmpty()) {
            exchange.setProperty(AUTHENTICATED, true);
            return;
        }
        String header = exchange.getMessage().getHeader("Authorization", String.class);
        byte[] presented = header != null && header.startsWith(PREFIX)
                ? header.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
        boolean valid = MessageDigest.isEqual(presented, token.get());
        exchange.setProperty(AUTHENTICATED, valid);
        if (!valid) {
            JsonResponses.error(exchange, 401, "unauthorized", "send the API token as 'Authorization: Bearer <token>'");
            exchange.getMessage().setHeader("WWW-Authenticate", "Bearer");
        }
    }
}
