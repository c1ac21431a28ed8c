package dev.caravan.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where alerts go: the log, or a webhook that receives JSON (Caravan's own shape, or Slack's
 * {@code {"text": …}}). A webhook URL often carries its credential, so it is a {@link Secret}.
 */
public record ChannelDefinition(Kind kind, String id, String description, ChannelType type, Secret url, Format format) {

    public ChannelDefinition {
        format = format == null ? Format.JSON : format;
    }

    public enum ChannelType {
        @JsonProperty("log") LOG,
        @JsonProperty("webhook") WEBHOOK
    }

    public enum Format {
        @JsonProperty("json") JSON,
        @JsonProperty("slack") SLACK
    }
}
