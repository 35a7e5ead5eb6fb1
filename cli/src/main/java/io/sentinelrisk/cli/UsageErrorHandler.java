package io.sentinelrisk.cli;

import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.OptionSpec;
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
        CommandLine cmd = ex.getCommandLine();
        // picocli checks required options before it complains about unknown ones, but a misspelt
        // option is the more useful thing to hear about ("Missing --input" when --inptu was given);
        // of the arguments not understood, name the options, not the values that followed them
        CommandLine.ParseResult parsed = cmd.getParseResult();
        List<String> unmatched = ex instanceof UnmatchedArgumentException u ? u.getUnmatched()
                : parsed == null ? List.of() : parsed.unmatched();
        if (unmatched.isEmpty()) {
            return ex instanceof MissingParameterException m ? missing(m) : oneLine(ex.getMessage());
        }
        String first = unmatched.get(0);
        if (!first.startsWith("-") && !cmd.getSubcommands().isEmpty()) {
            // 'sentinel trian --input x': the rest was never parsed; the command is what is wrong
            return "Unknown command: '" + first + "'" + meant(Suggestions.closest(first, cmd.getSubcommands().keySet(), 3));
        }
        List<String> options = unmatched.stream().filter(a -> a.startsWith("-")).toList();
        UnmatchedArgumentException u = new UnmatchedArgumentException(cmd, options.isEmpty() ? unmatched : options);
        return oneLine(u.getMessage()) + suggestions(u);
    }

    /** The options closest to the first unknown one (picocli proposes the candidates; we rank them by edits). */
    private static String suggestions(UnmatchedArgumentException u) {
        List<String> candidates = u.getSuggestions();
        List<String> close = u.getUnmatched().isEmpty() ? List.of() : Suggestions.closest(u.getUnmatched().get(0), candidates, 3);
        return meant(close.isEmpty() ? candidates.subList(0, Math.min(3, candidates.size())) : close);
    }

    private static String meant(List<String> close) {
        return close.isEmpty() ? "" : " (did you mean " + String.join(" or ", close) + "?)";
    }

    /**
     * A required option that has a hidden old name (an argument group of the two) is reported like
     * any other missing option, by its one visible name.
     */
    private static String missing(MissingParameterException ex) {
        List<OptionSpec> shown = ex.getMissing().stream().filter(OptionSpec.class::isInstance).map(OptionSpec.class::cast)
                .filter(o -> !o.hidden()).toList();
        if (shown.size() != 1) {
            return oneLine(ex.getMessage());
        }
        OptionSpec o = shown.get(0);
        return "Missing required option: '" + o.longestName() + "=" + o.paramLabel() + "'";
    }

    private static String oneLine(String message) {
        return String.valueOf(message).strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
