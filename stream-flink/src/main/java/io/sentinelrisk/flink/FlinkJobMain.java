package io.sentinelrisk.flink;

import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;
import io.sentinelrisk.core.error.SentinelException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

/**
 * The job jar's main: {@code flink run sentinel-flink-job.jar --model … --bootstrap … --in … --out …}
 * on a cluster, or {@code java -jar sentinel-flink-job.jar --local …} (what {@code sentinel flink run}
 * starts) on a MiniCluster in this JVM.
 *
 * <p>The bundle is read here, on the submitting side, and its bytes travel inside the job (the
 * scoring functions hold them): task managers need no shared file system and no copy of the
 * model; each reads it once in {@code open()}. A bad model fails here, before any submission.
 */
public final class FlinkJobMain {
    private static final String NAME = "sentinel-flink-job";

    private FlinkJobMain() {
    }

    public static void main(String[] args) throws Exception {
        int code;
        try {
            code = run(List.of(args));
        } catch (SentinelException e) {
            System.err.println(NAME + ": error: " + e.getMessage());
            code = e.exitCode();
        }
        System.exit(code);
    }

    static int run(List<String> args) throws Exception {
        JobArgs.Parsed parsed = JobArgs.parse(args);
        if (parsed.help()) {
            System.out.println(JobArgs.USAGE);
            return 0;
        }
        JobOptions o = parsed.options();
        byte[] bundle = readBundle(o);
        if (o.driftWindow() > 0 && Bundles.read(o.model()).profile().isEmpty()) {
            System.err.println(NAME + ": " + o.model() + " keeps no training profile (made by an older release): no drift monitoring");
            o = new JobOptions(o.model(), o.bootstrap(), o.in(), o.out(), o.deadLetter(), o.group(), o.checkpointDir(), o.checkpointMs(),
                    o.transactionalIdPrefix(), o.parallelism(), o.bounded(), o.allEvents(), o.restore(), o.driftTopic(), 0, o.driftEvery(),
                    o.riskTopic(), o.riskHalfLifeMs());
        }
        Configuration conf = new Configuration();
        if (o.checkpointDir() != null) {
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, o.checkpointDir());
            // kept when the job is cancelled or fails for good: a later run restores from it
            conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        }
        StreamExecutionEnvironment env;
        if (parsed.local()) {
            if (o.restore() != null) {
                conf.set(StateRecoveryOptions.SAVEPOINT_PATH, o.restore());
                conf.set(StateRecoveryOptions.RESTORE_MODE, RecoveryClaimMode.NO_CLAIM);
            }
            // a failing task restarts from the last checkpoint a few times, then the run stops with its error
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
            env = StreamExecutionEnvironment.createLocalEnvironment(o.parallelism(), conf);
        } else {
            env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        }
        SentinelFlinkJob.build(env, o, bundle);
        JobExecutionResult result = env.execute("sentinel " + o.in() + " -> " + o.out() + " (" + o.model().getFileName() + ")");
        if (result.isJobExecutionResult()) {
            System.err.println(NAME + ": " + RunTotals.of(result).line());
        }
        return 0;
    }

    /** The bundle's bytes, verified by reading them as a model (so a bad file fails here, in one line). */
    private static byte[] readBundle(JobOptions o) {
        Bundles.read(o.model());
        try {
            return Files.readAllBytes(o.model());
        } catch (IOException e) {
            throw new InputException(InputLocation.file(o.model().toString()), "cannot read the model: " + e.getMessage());
        }
    }
}
