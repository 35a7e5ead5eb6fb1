package io.sentinelrisk.cli.features;

import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.features.FeatureStore;
import io.sentinelrisk.features.engine.DbTarget;
import io.sentinelrisk.features.engine.InputRef;
import io.sentinelrisk.features.plan.Planner;
import io.sentinelrisk.features.spec.FeatureSpec;
import io.sentinelrisk.features.spec.Packs;
import io.sentinelrisk.features.spec.SpecReader;
import io.sentinelrisk.features.spec.TimestampFormat;
import io.sentinelrisk.features.sql.Dialect;
import io.sentinelrisk.features.sql.SqlCompiler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code sentinel features}: point-in-time behavioural features from a spec, in batch SQL or streaming. */
@Command(name = "features", mixinStandardHelpOptions = true,
        header = "Build point-in-time behavioural features (counts, sums, z-scores, time since last…) from a YAML spec.",
        description = {"Every feature of an event uses only its entity's earlier events: never the event itself, its ties "
                + "or anything later. Batch SQL (embedded DuckDB, or PostgreSQL with --db) and the streaming engine give the "
                + "same values. See docs/features.md."},
        subcommands = {FeaturesCommand.Build.class, FeaturesCommand.Sql.class, FeaturesCommand.ListPacks.class,
            FeaturesCommand.Show.class})
public final class FeaturesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing subcommand: choose one of " + String.join(", ", spec.subcommands().keySet()));
    }

    /** Where the spec comes from: a YAML file or a shipped pack, with column mappings. */
    static final class SpecOptions {
        @Option(names = "--spec", paramLabel = "YAML", description = "Feature spec file (or pack:NAME).")
        String spec;

        @Option(names = "--pack", paramLabel = "NAME", description = "A shipped pack instead of a spec: soc, web-session, transactions, metrics.")
        String pack;

        @Option(names = "--map", paramLabel = "NAME=COLUMN", description = "Read the spec's column NAME from COLUMN of the input (repeatable).")
        Map<String, String> map = new LinkedHashMap<>();

        @Option(names = "--timestamp-format", paramLabel = "FORMAT",
                description = "Override the spec's timestamp_format: iso, epoch_s, epoch_ms or a strptime pattern like '%%m/%%d/%%Y %%H:%%M:%%S'.")
        String timestampFormat;

        FeatureSpec load() {
            if ((spec == null) == (pack == null)) {
                throw new InputException("give either --spec YAML or --pack NAME (packs: " + String.join(", ", Packs.NAMES) + ")");
            }
            FeatureSpec s = pack != null ? Packs.load(pack) : SpecReader.load(spec);
            if (!map.isEmpty()) {
                for (String logical : map.keySet()) {
                    if (!s.columns().containsKey(logical)) {
                        throw new InputException("--map " + logical + "=…: '" + logical + "' is not a column of the spec; its columns are: "
                                + String.join(", ", s.columns().keySet()));
                    }
                }
                s = s.withMapping(map);
            }
            if (timestampFormat != null) {
                TimestampFormat f = TimestampFormat.parse(timestampFormat);
                if (f == null) {
                    throw new InputException("--timestamp-format '" + timestampFormat + "' is not iso, epoch_s, epoch_ms or a strptime pattern");
                }
                s = s.withTimestampFormat(f);
            }
            return s;
        }
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            header = "Compute a spec's features over a file or a stored table and write the enriched table.",
            description = {"Writes every input column as read, then one column per feature, in input order.",
                "Examples:",
                "  sentinel features build --pack soc --input events.csv \\",
                "      --output features.parquet",
                "  sentinel features build --spec f.yaml --input events.csv.gz --output f.csv \\",
                "      --db postgresql://postgres@127.0.0.1/test",
                "  sentinel features build --spec f.yaml --table cert_events \\",
                "      --db duckdb:store.duckdb --output f.csv"})
    public static final class Build implements Callable<Integer> {
        @Spec
        CommandSpec cmd;

        @CommandLine.Mixin
        SpecOptions specOptions = new SpecOptions();

        @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "Events: CSV, CSV.gz, TSV, Parquet or JSON lines.")
        Path input;

        @Option(names = "--table", paramLabel = "NAME", description = "Read a table of the store given by --db instead of a file.")
        String table;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
                description = "Enriched table to write, .csv or .parquet (replaced atomically).")
        @io.sentinelrisk.cli.Output
        Path output;

        @Option(names = "--db", paramLabel = "URL", description = "Where SQL runs and tables live: postgresql://user@host:5432/db "
                + "or duckdb:FILE.duckdb (default: embedded DuckDB in memory).")
        String db;

        @Option(names = "--engine", defaultValue = "sql", paramLabel = "ENGINE",
                description = "sql (window functions; default) or stream (the streaming engine, events replayed in time order).")
        String engine;

        @Override
        public Integer call() {
            if ((input == null) == (table == null)) {
                throw new InputException("give either --input FILE or --table NAME");
            }
            FeatureStore.Engine e = switch (engine.toLowerCase(Locale.ROOT)) {
                case "sql" -> FeatureStore.Engine.SQL;
                case "stream", "streaming" -> FeatureStore.Engine.STREAM;
                default -> throw new InputException("--engine '" + engine + "': expected sql or stream");
            };
            FeatureSpec spec = specOptions.load();
            Optional<DbTarget> target = Optional.ofNullable(db).map(DbTarget::parse);
            InputRef in = input != null ? new InputRef.File(input) : new InputRef.Table(table);
            FeatureStore.BuildReport r = FeatureStore.build(new FeatureStore.Build(spec, in, output, target, e));
            cmd.commandLine().getOut().printf(Locale.ROOT, "wrote %,d rows with %d features (%s) to %s in %.1f s on %s "
                            + "(read %.1f s, compute %.1f s, write %.1f s)%n", r.rows(), r.features().size(), spec.name(), output,
                    r.totalMillis() / 1e3, r.engine(), r.loadMillis() / 1e3, r.computeMillis() / 1e3, r.writeMillis() / 1e3);
            cmd.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "sql", mixinStandardHelpOptions = true,
            header = "Print the SQL a spec compiles to (input: table fs_events; result: table fs_out).")
    public static final class Sql implements Callable<Integer> {
        @Spec
        CommandSpec cmd;

        @CommandLine.Mixin
        SpecOptions specOptions = new SpecOptions();

        @Option(names = "--dialect", defaultValue = "duckdb", paramLabel = "NAME", description = "duckdb (default) or postgresql.")
        String dialect;

        @Override
        public Integer call() {
            Dialect d = switch (dialect.toLowerCase(Locale.ROOT)) {
                case "duckdb" -> Dialect.DUCKDB;
                case "postgresql", "postgres", "pg" -> Dialect.POSTGRESQL;
                default -> throw new InputException("--dialect '" + dialect + "': expected duckdb or postgresql");
            };
            PrintWriter out = cmd.commandLine().getOut();
            out.print(SqlCompiler.compile(Planner.plan(specOptions.load()), d).text());
            out.flush();   // print() does not flush, and main() ends with System.exit
            return 0;
        }
    }

    @Command(name = "packs", mixinStandardHelpOptions = true, header = "List the feature packs shipped with the product.")
    public static final class ListPacks implements Callable<Integer> {
        @Spec
        CommandSpec cmd;

        @Override
        public Integer call() {
            for (String name : Packs.NAMES) {
                FeatureSpec s = Packs.load(name);
                cmd.commandLine().getOut().printf("%-13s %s%n%-13s entity: %s; features: %s%n", name, s.description(), "",
                        s.entity().isEmpty() ? "(whole stream)" : String.join(", ", s.entity()), String.join(", ", s.outputNames()));
            }
            cmd.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, header = "Print a pack's YAML, to copy and edit.")
    public static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec cmd;

        @CommandLine.Parameters(paramLabel = "PACK", description = "soc, web-session, transactions or metrics.")
        String pack;

        @Override
        public Integer call() {
            PrintWriter out = cmd.commandLine().getOut();
            out.print(Packs.yaml(pack));
            out.flush();   // print() does not flush, and main() ends with System.exit
            return 0;
        }
    }
}
