package io.sentinelrisk.core.mapping;

import io.sentinelrisk.core.calibrate.Severity;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A business mapping as written (docs/mapping.md): categories, each a condition over a scored
 * record (its columns, scores and explanation) or a judge class, with risk level, estimated cost,
 * SLA, recommended action, escalation and a narrative template; the first category that matches
 * a record is its category, and a record that none matches gets the generic category of its
 * severity. Immutable. The bundle keeps the file's text ({@link #source()}) and reads it back
 * through the same reader; {@link #compile} checks it against a model's columns.
 */
public final class BusinessMapping {
    /** The shipped packs, {@code pack:NAME}: one per generator and feature pack. */
    public static final List<String> PACKS = List.of("soc", "transactions", "web-session", "metrics");
    private static final String PACK_PREFIX = "pack:";
    private static final long MAX_FILE_BYTES = 1 << 20;

    private final String origin;
    private final String source;
    private final String name;
    private final String description;
    private final String currency;
    private final boolean allRecords;
    private final List<Category> categories;
    private final Map<Severity, Generic> generic;

    BusinessMapping(String origin, String source, String name, String description, String currency, boolean allRecords,
                    List<Category> categories, Map<Severity, Generic> generic) {
        this.origin = origin;
        this.source = source;
        this.name = name;
        this.description = description;
        this.currency = currency;
        this.allRecords = allRecords;
        this.categories = List.copyOf(categories);
        this.generic = Collections.unmodifiableMap(new EnumMap<>(generic));
    }

    /** A mapping file, or a shipped pack as {@code pack:NAME}. */
    public static BusinessMapping load(String ref) {
        if (ref.startsWith(PACK_PREFIX)) {
            String pack = ref.substring(PACK_PREFIX.length());
            return parse(packText(pack), ref, ref);
        }
        Path path = Path.of(ref);
        try {
            if (Files.isRegularFile(path) && Files.size(path) > MAX_FILE_BYTES) {
                throw new InputException(InputLocation.file(ref), "a mapping file of " + Files.size(path)
                        + " bytes; at most " + MAX_FILE_BYTES + " are read");
            }
            String text = Files.readString(path);
            return MappingReader.read(text, ref, path.getFileName().toString(),
                    ref.endsWith(".json") || text.stripLeading().startsWith("{"));
        } catch (NoSuchFileException e) {
            throw new InputException(InputLocation.file(ref), "no such mapping file (or write pack:NAME for a shipped pack: "
                    + String.join(", ", PACKS) + ")");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new InputException(InputLocation.file(ref), "not valid UTF-8 text");
        } catch (IOException e) {
            throw new InputException(InputLocation.file(ref), "cannot read: " + e.getMessage());
        }
    }

    /**
     * Parses a mapping's text.
     *
     * @param sourceName names the text in error locations (a file, or {@code bundle.srb!mapping.json})
     * @param origin     where it came from, as the bundle and reports show it ({@code pack:soc}, a file name)
     */
    public static BusinessMapping parse(String text, String sourceName, String origin) {
        return MappingReader.read(text, sourceName, origin, text.stripLeading().startsWith("{"));
    }

    /** The text of a shipped pack. */
    public static String packText(String pack) {
        if (!PACKS.contains(pack)) {
            throw new InputException("unknown mapping pack '" + pack + "'; shipped packs: "
                    + String.join(", ", PACKS.stream().map(p -> PACK_PREFIX + p).toList()));
        }
        try (InputStream in = BusinessMapping.class.getResourceAsStream("packs/" + pack + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("the mapping pack " + pack + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the mapping pack " + pack, e);
        }
    }

    /**
     * This mapping checked against a model's columns: every name in a condition and every
     * placeholder must be a column of {@code model} (not its label) or a scoring result, with
     * types that fit; otherwise a located error.
     */
    public CompiledMapping compile(Schema model) {
        return new CompiledMapping(this, model);
    }

    /** Where it came from: {@code pack:soc} or the file's name. */
    public String origin() {
        return origin;
    }

    /** The file's text, as the bundle stores it. */
    public String source() {
        return source;
    }

    /** The name the file gives itself, or null. */
    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    /** The default currency of its categories. */
    public String currency() {
        return currency;
    }

    /** True: categories are tried on every record; false (the default): on records flagged is_anomaly only. */
    public boolean allRecords() {
        return allRecords;
    }

    public List<String> categoryNames() {
        List<String> out = new ArrayList<>();
        for (Category c : categories) {
            out.add(c.name());
        }
        return out;
    }

    List<Category> categories() {
        return categories;
    }

    Generic generic(Severity severity) {
        return generic.get(severity);
    }
}
