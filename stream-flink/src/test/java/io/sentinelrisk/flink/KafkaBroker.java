package io.sentinelrisk.flink;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node KRaft broker in the test JVM (Kafka's own test kit), with the topic and
 * client helpers the job's tests need: replay topics keep their records forever, producers wait
 * for every acknowledgement, readers see committed transactions only.
 */
final class KafkaBroker implements AutoCloseable {
    private final KafkaClusterTestKit cluster;

    private KafkaBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    static KafkaBroker start(Path dir) throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).setBaseDirectory(dir).build())
                // one broker: internal topics (offsets, transactions) cannot have more replicas
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return new KafkaBroker(cluster);
    }

    String bootstrap() {
        return cluster.bootstrapServers();
    }

    /** Creates topics that never drop a record (replays of old event times must not expire) and waits for their leaders. */
    void createTopics(int partitions, String... names) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            List<NewTopic> topics = new ArrayList<>();
            for (String name : names) {
                topics.add(new NewTopic(name, partitions, (short) 1).configs(Map.of("retention.ms", "-1")));
            }
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (String name : names) {
                while (true) {
                    if (led(admin, name)) {
                        break;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("no leader for topic " + name);
                    }
                    Thread.sleep(50);
                }
            }
        }
    }

    /**
     * Whether every partition of the topic has a leader. Just after creation the broker's metadata
     * may not know the topic yet, and answers "unknown topic": that is "not yet", not a failure.
     */
    private static boolean led(Admin admin, String name) throws Exception {
        try {
            TopicDescription d = admin.describeTopics(List.of(name)).allTopicNames().get(30, TimeUnit.SECONDS).get(name);
            return d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
    }

    /** Sends values in order (keyed by {@code keys[i]} when given, so an entity's events stay in one partition). */
    void produce(String topic, List<String> keys, List<String> values) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // one request in flight: a retry after a leadership hiccup cannot reorder an entity's events
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            // the first record synchronously: the broker serves the new topic before the stream starts
            producer.send(new ProducerRecord<>(topic, keys == null ? null : keys.get(0), values.get(0))).get(30, TimeUnit.SECONDS);
            for (int i = 1; i < values.size(); i++) {
                producer.send(new ProducerRecord<>(topic, keys == null ? null : keys.get(i), values.get(i)));
            }
            producer.flush();
        }
        long written = endOffsets(topic);
        if (written != values.size()) {
            throw new IllegalStateException("topic " + topic + " holds " + written + " records, " + values.size() + " were sent");
        }
    }

    private long endOffsets(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            return consumer.endOffsets(parts).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Every committed record of a topic, from the beginning (read_committed), waiting at most {@code timeout} for {@code atLeast} of them. */
    List<ConsumerRecord<String, String>> readCommitted(String topic, int atLeast, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long deadline = System.nanoTime() + timeout.toNanos();
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                if (out.size() >= atLeast && caughtUp(consumer, parts, end)) {
                    break;
                }
                end = consumer.endOffsets(parts);
            }
        }
        return out;
    }

    /**
     * Every committed record of a topic, read from the start to the end of its log as it is now,
     * once the writers have finished. The end is the high watermark, not the read_committed end
     * (the last stable offset): a transaction's commit returns before its markers are in the log,
     * and until they are, the last stable offset stops before that transaction's records. For
     * "exactly these records" checks: no timeout that must be long enough to fetch them all on a
     * slow machine.
     */
    List<ConsumerRecord<String, String>> readAll(String topic) throws InterruptedException {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = List.of();
            while (parts.isEmpty()) {
                // no partitions: the consumer's metadata does not know the topic yet
                parts = consumer.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
                if (parts.isEmpty()) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("topic " + topic + " unknown to the broker");
                    }
                    Thread.sleep(50);
                }
            }
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = logEnds(parts);
            while (!caughtUp(consumer, parts, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic " + topic + " not read to its end " + end + " within 120 s; got " + out.size());
                }
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    private static boolean caughtUp(KafkaConsumer<String, String> consumer, List<TopicPartition> parts, Map<TopicPartition, Long> end) {
        for (TopicPartition tp : parts) {
            if (consumer.position(tp) < end.get(tp)) {
                return false;
            }
        }
        return true;
    }

    /** Each partition's high watermark: the end of its log, transaction markers included. */
    private Map<TopicPartition, Long> logEnds(List<TopicPartition> parts) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            return c.endOffsets(parts);
        }
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
