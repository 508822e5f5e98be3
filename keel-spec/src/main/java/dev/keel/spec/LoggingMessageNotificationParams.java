package dev.keel.spec;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The parameters of {@code notifications/message}.
 *
 * @param level the severity
 * @param logger the logger's name, or {@code null}
 * @param data what to log: any JSON value
 * @param meta {@code _meta}, or {@code null}
 */
public record LoggingMessageNotificationParams(LoggingLevel level, String logger, Object data,
        @JsonProperty("_meta") Map<String, Object> meta) {

    public LoggingMessageNotificationParams {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(data, "data");
    }
}
