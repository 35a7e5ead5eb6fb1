package io.sentinelrisk.flink;

import io.sentinelrisk.stream.kafka.KafkaScorer;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

    /** Header on the output record of an event scored late (as the plain Kafka scorer writes it). */
    static final String LATE_HEADER = KafkaScorer.LATE_HEADER;
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.UTF_8);

    private KafkaTopics() {
    }

    /**
     * Event values of the input topic. A new run starts at the group's committed offsets (those of
     * the last completed checkpoint), or at the earliest record when the group has none.
     */
    static KafkaSource<Tuple2<String, String>> source(JobOptions o) {
        var b = KafkaSource.<Tuple2<String, String>>builder()
                .setBootstrapServers(o.bootstrap())
                .setTopics(o.in())
                .setGroupId(o.group())
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new SourcedValues())
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
    static KafkaSink<Tuple3<String, String, Boolean>> sink(JobOptions o, String topic, String idSuffix) {
        return KafkaSink.<Tuple3<String, String, Boolean>>builder()
                .setBootstrapServers(o.bootstrap())
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(o.transactionalIdPrefix() + "-" + idSuffix)
                .setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Integer.toString(TRANSACTION_TIMEOUT_MS))
                .setRecordSerializer(new KeyedValues(topic))
                .build();
    }

    /**
     * (where, value): {@code where} = topic/partition@offset (as the plain Kafka scorer names it) names the event in its alert, so that
     * a bundle without an id column still gets distinct alert ids that a replay reproduces. A
     * record without a value (a tombstone) is kept as null: it becomes a dead letter.
     */
    private static final class SourcedValues implements KafkaRecordDeserializationSchema<Tuple2<String, String>> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<Tuple2<String, String>> out) {
            String value = r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8);
            out.collect(Tuple2.of(r.topic() + "/" + r.partition() + "@" + r.offset(), value));
        }

        @Override
        public TypeInformation<Tuple2<String, String>> getProducedType() {
            return Types.TUPLE(Types.STRING, Types.STRING);
        }
    }

    /**
     * (key, value, late) as a UTF-8 record of one topic; a null key lets Kafka spread the records.
     * A late event's alert keeps the one alert shape and says so in a header, {@code sentinel-late: true}.
     */
    private record KeyedValues(String topic) implements KafkaRecordSerializationSchema<Tuple3<String, String, Boolean>> {
        @Override
        public ProducerRecord<byte[], byte[]> serialize(Tuple3<String, String, Boolean> kv, KafkaSinkContext context, Long timestamp) {
            byte[] key = kv.f0 == null ? null : kv.f0.getBytes(StandardCharsets.UTF_8);
            ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, null, timestamp, key, kv.f1.getBytes(StandardCharsets.UTF_8));
            if (Boolean.TRUE.equals(kv.f2)) {
                r.headers().add(LATE_HEADER, TRUE);
            }
            return r;
        }
    }
}
