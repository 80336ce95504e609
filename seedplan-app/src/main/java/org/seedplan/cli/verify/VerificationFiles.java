package org.seedplan.cli.verify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.seedplan.dvh.RoiMask;
import org.seedplan.geometry.Volume;
import org.seedplan.io.MetricsJson;
import org.seedplan.io.OutputFolder;
import org.seedplan.report.PlanImages;
import org.seedplan.report.VerificationImages;
import org.seedplan.report.VerificationReport;
import org.seedplan.verify.coldspots.ColdRegion;
import org.seedplan.verify.coldspots.SupplementProposal;
import org.seedplan.verify.comparison.MetricDelta;
import org.seedplan.verify.comparison.StructureComparison;
import org.seedplan.verify.comparison.Verification;
import org.seedplan.verify.matching.SeedMatch;
import org.seedplan.verify.seedfinder.SeedFinding;

/**
 * The outputs of a verification: the JSON under "verification" (post-plan metrics JSON plus seed
 * counts, displacement, comparison and cold regions) and the files of the output folder.
 */
public final class VerificationFiles {

    private VerificationFiles() {
    }

    /** The names of the files {@link #write} always produces (with a supplement proposal also supplementary_seeds.csv). */
    public static List<String> names() {
        return List.of("found_seeds.csv", "matching.csv", "comparison.csv", "cold_regions.csv", "verification.json", "report.pdf",
                "axial.png", "coronal.png", "sagittal.png");
    }

    /**
     * {@code {…post-plan metrics JSON…, "seeds_found", "seeds_planned", "seeds_matched", "seeds_missing", "seeds_extra",
     * "mean_displacement_mm", "max_displacement_mm", "pre_plan": {…}, "comparison": […], "cold_regions": […], "notes": […]}}.
     */
    public static ObjectNode json(Verification v, SeedFinding finding, SupplementProposal supplement) {
        ObjectNode o = MetricsJson.of(v.post());
        o.put("seeds_found", v.implant().size());
        o.put("seeds_planned", v.plannedSeeds().size());
        o.put("seeds_matched", v.matching().matches().size());
        o.put("seeds_missing", v.matching().missingPlanned().size());
        o.put("seeds_extra", v.matching().extraFound().size());
        ArrayNode missing = o.putArray("missing_seeds");
        for (int i : v.matching().missingPlanned()) {
            var p = v.plannedPlaces().get(i);
            var c = v.plannedSeeds().get(i).centreMm();
            ObjectNode x = missing.addObject().put("planned_index", i);
            if (p.needle() > 0) {
                x.put("needle", p.needle()).put("seed_from_tip", p.seedOnNeedle());
            }
            x.putArray("centre_mm").add(round(c.x())).add(round(c.y())).add(round(c.z()));
        }
        o.put("mean_displacement_mm", round(v.matching().meanDisplacementMm()));
        o.put("max_displacement_mm", round(v.matching().maxDisplacementMm()));
        o.set("pre_plan", MetricsJson.of(v.pre()));
        ArrayNode cmp = o.putArray("comparison");
        for (StructureComparison s : v.comparison().structures()) {
            for (MetricDelta d : s.metrics()) {
                ObjectNode x = cmp.addObject();
                x.put("structure", s.name());
                x.put("metric", d.key());
                x.put("unit", d.unit());
                put(x, "pre", d.pre());
                put(x, "post", d.post());
                put(x, "difference", d.difference());
            }
        }
        ArrayNode cold = o.putArray("cold_regions");
        for (Map.Entry<String, List<ColdRegion>> e : v.coldRegions().entrySet()) {
            for (ColdRegion r : e.getValue()) {
                ObjectNode x = cold.addObject();
                x.put("structure", e.getKey());
                x.put("volume_cc", round(r.volumeCc()));
                x.putArray("centroid_mm").add(round(r.centroidMm().x())).add(round(r.centroidMm().y())).add(round(r.centroidMm().z()));
                x.put("min_gy", round(r.minDoseGy()));
                x.put("mean_gy", round(r.meanDoseGy()));
            }
        }
        ArrayNode notes = o.putArray("notes");
        finding.notes().forEach(notes::add);
        if (supplement != null) {
            o.set("supplementary", supplementary(supplement));
        }
        return o;
    }

    /**
     * {@code {"seeds", "reaches_prescription", "d90": [{"structure", "before_gy", "after_gy"}, …]}}: the targets as an array
     * in the proposal's (the planner's) order, each item naming its structure, as the server's {@code supplement.d90}. Not an
     * object keyed by name: JavaScript and other readers list an object's integer-like keys ("1", "2") first.
     */
    static ObjectNode supplementary(SupplementProposal supplement) {
        ObjectNode x = MetricsJson.MAPPER.createObjectNode();
        x.put("seeds", supplement.seeds().size());
        x.put("reaches_prescription", supplement.reachesPrescription());
        ArrayNode d90 = x.putArray("d90");
        supplement.d90BeforeGy().forEach((name, before) -> d90.addObject().put("structure", name)
                .put("before_gy", round(before)).put("after_gy", round(supplement.d90AfterGy().get(name))));
        return x;
    }

    /** One line on the supplementary seeds. */
    public static String describe(SupplementProposal s) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "supplementary seeds: %d proposed", s.seeds().size()));
        s.d90BeforeGy().forEach((k, d) -> sb.append(String.format(Locale.ROOT, "; %s D90 %.1f -> %.1f Gy", k, d, s.d90AfterGy().get(k))));
        sb.append(s.reachesPrescription() ? " (prescription reached)" : " (prescription NOT reached within the limit)");
        return sb.toString();
    }

    /** Writes every file into {@code dir}, all or nothing; {@code sourceLines} (seed model, calibration and implant dates and strengths) go into the report. */
    public static void write(Path dir, String patient, Verification v, SeedFinding finding, SupplementProposal supplement,
                             Volume ct, List<RoiMask> rois, double prescriptionGy, String contoursUsed, List<String> sourceLines) {
        write(dir, patient, v, finding, supplement, ct, rois, prescriptionGy, contoursUsed, sourceLines, null);
    }

    /** As above, the report with the TG-43 vs model-based table of the seeds found when {@code modelBased} is not null. */
    public static void write(Path dir, String patient, Verification v, SeedFinding finding, SupplementProposal supplement,
                             Volume ct, List<RoiMask> rois, double prescriptionGy, String contoursUsed, List<String> sourceLines,
                             org.seedplan.dose.modelbased.PatientModelBasedDose.Evaluation modelBased) {
        try (OutputFolder out = OutputFolder.open(dir)) {
            out.writeString("found_seeds.csv", FindSeedsCommand.csv(finding.seeds()));
            StringBuilder m = new StringBuilder("planned_index,found_index,dx_mm,dy_mm,dz_mm,distance_mm,planned_needle,planned_seed_from_tip\n");
            for (SeedMatch s : v.matching().matches()) {
                m.append(String.format(Locale.ROOT, "%d,%d,%.2f,%.2f,%.2f,%.2f,%s%n", s.planned(), s.found(), s.displacementMm().x(),
                        s.displacementMm().y(), s.displacementMm().z(), s.distanceMm(), place(v, s.planned())));
            }
            v.matching().missingPlanned().forEach(i -> m.append(i).append(",,,,,,").append(place(v, i)).append('\n'));
            v.matching().extraFound().forEach(j -> m.append(',').append(j).append(",,,,,,\n"));
            out.writeString("matching.csv", m.toString());
            StringBuilder c = new StringBuilder("structure,metric,unit,pre,post,difference\n");
            for (StructureComparison s : v.comparison().structures()) {
                for (MetricDelta d : s.metrics()) {
                    c.append(s.name()).append(',').append(d.key()).append(',').append(d.unit()).append(',').append(num(d.pre()))
                            .append(',').append(num(d.post())).append(',').append(num(d.difference())).append('\n');
                }
            }
            out.writeString("comparison.csv", c.toString());
            StringBuilder cr = new StringBuilder("structure,volume_cc,x_mm,y_mm,z_mm,min_gy,mean_gy\n");
            v.coldRegions().forEach((name, list) -> list.forEach(r -> cr.append(String.format(Locale.ROOT, "%s,%.3f,%.2f,%.2f,%.2f,%.2f,%.2f%n",
                    name, r.volumeCc(), r.centroidMm().x(), r.centroidMm().y(), r.centroidMm().z(), r.minDoseGy(), r.meanDoseGy()))));
            out.writeString("cold_regions.csv", cr.toString());
            ObjectNode root = MetricsJson.MAPPER.createObjectNode();
            ObjectNode verification = json(v, finding, supplement);
            sourceLines.forEach(verification.putArray("source")::add);
            root.set("verification", verification);
            if (supplement != null) {
                StringBuilder sp = new StringBuilder("x_mm,y_mm,z_mm,dx,dy,dz,sk_U,needle,distance_from_tip_mm\n");
                for (int i = 0; i < supplement.seeds().size(); i++) {
                    var seed = supplement.seeds().get(i);
                    var cand = supplement.candidates().get(i);
                    sp.append(String.format(Locale.ROOT, "%.2f,%.2f,%.2f,%.4f,%.4f,%.4f,%.4f,%d,%.1f%n", seed.centreMm().x(),
                            seed.centreMm().y(), seed.centreMm().z(), seed.axis().x(), seed.axis().y(), seed.axis().z(), seed.skU(),
                            cand.needle() + 1, cand.distanceFromTipMm()));
                }
                out.writeString("supplementary_seeds.csv", sp.toString());
            }
            out.writeString("verification.json", MetricsJson.write(root));
            try {
                VerificationReport.write(out.file("report.pdf"), patient, v, finding, supplement == null ? null : describe(supplement),
                        ct, rois, prescriptionGy, contoursUsed, sourceLines, modelBased);
                for (PlanImages.View view : PlanImages.View.values()) {
                    ImageIO.write(VerificationImages.slice(v, ct, rois, prescriptionGy, view), "png",
                            out.file(view.name().toLowerCase(Locale.ROOT) + ".png").toFile());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
            }
            out.commit();
        }
    }

    /** "needle,seed" (1-based) of planned seed {@code i}, or "," when it is on no known needle. */
    private static String place(Verification v, int i) {
        var p = v.plannedPlaces().get(i);
        return p.needle() == 0 ? "," : p.needle() + "," + p.seedOnNeedle();
    }

    private static void put(ObjectNode o, String key, Double v) {
        if (v == null) {
            o.putNull(key);
        } else {
            o.put(key, round(v));
        }
    }

    private static String num(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e4) / 1e4 : v;
    }
}
