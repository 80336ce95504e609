package org.seedplan.cli.stats;

import picocli.CommandLine.Option;

/** The follow-up time and event columns shared by the survival commands (km, logrank, cox). */
final class SurvivalColumns {

    @Option(names = "--time", required = true, paramLabel = "COL", description = "follow-up time column (any unit, >= 0)")
    String time;

    @Option(names = "--event", required = true, paramLabel = "COL", description = "event column: 1 = event, 0 = censored")
    String event;
}
