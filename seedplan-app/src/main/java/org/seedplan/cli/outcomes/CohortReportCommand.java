package org.seedplan.cli.outcomes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.seedplan.cli.planning.ProgressBar;
import org.seedplan.outcomes.io.CohortImport;
import org.seedplan.outcomes.io.ImportedCohort;
import org.seedplan.outcomes.plan.AnalysisPlan;
import org.seedplan.outcomes.plan.PlanReader;
import org.seedplan.outcomes.plan.PlanReport;
import org.seedplan.outcomes.report.CohortReport;
import org.seedplan.outcomes.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seedplan cohort report}: reads a cohort and writes the report tables (Markdown, CSV, XLSX) and figures, fixed or by an analysis plan. */
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

    @Option(names = "--plan", paramLabel = "FILE|TEMPLATE",
            description = {"Analysis plan: a JSON file (docs/analysis-plans.md) or a shipped template by name: default, hcc-pvtt,",
                "thyroid-nodes, lesion-dosimetry, pain-qol, hyperthermia-combined. Without it: the fixed cohort report."})
    String plan;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Report folder (created if missing; files of the same names are replaced).")
    Path out;

    @Override
    public Integer call() {
        AnalysisPlan analysisPlan = plan == null ? null
                : Files.exists(Path.of(plan)) || !PlanReader.TEMPLATE_NAMES.contains(plan) ? PlanReader.read(Path.of(plan)) : PlanReader.template(plan);
        ProgressBar progress = new ProgressBar(System.err, System.console() != null);
        progress.progress("reading the cohort", 0.05);
        ImportedCohort cohort = analysisPlan == null ? CohortImport.read(data) : CohortImport.read(data, analysisPlan.nodalTargetMinMm());
        progress.progress("analysing " + cohort.cohort().size() + " patients", 0.35);
        CohortReport report = analysisPlan == null ? CohortReport.of(cohort) : PlanReport.run(analysisPlan, cohort);
        progress.progress("writing tables and figures", 0.6);
        List<Path> files = ReportWriter.write(report, cohort.cohort().size(), out);
        progress.progress("done", 1);
        System.out.println("Cohort report of " + cohort.cohort().size() + " patients: " + report.tables().size() + " tables, "
                + report.figures().size() + " figures, " + files.size() + " files in " + out);
        System.out.println("Open " + out.resolve("report.md") + " or " + out.resolve("report.xlsx"));
        return 0;
    }
}
