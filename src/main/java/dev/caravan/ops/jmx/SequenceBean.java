package dev.caravan.ops.jmx;

import dev.caravan.model.SequenceDefinition;
import dev.caravan.runtime.sequence.SequenceRunner;
import dev.caravan.runtime.sequence.SequenceSwitches;
import dev.caravan.state.SequenceHistory;
import dev.caravan.state.SequenceRun;

import java.util.Optional;

/** {@link SequenceMXBean} over the same services as the API. */
final class SequenceBean implements SequenceMXBean {
    private final SequenceDefinition sequence;
    private final SequenceRunner runner;
    private final SequenceHistory history;
    private final SequenceSwitches switches;
    private final Operations operations;

    SequenceBean(SequenceDefinition sequence, SequenceRunner runner, SequenceHistory history, SequenceSwitches switches, Operations operations) {
        this.sequence = sequence;
        this.runner = runner;
        this.history = history;
        this.switches = switches;
        this.operations = operations;
    }

    private Optional<SequenceRun> lastRun() {
        return history.page(sequence.id(), null, 1).stream().findFirst();
    }

    @Override
    public boolean isEnabled() {
        return switches.isEnabled(sequence);
    }

    @Override
    public long getLastRunId() {
        return lastRun().map(SequenceRun::runId).orElse(0L);
    }

    @Override
    public String getLastRunStatus() {
        return lastRun().map(run -> run.status().value()).orElse(null);
    }

    @Override
    public String getLastRunReason() {
        return lastRun().map(SequenceRun::reason).orElse(null);
    }

    @Override
    public long trigger() {
        operations.check("trigger");
        Long runId = runner.submit(sequence.id(), "api").runId();
        return runId == null ? 0 : runId;
    }

    @Override
    public void enable() {
        operations.check("enable");
        switches.set(sequence, true);
    }

    @Override
    public void disable() {
        operations.check("disable");
        switches.set(sequence, false);
    }
}
