package io.sentinelrisk.core.detect.iforest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The walk of {@link CompleteForest} in C (core/src/main/c/forest_walk.c), used when the build
 * compiled it and the launcher names it: {@code bin/sentinel} passes the path of the library
 * beside the jar in the system property {@value #PROPERTY}. Loaded once, on the first walk (so
 * commands that score nothing never load it); when the property is unset or the library fails to
 * load, the forest walks in Java, with the same sums bit for bit. DEBUG logging says which walk runs.
 *
 * <p>The C code trusts its arguments: {@link CompleteForest} checks them before every call.
 */
final class NativeForestWalk {
    static final String PROPERTY = "sentinel.forest.native";
    /** What {@link #abiVersion} of a library built from this source returns. */
    private static final int ABI_VERSION = 1;
    private static final Logger LOG = LoggerFactory.getLogger(NativeForestWalk.class);

    private NativeForestWalk() {
    }

    /** Whether the library is loaded (tried once, on the first call). */
    static boolean available() {
        return Holder.LOADED;
    }

    /** Holds the one attempt to load the library, made when a forest first walks. */
    private static final class Holder {
        static final boolean LOADED = load(System.getProperty(PROPERTY));
    }

    static boolean load(String path) {
        if (path == null || path.isBlank()) {
            LOG.debug("isolation forest: the walk in Java ({} not set)", PROPERTY);
            return false;
        }
        try {
            System.load(java.nio.file.Path.of(path).toAbsolutePath().toString());
            int abi = abiVersion();
            if (abi != ABI_VERSION) {
                LOG.debug("isolation forest: the walk in Java ({} is version {}, expected {})", path, abi, ABI_VERSION);
                return false;
            }
            LOG.debug("isolation forest: the walk in C ({})", path);
            return true;
        } catch (UnsatisfiedLinkError | SecurityException | java.nio.file.InvalidPathException e) {
            LOG.debug("isolation forest: the walk in Java ({} did not load: {})", path, e.toString());
            return false;
        }
    }

    static native int abiVersion();

    /**
     * Sets {@code out[r]} for rows {@code [start, end)} of the row-major {@code x} to the sum over
     * all trees of the row's path length, tree by tree in order. Returns 0, or 1 when the JVM could
     * not pin an array (then nothing is written and the caller walks in Java).
     */
    static native int walkBlock(int trees, int depth, int[] feature, double[] threshold, double[] leaf,
                                double[] x, int cols, int start, int end, double[] out);
}
