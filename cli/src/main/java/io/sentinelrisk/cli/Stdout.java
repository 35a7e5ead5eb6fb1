package io.sentinelrisk.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;

/**
 * Standard output for the commands' printing, remembering the first write error: a PrintWriter
 * swallows it, and {@code sentinel predict … > /dev/full} must not exit 0 with the answer lost.
 * {@link SentinelCommand} checks it once, after every command.
 */
final class Stdout extends OutputStream {
    private final OutputStream out = new FileOutputStream(FileDescriptor.out);
    private volatile IOException failure;

    /** A writer over standard output in its charset, flushed at every line like System.out. */
    PrintWriter writer() {
        return new PrintWriter(new OutputStreamWriter(this, System.out.charset()), true);
    }

    @Override
    public void write(int b) throws IOException {
        guard(() -> out.write(b));
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        guard(() -> out.write(b, off, len));
    }

    private interface Io {
        void run() throws IOException;
    }

    private void guard(Io io) throws IOException {
        try {
            io.run();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
            throw e;
        }
    }

    /** Why writing failed, after flushing {@code writer}; null when all went out. */
    String failure(PrintWriter writer) {
        boolean troubled = writer.checkError() | System.out.checkError();
        if (failure != null) {
            return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        }
        return troubled ? "write error" : null;
    }
}
