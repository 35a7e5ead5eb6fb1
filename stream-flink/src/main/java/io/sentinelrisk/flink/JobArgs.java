package io.sentinelrisk.flink;

import io.sentinelrisk.core.error.InputException;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The job jar's command line ({@code --name value} and flags), as {@code sentinel flink run}
 * passes it and as a user gives it after {@code flink run sentinel-flink-job.jar}. A mistake is
 * an {@link InputException} with one line saying what was expected.
 */
final class JobArgs {
    static final String USAGE = """
            usage: sentinel-flink-job --model FILE --bootstrap HOST:PORT --in TOPIC --out TOPIC [options]
              --dead-letter TOPIC          malformed events with the reason (default: <in>.dead-letter)
              --group ID                   consumer group; a new run starts at its committed offsets (default: sentinel-flink)
              --checkpoint-dir DIR|URI     where checkpoints go, kept when the job stops (default: none, in memory)
              --checkpoint-interval MS     checkpoint interval; output is committed at each one (default: 10000)
              --transactional-id-prefix P  Kafka transactional id prefix, one per job on a cluster (default: sentinel-flink)
              --parallelism N              parallel instances = slots used (default: 1)
              --restore PATH               start from a retained checkpoint or savepoint (with --local)
              --bounded                    stop after the events present at start (a replay)
              --drift-topic TOPIC          drift alerts (default: logged only)
              --drift-window N             events in the sliding drift window, one for the job; 0 = off (default: 5000)
              --drift-every N              check drift every N events (default: 1000)
              --risk-topic TOPIC           each entity's decayed risk when an alert moves it (default: none)
              --risk-half-life MS          half-life of entity risk in milliseconds (default: 86400000, 24 h)
              --all-events                 write every scored event, not only alerts
              --local                      run on a MiniCluster in this JVM (without it: the submitting cluster's)""";

    private static final Set<String> VALUED = Set.of("--model", "--bootstrap", "--in", "--out", "--dead-letter", "--group",
            "--checkpoint-dir", "--checkpoint-interval", "--transactional-id-prefix", "--parallelism", "--restore",
            "--drift-topic", "--drift-window", "--drift-every", "--risk-topic", "--risk-half-life");
    private static final Set<String> FLAGS = Set.of("--local", "--bounded", "--all-events", "--help");

    /** The parsed options, and whether to run locally. */
    record Parsed(JobOptions options, boolean local, boolean help) {
    }

    private JobArgs() {
    }

    static Parsed parse(List<String> args) {
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new java.util.HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            int eq = a.indexOf('=');
            String name = a.startsWith("--") && eq > 0 ? a.substring(0, eq) : a;
            if (FLAGS.contains(name)) {
                flags.add(name);
            } else if (VALUED.contains(name)) {
                String v = eq > 0 && a.startsWith("--") ? a.substring(eq + 1) : (i + 1 < args.size() ? args.get(++i) : null);
                if (v == null || v.isBlank()) {
                    throw new InputException(name + " expects a value");
                }
                values.put(name, v);
            } else {
                throw new InputException("unknown option '" + a + "' (expected one of " + String.join(", ", sorted(VALUED, FLAGS)) + ")");
            }
        }
        if (flags.contains("--help")) {
            return new Parsed(null, false, true);
        }
        for (String required : List.of("--model", "--bootstrap", "--in", "--out")) {
            if (!values.containsKey(required)) {
                throw new InputException("missing " + required + " (see --help)");
            }
        }
        String in = values.get("--in");
        JobOptions o = new JobOptions(Path.of(values.get("--model")), values.get("--bootstrap"), in, values.get("--out"),
                JobOptions.deadLetterOf(values.get("--dead-letter"), in),
                values.getOrDefault("--group", JobOptions.DEFAULT_GROUP),
                checkpointUri(values.get("--checkpoint-dir")),
                number(values, "--checkpoint-interval", JobOptions.DEFAULT_CHECKPOINT_MS, 10),
                values.getOrDefault("--transactional-id-prefix", JobOptions.DEFAULT_TRANSACTIONAL_ID_PREFIX),
                (int) number(values, "--parallelism", 1, 1),
                flags.contains("--bounded"), flags.contains("--all-events"), checkpointUri(values.get("--restore")),
                values.get("--drift-topic"), (int) number(values, "--drift-window", JobOptions.DEFAULT_DRIFT_WINDOW, 0),
                (int) number(values, "--drift-every", JobOptions.DEFAULT_DRIFT_EVERY, 1),
                values.get("--risk-topic"), longNumber(values, "--risk-half-life", JobOptions.DEFAULT_RISK_HALF_LIFE_MS));
        for (String written : java.util.Arrays.asList(o.out(), o.deadLetter(), o.driftTopic(), o.riskTopic())) {
            if (o.in().equals(written)) {
                throw new InputException("--out, --dead-letter, --drift-topic and --risk-topic must not be the input topic '" + o.in() + "'");
            }
        }
        return new Parsed(o, flags.contains("--local"), false);
    }

    /** A URI as Flink wants it: a plain path becomes file:///absolute/path. */
    private static String checkpointUri(String given) {
        if (given == null) {
            return null;
        }
        return given.contains("://") ? given : Path.of(given).toAbsolutePath().normalize().toUri().toString();
    }

    private static long number(Map<String, String> values, String name, long dflt, long min) {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new InputException(name + " expects a whole number, got '" + v + "'");
        }
        if (n < min || n > Integer.MAX_VALUE) {
            throw new InputException(name + " expects a number from " + min + " to " + Integer.MAX_VALUE + ", got " + v);
        }
        return n;
    }

    private static long longNumber(Map<String, String> values, String name, long dflt) {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new InputException(name + " expects a positive whole number of milliseconds, got '" + v + "'");
    }

    private static List<String> sorted(Set<String> a, Set<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).sorted().toList();
    }
}
