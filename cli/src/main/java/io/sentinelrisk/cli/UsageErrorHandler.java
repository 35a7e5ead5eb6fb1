package io.sentinelrisk.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.util.List;

/**
 * A usage mistake (unknown option, missing or bad value) in the form of every other error: one
 * line, {@code sentinel CMD: error: …}, with a pointer to {@code --help} instead of the whole usage,
 * and exit code 2.
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName();
        PrintWriter err = cmd.getErr();
        err.println(name + ": error: " + message(ex) + "; see '" + name + " --help'");
        err.flush();
        return CommandLine.ExitCode.USAGE;
    }

    private static String message(ParameterException ex) {
        // picocli checks required options before it complains about unknown ones, but a misspelt
        // option is the more useful thing to hear about ("Missing --input" when --inptu was given);
        // of the arguments not understood, name the options, not the values that followed them
        CommandLine.ParseResult parsed = ex.getCommandLine().getParseResult();
        List<String> unmatched = ex instanceof UnmatchedArgumentException u ? u.getUnmatched()
                : parsed == null ? List.of() : parsed.unmatched();
        List<String> options = unmatched.stream().filter(a -> a.startsWith("-")).toList();
        if (!unmatched.isEmpty()) {
            ex = new UnmatchedArgumentException(ex.getCommandLine(), options.isEmpty() ? unmatched : options);
        }
        String text = String.valueOf(ex.getMessage()).strip().replaceAll("\\s*\\R\\s*", " ");
        if (!unmatched.isEmpty() && options.isEmpty() && !ex.getCommandLine().getSubcommands().isEmpty()) {
            text = "Unknown command: '" + unmatched.get(0) + "'";
        }
        if (ex instanceof UnmatchedArgumentException u) {
            List<String> close = u.getSuggestions();
            if (!close.isEmpty()) {
                text += " (did you mean " + String.join(" or ", close.subList(0, Math.min(3, close.size()))) + "?)";
            }
        }
        return text;
    }
}
