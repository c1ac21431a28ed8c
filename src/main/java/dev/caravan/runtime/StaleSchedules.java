package dev.caravan.runtime;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.StartupListener;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.Set;

/**
 * Schedules live in the database (Quartz's JDBC job store), so a sync or sequence removed from
 * the configuration would leave its trigger behind, firing at nothing. Once started, this drops
 * every trigger that no route of this configuration uses.
 */
final class StaleSchedules implements StartupListener {
    private static final Logger LOGGER = LoggerFactory.getLogger(StaleSchedules.class);

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) throws Exception {
        Set<TriggerKey> used = new HashSet<>();
        for (Endpoint endpoint : context.getEndpoints()) {
            if (endpoint instanceof QuartzEndpoint quartz) {
                used.add(quartz.getTriggerKey());
            }
        }
        QuartzComponent component = context.hasComponent("quartz") instanceof QuartzComponent q ? q : null;
        if (component == null || component.getScheduler() == null) {
            return;
        }
        Scheduler scheduler = component.getScheduler();
        for (String group : scheduler.getTriggerGroupNames()) {
            for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(group))) {
                if (!used.contains(key)) {
                    scheduler.unscheduleJob(key);
                    LOGGER.info("Schedule {} belongs to no sync, sequence or route of this configuration: removed", key);
                }
            }
        }
    }
}
