package io.sentinelrisk.core.bundle;

import io.sentinelrisk.core.ProductVersion;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a bundle's entries without trusting it (docs/bundle.md, "Limits"): a zip bomb is refused
 * before it costs memory or time. The manifest is read first, capped; the bundle may hold only
 * the entries the manifest lists, and an unlisted entry is refused unread; each part is inflated
 * into a buffer of its declared size, never beyond, with its SHA-256 computed on the way; the
 * declared sizes together must fit the limits below and half the Java heap.
 */
final class BundleEntries {
    /** A bundle has six entries; more than this is not a bundle. */
    static final int MAX_ENTRIES = 64;
    static final int MAX_MANIFEST_BYTES = 16 << 20;
    static final int MAX_MANIFEST_SHA_BYTES = 1024;
    /** The whole bundle, inflated. */
    static final long MAX_TOTAL_BYTES = 2L << 30;
    /**
     * A part whose manifest gives no size (a bundle written by hand or by an early build): at most
     * this, and at most an eighth of the heap, since its buffer grows by copying.
     */
    static final int MAX_UNDECLARED_PART_BYTES = 64 << 20;

    /** A verified bundle: its manifest and its parts, each matching its checksum. */
    record Verified(Manifest manifest, Map<String, byte[]> parts) {
    }

    private BundleEntries() {
    }

    static Verified read(Path path) {
        String name = path.toString();
        InputLocation file = InputLocation.file(name);
        try (ZipFile zip = new ZipFile(path.toFile())) {
            if (zip.size() > MAX_ENTRIES) {
                throw new InputException(file, "not a SentinelRisk bundle: it holds " + zip.size()
                        + " entries, a bundle at most " + MAX_ENTRIES);
            }
            ZipEntry manifestEntry = zip.getEntry(Bundles.MANIFEST);
            ZipEntry shaEntry = zip.getEntry(Bundles.MANIFEST_SHA);
            if (manifestEntry == null || shaEntry == null) {
                throw new InputException(file, "not a SentinelRisk bundle (no " + Bundles.MANIFEST + " / " + Bundles.MANIFEST_SHA + ")");
            }
            byte[] shaText = readCapped(zip, shaEntry, MAX_MANIFEST_SHA_BYTES, file);
            byte[] manifestBytes = readCapped(zip, manifestEntry, MAX_MANIFEST_BYTES, file);
            String expected = new String(shaText, StandardCharsets.US_ASCII).trim().split("\\s+")[0];
            if (!expected.equals(Bundles.sha256(manifestBytes))) {
                throw new InputException(file, "bundle was modified: " + Bundles.MANIFEST + " does not match its checksum");
            }
            String where = name + "!" + Bundles.MANIFEST;
            Map<String, Object> tree = Manifest.tree(manifestBytes, where);
            checkFormat(tree, file);
            Manifest manifest = Manifest.bind(tree, where);
            Map<String, Manifest.PartChecksum> listed = manifest.parts();
            refuseUnlisted(zip, listed, file);
            long budget = budget();
            Map<String, Long> declared = declaredSizes(listed, budget, file);
            long undeclaredBudget = budget - declared.values().stream().filter(java.util.Objects::nonNull).mapToLong(Long::longValue).sum();
            Map<String, byte[]> parts = new LinkedHashMap<>();
            for (Map.Entry<String, Manifest.PartChecksum> e : listed.entrySet()) {
                String part = e.getKey();
                ZipEntry entry = zip.getEntry(part);
                if (entry == null || entry.isDirectory()) {
                    throw new InputException(file, "bundle is missing part " + part);
                }
                String sha = e.getValue().sha256();
                Long size = declared.get(part);
                long undeclaredCap = Math.min(MAX_UNDECLARED_PART_BYTES, Runtime.getRuntime().maxMemory() / 8);
                int cap = (int) Math.max(0, Math.min(undeclaredCap, undeclaredBudget));
                byte[] content = readVerified(zip, entry, size, cap, sha, file);
                if (size == null) {
                    undeclaredBudget -= content.length;
                }
                parts.put(part, content);
            }
            return new Verified(manifest, parts);
        } catch (NoSuchFileException e) {
            throw new InputException(file, "no such bundle file");
        } catch (ZipException e) {
            throw new InputException(file, "not a SentinelRisk bundle, or truncated (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new InputException(file, "cannot read bundle: " + e.getMessage());
        }
    }

    /** Entry names in the zip's order, read from its directory only (nothing is inflated). */
    static java.util.List<String> names(Path path) {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (ZipFile zip = new ZipFile(path.toFile())) {
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                out.add(all.nextElement().getName());
            }
        } catch (IOException e) {
            throw new InputException(InputLocation.file(path.toString()), "cannot read bundle: " + e.getMessage());
        }
        return out;
    }

    /** Format and version are checked on the tree, before binding: a newer format may hold fields this build does not know. */
    private static void checkFormat(Map<String, Object> manifest, InputLocation file) {
        Object format = manifest.get("format");
        if (!Bundles.FORMAT.equals(format)) {
            throw new InputException(file, "not a SentinelRisk bundle (format " + json(format) + ")");
        }
        Object v = manifest.get("format_version");
        if (!(v instanceof Integer version) || version < Bundles.FORMAT_VERSION_NO_FEATURES
                || version > Bundles.FORMAT_VERSION) {
            throw new InputException(file, "bundle format version " + json(v)
                    + " is not supported: this build (" + ProductVersion.get() + ") reads format versions "
                    + Bundles.FORMAT_VERSION_NO_FEATURES + " to " + Bundles.FORMAT_VERSION
                    + "; retrain the model or use the matching SentinelRisk version");
        }
    }

    /** A value as JSON shows it, for messages: text quoted, numbers as they are. */
    private static String json(Object v) {
        return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
    }

    private static void refuseUnlisted(ZipFile zip, Map<String, Manifest.PartChecksum> listed, InputLocation file) {
        Enumeration<? extends ZipEntry> all = zip.entries();
        while (all.hasMoreElements()) {
            ZipEntry e = all.nextElement();
            String n = e.getName();
            if (!listed.containsKey(n) && !n.equals(Bundles.MANIFEST) && !n.equals(Bundles.MANIFEST_SHA)) {
                throw new InputException(file, "bundle holds an unlisted entry " + n);
            }
        }
    }

    /**
     * How many bytes the parts may take together: {@link #MAX_TOTAL_BYTES}, and no more than half
     * the heap, since a part is decoded into arrays about as large as itself.
     */
    private static long budget() {
        return Math.min(MAX_TOTAL_BYTES, Runtime.getRuntime().maxMemory() / 2);
    }

    /** The size each part declares (null: none, an older bundle), checked against the budget. */
    private static Map<String, Long> declaredSizes(Map<String, Manifest.PartChecksum> listed, long budget, InputLocation file) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<String, Manifest.PartChecksum> e : listed.entrySet()) {
            Long bytes = e.getValue().bytes();
            sizes.put(e.getKey(), bytes);
            if (bytes == null) {
                continue;
            }
            total += bytes;
            if (bytes > Integer.MAX_VALUE - 8 || total > MAX_TOTAL_BYTES) {
                throw new InputException(file, "bundle parts declare more than " + mib(MAX_TOTAL_BYTES) + " together, the limit of a bundle");
            }
        }
        if (total > budget) {
            throw new InputException(file, "bundle parts declare " + mib(total) + ", more than half the Java heap ("
                    + mib(Runtime.getRuntime().maxMemory()) + "); if you trust this bundle, raise the heap, e.g. SENTINEL_JAVA_OPTS=-Xmx"
                    + Math.max(1, (total * 3) >> 30) + "g");
        }
        return sizes;
    }

    /**
     * Inflates a part into a buffer of its declared size (or up to the cap for an undeclared one),
     * computing its SHA-256 on the way; one byte more than declared is a refusal.
     */
    private static byte[] readVerified(ZipFile zip, ZipEntry entry, Long declared, int undeclaredCap, String sha,
                                       InputLocation file) throws IOException {
        MessageDigest digest = sha256();
        byte[] content;
        try (DigestInputStream in = new DigestInputStream(zip.getInputStream(entry), digest)) {
            if (declared != null) {
                content = in.readNBytes((int) (long) declared);
                in.on(false);
                if (content.length < declared) {
                    throw new InputException(file, "bundle was modified: part " + entry.getName() + " is shorter than the "
                            + declared + " bytes its manifest declares");
                }
                if (in.read() >= 0) {
                    throw new InputException(file, "bundle was modified: part " + entry.getName() + " is larger than the "
                            + declared + " bytes its manifest declares");
                }
            } else {
                content = readUpTo(in, undeclaredCap, entry.getName(), file);
            }
        }
        if (!sha.equals(HexFormat.of().formatHex(digest.digest()))) {
            throw new InputException(file, "bundle was modified: part " + entry.getName() + " does not match its checksum");
        }
        return content;
    }

    private static byte[] readCapped(ZipFile zip, ZipEntry entry, int cap, InputLocation file) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return readUpTo(in, cap, entry.getName(), file);
        }
    }

    /** Reads at most {@code cap} bytes, growing the buffer as they come; more is a refusal. */
    private static byte[] readUpTo(InputStream in, int cap, String entry, InputLocation file) throws IOException {
        byte[] buf = new byte[Math.min(8192, cap + 1)];
        int len = 0;
        while (true) {
            if (len == buf.length) {
                if (len > cap) {
                    throw new InputException(file, "bundle entry " + entry + " is larger than " + mib(cap)
                            + ", the limit for it; this is not a bundle SentinelRisk wrote");
                }
                buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, (long) cap + 1));
            }
            int r = in.read(buf, len, buf.length - len);
            if (r < 0) {
                return Arrays.copyOf(buf, len);
            }
            len += r;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String mib(long bytes) {
        return bytes >= (1L << 30) && bytes % (1L << 30) == 0 ? (bytes >> 30) + " GiB"
                : String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
    }
}
