package dev.caravan.ops.jmx;

/** One sync in JMX ({@code dev.caravan:type=Sync,name=<id>}): its state, and (when enabled) run, pause, resume. */
public interface SyncMXBean {
    String getKind();

    String getPhase();

    boolean isPaused();

    double getLagSeconds();

    long getLastRunId();

    String getLastRunStatus();

    String getLastRunFinishedAt();

    /** Queues a run; returns its id. */
    long trigger();

    void pause();

    void resume();
}
