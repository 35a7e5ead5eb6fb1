package io.sentinelrisk.features.ingest;

import java.util.List;

/** A table an adapter prepared in the staging DuckDB, to be published under {@code name}. */
record Staged(String name, String staging, List<List<String>> indexes) {
}
