package org.seedplan.cli.planning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.seedplan.dicom.DicomExport;
import org.seedplan.dicom.PlanSet;
import org.seedplan.dicom.consistency.Consistency;
import org.seedplan.dicom.ct.CtSeries;
import org.seedplan.dicom.ct.CtSeriesReader;
import org.seedplan.dicom.rtdose.RtDoseWriter;
import org.seedplan.dicom.rtplan.ImplantSource;
import org.seedplan.dicom.rtplan.SeedModelMatcher;
import org.seedplan.dicom.rtplan.SeedSourceInfo;
import org.seedplan.dicom.rtstruct.RtStructReader;
import org.seedplan.dicom.rtstruct.RtStructureSet;
import org.seedplan.dose.Seed;
import org.seedplan.dose.Tg43Kernel;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.io.CaseJson;
import org.seedplan.io.MetricsJson;
import org.seedplan.io.OutputFolder;
import org.seedplan.planning.GoalResult;
import org.seedplan.planning.Plan;
import org.seedplan.planning.PlannedNeedle;
import org.seedplan.planning.Planner;
import org.seedplan.planning.PlanningCase;
import org.seedplan.planning.PlanningSession;
import org.seedplan.planning.intent.PlanIntent;
import org.seedplan.planning.robustness.PlacementErrors;
import org.seedplan.planning.robustness.RobustnessResult;
import org.seedplan.planning.robustness.RobustnessSimulation;
import org.seedplan.source.SourceLibrary;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seedplan plan}: inverse planning of a seed implant from contours (case file or DICOM) and an intent. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Plan a seed implant: the needles follow the approach in the intent and the inverse optimiser chooses the seeds.",
            "Prints dose (TG-43, Gy), DVH, goals and seeds to order; with --out also writes the PDF report and images.",
            "Intent format: docs/planning.md."})
public final class PlanCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    /** Where the patient comes from. */
    static final class Input {
        @Option(names = "--case", description = "case file (JSON, docs/case-format.md); its seeds are ignored")
        Path caseFile;

        @ArgGroup(exclusive = false)
        Dicom dicom;
    }

    /** A CT series with its structure set. */
    static final class Dicom {
        @Option(names = "--ct", required = true, description = "folder with the planning CT series (DICOM)")
        Path ctDir;

        @Option(names = "--rtstruct", required = true, description = "RT Structure Set file (DICOM) drawn on that CT")
        Path rtstruct;

        @Option(names = "--series", description = "Series Instance UID of the planning CT, when the folder holds several")
        String series;
    }

    @Option(names = "--intent", required = true, description = "plan intent (JSON): targets, prescriptions (Gy), organ limits, seeds, approach")
    Path intentFile;

    @Option(names = "--out", paramLabel = "DIR", description = "write plan.json, metrics.json, dvh.csv, report.pdf and PNG images into this folder (created if missing; files of the same names are replaced)")
    Path out;

    @Option(names = "--dicom-out", paramLabel = "DIR", description = "with --ct: also write RT Structure Set (the planning contours), RT Plan (needles as"
            + " channels) and RT Dose into this new or empty folder, in the CT's study and Frame of Reference, referencing its slices (the CT"
            + " is not copied); needs --implant-date")
    Path dicomOut;

    @Option(names = "--implant-date", description = "with --dicom-out: planned implant date (and time), YYYY-MM-DD[THH:MM], on which"
            + " the seeds have the intent's strength")
    String implantDate;

    @Option(names = "--calibration-date", description = "with --dicom-out: the calibration date (and time) on the seeds' certificate,"
            + " written as Source Strength Reference Date/Time with the strength decayed back to it (default: the implant date)")
    String calibrationDate;

    @Option(names = "--json", description = "print the plan document as JSON (docs/planning.md) instead of the summary")
    boolean json;

    @Option(names = "--robustness", description = "simulate placement errors and report the 5th-95th percentiles of D90 and V100")
    boolean robustness;

    @Option(names = "--samples", defaultValue = "100", description = "simulated implants for --robustness (default ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--tip-error-mm", defaultValue = "4.0", description = "needle-tip placement error, rms mm (default ${DEFAULT-VALUE})")
    double tipErrorMm;

    @Option(names = "--seed-sigma-mm", defaultValue = "2.0", description = "independent seed displacement, mm per axis (default ${DEFAULT-VALUE})")
    double seedSigmaMm;

    @Option(names = "--source-dir", description = "folder with your own TG-43 data (docs/source-data.md); the intent names the key")
    Path sourceDir;

    @Option(names = "--model-based", description = "with --ct: also compute the model-based dose (TG-186 Monte Carlo in the CT's tissues) of"
            + " the plan and print it, and put it in the report, beside TG-43: D90 and V100 of each target, organ doses, with 1σ")
    boolean modelBased;

    @picocli.CommandLine.Mixin
    org.seedplan.cli.dose.ModelBasedOptions mc;

    private CtSeries ctSeries;
    private List<String> dicomLines = List.of();
    private org.seedplan.dose.modelbased.PatientModelBasedDose.Evaluation modelBasedDose;
    private org.seedplan.report.PlanProvenance provenance;

    @Override
    public Integer call() {
        checkOptions();
        if (dicomOut != null && input.dicom == null) {
            throw new IllegalArgumentException("--dicom-out needs the CT: plan with --ct and --rtstruct, or leave --dicom-out out");
        }
        if (dicomOut != null && implantDate == null) {
            throw new IllegalArgumentException("--dicom-out needs --implant-date YYYY-MM-DD[THH:MM]: the RT Plan states the seeds'"
                    + " strength at a date (add --calibration-date for the certificate's date)");
        }
        PlanIntent intent = IntentJson.read(intentFile);
        PlanningCase planningCase = readCase();
        Planner planner = new Planner(sourceDir == null ? SourceLibrary.builtIn() : SourceLibrary.withDirectory(sourceDir));
        ProgressBar bar = new ProgressBar(System.err, !json && System.console() != null);
        long t0 = System.nanoTime();
        PlanningSession session = planner.prepare(planningCase, intent, bar);
        Plan plan = session.optimise(bar);
        plan = plan.withPlanningSeconds((System.nanoTime() - t0) / 1e9);
        Plan baseline = session.uniformBaseline();
        RobustnessResult spread = robustness
                ? RobustnessSimulation.run(session, plan, new PlacementErrors(tipErrorMm, seedSigmaMm, samples), 20261122L) : null;
        if (modelBased) {
            modelBasedDose = PlanModelBased.evaluate(plan, session.geometry(), planningCase.structures(),
                    ctSeries == null ? "" : ctSeries.patient().sex(), mc);
        }
        if (out != null) {
            PlanFiles.write(out, plan, session.geometry(), baseline, spread, provenance(), modelBasedDose);
        }
        if (dicomOut != null) {
            dicomLines = writeDicom(plan, planningCase);
        }
        if (json) {
            ObjectNode doc = PlanJson.document(plan, baseline, spread);
            System.out.println(MetricsJson.write(doc));
        } else {
            printSummary(plan, baseline, spread);
            dicomLines.forEach(l -> System.out.println("  " + l));
        }
        return 0;
    }

    /** Most simulated implants for --robustness: 10 000 give percentiles to ±0.2 percentile points, more only cost time. */
    static final int MAX_SAMPLES = 10_000;
    /** Largest placement error accepted, mm: beyond 20 mm a needle misses any target it was planned for. */
    static final double MAX_ERROR_MM = 20;

    /** Every option checked before any reading, computing or writing. */
    private void checkOptions() {
        if (!modelBased && mc.anyGiven()) {
            throw new IllegalArgumentException("--mc-report, --hu-density, --tissue, --soft-tissue and the --mc-… options belong to the model-based dose:"
                    + " add --model-based, or leave them out");
        }
        if (modelBased) {
            if (input.caseFile != null) {
                throw new IllegalArgumentException("--model-based needs the CT: plan with --ct and --rtstruct (a case file has no tissues)");
            }
            mc.check();
        }
        if (robustness) {
            if (samples < 10 || samples > MAX_SAMPLES) {
                throw new IllegalArgumentException("--samples " + samples + ": give 10 to " + MAX_SAMPLES
                        + " simulated implants (percentiles need at least 10)");
            }
            if (!(tipErrorMm >= 0 && tipErrorMm <= MAX_ERROR_MM)) {
                throw new IllegalArgumentException("--tip-error-mm " + tipErrorMm + ": give an rms error from 0 to " + MAX_ERROR_MM + " mm");
            }
            if (!(seedSigmaMm >= 0 && seedSigmaMm <= MAX_ERROR_MM)) {
                throw new IllegalArgumentException("--seed-sigma-mm " + seedSigmaMm + ": give a displacement from 0 to " + MAX_ERROR_MM
                        + " mm");
            }
        }
        Path[] inputs = {intentFile, input.caseFile, input.dicom == null ? null : input.dicom.rtstruct,
            input.dicom == null ? null : input.dicom.ctDir, sourceDir};
        if (out != null) {
            OutputFolder.refuseInputs("--out", out, PlanFiles.names(), inputs);
            for (Path in : inputs) {
                if (in != null && java.nio.file.Files.isDirectory(in) && in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
                    throw new IllegalArgumentException("--out " + out + " is an input folder: write the output somewhere else");
                }
            }
            if (java.nio.file.Files.exists(out) && !java.nio.file.Files.isDirectory(out)) {
                throw new IllegalArgumentException("--out " + out + " is a file, not a folder: give a folder for the output");
            }
        }
        if (dicomOut != null) {
            OutputFolder.refuseInputFile("--dicom-out", dicomOut, inputs);
            if (out != null && dicomOut.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("--out and --dicom-out are the same folder " + out + ": give two folders");
            }
        }
    }

    private PlanningCase readCase() {
        if (input.caseFile != null) {
            return PlanningCase.of(CaseJson.read(input.caseFile), null);
        }
        ctSeries = CtSeriesReader.read(input.dicom.ctDir, input.dicom.series);
        Volume volume = ctSeries.volume();
        RtStructureSet rs = RtStructReader.read(input.dicom.rtstruct);
        Consistency.requireDrawnOn(rs, ctSeries, input.dicom.ctDir.toString());
        var structures = rs.requireUniqueNames().structures();
        return new PlanningCase(ctSeries.patient().id(), ctSeries.patient().name(), structures, volume);
    }

    /**
     * The plan set as DICOM on the imported CT: each needle with seeds becomes one RT Plan channel. Returns the lines
     * stating what the RT Plan says of the seeds: model, calibration and implant dates, strength at both.
     */
    private List<String> writeDicom(Plan plan, PlanningCase planningCase) {
        List<List<Seed>> needles = new ArrayList<>();
        List<Vec3> tips = new ArrayList<>();
        for (PlannedNeedle n : plan.needles()) {
            List<Seed> seeds = n.seeds(plan.intent().seed().skU());
            if (!seeds.isEmpty()) {
                needles.add(seeds);
                tips.add(n.needle().tipMm());
            }
        }
        LocalDateTime implant = ImplantSource.parseImplantDate(implantDate);
        LocalDateTime calibration = calibrationDate == null ? implant : ImplantSource.parseImplantDate(calibrationDate);
        SeedSourceInfo source = new SeedSourceInfo("I-125", SeedModelMatcher.manufacturer(plan.source()),
                SeedModelMatcher.manufacturerModelName(plan.source()), plan.intent().halfLifeDays(), plan.source().activeLengthCm() * 10,
                2 * Tg43Kernel.CAPSULE_RADIUS_CM * 10, calibration, implant);
        DicomExport.writeOnCt(dicomOut, ctSeries, new PlanSet(ctSeries.patient(), ctSeries.volume(), planningCase.structures(), needles,
                tips, source, plan.intent().targets().get(0).prescriptionGy(), plan.intent().targets().get(0).structure(), plan.dose()),
                RtDoseWriter.Bits.THIRTY_TWO);
        double skU = plan.intent().seed().skU();
        return List.of(String.format(Locale.ROOT, "DICOM RS, RP, RD written to %s on the CT's study and frame; RP states %s %s %s,"
                        + " S_K %.4f U at calibration %s and %.4f U at implant %s (T½ %.2f d)", dicomOut, source.isotope(),
                source.manufacturer(), source.modelId(), source.atCalibrationU(skU), calibration.toString().replace('T', ' '), skU,
                implant.toString().replace('T', ' '), source.halfLifeDays()));
    }

    /** What the report states of the CT and the seed dates (docs/plan-numbers.md). */
    private org.seedplan.report.PlanProvenance provenance() {
        if (provenance == null) {
            provenance = readProvenance();
        }
        return provenance;
    }

    private org.seedplan.report.PlanProvenance readProvenance() {
        String ct = ctSeries != null ? org.seedplan.report.PlanProvenance.describe(ctSeries, input.dicom.ctDir)
                : "none (the dose grid of the case file " + input.caseFile + ")";
        if (implantDate == null) {
            return org.seedplan.report.PlanProvenance.unstated(ct);
        }
        LocalDateTime implant = ImplantSource.parseImplantDate(implantDate);
        return new org.seedplan.report.PlanProvenance(ct, calibrationDate == null ? implant : ImplantSource.parseImplantDate(calibrationDate),
                implant);
    }

    private void printSummary(Plan plan, Plan baseline, RobustnessResult spread) {
        System.out.printf(Locale.ROOT, "%s: %d seeds of %s (%s) on %d needles, planned in %.2f s; order %d seeds (%.0f %% spares)%n",
                org.seedplan.report.PersonName.readable(plan.patientName()), plan.seedCount(), plan.source().key(), plan.intent().seed().strength(), plan.needleCount(),
                plan.planningSeconds(), plan.seedsToOrder(), plan.intent().sparesPct());
        provenance().sourceLines(plan).forEach(l -> System.out.println("  " + l));
        for (GoalResult g : plan.goals()) {
            System.out.printf(Locale.ROOT, "  %-12s %-18s %8.1f %-2s  %s%n", g.structure(), g.goal(), g.value(), g.unit(), g.met() ? "met" : "NOT MET");
        }
        plan.statements().forEach(s -> System.out.println("  " + s));
        System.out.printf(Locale.ROOT, "  uniform loading on the same needles: %d seeds%n", baseline.seedCount());
        if (spread != null) {
            for (RobustnessResult.TargetSpread t : spread.targets()) {
                System.out.printf(Locale.ROOT, "  robustness %s: D90 planned %.1f Gy, median %.1f (5th-95th %.1f-%.1f); V100 planned %.1f %%,"
                        + " median %.1f (%.1f-%.1f)%n", t.structure(), t.d90NominalGy(), t.d90P50Gy(), t.d90P5Gy(), t.d90P95Gy(),
                        t.v100NominalPct(), t.v100P50Pct(), t.v100P5Pct(), t.v100P95Pct());
            }
            spread.warnings().forEach(w -> System.out.println("  " + w));
        }
        if (modelBasedDose != null) {
            System.out.println("  model-based dose: " + modelBasedDose.describe());
            org.seedplan.dose.modelbased.ModelBasedNotes.terminal(modelBasedDose).lines().forEach(l -> System.out.println("  " + l));
        }
        if (out != null) {
            System.out.println("  written to " + out + ": " + String.join(", ", PlanFiles.names()));
        }
    }
}
