package dev.keel.spec;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonView;

import dev.keel.jsonrpc.RequestId;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * The parameters of {@code notifications/progress}.
 *
 * @param progressToken the token of the request this reports on
 * @param progress how far it has come; strictly increasing (a whole number is written as an integer)
 * @param total the total, or {@code null} if unknown
 * @param message a description of the current step (2025-03-26 and later), or {@code null}
 * @param meta {@code _meta}, or {@code null}
 */
public record ProgressNotificationParams(RequestId progressToken,
        @JsonSerialize(using = WholeNumberSerializer.class) double progress,
        @JsonSerialize(using = WholeNumberSerializer.class) Double total,
        @JsonView(Since.R2025_03_26.class) String message, @JsonProperty("_meta") Map<String, Object> meta) {

    public ProgressNotificationParams {
        Objects.requireNonNull(progressToken, "progressToken");
    }
}
