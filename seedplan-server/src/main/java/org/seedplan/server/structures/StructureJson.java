package org.seedplan.server.structures;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.seedplan.server.api.ApiProblem;
import org.seedplan.server.api.Json;
import org.seedplan.structure.Contour;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;

/**
 * Structures as the screens send and receive them:
 * {@code {"name", "type": "GTV", "colour": "#rrggbb", "contours": [{"zMm", "points": [[xMm, yMm], …]}]}}, in mm LPS.
 * Reading checks every field and names the one at fault ({@code structures[2].contours[0].points}).
 */
public final class StructureJson {

    private StructureJson() {
    }

    /** The structures of array {@code node} (field {@code field} of the request); names must be unique. */
    public static List<Structure> read(JsonNode node, String field) {
        if (node == null || !node.isArray()) {
            throw ApiProblem.badRequest(field, field + " must be an array of structures {name, type, colour, contours}");
        }
        List<Structure> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int s = 0; s < node.size(); s++) {
            Structure st = readOne(node.get(s), field + "[" + s + "]");
            if (!names.add(st.name().toLowerCase(Locale.ROOT))) {
                throw ApiProblem.badRequest(field + "[" + s + "].name", "two structures are named '" + st.name() + "': rename one");
            }
            out.add(st);
        }
        return out;
    }

    /** One structure at {@code path} in the request. */
    public static Structure readOne(JsonNode n, String path) {
        if (n == null || !n.isObject()) {
            throw ApiProblem.badRequest(path, path + " must be an object {name, type, colour, contours}");
        }
        String name = n.path("name").asText("").trim();
        if (name.isEmpty() || name.length() > 64) {
            throw ApiProblem.badRequest(path + ".name", path + ".name must be 1–64 characters (the DICOM ROI Name limit)");
        }
        String typeText = n.path("type").asText("");
        StructureType type = StructureType.parse(typeText);
        if (!typeText.isBlank() && type == StructureType.OTHER && !typeText.equalsIgnoreCase("OTHER")) {
            throw ApiProblem.badRequest(path + ".type", path + ".type '" + typeText + "' is not one of GTV, CTV, PTV, ORGAN,"
                    + " EXTERNAL, AVOIDANCE, CONTROL, OTHER");
        }
        int colour = colour(n.path("colour").asText("#ff0000"), path + ".colour");
        JsonNode cs = n.path("contours");
        if (!cs.isArray() || cs.isEmpty()) {
            throw ApiProblem.badRequest(path + ".contours", "structure '" + name + "' has no contours: draw at least one closed contour");
        }
        List<Contour> contours = new ArrayList<>();
        for (int c = 0; c < cs.size(); c++) {
            contours.add(contour(cs.get(c), path + ".contours[" + c + "]"));
        }
        return new Structure(name, type, colour, contours);
    }

    private static Contour contour(JsonNode c, String path) {
        JsonNode z = c.path("zMm");
        JsonNode pts = c.path("points");
        if (!z.isNumber() || !Double.isFinite(z.asDouble())) {
            throw ApiProblem.badRequest(path + ".zMm", path + ".zMm must be the slice position in mm");
        }
        if (!pts.isArray() || pts.size() < 3) {
            throw ApiProblem.badRequest(path + ".points", path + ".points must hold at least 3 [xMm, yMm] pairs (a closed polygon)");
        }
        double[] x = new double[pts.size()];
        double[] y = new double[pts.size()];
        for (int p = 0; p < pts.size(); p++) {
            JsonNode pt = pts.get(p);
            if (!pt.isArray() || pt.size() != 2 || !pt.get(0).isNumber() || !pt.get(1).isNumber()) {
                throw ApiProblem.badRequest(path + ".points", path + ".points[" + p + "] must be [xMm, yMm]");
            }
            x[p] = pt.get(0).asDouble();
            y[p] = pt.get(1).asDouble();
        }
        try {
            return new Contour(z.asDouble(), x, y);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(path + ".points", e.getMessage());
        }
    }

    /** A colour #rrggbb as 0xRRGGBB; {@code path} names the field in the message. */
    public static int colour(String text, String path) {
        if (!text.matches("#[0-9a-fA-F]{6}")) {
            throw ApiProblem.badRequest(path, path + " must be a colour #rrggbb, got '" + text + "'");
        }
        return Integer.parseInt(text.substring(1), 16);
    }

    /** The structures as a JSON array. */
    public static ArrayNode write(List<Structure> structures) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        structures.forEach(s -> a.add(write(s)));
        return a;
    }

    /** One structure as JSON (coordinates rounded to 0.001 mm). */
    public static ObjectNode write(Structure s) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("name", s.name()).put("type", s.type().name()).put("colour", String.format(Locale.ROOT, "#%06x", s.colorRgb() & 0xFFFFFF));
        ArrayNode cs = o.putArray("contours");
        for (Contour c : s.contours()) {
            ObjectNode co = cs.addObject().put("zMm", round(c.zMm()));
            ArrayNode pts = co.putArray("points");
            for (int p = 0; p < c.size(); p++) {
                pts.addArray().add(round(c.xMm()[p])).add(round(c.yMm()[p]));
            }
        }
        return o;
    }

    private static double round(double mm) {
        return Math.round(mm * 1000) / 1000.0;
    }
}
