package io.sentinelrisk.flink;

import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.stream.StreamOutcome;

import java.util.LinkedHashMap;
import java.util.Map;

/** A dead letter as the dead-letter topic holds it: {"reason", "source", "event"} (the event as it came, as text). */
final class DeadLetterJson {
    private DeadLetterJson() {
    }

    static String of(String source, StreamOutcome.DeadLetter dead) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reason", dead.reason());
        m.put("source", source);
        m.put("event", dead.raw());
        return Json.line(m);
    }
}
