package io.sentinelrisk.core.detect;

import java.util.Map;

/**
 * A fitted detector that made choices while fitting (which members to keep, and why) and says so:
 * the training summary of the bundle and of the train report carry this map under
 * {@code detector_choice}. Keys are snake_case; values are numbers, strings, booleans, lists and
 * maps of them.
 */
public interface FitReport {
    Map<String, Object> fitReport();
}
