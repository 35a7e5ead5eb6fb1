package io.sentinelrisk.core.bundle;

import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.testdata.Frames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A zip bomb costs the reader neither time nor memory: 512 MiB of zeros in a part declared small,
 * or in an unlisted entry, is refused in under a second, allocating a few MB (measured on the
 * reading thread). The old reader inflated every entry fully before checking anything.
 */
class BundleEntriesTest {
    private static final long ZEROS = 512L << 20;

    @TempDir
    static Path dir;
    static byte[] good;

    @BeforeAll
    static void goodBundle() {
        good = Bundles.toBytes(SmallForests.fit(10, Frames.gaussianWithOutliers(500, 5, 1)),
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"model/iforest.bin", "unlisted.bin"})
    void zerosInAPartDeclaredSmallOrInAnUnlistedEntryAreRefusedQuicklyInLittleMemory(String bombEntry) throws Exception {
        Path bomb = dir.resolve(bombEntry.replace('/', '_') + ".srb");
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(good));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bomb))) {
            out.setLevel(Deflater.BEST_SPEED);
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.putNextEntry(new ZipEntry(e.getName()));
                if (e.getName().equals(bombEntry)) {
                    zeros(out);
                } else {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
            if (!bombEntry.startsWith("model/")) {
                out.putNextEntry(new ZipEntry(bombEntry));
                zeros(out);
                out.closeEntry();
            }
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocated = threads.getCurrentThreadAllocatedBytes();
        // this thread's CPU time, not wall time: inflating the bomb would be work done here, while
        // wall time also counts the time other processes of a loaded machine take the cores
        long t0 = threads.getCurrentThreadCpuTime();
        assertThatThrownBy(() -> Bundles.read(bomb)).isInstanceOf(InputException.class)
                .hasMessageContaining(bombEntry.startsWith("model/") ? "is larger than the" : "unlisted entry " + bombEntry);
        long millis = (threads.getCurrentThreadCpuTime() - t0) / 1_000_000;
        long mb = (threads.getCurrentThreadAllocatedBytes() - allocated) >> 20;
        assertThat(millis).as("CPU ms to refuse").isLessThan(1000);
        assertThat(mb).as("MB allocated while refusing").isLessThan(16);
    }

    private static void zeros(ZipOutputStream out) throws Exception {
        byte[] block = new byte[1 << 20];
        for (long n = 0; n < ZEROS; n += block.length) {
            out.write(block);
        }
    }
}
