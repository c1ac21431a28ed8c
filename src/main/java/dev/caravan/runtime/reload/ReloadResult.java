package dev.caravan.runtime.reload;

import java.util.List;

/**
 * How a reload ended: {@code applied} (with what changed and the routes swapped), {@code unchanged},
 * or {@code rejected} with every problem found, the running configuration untouched.
 */
public record ReloadResult(long reloadId, String status, ConfigDiff diff, List<String> routesReplaced, List<String> problems) {
    public static final String APPLIED = "applied";
    public static final String UNCHANGED = "unchanged";
    public static final String REJECTED = "rejected";
}
