package io.sentinelrisk.core.bundle;

import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.pipeline.Detectors;
import io.sentinelrisk.core.pipeline.Pipeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * A short, stable name of a fitted model: the first 16 hex digits of the SHA-256 of what it
 * scores with (schema, effective config without {@code threads}, feature plan, preparation,
 * detector and calibration). It does not depend on when the bundle was written, so the same
 * model gives the same id after a copy or a re-save; any refit or recalibration changes it.
 * Alert ids are made from it, so that verdicts name the model whose alerts they judge.
 */
public final class ModelId {
    /** Computing it encodes the detector: done once per loaded pipeline. */
    private static final Map<Pipeline, String> CACHE = Collections.synchronizedMap(new WeakHashMap<>());

    private ModelId() {
    }

    public static String of(Pipeline pipeline) {
        return CACHE.computeIfAbsent(pipeline, ModelId::compute);
    }

    /**
     * The id a bundle stored ({@code model_id.txt}, written from {@link #of} when it was saved), for
     * the pipeline read from it: recomputing it re-encodes the detector and the calibration, which
     * costs a one-record {@code predict} about a tenth of its CPU. A pipeline derived from this one
     * (recalibrated, retrained) is another object and gets its own id.
     */
    static void remember(Pipeline pipeline, String id) {
        CACHE.put(pipeline, id);
    }

    /** Whether {@code text} has the form of a model id (16 lower-case hex digits). */
    static boolean isWellFormed(String text) {
        return text.length() == 16 && text.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    static String compute(Pipeline p) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            Map<String, Object> config = p.config().toMap();
            config.remove("threads");
            part(md, Json.bytes(PipelineCodec.schemaColumns(p.schema())));
            part(md, Json.bytes(config));
            part(md, p.features().map(PipelineCodec::features).orElse(new byte[0]));
            part(md, PipelineCodec.preparation(p.preparation()));
            part(md, p.detector().type().getBytes(StandardCharsets.UTF_8));
            part(md, Detectors.byType(p.detector().type()).encode(p.detector()));
            part(md, PipelineCodec.calibration(p.calibration()));
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Length-prefixed, so that parts cannot run into each other. */
    private static void part(MessageDigest md, byte[] bytes) {
        md.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        md.update((byte) ':');
        md.update(bytes);
    }
}
