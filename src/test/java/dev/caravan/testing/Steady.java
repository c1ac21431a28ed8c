package dev.caravan.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Checks that nothing happens, written so they can fail: first wait until a figure stops changing
 * (a fire already on its way may still land), then require it to stay put for a whole window.
 */
public final class Steady {
    private static final Duration SETTLED_FOR = Duration.ofMillis(1200);

    private Steady() {
    }

    /** The figure once two reads 1.2 s apart agree; fails when it still changes after ten seconds. */
    public static long settle(LongSupplier figure) {
        AtomicLong last = new AtomicLong(figure.getAsLong());
        await().pollDelay(SETTLED_FOR).pollInterval(SETTLED_FOR).atMost(Duration.ofSeconds(10)).until(() -> {
            long now = figure.getAsLong();
            return last.getAndSet(now) == now;
        });
        return last.get();
    }

    /** Fails as soon as the figure leaves {@code expected} within {@code window}. */
    public static void holds(LongSupplier figure, long expected, Duration window, String what) {
        await().during(window).atMost(window.plusSeconds(2)).untilAsserted(() -> assertThat(figure.getAsLong()).as(what).isEqualTo(expected));
    }
}
