package org.seedplan.cli.outcomes;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.seedplan.outcomes.io.CohortImport;
import org.seedplan.outcomes.io.ImportedCohort;
import org.seedplan.outcomes.report.CohortReport;
import org.seedplan.outcomes.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seedplan cohort report}: reads a cohort and writes the report tables (Markdown, CSV, XLSX) and figures (SVG, PNG). */
@Command(name = "report", mixinStandardHelpOptions = true, header = "Write the cohort outcome report (tables and figures).",
        description = {"Read a cohort and write the outcome report: baseline table, response by",
            "month (RECIST 1.1, mRECIST), pain (NRS), QLQ-C30, adverse events, Kaplan-Meier",
            "survival (days, shown in months), Cox prognostic factors, pre- vs post-plan",
            "dosimetry (Gy, %%, cm3) and hyperthermia, as report.md, report.xlsx,",
            "tables/*.csv and figures/*.svg + *.png. Input formats: docs/outcomes.md."})
public final class CohortReportCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "DIR|FILE",
            description = "Cohort folder (patients, lesions, followups, measurements, adverse_events, hyperthermia as .csv or .xlsx) or one .xlsx workbook with those sheets.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Report folder (created; files of the same name are replaced).")
    Path out;

    @Override
    public Integer call() {
        ImportedCohort cohort = CohortImport.read(data);
        CohortReport report = CohortReport.of(cohort);
        List<Path> files = ReportWriter.write(report, cohort.cohort().size(), out);
        System.out.println("Cohort report of " + cohort.cohort().size() + " patients: " + report.tables().size() + " tables, "
                + report.figures().size() + " figures, " + files.size() + " files in " + out);
        System.out.println("Open " + out.resolve("report.md") + " or " + out.resolve("report.xlsx"));
        return 0;
    }
}
