package io.sentinelrisk.cli;

import picocli.CommandLine;

import java.util.ResourceBundle;

/** How every command's help and usage errors look; installed once on the top command. */
final class Usage {
    private Usage() {
    }

    static void install(CommandLine cli) {
        cli.setParameterExceptionHandler(new UsageErrorHandler());
        cli.setResourceBundle(ResourceBundle.getBundle(HelpDefaults.class.getName()));   // defaults shown in --help
        cli.setUsageHelpAutoWidth(true);   // the terminal's width when known, else 80 columns
    }
}
