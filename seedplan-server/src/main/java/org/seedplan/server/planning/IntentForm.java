package org.seedplan.server.planning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.seedplan.cases.DerivedStructure;
import org.seedplan.dicom.rtplan.ImplantSource;
import org.seedplan.server.api.Json;
import org.seedplan.server.plans.RevisionStrength;
import org.seedplan.geometry.Vec3;
import org.seedplan.planning.intent.Approach;
import org.seedplan.planning.intent.FixedNeedle;
import org.seedplan.planning.intent.OarLimit;
import org.seedplan.planning.intent.PlanIntent;
import org.seedplan.planning.intent.SeedSpec;
import org.seedplan.planning.intent.TargetGoal;
import org.seedplan.source.SeedStrength;
import org.seedplan.source.SourceLibrary;
import org.seedplan.source.SourceModel;
import org.seedplan.structure.StructureType;

/**
 * The plan screen's intent form, read from its JSON: targets with prescriptions (a target may be a margin
 * expansion of another: CTV = GTV + 5 mm, for dual GTV/CTV prescriptions), organ limits, the seed model
 * with the strength of one seed in its unit on its calibration date (decayed to the implant date), and
 * the approach (coplanar template with its needle direction, free-hand, or 3D-printed template), and needles
 * kept as placed (fixed needles, marked when they are in the patient). docs/planning-screen.md gives the fields.
 *
 * @param strengthAtCalibration the certificate's strength of one seed (at {@code calibrationDate}, or at implant without dates)
 * @param approachLabel         the approach as the physicist chose it, e.g. "coplanar template, anterior"
 */
public record IntentForm(PlanIntent intent, List<DerivedStructure> derived, SeedStrength strengthAtCalibration, LocalDate calibrationDate,
                         LocalDate implantDate, String approachLabel, String json) {

    /** Reads the form; an IllegalArgumentException names the field and the fix. */
    public static IntentForm parse(ObjectNode b) {
        List<TargetGoal> targets = new ArrayList<>();
        List<DerivedStructure> derived = new ArrayList<>();
        JsonNode ts = b.get("targets");
        if (ts == null || !ts.isArray() || ts.isEmpty()) {
            throw new IllegalArgumentException("targets must be a non-empty list of {\"structure\", \"prescriptionGy\"}");
        }
        for (int i = 0; i < ts.size(); i++) {
            JsonNode t = ts.get(i);
            String name = text(t, "structure", "targets[" + i + "]");
            double rx = number(t, "prescriptionGy", "targets[" + i + "]");
            String from = t.hasNonNull("expandFrom") && !t.get("expandFrom").asText().isBlank() ? t.get("expandFrom").asText() : null;
            if (from != null) {
                double margin = number(t, "marginMm", "targets[" + i + "]");
                if (!(margin >= 0 && margin <= 30)) {
                    throw new IllegalArgumentException("targets[" + i + "].marginMm must lie in 0 … 30 mm, got " + margin);
                }
                derived.add(DerivedStructure.expand(name, name.toUpperCase(Locale.ROOT).startsWith("PTV") ? StructureType.PTV : StructureType.CTV,
                        from, margin));
            }
            TargetGoal g = new TargetGoal(name, rx);
            if (t.hasNonNull("v100GoalPct")) {
                g = new TargetGoal(name, rx, number(t, "v100GoalPct", "targets[" + i + "]"), g.v150LimitPct(), g.v200LimitPct());
            }
            targets.add(g);
        }
        List<OarLimit> organs = new ArrayList<>();
        JsonNode os = b.get("organs");
        if (os != null && os.isArray()) {
            for (int i = 0; i < os.size(); i++) {
                JsonNode o = os.get(i);
                String name = text(o, "structure", "organs[" + i + "]");
                organs.add(new OarLimit(name, OarLimit.Kind.parse(text(o, "kind", "organs[" + i + "]"), name), number(o, "doseGy", "organs[" + i + "]"),
                        o.hasNonNull("volumePct") ? number(o, "volumePct", "organs[" + i + "]") : 0,
                        o.hasNonNull("needleMarginMm") ? number(o, "needleMarginMm", "organs[" + i + "]") : 5));
            }
        }
        JsonNode seed = b.get("seed");
        if (seed == null || !seed.isObject()) {
            throw new IllegalArgumentException("seed must be {\"sourceModelKey\", \"strength\", \"unit\", \"calibrationDate\", \"implantDate\"}");
        }
        String key = text(seed, "sourceModelKey", "seed");
        SourceModel model = SourceLibrary.builtIn().model(key);
        SeedStrength atCalibration = new SeedStrength(number(seed, "strength", "seed"), SeedStrength.Unit.parse(text(seed, "unit", "seed")));
        LocalDate calibration = date(seed, "calibrationDate");
        LocalDate implant = date(seed, "implantDate");
        RevisionStrength.checkDates(calibration, implant, "seed.");
        SeedStrength atImplant = atCalibration;
        if (calibration != null) {
            double f = ImplantSource.decayFactor(calibration.atStartOfDay(), implant.atStartOfDay(), model.halfLifeDays());
            atImplant = new SeedStrength(atCalibration.value() * f, atCalibration.unit());
        }
        int stock = seed.hasNonNull("stock") ? (int) number(seed, "stock", "seed") : 0;
        JsonNode a = b.get("approach");
        if (a == null || !a.isObject()) {
            throw new IllegalArgumentException("approach must be {\"type\": \"coplanar\" | \"freehand\" | \"printed\", …}");
        }
        String type = text(a, "type", "approach").toLowerCase(Locale.ROOT);
        double maxLength = a.hasNonNull("maxLengthMm") ? number(a, "maxLengthMm", "approach") : 200;
        Approach approach;
        String label;
        switch (type) {
            case "coplanar" -> {
                String dir = a.hasNonNull("direction") && a.get("direction").isTextual() ? a.get("direction").asText() : null;
                Vec3 d = dir != null ? direction(dir) : vec(a.get("direction"), "approach.direction");
                double spacing = a.hasNonNull("holeSpacingMm") ? number(a, "holeSpacingMm", "approach") : Approach.CoplanarTemplate.DEFAULT_HOLE_SPACING_MM;
                approach = new Approach.CoplanarTemplate(d, null, spacing, 10, maxLength);
                label = "coplanar template, " + (dir != null ? dir.toLowerCase(Locale.ROOT) : "needles along " + fmt(d));
            }
            case "freehand", "printed" -> {
                Vec3 entry = vec(a.get("entryMm"), "approach.entryMm");
                double radius = a.hasNonNull("entryRadiusMm") ? number(a, "entryRadiusMm", "approach") : 20;
                double angle = a.hasNonNull("maxAngleDeg") ? number(a, "maxAngleDeg", "approach") : 25;
                double spacing = a.hasNonNull("minSpacingMm") ? number(a, "minSpacingMm", "approach") : Approach.FreeHand.DEFAULT_MIN_SPACING_MM;
                approach = new Approach.FreeHand(entry, radius, spacing, angle, maxLength);
                label = (type.equals("printed") ? "3D-printed template" : "free-hand") + ", entry " + fmt(entry) + " mm";
            }
            default -> throw new IllegalArgumentException("approach.type '" + type + "' is unknown: give coplanar, freehand or printed");
        }
        PlanIntent intent = new PlanIntent(targets, organs, new SeedSpec(key, atImplant, stock), approach, PlanIntent.DEFAULT_SEED_STEP_MM,
                PlanIntent.DEFAULT_MIN_SEED_GAP_MM, PlanIntent.DEFAULT_MAX_NEEDLES, PlanIntent.DEFAULT_MAX_SEEDS, PlanIntent.DEFAULT_CANDIDATE_MARGIN_MM,
                PlanIntent.DEFAULT_BONE_HU, model.halfLifeDays(), PlanIntent.DEFAULT_SPARES_PCT, fixedNeedles(b.get("fixedNeedles")));
        return new IntentForm(intent, derived, atCalibration, calibration, implant, label, b.toString());
    }

    /**
     * The form's {@code fixedNeedles}: {@code [{"entryMm", "tipMm", "seedDistancesMm"?, "inPatient"?}]}, needles kept where they
     * are (with their loading when {@code seedDistancesMm} is given, else loaded with the rest); {@code inPatient} (default
     * false) marks a needle placed already, kept even where its path crosses bone or an organ's needle margin.
     */
    static List<FixedNeedle> fixedNeedles(JsonNode list) {
        List<FixedNeedle> out = new ArrayList<>();
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("fixedNeedles must be a list of {\"entryMm\", \"tipMm\", \"seedDistancesMm\"?, \"inPatient\"?}");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode n = list.get(i);
            String where = "fixedNeedles[" + i + "]";
            List<Double> distances = null;
            JsonNode d = n.get("seedDistancesMm");
            if (d != null && !d.isNull()) {
                if (!d.isArray()) {
                    throw new IllegalArgumentException(where + ".seedDistancesMm must be a list of distances from the tip in mm");
                }
                distances = new ArrayList<>();
                for (JsonNode x : d) {
                    if (!x.isNumber()) {
                        throw new IllegalArgumentException(where + ".seedDistancesMm must be a list of distances from the tip in mm, got " + x);
                    }
                    distances.add(x.asDouble());
                }
            }
            JsonNode in = n.get("inPatient");
            if (in != null && !in.isNull() && !in.isBoolean()) {
                throw new IllegalArgumentException(where + ".inPatient must be true or false, got " + in);
            }
            try {
                out.add(new FixedNeedle(vec(n.get("entryMm"), where + ".entryMm"), vec(n.get("tipMm"), where + ".tipMm"), distances,
                        in != null && in.asBoolean()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage().replaceFirst("^intent: ", ""), e);
            }
        }
        return out;
    }

    /** {@code needles} as the form's {@code fixedNeedles} (the inverse of reading them). */
    public static ArrayNode fixedNeedlesJson(List<FixedNeedle> needles) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (FixedNeedle f : needles) {
            ObjectNode x = a.addObject();
            x.putArray("entryMm").add(f.entryMm().x()).add(f.entryMm().y()).add(f.entryMm().z());
            x.putArray("tipMm").add(f.tipMm().x()).add(f.tipMm().y()).add(f.tipMm().z());
            if (f.loadingFixed()) {
                ArrayNode d = x.putArray("seedDistancesMm");
                f.seedDistancesFromTipMm().forEach(d::add);
            }
            x.put("inPatient", f.inPatient());
        }
        return a;
    }

    /** The form JSON {@code json} (an object) with {@code needles} as its {@code fixedNeedles} (none: the field removed). */
    public static String withFixedNeedles(String json, List<FixedNeedle> needles) {
        try {
            ObjectNode o = (ObjectNode) Json.MAPPER.readTree(json);
            if (needles.isEmpty()) {
                o.remove("fixedNeedles");
            } else {
                o.set("fixedNeedles", fixedNeedlesJson(needles));
            }
            return o.toString();
        } catch (java.io.IOException | ClassCastException e) {
            throw new IllegalStateException("intent form JSON no longer reads: " + e.getMessage(), e);
        }
    }

    /**
     * The needle direction (into the patient, LPS) of a template on a side of the patient: anterior (needles
     * towards posterior, +y), posterior, left (patient's left, towards −x), right, inferior (feet, towards +z), superior.
     */
    static Vec3 direction(String side) {
        return switch (side.trim().toLowerCase(Locale.ROOT)) {
            case "anterior" -> new Vec3(0, 1, 0);
            case "posterior" -> new Vec3(0, -1, 0);
            case "left" -> new Vec3(-1, 0, 0);
            case "right" -> new Vec3(1, 0, 0);
            case "inferior" -> new Vec3(0, 0, 1);
            case "superior" -> new Vec3(0, 0, -1);
            default -> throw new IllegalArgumentException("approach.direction '" + side
                    + "' is unknown: give anterior, posterior, left, right, inferior, superior or [x, y, z]");
        };
    }

    private static String fmt(Vec3 v) {
        return String.format(Locale.ROOT, "[%.0f, %.0f, %.0f]", v.x(), v.y(), v.z());
    }

    private static String text(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(where + "." + field + " is missing: give it as text");
        }
        return v.asText().trim();
    }

    private static double number(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new IllegalArgumentException(where + "." + field + " must be a number");
        }
        return v.asDouble();
    }

    private static LocalDate date(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(v.asText().trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("seed." + field + " must be a date yyyy-MM-dd, got " + v.asText());
        }
    }

    private static Vec3 vec(JsonNode n, String field) {
        if (n == null || !n.isArray() || n.size() != 3 || !n.get(0).isNumber() || !n.get(1).isNumber() || !n.get(2).isNumber()) {
            throw new IllegalArgumentException(field + " must be [x, y, z] in mm (LPS)");
        }
        return new Vec3(n.get(0).asDouble(), n.get(1).asDouble(), n.get(2).asDouble());
    }
}
