package io.sentinelrisk.core.feedback;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;
import io.sentinelrisk.core.export.AlertIds;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a feedback file: JSON Lines, one verdict per line (docs/feedback.md). Strict: a line that
 * is not one JSON object, an unknown or repeated field, a missing required field, a verdict that
 * is not one of {@link Verdict#ids()}, a time that is not ISO-8601 — each is an
 * {@link InputException} naming {@code file:line:column} and what was expected (exit code 2).
 * Blank lines are skipped. A line longer than {@link #MAX_LINE_CHARS} is refused before it is
 * parsed.
 */
public final class FeedbackReader {
    public static final int MAX_LINE_CHARS = 1 << 20;
    public static final List<String> FIELDS = List.of("alert_id", "event_key", "verdict", "analyst", "note", "time");

    private static final JsonFactory JSON = new JsonFactory();

    private FeedbackReader() {
    }

    public static List<FeedbackEntry> read(Path file) {
        String name = file.toString();
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader r = new java.io.InputStreamReader(Files.newInputStream(file), decoder)) {
            return read(r, name);
        } catch (NoSuchFileException e) {
            throw new InputException(InputLocation.file(name), "no such feedback file");
        } catch (IOException e) {
            throw new InputException(InputLocation.file(name), "cannot read the feedback file: " + e.getMessage());
        }
    }

    /** Reads verdicts from {@code in}; {@code source} names it in errors. */
    public static List<FeedbackEntry> read(Reader in, String source) {
        List<FeedbackEntry> out = new ArrayList<>();
        BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
        long lineNo = 0;
        try {
            StringBuilder line = new StringBuilder();
            while (true) {
                line.setLength(0);
                int c;
                boolean any = false;
                while ((c = lines.read()) >= 0 && c != '\n') {
                    any = true;
                    if (line.length() >= MAX_LINE_CHARS) {
                        throw new InputException(new InputLocation(source, lineNo + 1, 0),
                                "line longer than " + MAX_LINE_CHARS + " characters; a verdict is one short JSON object");
                    }
                    line.append((char) c);
                }
                if (c < 0 && !any) {
                    break;
                }
                lineNo++;
                if (!line.isEmpty() && line.charAt(line.length() - 1) == '\r') {
                    line.setLength(line.length() - 1);
                }
                if (!line.toString().isBlank()) {
                    out.add(parseLine(line.toString(), source, lineNo));
                }
                if (c < 0) {
                    break;
                }
            }
        } catch (CharacterCodingException e) {
            throw new InputException(new InputLocation(source, lineNo + 1, 0), "not UTF-8 text");
        } catch (IOException e) {
            throw new InputException(InputLocation.file(source), "cannot read the feedback: " + e.getMessage());
        }
        return out;
    }

    /** One line as a verdict. */
    static FeedbackEntry parseLine(String text, String source, long lineNo) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Integer> columns = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw error(source, lineNo, column(p), "expected a JSON object {\"alert_id\": ..., \"verdict\": ...}, found " + found(p, t));
            }
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                int col = column(p);
                if (!FIELDS.contains(field)) {
                    throw error(source, lineNo, col, "unknown field '" + field + "'; the fields are " + String.join(", ", FIELDS));
                }
                if (values.containsKey(field)) {
                    throw error(source, lineNo, col, "field '" + field + "' given twice");
                }
                JsonToken v = p.nextToken();
                int valueCol = column(p);
                columns.put(field, valueCol);
                values.put(field, value(p, v, field, source, lineNo, valueCol));
            }
            if (p.nextToken() != null) {
                throw error(source, lineNo, column(p), "one JSON object per line; found more after the object's end");
            }
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw error(source, lineNo, loc == null ? 0 : loc.getColumnNr(), "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw error(source, lineNo, 0, "cannot parse: " + e.getMessage());
        }
        Object alertId = values.get("alert_id");
        Object eventKey = values.get("event_key");
        if ((alertId == null) == (eventKey == null)) {
            throw error(source, lineNo, alertId == null ? 0 : columns.get("event_key"),
                    alertId == null ? "missing 'alert_id' (or 'event_key'): a verdict names its alert"
                            : "give 'alert_id' or 'event_key', not both");
        }
        String verdictText = require(values, "verdict", source, lineNo);
        Verdict verdict = Verdict.parse(verdictText);
        if (verdict == null) {
            throw error(source, lineNo, columns.get("verdict"), "verdict must be one of " + String.join(", ", Verdict.ids())
                    + ", found '" + verdictText + "'");
        }
        String analyst = require(values, "analyst", source, lineNo);
        String timeText = require(values, "time", source, lineNo);
        Instant time = parseTime(timeText);
        if (time == null) {
            throw error(source, lineNo, columns.get("time"),
                    "time must be ISO-8601 with a zone, like 2024-01-31T09:15:00Z or 2024-01-31T10:15:00+01:00, found '" + timeText + "'");
        }
        String note = (String) values.get("note");
        String key = eventKey == null ? null : AlertIds.eventKey(eventKey);
        if (eventKey != null && (key == null || key.isEmpty())) {
            throw error(source, lineNo, columns.get("event_key"), "event_key is empty");
        }
        return new FeedbackEntry(source, lineNo, (String) alertId, key, verdict, analyst, note, time);
    }

    private static Object value(JsonParser p, JsonToken v, String field, String source, long line, int col) throws IOException {
        switch (field) {
            case "event_key" -> {
                if (v == JsonToken.VALUE_STRING) {
                    return p.getText();
                }
                if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
                    return p.getNumberValue();
                }
                if (v == JsonToken.START_OBJECT) {
                    Map<String, Object> key = new LinkedHashMap<>();
                    JsonToken t;
                    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        JsonToken kv = p.nextToken();
                        if (kv == JsonToken.VALUE_STRING) {
                            key.put(name, p.getText());
                        } else if (kv == JsonToken.VALUE_NUMBER_INT || kv == JsonToken.VALUE_NUMBER_FLOAT) {
                            key.put(name, p.getNumberValue());
                        } else {
                            throw error(source, line, column(p), "event_key." + name + " must be a string or a number, found " + found(p, kv));
                        }
                    }
                    return key;
                }
                throw error(source, line, col, "event_key must be a string, a number or an object of id values, found " + found(p, v));
            }
            default -> {
                if (v != JsonToken.VALUE_STRING) {
                    throw error(source, line, col, field + " must be a string, found " + found(p, v));
                }
                String s = p.getText();
                if (!field.equals("note") && s.isBlank()) {
                    throw error(source, line, col, field + " is empty");
                }
                return s;
            }
        }
    }

    private static String require(Map<String, Object> values, String field, String source, long line) {
        Object v = values.get(field);
        if (v == null) {
            throw error(source, line, 0, "missing '" + field + "'; a verdict has " + String.join(", ", FIELDS)
                    + " (alert_id or event_key; note optional)");
        }
        return (String) v;
    }

    /** An ISO-8601 instant or offset date-time, or null. */
    static Instant parseTime(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeException e2) {
                return null;
            }
        }
    }

    private static int column(JsonParser p) {
        return Math.max(0, p.currentTokenLocation().getColumnNr());
    }

    private static String found(JsonParser p, JsonToken t) throws IOException {
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_NULL -> "null";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + p.getText();
            case VALUE_STRING -> "the string \"" + io.sentinelrisk.core.error.DisplayText.truncate(p.getText()) + "\"";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    private static InputException error(String source, long line, int column, String message) {
        return new InputException(new InputLocation(source, line, column), message);
    }
}
