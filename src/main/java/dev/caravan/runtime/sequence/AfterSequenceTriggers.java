package dev.caravan.runtime.sequence;

import dev.caravan.model.LiveConfig;
import dev.caravan.model.SequenceDefinition;
import dev.caravan.model.TriggerSpec;
import dev.caravan.state.RunStatus;
import dev.caravan.state.SequenceRun;

import java.util.function.Supplier;

/** Starts the sequences whose {@code triggers} say {@code after: <sequence>} when that sequence ends succeeded or warning. */
public final class AfterSequenceTriggers implements SequenceListener {
    private final LiveConfig config;
    private final Supplier<SequenceRunner> runner;

    public AfterSequenceTriggers(LiveConfig config, Supplier<SequenceRunner> runner) {
        this.config = config;
        this.runner = runner;
    }

    @Override
    public void finished(SequenceDefinition sequence, SequenceRun run) {
        if (run.status() != RunStatus.SUCCEEDED && run.status() != RunStatus.WARNING) {
            return;
        }
        for (SequenceDefinition next : config.current().sequences()) {
            if (next.triggers().stream().map(TriggerSpec::after).anyMatch(sequence.id()::equals)) {
                runner.get().submit(next.id(), "after:" + sequence.id());
            }
        }
    }
}
