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
 */
public record JobOptions(Path model, String bootstrap, String in, String out, String deadLetter, String group,
                         String checkpointDir, long checkpointMs, String transactionalIdPrefix, int parallelism,
                         boolean bounded, boolean allEvents, String restore) {
    public static final long DEFAULT_CHECKPOINT_MS = 10_000;
    public static final String DEFAULT_GROUP = "sentinel-flink";
    public static final String DEFAULT_TRANSACTIONAL_ID_PREFIX = "sentinel-flink";

    public JobOptions {
        if (checkpointMs < 10) {
            throw new IllegalArgumentException("--checkpoint-interval must be at least 10 ms, got " + checkpointMs);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("--parallelism must be at least 1, got " + parallelism);
        }
    }

    /** The dead-letter topic: the given one, else {@code <in>.dead-letter}. */
    public static String deadLetterOf(String given, String in) {
        return given != null ? given : in + ".dead-letter";
    }
}
