package io.sentinelrisk.server.scoring;

import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.core.error.DisplayText;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.server.error.ApiException;
import io.sentinelrisk.server.store.Database;
import io.sentinelrisk.server.store.ModelRow;
import io.sentinelrisk.server.store.ModelStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The model registry: every accepted bundle is stored byte for byte (verified by core's bundle
 * reader before it is accepted); promotions are recorded in order per source and the last one of
 * a source is its champion. A source without a champion is scored by the default source's
 * ({@link Sources#DEFAULT}) champion. Promotion builds the new {@link ActiveModel} first and then
 * swaps one reference, so requests already running finish on the model they started with.
 */
public final class ModelRegistry {
    /** Hears of every new champion, with its source. */
    @FunctionalInterface
    public interface PromotionListener {
        void promoted(String source, ActiveModel model);
    }

    private final Database db;
    private final Path tempDir;
    private final String entityField;
    private final String timeField;
    private final ConcurrentHashMap<String, ActiveModel> champions = new ConcurrentHashMap<>();
    private final PromotionListener onPromote;

    public ModelRegistry(Database db, Path tempDir, String entityField, String timeField, PromotionListener onPromote) {
        this.db = db;
        this.tempDir = tempDir;
        this.entityField = entityField;
        this.timeField = timeField;
        this.onPromote = onPromote;
    }

    /** {@link #start(Path, Map)} with the default model only. */
    public void start(Path modelFile) {
        start(modelFile, Map.of());
    }

    /**
     * Starts the registry: loads the stored champion of every source, then registers each given
     * file (the default model {@code modelFile}, and {@code sourceModels} by source) and makes it
     * its source's champion. An InputException when no source has a model then.
     */
    public void start(Path modelFile, Map<String, Path> sourceModels) {
        Map<String, Path> files = new TreeMap<>(sourceModels);
        if (modelFile != null) {
            files.put(Sources.DEFAULT, modelFile);
        }
        Map<String, ActiveModel> loaded = new TreeMap<>();
        Map<String, String> stored = db.read("models.champions", ModelStore::champions);
        for (Map.Entry<String, Path> f : files.entrySet()) {
            loaded.put(f.getKey(), startWith(f.getKey(), f.getValue(), stored.get(f.getKey())));
        }
        for (Map.Entry<String, String> c : stored.entrySet()) {
            if (!loaded.containsKey(c.getKey())) {
                loaded.put(c.getKey(), ActiveModel.of(c.getValue(), load(c.getValue()), entityField, timeField));
            }
        }
        if (loaded.isEmpty()) {
            throw new InputException("the store has no model yet: start with --model FILE.srb (or --model SOURCE=FILE.srb)");
        }
        loaded.forEach(this::activate);
    }

    private ActiveModel startWith(String source, Path modelFile, String champion) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(modelFile);
        } catch (IOException e) {
            Bundles.read(modelFile);   // the bundle reader's message (no such file, unreadable)
            throw new InputException(modelFile + ": cannot read the bundle (" + e.getMessage() + ")");
        }
        Pipeline pipeline = Bundles.read(modelFile);
        ModelRow row = register(bytes, pipeline, "file", null, source);
        if (!row.version().equals(champion)) {
            db.inTransaction("models.promote", c -> {
                ModelStore.promote(c, row.version(), "startup", System.currentTimeMillis(), source);
                return null;
            });
        }
        return ActiveModel.of(row.version(), pipeline, entityField, timeField);
    }

    /** The default source's champion (null when only other sources have one). */
    public ActiveModel active() {
        return champions.get(Sources.DEFAULT);
    }

    /** True when at least one source has a champion. */
    public boolean hasModel() {
        return !champions.isEmpty();
    }

    /**
     * The model that scores events of {@code source}: its champion, else the default source's.
     * 422 when there is neither.
     */
    public ActiveModel forSource(String source) {
        ActiveModel m = champions.get(source);
        if (m == null) {
            m = champions.get(Sources.DEFAULT);
        }
        if (m == null) {
            throw ApiException.unprocessable("no_model", "no model scores source '" + DisplayText.truncate(source)
                    + "' and there is no default model: start the server with --model " + DisplayText.truncate(source)
                    + "=FILE.srb, or upload a bundle and POST /v1/models/{version}/promote?source=" + DisplayText.truncate(source),
                    "source");
        }
        return m;
    }

    /** The champion of each source that has its own, by source (sorted). */
    public Map<String, ActiveModel> champions() {
        return new TreeMap<>(champions);
    }

    public List<ModelRow> list() {
        return db.read("models.list", ModelStore::list);
    }

    /** The default source's champion version from the promotions table, or null. */
    public String championVersion() {
        return championVersion(Sources.DEFAULT);
    }

    /** A source's champion version from the promotions table, or null. */
    public String championVersion(String source) {
        List<ModelStore.Promotion> p = db.read("models.promotions", c -> ModelStore.promotions(c, source));
        return p.isEmpty() ? null : p.get(0).version();
    }

    /** Result of an upload: the row, and whether it was new. */
    public record Upload(ModelRow model, boolean created) {
    }

    /** Verifies and stores an uploaded bundle for the default source (not promoted). */
    public Upload upload(byte[] bytes) {
        return upload(bytes, Sources.DEFAULT);
    }

    /** Verifies and stores an uploaded bundle for {@code source} (not promoted). A bundle that fails verification is 422. */
    public Upload upload(byte[] bytes, String source) {
        String sha = sha256(bytes);
        var existing = db.read("models.by_sha", c -> ModelStore.bySha(c, sha));
        if (existing.isPresent()) {
            return new Upload(existing.get(), false);
        }
        Pipeline pipeline = verify(bytes, "upload");
        return new Upload(register(bytes, pipeline, "upload", null, source), true);
    }

    /** Stores a bundle built by the server (a retrained challenger of {@code source}) with its report. */
    public ModelRow registerBuilt(Pipeline pipeline, String reportJson, String source) {
        byte[] bytes = Bundles.toBytes(pipeline, Bundles.createdAt());
        verify(bytes, "retrain");
        return register(bytes, pipeline, "retrain", reportJson, source);
    }

    /** Makes {@code version} the default source's champion. */
    public ActiveModel promote(String version, String action) {
        return promote(version, action, Sources.DEFAULT);
    }

    /** Makes {@code version} the champion of {@code source}. 404 when it is not registered. */
    public ActiveModel promote(String version, String action, String source) {
        var row = db.read("models.get", c -> ModelStore.get(c, version));
        if (row.isEmpty()) {
            throw ApiException.notFound("no model version '" + DisplayText.truncate(version)
                    + "'; GET /v1/models lists them");
        }
        ActiveModel next = ActiveModel.of(version, load(version), entityField, timeField);
        db.inTransaction("models.promote", c -> {
            ModelStore.promote(c, version, action, System.currentTimeMillis(), source);
            return null;
        });
        activate(source, next);
        return next;
    }

    /** Promotes the default source's champion before the current one. */
    public ActiveModel rollback() {
        return rollback(Sources.DEFAULT);
    }

    /** Promotes the champion of {@code source} before its current one. 409 when there is none. */
    public ActiveModel rollback(String source) {
        List<ModelStore.Promotion> p = db.read("models.promotions", c -> ModelStore.promotions(c, source));
        String current = p.isEmpty() ? null : p.get(0).version();
        for (ModelStore.Promotion earlier : p) {
            if (!earlier.version().equals(current)) {
                return promote(earlier.version(), "rollback", source);
            }
        }
        throw new ApiException(409, "no_previous_model", "source '" + DisplayText.truncate(source)
                + "' has no earlier champion to roll back to", null);
    }

    private void activate(String source, ActiveModel model) {
        champions.put(source, model);
        onPromote.promoted(source, model);
    }

    private ModelRow register(byte[] bytes, Pipeline pipeline, String origin, String report, String source) {
        String sha = sha256(bytes);
        String version = "m-" + sha.substring(0, 12);
        return db.inTransaction("models.register", c -> {
            var existing = ModelStore.bySha(c, sha);
            if (existing.isPresent()) {
                return existing.get();
            }
            ModelRow row = new ModelRow(version, sha, origin, pipeline.config().detectorType(), System.currentTimeMillis(),
                    bytes.length, report, source);
            ModelStore.insert(c, row, bytes);
            return row;
        });
    }

    /** Reads a stored version's bundle through the verifying reader. */
    public Pipeline load(String version) {
        byte[] bytes = db.read("models.bundle", c -> ModelStore.bundle(c, version));
        if (bytes == null) {
            throw ApiException.notFound("no model version '" + version + "'");
        }
        return verify(bytes, version);
    }

    /** The bundle read by core's verifying reader (format version, every checksum, zip-bomb limits); 422 when it fails. */
    private Pipeline verify(byte[] bytes, String name) {
        Path file = null;
        try {
            Files.createDirectories(tempDir);
            file = Files.createTempFile(tempDir, "bundle-", ".srb");
            Files.write(file, bytes);
            return Bundles.read(file);
        } catch (InputException e) {
            String reason = e.getMessage() == null ? "invalid bundle" : e.getMessage();
            if (file != null) {
                reason = reason.replace(file.toString(), name);
            }
            throw ApiException.unprocessable("invalid_bundle", "the bundle was refused: " + reason, null);
        } catch (IOException e) {
            throw new IllegalStateException("cannot stage the bundle in " + tempDir, e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a leftover temp file in the data dir is harmless
                }
            }
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
