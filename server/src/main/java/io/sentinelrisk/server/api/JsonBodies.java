package io.sentinelrisk.server.api;

import io.sentinelrisk.server.error.ApiException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Reading request bodies and writing JSON answers. Bodies are read with a byte limit (413 past
 * it, chunked or not), must be {@code application/json} (415 otherwise), and parse strictly: a
 * malformed document is 400, a wrong type or an unknown field is 422 naming the field.
 */
public final class JsonBodies {
    /** Strict: unknown properties, trailing tokens and duplicate keys are errors. */
    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Request attribute set once a handler has written its answer (the 404/405 fallbacks leave it alone). */
    public static final String ANSWERED = "sentinel.answered";

    private JsonBodies() {
    }

    /**
     * How much of a refused body is still read and dropped before the 413 goes out. A client that
     * is still sending (one that did not ask {@code Expect: 100-continue}) would otherwise see the
     * connection reset under its upload and never read the answer; past this, the connection is
     * closed as the answer goes out.
     */
    static final long DRAINED_AT_MOST = 1 << 20;

    /** The request body, at most {@code limit} bytes. */
    public static byte[] bytes(Context ctx, long limit) {
        long declared = ctx.req().getContentLengthLong();
        try (InputStream in = ctx.bodyInputStream()) {
            if (declared > limit) {
                throw tooLarge(in, limit);
            }
            if (declared >= 0 && declared < Integer.MAX_VALUE - 8) {
                // the usual case, a declared length: read into an array of that size, no copies
                // (readNBytes(int) would read into chunks and copy them into the array)
                // (Jetty ends the stream at the declared length and fails a shorter body)
                byte[] body = new byte[(int) declared];
                if (in.readNBytes(body, 0, body.length) < body.length) {
                    throw ApiException.badRequest("unreadable_body", "the request body could not be read", null);
                }
                return body;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            byte[] buf = new byte[65536];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > limit) {
                    throw tooLarge(in, limit);
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw ApiException.badRequest("unreadable_body", "the request body could not be read", null);
        }
    }

    private static ApiException tooLarge(InputStream in, long limit) throws IOException {
        byte[] buf = new byte[65536];
        long dropped = 0;
        for (int n; dropped < DRAINED_AT_MOST && (n = in.read(buf)) > 0; ) {
            dropped += n;
        }
        return tooLarge(limit);
    }

    private static ApiException tooLarge(long limit) {
        return new ApiException(413, "body_too_large", "the request body is larger than " + limit + " bytes", null);
    }

    /** Refuses (415) a body that is not declared as JSON. */
    public static void requireJson(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).trim().startsWith("application/json")) {
            throw new ApiException(415, "unsupported_media_type",
                    "send the body as application/json (Content-Type was " + (type == null ? "missing" : "'" + type + "'") + ")", null);
        }
    }

    /** The body as a JSON tree (400 when it is not JSON). */
    public static JsonNode tree(Context ctx, long limit) {
        requireJson(ctx);
        return tree(bytes(ctx, limit));
    }

    /** A body read already as a JSON tree (400 when it is not JSON). */
    public static JsonNode tree(byte[] body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiException.badRequest("malformed_json", "the request body is empty; expected JSON", null);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw ApiException.badRequest("malformed_json", "the request body is not JSON", null);
        }
    }

    /** The body bound to a request record (strict). */
    public static <T> T read(Context ctx, long limit, Class<T> type) {
        return bind(tree(ctx, limit), type);
    }

    /** A JSON tree bound to a request record: unknown fields and wrong types are 422 naming the field. */
    public static <T> T bind(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.unprocessable("unknown_field", "unknown field '" + e.getPropertyName()
                    + "'; expected one of " + e.getKnownPropertyIds(), path(e));
        } catch (InvalidFormatException e) {
            throw ApiException.unprocessable("wrong_type", "field '" + path(e) + "' has the wrong type or value", path(e));
        } catch (MismatchedInputException e) {
            String p = path(e);
            throw ApiException.unprocessable("wrong_type", p == null ? "expected a JSON object"
                    : "field '" + p + "' has the wrong type", p);
        } catch (JsonMappingException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ApiException api) {
                throw api;
            }
            String msg = cause instanceof IllegalArgumentException ? cause.getMessage() : "invalid value";
            throw ApiException.unprocessable("invalid_value", msg, path(e));
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
    }

    private static ApiException malformed(JsonProcessingException e) {
        var loc = e.getLocation();
        String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        String what = e instanceof JsonParseException ? e.getOriginalMessage() : "not valid JSON";
        return ApiException.badRequest("malformed_json", "the request body is not valid JSON" + where + ": "
                + io.sentinelrisk.core.error.DisplayText.truncate(what), null);
    }

    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.isEmpty() ? null : b.toString();
    }

    /** Writes {@code value} as the JSON answer with {@code status}. */
    public static void send(Context ctx, int status, Object value) {
        try {
            sendJson(ctx, status, MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the answer", e);
        }
    }

    /**
     * Writes {@code answer}, the thread's buffer holding a JSON document, as the answer with
     * {@code status}: straight to the response with its length (one write, no copy), or through
     * Javalin's result when the client accepts a compressed answer (Javalin then compresses it as
     * any other answer). Call last: the response is committed when this returns.
     */
    public static void sendJson(Context ctx, int status, AnswerBuffer answer) {
        ctx.status(status).contentType("application/json");
        ctx.attribute(ANSWERED, Boolean.TRUE);
        String encodings = ctx.header("Accept-Encoding");
        if (encodings != null && !encodings.isBlank()) {
            ctx.result(answer.toByteArray());
            return;
        }
        HttpServletResponse res = ctx.res();
        res.setContentLength(answer.size());
        try {
            res.getOutputStream().write(answer.array(), 0, answer.size());
        } catch (IOException e) {
            // the client went away: there is no one left to answer (as Javalin does on a client abort)
        }
    }

    /** Writes {@code json}, a JSON document written already, as the answer with {@code status}. */
    public static void sendJson(Context ctx, int status, byte[] json) {
        ctx.status(status).contentType("application/json").result(json);
        ctx.attribute(ANSWERED, Boolean.TRUE);
    }
}
