package io.sentinelrisk.cli.synth;

import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.pipeline.SentinelConfig;
import io.sentinelrisk.synth.FrameCsv;
import io.sentinelrisk.synth.metrics.MetricsConfig;
import io.sentinelrisk.synth.metrics.MetricsGenerator;
import io.sentinelrisk.synth.soc.SocAttack;
import io.sentinelrisk.synth.soc.SocConfig;
import io.sentinelrisk.synth.soc.SocData;
import io.sentinelrisk.synth.soc.SocGenerator;
import io.sentinelrisk.synth.transactions.TransactionConfig;
import io.sentinelrisk.synth.transactions.TransactionGenerator;
import io.sentinelrisk.synth.web.WebSessionConfig;
import io.sentinelrisk.synth.web.WebSessionGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code sentinel generate}: labeled synthetic data sets, the same rows for the same seed. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        header = "Generate labeled synthetic data: security events, web sessions, card payments, metrics.",
        description = "Writes a CSV with a 'scenario' column (normal or the planted anomaly's name) and a 'label'"
                + " column (1 = anomaly). The same options and --seed give the same file.",
        subcommands = {GenerateCommand.Soc.class, GenerateCommand.WebSessions.class,
            GenerateCommand.Transactions.class, GenerateCommand.Metrics.class})
public final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing data set: choose one of " + String.join(", ", spec.subcommands().keySet()));
    }

    /** Options every generator has. */
    static final class Common {
        @Option(names = {"-o", "--output"}, required = true, paramLabel = "CSV", description = "File to write (replaced atomically).")
        @io.sentinelrisk.cli.Output
        Path output;

        @Option(names = "--seed", paramLabel = "SEED", description = "Seed: the same seed gives the same rows (default: ${DEFAULT-VALUE}).")
        long randomState = SentinelConfig.defaults().randomState();

        /** The scikit-learn spelling, kept working but out of the help. */
        @Option(names = "--random-state", hidden = true, paramLabel = "SEED")
        void setRandomState(long seed) {
            randomState = seed;
        }

        @Option(names = "--start", defaultValue = "2024-01-01", paramLabel = "WHEN",
                description = "Start of the period: a date or an ISO-8601 instant (default: ${DEFAULT-VALUE}).")
        String start;
    }

    abstract static class Generator implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @CommandLine.Mixin
        Common common;

        abstract Frame generate();

        /** What the rows are, for the summary line, e.g. "events". */
        abstract String rowsAre();

        @Override
        public Integer call() {
            long t0 = System.nanoTime();
            Frame frame = generate();
            FrameCsv.write(frame, common.output);
            spec.commandLine().getOut().printf("wrote %d %s, %s, to %s in %s%n", frame.rows(), rowsAre(),
                    SynthOptions.labelSummary(frame), common.output, SynthOptions.seconds(t0));
            return 0;
        }
    }

    @Command(name = "soc", mixinStandardHelpOptions = true,
            header = "Security events: logins and transfers with planted exfiltration, impossible travel and brute force.",
            description = "Columns: event_id, user, timestamp, event_type, success, hour, bytes_in, bytes_out, "
                    + "device_id, device_trusted, country, lat, lon, failed_attempts, geo_distance_km, scenario, "
                    + "label.")
    static final class Soc extends Generator {
        @Option(names = "--n-users", defaultValue = "200", paramLabel = "N", description = "Users (default: ${DEFAULT-VALUE}).")
        int users;

        @Option(names = "--events-per-user", defaultValue = "200", paramLabel = "N",
                description = "Events per user; the file has n-users × this rows (default: ${DEFAULT-VALUE}).")
        int eventsPerUser;

        @Option(names = "--contamination", paramLabel = "F", description = "Share of rows that are attacks (default: ${DEFAULT-VALUE}).")
        double anomalyFraction = SocConfig.defaults().anomalyFraction();

        /** The old name of --contamination. */
        @Option(names = "--anomaly-fraction", hidden = true, paramLabel = "F")
        void setAnomalyFraction(double f) {
            anomalyFraction = f;
        }

        @Option(names = "--high-risk-fraction", defaultValue = "0.1", paramLabel = "F",
                description = "Share of users who fail, roam and change devices more (default: ${DEFAULT-VALUE}).")
        double highRiskFraction;

        @Option(names = "--days", defaultValue = "30", paramLabel = "N", description = "Length of the period (default: ${DEFAULT-VALUE}).")
        int days;

        @Option(names = "--attacks", split = ",", paramLabel = "NAME",
                description = "Attacks to plant, comma-separated: data_exfiltration, impossible_travel, brute_force "
                        + "(default: all).")
        List<String> attacks;

        @picocli.CommandLine.Mixin
        DifficultyOptions difficulty;

        @Option(names = "--users-output", paramLabel = "CSV", description = "Also write the user catalogue (habits, baselines, home) here.")
        @io.sentinelrisk.cli.Output
        Path usersOutput;

        @Override
        Frame generate() {
            EnumSet<SocAttack> set = EnumSet.noneOf(SocAttack.class);
            if (attacks != null) {
                for (String a : attacks) {
                    set.add(SocAttack.parse(a));
                }
            }
            SocConfig config = new SocConfig(users, eventsPerUser, anomalyFraction, highRiskFraction, days,
                    SynthOptions.start(common.start), set, common.randomState, difficulty.level(), difficulty.labelNoise());
            SocData data = SocGenerator.generate(config);
            if (usersOutput != null) {
                FrameCsv.write(data.users(), usersOutput);
            }
            return data.events();
        }

        @Override
        String rowsAre() {
            return "events";
        }
    }

    @Command(name = "web-sessions", mixinStandardHelpOptions = true,
            header = "Browser sessions with the signals of a web-session risk model; bots, account takeovers, emulators.",
            description = "Columns: session_id, user_id, timestamp, device_type, click_events, scroll_events,"
                + " touch_events, keyboard_events, device_motion, time_on_page, page_views, screen_size, screen_width,"
                + " browser_info, language, timezone_offset, device_orientation, geolocation_city, transactions,"
                + " transaction_amount, mouse_movement, scenario, label. Values are missing where a real browser"
                + " would not report them (see docs/synth.md).")
    static final class WebSessions extends Generator {
        @Option(names = "--sessions", defaultValue = "10000", paramLabel = "N", description = "Sessions (default: ${DEFAULT-VALUE}).")
        int sessions;

        @Option(names = "--contamination", paramLabel = "F", description = "Share of suspicious sessions (default: ${DEFAULT-VALUE}).")
        double anomalyFraction = WebSessionConfig.defaults().anomalyFraction();

        /** The old name of --contamination. */
        @Option(names = "--anomaly-fraction", hidden = true, paramLabel = "F")
        void setAnomalyFraction(double f) {
            anomalyFraction = f;
        }

        @Option(names = "--days", defaultValue = "7", paramLabel = "N", description = "Length of the period (default: ${DEFAULT-VALUE}).")
        int days;

        @Override
        Frame generate() {
            return WebSessionGenerator.generate(new WebSessionConfig(sessions, anomalyFraction, days,
                    SynthOptions.start(common.start), common.randomState));
        }

        @Override
        String rowsAre() {
            return "sessions";
        }
    }

    @Command(name = "transactions", mixinStandardHelpOptions = true,
            header = "Card payments with planted card testing, sudden high-value purchases and foreign sprees.",
            description = "Columns: transaction_id, timestamp, card_id, merchant_id, merchant_category, amount, "
                    + "channel, country, hour, scenario, label.")
    static final class Transactions extends Generator {
        @Option(names = "--cards", defaultValue = "1000", paramLabel = "N", description = "Cards (default: ${DEFAULT-VALUE}).")
        int cards;

        @Option(names = "--transactions-per-card", defaultValue = "50", paramLabel = "N",
                description = "Payments per card; the file has cards × this rows (default: ${DEFAULT-VALUE}).")
        int perCard;

        @Option(names = "--contamination", paramLabel = "F", description = "Share of rows that are fraud (default: ${DEFAULT-VALUE}).")
        double fraudFraction = TransactionConfig.defaults().fraudFraction();

        /** The old name of --contamination. */
        @Option(names = "--fraud-fraction", hidden = true, paramLabel = "F")
        void setFraudFraction(double f) {
            fraudFraction = f;
        }

        @Option(names = "--days", defaultValue = "30", paramLabel = "N", description = "Length of the period (default: ${DEFAULT-VALUE}).")
        int days;

        @picocli.CommandLine.Mixin
        DifficultyOptions difficulty;

        @Override
        Frame generate() {
            return TransactionGenerator.generate(new TransactionConfig(cards, perCard, fraudFraction, days,
                    SynthOptions.start(common.start), common.randomState, difficulty.level(), difficulty.labelNoise()));
        }

        @Override
        String rowsAre() {
            return "payments";
        }
    }

    @Command(name = "metrics", mixinStandardHelpOptions = true,
            header = "Seasonal time series with planted spikes, level shifts and drifts.",
            description = "Columns: timestamp, series, value, scenario, label (long format: one row per series and "
                    + "time, in time order). The first 15%% of each series is left clean.")
    static final class Metrics extends Generator {
        @Option(names = "--series", defaultValue = "3", paramLabel = "N", description = "Series (default: ${DEFAULT-VALUE}).")
        int series;

        @Option(names = "--points", defaultValue = "4032", paramLabel = "N",
                description = "Points per series (default: ${DEFAULT-VALUE}, two weeks at 5 minutes).")
        int points;

        @Option(names = "--interval-seconds", defaultValue = "300", paramLabel = "S",
                description = "Seconds between points (default: ${DEFAULT-VALUE}).")
        int interval;

        @Option(names = "--spikes", defaultValue = "5", paramLabel = "N", description = "Spikes per series (default: ${DEFAULT-VALUE}).")
        int spikes;

        @Option(names = "--level-shifts", defaultValue = "1", paramLabel = "N",
                description = "Level shifts per series (default: ${DEFAULT-VALUE}).")
        int shifts;

        @Option(names = "--drifts", defaultValue = "1", paramLabel = "N", description = "Drifts per series (default: ${DEFAULT-VALUE}).")
        int drifts;

        @Override
        Frame generate() {
            return MetricsGenerator.generate(new MetricsConfig(series, points, interval, spikes, shifts, drifts,
                    SynthOptions.start(common.start), common.randomState));
        }

        @Override
        String rowsAre() {
            return "points";
        }
    }
}
