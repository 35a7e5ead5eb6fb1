package io.sentinelrisk.stream.kafka;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.sentinelrisk.core.bundle.ModelId;
import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.entity.RunningRisk;
import io.sentinelrisk.stream.DriftAlert;
import io.sentinelrisk.stream.EntityRisks;
import io.sentinelrisk.stream.RiskUpdate;
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
import java.util.Set;
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
 * continues with the state that belongs to its offsets: features and drift checks stay equal to
 * one uninterrupted run. {@link #stop()} (e.g. on SIGTERM) ends the loop after a last commit.
 *
 * <p>With a state topic ({@link KafkaScorerConfig#stateTopic()}) every commit interval is one
 * Kafka transaction instead: its outputs, the changed entities' state records, the drift
 * monitor's state (when drift is monitored) and the offsets commit together, so the compacted topic always holds the state as of the committed offsets, and
 * a restart (which fences and so aborts a crashed run's open transaction) reads it back and
 * continues from those offsets. Entity risk ({@link KafkaScorerConfig#riskTopic()}) is kept per
 * entity alongside.
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
    /** How long a missing input topic is looked up again (one just created may not be in the metadata yet). */
    private static final long TOPIC_WAIT_MS = 10_000;

    private final Pipeline pipeline;
    private final KafkaScorerConfig config;
    private final StreamScorer scorer;
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicReference<Exception> produceError = new AtomicReference<>();
    private final EntityRisks risks;
    private final String modelId;
    /** Entities whose feature state / risk changed since the last commit: what goes to the state topic. */
    private final Set<String> dirtyFeatures = new HashSet<>();
    private final Set<String> dirtyRisks = new HashSet<>();
    /** The offsets of the last commit (with a state topic): the drift state is written only when they moved. */
    private Map<Integer, Long> committedOffsets = Map.of();
    private volatile boolean stopping;
    private volatile boolean halted;
    private volatile long consumedSoFar;
    private long firstNanos;
    private long lastNanos;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    /** What a run reports as it goes (the command prints it; tests ignore it). */
    public interface Progress extends Consumer<RunSummary> {
    }

    public KafkaScorer(Pipeline pipeline, KafkaScorerConfig config) {
        this.pipeline = pipeline;
        this.config = config;
        this.scorer = new StreamScorer(pipeline, config.scorer());
        this.risks = config.riskTopic() == null ? null : new EntityRisks(config.riskHalfLifeMs());
        this.modelId = ModelId.of(pipeline);
    }

    /** Whether outputs, state and offsets go in Kafka transactions (with a state topic). */
    private boolean transactional() {
        return config.stateTopic() != null;
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
                if (transactional()) {
                    StateTopic.ensure(config.bootstrap(), config.stateTopic());
                    // fences a previous run with the same id and aborts its open transaction: what it
                    // wrote after its last commit (outputs, state) is then invisible, and its events are read again
                    producer.initTransactions();
                    restoreFromTopic();
                }
                next = restore(c, parts);
                if (transactional()) {
                    producer.beginTransaction();
                }
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
                        if (firstNanos == 0) {
                            firstNanos = System.nanoTime();
                        }
                        String value = r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8);
                        String source = r.topic() + "/" + r.partition() + "@" + r.offset();
                        StreamOutcome o = scorer.score(value, source);
                        if (o instanceof StreamOutcome.Scored s) {
                            if (transactional() && !s.late() && !s.entity().isEmpty() && scorer.stateful()) {
                                dirtyFeatures.add(s.entity());
                            }
                            RiskUpdate u = risks == null ? null : risks.add(s.alert());
                            if (u != null) {
                                if (transactional()) {
                                    dirtyRisks.add(u.entity());
                                }
                                send(producer, new ProducerRecord<>(config.riskTopic(), bytes(u.entity()), Json.bytes(u)));
                            }
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
                    if (!records.isEmpty()) {
                        lastNanos = System.nanoTime();
                    }
                    long now = System.nanoTime();
                    if (dirty && now - lastCommit >= config.commitIntervalMs() * 1_000_000L) {
                        commit(c, producer, next, true);
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
            if (halted) {
                // as a crash: nothing awaited, an open transaction left for the next run to abort
                producer.close(Duration.ZERO);
            } else if (dirty || transactional()) {
                // with transactions one is always open: commit it, even empty, so that nothing waits on it
                try {
                    commit(c, producer, next, false);
                } catch (WakeupException e) {
                    // the stop's wakeup came after the last poll and hit the commit: it fires once, so commit again
                    commit(c, producer, next, false);
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

    /**
     * Stops the loop at once, without a last commit: what a crash leaves behind (the work since the
     * last commit is read again by the next run; with a state topic its open transaction is
     * aborted). For recovery tests and drills; {@link #stop} is the clean way.
     */
    public boolean halt(long waitMs) {
        halted = true;
        return stop(waitMs);
    }

    /** Messages read so far by the running loop (from any thread). */
    public long consumed() {
        return consumedSoFar;
    }

    private RunSummary summary(long consumed, long alerts, long drifts, long commits, long start) {
        StreamScorer.Counts n = scorer.counts();
        return new RunSummary(consumed, n.scored(), alerts, n.late(), n.deadLetters(), drifts, commits,
                (System.nanoTime() - start) / 1e9, firstNanos == 0 ? 0 : (lastNanos - firstNanos) / 1e9);
    }

    /**
     * Every partition of the input topic; an InputException naming the topic when it does not
     * exist. A topic created just before may be missing from the answering broker's metadata for
     * a moment (the consumer then lists no partition): asked again for {@link #TOPIC_WAIT_MS}
     * before the topic is declared missing.
     */
    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> c) {
        long deadline = System.nanoTime() + TOPIC_WAIT_MS * 1_000_000L;
        while (true) {
            List<PartitionInfo> infos;
            try {
                infos = c.partitionsFor(config.inTopic(), Duration.ofSeconds(30));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                throw new InputException("--bootstrap " + config.bootstrap() + ": no broker answered within 30 s (" + e.getMessage() + ")");
            }
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            if (System.nanoTime() > deadline || stopping) {
                throw new InputException("--in: topic '" + config.inTopic() + "' does not exist on " + config.bootstrap());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while looking up the input topic", e);
            }
        }
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
            if (snap.drift() != null) {
                scorer.restoreDrift(snap.drift(), where);
            }
            next.putAll(snap.offsets());
            LOG.info("restored {} entities and the offsets {} from {}", scorer.entities(), snap.offsets(), where);
        } else if (config.stateDir() == null && config.stateTopic() == null && scorer.stateful()) {
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

    /**
     * Without a state topic: waits for every produced record's acknowledgement, saves state and
     * offsets, commits the offsets. With one: adds the changed entities' state and the offsets to
     * the open transaction and commits it (then opens the next one unless {@code more} is false):
     * outputs, state and offsets become visible together or not at all.
     */
    private void commit(KafkaConsumer<byte[], byte[]> c, KafkaProducer<byte[], byte[]> producer, Map<Integer, Long> next, boolean more) {
        if (transactional()) {
            commitTransaction(c, producer, next, more);
            return;
        }
        producer.flush();
        Exception failed = produceError.get();
        if (failed != null) {
            // not acknowledged: committing would lose those alerts; stop, and a restart replays them
            throw new IllegalStateException("the broker did not take an alert: " + failed.getMessage(), failed);
        }
        if (config.stateDir() != null) {
            new StateSnapshot(config.inTopic(), ModelId.of(pipeline), next, scorer.stateBytes(), scorer.driftStateBytes())
                    .write(config.stateDir());
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        next.forEach((p, o) -> offsets.put(new TopicPartition(config.inTopic(), p), new OffsetAndMetadata(o)));
        c.commitSync(offsets);
    }

    private void commitTransaction(KafkaConsumer<byte[], byte[]> c, KafkaProducer<byte[], byte[]> producer, Map<Integer, Long> next,
                                   boolean more) {
        for (String key : dirtyFeatures) {
            byte[] st = scorer.entityState(key);
            StateRecord r = new StateRecord(StateRecord.Kind.FEATURES, key, config.inTopic(), modelId, st);
            // an entity the scorer no longer holds (idle past its plan's TTL): a tombstone, so compaction drops it
            send(producer, new ProducerRecord<>(config.stateTopic(), r.key(), st == null ? null : r.value()));
        }
        for (String entity : dirtyRisks) {
            StateRecord r = new StateRecord(StateRecord.Kind.RISK, entity, config.inTopic(), modelId, risks.of(entity).toBytes());
            send(producer, new ProducerRecord<>(config.stateTopic(), r.key(), r.value()));
        }
        byte[] drift = scorer.driftStateBytes();
        if (drift != null && !next.equals(committedOffsets)) {
            // the drift window moved with the events of this transaction: its state commits with their offsets
            StateRecord r = new StateRecord(StateRecord.Kind.DRIFT, "", config.inTopic(), modelId, drift);
            send(producer, new ProducerRecord<>(config.stateTopic(), r.key(), r.value()));
        }
        committedOffsets = Map.copyOf(next);
        dirtyFeatures.clear();
        dirtyRisks.clear();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        next.forEach((p, o) -> offsets.put(new TopicPartition(config.inTopic(), p), new OffsetAndMetadata(o)));
        producer.sendOffsetsToTransaction(offsets, c.groupMetadata());
        producer.commitTransaction();   // throws when any record of it was not taken: nothing of it is then visible
        Exception failed = produceError.get();
        if (failed != null) {
            throw new IllegalStateException("the broker did not take an alert: " + failed.getMessage(), failed);
        }
        if (more) {
            producer.beginTransaction();
        }
    }

    /** Loads every entity's feature state and risk from the state topic, as of the last committed transaction. */
    private void restoreFromTopic() {
        Map<String, StateRecord> records = StateTopic.read(config.bootstrap(), config.stateTopic());
        int features = 0;
        int risk = 0;
        for (StateRecord r : records.values()) {
            String where = "--state-topic " + config.stateTopic() + " (" + r.kind().prefix + r.entity() + ")";
            if (!r.topic().equals(config.inTopic()) || !r.modelId().equals(modelId)) {
                throw new InputException(where + ": the state is of topic '" + r.topic() + "' and " + (r.modelId().equals(modelId)
                        ? "this model" : "another model") + "; scoring '" + config.inTopic() + "' with this model needs another --state-topic");
            }
            if (r.kind() == StateRecord.Kind.FEATURES && scorer.stateful()) {
                scorer.putEntityState(r.entity(), r.bytes(), where);
                features++;
            } else if (r.kind() == StateRecord.Kind.RISK && risks != null) {
                risks.put(r.entity(), RunningRisk.fromBytes(r.bytes(), where));
                risk++;
            } else if (r.kind() == StateRecord.Kind.DRIFT) {
                scorer.restoreDrift(r.bytes(), where);
            }
        }
        LOG.info("restored {} entities' feature state and {} entities' risk from the state topic {}", features, risk, config.stateTopic());
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
        // a mistyped --in must be an error, not a new empty topic that the scorer then waits on
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
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
        if (transactional()) {
            // one id per group and input: a restart fences the run it replaces
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "sentinel-stream-" + config.group() + "-" + config.inTopic());
        }
        return p;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
