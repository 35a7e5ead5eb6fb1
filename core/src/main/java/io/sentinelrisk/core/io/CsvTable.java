package io.sentinelrisk.core.io;

import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.error.InputLocation;

/**
 * A frame read from a CSV file, with where each of its rows came from, so that later checks
 * (labels, say) can name the line of a bad value.
 *
 * @param frame     the data
 * @param file      the file's name as the user gave it
 * @param delimiter the delimiter used (given or detected)
 * @param rowLines  the 1-based line on which each row starts
 */
public record CsvTable(Frame frame, String file, char delimiter, int[] rowLines) {

    /** The place of row {@code row}, column {@code column} (both 0-based; column -1 = the line only). */
    public InputLocation location(int row, int column) {
        return new InputLocation(file, rowLines[row], column + 1);
    }
}
