package io.sentinelrisk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spine v2 as a user meets it: train with a feature pack, then score and predict raw events with
 * the bundle alone, with the same numbers; the entities' state across runs; bad raw events.
 */
class FeatureBundleE2ETest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static Path events;
    static Path newEvents;
    static Path model;
    static Path state;

    @TempDir
    Path dir;

    /** SOC events split in time: the first 80% to train on, the rest to score later. */
    @BeforeAll
    static void trainOnce() throws Exception {
        Path all = shared.resolve("all.csv");
        SentinelProcess.generateSoc(shared, "--n-users", "25", "--events-per-user", "40", "--days", "20", "--random-state", "5",
                "--output", all.toString());
        List<String> lines = Files.readAllLines(all);
        int ts = List.of(lines.get(0).split(",")).indexOf("timestamp");
        List<String> rows = new ArrayList<>(lines.subList(1, lines.size()));
        rows.sort((a, b) -> a.split(",")[ts].compareTo(b.split(",")[ts]));
        int cut = rows.size() * 4 / 5;
        while (rows.get(cut).split(",")[ts].equals(rows.get(cut - 1).split(",")[ts])) {
            cut++;
        }
        events = write(shared.resolve("events.csv"), lines.get(0), rows.subList(0, cut));
        newEvents = write(shared.resolve("new_events.csv"), lines.get(0), rows.subList(cut, rows.size()));
        model = shared.resolve("m.srb");
        state = shared.resolve("train.state");
        SentinelProcess.Result train = SentinelProcess.run(shared, "train", "--input", events.toString(), "--features", "pack:soc",
                "--model-out", model.toString(), "--state-out", state.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
    }

    @Test
    void scoreAndPredictNeedNoFlagAndAgree() throws Exception {
        SentinelProcess.Result s = SentinelProcess.run(dir, "score", "--input", newEvents.toString(), "--model", model.toString(),
                "--export-csv", "scored.csv");
        assertThat(s.exitCode()).as(s.err()).isZero();
        List<Map<String, String>> scored = readCsv(dir.resolve("scored.csv"));
        assertThat(scored.get(0)).containsKey("event_count_24h").containsKey("new_device");

        Path jsonl = dir.resolve("new_events.jsonl");
        Files.writeString(jsonl, jsonLines(newEvents));
        SentinelProcess.Result p = SentinelProcess.run(dir, "predict", "--model", model.toString(), "--input", jsonl.toString());
        assertThat(p.exitCode()).as(p.err()).isZero();
        List<String> answers = p.out().lines().toList();
        assertThat(answers).hasSize(scored.size());
        for (int r = 0; r < scored.size(); r++) {
            JsonNode a = JSON.readTree(answers.get(r));
            assertThat(a.get("anomaly_score").asDouble()).as("event %d", r + 1).isEqualTo(Double.parseDouble(scored.get(r).get("score")));
            assertThat(a.get("severity").asText()).isEqualTo(scored.get(r).get("severity"));
        }

        // one raw event on its own: the first new event sees no earlier new event, so it agrees too
        String first = jsonl(newEvents, 0);
        SentinelProcess.Result one = SentinelProcess.run(dir, "predict", "--model", model.toString(), "--record", first);
        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(JSON.readTree(one.out()).get("anomaly_score").asDouble()).isEqualTo(Double.parseDouble(scored.get(0).get("score")));
    }

    @Test
    void entitiesCarryTheirStateAcrossRuns() throws Exception {
        SentinelProcess.Result fresh = SentinelProcess.run(dir, "score", "--input", newEvents.toString(), "--model", model.toString(),
                "--export-csv", "fresh.csv");
        SentinelProcess.Result resumed = SentinelProcess.run(dir, "score", "--input", newEvents.toString(), "--model", model.toString(),
                "--state", state.toString(), "--state-out", "after.state", "--export-csv", "resumed.csv");
        assertThat(fresh.exitCode()).as(fresh.err()).isZero();
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        // with the training state, an entity's first new event counts its training events
        List<Map<String, String>> f = readCsv(dir.resolve("fresh.csv"));
        List<Map<String, String>> r = readCsv(dir.resolve("resumed.csv"));
        assertThat(f.get(0).get("time_since_last")).isEmpty();
        assertThat(r.get(0).get("time_since_last")).isNotEmpty();
        // and equals what one pass over all events gives
        Path both = write(dir.resolve("both.csv"), Files.readAllLines(events).get(0), concat(events, newEvents));
        SentinelProcess.Result once = SentinelProcess.run(dir, "train", "--input", both.toString(), "--features", "pack:soc",
                "--export-csv", "once.csv");
        assertThat(once.exitCode()).as(once.err()).isZero();
        List<Map<String, String>> o = readCsv(dir.resolve("once.csv"));
        List<Map<String, String>> tail = o.subList(o.size() - r.size(), o.size());
        for (int i = 0; i < r.size(); i++) {
            for (String feature : List.of("event_count_24h", "bytes_out_zscore_7d", "time_since_last", "new_device", "geo_speed_since_login_kmh")) {
                assertThat(r.get(i).get(feature)).as("%s of new event %d", feature, i + 1).isEqualTo(tail.get(i).get(feature));
            }
        }
        // predict from the state gives the resumed score of the first new event
        SentinelProcess.Result p = SentinelProcess.run(dir, "predict", "--model", model.toString(), "--state", state.toString(),
                "--record", jsonl(newEvents, 0));
        assertThat(p.exitCode()).as(p.err()).isZero();
        assertThat(JSON.readTree(p.out()).get("anomaly_score").asDouble()).isEqualTo(Double.parseDouble(r.get(0).get("score")));
        assertThat(dir.resolve("after.state")).isNotEmptyFile();
    }

    @Test
    void badRawEventsGetOneLineAndExitTwo() throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(jsonl(newEvents, 0));
        ObjectNode noUser = event.deepCopy();
        noUser.remove("user");
        badInput(List.of("predict", "--model", model.toString(), "--record", noUser.toString()), "no entity", "'user'");
        ObjectNode noTime = event.deepCopy();
        noTime.remove("timestamp");
        badInput(List.of("predict", "--model", model.toString(), "--record", noTime.toString()), "no timestamp", "'timestamp'");

        // an event older than its entity's state: the first training event against the state at the end of training
        String old = jsonl(events, 0);
        badInput(List.of("predict", "--model", model.toString(), "--state", state.toString(), "--record", old),
                "is older than its latest event", "each entity's events must come in time order");

        List<String> lines = Files.readAllLines(newEvents);
        List<String> cut = new ArrayList<>();
        int user = List.of(lines.get(0).split(",")).indexOf("user");
        for (String l : lines) {
            List<String> f = new ArrayList<>(List.of(l.split(",", -1)));
            f.remove(user);
            cut.add(String.join(",", f));
        }
        Files.write(dir.resolve("no_user.csv"), cut);
        badInput(List.of("score", "--input", "no_user.csv", "--model", model.toString()), "no_user.csv", "'user'");

        Path tampered = dir.resolve("tampered.srb");
        SentinelE2ETest.rewriteEntry(model, tampered, "features.json", s -> s.replace("window: 24h", "window: 25h"), false);
        badInput(List.of("score", "--input", newEvents.toString(), "--model", tampered.toString()),
                "tampered.srb", "features.json does not match its checksum");
        badInput(List.of("score", "--input", newEvents.toString(), "--model", model.toString(), "--features", "pack:soc"),
                "carries its feature plan");
    }

    @Test
    void evaluateHonoursFeaturesAndRefusesDb() throws Exception {
        SentinelProcess.Result with = SentinelProcess.run(dir, "evaluate", "--input", events.toString(), "--features", "pack:soc",
                "--report", "with.json");
        assertThat(with.exitCode()).as(with.err()).isZero();
        SentinelProcess.Result without = SentinelProcess.run(dir, "evaluate", "--input", events.toString(), "--report", "without.json");
        assertThat(without.exitCode()).as(without.err()).isZero();
        String w = Files.readString(dir.resolve("with.json"));
        assertThat(w).contains("event_count_24h");
        assertThat(Files.readString(dir.resolve("without.json"))).doesNotContain("event_count_24h");

        SentinelProcess.Result bundle = SentinelProcess.run(dir, "evaluate", "--input", newEvents.toString(), "--model", model.toString());
        assertThat(bundle.exitCode()).as(bundle.err()).isZero();
        badInput(List.of("evaluate", "--input", events.toString(), "--features", "pack:soc", "--db", "postgresql://postgres@127.0.0.1:5432/x"),
                "--db");
        badInput(List.of("evaluate", "--input", newEvents.toString(), "--model", model.toString(), "--features", "pack:soc"),
                "carries its feature plan");
    }

    private SentinelProcess.Result badInput(List<String> args, String... expected) throws Exception {
        SentinelProcess.Result r = SentinelProcess.run(dir, args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        String err = r.err().strip();
        assertThat(err.lines().count()).as(err).isEqualTo(1);
        assertThat(err).contains(expected).doesNotContain("Exception").doesNotContain("\tat ");
        return r;
    }

    private static Path write(Path file, String header, List<String> rows) throws Exception {
        List<String> out = new ArrayList<>();
        out.add(header);
        out.addAll(rows);
        return Files.write(file, out);
    }

    private static List<String> concat(Path a, Path b) throws Exception {
        List<String> out = new ArrayList<>(Files.readAllLines(a).subList(1, Files.readAllLines(a).size()));
        List<String> lb = Files.readAllLines(b);
        out.addAll(lb.subList(1, lb.size()));
        return out;
    }

    static List<Map<String, String>> readCsv(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> out = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",", -1);
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                m.put(header[i], f[i]);
            }
            out.add(m);
        }
        return out;
    }

    /** Row {@code row} of a CSV as a raw JSON event a client would send: numbers, booleans and text typed. */
    private static String jsonl(Path csv, int row) throws Exception {
        return jsonLines(csv).lines().toList().get(row);
    }

    static String jsonLines(Path csv) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (Map<String, String> m : readCsv(csv)) {
            ObjectNode o = JSON.createObjectNode();
            m.forEach((k, v) -> {
                if (k.equals("label") || v.isEmpty()) {
                    return;
                }
                if (v.equals("true") || v.equals("false")) {
                    o.put(k, Boolean.parseBoolean(v));
                } else if (v.matches("-?[0-9]+(\\.[0-9]+)?")) {
                    o.put(k, new java.math.BigDecimal(v));
                } else {
                    o.put(k, v);
                }
            });
            sb.append(o).append('\n');
        }
        return sb.toString();
    }
}
