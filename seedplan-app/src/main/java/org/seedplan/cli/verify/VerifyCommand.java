package org.seedplan.cli.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.seedplan.dicom.consistency.Consistency;
import org.seedplan.dicom.consistency.ContourTransfer;
import org.seedplan.dicom.consistency.FrameResampler;
import org.seedplan.dicom.consistency.ObjectIdentity;
import org.seedplan.dicom.consistency.RigidRegistration;
import org.seedplan.dicom.ct.CtSeries;
import org.seedplan.dicom.ct.CtSeriesReader;
import org.seedplan.dicom.rtplan.BrachyPlan;
import org.seedplan.dicom.rtplan.ImplantSource;
import org.seedplan.dicom.rtplan.RtPlanReader;
import org.seedplan.dicom.rtstruct.RtStructReader;
import org.seedplan.dicom.rtstruct.RtStructureSet;
import org.seedplan.dose.FastDoseEngine;
import org.seedplan.dose.Seed;
import org.seedplan.dose.Tg43Kernel;
import org.seedplan.dvh.RoiMask;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Volume;
import org.seedplan.io.MetricsJson;
import org.seedplan.structure.MaskRasterizer;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;
import org.seedplan.cli.dicom.PlanSourceOptions;
import org.seedplan.cli.planning.IntentJson;
import org.seedplan.dose.DecayIntegral;
import org.seedplan.planning.Planner;
import org.seedplan.planning.PlanningCase;
import org.seedplan.planning.PlanningSession;
import org.seedplan.planning.ProgressListener;
import org.seedplan.planning.intent.PlanIntent;
import org.seedplan.verify.coldspots.SupplementProposal;
import org.seedplan.verify.coldspots.SupplementarySeeds;
import org.seedplan.verify.comparison.ImplantVerifier;
import org.seedplan.verify.comparison.MetricDelta;
import org.seedplan.verify.comparison.StructureComparison;
import org.seedplan.verify.comparison.Verification;
import org.seedplan.verify.matching.SeedMatcher;
import org.seedplan.verify.seedfinder.SeedFinder;
import org.seedplan.verify.seedfinder.SeedFinding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seedplan verify}: post-implant verification of a seed plan against the post-op CT. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify an implant: find the seeds on the post-op CT, match them to the plan's seeds (optimal assignment),"
                + " compute the post-plan dose and metrics and put them beside the pre-plan's, and find the cold regions of the targets.",
                "Prints first what to check about the seed finding (a count differing from the plan's, an unusual seed appearance,"
                        + " metal other than seeds, an earlier implant's seeds, seeds far from the implant); the report starts with it too.",
                "Writes found_seeds.csv, matching.csv, comparison.csv, cold_regions.csv, verification.json, report.pdf and"
                        + " axial/coronal/sagittal.png into --out (with --intent also supplementary_seeds.csv)."
                        + " Doses in Gy (total dose of the permanent implant), distances in mm."})
public final class VerifyCommand implements Callable<Integer> {

    /** Most supplementary seeds proposed: more than the largest implants hold is a typing error. */
    static final int MAX_ADDED = 1000;

    @Option(names = "--plan", required = true, description = "the pre-plan as DICOM RT Plan (seeds, strengths, prescription)")
    Path planFile;

    @Option(names = "--plan-rtstruct", description = "the pre-op RT Structure Set (default: the one the plan references, found beside it)")
    Path planRtstruct;

    @Option(names = "--ct", required = true, description = "folder holding the post-op CT series (DICOM), in the plan's Frame of Reference")
    Path ctDir;

    @Option(names = "--series", description = "Series Instance UID of the post-op CT series, when the folder holds several")
    String series;

    @Option(names = {"--registration", "--transform"}, description = "for a post-op CT in another Frame of Reference than the plan:"
            + " a DICOM Spatial Registration object, or a text file with the rigid 4×4 matrix (16 numbers, row by row) that maps"
            + " post-op CT coordinates (mm) into the plan's; the CT is resampled into the plan's frame")
    Path registration;

    @Option(names = "--rtstruct", description = "post-op RT Structure Set (default: the pre-op contours carried over)")
    Path rtstruct;

    @Option(names = "--expected", description = "seeds implanted (default: the plan's seed count)")
    Integer expected;

    @Option(names = "--previous-seeds", paramLabel = "PLAN|CT_DIR|CSV", description = "an earlier implant's seeds: its RT Plan, its"
            + " post-op CT (a folder; the seeds are found on it), or a CSV x_mm,y_mm,z_mm in the post-op CT's coordinates; found"
            + " seeds within " + SeedFinder.PREVIOUS_MATCH_MM + " mm of one are listed as that implant's and left out. A plan or"
            + " CT must be this patient's and lie in the post-op CT's Frame of Reference, or be registered to it")
    Path previousSeeds;

    @Option(names = "--previous-registration", paramLabel = "FILE", description = "a rigid Spatial Registration (or 4×4 matrix"
            + " file) from the --previous-seeds plan's or CT's Frame of Reference into the post-op CT's")
    Path previousRegistration;

    @Option(names = "--rx-gy", description = "prescription, Gy (default: the plan's Target Prescription Dose)")
    Double rxGy;

    @Option(names = "--grid-mm", defaultValue = "1.0", description = "dose grid spacing, mm (default ${DEFAULT-VALUE})")
    double gridMm;

    @Option(names = "--gate-mm", defaultValue = "10", description = "a found seed farther than this from its planned position is"
            + " reported as missing + extra (migration), mm (default ${DEFAULT-VALUE})")
    double gateMm;

    @Option(names = "--intent", description = "the plan's intent (JSON, docs/planning.md): with it, supplementary seeds are"
            + " proposed on the planner's needles, implanted seeds fixed, to bring D90 back to the prescription")
    Path intentFile;

    @Option(names = "--max-added", defaultValue = "30", description = "most supplementary seeds to propose (default ${DEFAULT-VALUE})")
    int maxAdded;

    @Option(names = "--out", required = true, description = "folder for the verification files")
    Path out;

    @Option(names = "--json", description = "print {\"verification\": {…}} as JSON instead of the summary")
    boolean json;

    @Mixin
    PlanSourceOptions sourceOptions;

    @Option(names = "--model-based", description = "also compute the model-based dose (TG-186 Monte Carlo in the post-op CT's tissues) of the"
            + " seeds found, and print it and put it in the report beside their TG-43 dose: D90 and V100 of each target, organ doses, with 1σ")
    boolean modelBased;

    @Mixin
    org.seedplan.cli.dose.ModelBasedOptions mc;

    @Override
    public Integer call() {
        checkOptions();
        PreviousSeeds earlier = FindSeedsCommand.previousSeeds(previousSeeds, previousRegistration);
        BrachyPlan plan = RtPlanReader.readSeedImplant(planFile);
        ImplantSource implant = sourceOptions.resolve(plan);
        List<Seed> planned = implant.seeds(plan);
        double rx = rxGy != null ? rxGy : plan.prescriptionGy();
        if (!(rx > 0)) {
            throw new IllegalArgumentException(planFile + ": the plan states no Target Prescription Dose: give --rx-gy");
        }
        RtStructureSet pre = planRtstruct != null ? RtStructReader.read(planRtstruct) : referencedStructureSet(planFile, plan);
        Consistency.requirePlanOn(plan, pre);
        List<Structure> preStructures = pre.requireUniqueNames().structures();
        CtSeries ct = CtSeriesReader.read(ctDir, series);
        ObjectIdentity postCt = ObjectIdentity.of(ct, ctDir.toString());
        Consistency.requireSamePatient(ObjectIdentity.of(plan), postCt);
        double[] toPlan = null;
        if (registration == null) {
            Consistency.requireSameFrame(ObjectIdentity.of(plan), postCt);
        } else {
            toPlan = RigidRegistration.read(registration).matrix(ct.frameOfReferenceUid(), plan.frameOfReferenceUid());
        }
        List<Structure> postStructures = preStructures;
        if (rtstruct != null) {
            RtStructureSet post = RtStructReader.read(rtstruct);
            Consistency.requireDrawnOn(post, ct, ctDir.toString());
            postStructures = post.requireUniqueNames().structures();
            if (toPlan != null) {
                double[] m = toPlan;
                postStructures = postStructures.stream().map(st -> ContourTransfer.transfer(st, m, registration.toString())).toList();
            }
        }
        Volume postOp = toPlan == null || RigidRegistration.isIdentity(toPlan) ? ct.volume()
                : FrameResampler.resample(ct.volume(), toPlan);
        String contoursUsed = rtstruct != null ? "post-op contours from " + rtstruct.getFileName()
                : "pre-op contours carried over (" + pre.label() + ")";
        var progress = new org.seedplan.cli.planning.ProgressBar(System.err, !json && System.console() != null);
        // the earlier seeds in the post-op CT's coordinates, then, as the CT itself, in the plan's frame
        double[] resampledBy = postOp == ct.volume() ? null : toPlan;
        List<org.seedplan.geometry.Vec3> previous = earlier == null ? List.of()
                : earlier.onCt(ct, ctDir.toString(), previousRegistration).stream()
                .map(p -> resampledBy == null ? p : RigidRegistration.applyToPoint(resampledBy, p)).toList();
        progress.progress("finding the seeds", 0.3);
        SeedFinding finding = new SeedFinder().find(postOp, null, OptionalInt.of(expected != null ? expected : planned.size()),
                previous);
        if (finding.seeds().isEmpty()) {
            throw new IllegalArgumentException(ctDir + ": " + String.join("; ", finding.selfCheck())
                    + ": give the post-implant CT of this plan");
        }
        progress.progress("dose and comparison", 0.7);

        List<Structure> all = new ArrayList<>(preStructures);
        all.addAll(postStructures);
        Grid grid = ImplantVerifier.doseGridAround(all, 10, gridMm);
        List<RoiMask> preRois = rois(preStructures, grid);
        List<RoiMask> postRois = rois(postStructures, grid);
        Tg43Kernel kernel = sourceOptions.kernel(implant);
        ImplantVerifier verifier = new ImplantVerifier(new FastDoseEngine(kernel), sourceOptions.permanent(implant),
                new SeedMatcher(gateMm));
        // each planned seed's needle: its RT Plan channel (seedplan writes one per needle, its seeds from the tip)
        List<org.seedplan.verify.matching.PlannedSeedPlace> places = org.seedplan.verify.matching.PlannedSeedPlace.inListedOrder(
                plan.positions().stream().map(p -> p.channelNumber()).toList());
        Verification v = verifier.verify(planned, places, finding.seeds(), preRois, postRois, grid, rx);
        String patient = ct.patient().displayName().orElse(ct.patient().id());
        SupplementProposal supplement = null;
        if (intentFile != null) {
            PlanIntent intent = IntentJson.read(intentFile);
            PlanningSession session = Planner.builtIn().prepare(new PlanningCase(ct.patient().id(), patient, postStructures,
                    postOp), intent, ProgressListener.NONE);
            supplement = SupplementarySeeds.propose(session, v.implant(), DecayIntegral.permanent(intent.halfLifeDays()),
                    intent.seed().skU(), maxAdded);
        }
        org.seedplan.dose.modelbased.PatientModelBasedDose.Evaluation modelBasedDose = null;
        if (modelBased) {
            modelBasedDose = org.seedplan.dose.modelbased.PatientModelBasedDose.evaluate(
                    new org.seedplan.dose.modelbased.PatientModelBasedDose.Request(postOp, postStructures, mc.overrides(), mc.curve(),
                            implant.model(), v.implant(), sourceOptions.permanent(implant), mc.specification(), mc.settings(), mc.softTissue(ct.patient().sex())),
                    grid, new org.seedplan.dvh.DoseMetricsCalculator(postRois, grid, rx), org.seedplan.cli.dose.ModelBasedOptions.progressLine(),
                    () -> false);
        }
        progress.progress("writing the report", 0.9);
        VerificationFiles.write(out, patient, v, finding, supplement, postOp, postRois, rx, contoursUsed, reportLines(implant, toPlan),
                modelBasedDose);
        progress.progress("done", 1);
        if (json) {
            var root = MetricsJson.MAPPER.createObjectNode();
            var verification = VerificationFiles.json(v, finding, supplement);
            reportLines(implant, toPlan).forEach(verification.putArray("source")::add);
            finding.selfCheck().forEach(verification.putArray("self_check")::add);
            root.set("verification", verification);
            System.out.println(MetricsJson.write(root));
        } else {
            finding.selfCheck().forEach(line -> System.out.println("CHECK " + line));
            reportLines(implant, toPlan).forEach(System.out::println);
            System.out.println(summary(v, finding));
            if (supplement != null) {
                System.out.println(VerificationFiles.describe(supplement));
            }
            if (modelBasedDose != null) {
                System.out.println("model-based dose of the seeds found: " + modelBasedDose.describe());
                System.out.print(org.seedplan.dose.modelbased.ModelBasedNotes.terminal(modelBasedDose));
            }
        }
        return 0;
    }

    /** Refuses bad options before any file is read: spacing, counts, prescription, and an output over an input. */
    private void checkOptions() {
        if (!modelBased && mc.anyGiven()) {
            throw new IllegalArgumentException("--mc-report, --hu-density, --tissue, --soft-tissue and the --mc-… options belong to the model-based dose:"
                    + " add --model-based, or leave them out");
        }
        if (modelBased) {
            mc.check();
        }
        if (!(gridMm > 0)) {
            throw new IllegalArgumentException("--grid-mm must be a positive spacing in mm, got " + gridMm);
        }
        FindSeedsCommand.checkExpected("--expected", expected);
        if (maxAdded < 0 || maxAdded > MAX_ADDED) {
            throw new IllegalArgumentException("--max-added " + maxAdded + ": give 0 to " + MAX_ADDED + " supplementary seeds");
        }
        if (rxGy != null) {
            org.seedplan.dvh.DoseMetricsCalculator.requirePrescription("--rx-gy", rxGy);
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a file, not a folder: give a folder for the verification files");
        }
        org.seedplan.io.OutputFolder.refuseInputs("--out", out, List.of(), planFile, planRtstruct, ctDir, rtstruct, intentFile, registration,
                previousSeeds, previousRegistration);
    }

    /** The source lines and, when a registration was applied, its matrix. */
    private List<String> reportLines(ImplantSource implant, double[] toPlan) {
        List<String> lines = new ArrayList<>(implant.reportLines());
        if (toPlan != null) {
            lines.add(String.format(Locale.ROOT, "post-op CT registered into the plan's frame by %s: rotation [%.4f %.4f %.4f; %.4f %.4f %.4f;"
                    + " %.4f %.4f %.4f], translation (%.2f, %.2f, %.2f) mm", registration.getFileName(), toPlan[0], toPlan[1], toPlan[2],
                    toPlan[4], toPlan[5], toPlan[6], toPlan[8], toPlan[9], toPlan[10], toPlan[3], toPlan[7], toPlan[11]));
        }
        return lines;
    }

    /** Structures with volume on the dose grid (the body outline is left out: it is not a dose metric here). */
    private static List<RoiMask> rois(List<Structure> structures, Grid grid) {
        return structures.stream().filter(s -> s.type() != StructureType.EXTERNAL)
                .map(s -> RoiMask.of(s, MaskRasterizer.rasterize(s, grid))).toList();
    }

    /** The RT Structure Set the plan references, searched among the DICOM files beside the plan. */
    static RtStructureSet referencedStructureSet(Path planFile, BrachyPlan plan) {
        String uid = plan.referencedStructureSetUid();
        if (uid == null || uid.isBlank()) {
            throw new IllegalArgumentException(planFile + ": the plan references no structure set: give --plan-rtstruct");
        }
        Path dir = planFile.toAbsolutePath().getParent();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                try {
                    RtStructureSet s = RtStructReader.read(f);
                    if (uid.equals(s.sopInstanceUid())) {
                        return s;
                    }
                } catch (IllegalArgumentException | UncheckedIOException notAStructureSet) {
                    // other files in the folder: CT slices, dose, plan
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list the folder (" + e.getMessage() + ")", e);
        }
        throw new IllegalArgumentException(planFile + ": the structure set it references (" + uid + ") is not in " + dir
                + ": give it with --plan-rtstruct");
    }

    /** The lines a physicist reads first. */
    static String summary(Verification v, SeedFinding finding) {
        StringBuilder sb = new StringBuilder();
        var m = v.matching();
        sb.append(String.format(Locale.ROOT, "seeds: planned %d, found %d, matched %d, missing %d, extra %d; displacement mean %.1f mm,"
                + " max %.1f mm%n", v.plannedSeeds().size(), v.implant().size(), m.matches().size(), m.missingPlanned().size(),
                m.extraFound().size(), m.meanDisplacementMm(), m.maxDisplacementMm()));
        sb.append(String.format(Locale.ROOT, "%-12s %-12s %9s %9s %9s%n", "structure", "metric", "pre", "post", "post-pre"));
        for (StructureComparison s : v.comparison().structures()) {
            for (String key : s.type().isTarget() ? new String[] {"d_pct_gy.90", "v_pct.100", "v_pct.150", "v_pct.200"}
                    : new String[] {"dmax_gy", "d_cc_gy.2", "d_cc_gy.0.1"}) {
                MetricDelta d = s.metrics().stream().filter(x -> x.key().equals(key)).findFirst().orElse(null);
                if (d != null) {
                    sb.append(String.format(Locale.ROOT, "%-12s %-12s %9s %9s %9s%n", s.name(),
                            org.seedplan.report.VerificationReport.label(key, d.unit()), f(d.pre()), f(d.post()),
                            f(d.difference())));
                }
            }
        }
        v.coldRegions().forEach((name, list) -> sb.append(String.format(Locale.ROOT, "%s: %d cold region(s)%s%n", name, list.size(),
                list.isEmpty() ? "" : String.format(Locale.ROOT, ", largest %.2f cc at (%.1f, %.1f, %.1f) mm", list.get(0).volumeCc(),
                        list.get(0).centroidMm().x(), list.get(0).centroidMm().y(), list.get(0).centroidMm().z()))));
        for (String n : finding.notes()) {
            sb.append("note: ").append(n).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    private static String f(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }
}
