package dev.caravan.state.jdbc;

import javax.sql.DataSource;
import java.util.Optional;

/** The fingerprint of what each API sync's table holds, in {@code caravan.sync_definitions}. */
public final class JdbcSyncDefinitions {
    private final Jdbc jdbc;

    public JdbcSyncDefinitions(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /** Records {@code fingerprint} for the sync and returns the one stored before, if any. */
    public Optional<String> replace(String syncId, String fingerprint) {
        return jdbc.replaceText("record the definition of sync " + syncId, "caravan.sync_definitions", "sync_id", "fingerprint", syncId, fingerprint);
    }
}
