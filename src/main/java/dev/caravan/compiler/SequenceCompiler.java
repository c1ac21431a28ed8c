package dev.caravan.compiler;

import dev.caravan.model.SequenceDefinition;
import dev.caravan.model.StepSpec;
import dev.caravan.model.StepSpec.TerminatePolicy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One sequence: its entry route ({@code direct:sequence-<id>}, which hands the run to the
 * sequence runner, queued behind a run in progress), one route per step, and its schedule route.
 * A step route runs the step's sync ({@code direct:sync-<id>}); its error handler retries a failed
 * run ({@code retries}, {@code backoff}) before the failure reaches the runner, and the step judge
 * then checks the result against the rejected-row threshold of {@code fatal-or-rejected}. The
 * runner walks the steps in dependency order, {@code maxParallel} at a time, and applies each
 * step's terminate policy to what its route returns.
 */
final class SequenceCompiler {
    static final String RUNNER_BEAN = "sequenceRunner";
    static final String JUDGE_BEAN = "stepJudge";
    static final String SEQUENCE_ID_HEADER = "CaravanSequenceId";
    static final String TERMINATE_HEADER = "CaravanTerminate";
    static final String MAX_ROWS_HEADER = "CaravanRejectedMaxRows";
    static final String MAX_PERCENT_HEADER = "CaravanRejectedMaxPercent";

    List<Map<String, Object>> compile(SequenceDefinition sequence) {
        List<Map<String, Object>> routes = new ArrayList<>();
        routes.add(YamlDsl.route(RouteIds.SEQUENCE.route(sequence.id()), "Sequence " + sequence.id() + " (" + sequence.steps().size()
                        + " steps, " + sequence.maxParallel() + " at a time)", RouteIds.SEQUENCE.endpoint(sequence.id()),
                List.of(YamlDsl.setHeader(SEQUENCE_ID_HEADER, sequence.id()), YamlDsl.bean(RUNNER_BEAN, "trigger"))));
        for (StepSpec step : sequence.steps()) {
            routes.add(stepRoute(sequence.id(), step));
        }
        if (sequence.schedule() != null) {
            // Compiled even when disabled: the runner checks the switch at each fire, so enabling at run time needs no reload.
            routes.add(ScheduleCompiler.scheduleRoute(RouteIds.SEQUENCE, sequence.id(), sequence.schedule()));
        }
        return routes;
    }

    private static Map<String, Object> stepRoute(String sequenceId, StepSpec step) {
        List<Map<String, Object>> steps = new ArrayList<>();
        steps.add(YamlDsl.setHeader("CaravanTrigger", "sequence"));
        steps.add(YamlDsl.to(RouteIds.SYNC.endpoint(step.sync())));
        steps.add(YamlDsl.setHeader(TERMINATE_HEADER, step.terminate().value()));
        if (step.terminate() == TerminatePolicy.FATAL_OR_REJECTED && step.rejected() != null) {
            if (step.rejected().maxRows() != null) {
                steps.add(YamlDsl.setHeader(MAX_ROWS_HEADER, step.rejected().maxRows().toString()));
            }
            if (step.rejected().maxPercent() != null) {
                steps.add(YamlDsl.setHeader(MAX_PERCENT_HEADER, step.rejected().maxPercent().toString()));
            }
        }
        steps.add(YamlDsl.bean(JUDGE_BEAN, "judge"));
        return YamlDsl.route(RouteIds.stepRoute(sequenceId, step.sync()), description(sequenceId, step), errorHandler(step),
                RouteIds.stepEndpoint(sequenceId, step.sync()), steps);
    }

    /** Retries are Camel redeliveries of the sync call; the runner logs the outcome, so Camel logs only the retries. */
    private static Map<String, Object> errorHandler(StepSpec step) {
        if (step.retries() == 0) {
            return YamlDsl.ordered("noErrorHandler", new LinkedHashMap<>());
        }
        return YamlDsl.ordered("defaultErrorHandler", YamlDsl.ordered("redeliveryPolicy", YamlDsl.ordered(
                "maximumRedeliveries", step.retries(),
                "redeliveryDelay", step.backoff().toMillis(),
                "retryAttemptedLogLevel", "WARN",
                "logExhausted", false,
                "allowRedeliveryWhileStopping", false)));
    }

    private static String description(String sequenceId, StepSpec step) {
        String retries = step.retries() == 0 ? "no retries" : step.retries() + " retries " + step.backoff() + " apart";
        return "Sequence " + sequenceId + ", step " + step.sync() + ": terminate " + step.terminate().value() + ", " + retries;
    }
}
