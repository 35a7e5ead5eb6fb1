package io.sentinelrisk.stream.sim;

/**
 * One event to replay.
 *
 * @param time its event time, epoch ms (Long.MIN_VALUE when the file has no time column)
 * @param json the event as one JSON object
 * @param key  the Kafka message key (the entity), or null
 */
public record SimEvent(long time, String json, String key) {
}
