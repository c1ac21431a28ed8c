package dev.caravan.reliability;

import dev.caravan.state.Reconciliation;
import dev.caravan.testing.ChangingApi;
import dev.caravan.testing.ChangingApi.Paging;
import dev.caravan.testing.RuntimeHarness;
import dev.caravan.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loss this suite was written for: 20,000 records paged by page number, sorted by a mutable
 * field (updatedAt), and 50 updates in the middle of a key scan. Each update moves a record to the
 * end, so the records behind it shift by one page slot: one is listed twice, its neighbour never.
 * The scan must remove no live row, and the next run must leave the table equal to the API.
 */
class ScanDuringUpdatesIT {
    private static final Logger LOGGER = LoggerFactory.getLogger(ScanDuringUpdatesIT.class);
    private static final int RECORDS = 20_000;
    private static final long SEED = Long.getLong("caravan.scan.seed", 20_000L);

    @Test
    void fiftyUpdatesDuringAScanOfTwentyThousandRecordsRemoveNoLiveRow(@TempDir Path config) throws Exception {
        LOGGER.info("Scan during updates, seed {} (replay with -Dcaravan.scan.seed={})", SEED, SEED);
        try (ChangingApi api = new ChangingApi(RECORDS, Paging.PAGE, SEED)) {
            Map<String, String> files = new LinkedHashMap<>();
            files.put("connections/warehouse.yaml", TestConfig.warehouse());
            files.put("connections/crm.yaml", "kind: connection\nid: crm\ntype: http\nbaseUrl: " + api.baseUrl() + "\nrateLimit: { requests: 1000, per: 1s }\n");
            files.put("syncs/contacts.yaml", "kind: sync\nid: contacts\nsource:\n  connection: crm\n  path: /items\n  records: $.data\n  primaryKey: [id]\n"
                    + "  pagination: { type: page, pageParam: page, sizeParam: per_page, size: 100 }\n"
                    + "  incremental: { cursorField: updatedAt, param: updated_since, lookback: 5s }\n"
                    + "  deletes: { detect: full-scan, every: 1ms }\n"
                    + "destination: { connection: warehouse, table: crm.contacts, mode: mirror }\n");
            try (RuntimeHarness runtime = RuntimeHarness.startOnTestDatabase(TestConfig.write(config, files), Map.of())) {
                runtime.runSync("contacts");
                assertThat(runtime.sql("SELECT count(*) FROM crm.contacts")).containsExactly(Integer.toString(RECORDS));

                // the next run polls (one page: nothing changed) and then scans 200 pages; the updates land mid-scan
                int midScan = api.listRequests() + 1 + 100;
                AtomicInteger updated = new AtomicInteger();
                api.onListRequest(count -> {
                    if (count == midScan) {
                        updated.set(api.update(50));
                    }
                });
                runtime.runSync("contacts");

                assertThat(updated.get()).isEqualTo(50);
                Reconciliation scan = runtime.lastRun("contacts").reconciliation();
                LOGGER.info("Scan during 50 updates: {}", scan);
                assertThat(runtime.lastRun("contacts").rows().removed()).isZero();
                assertThat(runtime.sql("SELECT count(*) FROM crm.contacts")).containsExactly(Integer.toString(RECORDS));
                assertThat(scan.consistent()).isFalse();
                assertThat(scan.inconsistencies()).anySatisfy(sign -> assertThat(sign).contains("listed twice"));

                runtime.runSync("contacts");
                Map<Long, String> table = new LinkedHashMap<>();
                runtime.sql("SELECT id || chr(9) || row FROM (" + ChangingApi.rowSql("crm.contacts") + ") r").forEach(line -> {
                    String[] parts = line.split("\t", 2);
                    table.put(Long.parseLong(parts[0]), parts[1]);
                });
                assertThat(table).isEqualTo(api.rows());
                assertThat(runtime.lastRun("contacts").reconciliation().consistent()).isTrue();
                assertThat(runtime.lastRun("contacts").rows().removed()).isZero();
            }
        }
    }
}
