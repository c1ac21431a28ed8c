package dev.caravan.model;

public record TimeoutsSpec(DurationSpec connect, DurationSpec read) {
    public static final TimeoutsSpec DEFAULT = new TimeoutsSpec(null, null);

    public TimeoutsSpec {
        connect = connect == null ? DurationSpec.parse("10s") : connect;
        read = read == null ? DurationSpec.parse("30s") : read;
    }
}
