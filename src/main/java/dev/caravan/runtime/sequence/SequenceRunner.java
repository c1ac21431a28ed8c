package dev.caravan.runtime.sequence;

import dev.caravan.model.LiveConfig;
import dev.caravan.model.SequenceDefinition;
import dev.caravan.runtime.RunLeases;
import dev.caravan.state.RunHistory;
import dev.caravan.state.RunStatus;
import dev.caravan.state.SequenceHistory;
import dev.caravan.state.SequenceRun;
import org.apache.camel.Header;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Starts sequence runs and keeps each sequence from overlapping itself: a trigger while a run is
 * in progress queues one follow-up run, and later triggers join that one. Schedules and other
 * automatic triggers do nothing while a sequence is disabled; a manual run (API, CLI) always may.
 */
public final class SequenceRunner extends ServiceSupport {
    public static final String SEQUENCE_ID_HEADER = "CaravanSequenceId";
    /** Triggers a person starts; every other trigger (schedule, dbt-cloud, after:…) is automatic. */
    private static final Set<String> MANUAL_TRIGGERS = Set.of("api", "manual");
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    private static final Logger LOGGER = LoggerFactory.getLogger(SequenceRunner.class);

    private final LiveConfig config;
    private final SequenceHistory history;
    private final RunHistory syncRuns;
    private final SequenceSwitches switches;
    private final StepInvoker invoker;
    private final ExecutorService runThreads;
    private final ExecutorService stepThreads;
    private final BooleanSupplier stopping;
    private final List<SequenceListener> listeners;
    private final RunLeases leases;
    private final Map<String, Slot> slots = new HashMap<>();
    private final Phaser active = new Phaser(1);

    /** Per sequence: the run in progress and the one queued behind it. */
    private static final class Slot {
        SequenceExecution running;
        Long queued;
    }

    public SequenceRunner(LiveConfig config, SequenceHistory history, RunHistory syncRuns, SequenceSwitches switches, StepInvoker invoker,
                          ExecutorService runThreads, ExecutorService stepThreads, BooleanSupplier stopping, List<SequenceListener> listeners,
                          RunLeases leases) {
        this.leases = leases;
        this.config = config;
        this.history = history;
        this.syncRuns = syncRuns;
        this.switches = switches;
        this.invoker = invoker;
        this.runThreads = runThreads;
        this.stepThreads = stepThreads;
        this.stopping = stopping;
        this.listeners = List.copyOf(listeners);
    }

    /** The entry route's call ({@code direct:sequence-<id>}); returns the run id, or null when the sequence is disabled. */
    public Long trigger(@Header(SEQUENCE_ID_HEADER) String sequenceId, @Header("CaravanTrigger") String trigger) {
        return submit(sequenceId, trigger == null ? "manual" : trigger).runId();
    }

    public synchronized TriggerResult submit(String sequenceId, String trigger) {
        SequenceDefinition sequence = config.current().sequence(sequenceId)
                .orElseThrow(() -> new IllegalArgumentException("no sequence '" + sequenceId + "'"));
        if (!MANUAL_TRIGGERS.contains(trigger) && !switches.isEnabled(sequence)) {
            LOGGER.debug("Sequence {} is disabled: {} trigger ignored", sequenceId, trigger);
            return new TriggerResult(null, TriggerResult.Outcome.DISABLED);
        }
        Slot slot = slots.computeIfAbsent(sequenceId, id -> new Slot());
        if (slot.queued != null) {
            LOGGER.info("Sequence {}: {} trigger joins run {}, already queued", sequenceId, trigger, slot.queued);
            return new TriggerResult(slot.queued, TriggerResult.Outcome.COALESCED);
        }
        long runId = history.queue(sequenceId, trigger);
        if (slot.running == null) {
            launch(sequence, slot, runId);
            return new TriggerResult(runId, TriggerResult.Outcome.STARTED);
        }
        slot.queued = runId;
        LOGGER.info("Sequence {}: run {} ({}) queued behind run {}", sequenceId, runId, trigger, slot.running.runId());
        return new TriggerResult(runId, TriggerResult.Outcome.QUEUED);
    }

    /** Cancels a queued run, or stops a running one from starting more steps; false if the run is neither. */
    public synchronized boolean cancel(long runId, String reason) {
        for (Slot slot : slots.values()) {
            if (slot.queued != null && slot.queued == runId) {
                slot.queued = null;
                history.finish(runId, RunStatus.CANCELLED, reason);
                return true;
            }
            if (slot.running != null && slot.running.runId() == runId) {
                slot.running.cancel(reason);
                return true;
            }
        }
        return false;
    }

    private void launch(SequenceDefinition sequence, Slot slot, long runId) {
        SequenceExecution execution = new SequenceExecution(sequence, runId, history, syncRuns, invoker, stepThreads, stopping);
        slot.running = execution;
        active.register();
        runThreads.execute(() -> {
            try (RunLeases.Held lease = leases.acquire("sequence:" + sequence.id())) {
                execution.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOGGER.error("Sequence {} run {} could not be recorded: {}", sequence.id(), runId, e.getMessage(), e);
            } finally {
                next(sequence, slot);
            }
            try {
                history.find(runId).filter(SequenceRun::isFinished).ifPresent(run -> listeners.forEach(l -> notify(l, sequence, run)));
            } finally {
                active.arriveAndDeregister();
            }
        });
    }

    /**
     * Camel stops routes first, so the steps in flight have ended by now; waits for their runs to
     * record how they ended, before the state database closes.
     */
    @Override
    protected void doStop() throws Exception {
        try {
            active.awaitAdvanceInterruptibly(active.arrive(), STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOGGER.warn("Sequence runs still recording after {} s; they will be marked interrupted at the next start", STOP_WAIT.toSeconds());
        }
    }

    private synchronized void next(SequenceDefinition sequence, Slot slot) {
        slot.running = null;
        if (slot.queued != null && !stopping.getAsBoolean()) {
            long queued = slot.queued;
            slot.queued = null;
            launch(sequence, slot, queued);
        }
    }

    private static void notify(SequenceListener listener, SequenceDefinition sequence, SequenceRun run) {
        try {
            listener.finished(sequence, run);
        } catch (RuntimeException e) {
            LOGGER.warn("After sequence {} run {}: {}", sequence.id(), run.runId(), e.getMessage());
        }
    }
}
