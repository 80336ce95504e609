package org.seedplan.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.seedplan.dvh.StructureMetrics;
import org.seedplan.geometry.Vec3;
import org.seedplan.planning.GoalResult;
import org.seedplan.planning.Plan;
import org.seedplan.planning.PlannedNeedle;
import org.seedplan.planning.PlanningGeometry;
import org.seedplan.planning.intent.Approach;
import org.seedplan.planning.intent.OarLimit;
import org.seedplan.planning.intent.TargetGoal;
import org.seedplan.planning.robustness.RobustnessResult;

/**
 * The plan report a physicist signs (PDF, A4): identity, source model and the provenance of its
 * data, prescription and limits, goals met or not with the reasons, seeds to order, the metrics
 * table, the needle table with each needle's loading, axial/coronal/sagittal images with
 * isodose lines and the DVH, the uniform-loading comparison and the robustness spread when given,
 * and signature lines.
 */
public final class PlanReport {

    private PlanReport() {
    }

    /** Writes the report to {@code pdf} stating no CT series and no dates; {@code baseline} and {@code robustness} may be null. */
    public static void write(Path pdf, Plan plan, PlanningGeometry geometry, Plan baseline, RobustnessResult robustness)
            throws IOException {
        write(pdf, plan, geometry, baseline, robustness, PlanProvenance.unstated("not stated"));
    }

    /** Writes the report to {@code pdf} with the CT and the seed certificate's dates; {@code baseline} and {@code robustness} may be null. */
    public static void write(Path pdf, Plan plan, PlanningGeometry geometry, Plan baseline, RobustnessResult robustness,
                             PlanProvenance provenance) throws IOException {
        write(pdf, plan, geometry, baseline, robustness, provenance, null);
    }

    /** As above, with the TG-43 vs model-based table when {@code modelBased} is not null. */
    public static void write(Path pdf, Plan plan, PlanningGeometry geometry, Plan baseline, RobustnessResult robustness,
                             PlanProvenance provenance, org.seedplan.dose.modelbased.PatientModelBasedDose.Evaluation modelBased)
            throws IOException {
        String when = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT));
        String patient = PersonName.readable(plan.patientName());
        // a case file names the patient only; its name then stands in for the ID and is not shown twice
        String id = plan.patientId().equals(plan.patientName()) ? "not recorded" : plan.patientId();
        try (PdfPages p = new PdfPages("seedplan plan report - " + patient + " (ID " + id + ") - " + when)) {
            p.line("I-125 seed implant plan", 16, true);
            p.space(4);
            p.line("Patient: " + patient + "    ID: " + id + "    Planned: " + when);
            p.line(String.format(Locale.ROOT, "Planning time: %.2f s; %d candidate positions on %d available needles",
                    plan.planningSeconds(), plan.candidateCount(), plan.availableNeedles()));

            p.heading("Source and CT");
            for (String l : provenance.sourceLines(plan)) {
                p.line(l);
            }
            p.line("Dose = total dose of the permanent implant (TG-43U1 2D line source) from the strength at implant.");
            var grid = plan.dose().grid();
            p.line(String.format(Locale.ROOT, "Dose grid: %d x %d x %d voxels of %.2f x %.2f x %.2f mm from (%.1f, %.1f, %.1f) mm LPS; every"
                    + " number in this report is read on it (docs/plan-numbers.md). Software: seedplan %s.", grid.nx(), grid.ny(), grid.nz(),
                    grid.dxMm(), grid.dyMm(), grid.dzMm(), grid.originMm().x(), grid.originMm().y(), grid.originMm().z(), version()));

            p.heading("Prescription and limits");
            for (TargetGoal t : plan.intent().targets()) {
                p.line(String.format(Locale.ROOT, "%s: D90 ≥ %s Gy, V100 ≥ %s %%, V150 ≤ %s %%, V200 ≤ %s %%", t.structure(),
                        num(t.prescriptionGy()), num(t.v100GoalPct()), num(t.v150LimitPct()), num(t.v200LimitPct())));
            }
            for (OarLimit o : plan.intent().organs()) {
                p.line(o.structure() + ": " + o.label() + ", needles at least " + num(o.needleMarginMm()) + " mm away");
            }
            p.line("Approach: " + describe(plan.intent().approach()) + String.format(Locale.ROOT,
                    "; seed step %s mm, minimum gap %s mm; bone ≥ %s HU avoided", num(plan.intent().seedStepMm()),
                    num(plan.intent().minSeedGapMm()), num(plan.intent().boneHu())));

            p.heading("Result");
            // the total at implant, dated: the needle table states the total ordered on the calibration date
            p.line(String.format(Locale.ROOT, "%d seeds on %d needles; total %.2f U (%.2f mCi) %s. Seeds to order: %d (%s %% spares, %d in stock).",
                    plan.seedCount(), plan.needleCount(), plan.totalSkU(), plan.totalActivityMCi(), provenance.atImplant(), plan.seedsToOrder(),
                    num(plan.intent().sparesPct()), plan.intent().seed().stock()), 10, true);
            List<String[]> goals = new ArrayList<>();
            goals.add(new String[] {"Structure", "Goal", "Value", "Met"});
            for (GoalResult g : plan.goals()) {
                goals.add(new String[] {g.structure(), g.goal(), String.format(Locale.ROOT, "%.1f %s", g.value(), g.unit()),
                    g.met() ? "yes" : "NO"});
            }
            p.table(goals, new float[] {120, 150, 90, 50}, 9);
            for (String s : plan.statements()) {
                p.line("Not met - " + s);
            }
            if (baseline != null) {
                p.line(String.format(Locale.ROOT, "Uniform loading on the same needles (baseline): %d seeds; %s", baseline.seedCount(),
                        highDose(baseline)));
            }
            if (robustness != null) {
                p.heading("Robustness");
                p.line(String.format(Locale.ROOT, "%d simulated implants: needle-tip error %.1f mm (rms), seed displacement σ %.1f mm per axis.",
                        robustness.errors().samples(), robustness.errors().needleTipErrorMm(), robustness.errors().seedSigmaMm())
                        .replace("σ", "sigma"));
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"Target", "D90 plan", "D90 median", "D90 5th-95th pct", "V100 plan", "V100 median",
                    "V100 5th-95th pct"});
                for (RobustnessResult.TargetSpread t : robustness.targets()) {
                    rows.add(new String[] {t.structure(), String.format(Locale.ROOT, "%.1f Gy", t.d90NominalGy()),
                        String.format(Locale.ROOT, "%.1f Gy", t.d90P50Gy()),
                        String.format(Locale.ROOT, "%.1f - %.1f Gy", t.d90P5Gy(), t.d90P95Gy()),
                        String.format(Locale.ROOT, "%.1f %%", t.v100NominalPct()),
                        String.format(Locale.ROOT, "%.1f %%", t.v100P50Pct()),
                        String.format(Locale.ROOT, "%.1f - %.1f %%", t.v100P5Pct(), t.v100P95Pct())});
                }
                p.table(rows, new float[] {70, 60, 65, 95, 60, 65, 95}, 9);
                p.line("Plan values are those of the goals table; the spread is of implants with the placement errors above.");
                for (String w : robustness.warnings()) {
                    p.line(w, 9, true);
                }
            }

            p.heading("Dose metrics (each target against its own prescription, organs against " + num(plan.metrics().prescriptionGy())
                    + " Gy)");
            List<String[]> m = new ArrayList<>();
            m.add(new String[] {"Structure", "Type", "Rx Gy", "Vol cc", "D90 Gy", "D100 Gy", "Dmax Gy", "V100 %", "V150 %", "V200 %",
                "D2cc Gy", "D0.1cc Gy"});
            for (StructureMetrics s : plan.metrics().structures()) {
                m.add(new String[] {s.name(), s.type().name(), num(s.prescriptionGy()), f1(s.volumeCc()), f1(s.dPctGy().get("90")),
                    f1(s.dPctGy().get("100")), f1(s.dmaxGy()), f1(s.vPct().get("100")), f1(s.vPct().get("150")), f1(s.vPct().get("200")),
                    f1(s.dCcGy().get("2")), f1(s.dCcGy().get("0.1"))});
            }
            p.table(m, new float[] {68, 42, 32, 38, 40, 42, 42, 40, 40, 40, 42, 46}, 8);
            List<String[]> idx = new ArrayList<>();
            idx.add(new String[] {"Target", "Rx Gy", "HI", "CI (Paddick)", "COIN", "EI", "MPD Gy"});
            for (StructureMetrics s : plan.metrics().structures()) {
                if (s.type().isTarget()) {
                    idx.add(new String[] {s.name(), num(s.prescriptionGy()), f3(s.hi()), f3(s.ciPaddick()), f3(s.coin()), f3(s.ei()),
                        f1(s.mpdGy())});
                }
            }
            p.table(idx, new float[] {80, 50, 60, 80, 60, 60, 60}, 8);
            if (modelBased != null) {
                ModelBasedSection.write(p, modelBased);
            }

            p.heading("Needles");
            p.line("Entry and tip in patient LPS mm; insert = depth from entry to the deepest seed (mm), which is where the needle"
                    + " tip goes; tilt from the axial plane and in-plane angle from patient left towards posterior (degrees);"
                    + " seeds as distance from the planned tip (mm).", 8, false);
            List<String[]> n = new ArrayList<>();
            n.add(new String[] {"#", "Hole", "Entry mm", "Tip mm", "Insert mm", "Tilt deg", "In-plane deg", "Seeds", "Loading",
                "Seeds at mm from tip"});
            for (PlannedNeedle x : plan.needles()) {
                StringBuilder seeds = new StringBuilder();
                for (double d : x.seedDistancesFromTipMm()) {
                    seeds.append(seeds.length() == 0 ? "" : ", ").append(num(d));
                }
                double deepest = x.seedDistancesFromTipMm().isEmpty() ? 0 : x.seedDistancesFromTipMm().get(0);
                n.add(new String[] {String.valueOf(x.number()), x.needle().hole() == null ? (x.needle().fixed() ? "fixed" : "skin")
                    : x.needle().hole(), vec(x.needle().entryMm()), vec(x.needle().tipMm()), f1(x.needle().depthMm() - deepest),
                    f1(x.needle().tiltFromAxialDeg()), f1(x.needle().axialAngleDeg()), String.valueOf(x.seedCount()),
                    x.loadingPattern(plan.intent().seedStepMm()), seeds.toString()});
            }
            p.table(n, new float[] {16, 26, 84, 84, 40, 34, 42, 26, 56, 103}, 7.5f);
            p.line(String.format(Locale.ROOT, "Seeds to order: %d (%d planned + %s %% spares - %d in stock).", plan.seedsToOrder(),
                    plan.seedCount(), num(plan.intent().sparesPct()), plan.intent().seed().stock()), 10, true);

            p.newPage();
            StringBuilder rxLines = new StringBuilder();
            for (double rx : PlanImages.otherPrescriptions(plan)) {
                rxLines.append(" and ").append(num(rx)).append(" Gy");
            }
            p.heading("Images: isodoses 50 / 100 / 150 / 200 % of " + num(plan.intent().referenceDoseGy()) + " Gy" + rxLines);
            p.line("Isodose lines, each on a black casing: " + IsodoseStyle.levelsInWords()
                    + (rxLines.isEmpty() ? "" : "; other prescriptions " + IsodoseStyle.OTHER_RX.get(0).pattern()) + ".", 8.5f, false);
            p.space(4);
            List<BufferedImage> row1 = List.of(PlanImages.slice(plan, geometry, PlanImages.View.AXIAL),
                    PlanImages.slice(plan, geometry, PlanImages.View.CORONAL));
            p.images(row1, p.width());
            p.images(List.of(PlanImages.slice(plan, geometry, PlanImages.View.SAGITTAL), PlanImages.dvh(plan)), p.width());

            p.heading("Approval");
            p.space(14);
            p.line("Planned by: ______________________________   Date: ____________");
            p.space(14);
            p.line("Checked by (medical physicist): ______________________________   Date: ____________");
            p.space(14);
            p.line("Approved by (physician): ______________________________   Date: ____________");
            p.save(pdf);
        }
    }

    private static String highDose(Plan plan) {
        StringBuilder sb = new StringBuilder();
        for (GoalResult g : plan.goals()) {
            if (g.goal().startsWith("V100") || g.goal().startsWith("V150") || g.goal().startsWith("D90")) {
                sb.append(sb.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %s %.1f %s", g.structure(),
                        g.goal().substring(0, g.goal().indexOf(' ')), g.value(), g.unit()));
            }
        }
        return sb.toString();
    }

    static String describe(Approach a) {
        if (a instanceof Approach.CoplanarTemplate t) {
            return "coplanar grid template, holes every " + num(t.holeSpacingMm()) + " mm, needles along " + vec(t.needleDirection())
                    + (t.templatePointMm() == null ? ", template fitted " + num(t.standoffMm()) + " mm outside the skin"
                    : ", template through " + vec(t.templatePointMm())) + ", needles up to " + num(t.maxLengthMm()) + " mm";
        }
        Approach.FreeHand f = (Approach.FreeHand) a;
        return "free-hand / printed template from skin entry region " + vec(f.entryCentreMm()) + " radius " + num(f.entryRadiusMm())
                + " mm, needles at most " + num(f.maxAngleDeg()) + "° from the main direction, " + num(f.minSpacingMm())
                + " mm apart, up to " + num(f.maxLengthMm()) + " mm";
    }

    private static String vec(Vec3 v) {
        return String.format(Locale.ROOT, "(%.1f, %.1f, %.1f)", v.x(), v.y(), v.z());
    }

    /** The version of the running jar, or "development build" when run from classes. */
    static String version() {
        String v = PlanReport.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    private static String f3(Double v) {
        return v == null || !Double.isFinite(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String f1(Double v) {
        return v == null || !Double.isFinite(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
