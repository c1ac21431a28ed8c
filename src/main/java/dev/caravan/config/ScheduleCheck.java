package dev.caravan.config;

import dev.caravan.model.ScheduleSpec;
import dev.caravan.model.SequenceDefinition;
import dev.caravan.model.SyncDefinition;
import org.quartz.CronExpression;

import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/** A schedule is either an interval of at least one second or a cron expression Quartz accepts, in a real time zone. */
final class ScheduleCheck implements ConfigCheck {
    private static final Duration SHORTEST_INTERVAL = Duration.ofSeconds(1);

    @Override
    public void check(List<LoadedDocument> documents, List<ConfigProblem> problems) {
        for (LoadedDocument loaded : documents) {
            ScheduleSpec schedule = loaded.model() instanceof SyncDefinition sync ? sync.schedule()
                    : loaded.model() instanceof SequenceDefinition sequence ? sequence.schedule() : null;
            if (schedule != null) {
                check(loaded.document(), loaded.document().tree().get("schedule"), schedule, problems);
            }
        }
    }

    private static void check(ConfigDocument doc, com.fasterxml.jackson.databind.JsonNode raw, ScheduleSpec schedule, List<ConfigProblem> problems) {
        if (schedule.every() != null && schedule.cron() != null) {
            problems.add(doc.problem("/schedule", "give either 'every' or 'cron', not both"));
        } else if (schedule.every() == null && schedule.cron() == null) {
            problems.add(doc.problem("/schedule", "give 'every' (an interval) or 'cron' (a Quartz cron expression)"));
        }
        if (schedule.every() != null && schedule.every().duration().compareTo(SHORTEST_INTERVAL) < 0) {
            problems.add(doc.problem("/schedule/every", "'" + schedule.every() + "' is shorter than the shortest interval, 1s"));
        }
        if (schedule.cron() != null) {
            try {
                CronExpression.validateExpression(schedule.cron());
            } catch (ParseException e) {
                problems.add(doc.problem("/schedule/cron", "'" + schedule.cron() + "' is not a Quartz cron expression: "
                        + e.getMessage() + " (six or seven fields, seconds first, e.g. '0 0/15 * * * ?')"));
            }
        }
        if (raw.has("timezone")) {
            if (schedule.cron() == null) {
                problems.add(doc.problem("/schedule/timezone", "applies only to a cron schedule"));
            }
            try {
                ZoneId.of(schedule.timezone());
            } catch (DateTimeException e) {
                problems.add(doc.problem("/schedule/timezone", "'" + schedule.timezone() + "' is not a time zone (e.g. UTC, Europe/Paris)"));
            }
        }
    }
}
