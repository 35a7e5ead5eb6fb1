package io.sentinelrisk.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LogbackServiceProvider;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import ch.qos.logback.core.util.StatusPrinter;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The logging that {@code sentinel}'s {@code main} names to slf4j (its {@code slf4j.provider}
 * property): logback's context, configured by {@link LogSetup} directly. slf4j's and logback's
 * own discovery (a ServiceLoader each) make the class loader open the jar and read its index of
 * ~18,700 entries, in the interpreter, on the command's thread, in a run that otherwise takes
 * every class from the start-up cache (docs/benchmarks.md, "A run that never opens the jar").
 * A user's {@code -Dlogback.configurationFile} goes through logback's own provider, as before;
 * so do tests and embedders, which do not start at {@code main}.
 */
public final class LogProvider implements SLF4JServiceProvider {
    private LoggerContext context;
    private IMarkerFactory markers;
    private LogbackMDCAdapter mdc;

    /**
     * Names this provider to slf4j unless the JVM was given a provider or a logback configuration
     * file of its own; and keeps slf4j from announcing, on stderr, the provider it was given.
     */
    static void install() {
        if (System.getProperty("slf4j.provider") != null || System.getProperty("logback.configurationFile") != null) {
            return;
        }
        System.setProperty("slf4j.provider", LogProvider.class.getName());
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "WARN");
        }
    }

    @Override
    public void initialize() {
        context = new LoggerContext();
        context.setName("default");
        new LogSetup().configure(context);
        context.start();
        markers = new BasicMarkerFactory();
        mdc = new LogbackMDCAdapter();
        context.setMDCAdapter(mdc);
        if (new StatusUtil(context).getHighestLevel(0) >= Status.WARN) {
            StatusPrinter.print(context);   // not before: its clock's time zone alone costs a class-path search
        }
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return context;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return LogbackServiceProvider.REQUESTED_API_VERSION;
    }
}
