package dev.caravan.model;

/** Either a fixed interval ({@code every}) or a Quartz cron expression in a time zone. */
public record ScheduleSpec(DurationSpec every, String cron, String timezone) {

    public ScheduleSpec {
        timezone = cron != null && timezone == null ? "UTC" : timezone;
    }

    public boolean isCron() {
        return cron != null;
    }
}
