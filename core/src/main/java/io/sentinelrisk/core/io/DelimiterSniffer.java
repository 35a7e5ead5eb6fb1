package io.sentinelrisk.core.io;

/**
 * Guesses the delimiter from the first lines: the candidate (comma, tab, semicolon, pipe) that
 * splits the header into the most fields and every sampled line into as many; if none is
 * consistent, the one that splits the header into the most fields; with no candidate in the
 * header, a comma (a one-column file). Quotes are respected, so a comma inside a quoted field
 * does not count.
 */
final class DelimiterSniffer {
    private DelimiterSniffer() {
    }

    static final byte[] CANDIDATES = {',', '\t', ';', '|'};
    private static final int SAMPLE_BYTES = 1 << 16;
    private static final int SAMPLE_LINES = 100;

    static byte detect(InputBytes input) {
        byte[] b = input.bytes();
        int from = input.start();
        int to = (int) Math.min(input.limit(), (long) from + SAMPLE_BYTES);
        boolean wholeFile = to == input.limit();
        byte best = ',';
        int bestFields = 1;
        boolean bestConsistent = false;
        int[] counts = new int[SAMPLE_LINES];
        for (byte d : CANDIDATES) {
            int lines = fieldCounts(b, from, to, wholeFile, d, counts);
            if (lines == 0) {
                continue;
            }
            int header = counts[0];
            boolean consistent = true;
            for (int i = 1; i < lines; i++) {
                consistent &= counts[i] == header;
            }
            boolean better = consistent && !bestConsistent ? header > 1
                : consistent == bestConsistent && header > bestFields;
            if (better) {
                best = d;
                bestFields = header;
                bestConsistent = consistent;
            }
        }
        return best;
    }

    /**
     * Fields per record for the first complete records of {@code b[from, to)}; returns how many
     * records were counted. A record cut by the end of the sample is left out.
     */
    private static int fieldCounts(byte[] b, int from, int to, boolean wholeFile, byte d, int[] counts) {
        int records = 0;
        int i = from;
        while (i < to && records < counts.length) {
            while (i < to && (b[i] == '\n' || b[i] == '\r')) {
                i++;
            }
            if (i >= to) {
                break;
            }
            int fields = 1;
            boolean inQuotes = false;
            boolean complete = false;
            while (i < to) {
                byte c = b[i++];
                if (inQuotes) {
                    if (c == '"') {
                        inQuotes = false; // a doubled quote re-opens at once
                    }
                } else if (c == '"') {
                    inQuotes = true;
                } else if (c == d) {
                    fields++;
                } else if (c == '\n' || c == '\r') {
                    complete = true;
                    break;
                }
            }
            if (complete || wholeFile) {
                counts[records++] = fields;
            }
        }
        return records;
    }
}
