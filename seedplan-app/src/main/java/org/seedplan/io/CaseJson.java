package org.seedplan.io;

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
import java.util.List;
import java.util.Locale;
import org.seedplan.cases.DerivedStructure;
import org.seedplan.cases.PatientCase;
import org.seedplan.dose.DecayIntegral;
import org.seedplan.dose.Seed;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.source.SeedStrength;
import org.seedplan.source.SourceLibrary;
import org.seedplan.structure.Contour;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;

/**
 * Reads and writes the seedplan case file (JSON, format "seedplan-case/1", documented in
 * docs/case-format.md). Every error names the file and the JSON path of the field at fault.
 */
public final class CaseJson {

    public static final String FORMAT = "seedplan-case/1";

    /** Reads JSON refusing a key given twice in one object (the second would silently win). */
    private static final com.fasterxml.jackson.databind.ObjectMapper STRICT = new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private CaseJson() {
    }

    public static PatientCase read(Path file) {
        JsonNode root;
        try {
            root = STRICT.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": file not found: check the path");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        try {
            return parse(new Reader(file.toString()), root);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            throw new IllegalArgumentException(m.startsWith(file.toString()) ? m : file + ": " + m, e);
        }
    }

    /** Parses a case from JSON text (the {@code source} names it in errors). */
    public static PatientCase parse(String source, String json) {
        try {
            return parse(new Reader(source), STRICT.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static PatientCase parse(Reader r, JsonNode root) {
        if (!root.isObject()) {
            throw r.error("", "the case must be a JSON object");
        }
        String format = root.path("format").asText(FORMAT);
        if (!format.equals(FORMAT)) {
            throw r.error("format", "unknown case format '" + format + "': this seedplan reads " + FORMAT);
        }
        String name = root.path("name").asText("case");
        JsonNode g = r.required(root, "dose_grid");
        double[] origin = r.numbers(g, "dose_grid.origin_mm", 3);
        double[] spacing = r.numbers(g, "dose_grid.spacing_mm", 3);
        double[] size = r.numbers(g, "dose_grid.size", 3);
        for (int a = 0; a < 3; a++) {
            if (!(spacing[a] > 0)) {
                throw r.error("dose_grid.spacing_mm", "spacing must be positive (mm)");
            }
            if (size[a] < 1 || size[a] != Math.rint(size[a])) {
                throw r.error("dose_grid.size", "size must be whole numbers of voxels ≥ 1");
            }
        }
        Grid grid = new Grid(new Vec3(origin[0], origin[1], origin[2]), spacing[0], spacing[1], spacing[2],
                (int) size[0], (int) size[1], (int) size[2]);
        double rx = r.number(root, "prescription_gy");
        String source = root.path("source").asText(SourceLibrary.DEFAULT_KEY);
        double halfLife = root.has("half_life_days") ? r.number(root, "half_life_days") : DecayIntegral.I125_HALF_LIFE_DAYS;
        SeedStrength strength = null;
        if (root.hasNonNull("seed_strength")) {
            try {
                strength = SeedStrength.parse(root.get("seed_strength").asText());
            } catch (IllegalArgumentException e) {
                throw r.error("seed_strength", e.getMessage());
            }
        }
        List<Structure> structures = new ArrayList<>();
        JsonNode list = r.required(root, "structures");
        for (int n = 0; n < list.size(); n++) {
            structures.add(structure(r, list.get(n), "structures[" + n + "]"));
        }
        List<DerivedStructure> derived = new ArrayList<>();
        JsonNode dl = root.path("derived");
        for (int n = 0; n < dl.size(); n++) {
            derived.add(derivedStructure(r, dl.get(n), "derived[" + n + "]"));
        }
        List<Seed> seeds = new ArrayList<>();
        JsonNode sl = root.path("seeds");
        for (int n = 0; n < sl.size(); n++) {
            seeds.add(seed(r, sl.get(n), "seeds[" + n + "]", strength));
        }
        return new PatientCase(name, grid, structures, derived, rx, source, halfLife, strength, seeds);
    }

    private static Structure structure(Reader r, JsonNode s, String path) {
        String name = r.text(s, path + ".name");
        StructureType type = StructureType.parse(s.path("type").asText("OTHER"));
        int color = 0xFF0000;
        if (s.hasNonNull("color")) {
            String c = s.get("color").asText().replace("#", "");
            try {
                color = Integer.parseInt(c, 16);
            } catch (NumberFormatException e) {
                throw r.error(path + ".color", "'" + s.get("color").asText() + "' is not a colour: write it as \"#RRGGBB\"");
            }
        }
        List<Contour> contours = new ArrayList<>();
        JsonNode cl = r.required(s, "contours", path);
        for (int n = 0; n < cl.size(); n++) {
            String cp = path + ".contours[" + n + "]";
            JsonNode c = cl.get(n);
            String geometric = c.path("geometric_type").asText("CLOSED_PLANAR");
            if (!geometric.equals("CLOSED_PLANAR")) {
                throw r.error(cp, "structure '" + name + "' has a contour of type " + geometric
                        + ", which does not close: structures need closed planar contours");
            }
            double z = r.number(c, "z_mm", cp);
            JsonNode pts = r.required(c, "points_mm", cp);
            double[] xs = new double[pts.size()];
            double[] ys = new double[pts.size()];
            for (int p = 0; p < pts.size(); p++) {
                JsonNode pt = pts.get(p);
                if (!pt.isArray() || pt.size() != 2 || !pt.get(0).isNumber() || !pt.get(1).isNumber()) {
                    throw r.error(cp + ".points_mm[" + p + "]", "a contour point is [x_mm, y_mm]");
                }
                xs[p] = pt.get(0).asDouble();
                ys[p] = pt.get(1).asDouble();
            }
            try {
                contours.add(new Contour(z, xs, ys));
            } catch (IllegalArgumentException e) {
                throw r.error(cp, "structure '" + name + "': " + e.getMessage());
            }
        }
        try {
            return new Structure(name, type, color, contours);
        } catch (IllegalArgumentException e) {
            throw r.error(path, e.getMessage());
        }
    }

    private static DerivedStructure derivedStructure(Reader r, JsonNode d, String path) {
        String name = r.text(d, path + ".name");
        StructureType type = StructureType.parse(d.path("type").asText("OTHER"));
        try {
            if (d.has("expand")) {
                return DerivedStructure.expand(name, type, d.get("expand").asText(), r.number(d, "margin_mm", path));
            }
            for (DerivedStructure.Operation op : List.of(DerivedStructure.Operation.UNION, DerivedStructure.Operation.INTERSECT,
                    DerivedStructure.Operation.SUBTRACT)) {
                String key = op.name().toLowerCase(Locale.ROOT);
                if (d.has(key)) {
                    List<String> operands = new ArrayList<>();
                    d.get(key).forEach(n -> operands.add(n.asText()));
                    return new DerivedStructure(name, type, op, operands, 0);
                }
            }
        } catch (IllegalArgumentException e) {
            throw r.error(path, e.getMessage());
        }
        throw r.error(path, "say how '" + name + "' is made: \"expand\": NAME with \"margin_mm\", or \"union\"/\"intersect\"/\"subtract\": [NAMES]");
    }

    /** Relative difference above which two strengths of one seed contradict (the file keeps 6 significant digits). */
    static final double STRENGTH_AGREEMENT = 1e-4;

    private static Seed seed(Reader r, JsonNode s, String path, SeedStrength strength) {
        Vec3 c = new Vec3(r.number(s, "x_mm", path), r.number(s, "y_mm", path), r.number(s, "z_mm", path));
        Vec3 axis = new Vec3(s.has("dx") ? r.number(s, "dx", path) : 0, s.has("dy") ? r.number(s, "dy", path) : 0,
                s.has("dz") ? r.number(s, "dz", path) : 1);
        if (!(axis.norm() > 0)) {
            throw r.error(path, "dx, dy, dz is the zero vector: give the seed's axis direction (any length)");
        }
        Double sk = null;
        String skFrom = null;
        if (s.has("sk_U")) {
            sk = r.number(s, "sk_U", path);
            skFrom = path + ".sk_U = " + sk + " U";
        }
        if (s.has("strength")) {
            double given;
            try {
                given = SeedStrength.parse(s.get("strength").asText()).skU();
            } catch (IllegalArgumentException e) {
                throw r.error(path + ".strength", e.getMessage());
            }
            sk = agree(r, path, sk, skFrom, given, path + ".strength = " + s.get("strength").asText());
            skFrom = path + ".strength";
        }
        if (strength != null) {
            sk = agree(r, path, sk, skFrom, strength.skU(), "seed_strength = " + strength);
        }
        if (sk == null) {
            throw r.error(path, "no strength: give \"sk_U\" or \"strength\" for the seed, or \"seed_strength\" for the case");
        }
        try {
            return new Seed(c, axis, sk);
        } catch (IllegalArgumentException e) {
            throw r.error(path, e.getMessage());
        }
    }

    /** Refuses two strengths of one seed that disagree: the report would print one and the dose use the other. */
    private static double agree(Reader r, String path, Double sk, String skFrom, double other, String otherFrom) {
        if (sk != null && Math.abs(sk - other) > STRENGTH_AGREEMENT * Math.max(sk, other)) {
            throw r.error(path, String.format(Locale.ROOT, "%s contradicts %s (%.4g U): give the strength once, or make them agree",
                    skFrom, otherFrom, other));
        }
        return sk != null ? sk : other;
    }

    /** Writes a case in the documented format. */
    public static String write(PatientCase c) {
        ObjectNode root = MetricsJson.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("name", c.name());
        ObjectNode g = root.putObject("dose_grid");
        Grid grid = c.doseGrid();
        g.putArray("origin_mm").add(grid.originMm().x()).add(grid.originMm().y()).add(grid.originMm().z());
        g.putArray("spacing_mm").add(grid.dxMm()).add(grid.dyMm()).add(grid.dzMm());
        g.putArray("size").add(grid.nx()).add(grid.ny()).add(grid.nz());
        root.put("prescription_gy", c.prescriptionGy());
        root.put("source", c.sourceKey());
        root.put("half_life_days", c.halfLifeDays());
        if (c.seedStrength() != null) {
            root.put("seed_strength", c.seedStrength().toString());
        }
        ArrayNode structures = root.putArray("structures");
        for (Structure s : c.structures()) {
            ObjectNode o = structures.addObject();
            o.put("name", s.name());
            o.put("type", s.type().name());
            o.put("color", String.format(Locale.ROOT, "#%06X", s.colorRgb() & 0xFFFFFF));
            ArrayNode cl = o.putArray("contours");
            for (Contour ct : s.contours()) {
                ObjectNode co = cl.addObject();
                co.put("z_mm", ct.zMm());
                ArrayNode pts = co.putArray("points_mm");
                for (int i = 0; i < ct.size(); i++) {
                    pts.addArray().add(MetricsJson.round(ct.xMm()[i])).add(MetricsJson.round(ct.yMm()[i]));
                }
            }
        }
        ArrayNode derived = root.putArray("derived");
        for (DerivedStructure d : c.derived()) {
            ObjectNode o = derived.addObject();
            o.put("name", d.name());
            o.put("type", d.type().name());
            if (d.operation() == DerivedStructure.Operation.EXPAND) {
                o.put("expand", d.operands().get(0));
                o.put("margin_mm", d.marginMm());
            } else {
                ArrayNode ops = o.putArray(d.operation().name().toLowerCase(Locale.ROOT));
                d.operands().forEach(ops::add);
            }
        }
        ArrayNode seeds = root.putArray("seeds");
        for (Seed s : c.seeds()) {
            ObjectNode o = seeds.addObject();
            o.put("x_mm", s.centreMm().x());
            o.put("y_mm", s.centreMm().y());
            o.put("z_mm", s.centreMm().z());
            o.put("dx", s.axis().x());
            o.put("dy", s.axis().y());
            o.put("dz", s.axis().z());
            o.put("sk_U", s.skU());
        }
        return MetricsJson.write(root);
    }

    /** Field access that names the JSON path in every error. */
    private record Reader(String source) {

        IllegalArgumentException error(String path, String message) {
            return new IllegalArgumentException(source + (path.isEmpty() ? "" : ", field " + path) + ": " + message);
        }

        JsonNode required(JsonNode node, String field) {
            return required(node, field, "");
        }

        JsonNode required(JsonNode node, String field, String parent) {
            String path = parent.isEmpty() ? field : parent + "." + field;
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                throw error(path, "missing: the case needs it (see docs/case-format.md)");
            }
            return v;
        }

        double number(JsonNode node, String field) {
            return number(node, field, "");
        }

        double number(JsonNode node, String field, String parent) {
            JsonNode v = required(node, field, parent);
            if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                throw error(parent.isEmpty() ? field : parent + "." + field, "'" + v + "' is not a number");
            }
            return v.asDouble();
        }

        String text(JsonNode node, String path) {
            String field = path.substring(path.lastIndexOf('.') + 1);
            JsonNode v = node.get(field);
            if (v == null || !v.isTextual() || v.asText().isBlank()) {
                throw error(path, "missing or empty text");
            }
            return v.asText();
        }

        double[] numbers(JsonNode node, String path, int count) {
            String field = path.substring(path.lastIndexOf('.') + 1);
            JsonNode v = node.get(field);
            if (v == null || !v.isArray() || v.size() != count) {
                throw error(path, "needs " + count + " numbers [x, y, z]");
            }
            double[] out = new double[count];
            for (int i = 0; i < count; i++) {
                if (!v.get(i).isNumber() || !Double.isFinite(v.get(i).asDouble())) {
                    throw error(path, "'" + v.get(i) + "' is not a number");
                }
                out[i] = v.get(i).asDouble();
            }
            return out;
        }
    }
}
