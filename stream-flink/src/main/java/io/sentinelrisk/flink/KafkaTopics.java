package io.sentinelrisk.flink;

import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;

/** The job's Kafka ends: a read_committed source of event values and exactly-once sinks of keyed values. */
final class KafkaTopics {
    /**
     * Transactions stay open from one checkpoint to the next; 15 minutes is the broker's default
     * {@code transaction.max.timeout.ms} (the client's default of one hour would be refused).
     */
    static final int TRANSACTION_TIMEOUT_MS = 15 * 60 * 1000;

    private KafkaTopics() {
    }

    /**
     * Event values of the input topic. A new run starts at the group's committed offsets (those of
     * the last completed checkpoint), or at the earliest record when the group has none.
     */
    static KafkaSource<String> source(JobOptions o) {
        var b = KafkaSource.<String>builder()
                .setBootstrapServers(o.bootstrap())
                .setTopics(o.in())
                .setGroupId(o.group())
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setValueOnlyDeserializer(new SimpleStringSchema(StandardCharsets.UTF_8))
                // input written by transactional producers: never read what they aborted
                .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .setProperty("commit.offsets.on.checkpoint", "true");
        if (o.bounded()) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return b.build();
    }

    /**
     * Exactly-once: records go out in a Kafka transaction committed when the checkpoint that
     * covers them completes, so read_committed readers see each record once, even across restarts.
     */
    static KafkaSink<Tuple2<String, String>> sink(JobOptions o, String topic, String idSuffix) {
        return KafkaSink.<Tuple2<String, String>>builder()
                .setBootstrapServers(o.bootstrap())
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(o.transactionalIdPrefix() + "-" + idSuffix)
                .setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Integer.toString(TRANSACTION_TIMEOUT_MS))
                .setRecordSerializer(new KeyedValues(topic))
                .build();
    }

    /** (key, value) as a UTF-8 record of one topic; a null key lets Kafka spread the records. */
    private record KeyedValues(String topic) implements KafkaRecordSerializationSchema<Tuple2<String, String>> {
        @Override
        public ProducerRecord<byte[], byte[]> serialize(Tuple2<String, String> kv, KafkaSinkContext context, Long timestamp) {
            byte[] key = kv.f0 == null ? null : kv.f0.getBytes(StandardCharsets.UTF_8);
            return new ProducerRecord<>(topic, null, timestamp, key, kv.f1.getBytes(StandardCharsets.UTF_8));
        }
    }
}
