package dev.caravan.bench;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local write API for activations: {@code POST /rows} takes one row, {@code POST /rows/batch}
 * takes {@code {"inputs": [...]}}. It answers at once and counts the rows it was sent (by
 * counting top-level objects in each body's array, without parsing them).
 */
final class SinkApi implements AutoCloseable {
    static {
        // Without it the JDK server writes headers and body as two packets and the second waits
        // for a delayed ACK: 40 ms per request, whoever the client is.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();

    SinkApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/rows", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            boolean batch = exchange.getRequestURI().getPath().endsWith("/batch");
            rows.addAndGet(batch ? objectsInArray(body) : 1);
            requests.incrementAndGet();
            byte[] answer = "{\"ok\": true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(batch ? 200 : 201, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    /** Objects directly inside the body's first array; the bench's rows hold no nested objects or braces in strings. */
    private static long objectsInArray(byte[] body) {
        long count = 0;
        for (byte b : body) {
            if (b == '{') {
                count++;
            }
        }
        return count - 1;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    long rows() {
        return rows.get();
    }

    long requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
