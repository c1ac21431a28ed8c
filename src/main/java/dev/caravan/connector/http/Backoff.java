package dev.caravan.connector.http;

import dev.caravan.model.HttpConnection;
import dev.caravan.model.Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Waiting between attempts on one connection: what the server asks for, capped, and cut short by a stop. */
public final class Backoff {
    private static final Logger LOGGER = LoggerFactory.getLogger(Backoff.class);
    private final HttpConnection connection;
    private final BooleanSupplier stopping;

    /** @param stopping true once the runtime is stopping: waits end at once */
    public Backoff(HttpConnection connection, BooleanSupplier stopping) {
        this.connection = connection;
        this.stopping = stopping;
    }

    public boolean stopping() {
        return stopping.getAsBoolean();
    }

    /** The wait a {@code Retry-After} header asks for, if any. */
    public static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(RetryAfter::parse);
    }

    /** At most the connection's {@code rateLimit.maxWait} (60 s without one); a longer ask is logged. */
    public Duration capped(Duration wait) {
        Duration max = connection.rateLimit() != null ? connection.rateLimit().maxWait().duration() : Duration.ofSeconds(60);
        if (wait.compareTo(max) > 0) {
            LOGGER.warn("{}: the API asked to wait {} s; waiting the configured maximum of {} s", connection.id(), wait.toSeconds(), max.toSeconds());
            return max;
        }
        return wait;
    }

    /** Waits before a retry, in short slices so a stopping runtime is not held up. */
    public void sleep(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (System.nanoTime() < deadline && !stopping.getAsBoolean()) {
                Thread.sleep(Math.min(100, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpException(false, "interrupted while waiting to retry", e);
        }
        if (stopping.getAsBoolean()) {
            throw new HttpException(false, "the runtime is stopping");
        }
    }

    /** The start of a response body, for messages and rejection reasons. */
    public static String excerpt(byte[] body) {
        int limit = 300;
        String text = Secret.redact(new String(body, 0, Math.min(body.length, limit * 4), java.nio.charset.StandardCharsets.UTF_8).strip());
        return text.length() <= limit ? text : text.substring(0, limit) + "…";
    }
}
