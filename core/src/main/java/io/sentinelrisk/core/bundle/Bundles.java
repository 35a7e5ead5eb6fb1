package io.sentinelrisk.core.bundle;

import io.sentinelrisk.core.ProductVersion;
import io.sentinelrisk.core.config.ConfigException;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;
import io.sentinelrisk.core.pipeline.Detectors;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.SentinelConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The bundle: one file ({@code .srb}), a zip of {@code manifest.json} (format and product
 * version, created-at, schema, effective config, thresholds, training summary, SHA-256 of every
 * part), the parts ({@code preparation.json}, {@code calibration.bin}, {@code explainer.json},
 * {@code model/<type>.bin}) and {@code manifest.sha256} (the manifest's own checksum). Data only:
 * no Java serialization. Entries are written in a fixed order with a fixed timestamp, so the same
 * pipeline and created-at give the same bytes.
 */
public final class Bundles {
    public static final String FORMAT = "sentinelrisk-bundle";
    /**
     * Each bundle is written in the lowest format that describes it, so older releases read what
     * they can score and refuse what they would score wrongly: format 1 is a plain model, format 2
     * adds the feature plan ({@code features.json}), format 3 the business mapping
     * ({@code mapping.json}) and the hybrid judge ({@code judge/…}). All are read.
     */
    public static final int FORMAT_VERSION = 3;
    static final int FORMAT_VERSION_NO_FEATURES = 1;
    static final int FORMAT_VERSION_FEATURES = 2;
    static final String FEATURES = "features.json";
    static final String MAPPING = "mapping.json";
    static final String MANIFEST = "manifest.json";
    static final String MANIFEST_SHA = "manifest.sha256";
    static final String PREPARATION = "preparation.json";
    /** The calibration as JSON: what bundles of older releases hold, still read. */
    static final String CALIBRATION_JSON = "calibration.json";
    /** The calibration as binary ({@link CalibrationCodec}): what bundles are written with. */
    static final String CALIBRATION = "calibration.bin";
    static final String EXPLAINER = "explainer.json";
    /**
     * The training profile for drift detection: found by its name among the parts, so a bundle
     * with it keeps its format version (older releases verify and ignore the part).
     */
    static final String PROFILE = "profile.json";
    /**
     * The model id ({@link ModelId}) as text, so reading a bundle need not recompute it; found by
     * its name like {@link #PROFILE}, and bundles without it (older releases) have it computed.
     */
    static final String MODEL_ID = "model_id.txt";
    /**
     * Every entry's time: fixed, and two seconds past the first time a zip can say (DOS time counts
     * in two seconds). At exactly 1980-01-01 00:00, ZipEntry also writes an extended timestamp,
     * that local time converted in the JVM's default time zone: bundles trained alike differed in
     * bytes between machines in different zones (and the zone's rules were looked up at save).
     */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0, 2);

    private Bundles() {
    }

    /**
     * The created-at stamp: {@code SOURCE_DATE_EPOCH} (seconds) when set, as reproducible builds
     * do, else now.
     */
    public static Instant createdAt() {
        String epoch = System.getenv("SOURCE_DATE_EPOCH");
        if (epoch != null && !epoch.isBlank()) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(epoch.trim()));
            } catch (NumberFormatException e) {
                throw new ConfigException("SOURCE_DATE_EPOCH must be whole seconds since 1970, found '" + epoch + "'");
            }
        }
        return Instant.now();
    }

    /** Writes {@code pipeline} to {@code target} atomically. */
    public static void write(Pipeline pipeline, Path target, Instant createdAt) {
        byte[] bytes = toBytes(pipeline, createdAt);
        io.sentinelrisk.core.io.AtomicFile.write(target, out -> out.write(bytes));
    }

    /** The bundle's bytes. */
    public static byte[] toBytes(Pipeline pipeline, Instant createdAt) {
        // First: train writes the bundle beside scoring every row, whose scorecard needs the id for
        // its alert ids; begun here, it is ready (or under way) when the first block is written,
        // instead of being computed then on the scoring thread.
        String modelId = ModelId.of(pipeline);
        DetectorFactory factory = Detectors.byType(pipeline.detector().type());
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put(PREPARATION, PipelineCodec.preparation(pipeline.preparation()));
        parts.put(CALIBRATION, CalibrationCodec.encode(pipeline.calibration()));
        parts.put(EXPLAINER, PipelineCodec.explainer(pipeline.explainer()));
        pipeline.features().ifPresent(f -> parts.put(FEATURES, PipelineCodec.features(f)));
        pipeline.profile().ifPresent(p -> parts.put(PROFILE, PipelineCodec.profile(p)));
        pipeline.mapping().ifPresent(m -> parts.put(MAPPING, PipelineCodec.mapping(m.mapping())));
        String modelPart = "model/" + factory.type() + ".bin";
        parts.put(modelPart, factory.encode(pipeline.detector()));
        Manifest.JudgeRef judge = pipeline.judge().map(j -> JudgeCodec.write(j, parts)).orElse(null);
        parts.put(MODEL_ID, (modelId + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        Map<String, Object> config = pipeline.config().toMap();
        // How many threads trained the model says nothing about the model (results do not depend
        // on it), and the machine that scores may differ: leave it out so any thread count gives
        // the same bundle.
        config.remove("threads");
        Map<String, Manifest.PartChecksum> checksums = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : parts.entrySet()) {
            checksums.put(e.getKey(), new Manifest.PartChecksum(sha256(e.getValue()), (long) e.getValue().length));
        }
        Manifest manifest = new Manifest(FORMAT,
                // the lowest version that describes the bundle, so older releases read what they can score
                pipeline.mapping().isPresent() || judge != null ? FORMAT_VERSION
                        : pipeline.features().isPresent() ? FORMAT_VERSION_FEATURES : FORMAT_VERSION_NO_FEATURES,
                ProductVersion.get(), createdAt.toString(), PipelineCodec.schemaColumns(pipeline.schema()),
                pipeline.preparation().featureNames(), config, new Manifest.DetectorRef(factory.type(), modelPart),
                pipeline.features().map(f -> new Manifest.FeaturePlanRef(FEATURES, f.origin(), f.featureColumns())).orElse(null),
                pipeline.mapping().map(m -> new Manifest.MappingRef(MAPPING, m.mapping().origin(), m.categoryNames())).orElse(null),
                judge,
                PipelineCodec.thresholds(pipeline.calibration()), pipeline.trainingSummary(), checksums);
        byte[] manifestBytes = manifest.toBytes();

        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(6);
            put(zip, MANIFEST, manifestBytes);
            put(zip, MANIFEST_SHA, (sha256(manifestBytes) + "  " + MANIFEST + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            for (Map.Entry<String, byte[]> e : parts.entrySet()) {
                put(zip, e.getKey(), e.getValue());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot build bundle", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads and verifies a bundle; every problem is an InputException naming the file. The entries
     * are read by {@link BundleEntries}, which refuses zip bombs before they cost memory.
     */
    public static Pipeline read(Path path) {
        String name = path.toString();
        if (!Files.exists(path)) {
            throw new InputException(InputLocation.file(name), "no such bundle file");
        }
        BundleEntries.Verified verified = BundleEntries.read(path);
        Manifest manifest = verified.manifest();
        Map<String, byte[]> entries = verified.parts();
        String where = name + "!" + MANIFEST;
        Schema schema = PipelineCodec.schema(manifest.schema(), where);
        SentinelConfig config = SentinelConfig.fromEffectiveMap(new LinkedHashMap<>(manifest.config()), where);
        DetectorFactory factory = Detectors.byType(manifest.detector().type());
        String modelPart = manifest.detector().part();
        byte[] model = entries.get(modelPart);
        if (model == null) {
            throw new InputException(InputLocation.file(name), "bundle is missing part " + modelPart);
        }
        FittedDetector fitted = factory.decode(model, name + "!" + modelPart);
        var preparation = PipelineCodec.preparation(part(entries, PREPARATION, name), name + "!" + PREPARATION);
        var calibration = calibration(entries, name);
        var explainer = PipelineCodec.explainer(part(entries, EXPLAINER, name), name + "!" + EXPLAINER);
        Map<String, Object> training = manifest.training();
        var judge = manifest.judge() != null ? JudgeCodec.read(entries, manifest.judge().part(), fitted, name) : null;
        var features = manifest.featurePlan() != null
                ? PipelineCodec.features(part(entries, manifest.featurePlan().part(), name), name + "!" + manifest.featurePlan().part()) : null;
        var profile = entries.containsKey(PROFILE) ? PipelineCodec.profile(entries.get(PROFILE), name + "!" + PROFILE) : null;
        var mapping = manifest.mapping() != null
                ? PipelineCodec.mapping(part(entries, manifest.mapping().part(), name), name + "!" + manifest.mapping().part()) : null;
        Pipeline pipeline;
        try {
            pipeline = new Pipeline(schema, config, preparation, fitted, calibration, explainer, training, features, profile, mapping,
                    judge);
        } catch (IllegalArgumentException e) {
            throw new InputException(InputLocation.file(name), "inconsistent bundle: " + e.getMessage());
        }
        byte[] modelId = entries.get(MODEL_ID);
        if (modelId != null) {
            String id = new String(modelId, java.nio.charset.StandardCharsets.US_ASCII).strip();
            if (!ModelId.isWellFormed(id)) {
                throw new InputException(InputLocation.file(name), "corrupt bundle part " + MODEL_ID + ": not a model id");
            }
            ModelId.remember(pipeline, id);
        }
        return pipeline;
    }

    /** The manifest of a bundle (verified), for `sentinel` commands that describe a model. */
    public static Manifest manifest(Path path) {
        read(path);
        return BundleEntries.read(path).manifest();
    }

    /** The binary part, or the JSON part of a bundle of an older release; never both. */
    private static io.sentinelrisk.core.calibrate.Calibration calibration(Map<String, byte[]> entries, String name) {
        byte[] binary = entries.get(CALIBRATION);
        if (binary == null) {
            return PipelineCodec.calibration(part(entries, CALIBRATION_JSON, name), name + "!" + CALIBRATION_JSON);
        }
        if (entries.containsKey(CALIBRATION_JSON)) {
            throw new InputException(InputLocation.file(name), "inconsistent bundle: it holds both " + CALIBRATION + " and "
                    + CALIBRATION_JSON);
        }
        return CalibrationCodec.decode(binary, name + "!" + CALIBRATION);
    }

    private static byte[] part(Map<String, byte[]> entries, String part, String name) {
        byte[] b = entries.get(part);
        if (b == null) {
            throw new InputException(InputLocation.file(name), "bundle is missing part " + part);
        }
        return b;
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(e);
        zip.write(content);
        zip.closeEntry();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Names of the entries a bundle holds, in order (for tests and `describe`). */
    public static List<String> entryNames(Path path) {
        return BundleEntries.names(path);
    }
}
