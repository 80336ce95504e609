package org.seedplan.server.modelbased;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import org.seedplan.dose.DecayIntegral;
import org.seedplan.dose.Seed;
import org.seedplan.dose.modelbased.PatientModelBasedDose;
import org.seedplan.dose.tissue.HuDensityCurve;
import org.seedplan.dvh.DoseMetricsCalculator;
import org.seedplan.dvh.RoiMask;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.server.structures.StructureJson;
import org.seedplan.source.SourceLibrary;
import org.seedplan.source.SourceModel;
import org.seedplan.structure.MaskRasterizer;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;
import org.seedplan.verify.comparison.ImplantVerifier;

/**
 * The model-based dose (TG-186) of a finished verification beside its TG-43 post-implant dose: the seeds found on the post-op CT
 * (centre and axis, the plan's seed model, the strength at implant the verification dosed with) in the tissues of the post-op CT
 * brought into the plan's frame, on the verification's contours, both doses on one {@value RevisionModelBasedDose#GRID_MM} mm grid
 * over the structures and {@value RevisionModelBasedDose#MARGIN_MM} mm around them; D90 and V100 of the targets and D2cc, D0.1cc
 * of the organs with 1σ. A result is tied to the verification ({@link #verificationKey}) and the found seeds
 * ({@link #foundSeedsKey}) it was computed for.
 */
final class VerificationModelBasedDose {

    private VerificationModelBasedDose() {
    }

    /**
     * What makes a verification this one, as a SHA-256 (hex): the plan revision, the post-op CT series, the registration applied
     * (or the frame note) and the contours used.
     */
    static String verificationKey(JsonNode v) {
        return sha256("plan " + v.path("planId").asLong() + " revision " + v.path("revision").asInt() + "\npost-op " + v.path("postOpSeriesUid").asText()
                + "\nregistration " + v.path("registration").path("sopInstanceUid").asText("none") + "\nframe " + v.path("frameNote").asText("same")
                + "\ncontours " + v.path("contours").asText());
    }

    /** The found seeds a dose is computed for, as a SHA-256 (hex) of their centres (0.001 mm), axes (10⁻⁵) and strength (U). */
    static String foundSeedsKey(JsonNode v) {
        StringBuilder b = new StringBuilder("strength ").append(String.format(Locale.ROOT, "%.6g", v.path("strengthAtImplantU").asDouble()));
        for (JsonNode f : v.path("found")) {
            JsonNode a = f.path("axis");
            b.append(String.format(Locale.ROOT, "\n%.3f %.3f %.3f %.5f %.5f %.5f", f.path("xMm").asDouble(), f.path("yMm").asDouble(),
                    f.path("zMm").asDouble(), a.path("x").asDouble(), a.path("y").asDouble(), a.path("z").asDouble()));
        }
        return sha256(b.toString());
    }

    /**
     * The implanted seeds as the verification's TG-43 post-implant dose has them: each found seed at its centre (plan frame)
     * along its found axis, with the plan's strength at implant; IllegalStateException for a verification without the found
     * seeds' axes (computed before they were reported: run it again).
     */
    static List<Seed> implant(JsonNode v) {
        double skU = v.path("strengthAtImplantU").asDouble(Double.NaN);
        if (!(skU > 0)) {
            throw new IllegalStateException("the verification states no strength at implant: run the verification again");
        }
        List<Seed> seeds = new ArrayList<>();
        for (JsonNode f : v.path("found")) {
            JsonNode a = f.path("axis");
            if (!a.isObject()) {
                throw new IllegalStateException("the verification's found seeds carry no axis (it was computed by an older server): run the"
                        + " verification again");
            }
            seeds.add(new Seed(new Vec3(f.get("xMm").asDouble(), f.get("yMm").asDouble(), f.get("zMm").asDouble()),
                    new Vec3(a.get("x").asDouble(), a.get("y").asDouble(), a.get("z").asDouble()), skU));
        }
        if (seeds.isEmpty()) {
            throw new IllegalStateException("the verification found no seeds: there is no implant to dose");
        }
        return seeds;
    }

    /** Computes the model-based dose of verification {@code v} in {@code postOpInPlanFrame}; the answer's {@code verificationKey} and {@code foundSeedsKey} name what it is for. */
    static ObjectNode compute(JsonNode v, Volume postOpInPlanFrame, RevisionModelBasedDose.Settings settings, String softTissue,
                              DoubleConsumer progress, BooleanSupplier cancelled) {
        List<Seed> seeds = implant(v);
        double rx = v.path("prescriptionGy").asDouble(Double.NaN);
        if (!(rx > 0)) {
            throw new IllegalStateException("the verification states no prescription: run the verification again");
        }
        SourceModel source = SourceLibrary.builtIn().model(v.get("sourceModelKey").asText());
        List<Structure> structures = StructureJson.read(v.get("structureContours"), "structureContours").stream().filter(s -> s.type() != StructureType.EXTERNAL).toList();
        Grid grid = ImplantVerifier.doseGridAround(structures, RevisionModelBasedDose.MARGIN_MM, RevisionModelBasedDose.GRID_MM);
        List<RoiMask> rois = structures.stream().map(s -> RoiMask.of(s, MaskRasterizer.rasterize(s, grid))).toList();
        DoseMetricsCalculator calculator = new DoseMetricsCalculator(rois, grid, rx);
        PatientModelBasedDose.Evaluation e = PatientModelBasedDose.evaluate(new PatientModelBasedDose.Request(postOpInPlanFrame, structures,
                settings.overrides(), HuDensityCurve.standard(), source, seeds, DecayIntegral.permanent(source.halfLifeDays()),
                settings.specification(), settings.monteCarlo(), settings.softTissueOr(softTissue)), grid, calculator, progress, cancelled);
        ObjectNode o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                .put("planId", v.path("planId").asLong()).put("revision", v.path("revision").asInt())
                .put("postOpSeriesUid", v.path("postOpSeriesUid").asText()).put("seedCount", seeds.size())
                .put("strengthAtImplantU", seeds.get(0).skU()).put("sourceModelKey", source.key())
                .put("verificationKey", verificationKey(v)).put("foundSeedsKey", foundSeedsKey(v));
        return RevisionModelBasedDose.json(o, v.path("contours").asText(), "the verification's dose of record", settings, e, calculator,
                softTissue);
    }

    /** The structures a verification's run reports on and its overrides may name (every one but the body). */
    static List<String> overridable(JsonNode v) {
        return StructureJson.read(v.get("structureContours"), "structureContours").stream().filter(s -> s.type() != StructureType.EXTERNAL)
                .map(Structure::name).toList();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }
}
