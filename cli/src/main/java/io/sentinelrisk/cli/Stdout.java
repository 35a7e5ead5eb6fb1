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

    // Plain try/catch rather than a shared lambda: a bare --version starts without the start-up
    // cache, and a lambda would have the JVM generate its classes at run time.
    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw remember(e);
        }
    }

    private IOException remember(IOException e) {
        if (failure == null) {
            failure = e;
        }
        return e;
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
