package dev.caravan.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The {@code kind} discriminator of a configuration document. */
public enum Kind {
    @JsonProperty("connection") CONNECTION("connection", "connections"),
    @JsonProperty("sync") SYNC("sync", "syncs"),
    @JsonProperty("sequence") SEQUENCE("sequence", "sequences"),
    @JsonProperty("channel") CHANNEL("channel", "channels");

    private final String value;
    private final String folder;

    Kind(String value, String folder) {
        this.value = value;
        this.folder = folder;
    }

    public String value() {
        return value;
    }

    /** The folder under {@code config/} where documents of this kind live. */
    public String folder() {
        return folder;
    }

    public static Kind fromValue(String value) {
        for (Kind k : values()) {
            if (k.value.equals(value)) {
                return k;
            }
        }
        return null;
    }

    public static Kind fromFolder(String folder) {
        for (Kind k : values()) {
            if (k.folder.equals(folder)) {
                return k;
            }
        }
        return null;
    }
}
