package io.sentinelrisk.flink;

import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.core.pipeline.Pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The fitted pipeline of the bundle bytes shipped with the job, read once per task manager JVM:
 * every slot's operators share it (a fitted pipeline is immutable and thread-safe), so a large
 * model costs its memory once, not once per slot.
 */
final class BundleCache {
    private static byte[] digest;
    private static Pipeline pipeline;

    private BundleCache() {
    }

    static synchronized Pipeline pipeline(byte[] bundle) {
        byte[] d = sha256(bundle);
        if (pipeline == null || !Arrays.equals(d, digest)) {
            pipeline = read(bundle);
            digest = d;
        }
        return pipeline;
    }

    /** Bundles are read from a file (their reader verifies entries in place); a private temp file, deleted at once. */
    private static Pipeline read(byte[] bundle) {
        try {
            Path tmp = Files.createTempFile("sentinel-flink-", ".srb");
            try {
                Files.write(tmp, bundle);
                return Bundles.read(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the model for reading", e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
