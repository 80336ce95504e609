package org.seedplan.planning.needle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.seedplan.geometry.SegmentDistance;
import org.seedplan.geometry.Vec3;
import org.seedplan.planning.PlanningGeometry;
import org.seedplan.planning.intent.Approach;
import org.seedplan.planning.intent.PlanIntent;

/**
 * Non-coplanar needles for free-hand insertion or a 3D-printed template: aim points on a hexagonal
 * lattice (pitch = the minimum needle spacing) in the plane through the target centre
 * perpendicular to the main direction (entry centre → target centre). Each aim point gets the
 * straightest free path: first the needle parallel to the main direction, then needles from entry
 * points spread over the skin entry region, tilted at most {@code maxAngleDeg}, so that paths bend
 * around organs at risk and bone. A path is kept only if, inside the target, it stays at least the
 * minimum spacing from every needle already kept.
 */
public final class FreeHandLayout implements NeedleLayout {

    /** Entry points tried on each ring of the entry region. */
    private static final int ENTRY_ANGLES = 12;
    /** Fractions of the entry radius at which entry rings are tried. */
    private static final double[] ENTRY_RINGS = {0.0, 0.35, 0.7, 1.0};

    @Override
    public Result layout(PlanningGeometry geometry, PlanIntent intent) {
        Approach.FreeHand f = (Approach.FreeHand) intent.approach();
        Vec3 centre = geometry.targetCentroidMm();
        Vec3 m = centre.minus(f.entryCentreMm()).normalized();
        Vec3[] uv = CoplanarTemplateLayout.templateAxes(m);
        Vec3 u = uv[0];
        Vec3 v = uv[1];
        double s = f.minSpacingMm();

        Vec3 lo = geometry.candidateRegion().minMm();
        Vec3 hi = geometry.candidateRegion().maxMm();
        double reach = 0;
        for (int c = 0; c < 8; c++) {
            Vec3 corner = new Vec3((c & 1) == 0 ? lo.x() : hi.x(), (c & 2) == 0 ? lo.y() : hi.y(), (c & 4) == 0 ? lo.z() : hi.z());
            Vec3 rel = corner.minus(centre);
            reach = Math.max(reach, Math.hypot(rel.dot(u), rel.dot(v)));
        }
        List<Vec3> aims = new ArrayList<>();
        double rowPitch = s * Math.sqrt(3) / 2;
        int rows = (int) Math.ceil(reach / rowPitch) + 1;
        int cols = (int) Math.ceil(reach / s) + 1;
        for (int b = -rows; b <= rows; b++) {
            double shift = (b & 1) == 0 ? 0 : s / 2;
            for (int a = -cols; a <= cols; a++) {
                double x = a * s + shift;
                double y = b * rowPitch;
                if (Math.hypot(x, y) <= reach + s) {
                    aims.add(centre.plus(u.times(x)).plus(v.times(y)));
                }
            }
        }
        aims.sort(Comparator.comparingDouble(p -> p.distanceTo(centre)));

        List<Needle> fixed = NeedleLayout.fixedNeedles(geometry, intent);
        List<Needle> needles = new ArrayList<>(fixed);
        List<Vec3[]> inside = new ArrayList<>();
        for (Needle n : fixed) {
            inside.add(insidePart(geometry, n));
        }
        Map<String, Integer> refused = new HashMap<>();
        for (Vec3 aim : aims) {
            Map<String, Integer> why = new HashMap<>();
            Needle chosen = null;
            Vec3[] chosenInside = null;
            for (Vec3 entry : entries(geometry, f, aim, m, u, v)) {
                Vec3 dir = aim.minus(entry).normalized();
                if (Math.toDegrees(Math.acos(Math.min(1, dir.dot(m)))) > f.maxAngleDeg() + 1e-9) {
                    why.merge("would tilt more than max_angle_deg", 1, Integer::sum);
                    continue;
                }
                Needle n = RayTrace.trace(geometry, entry, dir, f.maxLengthMm(), null, why);
                if (n == null) {
                    continue;
                }
                Vec3[] part = insidePart(geometry, n);
                if (!spaced(part, inside, s)) {
                    why.merge("closer than min_spacing_mm to another needle", 1, Integer::sum);
                    continue;
                }
                chosen = n;
                chosenInside = part;
                break;
            }
            if (chosen != null) {
                needles.add(chosen);
                inside.add(chosenInside);
            } else {
                why.entrySet().stream().max(Map.Entry.comparingByValue())
                        .ifPresent(e -> refused.merge(e.getKey(), 1, Integer::sum));
            }
        }
        return new Result(needles, refused);
    }

    /** Entry points to try for one aim point, straightest first: the parallel one, then rings over the entry region. */
    private static List<Vec3> entries(PlanningGeometry geometry, Approach.FreeHand f, Vec3 aim, Vec3 m, Vec3 u, Vec3 v) {
        Vec3 e0 = f.entryCentreMm();
        List<Vec3> out = new ArrayList<>();
        Vec3 offset = aim.minus(e0);
        Vec3 inPlane = offset.minus(m.times(offset.dot(m)));
        if (inPlane.norm() <= f.entryRadiusMm() + 1e-9) {
            out.add(e0.plus(inPlane));
        }
        for (double ring : ENTRY_RINGS) {
            int count = ring == 0 ? 1 : ENTRY_ANGLES;
            for (int a = 0; a < count; a++) {
                double phi = 2 * Math.PI * a / count;
                double r = ring * f.entryRadiusMm();
                out.add(e0.plus(u.times(r * Math.cos(phi))).plus(v.times(r * Math.sin(phi))));
            }
        }
        List<Vec3> onSkin = new ArrayList<>();
        for (Vec3 e : out) {
            onSkin.add(skinPoint(geometry, e, aim.minus(e).normalized()));
        }
        onSkin.sort(Comparator.comparingDouble(e -> -aim.minus(e).normalized().dot(m)));
        return onSkin;
    }

    /** Where the line through {@code e} along {@code dir} enters the body (e itself without a CT). */
    static Vec3 skinPoint(PlanningGeometry geometry, Vec3 e, Vec3 dir) {
        if (geometry.ct() == null) {
            return e;
        }
        double step = 1.0;
        if (geometry.inBody(e)) {
            for (double t = step; t < 150; t += step) {
                if (!geometry.inBody(e.minus(dir.times(t)))) {
                    return e.minus(dir.times(t - step));
                }
            }
            return e;
        }
        for (double t = step; t < 150; t += step) {
            if (geometry.inBody(e.plus(dir.times(t)))) {
                return e.plus(dir.times(t));
            }
        }
        return e;
    }

    /** The part of a needle inside the seed region: from where it first enters to the tip. */
    static Vec3[] insidePart(PlanningGeometry geometry, Needle n) {
        double step = geometry.pathStepMm();
        double depth = n.depthMm();
        for (double t = 0; t < depth; t += step) {
            Vec3 p = n.entryMm().plus(n.direction().times(t));
            if (geometry.seedAllowed(p)) {
                return new Vec3[] {p, n.tipMm()};
            }
        }
        return new Vec3[] {n.tipMm(), n.tipMm()};
    }

    private static boolean spaced(Vec3[] part, List<Vec3[]> others, double minMm) {
        for (Vec3[] o : others) {
            if (SegmentDistance.between(part[0], part[1], o[0], o[1]) < minMm - 0.5) {
                return false;
            }
        }
        return true;
    }
}
