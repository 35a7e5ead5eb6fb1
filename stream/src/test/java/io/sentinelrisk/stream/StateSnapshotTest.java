package io.sentinelrisk.stream;

import io.sentinelrisk.core.codec.BinaryWriter;
import io.sentinelrisk.stream.kafka.StateSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;

/** The Kafka scorer's snapshot keeps the drift window (format 2), and a snapshot of format 1 still reads, without one. */
class StateSnapshotTest {
    @TempDir
    Path dir;

    @Test
    void theDriftStateRoundTripsAndIsOptional() {
        new StateSnapshot("events", "m1", Map.of(0, 17L, 1, 4L), new byte[] {1, 2, 3}, new byte[] {9, 8}).write(dir);
        StateSnapshot back = StateSnapshot.read(dir);
        assertThat(back.offsets()).isEqualTo(Map.of(0, 17L, 1, 4L));
        assertThat(back.state()).containsExactly(1, 2, 3);
        assertThat(back.drift()).containsExactly(9, 8);
        new StateSnapshot("events", "m1", Map.of(0, 18L), null, null).write(dir);
        assertThat(StateSnapshot.read(dir).drift()).isNull();
        assertThat(StateSnapshot.read(dir).state()).isNull();
    }

    @Test
    void aFormatOneSnapshotReadsWithoutDriftState() throws Exception {
        BinaryWriter w = new BinaryWriter("SRKS", 1).writeString("events").writeString("m1").writeInt(1).writeInt(0).writeLong(42)
                .writeInt(1).writeBytes(new byte[] {5, 6});
        byte[] body = w.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(body);
        Files.write(dir.resolve(StateSnapshot.FILE), ByteBuffer.allocate(body.length + 4).put(body).putInt((int) crc.getValue()).array());
        StateSnapshot s = StateSnapshot.read(dir);
        assertThat(s.offsets()).isEqualTo(Map.of(0, 42L));
        assertThat(s.state()).containsExactly(5, 6);
        assertThat(s.drift()).isNull();
    }
}
