package io.sentinelrisk.core.explain;

/**
 * Why a record is odd in one input column.
 *
 * @param feature   the input column
 * @param value     the record's value as text ("" when missing)
 * @param baseline  what is normal, as text: the training median, or the usual categories
 * @param deviation signed distance from normal in robust standard-deviation units (for a
 *                  category: the normal quantile of its rarity, always ≥ 0)
 * @param narrative one line for people, e.g. {@code bytes_out is +11.9 std above normal (median 41200)}
 */
public record Reason(String feature, String value, String baseline, double deviation, String narrative) {
}
