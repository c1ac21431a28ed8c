package dev.caravan.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A source API whose records change while a client pages through it, for the adversarial sync tests: once
 * {@link #stopChanging} has returned, the synced table must equal {@link #rows()} (read it with {@link #rowSql}).
 * <p>
 * {@code GET /items} lists {@code {"id", "name", "score", "updatedAt"}} records (plus {@code "tier"} on those written
 * after {@link #addNewField}) by {@code (updatedAt, id)}, or by id with {@code sort=id}, filtered by
 * {@code updated_since} (inclusive) and {@code after_id}, and paged as {@link Paging} says. Offsets, pages and cursors
 * are positions, so they shift under deletes and updates as in many real APIs. {@code GET /items/{id}} looks one up.
 * Every change and fault comes from the constructor's seed; requests and changes share one lock.
 */
public final class ChangingApi implements AutoCloseable {
    static {
        // Without it the JDK server sends headers and body as two packets and the body waits for a delayed ACK:
        // 40 ms a request. It only takes effect if no HttpServer in this JVM has started yet.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /**
     * {@code PAGE}: {@code page} (from 1) and {@code per_page}. {@code OFFSET}: {@code offset} and {@code limit}.
     * {@code CURSOR}: {@code limit} and {@code cursor}, the body's {@code next_cursor}. {@code NEXT_URL}: {@code limit},
     * the body's relative {@code next}. {@code LINK_HEADER}: {@code limit}, a {@code Link: <…>; rel="next"} header.
     */
    public enum Paging { PAGE, OFFSET, CURSOR, NEXT_URL, LINK_HEADER }

    /** Records touched by each kind of change so far, and requests answered with a fault. */
    public record Stats(int updates, int deletes, int creates, int ties, int lateCommits, int faults) { }

    private record Item(long id, String name, int score, Instant updatedAt, String tier, int version) { }

    private record Pending(Item item, Instant visibleAt) { }

    private record Answer(int status, Map<String, String> headers, JsonNode body) { }

    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Comparator<Item> BY_UPDATED = Comparator.comparing(Item::updatedAt).thenComparingLong(Item::id);
    private static final Pattern ONE = Pattern.compile("/items/(\\d{1,18})");
    private static final String[] TIERS = {"gold", "silver", "bronze"};
    private static final int DEFAULT_SIZE = 100;
    private static final int STEPS_BEFORE_NEW_FIELD = 20;

    private final ObjectMapper json = new ObjectMapper();
    private final TreeMap<Long, Item> live = new TreeMap<>();
    private final Map<Long, Pending> pending = new LinkedHashMap<>();
    private final Paging paging;
    private final Random random, faultRandom;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private long nextId;
    private Instant lastNow = Instant.EPOCH;
    private double faultProbability;
    private boolean tiers;
    private IntConsumer listHook = count -> { };
    private int listRequests, lookups, updates, deletes, creates, ties, lateCommits, faults;
    private Thread changer;
    private volatile boolean changing;

    public ChangingApi(int records, Paging paging, long seed) throws IOException {
        this.paging = paging;
        random = new Random(seed);
        faultRandom = new Random(~seed);
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(1));
        for (long id = 1; id <= records; id++) {
            live.put(id, new Item(id, "item-" + id, random.nextInt(1000), base.plusMillis(id), null, 0));
        }
        nextId = records + 1L;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on each request fails with this probability: a 500, or a 429 with {@code Retry-After: 0}. */
    public synchronized void faults(double probability) {
        faultProbability = probability;
    }

    /** Called inside the lock with the running count of served list requests, before that page is computed. */
    public synchronized void onListRequest(IntConsumer hook) {
        listHook = hook == null ? count -> { } : hook;
    }

    /** New score and name for up to {@code n} random records, each with its own updatedAt = now. */
    public synchronized int update(int n) {
        int done = revise(n, null);
        updates += done;
        return done;
    }

    public synchronized int delete(int n) {
        List<Item> picked = pick(n);
        picked.forEach(item -> live.remove(item.id()));
        deletes += picked.size();
        return picked.size();
    }

    public synchronized int create(int n) {
        Instant now = now();
        for (int i = 0; i < n; i++) {
            long id = nextId++;
            live.put(id, new Item(id, "item-" + id, random.nextInt(1000), now, tier(), 0));
        }
        creates += n;
        return n;
    }

    /** Updates up to {@code n} random records with one shared updatedAt, so keyset cursors tie across pages. */
    public synchronized int tie(int n) {
        int done = revise(n, now());
        ties += done;
        return done;
    }

    /**
     * Updates up to {@code n} random records with updatedAt = now, but the new versions become visible only
     * {@code lag} later, as a long transaction's would: by then their updatedAt lies behind newer visible ones.
     */
    public synchronized int lateCommit(int n, Duration lag) {
        Instant now = now();
        List<Item> picked = pick(n);
        picked.forEach(item -> pending.put(item.id(), new Pending(revise(item, now), now.plus(lag))));
        lateCommits += picked.size();
        return picked.size();
    }

    /** Records written from now on carry {@code "tier"}; older ones keep lacking it. */
    public synchronized void addNewField() {
        tiers = true;
    }

    /** Every {@code tick}, one random change; after the 20th, {@link #addNewField}. */
    public synchronized void startChanging(Duration tick) {
        if (changer != null) {
            throw new IllegalStateException("already changing");
        }
        changing = true;
        changer = new Thread(() -> {
            for (int steps = 1; changing; steps++) {
                try {
                    Thread.sleep(tick.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                synchronized (this) {
                    if (!changing) {
                        return;
                    }
                    applyDue(false);
                    step();
                    if (steps == STEPS_BEFORE_NEW_FIELD) {
                        addNewField();
                    }
                }
            }
        }, "changing-api");
        changer.setDaemon(true);
        changer.start();
    }

    /** Stops the changes, then makes every pending late commit visible, so the data is settled. */
    public void stopChanging() {
        Thread thread;
        synchronized (this) {
            thread = changer;
            changing = false;
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stopping the changes", e);
            }
        }
        synchronized (this) {
            changer = null;
            applyDue(true);
        }
    }

    /** Every visible record as {@code id|name|score|updatedAt|tier}, tier empty when absent: compare with {@link #rowSql}. */
    public synchronized Map<Long, String> rows() {
        applyDue(false);
        Map<Long, String> rows = new TreeMap<>();
        live.values().forEach(item -> rows.put(item.id(), item.id() + "|" + item.name() + "|" + item.score() + "|"
                + MILLIS.format(item.updatedAt()) + "|" + (item.tier() == null ? "" : item.tier())));
        return rows;
    }

    /**
     * A SELECT of {@code id} and {@code row}, the {@link #rows()} string, from {@code table}, by id. It holds whether
     * {@code updatedat} (the column Caravan names for {@code updatedAt}) is text or timestamptz, whether {@code tier} exists, and skips soft-deleted rows when
     * {@code _caravan_deleted_at} exists: absent columns are read through {@code to_jsonb} as nulls.
     */
    public static String rowSql(String table) {
        return "SELECT t.id, t.id || '|' || t.name || '|' || t.score || '|' || to_char((t.updatedat::text::timestamptz)"
                + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') || '|' || coalesce(to_jsonb(t) ->> 'tier', '') AS row"
                + " FROM " + table + " t WHERE to_jsonb(t) ->> '_caravan_deleted_at' IS NULL ORDER BY t.id";
    }

    /** Served list requests, faults excluded. */
    public synchronized int listRequests() {
        return listRequests;
    }

    /** Served {@code /items/{id}} requests, faults excluded. */
    public synchronized int lookups() {
        return lookups;
    }

    public synchronized Stats stats() {
        return new Stats(updates, deletes, creates, ties, lateCommits, faults);
    }

    @Override
    public void close() {
        stopChanging();
        server.stop(0);
        executor.shutdownNow();
    }

    private void step() {
        int roll = random.nextInt(100);
        if (roll < 50) update(1 + random.nextInt(5));
        else if (roll < 65) delete(1 + random.nextInt(2));
        else if (roll < 80) create(1 + random.nextInt(3));
        else if (roll < 90) tie(3 + random.nextInt(4));
        else lateCommit(1 + random.nextInt(3), Duration.ofSeconds(1));
    }

    /** Up to {@code n} distinct random visible records, none with a late commit pending (its row is locked). */
    private List<Item> pick(int n) {
        List<Long> ids = new ArrayList<>(live.keySet());
        ids.removeAll(pending.keySet());
        List<Item> picked = new ArrayList<>();
        while (picked.size() < n && !ids.isEmpty()) {
            Collections.swap(ids, random.nextInt(ids.size()), ids.size() - 1);
            picked.add(live.get(ids.remove(ids.size() - 1)));
        }
        return picked;
    }

    private int revise(int n, Instant shared) {
        List<Item> picked = pick(n);
        picked.forEach(item -> live.put(item.id(), revise(item, shared == null ? now() : shared)));
        return picked.size();
    }

    private Item revise(Item old, Instant at) {
        int version = old.version() + 1;
        return new Item(old.id(), "item-" + old.id() + "-v" + version, random.nextInt(1000), at, tier(), version);
    }

    private String tier() {
        return tiers ? TIERS[random.nextInt(TIERS.length)] : null;
    }

    /** Wall-clock millis, strictly increasing so that updates never tie by accident. */
    private Instant now() {
        Instant wall = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        lastNow = wall.isAfter(lastNow) ? wall : lastNow.plusMillis(1);
        return lastNow;
    }

    private void applyDue(boolean all) {
        Instant wall = Instant.now();
        List<Item> due = pending.values().stream().filter(change -> all || !change.visibleAt().isAfter(wall)).map(Pending::item).toList();
        due.forEach(item -> {
            pending.remove(item.id());
            live.put(item.id(), item);
        });
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Answer answer;
            synchronized (this) {
                try {
                    answer = answer(exchange);
                } catch (IllegalArgumentException | DateTimeException e) {
                    answer = new Answer(400, Map.of(), error(String.valueOf(e.getMessage())));
                } catch (RuntimeException e) {
                    answer = new Answer(500, Map.of(), error("fixture failed: " + e));
                }
            }
            byte[] body = json.writeValueAsBytes(answer.body());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            answer.headers().forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private Answer answer(HttpExchange exchange) {
        applyDue(false);
        if (faultProbability > 0 && faultRandom.nextDouble() < faultProbability) {
            faults++;
            return faultRandom.nextBoolean() ? new Answer(500, Map.of(), error("boom"))
                    : new Answer(429, Map.of("Retry-After", "0"), error("too many requests"));
        }
        boolean get = "GET".equals(exchange.getRequestMethod());
        String path = exchange.getRequestURI().getPath();
        if (get && path.equals("/items")) {
            return list(query(exchange.getRequestURI().getRawQuery()));
        }
        Matcher one = ONE.matcher(path);
        if (!get || !one.matches()) {
            return notFound();
        }
        lookups++;
        Item item = live.get(Long.parseLong(one.group(1)));
        return item == null ? notFound() : new Answer(200, Map.of(), node(item));
    }

    private Answer list(Map<String, String> params) {
        Instant since = params.containsKey("updated_since") ? Instant.parse(params.get("updated_since")) : null;
        long afterId = params.containsKey("after_id") ? Long.parseLong(params.get("after_id")) : Long.MIN_VALUE;
        int size = number(params, paging == Paging.PAGE ? "per_page" : "limit", DEFAULT_SIZE);
        if (size < 1) {
            throw new IllegalArgumentException("page size must be positive");
        }
        long offset = switch (paging) {
            case PAGE -> (number(params, "page", 1) - 1L) * size;
            case CURSOR -> params.containsKey("cursor")
                    ? Long.parseLong(new String(Base64.getUrlDecoder().decode(params.get("cursor")), StandardCharsets.UTF_8)) : 0;
            default -> number(params, "offset", 0);
        };
        listRequests++;
        listHook.accept(listRequests);
        List<Item> matching = live.values().stream()
                .filter(item -> item.id() > afterId && (since == null || !item.updatedAt().isBefore(since)))
                .sorted("id".equals(params.get("sort")) ? Comparator.comparingLong(Item::id) : BY_UPDATED)
                .toList();
        ObjectNode body = json.createObjectNode();
        ArrayNode data = body.putArray("data");
        matching.stream().skip(offset).limit(size).forEach(item -> data.add(node(item)));
        body.put("total", matching.size());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Total-Count", String.valueOf(matching.size()));
        long next = offset + size;
        boolean more = next < matching.size();
        switch (paging) {
            case CURSOR -> body.put("next_cursor", more ? Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Long.toString(next).getBytes(StandardCharsets.UTF_8)) : null);
            case NEXT_URL -> body.put("next", more ? nextUrl(params, next, size) : null);
            case LINK_HEADER -> {
                if (more) {
                    headers.put("Link", "<" + baseUrl() + nextUrl(params, next, size) + ">; rel=\"next\"");
                }
            }
            default -> { }
        }
        return new Answer(200, headers, body);
    }

    private ObjectNode node(Item item) {
        ObjectNode node = json.createObjectNode();
        node.put("id", item.id()).put("name", item.name()).put("score", item.score()).put("updatedAt", MILLIS.format(item.updatedAt()));
        if (item.tier() != null) {
            node.put("tier", item.tier());
        }
        return node;
    }

    private Answer notFound() {
        return new Answer(404, Map.of(), error("not found"));
    }

    private ObjectNode error(String message) {
        return json.createObjectNode().put("error", message);
    }

    private static String nextUrl(Map<String, String> params, long offset, int size) {
        StringBuilder url = new StringBuilder("/items?");
        params.forEach((key, value) -> {
            if (!key.equals("offset") && !key.equals("limit")) {
                url.append(encode(key)).append('=').append(encode(value)).append('&');
            }
        });
        return url.append("offset=").append(offset).append("&limit=").append(size).toString();
    }

    /** The query's parameters, last one wins; a literal '+' stays '+' so an unencoded {@code +01:00} offset parses. */
    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                params.put(decode(key), eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return params;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static int number(Map<String, String> params, String name, int fallback) {
        return params.containsKey(name) ? Integer.parseInt(params.get(name)) : fallback;
    }
}
