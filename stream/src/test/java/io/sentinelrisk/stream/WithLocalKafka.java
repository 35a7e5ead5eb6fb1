package io.sentinelrisk.stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** A test class with one in-process broker for all its tests, under its own temporary folder. */
abstract class WithLocalKafka {
    @TempDir
    static Path dir;
    static LocalKafka kafka;

    @BeforeAll
    static void broker() throws Exception {
        kafka = new LocalKafka(dir.resolve("kafka"));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }
}
