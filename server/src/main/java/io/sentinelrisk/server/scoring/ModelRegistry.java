package io.sentinelrisk.server.scoring;

import io.sentinelrisk.core.bundle.Bundles;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The model registry: every accepted bundle is stored byte for byte (verified by core's bundle
 * reader before it is accepted); promotions are recorded in order and the last one is the
 * champion the server scores with. Promotion builds the new {@link ActiveModel} first and then
 * swaps one reference, so requests already running finish on the model they started with.
 */
public final class ModelRegistry {
    private final Database db;
    private final Path tempDir;
    private final String entityField;
    private final String timeField;
    private final AtomicReference<ActiveModel> active = new AtomicReference<>();
    private final Consumer<ActiveModel> onPromote;

    public ModelRegistry(Database db, Path tempDir, String entityField, String timeField, Consumer<ActiveModel> onPromote) {
        this.db = db;
        this.tempDir = tempDir;
        this.entityField = entityField;
        this.timeField = timeField;
        this.onPromote = onPromote;
    }

    /**
     * Starts the registry: registers {@code modelFile} (when given) and makes it champion, else
     * loads the stored champion. An InputException when there is neither.
     */
    public void start(Path modelFile) {
        if (modelFile != null) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(modelFile);
            } catch (IOException e) {
                Bundles.read(modelFile);   // the bundle reader's message (no such file, unreadable)
                throw new InputException(modelFile + ": cannot read the bundle (" + e.getMessage() + ")");
            }
            Pipeline pipeline = Bundles.read(modelFile);
            ModelRow row = register(bytes, pipeline, "file", null);
            String champion = championVersion();
            if (!row.version().equals(champion)) {
                db.inTransaction("models.promote", c -> {
                    ModelStore.promote(c, row.version(), "startup", System.currentTimeMillis());
                    return null;
                });
            }
            activate(ActiveModel.of(row.version(), pipeline, entityField, timeField));
            return;
        }
        String champion = championVersion();
        if (champion == null) {
            throw new InputException("the store has no model yet: start with --model FILE.srb");
        }
        activate(ActiveModel.of(champion, load(champion), entityField, timeField));
    }

    /** The model scoring now. */
    public ActiveModel active() {
        return active.get();
    }

    public List<ModelRow> list() {
        return db.read("models.list", ModelStore::list);
    }

    /** The champion's version from the promotions table, or null. */
    public String championVersion() {
        List<ModelStore.Promotion> p = db.read("models.promotions", ModelStore::promotions);
        return p.isEmpty() ? null : p.get(0).version();
    }

    /** Result of an upload: the row, and whether it was new. */
    public record Upload(ModelRow model, boolean created) {
    }

    /** Verifies and stores an uploaded bundle (not promoted). A bundle that fails verification is 422. */
    public Upload upload(byte[] bytes) {
        String sha = sha256(bytes);
        var existing = db.read("models.by_sha", c -> ModelStore.bySha(c, sha));
        if (existing.isPresent()) {
            return new Upload(existing.get(), false);
        }
        Pipeline pipeline = verify(bytes, "upload");
        return new Upload(register(bytes, pipeline, "upload", null), true);
    }

    /** Stores a bundle built by the server (a retrained challenger) with its report. */
    public ModelRow registerBuilt(Pipeline pipeline, String reportJson) {
        byte[] bytes = Bundles.toBytes(pipeline, Bundles.createdAt());
        verify(bytes, "retrain");
        return register(bytes, pipeline, "retrain", reportJson);
    }

    /** Makes {@code version} the champion. 404 when it is not registered. */
    public ActiveModel promote(String version, String action) {
        var row = db.read("models.get", c -> ModelStore.get(c, version));
        if (row.isEmpty()) {
            throw ApiException.notFound("no model version '" + io.sentinelrisk.core.error.DisplayText.truncate(version)
                    + "'; GET /v1/models lists them");
        }
        ActiveModel next = ActiveModel.of(version, load(version), entityField, timeField);
        db.inTransaction("models.promote", c -> {
            ModelStore.promote(c, version, action, System.currentTimeMillis());
            return null;
        });
        activate(next);
        return next;
    }

    /** Promotes the champion before the current one. 409 when there is none. */
    public ActiveModel rollback() {
        List<ModelStore.Promotion> p = db.read("models.promotions", ModelStore::promotions);
        String current = p.isEmpty() ? null : p.get(0).version();
        for (ModelStore.Promotion earlier : p) {
            if (!earlier.version().equals(current)) {
                return promote(earlier.version(), "rollback");
            }
        }
        throw new ApiException(409, "no_previous_model", "there is no earlier champion to roll back to", null);
    }

    private void activate(ActiveModel model) {
        active.set(model);
        onPromote.accept(model);
    }

    private ModelRow register(byte[] bytes, Pipeline pipeline, String origin, String report) {
        String sha = sha256(bytes);
        String version = "m-" + sha.substring(0, 12);
        return db.inTransaction("models.register", c -> {
            var existing = ModelStore.bySha(c, sha);
            if (existing.isPresent()) {
                return existing.get();
            }
            ModelRow row = new ModelRow(version, sha, origin, pipeline.config().detectorType(), System.currentTimeMillis(),
                    bytes.length, report);
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
