package dev.caravan.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.api.JsonResponses;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Serves {@link DemoCrm} at {@code GET /demo/{collection}?page=&per_page=&updated_since=} like a
 * real SaaS API: bearer token, page-number pagination, an inclusive {@code updated_since} filter,
 * and 429 with {@code Retry-After} beyond 10 requests per second. It also takes writes, for the
 * quickstart's activation: {@code POST /demo/segments/batch} and {@code DELETE /demo/segments/{id}}
 * ({@link DemoSegments}). Off unless {@code caravan.demo.enabled} is true.
 */
public final class DemoCrmRoutes extends RouteBuilder {
    public static final String TOKEN = "demo-token";
    private static final int MAX_PER_PAGE = 500;

    private final DemoCrm crm = new DemoCrm(42, Clock.systemUTC(), 200);
    private final SlidingWindowLimit limit = new SlidingWindowLimit(10, 1000);
    private final DemoSegments segments = new DemoSegments();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void configure() {
        from("platform-http:/demo/{collection}?httpMethodRestrict=GET").routeId("demo.crm")
                .process(this::serve);
        from("platform-http:/demo/segments/batch?httpMethodRestrict=POST").routeId("demo.segments-upsert")
                .process(e -> answer(e, () -> JsonResponses.write(e, 200, segments.upsert(JSON.readTree(e.getMessage().getBody(String.class))))));
        from("platform-http:/demo/segments/{id}?httpMethodRestrict=DELETE").routeId("demo.segments-delete")
                .process(e -> answer(e, () -> {
                    if (segments.delete(e.getMessage().getHeader("id", String.class))) {
                        e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
                        e.getMessage().setBody("");
                    } else {
                        JsonResponses.error(e, 404, "not_found", "no segment " + e.getMessage().getHeader("id", String.class));
                    }
                }));
        from("timer:demo-crm-activity?period=2000&delay=5000").routeId("demo.crm-activity")
                .process(e -> crm.tick());
    }

    /** A write, after the same rate limit and token check as the reads. */
    private void answer(Exchange exchange, Write write) throws Exception {
        if (admitted(exchange)) {
            write.run();
        }
    }

    private interface Write {
        void run() throws Exception;
    }

    /** The rate limit (429 with Retry-After) and the bearer token (401); false when the request was answered. */
    private boolean admitted(Exchange exchange) {
        if (!limit.tryAcquire(System.currentTimeMillis())) {
            JsonResponses.error(exchange, 429, "rate_limited", "more than 10 requests per second");
            exchange.getMessage().setHeader("Retry-After", "1");
            return false;
        }
        if (!("Bearer " + TOKEN).equals(exchange.getMessage().getHeader("Authorization", String.class))) {
            JsonResponses.error(exchange, 401, "unauthorized", "send 'Authorization: Bearer " + TOKEN + "'");
            return false;
        }
        return true;
    }

    private void serve(Exchange exchange) {
        if (!admitted(exchange)) {
            return;
        }
        String collection = exchange.getMessage().getHeader("collection", String.class);
        if (!DemoCrm.COLLECTIONS.contains(collection)) {
            JsonResponses.error(exchange, 404, "not_found", "collections: " + DemoCrm.COLLECTIONS);
            return;
        }
        try {
            int page = Math.max(1, intParam(exchange, "page", 1));
            int perPage = Math.min(MAX_PER_PAGE, Math.max(1, intParam(exchange, "per_page", 100)));
            String since = exchange.getMessage().getHeader("updated_since", String.class);
            DemoCrm.Listing listing = crm.page(collection, since == null ? null : Instant.parse(since), page, perPage);
            JsonResponses.write(exchange, 200, Map.of("data", listing.data(), "total", listing.total(), "page", page, "per_page", perPage));
        } catch (NumberFormatException | DateTimeParseException e) {
            JsonResponses.error(exchange, 400, "bad_request", e.getMessage());
        }
    }

    private static int intParam(Exchange exchange, String name, int fallback) {
        String value = exchange.getMessage().getHeader(name, String.class);
        return value == null ? fallback : Integer.parseInt(value);
    }
}
