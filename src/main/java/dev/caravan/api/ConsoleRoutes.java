package dev.caravan.api;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The web console: static files from {@code classpath:console/}, served at {@code /} and
 * {@code /console/*}. Only the files listed here are served, so no path reaches anything else.
 * They hold no data; the page calls {@code /api} with the token the user gives it.
 */
public final class ConsoleRoutes extends RouteBuilder {
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "style.css", "text/css; charset=utf-8");

    private final Map<String, String> contents = Map.of(
            "index.html", read("index.html"), "app.js", read("app.js"), "style.css", read("style.css"));

    @Override
    public void configure() {
        from("platform-http:/?httpMethodRestrict=GET").routeId("console.index")
                .process(exchange -> serve(exchange, "index.html"));
        from("platform-http:/console/{file}?httpMethodRestrict=GET").routeId("console.files")
                .process(exchange -> serve(exchange, exchange.getMessage().getHeader("file", String.class)));
    }

    private void serve(Exchange exchange, String file) {
        if (!FILES.containsKey(file)) {
            JsonResponses.error(exchange, 404, "not_found", "no console file '" + file + "'");
            return;
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, FILES.get(file));
        exchange.getMessage().setHeader("Content-Security-Policy", "default-src 'self'; style-src 'self'; img-src 'self' data:");
        exchange.getMessage().setHeader("X-Content-Type-Options", "nosniff");
        exchange.getMessage().setBody(contents.get(file));
    }

    private static String read(String file) {
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream("/console/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("console file " + file + " is missing from the jar", e));
        }
    }
}
