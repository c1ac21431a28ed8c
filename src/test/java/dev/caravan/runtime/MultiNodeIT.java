package dev.caravan.runtime;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.caravan.testing.CaravanProcess;
import dev.caravan.testing.FreePort;
import dev.caravan.testing.Http;
import dev.caravan.testing.TestConfig;
import dev.caravan.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import javax.sql.DataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three runtimes (the packaged jar, as processes) on one PostgreSQL. Each schedule fires on one
 * node at a time, a sync never runs on two nodes at once, and when a node is killed with SIGKILL,
 * its runs are marked interrupted and the others go on firing its schedules within 30 s.
 */
class MultiNodeIT {
    private static final int SYNCS = 4;

    @Test
    void schedulesFireOnceAcrossNodesAndSurviveAKilledNode(@TempDir Path configDirectory) throws Exception {
        WireMockServer api = new WireMockServer(options().dynamicPort());
        api.start();
        // Slow pages, so a sync that ran on two nodes at once would show overlapping runs.
        api.stubFor(get(urlPathMatching("/items.*")).willReturn(okJson("{\"data\": [{\"id\": 1}, {\"id\": 2}]}").withFixedDelay(400)));
        Map<String, String> files = new LinkedHashMap<>();
        files.put("connections/warehouse.yaml", TestConfig.warehouse());
        files.put("connections/api.yaml", "kind: connection\nid: api\ntype: http\nbaseUrl: " + api.baseUrl() + "\n");
        for (int i = 1; i <= SYNCS; i++) {
            files.put("syncs/items-" + i + ".yaml", "kind: sync\nid: items-" + i + "\nsource: { connection: api, path: /items-" + i
                    + ", records: $.data, primaryKey: [id] }\ndestination: { connection: warehouse, table: t.items_" + i + " }\nschedule: { every: 1s }\n");
        }
        TestConfig.write(configDirectory, files);
        String url = TestDatabase.createDatabase();
        DataSource database = TestDatabase.dataSource(url);

        List<CaravanProcess> nodes = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                int port = FreePort.find();
                ports.add(port);
                nodes.add(CaravanProcess.start(CaravanProcess.environment(url, port), "run", "--config", configDirectory.toString()));
            }
            for (int i = 0; i < nodes.size(); i++) {
                int port = ports.get(i);
                CaravanProcess node = nodes.get(i);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                        .untilAsserted(() -> assertThat(Http.get("http://127.0.0.1:" + port + "/api/health").statusCode()).as(node.output()).isEqualTo(200));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> count(database, "SELECT count(*) FROM caravan.nodes") == 3);
            Instant watchFrom = Instant.now();
            Thread.sleep(8_000);

            List<Run> before = runs(database);
            assertThat(overlapping(before)).as("a sync ran on two nodes at once").isEmpty();
            long firedPerSync = before.stream().filter(r -> r.sync().equals("items-1") && r.started().isAfter(watchFrom)).count();
            assertThat(firedPerSync).as("one run per fire, not one per node").isBetween(3L, 10L);
            assertThat(before.stream().map(Run::node).distinct().count()).as("runs spread over the nodes").isGreaterThanOrEqualTo(2);

            CaravanProcess victim = nodes.remove(0);
            String victimNode = nodeOf(database, victim);
            victim.close(); // SIGKILL: no chance to leave cleanly
            Instant killedAt = Instant.now();

            await().atMost(Duration.ofSeconds(30)).until(() -> count(database, "SELECT count(*) FROM caravan.nodes WHERE node_id = '" + victimNode + "'") == 0
                    && count(database, "SELECT count(*) FROM caravan.sync_runs WHERE node_id = '" + victimNode + "' AND status IN ('queued', 'running')") == 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> runs(database).stream().filter(r -> r.started().isAfter(killedAt.plusSeconds(1)))
                    .map(Run::sync).distinct().count() == SYNCS);
            System.out.printf("MultiNodeIT: 3 nodes, 1 killed with SIGKILL; its runs interrupted and all %d schedules firing on the others %.1f s later%n",
                    SYNCS, Duration.between(killedAt, Instant.now()).toMillis() / 1000.0);
            List<Run> after = runs(database);
            assertThat(overlapping(after)).as("a sync ran on two nodes at once").isEmpty();
            assertThat(after.stream().filter(r -> r.started().isAfter(killedAt.plusSeconds(1))).map(Run::node)).doesNotContain(victimNode);
        } finally {
            for (CaravanProcess node : nodes) {
                node.terminate(Duration.ofSeconds(60));
            }
            api.stop();
        }
    }

    record Run(long id, String sync, String node, Instant started, Instant finished) {
    }

    private static List<Run> runs(DataSource database) throws Exception {
        List<Run> runs = new ArrayList<>();
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT run_id, sync_id, node_id, started_at, finished_at FROM caravan.sync_runs "
                     + "WHERE trigger = 'schedule' AND status <> 'queued' ORDER BY run_id")) {
            while (rs.next()) {
                Timestamp finished = rs.getTimestamp(5);
                runs.add(new Run(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                        finished == null ? Instant.MAX : finished.toInstant()));
            }
        }
        return runs;
    }

    /** Pairs of runs of one sync whose start-to-end intervals overlap. */
    private static List<String> overlapping(List<Run> runs) {
        List<String> pairs = new ArrayList<>();
        for (Run a : runs) {
            for (Run b : runs) {
                if (a.id() < b.id() && a.sync().equals(b.sync()) && a.started().isBefore(b.finished()) && b.started().isBefore(a.finished())) {
                    pairs.add(a + " / " + b);
                }
            }
        }
        return pairs;
    }

    private static String nodeOf(DataSource database, CaravanProcess process) throws Exception {
        String pid = Long.toString(process.pid());
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT node_id FROM caravan.nodes WHERE node_id LIKE '%-" + pid + "-%'")) {
            assertThat(rs.next()).as("node of process " + pid).isTrue();
            return rs.getString(1);
        }
    }

    private static long count(DataSource database, String sql) throws Exception {
        try (Connection c = database.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
