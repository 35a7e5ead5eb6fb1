package io.sentinelrisk.core.export;

/**
 * Where an alerted record came from.
 *
 * @param source the input (file name, {@code --record}, a topic…)
 * @param row    0-based position of the record among the input's records
 * @param line   the input line where the record starts, or null if unknown (generated data)
 * @param id     the id column's value, an ordered map of them when there are several, or null
 * @param label  the given label (1 = anomaly), or null without labels
 */
public record AlertOrigin(String source, int row, Long line, Object id, Integer label) {
}
