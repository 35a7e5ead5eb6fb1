package io.sentinelrisk.synth;

import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.io.CsvWriter;

import java.nio.file.Path;

/**
 * Writes a generated frame as comma-separated CSV, atomically, through core's {@link CsvWriter}
 * (boolean columns as {@code true}/{@code false}, which SQL engines and people expect).
 */
public final class FrameCsv {
    private FrameCsv() {
    }

    public static void write(Frame frame, Path target) {
        CsvWriter.writeFrame(frame, target, ',');
    }
}
