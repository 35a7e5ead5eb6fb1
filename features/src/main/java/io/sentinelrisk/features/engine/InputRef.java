package io.sentinelrisk.features.engine;

import java.nio.file.Path;
import java.util.Locale;

/** What a build reads: a file (CSV, CSV.gz, TSV, Parquet, JSONL) or a table of the store given by --db. */
public sealed interface InputRef {
    String display();

    record File(Path path) implements InputRef {
        public String display() {
            return path.toString();
        }

        public Format format() {
            String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
            if (n.endsWith(".gz")) {
                n = n.substring(0, n.length() - 3);
            }
            if (n.endsWith(".parquet") || n.endsWith(".pq")) {
                return Format.PARQUET;
            }
            if (n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json")) {
                return Format.JSONL;
            }
            return Format.CSV;
        }
    }

    record Table(String name) implements InputRef {
        public String display() {
            return "table " + name;
        }
    }

    enum Format {
        CSV, PARQUET, JSONL
    }
}
