package dev.caravan.model;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The configuration in force. Everything that serves runs reads it when it needs it, so a reload
 * that {@link #replace}s it reaches new runs and requests, while a run already going keeps the
 * definitions it started with.
 */
public final class LiveConfig {
    private final AtomicReference<CaravanConfig> current;

    public LiveConfig(CaravanConfig initial) {
        this.current = new AtomicReference<>(initial);
    }

    public CaravanConfig current() {
        return current.get();
    }

    /** Puts {@code next} in force and returns the configuration it replaced. */
    public CaravanConfig replace(CaravanConfig next) {
        return current.getAndSet(next);
    }
}
