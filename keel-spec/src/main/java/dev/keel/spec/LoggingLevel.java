package dev.keel.spec;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Log severity, least severe first, as in RFC 5424. */
public enum LoggingLevel {
    @JsonProperty("debug")
    DEBUG,
    @JsonProperty("info")
    INFO,
    @JsonProperty("notice")
    NOTICE,
    @JsonProperty("warning")
    WARNING,
    @JsonProperty("error")
    ERROR,
    @JsonProperty("critical")
    CRITICAL,
    @JsonProperty("alert")
    ALERT,
    @JsonProperty("emergency")
    EMERGENCY;

    /** The level's wire name. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The level named {@code id}, if any. */
    public static Optional<LoggingLevel> of(String id) {
        for (LoggingLevel level : values()) {
            if (level.id().equals(id)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}
