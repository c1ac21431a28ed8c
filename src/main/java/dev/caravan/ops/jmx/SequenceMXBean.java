package dev.caravan.ops.jmx;

/** One sequence in JMX ({@code dev.caravan:type=Sequence,name=<id>}): its state, and (when enabled) trigger, enable, disable. */
public interface SequenceMXBean {
    boolean isEnabled();

    long getLastRunId();

    String getLastRunStatus();

    String getLastRunReason();

    /** Starts a run (or joins the one queued); returns its id. */
    long trigger();

    void enable();

    void disable();
}
