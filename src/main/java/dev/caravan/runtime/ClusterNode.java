package dev.caravan.runtime;

import dev.caravan.state.RunHistory;
import dev.caravan.state.SequenceHistory;
import dev.caravan.state.jdbc.JdbcCluster;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * This runtime as one node of several on a shared database. It beats every 5 s; a node silent for
 * 15 s is dead, and any node then marks the dead node's runs interrupted and frees its leases
 * (runs of a runtime that stopped normally are freed at once). Leases last 30 s past the last beat.
 */
public final class ClusterNode extends ServiceSupport implements RunLeases {
    static final Duration HEARTBEAT = Duration.ofSeconds(5);
    static final Duration NODE_TIMEOUT = Duration.ofSeconds(15);
    static final Duration LEASE_TTL = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 200;
    private static final Logger LOGGER = LoggerFactory.getLogger(ClusterNode.class);

    private final String nodeId;
    private final JdbcCluster cluster;
    private final RunHistory syncRuns;
    private final SequenceHistory sequenceRuns;
    private final ScheduledExecutorService timer;
    private ScheduledFuture<?> beating;

    public ClusterNode(String nodeId, JdbcCluster cluster, RunHistory syncRuns, SequenceHistory sequenceRuns, ScheduledExecutorService timer) {
        this.nodeId = nodeId;
        this.cluster = cluster;
        this.syncRuns = syncRuns;
        this.sequenceRuns = sequenceRuns;
        this.timer = timer;
    }

    /** A new id for this process: host, process id and a random part, so a restart is a new node. */
    public static String newId() {
        return host() + "-" + ProcessHandle.current().pid() + "-" + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
    }

    public String nodeId() {
        return nodeId;
    }

    @Override
    protected void doStart() {
        cluster.register(nodeId, host());
        LOGGER.info("Node {} joined", nodeId);
        reap();
        beating = timer.scheduleWithFixedDelay(this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void beat() {
        try {
            cluster.heartbeat(nodeId, LEASE_TTL);
            reap();
        } catch (RuntimeException e) {
            LOGGER.warn("Node {}: heartbeat failed: {}", nodeId, e.getMessage());
        }
    }

    private void reap() {
        List<String> dead = cluster.reapSilent(NODE_TIMEOUT);
        int syncs = syncRuns.markInterrupted();
        int sequences = sequenceRuns.markInterrupted();
        if (!dead.isEmpty() || syncs + sequences > 0) {
            LOGGER.warn("Node {}: {} sync run(s) and {} sequence run(s) of stopped or silent runtimes {} marked interrupted", nodeId, syncs,
                    sequences, dead.isEmpty() ? "" : dead);
        }
    }

    @Override
    protected void doStop() {
        if (beating != null) {
            beating.cancel(false);
        }
        cluster.deregister(nodeId);
        LOGGER.info("Node {} left", nodeId);
    }

    @Override
    public Held acquire(String resource) throws InterruptedException {
        boolean logged = false;
        while (!cluster.tryAcquire(resource, nodeId, LEASE_TTL)) {
            if (!logged) {
                LOGGER.info("{} is running on another runtime: waiting for it", resource);
                logged = true;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return () -> cluster.release(resource, nodeId);
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown-host";
        }
    }
}
