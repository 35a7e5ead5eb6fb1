package io.sentinelrisk.server;

import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.core.ingest.DatasetLoader;
import io.sentinelrisk.core.ingest.Dataset;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.PipelineTrainer;
import io.sentinelrisk.core.pipeline.SentinelConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Random;

/**
 * Small bundles for the server's tests, trained by core on generated logins of 40 users
 * (user, timestamp, amount, hour, country): seeded, so every run trains the same model.
 */
public final class TestModels {
    public static final String[] COUNTRIES = {"US", "DE", "FR"};
    public static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    private TestModels() {
    }

    private static final java.util.Map<String, byte[]> TRAINED = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Writes a bundle trained with {@code contamination} and {@code seed} to {@code dir}/NAME.srb
     * (trained once per test JVM for each contamination and seed).
     */
    public static Path bundle(Path dir, String name, double contamination, long seed) {
        return bundle(dir, name, contamination, seed, "iforest");
    }

    /**
     * A bundle like {@link #bundle} with another detector ({@code detector.type}): its raw scores
     * lie on that detector's scale (HBOS: sums of log densities, far above isolation forest's 0–1).
     */
    public static Path bundle(Path dir, String name, double contamination, long seed, String detector) {
        try {
            byte[] bytes = TRAINED.computeIfAbsent(detector + "/" + contamination + "/" + seed,
                    k -> train(dir, name, contamination, seed, detector));
            Path out = dir.resolve(name + ".srb");
            Files.write(out, bytes);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The mapping of {@link #mappedBundle}: a huge amount is {@code big_amount} ($1,000, SLA 15
     * min), a login from KP otherwise {@code foreign} (no cost stated, SLA 60 min); the rest is
     * unclassified (the generic SLA of its severity).
     */
    public static final String MAPPING = """
            currency: USD
            categories:
              - name: big_amount
                when: "amount > 10000"
                estimated_cost: 1000
                sla_minutes: 15
                recommended_action: Freeze the card
              - name: foreign
                when: "country = 'KP'"
                sla_minutes: 60
                recommended_action: Call the customer
            """;

    /** The bundle of {@link #bundle} with {@link #MAPPING} (as {@code train --mapping} makes it). */
    public static Path mappedBundle(Path dir, String name, double contamination, long seed) {
        try {
            Path plain = bundle(dir, name + "-plain", contamination, seed);
            Pipeline p = Bundles.read(plain).withMapping(io.sentinelrisk.core.mapping.BusinessMapping.parse(MAPPING, "test-mapping.yaml",
                    "test-mapping.yaml"));
            Path out = dir.resolve(name + ".srb");
            Files.write(out, Bundles.toBytes(p, START));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] train(Path dir, String name, double contamination, long seed, String detector) {
        try {
            Path csv = trainingCsv(dir, name, seed);
            SentinelConfig cfg = SentinelConfig.load(null, Map.of("contamination", contamination, "random_state", seed,
                    "id_columns", java.util.List.of("user"), "detector.type", detector));
            Dataset data = DatasetLoader.load(csv, cfg, null, false, null);
            Pipeline p = new PipelineTrainer(cfg).fit(data.frame(), data.labels()).pipeline();
            return Bundles.toBytes(p, START);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 2,000 seeded logins of 40 users, one a minute from {@link #START}, as {@code dir}/NAME-train.csv. */
    private static Path trainingCsv(Path dir, String name, long seed) throws IOException {
        Path csv = dir.resolve(name + "-train.csv");
        Random rnd = new Random(seed);
        StringBuilder b = new StringBuilder("user,timestamp,amount,hour,country\n");
        for (int i = 0; i < 2000; i++) {
            b.append("u").append(i % 40).append(',').append(START.plusSeconds(60L * i)).append(',')
                    .append(Math.round(Math.exp(4 + rnd.nextGaussian() * 0.5) * 100) / 100.0).append(',')
                    .append(8 + rnd.nextInt(10)).append(',').append(COUNTRIES[rnd.nextInt(COUNTRIES.length)]).append('\n');
        }
        Files.writeString(csv, b);
        return csv;
    }

    /** A feature plan over the test events: per-user counts, sums, z-score, recency and country novelty. */
    static final String FEATURE_SPEC = """
            name: test-logins
            entity: user
            timestamp: timestamp
            entity_ttl: 7d
            columns:
              amount: numeric
              country: string
            features:
              - {name: count_1h, type: count, window: 1h}
              - {name: amount_sum_24h, type: sum, of: amount, window: 24h}
              - {name: amount_zscore_7d, type: zscore, of: amount, window: 7d}
              - {name: since_last, type: time_since_previous}
              - {name: country_seen_7d, type: count, window: 7d, by: country}
            """;

    /**
     * A bundle with a feature plan ({@link #FEATURE_SPEC}: per-entity state), trained like
     * {@link #bundle} on the same kind of logins, written to {@code dir}/NAME.srb.
     */
    public static Path featuredBundle(Path dir, String name, long seed) {
        try {
            Path spec = dir.resolve(name + "-features.yaml");
            Files.writeString(spec, FEATURE_SPEC);
            Path csv = trainingCsv(dir, name, seed);
            SentinelConfig cfg = SentinelConfig.load(null, Map.of("contamination", 0.05, "random_state", seed,
                    "id_columns", java.util.List.of("user")));
            Dataset data = DatasetLoader.load(csv, cfg, null, false, null);
            var stage = io.sentinelrisk.features.scoring.FeatureStage.of(
                    io.sentinelrisk.features.scoring.FeatureStage.compile(spec.toString()));
            var enriched = stage.enrich(data.frame(), data.lineNumbers(), csv.toString());
            Pipeline p = new PipelineTrainer(cfg).fit(enriched, data.labels()).pipeline().withFeatures(stage.part());
            Path out = dir.resolve(name + ".srb");
            Files.write(out, Bundles.toBytes(p, START));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A normal event as JSON text (an ordinary amount, office hours, a known country). */
    public static String normalEvent(String eventId, int user, long minute, Random rnd) {
        return "{\"event_id\":\"" + eventId + "\",\"user\":\"u" + user + "\",\"timestamp\":\"" + START.plusSeconds(60 * minute)
                + "\",\"amount\":" + Math.round(Math.exp(4 + rnd.nextGaussian() * 0.5) * 100) / 100.0
                + ",\"hour\":" + (8 + rnd.nextInt(10)) + ",\"country\":\"" + COUNTRIES[rnd.nextInt(COUNTRIES.length)] + "\"}";
    }

    /** A planted outlier: a huge amount at 3 am from a country never seen. */
    public static String oddEvent(String eventId, int user, long minute) {
        return "{\"event_id\":\"" + eventId + "\",\"user\":\"u" + user + "\",\"timestamp\":\"" + START.plusSeconds(60 * minute)
                + "\",\"amount\":250000,\"hour\":3,\"country\":\"KP\"}";
    }
}
