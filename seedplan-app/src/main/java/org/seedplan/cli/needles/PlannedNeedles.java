package org.seedplan.cli.needles;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.seedplan.cli.planning.PlanJson;
import org.seedplan.geometry.Vec3;
import org.seedplan.io.MetricsJson;
import org.seedplan.planning.needle.Needle;

/** The planned needles of a plan document (plan.json, format "seedplan-plan/1"): number, entry and tip of each. */
final class PlannedNeedles {

    /** One planned needle with the number the plan shows. */
    record Numbered(int number, Needle needle) {
    }

    private PlannedNeedles() {
    }

    static List<Numbered> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--plan " + file + " does not exist or is not a file: give the plan.json written by seedplan"
                    + " plan --out");
        }
        JsonNode root;
        try {
            root = MetricsJson.MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("--plan " + file + ": cannot read it as JSON (" + e.getMessage().lines().findFirst().orElse("")
                    + "): give the plan.json written by seedplan plan --out");
        }
        if (root == null || !PlanJson.FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException("--plan " + file + ": field format is not \"" + PlanJson.FORMAT
                    + "\": give the plan.json written by seedplan plan --out");
        }
        JsonNode needles = root.get("needles");
        if (needles == null || !needles.isArray() || needles.isEmpty()) {
            throw new IllegalArgumentException("--plan " + file + ": field needles is missing or empty: the plan has no needles to"
                    + " compare with");
        }
        List<Numbered> out = new ArrayList<>();
        for (int i = 0; i < needles.size(); i++) {
            JsonNode n = needles.get(i);
            Vec3 entry = vec(file, n.get("entry_mm"), "needles[" + i + "].entry_mm");
            Vec3 tip = vec(file, n.get("tip_mm"), "needles[" + i + "].tip_mm");
            if (!(entry.distanceTo(tip) > 1)) {
                throw new IllegalArgumentException("--plan " + file + ": needles[" + i + "] has entry_mm and tip_mm less than 1 mm apart:"
                        + " give the needle's entry and tip");
            }
            out.add(new Numbered(n.path("number").asInt(i + 1), new Needle(entry, tip, null, n.path("fixed").asBoolean(false))));
        }
        return out;
    }

    private static Vec3 vec(Path file, JsonNode a, String field) {
        if (a == null || !a.isArray() || a.size() != 3 || !a.get(0).isNumber() || !a.get(1).isNumber() || !a.get(2).isNumber()) {
            throw new IllegalArgumentException("--plan " + file + ": field " + field + " must be [x, y, z] in mm (LPS)");
        }
        Vec3 v = new Vec3(a.get(0).asDouble(), a.get(1).asDouble(), a.get(2).asDouble());
        if (!v.isFinite()) {
            throw new IllegalArgumentException("--plan " + file + ": field " + field + " holds a number that is not finite");
        }
        return v;
    }
}
