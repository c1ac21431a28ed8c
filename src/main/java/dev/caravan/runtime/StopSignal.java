package dev.caravan.runtime;

import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Raised when the Camel context starts stopping (before it waits for in-flight exchanges), so long
 * runs, such as a backfill of many pages, end after the page they are on instead of holding the
 * shutdown until Camel's timeout.
 */
public final class StopSignal extends EventNotifierSupport {
    private final AtomicBoolean stopping = new AtomicBoolean();

    public StopSignal() {
        setIgnoreExchangeEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
    }

    public boolean isStopping() {
        return stopping.get();
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.CamelContextStoppingEvent) {
            stopping.set(true);
        }
    }
}
