package io.sentinelrisk.core.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class WritebackStreamTest {
    @TempDir
    Path dir;

    @Test
    void writesTheSameBytesWhileHandingThemToTheDiskInSteps() throws Exception {
        Path file = Files.createFile(dir.resolve("out.tmp"));
        SplittableRandom random = new SplittableRandom(11);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        int handOvers;
        try (WritebackStream out = WritebackStream.open(file, 100_000)) {
            for (int i = 0; i < 400; i++) {
                byte[] chunk = new byte[random.nextInt(1, 20_000)];
                random.nextBytes(chunk);
                int off = random.nextInt(chunk.length);
                out.write(chunk, off, chunk.length - off);
                expected.write(chunk, off, chunk.length - off);
                out.write(i & 0xFF);
                expected.write(i & 0xFF);
            }
            handOvers = out.handOvers();
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(expected.toByteArray());
        assertThat(handOvers).as("%d bytes in steps of 100,000", expected.size()).isGreaterThan(0);
    }

    @Test
    void anOutputReplacingAFileIsWrittenWhole() throws Exception {
        Path target = Files.writeString(dir.resolve("card.csv"), "old\n");
        byte[] content = new byte[(int) (WritebackStream.STEP_BYTES + 12_345)];
        new SplittableRandom(3).nextBytes(content);
        try (AtomicFile.Pending pending = AtomicFile.open(target)) {
            for (int at = 0; at < content.length; at += 65_000) {
                pending.stream().write(content, at, Math.min(65_000, content.length - at));
            }
            assertThat(Files.readString(target)).as("untouched until the commit").isEqualTo("old\n");
            pending.commit();
        }
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);   // no temp file left
        }
    }
}
