package org.seedplan.cli.demo;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.seedplan.cases.CaseDosimetry;
import org.seedplan.cases.PatientCase;
import org.seedplan.dose.DoseModel;
import org.seedplan.io.CaseJson;
import org.seedplan.io.OutputFolder;
import org.seedplan.source.SourceLibrary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seedplan evaluate}: dose and metrics of the seeds in a case file. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Compute the 3D dose of the seeds in a case file (docs/case-format.md) and print the plan metrics.")
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--case", required = true, description = "case JSON file")
    Path caseFile;

    @Option(names = "--json", description = "print {\"plan\": {metrics}} as JSON")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR", description = "also write dvh.csv, metrics.json and case.json into this folder (created if missing; files of the same names are replaced)")
    Path out;

    @Option(names = "--model", defaultValue = "line", description = "TG-43 formalism: line (default), point, line1d")
    String model;

    @Option(names = "--source-dir", description = "folder with your own TG-43 data (docs/source-data.md)")
    Path sourceDir;

    @Override
    public Integer call() {
        DoseModel doseModel = DoseModel.parse(model);
        if (out != null) {
            OutputFolder.refuseInputs("--out", out, CaseReport.NAMES, caseFile, sourceDir);
        }
        PatientCase c = CaseJson.read(caseFile);
        SourceLibrary lib = sourceDir == null ? SourceLibrary.builtIn() : SourceLibrary.withDirectory(sourceDir);
        CaseDosimetry.Result r;
        try {
            r = CaseDosimetry.evaluate(c, lib, doseModel);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(caseFile + ": " + e.getMessage(), e);
        }
        if (out != null) {
            CaseReport.write(out, c, r);
        }
        CaseReport.print(c, r, json);
        return 0;
    }
}
