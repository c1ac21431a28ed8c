package dev.caravan.runtime.alert;

import dev.caravan.model.LiveConfig;
import dev.caravan.model.ChannelDefinition;
import dev.caravan.model.SequenceDefinition;
import dev.caravan.model.StepSpec;
import dev.caravan.model.StepSpec.TerminatePolicy;
import dev.caravan.runtime.sequence.SequenceListener;
import dev.caravan.runtime.sequence.StepJudge;
import dev.caravan.state.RunStatus;
import dev.caravan.state.SequenceRun;
import dev.caravan.state.SequenceStep;
import dev.caravan.state.jdbc.JdbcAlertStates;

import java.util.List;

/**
 * Alerts on changes only: a sequence that fails (after succeeding, or on its first run), that
 * recovers, and a step whose rejected rows go over its threshold or back under it. A sequence
 * that stays broken alerts once. Cancelled and interrupted runs change nothing.
 */
public final class SequenceAlerts implements SequenceListener {
    static final String FAILED = "failed";
    static final String HEALTHY = "healthy";
    static final String OVER = "over";
    static final String UNDER = "under";

    private final LiveConfig config;
    private final JdbcAlertStates states;
    private final AlertChannels channels;

    public SequenceAlerts(LiveConfig config, JdbcAlertStates states, AlertChannels channels) {
        this.config = config;
        this.states = states;
        this.channels = channels;
    }

    @Override
    public void finished(SequenceDefinition sequence, SequenceRun run) {
        if (run.status() == RunStatus.CANCELLED || run.status() == RunStatus.INTERRUPTED) {
            return;
        }
        for (SequenceStep step : run.steps()) {
            rejected(sequence, run, step);
        }
        boolean failed = run.status() == RunStatus.FAILED;
        Turn turn = Turn.of(states, "sequence/" + sequence.id(), failed, FAILED, HEALTHY);
        if (turn == Turn.BAD) {
            send(sequence, run, "sequence.failed", "Sequence " + sequence.id() + " failed (run " + run.runId() + "): " + run.reason());
        } else if (turn == Turn.GOOD) {
            send(sequence, run, "sequence.recovered", "Sequence " + sequence.id() + " recovered: run " + run.runId() + " " + run.status().value());
        }
    }

    private void rejected(SequenceDefinition sequence, SequenceRun run, SequenceStep step) {
        StepSpec spec = sequence.steps().get(step.index());
        if (spec.terminate() != TerminatePolicy.FATAL_OR_REJECTED || step.syncRun() == null || step.syncRun().status() != RunStatus.SUCCEEDED) {
            return;
        }
        String breach = StepJudge.breach(step.syncRun().rows(), spec.rejected().maxRows(), spec.rejected().maxPercent());
        Turn turn = Turn.of(states, "sequence/" + sequence.id() + "/step/" + spec.sync() + "/rejected", breach != null, OVER, UNDER);
        if (turn == Turn.BAD) {
            send(sequence, run, "step.rejected", "Sequence " + sequence.id() + ", step " + spec.sync() + " (run " + run.runId() + "): " + breach);
        } else if (turn == Turn.GOOD) {
            send(sequence, run, "step.rejected.recovered", "Sequence " + sequence.id() + ", step " + spec.sync()
                    + ": rejected rows back within the threshold (run " + run.runId() + ")");
        }
    }

    private void send(SequenceDefinition sequence, SequenceRun run, String event, String text) {
        channels.send(new Alert(event, "sequence", sequence.id(), run.runId(), run.status().value(), run.reason(), text, null), channelsOf(sequence));
    }

    private List<ChannelDefinition> channelsOf(SequenceDefinition sequence) {
        if (sequence.alerts() == null) {
            return config.current().channels();
        }
        return config.current().channels().stream().filter(c -> sequence.alerts().contains(c.id())).toList();
    }
}
