package dev.caravan.runtime.sequence;

/** Runs one step of a sequence run through its compiled route and returns the judged result; a failed run throws. */
@FunctionalInterface
public interface StepInvoker {
    StepJudge.StepResult invoke(String sequenceId, String syncId, long sequenceRunId) throws Exception;
}
