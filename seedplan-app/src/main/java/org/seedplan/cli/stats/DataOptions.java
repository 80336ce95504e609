package org.seedplan.cli.stats;

import java.nio.file.Path;
import org.seedplan.stats.data.DataTable;
import org.seedplan.stats.data.DataTableReader;
import picocli.CommandLine.Option;

/** The input table options shared by the stats commands. */
final class DataOptions {

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "table, .csv (comma, semicolon or tab) or .xlsx; first row = column names; empty or NA = missing")
    Path data;

    @Option(names = "--sheet", paramLabel = "NAME", description = "sheet of an .xlsx file (default: the first)")
    String sheet;

    @Option(names = "--json", description = "print JSON (field names as R's) instead of a table")
    boolean json;

    DataTable read() {
        return DataTableReader.read(data, sheet);
    }
}
