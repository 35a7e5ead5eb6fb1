package io.sentinelrisk.cli;

import picocli.CommandLine;

/** How every command's help and usage errors look; installed once on the top command. */
final class Usage {
    private Usage() {
    }

    static void install(CommandLine cli) {
        cli.setParameterExceptionHandler(new UsageErrorHandler());
        // The defaults shown in --help. Made directly: ResourceBundle.getBundle would first look for
        // a class and a properties file per locale of the user's (there are none), ~2.5 ms of CPU
        // at every start, help or not.
        cli.setResourceBundle(new HelpDefaults());
        cli.setUsageHelpAutoWidth(true);   // the terminal's width when known, else 80 columns
    }
}
