package org.seedplan.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Turns failures into one line on stderr. Bad input (an {@link IllegalArgumentException}, a bad
 * option, or an I/O problem naming the file) is a user error: exit code 2. Anything else — an
 * IllegalStateException, a NullPointerException, any other exception — is a defect of ours: exit
 * code 1, still one line, with a request to report it and the stack trace only when SEEDPLAN_DEBUG is set.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    static final int USER_ERROR = 2;
    static final int INTERNAL_ERROR = 1;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        if (System.getenv("SEEDPLAN_DEBUG") != null) {
            ex.printStackTrace(cmd.getErr());
        }
        Throwable t = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        // a fork-join pool rethrows a worker's exception as a new one of the same class around it (its message is the
        // cause's toString); a wrapper that adds context (the file name) keeps its own message
        while (t.getCause() != null && t.getCause().getClass() == t.getClass()
                && (t.getMessage() == null || t.getMessage().equals(t.getCause().toString()))) {
            t = t.getCause();
        }
        if (t instanceof IllegalArgumentException || t instanceof IOException) {
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + message(t));
            return USER_ERROR;
        }
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": internal error (" + t + "); this is a defect of seedplan,"
                + " please report it with the command line (run again with SEEDPLAN_DEBUG=1 for the stack trace)");
        return INTERNAL_ERROR;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName();
        cmd.getErr().println(name + ": " + ex.getMessage() + " (see '" + name + " --help')");
        return USER_ERROR;
    }

    private static String message(Throwable t) {
        if (t instanceof java.nio.file.NoSuchFileException n) {
            return "file not found: " + n.getFile() + ": check the path";
        }
        String m = t.getMessage();
        return m == null ? t.toString() : m.replace('\n', ' ');
    }
}
