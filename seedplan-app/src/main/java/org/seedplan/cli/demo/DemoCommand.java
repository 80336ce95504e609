package org.seedplan.cli.demo;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.seedplan.cases.CaseDosimetry;
import org.seedplan.cases.PatientCase;
import org.seedplan.demo.DemoPatient;
import org.seedplan.dose.DoseModel;
import org.seedplan.source.SourceLibrary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seedplan demo}: the built-in demo patient and implant, dose and plan metrics. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the built-in demo: a synthetic liver-lesion patient (GTV, CTV = GTV + 5 mm, stomach,"
                + " spinal cord) with a fixed implant of 0.6 mCi amersham6711 seeds on parallel needles;"
                + " computes the 3D TG-43 dose and prints the plan metrics."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--json", description = "print {\"plan\": {metrics}} as JSON (docs/metrics-json.md)")
    boolean json;

    @Option(names = "--out", description = "also write dvh.csv, metrics.json and case.json into this folder")
    Path out;

    @Override
    public Integer call() {
        PatientCase c = new DemoPatient().asCase();
        CaseDosimetry.Result r = CaseDosimetry.evaluate(c, SourceLibrary.builtIn(), DoseModel.LINE_2D);
        if (out != null) {
            CaseReport.write(out, c, r);
        }
        CaseReport.print(c, r, json);
        return 0;
    }
}
