package io.sentinelrisk.stream.kafka;

import io.sentinelrisk.core.error.InputException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

/**
 * The compacted state topic of the Kafka scorer: created with {@code cleanup.policy=compact} when
 * absent, and read to its end on start (read_committed: only state of committed transactions,
 * i.e. state that belongs to the committed offsets). Later records of a key replace earlier ones,
 * a tombstone removes the key, as compaction itself does.
 */
final class StateTopic {
    /** How long a freshly created topic may take to appear in the broker's metadata. */
    private static final Duration METADATA_WAIT = Duration.ofSeconds(30);

    private StateTopic() {
    }

    /** Creates the topic (one partition, compacted) unless it exists; an existing topic is used as it is. */
    static void ensure(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            if (admin.listTopics().names().get().contains(topic)) {
                return;
            }
            NewTopic t = new NewTopic(topic, 1, (short) -1).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(t)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new InputException("--state-topic " + topic + ": cannot create it: " + e.getCause().getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the state topic", e);
        }
    }

    /** Every key's latest record, read to the topic's end. */
    static Map<String, StateRecord> read(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Map<String, StateRecord> latest = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = partitions(c, topic);
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.key() == null) {
                        continue;
                    }
                    String key = new String(r.key(), java.nio.charset.StandardCharsets.UTF_8);
                    if (r.value() == null) {
                        latest.remove(key);
                    } else {
                        latest.put(key, StateRecord.read(r.key(), r.value(), topic + "/" + r.partition() + "@" + r.offset()));
                    }
                }
            }
        }
        return latest;
    }

    /**
     * The topic's partitions. {@link #ensure} has made the topic, but just after its creation the
     * broker answering the metadata request may not know it yet, and the consumer then reports no
     * partitions: that means "not yet", not an empty state, so ask again until it is known.
     */
    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> c, String topic) {
        long deadline = System.nanoTime() + METADATA_WAIT.toNanos();
        while (true) {
            List<PartitionInfo> infos = c.partitionsFor(topic, METADATA_WAIT);
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            }
            if (System.nanoTime() > deadline) {
                throw new InputException("--state-topic " + topic + ": the broker does not list the topic within "
                        + METADATA_WAIT.toSeconds() + " s of its creation");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the state topic", e);
            }
        }
    }
}
