package io.sentinelrisk.stream;

/**
 * The result of {@link StreamScorer#scoreKeyed}: the event's outcome and its entity's state after
 * it, to be put back into the engine's keyed state.
 *
 * @param outcome     the scored event or its dead letter
 * @param entityState the entity's state after the event ({@code EntityStateCodec.encodeEntity}
 *                    bytes); for a dead letter or a late event the state given in, unchanged; null
 *                    when the bundle has no feature plan, or when the entity holds nothing
 */
public record KeyedOutcome(StreamOutcome outcome, byte[] entityState) {
}
