package dev.caravan.runtime.sequence;

import dev.caravan.model.SequenceDefinition;
import dev.caravan.model.StepSpec;
import dev.caravan.model.StepSpec.TerminatePolicy;
import dev.caravan.state.RunHistory;
import dev.caravan.state.RunStatus;
import dev.caravan.state.SequenceHistory;
import dev.caravan.state.SyncRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BooleanSupplier;

/**
 * One run of a sequence. Starts every step whose dependencies have finished, at most
 * {@code maxParallel} at once, and applies each step's terminate policy to its result. Once the
 * run is terminated, cancelled or the runtime is stopping, no further step starts: the steps
 * running finish, and the ones never started are recorded {@code skipped} with the reason.
 */
final class SequenceExecution {
    private static final Logger LOGGER = LoggerFactory.getLogger(SequenceExecution.class);

    private final SequenceDefinition sequence;
    private final long runId;
    private final SequenceHistory history;
    private final RunHistory syncRuns;
    private final StepInvoker invoker;
    private final ExecutorService stepThreads;
    private final BooleanSupplier stopping;
    private final RunStatus[] states;
    private final BlockingQueue<Finished> finished = new LinkedBlockingQueue<>();
    private volatile String cancelledBy;
    private String terminatedBy;
    private boolean interrupted;
    private final List<String> failedUnderNever = new ArrayList<>();

    SequenceExecution(SequenceDefinition sequence, long runId, SequenceHistory history, RunHistory syncRuns, StepInvoker invoker,
                      ExecutorService stepThreads, BooleanSupplier stopping) {
        this.sequence = sequence;
        this.runId = runId;
        this.history = history;
        this.syncRuns = syncRuns;
        this.invoker = invoker;
        this.stepThreads = stepThreads;
        this.stopping = stopping;
        this.states = new RunStatus[sequence.steps().size()];
        Arrays.fill(states, RunStatus.QUEUED);
    }

    long runId() {
        return runId;
    }

    /** Stops starting steps; the run ends {@code cancelled} once the steps running have finished. */
    void cancel(String reason) {
        cancelledBy = reason;
    }

    /** What one step's route gave: a judged result, or the failure that got past its retries. */
    private record Finished(int index, StepJudge.StepResult result, Exception failure) {
    }

    /** Runs the sequence to its end and returns its final status (also recorded). */
    RunStatus run() {
        try (MDC.MDCCloseable ignored = MDC.putCloseable("sequence", sequence.id());
             MDC.MDCCloseable ignoredRun = MDC.putCloseable("sequenceRun", Long.toString(runId))) {
            return runLogged();
        }
    }

    private RunStatus runLogged() {
        history.start(runId, sequence.steps().stream().map(StepSpec::sync).toList());
        LOGGER.info("Sequence {} run {} started: {} step(s)", sequence.id(), runId, states.length);
        long started = System.nanoTime();
        int running = 0;
        while (true) {
            if (mayStartSteps()) {
                running += startReadySteps(sequence.maxParallel() - running);
            }
            if (running == 0) {
                break;
            }
            try {
                record(finished.take());
                running--;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                interrupted = true;
                break;
            }
        }
        interrupted |= stopping.getAsBoolean() && Arrays.asList(states).contains(RunStatus.QUEUED);
        String skipReason = skipReason();
        for (int i = 0; i < states.length; i++) {
            if (states[i] == RunStatus.QUEUED) {
                states[i] = RunStatus.SKIPPED;
                history.finishStep(runId, i, RunStatus.SKIPPED, 0, null, skipReason);
            }
        }
        RunStatus status = finalStatus();
        history.finish(runId, status, finalReason(status));
        LOGGER.info("Sequence {} run {} {} in {} ms{}", sequence.id(), runId, status.value(), (System.nanoTime() - started) / 1_000_000,
                finalReason(status) == null ? "" : ": " + finalReason(status));
        return status;
    }

    private boolean mayStartSteps() {
        return terminatedBy == null && cancelledBy == null && !interrupted && !stopping.getAsBoolean();
    }

    private int startReadySteps(int slots) {
        int launched = 0;
        for (int i = 0; i < states.length && launched < slots; i++) {
            if (states[i] == RunStatus.QUEUED && dependenciesDone(i)) {
                states[i] = RunStatus.RUNNING;
                history.startStep(runId, i);
                int index = i;
                String sync = sequence.steps().get(i).sync();
                stepThreads.execute(() -> finished.add(invoke(index, sync)));
                launched++;
            }
        }
        return launched;
    }

    private Finished invoke(int index, String sync) {
        try (MDC.MDCCloseable ignored = MDC.putCloseable("sequence", sequence.id());
             MDC.MDCCloseable ignoredRun = MDC.putCloseable("sequenceRun", Long.toString(runId))) {
            return new Finished(index, invoker.invoke(sequence.id(), sync, runId), null);
        } catch (Exception e) {
            return new Finished(index, null, e);
        }
    }

    private boolean dependenciesDone(int index) {
        for (String dependency : sequence.dependencies(index)) {
            RunStatus state = states[sequence.indexOf(dependency)];
            if (state == RunStatus.QUEUED || state == RunStatus.RUNNING) {
                return false;
            }
        }
        return true;
    }

    private void record(Finished done) {
        StepSpec step = sequence.steps().get(done.index());
        List<SyncRun> attempts = syncRuns.ofSequenceRun(runId).stream().filter(r -> r.syncId().equals(step.sync())).toList();
        Long lastRun = attempts.stream().max(Comparator.comparingLong(SyncRun::runId)).map(SyncRun::runId).orElse(null);
        Verdict verdict = verdict(step, done);
        states[done.index()] = verdict.status();
        history.finishStep(runId, done.index(), verdict.status(), attempts.size(), lastRun, verdict.reason());
        if (verdict.terminates() && terminatedBy == null) {
            terminatedBy = "step " + step.sync() + " " + verdict.reason();
        }
        if (verdict.status() == RunStatus.FAILED && !verdict.terminates()) {
            failedUnderNever.add(step.sync());
        }
        interrupted |= verdict.status() == RunStatus.INTERRUPTED;
        LOGGER.info("Sequence {} run {}: step {} {}{}", sequence.id(), runId, step.sync(), verdict.status().value(),
                verdict.reason() == null ? "" : " (" + verdict.reason() + ")");
    }

    /** A step's final state, why (when it did not succeed), and whether it ends the run. */
    record Verdict(RunStatus status, String reason, boolean terminates) {
    }

    static Verdict verdict(StepSpec step, StepJudge.StepResult result, Exception failure) {
        if (failure != null) {
            return new Verdict(RunStatus.FAILED, "failed: " + message(failure), step.terminate() != TerminatePolicy.NEVER);
        }
        if (result.run().status() == RunStatus.INTERRUPTED) {
            return new Verdict(RunStatus.INTERRUPTED, "the runtime stopped during the step", false);
        }
        if (result.rejectedBreach() != null && step.terminate() == TerminatePolicy.FATAL_OR_REJECTED) {
            return new Verdict(RunStatus.FAILED, result.rejectedBreach(), true);
        }
        return new Verdict(RunStatus.SUCCEEDED, null, false);
    }

    private static Verdict verdict(StepSpec step, Finished done) {
        return verdict(step, done.result(), done.failure());
    }

    private static String message(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    private String skipReason() {
        if (terminatedBy != null) {
            return "not run: the sequence was terminated by " + terminatedBy;
        }
        if (cancelledBy != null) {
            return "not run: " + cancelledBy;
        }
        return "not run: the runtime stopped";
    }

    private RunStatus finalStatus() {
        if (terminatedBy != null) {
            return RunStatus.FAILED;
        }
        if (cancelledBy != null) {
            return RunStatus.CANCELLED;
        }
        if (interrupted) {
            return RunStatus.INTERRUPTED;
        }
        return failedUnderNever.isEmpty() ? RunStatus.SUCCEEDED : RunStatus.WARNING;
    }

    private String finalReason(RunStatus status) {
        return switch (status) {
            case FAILED -> "terminated: " + terminatedBy;
            case CANCELLED -> cancelledBy;
            case INTERRUPTED -> "the runtime stopped during the run";
            case WARNING -> "failed under terminate: never: " + String.join(", ", failedUnderNever);
            default -> null;
        };
    }
}
