package io.sentinelrisk.core.io;

import io.sentinelrisk.core.error.SentinelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws Exception {
        Path target = dir.resolve("out.json");
        Files.writeString(target, "old");
        assertThatThrownBy(() -> AtomicFile.write(target, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        })).isInstanceOf(SentinelException.class).hasMessageContaining("disk full");
        assertThat(Files.readString(target)).isEqualTo("old");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.toList()).containsExactly(target);
        }
    }

    @Test
    void newFilesAreReadableByOthersAndReplacedFilesKeepTheirPermissions() throws Exception {
        Path fresh = dir.resolve("a/b/new.csv");
        AtomicFile.writeString(fresh, "x");
        assertThat(Files.readString(fresh)).isEqualTo("x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rw-r--r--");

        Path kept = dir.resolve("kept.csv");
        Files.writeString(kept, "old");
        Files.setPosixFilePermissions(kept, PosixFilePermissions.fromString("rw-rw----"));
        AtomicFile.writeString(kept, "new");
        assertThat(Files.readString(kept)).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept))).isEqualTo("rw-rw----");
    }

    @Test
    void aSymlinkStaysASymlinkAndItsTargetIsReplacedEvenWhenDangling() throws Exception {
        Path real = dir.resolve("elsewhere/real.csv");
        Files.createDirectories(real.getParent());
        Files.writeString(real, "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), Path.of("elsewhere/real.csv"));
        AtomicFile.writeString(link, "new");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("new");

        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.csv"), Path.of("made/later.csv"));
        AtomicFile.writeString(dangling, "x");
        assertThat(Files.isSymbolicLink(dangling)).isTrue();
        assertThat(Files.readString(dir.resolve("made/later.csv"))).isEqualTo("x");
    }

    @Test
    void aDirectoryIsRefusedAndDevNullIsWrittenInPlace() throws Exception {
        assertThatThrownBy(() -> AtomicFile.writeString(dir, "x")).isInstanceOf(io.sentinelrisk.core.error.InputException.class)
                .hasMessageContaining("is a directory");
        assertThat(OutputTarget.of(Path.of("/dev/null"))).isEqualTo(new OutputTarget.InPlace(Path.of("/dev/null")));
        assertThat(OutputTarget.of(Path.of("-"))).isEqualTo(new OutputTarget.Stdout());
        assertThat(OutputTarget.of(Path.of("/dev/stdout"))).isEqualTo(new OutputTarget.Stdout());
        AtomicFile.writeString(Path.of("/dev/null"), "nothing");
        assertThat((Integer) Files.getAttribute(Path.of("/dev/null"), "unix:mode") & 0170000).isEqualTo(0020000);
    }

    @Test
    void staleTempFilesOfTheOutputAreRemovedOthersKept() throws Exception {
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.fromMillis(0);
        Path deadPid = Files.writeString(dir.resolve(".out.csv.999999999.7.tmp"), "x");
        Path noPid = Files.writeString(dir.resolve(".out.csv.7.tmp"), "x");
        Files.setLastModifiedTime(noPid, old);
        Path livePid = Files.writeString(dir.resolve(".out.csv." + ProcessHandle.current().parent().orElseThrow().pid() + ".7.tmp"), "x");
        Path otherOutput = Files.writeString(dir.resolve(".other.csv.999999999.7.tmp"), "x");
        AtomicFile.writeString(dir.resolve("out.csv"), "y");
        assertThat(deadPid).doesNotExist();
        assertThat(noPid).doesNotExist();
        assertThat(livePid).exists();
        assertThat(otherOutput).exists();
    }

    @Test
    void aSealedOutputIsPutInPlaceOnlyByItsCommit() throws Exception {
        Path target = dir.resolve("card.csv");
        Files.writeString(target, "old");   // replaced: written through the hand-overs to the disk
        try (AtomicFile.Pending pending = AtomicFile.open(target)) {
            pending.stream().write("new rows".getBytes());
            pending.seal();
            assertThat(Files.readString(target)).as("sealed, not committed").isEqualTo("old");
            pending.commit();
        }
        assertThat(Files.readString(target)).isEqualTo("new rows");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.toList()).containsExactly(target);
        }

        Path fresh = dir.resolve("fresh.csv");
        try (AtomicFile.Pending pending = AtomicFile.open(fresh)) {
            pending.stream().write("rows".getBytes());
            pending.seal();   // then a failure elsewhere: closed without a commit
        }
        assertThat(fresh).doesNotExist();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.toList()).containsExactly(target);
        }
    }
}
