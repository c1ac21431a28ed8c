package dev.caravan.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The runtime's own settings in {@code application.properties} (the {@code caravan.*} namespace).
 * Each can also be set from the environment: {@code caravan.db.url} is {@code CARAVAN_DB_URL}.
 * Any other {@code caravan.*} key is an error, so a typo never silently falls back to a default.
 */
public enum CaravanProperty {
    DB_URL("caravan.db.url", null),
    DB_USER("caravan.db.user", null),
    DB_PASSWORD("caravan.db.password", null),
    DB_POOL_SIZE("caravan.db.pool-size", "10"),
    DB_EMBEDDED_DATA_DIR("caravan.db.embedded.data-dir", "data/postgres"),
    DB_EMBEDDED_PORT("caravan.db.embedded.port", "0"),
    API_TOKEN("caravan.api.token", null),
    DBT_CLOUD_WEBHOOK_SECRET("caravan.dbt-cloud.webhook-secret", null),
    HISTORY_RETENTION_DAYS("caravan.history.retention-days", "30"),
    HOUSEKEEPING_CRON("caravan.housekeeping.cron", "0 17 3 * * ?"),
    DEMO_ENABLED("caravan.demo.enabled", "false"),
    JMX_OPERATIONS_ENABLED("caravan.jmx.operations-enabled", "false");

    public static final String NAMESPACE = "caravan.";

    private final String key;
    private final String defaultValue;

    CaravanProperty(String key, String defaultValue) {
        this.key = key;
        this.defaultValue = defaultValue;
    }

    public String key() {
        return key;
    }

    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** The environment variable that overrides this key. */
    public String environmentVariable() {
        return key.toUpperCase().replace('.', '_').replace('-', '_');
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(CaravanProperty::key).toList();
    }
}
