package org.seedplan.cli.registry;

import picocli.CommandLine.Option;

/** The {@code --centre CODE} option of the registry commands. */
final class CentreOption {

    @Option(names = "--centre", required = true, paramLabel = "CODE", description = "Code of the centre, e.g. MAIN.")
    String centre;

    /** The centre code, trimmed; refused when blank. */
    String code() {
        String code = centre == null ? "" : centre.trim();
        if (code.isEmpty()) {
            throw new IllegalArgumentException("--centre is empty: give the code of a centre, e.g. --centre MAIN");
        }
        return code;
    }
}
