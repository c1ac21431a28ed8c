package dev.caravan.runtime.apisync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.connector.destination.postgres.TableKeys;
import dev.caravan.model.DeletesSpec;
import dev.caravan.state.PendingRemovals.PendingRemoval;
import dev.caravan.state.ScanSuspects.Suspect;
import dev.caravan.state.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which rows a consistent key scan removes. A row the API did not list is removed only when
 * it was last written before its absence was first seen and the absence is confirmed: a lookup
 * ({@code deletes.verify}) answers 404 or 410, or, without one, a second consistent scan misses it
 * too. Until then it is a suspect ({@code caravan.scan_suspects}); listed again, it is cleared; a
 * lookup that finds it writes it back. When more rows are confirmed than {@code maxRemove} allows,
 * none is removed: the removal is held for an operator, and an approved one is carried out by
 * {@link #applyApproved}.
 */
final class ScanRemovals {
    private static final Logger LOGGER = LoggerFactory.getLogger(ScanRemovals.class);
    /** Lookups per scan at most; further suspects are looked up by the next scans. */
    private static final int MAX_LOOKUPS = 1000;
    private static final int SAMPLE = 10;

    private final ApiSyncContext context;
    private final DeletesSpec deletes;

    ScanRemovals(ApiSyncContext context, DeletesSpec deletes) {
        this.context = context;
        this.deletes = deletes;
    }

    /** Rows removed, removals held for approval, and rows still waiting for confirmation. */
    record Result(long removed, long held, long unconfirmed) {
        static final Result NONE = new Result(0, 0, 0);
    }

    /** @param listed the keys of every live record the scan listed; {@code started} when it began, on the database's clock */
    Result apply(List<JsonNode> listed, Instant started, long runId, ScanRepair repair) throws Exception {
        TableKeys keys = context.keys();
        record Before(Map<String, TableKeys.Missing> missing, Map<String, Suspect> suspects, long liveRows) {
        }
        Before before = Transactions.inTransaction(context.dataSource(), c -> {
            Map<String, Suspect> suspects = new HashMap<>();
            context.suspects().load(c, context.syncId()).forEach(s -> suspects.put(keys.canonical(s.key()), s));
            return new Before(keys.missing(c, listed, started), suspects, keys.liveRows(c));
        });
        Map<ObjectNode, Instant> confirmed = new LinkedHashMap<>();
        List<Suspect> remaining = new ArrayList<>();
        List<JsonNode> foundLive = new ArrayList<>();
        int lookups = 0;
        for (Map.Entry<String, TableKeys.Missing> entry : before.missing().entrySet()) {
            ObjectNode key = entry.getValue().key();
            Suspect prior = before.suspects().get(entry.getKey());
            // a row written since its absence was first seen was live after all: its clock starts again
            boolean priorStands = prior != null && entry.getValue().writtenAt().isBefore(prior.missedSince());
            Instant since = priorStands ? prior.missedSince() : started;
            if (prior != null && prior.held() && priorStands) {
                remaining.add(prior);
            } else if (deletes.verify() != null) {
                if (lookups++ >= MAX_LOOKUPS) {
                    remaining.add(new Suspect(key, since, false));
                    continue;
                }
                Optional<JsonNode> record = repair.lookup(key);
                if (record.isPresent()) {
                    foundLive.add(record.get());
                } else {
                    confirmed.put(key, since);
                }
            } else if (priorStands) {
                confirmed.put(key, since);
            } else {
                remaining.add(new Suspect(key, since, false));
            }
        }
        repair.write(foundLive);
        long limit = deletes.maxRemove().of(before.liveRows());
        boolean hold = confirmed.size() > limit;
        if (hold) {
            confirmed.forEach((key, since) -> remaining.add(new Suspect(key, since, true)));
        }
        long held = remaining.stream().filter(Suspect::held).count();
        long removed = Transactions.inTransaction(context.dataSource(), c -> {
            context.suspects().replace(c, context.syncId(), remaining);
            if (hold) {
                context.pendingRemovals().hold(c, new PendingRemoval(context.syncId(), runId, held, limit, sample(confirmed), null, null));
                return 0L;
            }
            if (held == 0) {
                // the keys held before are listed again: the API recovered, and there is nothing to approve
                context.pendingRemovals().clear(c, context.syncId());
            }
            return keys.removeUnwrittenSince(c, confirmed);
        });
        if (hold) {
            LOGGER.warn("Sync {}: the key scan confirmed {} row(s) gone from the API, more than deletes.maxRemove allows ({} of {} live rows); "
                    + "nothing is removed until an operator approves (POST /api/syncs/{}/removals/approve) or rejects it", context.syncId(),
                    confirmed.size(), limit, before.liveRows(), context.syncId());
        }
        return new Result(removed, held, remaining.size() - held);
    }

    /**
     * Carries out an approved held removal: the held rows that were not written since their absence
     * was first seen go. Returns the rows removed.
     */
    long applyApproved() throws Exception {
        return Transactions.inTransaction(context.dataSource(), c -> {
            Map<ObjectNode, Instant> held = new LinkedHashMap<>();
            List<Suspect> kept = new ArrayList<>();
            for (Suspect suspect : context.suspects().load(c, context.syncId())) {
                if (suspect.held() && suspect.key() instanceof ObjectNode key) {
                    held.put(key, suspect.missedSince());
                } else {
                    kept.add(suspect);
                }
            }
            long removed = context.keys().removeUnwrittenSince(c, held);
            context.suspects().replace(c, context.syncId(), kept);
            context.pendingRemovals().clear(c, context.syncId());
            LOGGER.info("Sync {}: approved removal carried out; {} of {} held row(s) removed (the others were written since)", context.syncId(),
                    removed, held.size());
            return removed;
        });
    }

    private static ArrayNode sample(Map<ObjectNode, Instant> confirmed) {
        ArrayNode sample = JsonNodeFactory.instance.arrayNode();
        confirmed.keySet().stream().limit(SAMPLE).forEach(sample::add);
        return sample;
    }
}
