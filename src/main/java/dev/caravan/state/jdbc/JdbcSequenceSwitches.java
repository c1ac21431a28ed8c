package dev.caravan.state.jdbc;

import javax.sql.DataSource;
import java.util.HashMap;
import java.util.Map;

/**
 * Enabled switches set at run time ({@code PATCH /api/sequences/{id}}), in
 * {@code caravan.sequence_settings}. A switch holds while the file still says what it said when
 * the switch was set; once someone edits {@code enabled:} in the file, the file wins.
 */
public final class JdbcSequenceSwitches {
    private final Jdbc jdbc;

    public JdbcSequenceSwitches(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /** A switch: the value set, and the file's value at the time. */
    public record Switch(boolean enabled, boolean configEnabled) {
        public boolean appliesTo(boolean configEnabledNow) {
            return configEnabled == configEnabledNow;
        }
    }

    public Map<String, Switch> all() {
        Map<String, Switch> switches = new HashMap<>();
        jdbc.query("read sequence switches", "SELECT sequence_id, enabled, config_enabled FROM caravan.sequence_settings",
                rs -> switches.put(rs.getString(1), new Switch(rs.getBoolean(2), rs.getBoolean(3))));
        return switches;
    }

    public void set(String sequenceId, Switch value) {
        jdbc.update("switch sequence " + sequenceId, "INSERT INTO caravan.sequence_settings (sequence_id, enabled, config_enabled) VALUES (?, ?, ?) "
                        + "ON CONFLICT (sequence_id) DO UPDATE SET enabled = EXCLUDED.enabled, config_enabled = EXCLUDED.config_enabled, updated_at = now()",
                sequenceId, value.enabled(), value.configEnabled());
    }
}
