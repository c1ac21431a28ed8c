package dev.caravan.demo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * An in-memory CRM for the quickstart: accounts, workspaces and contacts whose records are
 * created, updated and archived over time, so a sync has real work to do. Deterministic: the
 * same seed gives the same history.
 */
public final class DemoCrm {
    public static final List<String> COLLECTIONS = List.of("accounts", "workspaces", "contacts");
    private static final String[] NAMES = {"Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Margaret", "Ken", "Frances", "John"};

    private final Map<String, TreeMap<Long, ObjectNode>> collections = new LinkedHashMap<>();
    private final Random random;
    private final Clock clock;
    private long nextId = 1;

    public DemoCrm(long seed, Clock clock, int accounts) {
        this.random = new Random(seed);
        this.clock = clock;
        COLLECTIONS.forEach(c -> collections.put(c, new TreeMap<>()));
        Instant start = clock.instant().minus(30, ChronoUnit.DAYS);
        for (int i = 0; i < accounts; i++) {
            long account = create("accounts", start.plusSeconds(i * 60L));
            for (int w = 0; w < 2; w++) {
                long workspace = create("workspaces", start.plusSeconds(i * 60L + w));
                collections.get("workspaces").get(workspace).put("account_id", account);
                for (int c = 0; c < 4; c++) {
                    long contact = create("contacts", start.plusSeconds(i * 60L + w * 10L + c));
                    collections.get("contacts").get(contact).put("workspace_id", workspace);
                }
            }
        }
    }

    private long create(String collection, Instant at) {
        long id = nextId++;
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("id", id);
        record.put("name", NAMES[random.nextInt(NAMES.length)] + " " + id);
        record.put("score", random.nextInt(100));
        record.put("archived", false);
        record.put("created_at", at.toString());
        record.put("updated_at", at.toString());
        collections.get(collection).put(id, record);
        return id;
    }

    /** One tick of activity: a few updates, a new contact, now and then an archived one. */
    public synchronized void tick() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        for (String collection : COLLECTIONS) {
            ObjectNode record = pick(collection);
            record.put("score", random.nextInt(100));
            record.put("updated_at", now.toString());
        }
        long contact = create("contacts", now);
        collections.get("contacts").get(contact).put("workspace_id", collections.get("workspaces").lastKey());
        if (random.nextInt(5) == 0) {
            ObjectNode archived = pick("contacts");
            archived.put("archived", true);
            archived.put("updated_at", now.toString());
        }
    }

    private ObjectNode pick(String collection) {
        TreeMap<Long, ObjectNode> records = collections.get(collection);
        long id = records.firstKey() + random.nextInt((int) (records.lastKey() - records.firstKey() + 1));
        return records.ceilingEntry(id).getValue();
    }

    /** One page of a listing, and how many records the whole listing has. */
    public record Listing(List<ObjectNode> data, int total) {
    }

    /** Records changed at or after {@code since} (all when null), oldest change first, one page of them. */
    public synchronized Listing page(String collection, Instant since, int page, int perPage) {
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode record : collections.get(collection).values()) {
            if (since == null || !Instant.parse(record.get("updated_at").asText()).isBefore(since)) {
                matching.add(record.deepCopy());
            }
        }
        matching.sort(Comparator.comparing((ObjectNode r) -> r.get("updated_at").asText()).thenComparingLong(r -> r.get("id").asLong()));
        int from = Math.min(matching.size(), (page - 1) * perPage);
        return new Listing(matching.subList(from, Math.min(matching.size(), from + perPage)), matching.size());
    }
}
