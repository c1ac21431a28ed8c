package dev.caravan.runtime.apisync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.caravan.model.HttpSourceSpec;
import dev.caravan.model.SyncDefinition;
import dev.caravan.model.TableDestination;
import dev.caravan.state.jdbc.JdbcSyncDefinitions;
import dev.caravan.state.jdbc.JdbcSyncSwitches;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Notices when an API sync now reads something else or writes elsewhere (its connection, path,
 * parameters, records, key, flattening or table changed, by a restart or a reload) and makes its
 * next run backfill again: a cursor from the old source says nothing about the new one. Changes
 * that do not alter what the table holds (schedule, lookback, deletes, budgets) keep the cursor.
 */
public final class SyncRedefinitions {
    private static final Logger LOGGER = LoggerFactory.getLogger(SyncRedefinitions.class);
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final JdbcSyncDefinitions definitions;
    private final JdbcSyncSwitches switches;

    public SyncRedefinitions(JdbcSyncDefinitions definitions, JdbcSyncSwitches switches) {
        this.definitions = definitions;
        this.switches = switches;
    }

    void backfillIfRedefined(SyncDefinition sync) throws Exception {
        String fingerprint = fingerprint(sync);
        Optional<String> before = definitions.replace(sync.id(), fingerprint);
        if (before.isPresent() && !before.get().equals(fingerprint)) {
            switches.forget(sync.id());
            LOGGER.info("Sync {} reads a different source or writes a different table than before; it backfills again", sync.id());
        }
    }

    /** A hash, not the parts: parameters may carry credentials, which must not reach the database or the log. */
    static String fingerprint(SyncDefinition sync) throws Exception {
        HttpSourceSpec source = (HttpSourceSpec) sync.source();
        Map<String, Object> parts = new TreeMap<>();
        parts.put("connection", source.connection());
        parts.put("path", source.path());
        parts.put("params", new TreeMap<>(source.params()));
        parts.put("records", source.records());
        parts.put("primaryKey", source.primaryKey());
        parts.put("flatten", String.valueOf(source.flatten()));
        parts.put("table", ((TableDestination) sync.destination()).table());
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsBytes(parts));
        return HexFormat.of().formatHex(digest);
    }
}
