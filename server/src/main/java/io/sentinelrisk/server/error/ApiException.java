package io.sentinelrisk.server.error;

/**
 * A request the server refuses, answered as {@code {"error": {"code", "message", "field"}}} with
 * {@code status}. The message is for people; {@code code} is stable for programs; {@code field}
 * names the offending field (a JSON path such as {@code records[3].amount}) or is null.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final String field;

    public ApiException(int status, String code, String message, String field) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public static ApiException badRequest(String code, String message, String field) {
        return new ApiException(400, code, message, field);
    }

    public static ApiException unprocessable(String code, String message, String field) {
        return new ApiException(422, code, message, field);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what, null);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
