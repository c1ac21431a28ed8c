package dev.caravan.runtime.sequence;

import dev.caravan.compiler.RouteIds;
import dev.caravan.runtime.SyncRunner;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/** Sends a step to its route, {@code direct:sequence-<id>-step-<sync>}. */
public final class CamelStepInvoker implements StepInvoker {
    private final ProducerTemplate producer;

    public CamelStepInvoker(ProducerTemplate producer) {
        this.producer = producer;
    }

    @Override
    public StepJudge.StepResult invoke(String sequenceId, String syncId, long sequenceRunId) throws Exception {
        Exchange done = producer.send(RouteIds.stepEndpoint(sequenceId, syncId),
                exchange -> exchange.getMessage().setHeader(SyncRunner.SEQUENCE_RUN_HEADER, sequenceRunId));
        if (done.getException() != null) {
            throw done.getException();
        }
        return done.getMessage().getMandatoryBody(StepJudge.StepResult.class);
    }
}
