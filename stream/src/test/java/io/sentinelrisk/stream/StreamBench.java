package io.sentinelrisk.stream;

import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.stream.kafka.KafkaScorer;
import io.sentinelrisk.stream.kafka.KafkaScorerConfig;
import io.sentinelrisk.stream.kafka.RunSummary;
import io.sentinelrisk.stream.sim.EventFile;
import io.sentinelrisk.stream.sim.KafkaSink;
import io.sentinelrisk.stream.sim.SimEvent;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Throughput of the stream scorer (bench/stream.sh): the in-process {@link StreamScorer} alone
 * over a file's events, then the plain Kafka scorer over the same events from a topic, both in
 * this JVM against a broker on loopback. Prints one JSON line per measurement.
 *
 * <p>Arguments: MODEL INPUT BOOTSTRAP TOPIC_PREFIX [ROUNDS]
 */
public final class StreamBench {
    private StreamBench() {
    }

    public static void main(String[] args) throws Exception {
        Pipeline pipeline = Bundles.read(Path.of(args[0]));
        List<SimEvent> events = EventFile.read(Path.of(args[1]), null, null);
        String bootstrap = args[2];
        String prefix = args[3];
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        int n = events.size();

        try (KafkaSink sink = new KafkaSink(bootstrap, prefix + "-events")) {
            for (int from = 0; from < n; from += 1000) {
                sink.send(events.subList(from, Math.min(n, from + 1000)));
            }
        }
        // a warm-up of each, then the two alternate (round r of one, round r of the other), so that
        // neither gets the quieter minutes of a shared machine or the later JIT by its place
        score(pipeline, events);
        kafka(pipeline, bootstrap, prefix, "warm", n);
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            score(pipeline, events);
            print("in_process", r, n, (System.nanoTime() - t0) / 1e9);
            double[] k = kafka(pipeline, bootstrap, prefix, Integer.toString(r), n);
            print("kafka", r, (long) k[0], k[1]);
        }
    }

    /** One run of the Kafka scorer over the topic from its start (a new group): events read and seconds from the first to the last. */
    private static double[] kafka(Pipeline pipeline, String bootstrap, String prefix, String round, int n) throws Exception {
        KafkaScorerConfig cfg = new KafkaScorerConfig(bootstrap, prefix + "-events", prefix + "-alerts", prefix + "-g" + round, null, null,
                null, false, 1000, StreamScorer.Options.defaults());
        KafkaScorer scorer = new KafkaScorer(pipeline, cfg);
        CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(() -> scorer.run(p -> { }));
        // timed from the first event read to the last (the consumer's start-up left out)
        long first = 0;
        while (!run.isDone() && scorer.consumed() < n) {
            if (first == 0 && scorer.consumed() > 0) {
                first = System.nanoTime();
            }
            Thread.sleep(2);
        }
        long last = System.nanoTime();
        scorer.stop(60_000);
        RunSummary s = run.get(60, TimeUnit.SECONDS);
        return new double[] {s.consumed(), (last - first) / 1e9};
    }

    private static void score(Pipeline pipeline, List<SimEvent> events) {
        StreamScorer s = new StreamScorer(pipeline);
        for (SimEvent e : events) {
            s.score(e.json(), "bench");
        }
    }

    private static void print(String what, int round, long events, double seconds) {
        System.out.printf(Locale.ROOT, "{\"path\":\"%s\",\"round\":%d,\"events\":%d,\"seconds\":%.3f,\"events_per_s\":%.1f}%n",
                what, round, events, seconds, events / seconds);
    }
}
