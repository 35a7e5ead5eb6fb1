package io.sentinelrisk.core.io;

/**
 * Where every field of a tokenised CSV file lies in its bytes. Field {@code c} of data row
 * {@code r} is the raw text {@code bytes[start(r, c), ends[c][r])}, quotes and surrounding spaces
 * included; the byte at {@code ends[c][r]} is the delimiter, a line break or the end of input.
 */
final class CsvTokens {
    final InputBytes input;
    final byte delimiter;
    final String[] header;
    final int rows;
    final int[] rowStarts;
    /** 1-based line on which each data row starts. */
    final int[] rowLines;
    final int[][] ends;

    CsvTokens(InputBytes input, byte delimiter, String[] header, int rows, int[] rowStarts, int[] rowLines, int[][] ends) {
        this.input = input;
        this.delimiter = delimiter;
        this.header = header;
        this.rows = rows;
        this.rowStarts = rowStarts;
        this.rowLines = rowLines;
        this.ends = ends;
    }

    int start(int row, int col) {
        return col == 0 ? rowStarts[row] : ends[col - 1][row] + 1;
    }

    /** The 1-based line of the byte at {@code pos}, which lies in data row {@code row}. */
    int lineOf(int row, int pos) {
        byte[] b = input.bytes();
        int line = rowLines[row];
        for (int i = rowStarts[row]; i < pos; i++) {
            if (b[i] == '\n' || (b[i] == '\r' && (i + 1 >= input.limit() || b[i + 1] != '\n'))) {
                line++;
            }
        }
        return line;
    }
}
