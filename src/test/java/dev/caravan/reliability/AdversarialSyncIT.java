package dev.caravan.reliability;

import dev.caravan.testing.ChangingApi;
import dev.caravan.testing.ChangingApi.Paging;
import dev.caravan.testing.RuntimeHarness;
import dev.caravan.testing.TestConfig;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * API syncs against APIs that change while they are backfilled, polled and scanned: updates that
 * move records across page boundaries, deletes that shift pages, creates, cursor ties, late
 * commits inside the lookback, a new field, and transient 500s and 429s. One sync per pagination
 * type runs against its own {@link ChangingApi}; once the APIs stop changing, every table must
 * equal its API row for row and column for column. Seeds: {@code -Dcaravan.adversarial.seeds=1,2}
 * (default five); each is printed so a failure can be replayed.
 */
class AdversarialSyncIT {
    private static final Logger LOGGER = LoggerFactory.getLogger(AdversarialSyncIT.class);
    private static final int RECORDS = 600;
    private static final Duration CHANGING = Duration.ofSeconds(8);
    /** The schedule's interval and the key scan's: the tables must match within a poll plus two scans (two-scan confirmation) and a margin. */
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration SCAN = Duration.ofSeconds(3);

    static Stream<Long> seeds() {
        return Arrays.stream(System.getProperty("caravan.adversarial.seeds", "11,23,37,41,53").split(",")).map(String::trim).map(Long::parseLong);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void tablesEqualTheirChangingApisOnceTheyStopChanging(long seed, @TempDir Path config) throws Exception {
        LOGGER.info("Adversarial sync run, seed {} (replay with -Dcaravan.adversarial.seeds={})", seed, seed);
        Map<Paging, ChangingApi> apis = new EnumMap<>(Paging.class);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("connections/warehouse.yaml", TestConfig.warehouse());
        try {
            for (Paging paging : Paging.values()) {
                ChangingApi api = new ChangingApi(RECORDS, paging, seed * 31 + paging.ordinal());
                api.faults(0.03);
                apis.put(paging, api);
                files.put("connections/" + id(paging) + ".yaml", "kind: connection\nid: " + id(paging) + "\ntype: http\nbaseUrl: " + api.baseUrl() + "\n"
                        + "rateLimit: { requests: 200, per: 1s, maxWait: 2s }\n");
                files.put("syncs/" + id(paging) + ".yaml", sync(paging));
            }
            apis.values().forEach(api -> api.startChanging(Duration.ofMillis(40)));
            try (RuntimeHarness runtime = RuntimeHarness.startOnTestDatabase(TestConfig.write(config, files), Map.of())) {
                Thread.sleep(CHANGING.toMillis());
                apis.values().forEach(ChangingApi::stopChanging);
                long stopped = System.nanoTime();
                Map<Paging, Diff> diffs = new EnumMap<>(Paging.class);
                await().atMost(POLL.plus(SCAN).plus(SCAN).plus(Duration.ofSeconds(25))).pollInterval(Duration.ofMillis(250)).until(() -> {
                    for (Paging paging : Paging.values()) {
                        diffs.put(paging, Diff.of(apis.get(paging).rows(), table(runtime, paging)));
                    }
                    return diffs.values().stream().allMatch(Diff::none);
                });
                double converged = (System.nanoTime() - stopped) / 1e9;
                for (Paging paging : Paging.values()) {
                    report(seed, paging, apis.get(paging), runtime, diffs.get(paging), converged);
                    assertThat(diffs.get(paging).none()).as("seed %d, %s: %s", seed, paging, diffs.get(paging)).isTrue();
                }
            }
        } finally {
            apis.values().forEach(ChangingApi::close);
        }
    }

    private static String id(Paging paging) {
        return "items-" + paging.name().toLowerCase().replace('_', '-');
    }

    /** Two types confirm absences with a lookup, the others with a second scan, so both paths meet the changes. */
    private static String sync(Paging paging) {
        String pagination = switch (paging) {
            case PAGE -> "{ type: page, pageParam: page, sizeParam: per_page, size: 25 }";
            case OFFSET -> "{ type: offset, offsetParam: offset, limitParam: limit, size: 25 }";
            case CURSOR -> "{ type: cursor, cursorParam: cursor, cursorPath: $.next_cursor, sizeParam: limit, size: 25 }";
            case NEXT_URL -> "{ type: next-url, nextUrlPath: $.next, sizeParam: limit, size: 25 }";
            case LINK_HEADER -> "{ type: link-header, sizeParam: limit, size: 25 }";
        };
        boolean lookup = paging == Paging.PAGE || paging == Paging.CURSOR;
        return "kind: sync\nid: " + id(paging) + "\nsource:\n  connection: " + id(paging) + "\n  path: /items\n  records: $.data\n  primaryKey: [id]\n"
                + "  pagination: " + pagination + "\n  total: { path: $.total }\n"
                + "  incremental: { cursorField: updatedAt, param: updated_since, lookback: 3s }\n"
                + "  deletes: { detect: full-scan, every: " + SCAN.toSeconds() + "s" + (lookup ? ", verify: { path: \"/items/{id}\" }" : "") + " }\n"
                + "destination: { connection: warehouse, table: adv." + id(paging).replace('-', '_') + ", mode: mirror }\n"
                + "schedule: { every: " + POLL.toSeconds() + "s }\n";
    }

    private static Map<Long, String> table(RuntimeHarness runtime, Paging paging) {
        Map<Long, String> rows = new HashMap<>();
        String table = "adv." + id(paging).replace('-', '_');
        if (runtime.sql("SELECT to_regclass('" + table + "') IS NOT NULL").get(0).equals("f")) {
            return rows;
        }
        List<String> lines = runtime.sql("SELECT id || chr(9) || row FROM (" + ChangingApi.rowSql(table) + ") r");
        for (String line : lines) {
            String[] parts = line.split("\t", 2);
            rows.put(Long.parseLong(parts[0]), parts[1]);
        }
        return rows;
    }

    private static void report(long seed, Paging paging, ChangingApi api, RuntimeHarness runtime, Diff diff, double converged) {
        List<String> figures = runtime.sql("SELECT count(*) FILTER (WHERE reconciliation->>'consistent' = 'false') || ',' "
                + "|| coalesce(sum((reconciliation->>'removed')::bigint), 0) || ',' || coalesce(sum((reconciliation->>'repaired')::bigint), 0) || ',' "
                + "|| count(*) FILTER (WHERE (reconciliation->>'pollHeld')::boolean) || ',' || count(*) FILTER (WHERE reconciliation ? 'keysListed') "
                + "FROM caravan.sync_runs WHERE sync_id = '" + id(paging) + "'");
        String[] f = figures.get(0).split(",");
        LOGGER.info("ADVERSARIAL seed={} paging={} rows={} missing={} extra={} stale={} scans={} inconsistentScans={} removalsConfirmed={} repaired={} "
                + "heldPolls={} convergedSeconds={} changes={}", seed, paging, diff.compared(), diff.missing(), diff.extra(), diff.stale(), f[4], f[0], f[1],
                f[2], f[3], String.format("%.1f", converged), api.stats());
    }

    /** Rows the table lacks, rows it has that the API does not, and rows whose columns differ. */
    record Diff(int compared, List<Long> missing, List<Long> extra, List<Long> stale) {
        static Diff of(Map<Long, String> api, Map<Long, String> table) {
            List<Long> missing = new ArrayList<>();
            List<Long> stale = new ArrayList<>();
            api.forEach((id, row) -> {
                String actual = table.get(id);
                if (actual == null) {
                    missing.add(id);
                } else if (!actual.equals(row)) {
                    stale.add(id);
                }
            });
            List<Long> extra = table.keySet().stream().filter(id -> !api.containsKey(id)).sorted().toList();
            return new Diff(api.size(), missing, extra, stale);
        }

        boolean none() {
            return missing.isEmpty() && extra.isEmpty() && stale.isEmpty();
        }
    }
}
