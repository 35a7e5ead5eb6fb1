package io.sentinelrisk.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar over the steps of a command, drawn on stderr only when a person is watching (a
 * terminal): it redraws with carriage returns, which would litter logs and pipes.
 */
public final class Progress implements AutoCloseable {
    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    static Progress start(String task, int steps) {
        if (System.console() == null || System.getenv("CI") != null) {
            return new Progress(null);
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(steps)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .hideEta()
                .build();
        return new Progress(bar);
    }

    /** A bar over {@code max} units (events sent, rows read), on a terminal only. */
    public static Progress count(String task, long max) {
        if (System.console() == null || System.getenv("CI") != null) {
            return new Progress(null);
        }
        return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).showSpeed().build());
    }

    /** Moves a counting bar to {@code done} units. */
    public void stepTo(long done) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    /** Marks a step done and names the next one. */
    void step(String next) {
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(" " + next);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
