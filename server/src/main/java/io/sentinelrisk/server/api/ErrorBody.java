package io.sentinelrisk.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The one error shape: {@code {"error": {"code", "message", "field"}}} ({@code field} may be null). */
public record ErrorBody(@JsonProperty("error") Detail error) {
    public record Detail(@JsonProperty("code") String code,
                         @JsonProperty("message") String message,
                         @JsonProperty("field") @JsonInclude(JsonInclude.Include.ALWAYS) String field) {
    }

    public static ErrorBody of(String code, String message, String field) {
        return new ErrorBody(new Detail(code, message, field));
    }
}
