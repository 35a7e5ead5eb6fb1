package io.sentinelrisk.report;

/**
 * One rendered plot.
 *
 * @param file    file name in the plots directory, e.g. {@code roc-curves.png}
 * @param title   what it shows, for people (the HTML report's caption)
 * @param section the detector it belongs to, or null for plots comparing detectors
 * @param png     the PNG bytes
 */
public record Plot(String file, String title, String section, byte[] png) {
}
