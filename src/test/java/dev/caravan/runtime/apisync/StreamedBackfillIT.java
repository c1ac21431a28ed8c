package dev.caravan.runtime.apisync;

import dev.caravan.testing.RuntimeHarness;
import dev.caravan.testing.TestConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backfill pages stream into the table while they are read. These cases need what WireMock cannot
 * send: a body cut off midway after hundreds of records have already gone to the database. A
 * fixture server on a plain socket serves three full pages of 300 records; the first answer for
 * page 2 stops 95% of the way through its body, after the first chunk of records was copied.
 */
class StreamedBackfillIT {
    private static final int PAGE_SIZE = 300;
    private static final Pattern PAGE = Pattern.compile("[?&]page=(\\d+)");
    static CuttingServer server;
    static RuntimeHarness runtime;

    @BeforeAll
    static void start() throws Exception {
        server = new CuttingServer();
        runtime = RuntimeHarness.startOnTestDatabase(TestConfig.write(Files.createTempDirectory("caravan-streamed"), Map.of(
                "connections/warehouse.yaml", TestConfig.warehouse(),
                "connections/api.yaml", "kind: connection\nid: api\ntype: http\nbaseUrl: " + server.baseUrl() + "\n",
                "syncs/items.yaml", "kind: sync\nid: items\nsource: { connection: api, path: /items, records: $.data, primaryKey: [id], "
                        + "pagination: { type: page, sizeParam: size, size: " + PAGE_SIZE + " } }\n"
                        + "destination: { connection: warehouse, table: s.items }\n")), Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        runtime.close();
        server.close();
    }

    @Test
    void aBodyCutOffMidwayIsFetchedAgainAndItsRowsWrittenOnce() {
        runtime.runSync("items");

        assertThat(server.requests(2)).as("page 2 fetched again after the cut").isEqualTo(2);
        assertThat(server.requests(1)).isEqualTo(1);
        assertThat(server.requests(3)).isEqualTo(1);
        // page 3 repeats id 5 (a record that moved while paging): the page falls back to a merge
        assertThat(runtime.sql("SELECT count(*) || ':' || count(DISTINCT id) || ':' || min(id) || ':' || max(id) FROM s.items"))
                .containsExactly("899:899:1:899");
        assertThat(runtime.sql("SELECT name FROM s.items WHERE id = 5")).containsExactly("moved 5");
        assertThat(runtime.lastRun("items").rows().added()).isEqualTo(899);
        assertThat(runtime.lastRun("items").rows().changed()).isEqualTo(1);
    }

    /** Page 3 ends with id 5 again, renamed: past the first chunk, so it meets rows already copied. Page 4 is empty. */
    private static String page(int page) {
        long first = (long) (page - 1) * PAGE_SIZE + 1;
        long last = page > 3 ? first - 1 : page == 3 ? first + PAGE_SIZE - 2 : first + PAGE_SIZE - 1;
        List<String> records = LongStream.rangeClosed(first, last)
                .mapToObj(id -> "{\"id\": " + id + ", \"name\": \"item " + id + "\"}").collect(Collectors.toList());
        if (page == 3) {
            records.add("{\"id\": 5, \"name\": \"moved 5\"}");
        }
        return "{\"data\": [" + String.join(",", records) + "]}";
    }

    /** Answers {@code GET /items?page=N}; the first answer for page 2 declares its full length and stops short. */
    static final class CuttingServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        private final Map<Integer, AtomicInteger> requests = new ConcurrentHashMap<>();
        private final Thread acceptor = new Thread(this::serve, "cutting-server");

        CuttingServer() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        int requests(int page) {
            return requests.getOrDefault(page, new AtomicInteger()).get();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    answer(client);
                } catch (IOException e) {
                    // the next connection is served; a closed socket ends the loop
                }
            }
        }

        private void answer(Socket client) throws IOException {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            String requestLine = in.readLine();
            while (requestLine != null && !in.readLine().isEmpty()) {
                // skip the headers
            }
            Matcher m = PAGE.matcher(requestLine == null ? "" : requestLine);
            int page = m.find() ? Integer.parseInt(m.group(1)) : 1;
            int seen = requests.computeIfAbsent(page, p -> new AtomicInteger()).incrementAndGet();
            byte[] body = page(page).getBytes(StandardCharsets.UTF_8);
            int sent = page == 2 && seen == 1 ? body.length * 19 / 20 : body.length;
            OutputStream out = client.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, sent);
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
