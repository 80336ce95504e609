package org.seedplan.cli.planning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.seedplan.dose.DecayIntegral;
import org.seedplan.geometry.Vec3;
import org.seedplan.io.MetricsJson;
import org.seedplan.planning.intent.Approach;
import org.seedplan.planning.intent.FixedNeedle;
import org.seedplan.planning.intent.OarLimit;
import org.seedplan.planning.intent.PlanIntent;
import org.seedplan.planning.intent.SeedSpec;
import org.seedplan.planning.intent.TargetGoal;
import org.seedplan.source.SeedStrength;
import org.seedplan.source.SourceLibrary;

/**
 * Reads a plan intent (JSON, format "seedplan-intent/1", documented in docs/planning.md). Every
 * error names the file and the JSON path of the field at fault; unknown fields are refused so
 * that a misspelt limit is not silently ignored.
 */
public final class IntentJson {

    public static final String FORMAT = "seedplan-intent/1";

    private static final Set<String> ROOT = Set.of("format", "targets", "organs", "seed", "approach", "seed_step_mm",
            "min_seed_gap_mm", "max_needles", "max_seeds", "candidate_margin_mm", "bone_hu", "half_life_days", "spares_pct",
            "fixed_needles");
    private static final Set<String> TARGET = Set.of("structure", "prescription_gy", "v100_goal_pct", "v150_limit_pct", "v200_limit_pct");
    private static final Set<String> ORGAN = Set.of("structure", "limit", "dose_gy", "volume_pct", "needle_margin_mm");
    private static final Set<String> SEED = Set.of("source", "strength", "stock");
    private static final Set<String> TEMPLATE = Set.of("type", "needle_direction", "template_point_mm", "hole_spacing_mm",
            "standoff_mm", "max_length_mm");
    private static final Set<String> FREE_HAND = Set.of("type", "entry_centre_mm", "entry_radius_mm", "min_spacing_mm",
            "max_angle_deg", "max_length_mm");
    private static final Set<String> FIXED = Set.of("entry_mm", "tip_mm", "seed_distances_mm", "in_patient");

    private IntentJson() {
    }

    public static PlanIntent read(Path file) {
        JsonNode root;
        try {
            root = MetricsJson.MAPPER.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": file not found: check the path");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        return parse(file.toString(), root);
    }

    /** Writes an intent in the documented format (docs/planning.md); {@link #parse} reads it back equal. */
    public static String write(PlanIntent intent) {
        ObjectNode root = MetricsJson.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        ArrayNode targets = root.putArray("targets");
        for (TargetGoal t : intent.targets()) {
            targets.addObject().put("structure", t.structure()).put("prescription_gy", t.prescriptionGy())
                    .put("v100_goal_pct", t.v100GoalPct()).put("v150_limit_pct", t.v150LimitPct()).put("v200_limit_pct", t.v200LimitPct());
        }
        ArrayNode organs = root.putArray("organs");
        for (OarLimit o : intent.organs()) {
            String kind = switch (o.kind()) {
                case DMAX -> "dmax";
                case D0_1CC -> "d0.1cc";
                case D2CC -> "d2cc";
                case VX -> "vx";
            };
            organs.addObject().put("structure", o.structure()).put("limit", kind).put("dose_gy", o.doseGy())
                    .put("volume_pct", o.volumePct()).put("needle_margin_mm", o.needleMarginMm());
        }
        root.putObject("seed").put("source", intent.seed().sourceKey()).put("strength", intent.seed().strength().toString())
                .put("stock", intent.seed().stock());
        ObjectNode a = root.putObject("approach");
        if (intent.approach() instanceof Approach.CoplanarTemplate t) {
            a.put("type", "coplanar_template");
            vec(a, "needle_direction", t.needleDirection());
            if (t.templatePointMm() != null) {
                vec(a, "template_point_mm", t.templatePointMm());
            }
            a.put("hole_spacing_mm", t.holeSpacingMm()).put("standoff_mm", t.standoffMm()).put("max_length_mm", t.maxLengthMm());
        } else if (intent.approach() instanceof Approach.FreeHand h) {
            a.put("type", "free_hand");
            vec(a, "entry_centre_mm", h.entryCentreMm());
            a.put("entry_radius_mm", h.entryRadiusMm()).put("min_spacing_mm", h.minSpacingMm()).put("max_angle_deg", h.maxAngleDeg())
                    .put("max_length_mm", h.maxLengthMm());
        }
        root.put("seed_step_mm", intent.seedStepMm()).put("min_seed_gap_mm", intent.minSeedGapMm()).put("max_needles", intent.maxNeedles())
                .put("max_seeds", intent.maxSeeds()).put("candidate_margin_mm", intent.candidateMarginMm()).put("bone_hu", intent.boneHu())
                .put("half_life_days", intent.halfLifeDays()).put("spares_pct", intent.sparesPct());
        ArrayNode fixed = root.putArray("fixed_needles");
        for (FixedNeedle f : intent.fixedNeedles()) {
            ObjectNode x = fixed.addObject();
            vec(x, "entry_mm", f.entryMm());
            vec(x, "tip_mm", f.tipMm());
            if (f.seedDistancesFromTipMm() != null) {
                ArrayNode d = x.putArray("seed_distances_mm");
                f.seedDistancesFromTipMm().forEach(d::add);
            }
            x.put("in_patient", f.inPatient());
        }
        return MetricsJson.write(root);
    }

    private static void vec(ObjectNode o, String field, Vec3 v) {
        o.putArray(field).add(v.x()).add(v.y()).add(v.z());
    }

    /** Parses an intent from JSON text ({@code source} names it in errors). */
    public static PlanIntent parse(String source, String json) {
        try {
            return parse(source, MetricsJson.MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static PlanIntent parse(String source, JsonNode root) {
        Fields f = new Fields(source);
        if (root == null || !root.isObject()) {
            throw f.error("", "the intent must be a JSON object");
        }
        f.known(root, "", ROOT);
        String format = root.path("format").asText(FORMAT);
        if (!format.equals(FORMAT)) {
            throw f.error("format", "unknown intent format '" + format + "': this seedplan reads " + FORMAT);
        }
        try {
            List<TargetGoal> targets = new ArrayList<>();
            JsonNode tl = f.array(root, "targets", "");
            for (int n = 0; n < tl.size(); n++) {
                String p = "targets[" + n + "]";
                JsonNode t = tl.get(n);
                f.known(t, p, TARGET);
                targets.add(new TargetGoal(f.text(t, "structure", p), f.number(t, "prescription_gy", p),
                        f.number(t, "v100_goal_pct", p, TargetGoal.DEFAULT_V100_GOAL_PCT),
                        f.number(t, "v150_limit_pct", p, TargetGoal.DEFAULT_V150_LIMIT_PCT),
                        f.number(t, "v200_limit_pct", p, TargetGoal.DEFAULT_V200_LIMIT_PCT)));
            }
            List<OarLimit> organs = new ArrayList<>();
            JsonNode ol = root.path("organs");
            for (int n = 0; n < ol.size(); n++) {
                String p = "organs[" + n + "]";
                JsonNode o = ol.get(n);
                f.known(o, p, ORGAN);
                String name = f.text(o, "structure", p);
                organs.add(new OarLimit(name, OarLimit.Kind.parse(f.text(o, "limit", p), name), f.number(o, "dose_gy", p),
                        f.number(o, "volume_pct", p, 0), f.number(o, "needle_margin_mm", p, OarLimit.DEFAULT_NEEDLE_MARGIN_MM)));
            }
            JsonNode s = f.object(root, "seed", "");
            f.known(s, "seed", SEED);
            SeedStrength strength;
            try {
                strength = SeedStrength.parse(f.text(s, "strength", "seed"));
            } catch (IllegalArgumentException e) {
                throw f.error("seed.strength", e.getMessage());
            }
            SeedSpec seed = new SeedSpec(s.path("source").asText(SourceLibrary.DEFAULT_KEY), strength, f.count(s, "stock", "seed", 0));
            Approach approach = approach(f, f.object(root, "approach", ""));
            List<FixedNeedle> fixed = new ArrayList<>();
            JsonNode fl = root.path("fixed_needles");
            for (int n = 0; n < fl.size(); n++) {
                String p = "fixed_needles[" + n + "]";
                JsonNode x = fl.get(n);
                f.known(x, p, FIXED);
                List<Double> distances = null;
                if (x.hasNonNull("seed_distances_mm")) {
                    distances = new ArrayList<>();
                    for (JsonNode d : x.get("seed_distances_mm")) {
                        if (!d.isNumber()) {
                            throw f.error(p + ".seed_distances_mm", "'" + d + "' is not a number of mm");
                        }
                        distances.add(d.asDouble());
                    }
                }
                fixed.add(new FixedNeedle(f.vec(x, "entry_mm", p), f.vec(x, "tip_mm", p), distances, f.bool(x, "in_patient", p, false)));
            }
            return new PlanIntent(targets, organs, seed, approach,
                    f.number(root, "seed_step_mm", "", PlanIntent.DEFAULT_SEED_STEP_MM),
                    f.number(root, "min_seed_gap_mm", "", PlanIntent.DEFAULT_MIN_SEED_GAP_MM),
                    f.count(root, "max_needles", "", PlanIntent.DEFAULT_MAX_NEEDLES),
                    f.count(root, "max_seeds", "", PlanIntent.DEFAULT_MAX_SEEDS),
                    f.number(root, "candidate_margin_mm", "", PlanIntent.DEFAULT_CANDIDATE_MARGIN_MM),
                    f.number(root, "bone_hu", "", PlanIntent.DEFAULT_BONE_HU),
                    f.number(root, "half_life_days", "", DecayIntegral.I125_HALF_LIFE_DAYS),
                    f.number(root, "spares_pct", "", PlanIntent.DEFAULT_SPARES_PCT), fixed);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            throw new IllegalArgumentException(m.startsWith(source) ? m : source + ": " + m);
        }
    }

    private static Approach approach(Fields f, JsonNode a) {
        String type = f.text(a, "type", "approach");
        return switch (type) {
            case "coplanar_template" -> {
                f.known(a, "approach", TEMPLATE);
                yield new Approach.CoplanarTemplate(f.vec(a, "needle_direction", "approach"),
                        a.hasNonNull("template_point_mm") ? f.vec(a, "template_point_mm", "approach") : null,
                        f.number(a, "hole_spacing_mm", "approach", Approach.CoplanarTemplate.DEFAULT_HOLE_SPACING_MM),
                        f.number(a, "standoff_mm", "approach", 10), f.number(a, "max_length_mm", "approach", 200));
            }
            case "free_hand", "printed_template" -> {
                f.known(a, "approach", FREE_HAND);
                yield new Approach.FreeHand(f.vec(a, "entry_centre_mm", "approach"), f.number(a, "entry_radius_mm", "approach", 30),
                        f.number(a, "min_spacing_mm", "approach", Approach.FreeHand.DEFAULT_MIN_SPACING_MM),
                        f.number(a, "max_angle_deg", "approach", 30), f.number(a, "max_length_mm", "approach", 200));
            }
            default -> throw f.error("approach.type", "unknown approach '" + type
                    + "': use coplanar_template, free_hand or printed_template");
        };
    }

    /** Field access that names the JSON path in every error. */
    private record Fields(String source) {

        IllegalArgumentException error(String path, String message) {
            return new IllegalArgumentException(source + (path.isEmpty() ? "" : ", field " + path) + ": " + message);
        }

        void known(JsonNode node, String path, Set<String> names) {
            if (!node.isObject()) {
                throw error(path, "must be a JSON object");
            }
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!names.contains(name)) {
                    throw error(join(path, name), "unknown field: the known ones are " + String.join(", ", names.stream().sorted().toList()));
                }
            }
        }

        JsonNode object(JsonNode node, String field, String parent) {
            JsonNode v = node.get(field);
            if (v == null || !v.isObject()) {
                throw error(join(parent, field), "missing: give it as a JSON object (see docs/planning.md)");
            }
            return v;
        }

        JsonNode array(JsonNode node, String field, String parent) {
            JsonNode v = node.get(field);
            if (v == null || !v.isArray()) {
                throw error(join(parent, field), "missing: give it as a JSON list (see docs/planning.md)");
            }
            return v;
        }

        String text(JsonNode node, String field, String parent) {
            JsonNode v = node.get(field);
            if (v == null || !v.isTextual() || v.asText().isBlank()) {
                throw error(join(parent, field), "missing or empty text");
            }
            return v.asText();
        }

        double number(JsonNode node, String field, String parent) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                throw error(join(parent, field), "missing: the intent needs it (see docs/planning.md)");
            }
            if (!v.isNumber()) {
                throw error(join(parent, field), "'" + v + "' is not a number");
            }
            return v.asDouble();
        }

        double number(JsonNode node, String field, String parent, double fallback) {
            return node.hasNonNull(field) ? number(node, field, parent) : fallback;
        }

        boolean bool(JsonNode node, String field, String parent, boolean fallback) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return fallback;
            }
            if (!v.isBoolean()) {
                throw error(join(parent, field), "'" + v + "' is not true or false");
            }
            return v.asBoolean();
        }

        /** A whole number from 0 to 10⁶ (a count); a fraction or a huge value is refused, not truncated. */
        int count(JsonNode node, String field, String parent, int fallback) {
            if (!node.hasNonNull(field)) {
                return fallback;
            }
            double v = number(node, field, parent);
            if (!(v >= 0 && v <= 1_000_000) || v != Math.rint(v)) {
                throw error(join(parent, field), "'" + node.get(field) + "' is not a count: give a whole number from 0 to 1000000");
            }
            return (int) v;
        }

        Vec3 vec(JsonNode node, String field, String parent) {
            JsonNode v = node.get(field);
            if (v == null || !v.isArray() || v.size() != 3 || !v.get(0).isNumber() || !v.get(1).isNumber() || !v.get(2).isNumber()) {
                throw error(join(parent, field), "needs three numbers [x, y, z] (patient LPS mm)");
            }
            return new Vec3(v.get(0).asDouble(), v.get(1).asDouble(), v.get(2).asDouble());
        }

        private static String join(String parent, String field) {
            return parent.isEmpty() ? field : parent + "." + field;
        }
    }
}
