package dev.caravan.runtime;

import dev.caravan.model.WebhookSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Polls that verified webhooks ask for. The first request for a sync schedules one run after the
 * sync's {@code debounce}; every request until that run starts joins it, so a burst makes one poll.
 * A request that arrives while the poll runs schedules the next one, so no change goes unpolled.
 * A paused sync is not polled this way, as its schedule would not poll it: the answer says so, and
 * the runner skips a poll for a sync paused while the poll waited.
 */
public final class WebhookPolls {
    private static final Logger LOGGER = LoggerFactory.getLogger(WebhookPolls.class);

    private final SyncRunner runner;
    private final SyncPauses pauses;
    private final ScheduledExecutorService timer;
    private final Map<String, Boolean> pending = new ConcurrentHashMap<>();

    public enum Outcome { SCHEDULED, COALESCED, PAUSED }

    public WebhookPolls(SyncRunner runner, SyncPauses pauses, ScheduledExecutorService timer) {
        this.runner = runner;
        this.pauses = pauses;
        this.timer = timer;
    }

    public Outcome request(String syncId, WebhookSpec webhook) {
        if (pauses.isPaused(syncId)) {
            return Outcome.PAUSED;
        }
        if (pending.putIfAbsent(syncId, Boolean.TRUE) != null) {
            return Outcome.COALESCED;
        }
        timer.schedule(() -> {
            pending.remove(syncId);
            long runId = runner.submit(syncId, "webhook");
            if (runId > 0) {
                LOGGER.info("Sync {}: webhook poll queued as run {}", syncId, runId);
            }
        }, webhook.debounce().toMillis(), TimeUnit.MILLISECONDS);
        return Outcome.SCHEDULED;
    }
}
