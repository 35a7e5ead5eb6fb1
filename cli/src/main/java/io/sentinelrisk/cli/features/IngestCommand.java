package io.sentinelrisk.cli.features;

import io.sentinelrisk.features.engine.DbTarget;
import io.sentinelrisk.features.ingest.Ingestor;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code sentinel ingest}: load a seed data source into the feature store's tables, typed and indexed. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        header = "Load a data source (CERT, credit-card, IEEE-CIS, NAB, CSV, JSON lines) into the feature store's tables.",
        description = {"Reads the source in its own schema, types every column (event times as timestamps), and creates "
                + "the tables with their indexes in one transaction: all of them or none. Table layouts: docs/features.md.",
            "Examples:",
            "  sentinel ingest --source cert --input r4.2/ --db duckdb:store.duckdb",
            "  sentinel ingest --source nab --input NAB/ --schema nab \\",
            "      --db postgresql://postgres@127.0.0.1:5432/test"})
public final class IngestCommand implements Callable<Integer> {
    @Spec
    CommandSpec cmd;

    @Option(names = "--source", required = true, paramLabel = "SOURCE",
            description = "cert, creditcard, ieee-cis, nab, csv or jsonl.")
    String source;

    /** Exactly one of --input and its old name --path, which stays as a hidden alias. */
    @ArgGroup(exclusive = true, multiplicity = "1")
    InputPath input;

    static final class InputPath {
        @Option(names = {"-i", "--input"}, required = true, paramLabel = "PATH",
                description = "The source's file or directory (CERT: the directory of logon.csv…; IEEE-CIS: of train_transaction.csv…; NAB: the NAB checkout or its data/ directory).")
        Path path;

        @Option(names = "--path", required = true, hidden = true, paramLabel = "PATH")
        Path oldName;

        Path value() {
            return path != null ? path : oldName;
        }
    }

    @Option(names = "--db", required = true, paramLabel = "URL",
            description = "The store: duckdb:FILE.duckdb or postgresql://user@host:5432/database.")
    String db;

    @Option(names = "--table", paramLabel = "NAME",
            description = "Table name (csv, jsonl, creditcard, ieee-cis) or name prefix (cert: cert_, nab: nab_).")
    String table;

    @Option(names = "--replace", description = "Replace tables that already exist (default: refuse).")
    boolean replace;

    @Option(names = "--schema", paramLabel = "NAME", description = "PostgreSQL schema (default: public).")
    String schema;

    @Option(names = "--origin", paramLabel = "INSTANT",
            description = "Time of second 0 for creditcard's Time (default 2013-09-01T00:00:00Z) and IEEE-CIS's TransactionDT (default 2017-12-01T00:00:00Z).")
    String origin;

    @Option(names = "--labels", paramLabel = "JSON", description = "NAB label windows (default: labels/combined_windows.json in the NAB checkout).")
    Path labels;

    @Option(names = "--timestamp", paramLabel = "COLUMN", description = "csv/jsonl: the event-time column, typed and indexed.")
    String timestamp;

    @Option(names = "--timestamp-format", paramLabel = "FORMAT", description = "csv/jsonl: iso (default) or a strptime pattern.")
    String timestampFormat;

    @Option(names = "--entity", paramLabel = "COLUMN", description = "csv/jsonl: the entity column, indexed (with --timestamp).")
    String entity;

    @Override
    public Integer call() {
        Path path = input.value();
        long t0 = System.nanoTime();
        Ingestor.Source s = Ingestor.Source.parse(source);
        DbTarget target = DbTarget.parse(db);
        Ingestor.Options o = new Ingestor.Options(Optional.ofNullable(table), replace, Optional.ofNullable(schema),
                Optional.ofNullable(origin), Optional.ofNullable(labels), Optional.ofNullable(timestamp),
                Optional.ofNullable(timestampFormat), Optional.ofNullable(entity));
        List<Ingestor.Table> tables = Ingestor.ingest(s, path, target, o);
        for (Ingestor.Table t : tables) {
            cmd.commandLine().getOut().printf(Locale.ROOT, "%s: %,d rows, %d columns, indexes %s%n", t.name(), t.rows(), t.columns().size(),
                    String.join(" ", t.indexes().stream().map(ix -> "(" + String.join(", ", ix) + ")").toList()));
        }
        cmd.commandLine().getOut().printf(Locale.ROOT, "loaded %d table%s into %s in %.1f s%n", tables.size(), tables.size() == 1 ? "" : "s",
                target.display(), (System.nanoTime() - t0) / 1e9);
        cmd.commandLine().getOut().flush();
        return 0;
    }
}
