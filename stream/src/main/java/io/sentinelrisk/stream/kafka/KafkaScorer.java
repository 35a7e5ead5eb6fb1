package io.sentinelrisk.stream.kafka;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.sentinelrisk.core.bundle.ModelId;
import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.stream.DriftAlert;
import io.sentinelrisk.stream.StreamOutcome;
import io.sentinelrisk.stream.StreamScorer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The Kafka scorer without a stream engine: plain Kafka clients around one {@link StreamScorer}
 * (one-process mode). Reads every partition of the input topic, scores each event, writes the
 * alerts (and dead letters, drift alerts) and, every commit interval: waits until the broker has
 * acknowledged everything produced, saves the entity state with the next offsets
 * ({@link StateSnapshot}), then commits those offsets. So delivery is at least once (a crash
 * replays at most one interval, and its alerts come again with the same ids), and a restart
 * continues with the state that belongs to its offsets: features stay equal to one
 * uninterrupted run. {@link #stop()} (e.g. on SIGTERM) ends the loop after a last commit.
 *
 * <p>One instance reads all partitions of its topic (to scale out, run the Flink job). Each
 * entity's events must be in one partition, in time order, for batch-equal features; an event
 * older than its entity's latest one is scored, flagged with the header {@code sentinel-late} and
 * counted.
 */
public final class KafkaScorer {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaScorer.class);
    /** Header on an alert of a late event. */
    public static final String LATE_HEADER = "sentinel-late";
    private static final long PROGRESS_EVERY_MS = 10_000;

    private final Pipeline pipeline;
    private final KafkaScorerConfig config;
    private final StreamScorer scorer;
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicReference<Exception> produceError = new AtomicReference<>();
    private volatile boolean stopping;
    private volatile long consumedSoFar;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    /** What a run reports as it goes (the command prints it; tests ignore it). */
    public interface Progress extends Consumer<RunSummary> {
    }

    public KafkaScorer(Pipeline pipeline, KafkaScorerConfig config) {
        this.pipeline = pipeline;
        this.config = config;
        this.scorer = new StreamScorer(pipeline, config.scorer());
    }

    /** A dead letter as written to the dead-letter topic. */
    @JsonPropertyOrder({"reason", "source", "raw"})
    public record DeadLetterMessage(@JsonProperty("reason") String reason, @JsonProperty("source") String source,
                                    @JsonProperty("raw") String raw) {
    }

    /** Runs until {@link #stop()}; returns what it did. */
    public RunSummary run(Progress progress) {
        long start = System.nanoTime();
        long consumed = 0;
        long alerts = 0;
        long drifts = 0;
        long commits = 0;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProps());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps())) {
            consumer = c;
            if (stopping) {
                c.wakeup();
            }
            Map<Integer, Long> next;
            try {
                List<TopicPartition> parts = partitions(c);
                c.assign(parts);
                next = restore(c, parts);
            } catch (WakeupException e) {
                if (!stopping) {
                    throw e;
                }
                return summary(0, 0, 0, 0, start);   // stopped while starting: nothing read, nothing to commit
            }
            long lastCommit = System.nanoTime();
            long lastProgress = lastCommit;
            boolean dirty = false;
            try {
                while (!stopping) {
                    ConsumerRecords<byte[], byte[]> records = c.poll(Duration.ofMillis(200));
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        consumed++;
                        consumedSoFar = consumed;
                        String value = r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8);
                        String source = r.topic() + "/" + r.partition() + "@" + r.offset();
                        StreamOutcome o = scorer.score(value, source);
                        if (o instanceof StreamOutcome.Scored s) {
                            if (config.emitAll() || s.isAnomaly()) {
                                ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(config.outTopic(),
                                        bytes(s.entity().isEmpty() ? s.alert().alertId() : s.entity()), Json.bytes(s.alert()));
                                if (s.late()) {
                                    out.headers().add(LATE_HEADER, bytes("true"));
                                }
                                send(producer, out);
                                alerts++;
                            }
                            if (s.drift() != null) {
                                drifts++;
                                drift(producer, s.drift());
                            }
                        } else if (o instanceof StreamOutcome.DeadLetter d) {
                            deadLetter(producer, r, d, source);
                        }
                        next.put(r.partition(), r.offset() + 1);
                        dirty = true;
                    }
                    long now = System.nanoTime();
                    if (dirty && now - lastCommit >= config.commitIntervalMs() * 1_000_000L) {
                        commit(c, producer, next);
                        commits++;
                        dirty = false;
                        lastCommit = now;
                    }
                    if (now - lastProgress >= PROGRESS_EVERY_MS * 1_000_000L) {
                        progress.accept(summary(consumed, alerts, drifts, commits, start));
                        lastProgress = now;
                    }
                }
            } catch (WakeupException e) {
                if (!stopping) {
                    throw e;
                }
            }
            if (dirty) {
                try {
                    commit(c, producer, next);
                } catch (WakeupException e) {
                    // the stop's wakeup came after the last poll and hit the commit: it fires once, so commit again
                    commit(c, producer, next);
                }
                commits++;
            }
        } finally {
            consumer = null;
            done.countDown();
        }
        RunSummary s = summary(consumed, alerts, drifts, commits, start);
        LOG.info("stopped after {} events: {} scored, {} alerts, {} late, {} dead letters", s.consumed(), s.scored(), s.alerts(),
                s.late(), s.deadLetters());
        return s;
    }

    /**
     * Asks the loop to stop after a last commit, and waits up to {@code waitMs} for it (from
     * another thread: a shutdown hook). Returns whether it stopped in time.
     */
    public boolean stop(long waitMs) {
        stopping = true;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            return done.await(waitMs, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Messages read so far by the running loop (from any thread). */
    public long consumed() {
        return consumedSoFar;
    }

    private RunSummary summary(long consumed, long alerts, long drifts, long commits, long start) {
        StreamScorer.Counts n = scorer.counts();
        return new RunSummary(consumed, n.scored(), alerts, n.late(), n.deadLetters(), drifts, commits,
                (System.nanoTime() - start) / 1e9);
    }

    /** Every partition of the input topic; an InputException naming the topic when it does not exist. */
    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> c) {
        List<PartitionInfo> infos = c.partitionsFor(config.inTopic(), Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            throw new InputException("--in: topic '" + config.inTopic() + "' does not exist on " + config.bootstrap());
        }
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    /**
     * Positions the consumer: at the snapshot's offsets with the snapshot's state when there is
     * one (the state belongs to exactly those offsets), else at the group's committed offsets,
     * else at the beginning.
     */
    private Map<Integer, Long> restore(KafkaConsumer<byte[], byte[]> c, List<TopicPartition> parts) {
        Map<Integer, Long> next = new HashMap<>();
        StateSnapshot snap = config.stateDir() == null ? null : StateSnapshot.read(config.stateDir());
        if (snap != null) {
            String where = config.stateDir().resolve(StateSnapshot.FILE).toString();
            if (!snap.topic().equals(config.inTopic())) {
                throw new InputException(where + ": the saved state is of topic '" + snap.topic() + "', not '" + config.inTopic()
                        + "'; use another --state-dir");
            }
            if (!snap.modelId().equals(ModelId.of(pipeline))) {
                throw new InputException(where + ": the saved state was made with another model; use another --state-dir");
            }
            if (snap.state() != null) {
                scorer.loadState(snap.state(), where);
            }
            next.putAll(snap.offsets());
            LOG.info("restored {} entities and the offsets {} from {}", scorer.entities(), snap.offsets(), where);
        } else if (config.stateDir() == null && scorer.stateful()) {
            LOG.warn("no --state-dir: the entities' feature state lives only in memory, and a restart starts it afresh");
        }
        Map<TopicPartition, OffsetAndMetadata> committed = c.committed(new HashSet<>(parts));
        for (TopicPartition tp : parts) {
            Long at = next.get(tp.partition());
            if (at == null && committed.get(tp) != null) {
                at = committed.get(tp).offset();
            }
            if (at != null) {
                c.seek(tp, at);
                next.put(tp.partition(), at);
            } else {
                c.seekToBeginning(List.of(tp));
            }
        }
        return next;
    }

    /** Waits for every produced record's acknowledgement, saves state and offsets, commits the offsets. */
    private void commit(KafkaConsumer<byte[], byte[]> c, KafkaProducer<byte[], byte[]> producer, Map<Integer, Long> next) {
        producer.flush();
        Exception failed = produceError.get();
        if (failed != null) {
            // not acknowledged: committing would lose those alerts; stop, and a restart replays them
            throw new IllegalStateException("the broker did not take an alert: " + failed.getMessage(), failed);
        }
        if (config.stateDir() != null) {
            new StateSnapshot(config.inTopic(), ModelId.of(pipeline), next, scorer.stateBytes()).write(config.stateDir());
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        next.forEach((p, o) -> offsets.put(new TopicPartition(config.inTopic(), p), new OffsetAndMetadata(o)));
        c.commitSync(offsets);
    }

    private void send(KafkaProducer<byte[], byte[]> producer, ProducerRecord<byte[], byte[]> record) {
        producer.send(record, (meta, e) -> {
            if (e != null) {
                produceError.compareAndSet(null, e);
            }
        });
    }

    private void deadLetter(KafkaProducer<byte[], byte[]> producer, ConsumerRecord<byte[], byte[]> r,
                            StreamOutcome.DeadLetter d, String source) {
        if (config.deadLetterTopic() == null) {
            LOG.warn("{}: not scored: {}", source, d.reason());
            return;
        }
        send(producer, new ProducerRecord<>(config.deadLetterTopic(), r.key(),
                Json.bytes(new DeadLetterMessage(d.reason(), source, d.raw()))));
    }

    private void drift(KafkaProducer<byte[], byte[]> producer, DriftAlert alert) {
        LOG.warn("drift after {} events: {} significant (PSI ≥ 0.25)", alert.events(), alert.significant());
        if (config.driftTopic() != null) {
            send(producer, new ProducerRecord<>(config.driftTopic(), bytes("drift"), Json.bytes(alert)));
        }
    }

    private Properties consumerProps() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.group());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "sentinel-stream-" + config.group());
        return p;
    }

    private Properties producerProps() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "sentinel-stream-out-" + config.group());
        return p;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
