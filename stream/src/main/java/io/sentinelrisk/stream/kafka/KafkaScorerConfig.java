package io.sentinelrisk.stream.kafka;

import io.sentinelrisk.stream.StreamScorer;

import java.nio.file.Path;

/**
 * How {@link KafkaScorer} runs.
 *
 * @param bootstrap        the brokers, {@code HOST:PORT[,HOST:PORT…]}
 * @param inTopic          raw events, one JSON object per message
 * @param outTopic         alerts (the {@code Alert} JSON), keyed by entity
 * @param group            the consumer group whose offsets are committed
 * @param deadLetterTopic  where events that cannot be scored go with the reason; null: logged only
 * @param driftTopic       where drift alerts go; null: logged only
 * @param stateDir         where the entity state is saved with the offsets, so a restart continues
 *                         with the same features; null: state lives only in memory
 * @param emitAll          write every scored event's alert, not only those above the threshold
 * @param commitIntervalMs how often produced alerts are awaited, the state saved and offsets committed
 * @param scorer           the scorer's options (drift window, allowed lateness)
 * @param riskTopic        where each entity's decayed risk goes when an alert moves it; null: not computed
 * @param riskHalfLifeMs   the half-life of entity risk
 * @param stateTopic       a compacted topic of every entity's state, written in the Kafka transaction
 *                         that also carries the outputs and commits the offsets; null: none (and no
 *                         transactions)
 */
public record KafkaScorerConfig(String bootstrap, String inTopic, String outTopic, String group, String deadLetterTopic,
                                String driftTopic, Path stateDir, boolean emitAll, long commitIntervalMs,
                                StreamScorer.Options scorer, String riskTopic, long riskHalfLifeMs, String stateTopic) {
    public KafkaScorerConfig {
        if (commitIntervalMs < 1) {
            throw new IllegalArgumentException("the commit interval must be positive");
        }
        if (riskHalfLifeMs < 1) {
            throw new IllegalArgumentException("the risk half-life must be positive");
        }
        if (stateDir != null && stateTopic != null) {
            throw new IllegalArgumentException("the state is kept in a directory or in a topic, not both");
        }
    }

    /** Without entity risk and without a state topic. */
    public KafkaScorerConfig(String bootstrap, String inTopic, String outTopic, String group, String deadLetterTopic,
                             String driftTopic, Path stateDir, boolean emitAll, long commitIntervalMs, StreamScorer.Options scorer) {
        this(bootstrap, inTopic, outTopic, group, deadLetterTopic, driftTopic, stateDir, emitAll, commitIntervalMs, scorer, null,
                io.sentinelrisk.core.entity.EntityRisk.DEFAULT_HALF_LIFE_MS, null);
    }
}
