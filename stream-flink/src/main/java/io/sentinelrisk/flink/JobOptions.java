package io.sentinelrisk.flink;

import java.nio.file.Path;

/**
 * What one run of the job reads, writes and keeps.
 *
 * @param model           the bundle (read by the client that submits the job; its bytes travel with the job)
 * @param bootstrap       Kafka bootstrap servers, {@code HOST:PORT[,HOST:PORT...]}
 * @param in              topic of raw events (JSON objects)
 * @param out             topic of scored events ({@code Alert} JSON, keyed by entity)
 * @param deadLetter      topic of malformed events with the reason
 * @param group           consumer group of the source (its committed offsets are where a new run starts)
 * @param checkpointDir   where checkpoints go ({@code file:///…}, {@code s3://…}); null: the job manager's memory
 * @param checkpointMs    checkpoint interval; output becomes visible to read_committed readers at each checkpoint
 * @param transactionalIdPrefix prefix of the Kafka transactional ids of the exactly-once sink (one per job)
 * @param parallelism     parallel instances of each operator (slots used)
 * @param bounded         stop once the records present at start are scored (a replay), instead of running forever
 * @param allEvents       write every scored event to {@code out}, not only the alerts (is_anomaly)
 * @param restore         a retained checkpoint or savepoint to start from (local runs; {@code flink run -s} on a cluster)
 * @param driftTopic      topic of drift alerts; null: logged only
 * @param driftWindow     events in the sliding drift window (one window for the whole job); 0 = no drift monitoring
 * @param driftEvery      a drift check every this many events
 * @param riskTopic       topic of entity-risk updates; null: none computed
 * @param riskHalfLifeMs  the half-life of entity risk
 */
public record JobOptions(Path model, String bootstrap, String in, String out, String deadLetter, String group,
                         String checkpointDir, long checkpointMs, String transactionalIdPrefix, int parallelism,
                         boolean bounded, boolean allEvents, String restore, String driftTopic, int driftWindow, int driftEvery,
                         String riskTopic, long riskHalfLifeMs) {
    public static final long DEFAULT_CHECKPOINT_MS = 10_000;
    /** As {@code sentinel stream run}. */
    public static final int DEFAULT_DRIFT_WINDOW = 5000;
    public static final int DEFAULT_DRIFT_EVERY = 1000;
    public static final long DEFAULT_RISK_HALF_LIFE_MS = io.sentinelrisk.core.entity.EntityRisk.DEFAULT_HALF_LIFE_MS;

    /** Without drift monitoring and entity risk. */
    public JobOptions(Path model, String bootstrap, String in, String out, String deadLetter, String group,
                      String checkpointDir, long checkpointMs, String transactionalIdPrefix, int parallelism,
                      boolean bounded, boolean allEvents, String restore) {
        this(model, bootstrap, in, out, deadLetter, group, checkpointDir, checkpointMs, transactionalIdPrefix, parallelism, bounded,
                allEvents, restore, null, 0, DEFAULT_DRIFT_EVERY, null, DEFAULT_RISK_HALF_LIFE_MS);
    }
    public static final String DEFAULT_GROUP = "sentinel-flink";
    public static final String DEFAULT_TRANSACTIONAL_ID_PREFIX = "sentinel-flink";

    public JobOptions {
        if (checkpointMs < 10) {
            throw new IllegalArgumentException("--checkpoint-interval must be at least 10 ms, got " + checkpointMs);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("--parallelism must be at least 1, got " + parallelism);
        }
        if (driftWindow < 0 || driftEvery < 1) {
            throw new IllegalArgumentException("--drift-window must be at least 0 and --drift-every at least 1");
        }
        if (riskHalfLifeMs < 1) {
            throw new IllegalArgumentException("--risk-half-life must be positive");
        }
    }

    /** The dead-letter topic: the given one, else {@code <in>.dead-letter}. */
    public static String deadLetterOf(String given, String in) {
        return given != null ? given : in + ".dead-letter";
    }
}
