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
        return jdbc.query("record the definition of sync " + syncId, "WITH before AS (SELECT fingerprint FROM caravan.sync_definitions WHERE sync_id = ?), "
                        + "written AS (INSERT INTO caravan.sync_definitions (sync_id, fingerprint) VALUES (?, ?) ON CONFLICT (sync_id) "
                        + "DO UPDATE SET fingerprint = EXCLUDED.fingerprint, changed_at = now() "
                        + "WHERE caravan.sync_definitions.fingerprint <> EXCLUDED.fingerprint) SELECT fingerprint FROM before",
                rs -> rs.getString(1), syncId, syncId, fingerprint).stream().findFirst();
    }
}
