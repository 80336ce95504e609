package org.seedplan.report;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seedplan.dvh.RoiMask;
import org.seedplan.geometry.Volume;
import org.seedplan.planning.intent.TargetGoal;
import org.seedplan.verify.coldspots.ColdRegion;
import org.seedplan.verify.comparison.MetricDelta;
import org.seedplan.verify.comparison.StructureComparison;
import org.seedplan.verify.comparison.Verification;
import org.seedplan.verify.seedfinder.SeedFinding;

/**
 * The post-implant verification report (PDF), laid out like the plan report: seeds planned and
 * found with their displacements, pre-plan and post-plan metrics side by side, cold regions, what
 * the seed finder rejected or could not reconcile, and the slice images with the found seeds; the seed finder's
 * self-check (count differing from the plan's, unusual seed appearance, other metal) comes first.
 */
public final class VerificationReport {

    /** Metrics shown in the comparison table, in this order, when the structure has them. */
    static final String[] METRICS = {"volume_cc", "d_pct_gy.90", "d_pct_gy.100", "dmean_gy", "dmax_gy", "v_pct.100", "v_pct.150",
        "v_pct.200", "d_cc_gy.2", "d_cc_gy.0.1", "ci_paddick", "hi"};

    private VerificationReport() {
    }

    /**
     * {@code supplement}: one line on proposed supplementary seeds, or null when none were asked for; {@code sourceLines}:
     * the seed model used, calibration and implant dates and strengths.
     */
    public static void write(Path pdf, String patient, Verification v, SeedFinding finding, String supplement, Volume ct,
                             List<RoiMask> rois, double prescriptionGy, String contoursUsed, List<String> sourceLines) throws IOException {
        write(pdf, patient, v, finding, supplement, ct, rois, prescriptionGy, contoursUsed, sourceLines, null);
    }

    /** As above, with the TG-43 vs model-based table of the seeds found when {@code modelBased} is not null. */
    public static void write(Path pdf, String patient, Verification v, SeedFinding finding, String supplement, Volume ct,
                             List<RoiMask> rois, double prescriptionGy, String contoursUsed, List<String> sourceLines,
                             org.seedplan.dose.modelbased.PatientModelBasedDose.Evaluation modelBased) throws IOException {
        String when = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT));
        patient = PersonName.readable(patient);
        try (PdfPages p = new PdfPages("seedplan verification report - " + patient + " - " + when)) {
            p.line("I-125 seed implant: post-implant verification", 16, true);
            p.space(4);
            p.line("Patient: " + patient + "    Verified: " + when);
            p.line("Post-plan structures: " + contoursUsed);
            for (String line : sourceLines) {
                p.line(line);
            }
            if (!finding.selfCheck().isEmpty()) {
                // The seed finder's self-check comes before any figure: the figures below depend on it.
                p.heading("Check first");
                for (String line : finding.selfCheck()) {
                    p.line(line, 10, true);
                }
            }

            p.heading("Seeds");
            var m = v.matching();
            p.line(String.format(Locale.ROOT, "Planned %d, found %d: %d matched, %d planned not found (missing), %d found not planned "
                    + "(extra, e.g. migrated); matching gate %.0f mm.", v.plannedSeeds().size(), v.implant().size(),
                    m.matches().size(), m.missingPlanned().size(), m.extraFound().size(), m.gateMm()), 10, true);
            p.line(String.format(Locale.ROOT, "Displacement of matched seeds: mean %.1f mm, largest %.1f mm.",
                    m.meanDisplacementMm(), m.maxDisplacementMm()));
            for (int i : m.missingPlanned()) {
                var c = v.plannedSeeds().get(i).centreMm();
                p.line(String.format(Locale.ROOT, "Missing: planned seed %d (%s) at (%.1f, %.1f, %.1f) mm.", i + 1,
                        v.plannedPlaces().get(i).describe(), c.x(), c.y(), c.z()), 10, true);
            }
            var c = finding.calibration();
            p.line(String.format(Locale.ROOT, "Seed finding: threshold %.0f HU (soft tissue %.0f HU, metal %.0f HU); point-spread sigma "
                    + "%.2f mm in-plane, %.2f mm axial, learned from %d isolated seeds.", c.thresholdHu(), c.backgroundHu(),
                    c.metalLevelHu(), c.psfSigmaInPlaneMm(), c.psfSigmaAxialMm(), c.isolatedSeedsUsed()));
            if (!finding.previousImplantSeeds().isEmpty()) {
                p.line(finding.previousImplantSeeds().size() + " seed(s) of the earlier implant recognised and left out of this"
                        + " implant's seeds.");
            }
            for (String n : finding.notes()) {
                p.line("Note: " + n);
            }

            p.heading("Post-implant goals (prescription " + f1(prescriptionGy) + " Gy)");
            List<String[]> goals = new ArrayList<>();
            goals.add(new String[] {"Structure", "Goal", "Post-implant", "Met"});
            for (StructureComparison s : v.comparison().structures()) {
                if (s.type().isTarget()) {
                    goals.add(goal(s, "d_pct_gy.90", "D90 >= " + f1(prescriptionGy) + " Gy", prescriptionGy, true, "Gy"));
                    goals.add(goal(s, "v_pct.100", "V100 >= " + f0(TargetGoal.DEFAULT_V100_GOAL_PCT) + " %",
                            TargetGoal.DEFAULT_V100_GOAL_PCT, true, "%"));
                    goals.add(goal(s, "v_pct.150", "V150 <= " + f0(TargetGoal.DEFAULT_V150_LIMIT_PCT) + " %",
                            TargetGoal.DEFAULT_V150_LIMIT_PCT, false, "%"));
                    goals.add(goal(s, "v_pct.200", "V200 <= " + f0(TargetGoal.DEFAULT_V200_LIMIT_PCT) + " %",
                            TargetGoal.DEFAULT_V200_LIMIT_PCT, false, "%"));
                }
            }
            goals.removeIf(java.util.Objects::isNull);
            p.table(goals, new float[] {110, 150, 90, 60}, 9);
            p.line("Target goals as in the plan intent's defaults (D90 at the prescription, V100 >= 95 %, V150 <= 60 %, V200 <= 30 %);"
                    + " organ doses are in the table below.", 8, false);

            p.heading("Dose metrics: plan, post-implant and difference (prescription " + f1(prescriptionGy) + " Gy)");
            var g = v.preDose().grid();
            p.line(String.format(Locale.ROOT, "Plan: the planned seeds' dose and post-implant: the found seeds' dose, both on one grid of"
                    + " %.2f x %.2f x %.2f mm, so that the difference is the implant's alone.", g.dxMm(), g.dyMm(), g.dzMm()), 8, false);
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"Structure", "Metric", "Plan", "Post", "Post - plan"});
            for (StructureComparison s : v.comparison().structures()) {
                for (String key : METRICS) {
                    MetricDelta d = s.metrics().stream().filter(x -> x.key().equals(key)).findFirst().orElse(null);
                    if (d == null || (d.pre() == null && d.post() == null)) {
                        continue;
                    }
                    // the difference of the values as printed, so that the columns add up
                    rows.add(d.unit().isEmpty()
                            ? new String[] {s.name(), label(key, d.unit()), f2(d.pre()), f2(d.post()), difference(d, 100)}
                            : new String[] {s.name(), label(key, d.unit()), f1(d.pre()), f1(d.post()), difference(d, 10)});
                }
            }
            p.table(rows, new float[] {110, 110, 80, 80, 80}, 8);
            if (modelBased != null) {
                ModelBasedSection.write(p, modelBased);
            }

            p.heading("Cold regions (target below " + f1(prescriptionGy) + " Gy)");
            boolean any = false;
            for (Map.Entry<String, List<ColdRegion>> e : v.coldRegions().entrySet()) {
                List<String[]> cr = new ArrayList<>();
                cr.add(new String[] {e.getKey(), "Volume cc", "Centre (x, y, z) mm", "Min Gy", "Mean Gy"});
                for (ColdRegion r : e.getValue()) {
                    cr.add(new String[] {"", String.format(Locale.ROOT, "%.2f", r.volumeCc()), String.format(Locale.ROOT,
                        "%.1f, %.1f, %.1f", r.centroidMm().x(), r.centroidMm().y(), r.centroidMm().z()), f1(r.minDoseGy()),
                        f1(r.meanDoseGy())});
                }
                if (cr.size() > 1) {
                    any = true;
                    p.table(cr.subList(0, Math.min(cr.size(), 16)), new float[] {90, 70, 150, 70, 70}, 8);
                }
            }
            if (!any) {
                p.line("None: every target voxel receives the prescription.");
            }
            if (supplement != null) {
                p.line(supplement + " (positions in supplementary_seeds.csv).");
            }

            p.newPage();
            p.heading("Images");
            p.line(String.format(Locale.ROOT, "Post-op CT; found seeds (black, white core), planned (cyan circle), not found (white square,"
                    + " black cross; grey when planned beyond %.1f mm of the slice); isodoses 50/100/150/200 %% of the prescription (%s).",
                    PlanImages.SLAB_MM, IsodoseStyle.levelsInWords()), 8.5f, false);
            p.space(4);
            p.images(List.of(VerificationImages.slice(v, ct, rois, prescriptionGy, PlanImages.View.AXIAL),
                    VerificationImages.slice(v, ct, rois, prescriptionGy, PlanImages.View.CORONAL)), p.width());
            p.images(List.of(VerificationImages.slice(v, ct, rois, prescriptionGy, PlanImages.View.SAGITTAL)), p.width() / 2);

            p.heading("Approval");
            p.space(14);
            p.line("Checked by (medical physicist): ______________________________   Date: ____________");
            p.save(pdf);
        }
    }

    /** One row of the goals table: the post-implant value of {@code key} against {@code limit}; null when the metric is missing. */
    private static String[] goal(StructureComparison s, String key, String text, double limit, boolean atLeast, String unit) {
        MetricDelta d = s.metrics().stream().filter(x -> x.key().equals(key)).findFirst().orElse(null);
        if (d == null || d.post() == null) {
            return null;
        }
        double shown = Math.round(d.post() * 10) / 10.0;
        boolean met = atLeast ? shown >= limit : shown <= limit;
        return new String[] {s.name(), text, f1(d.post()) + " " + unit, met ? "yes" : "NOT MET"};
    }

    /** Post minus pre of the values rounded to 1/{@code scale}, as the table prints them. */
    static String difference(MetricDelta d, int scale) {
        if (d.pre() == null || d.post() == null) {
            return "-";
        }
        double diff = (Math.round(d.post() * scale) - Math.round(d.pre() * scale)) / (double) scale;
        return scale == 10 ? f1(diff) : f2(diff);
    }

    private static String f0(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    /** The label a person reads for a metrics key: "d_pct_gy.90" with unit "Gy" → "D90 (Gy)", "ci_paddick" → "CI (Paddick)". */
    public static String label(String key, String unit) {
        switch (key) {
            case "ci_paddick":
                return "CI (Paddick)";
            case "hi":
                return "HI";
            case "coin":
                return "COIN";
            case "ei":
                return "EI";
            case "volume_cc":
                return "Volume (cc)";
            default:
                break;
        }
        String k = key.replace("d_pct_gy.", "D").replace("d_cc_gy.", "D").replace("v_pct.", "V").replace("v_gy_pct.", "V")
                .replace("_gy", "").replace("_cc", "").replace("dmean", "Dmean").replace("dmax", "Dmax").replace("dmin", "Dmin");
        if (key.startsWith("d_cc_gy.")) {
            k += "cc";
        }
        return unit.isEmpty() ? k : k + " (" + unit + ")";
    }

    static String f2(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    static String f1(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }
}
