package io.sentinelrisk.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Large generated numeric inputs for the end-to-end tests of files of any size, and counting their lines. */
final class NumericFiles {
    private NumericFiles() {
    }

    /** Ten full-precision gaussian columns (about 190 bytes a row) under a header; returns the row count. */
    static long writeNumeric(Path file, int rows, long seed) throws IOException {
        Random rnd = new Random(seed);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("x0,x1,x2,x3,x4,x5,x6,x7,x8,x9\n");
            StringBuilder sb = new StringBuilder(256);
            for (int r = 0; r < rows; r++) {
                sb.setLength(0);
                for (int c = 0; c < 10; c++) {
                    sb.append(c == 0 ? "" : ",").append(rnd.nextGaussian() * (c + 1));
                }
                w.append(sb).append('\n');
            }
        }
        return rows;
    }

    /** The number of '\n' in the file, read in chunks (the file may be larger than the heap). */
    static long countLines(Path file) throws IOException {
        long n = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int r = in.read(buf); r > 0; r = in.read(buf)) {
                for (int i = 0; i < r; i++) {
                    n += buf[i] == '\n' ? 1 : 0;
                }
            }
        }
        return n;
    }
}
