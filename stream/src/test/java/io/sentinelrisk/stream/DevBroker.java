package io.sentinelrisk.stream;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A single-node Kafka broker for trying the stream commands on one machine (bench/kafka-broker.sh
 * runs it): Kafka's own in-process KRaft test cluster, data under the given directory, its address
 * printed and written to {@code DIR/bootstrap}. Runs until killed. Not for production.
 */
public final class DevBroker {
    private DevBroker() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/dev-broker");
        LocalKafka kafka = new LocalKafka(dir.resolve("data"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                kafka.close();
            } catch (Exception e) {
                // stopping anyway
            }
        }));
        for (int i = 1; i < args.length; i++) {
            kafka.topics(1, args[i]);
        }
        Files.writeString(dir.resolve("bootstrap"), kafka.bootstrap() + "\n", StandardCharsets.UTF_8);
        System.out.println("broker ready at " + kafka.bootstrap());
        System.out.flush();
        Thread.currentThread().join();
    }
}
