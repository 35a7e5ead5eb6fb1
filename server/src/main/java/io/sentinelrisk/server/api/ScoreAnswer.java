package io.sentinelrisk.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.sentinelrisk.core.export.Alert;
import io.sentinelrisk.core.export.AlertJson;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The answer of {@code POST /v1/score}, written with the streaming generator ({@link AlertJson}):
 * the same bytes {@link JsonBodies#MAPPER} writes for it (AlertJsonTest compares them).
 */
public final class ScoreAnswer {
    private static final SerializedString MODEL_VERSION = AlertJson.name("model_version");
    private static final SerializedString ALERTS = AlertJson.name("alerts");

    private ScoreAnswer() {
    }

    /** {@code {"model_version": …, "alerts": [ … ]}}. */
    public static byte[] bytes(String modelVersion, List<Alert> alerts) {
        AnswerBuffer out = new AnswerBuffer();
        write(out, modelVersion, alerts);
        return out.toByteArray();
    }

    /** {@link #bytes} written into {@code out} (the request thread's buffer: no array per answer). */
    public static void write(OutputStream out, String modelVersion, List<Alert> alerts) {
        try (JsonGenerator g = JsonBodies.MAPPER.createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName(MODEL_VERSION);
            g.writeString(modelVersion);
            g.writeFieldName(ALERTS);
            g.writeStartArray();
            for (Alert a : alerts) {
                AlertJson.write(g, a);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the answer", e);
        }
    }
}
