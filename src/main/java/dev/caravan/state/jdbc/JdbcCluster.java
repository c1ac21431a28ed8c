package dev.caravan.state.jdbc;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;

/** Nodes and their heartbeats, and the leases that let one node at a time run a sync or a sequence. */
public final class JdbcCluster {
    private final Jdbc jdbc;

    public JdbcCluster(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    public void register(String nodeId, String host) {
        jdbc.update("register node " + nodeId, "INSERT INTO caravan.nodes (node_id, host) VALUES (?, ?)", nodeId, host);
    }

    /** Records that the node is alive and extends every lease it holds by {@code leaseTtl}. */
    public void heartbeat(String nodeId, Duration leaseTtl) {
        jdbc.update("record the heartbeat of node " + nodeId, "WITH beat AS (UPDATE caravan.nodes SET heartbeat_at = now() WHERE node_id = ?) "
                + "UPDATE caravan.run_leases SET expires_at = now() + make_interval(secs => ?) WHERE node_id = ?",
                nodeId, (double) leaseTtl.toMillis() / 1000, nodeId);
    }

    public void deregister(String nodeId) {
        jdbc.update("deregister node " + nodeId, "WITH leases AS (DELETE FROM caravan.run_leases WHERE node_id = ?) "
                + "DELETE FROM caravan.nodes WHERE node_id = ?", nodeId, nodeId);
    }

    /** Forgets the nodes silent for longer than {@code timeout}, and their leases; returns their ids. */
    public List<String> reapSilent(Duration timeout) {
        return jdbc.query("reap silent nodes", "WITH dead AS (DELETE FROM caravan.nodes WHERE heartbeat_at < now() - make_interval(secs => ?) "
                        + "RETURNING node_id), leases AS (DELETE FROM caravan.run_leases WHERE node_id IN (SELECT node_id FROM dead)) "
                        + "SELECT node_id FROM dead", rs -> rs.getString(1), (double) timeout.toMillis() / 1000);
    }

    /** Takes {@code resource} for {@code ttl} unless another node holds an unexpired lease on it; true when taken. */
    public boolean tryAcquire(String resource, String nodeId, Duration ttl) {
        return !jdbc.query("take lease " + resource, "INSERT INTO caravan.run_leases (resource, node_id, expires_at) "
                        + "VALUES (?, ?, now() + make_interval(secs => ?)) ON CONFLICT (resource) DO UPDATE SET node_id = EXCLUDED.node_id, "
                        + "acquired_at = now(), expires_at = EXCLUDED.expires_at WHERE run_leases.expires_at < now() RETURNING node_id",
                rs -> rs.getString(1), resource, nodeId, (double) ttl.toMillis() / 1000).isEmpty();
    }

    public void release(String resource, String nodeId) {
        jdbc.update("release lease " + resource, "DELETE FROM caravan.run_leases WHERE resource = ? AND node_id = ?", resource, nodeId);
    }
}
