package org.seedplan.cli.demo;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.seedplan.cases.CaseDosimetry;
import org.seedplan.cases.PatientCase;
import org.seedplan.cli.planning.DemoPlan;
import org.seedplan.cli.planning.ProgressBar;
import org.seedplan.cli.verify.DemoVerification;
import org.seedplan.demo.DemoPatient;
import org.seedplan.dose.DoseModel;
import org.seedplan.geometry.Volume;
import org.seedplan.source.SourceLibrary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seedplan demo}: the whole road on the built-in demo patient — plan, dose and metrics, then a
 * simulated post-op CT of that plan, seed finding and verification.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the built-in demo: a synthetic liver-lesion patient (GTV, CTV = GTV + 5 mm, stomach,"
                + " spinal cord) planned by the inverse planner (0.6 mCi amersham6711 seeds, coplanar template,"
                + " CTV D90 >= 120 Gy); computes the 3D TG-43 dose and prints the plan metrics; then simulates the"
                + " post-op CT of the plan (with placement errors), finds the seeds and verifies the implant."})
public final class DemoCommand implements Callable<Integer> {

    /** Fixed so that the demo's simulated implant is the same on every run. */
    private static final long SIMULATION_SEED = 2024;

    @Option(names = "--json", description = "print {\"plan\": {metrics…}, \"verification\": {…}} as JSON (docs/metrics-json.md)")
    boolean json;

    @Option(names = "--out", description = "also write dvh.csv, metrics.json, case.json, plan.json, report.pdf, images"
            + " and verification/ into this folder")
    Path out;

    @Option(names = "--dicom-out", description = "also write the demo's CT, RTSTRUCT (with the CTV), RTPLAN and RTDOSE into"
            + " this new or empty folder")
    Path dicomOut;

    @Override
    public Integer call() {
        DemoPatient demo = new DemoPatient();
        ProgressBar progress = new ProgressBar(System.err, !json && System.console() != null);
        DemoPlan planned = DemoPlan.plan(demo, progress);
        PatientCase c = planned.plannedCase();
        CaseDosimetry.Result r = CaseDosimetry.evaluate(c, SourceLibrary.builtIn(), DoseModel.LINE_2D);
        DemoVerification verified = DemoVerification.run(demo, planned.plan(), DemoPlan.intent(), SIMULATION_SEED);
        if (out != null) {
            CaseReport.write(out, c, r);
            planned.writeFiles(out);
            verified.writeFiles(out.resolve("verification"));
        }
        if (dicomOut != null) {
            Volume ct = demo.ct();
            DemoDicom.write(dicomOut, ct, c, r, SourceLibrary.builtIn().model(c.sourceKey()), "CTV");
        }
        if (json) {
            System.out.println(verified.mergeInto(planned.json(r.metrics())));
        } else {
            CaseReport.print(c, r, false);
            planned.printSummary();
            verified.printSummary();
        }
        return 0;
    }
}
