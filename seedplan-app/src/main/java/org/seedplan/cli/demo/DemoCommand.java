package org.seedplan.cli.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.seedplan.cases.PatientCase;
import org.seedplan.cli.planning.DemoPlan;
import org.seedplan.cli.planning.IntentJson;
import org.seedplan.cli.planning.ProgressBar;
import org.seedplan.cli.verify.DemoVerification;
import org.seedplan.demo.DemoPatient;
import org.seedplan.io.CaseJson;
import org.seedplan.io.OutputFolder;
import org.seedplan.report.MetricsTable;
import org.seedplan.report.PlanProvenance;
import org.seedplan.source.SourceLibrary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seedplan demo}: the whole road on the built-in demo patient — plan, dose and metrics, then a
 * simulated post-op CT of that plan, seed finding and verification. Every plan number printed or
 * written comes from the plan's one evaluation on its planning grid (docs/planning.md).
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

    @Option(names = "--out", paramLabel = "DIR", description = "also write dvh.csv, metrics.json, case.json, intent.json, plan.json, report.pdf,"
            + " images and verification/ into this folder (created if missing; files of the same names are replaced; try: seedplan"
            + " plan --case case.json --intent intent.json)")
    Path out;

    @Option(names = "--dicom-out", paramLabel = "DIR", description = "also write the demo's CT, RTSTRUCT (GTV, CTV, organs), RTPLAN and RTDOSE, and the"
            + " simulated post-op CT in postop/, into this new or empty folder (try: seedplan find-seeds, seedplan verify on them)")
    Path dicomOut;

    @Override
    public Integer call() {
        checkOutputs();
        String dicomLine = null;
        DemoPatient demo = new DemoPatient();
        ProgressBar progress = new ProgressBar(System.err, !json && System.console() != null);
        DemoPlan planned = DemoPlan.plan(demo, progress);
        PatientCase c = planned.plannedCase();
        progress.progress("post-op CT, seed finding", 0.5);
        DemoVerification verified = DemoVerification.run(demo, planned.plan(), DemoPlan.intent(), SIMULATION_SEED);
        progress.progress("writing", 0.8);
        if (out != null) {
            try (OutputFolder folder = OutputFolder.open(out)) {
                planned.writeInto(folder, provenance(demo));
                folder.writeString("case.json", CaseJson.write(c));
                folder.writeString("intent.json", IntentJson.write(DemoPlan.intent()));
                verified.writeFiles(folder.staging().resolve("verification"));
                folder.commit();
            }
        }
        if (dicomOut != null) {
            dicomLine = DemoDicom.write(dicomOut, demo.ct(), verified.postOpCt(), c, planned.plan(),
                    SourceLibrary.builtIn().model(c.sourceKey()), "CTV");
        }
        progress.progress("done", 1);
        if (json) {
            System.out.println(verified.mergeInto(planned.json()));
        } else {
            System.out.printf("%s: %d seeds of %s (%s)%n", org.seedplan.report.PersonName.readable(c.name()), c.seeds().size(), c.sourceKey(), c.seedStrength());
            provenance(demo).sourceLines(planned.plan()).forEach(l -> System.out.println("  " + l));
            System.out.print(MetricsTable.render(planned.plan().metrics()));
            planned.printSummary();
            verified.printSummary();
            if (dicomLine != null) {
                System.out.println(dicomLine);
            }
        }
        return 0;
    }

    /** The demo's CT (synthetic, no DICOM series until --dicom-out writes one) and its seed certificate's dates. */
    private static PlanProvenance provenance(DemoPatient demo) {
        var g = demo.ctGrid();
        return new PlanProvenance(String.format(java.util.Locale.ROOT, "the demo's synthetic CT, %d slices of %d x %d (%.2f x %.2f x %.2f mm);"
                + " --dicom-out writes it as a DICOM series", g.nz(), g.nx(), g.ny(), g.dxMm(), g.dyMm(), g.dzMm()),
                DemoCertificate.CALIBRATION, DemoCertificate.IMPLANT);
    }

    /** Refuses unusable output folders before any work. */
    private void checkOutputs() {
        if (out != null && dicomOut != null && out.toAbsolutePath().normalize().equals(dicomOut.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("--out and --dicom-out are the same folder " + out + ": give two folders");
        }
        if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a file, not a folder: give a folder for the output");
        }
        if (dicomOut != null && Files.exists(dicomOut)) {
            try (var s = Files.list(dicomOut)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException("--dicom-out " + dicomOut + " exists and is not empty: give a new or empty folder");
                }
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("--dicom-out " + dicomOut + " is not a readable folder (" + e.getMessage() + ")");
            }
        }
    }
}
