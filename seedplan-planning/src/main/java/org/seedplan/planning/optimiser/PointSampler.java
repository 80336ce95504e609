package org.seedplan.planning.optimiser;

import java.util.ArrayList;
import java.util.List;
import org.seedplan.geometry.Vec3;
import org.seedplan.planning.MaskLookup;
import org.seedplan.planning.PlanningGeometry;

/**
 * Places dose sample points on regular lattices: inside each target, in the normal-tissue shell
 * around the targets, and in each organ at risk near the targets. The lattice pitch of a region is
 * chosen so that it holds about a set number of points (the optimiser's cost grows with them);
 * every point then stands for the same volume, so fractions of points are fractions of volume.
 */
public final class PointSampler {

    /** Points aimed for in all targets together. */
    public static final int TARGET_POINTS = 2500;
    /** Points aimed for in the shell. */
    public static final int SHELL_POINTS = 1200;
    /** Points aimed for in each organ near the targets. */
    public static final int ORGAN_POINTS = 600;
    /** Organs are sampled only this far from the targets' bounding box, mm: beyond, one seed gives < 1 % of its 1 cm dose. */
    public static final double ORGAN_REACH_MM = 50;

    private final List<float[]> coords = new ArrayList<>();
    private final List<SampleGroup> groups = new ArrayList<>();
    private int count;

    /** Samples the targets, shell and organs of a planning geometry. */
    public static SamplePoints sample(PlanningGeometry g) {
        PointSampler s = new PointSampler();
        double minRx = Double.POSITIVE_INFINITY;
        double totalTargetMm3 = 0;
        for (PlanningGeometry.Target t : g.targets()) {
            totalTargetMm3 += t.mask().mask().volumeCc() * 1000;
        }
        for (int k = 0; k < g.targets().size(); k++) {
            PlanningGeometry.Target t = g.targets().get(k);
            double volumeMm3 = t.mask().mask().volumeCc() * 1000;
            int want = (int) Math.max(400, TARGET_POINTS * volumeMm3 / totalTargetMm3);
            s.addRegion(SampleGroup.Kind.TARGET, t.goal().structure(), k, t.goal().prescriptionGy(), t.mask(), null,
                    t.mask().minMm(), t.mask().maxMm(), volumeMm3, want);
            minRx = Math.min(minRx, t.goal().prescriptionGy());
        }
        Vec3 lo = g.shell().minMm();
        Vec3 hi = g.shell().maxMm();
        double shellMm3 = g.shell().mask().volumeCc() * 1000 - totalTargetMm3;
        s.addRegion(SampleGroup.Kind.SHELL, "shell", -1, minRx, g.shell(), g, lo, hi, Math.max(shellMm3, 1), SHELL_POINTS);
        for (int m = 0; m < g.organs().size(); m++) {
            PlanningGeometry.Organ o = g.organs().get(m);
            Vec3 olo = max(o.mask().minMm(), lo.minus(new Vec3(ORGAN_REACH_MM, ORGAN_REACH_MM, ORGAN_REACH_MM)));
            Vec3 ohi = min(o.mask().maxMm(), hi.plus(new Vec3(ORGAN_REACH_MM, ORGAN_REACH_MM, ORGAN_REACH_MM)));
            if (olo.x() > ohi.x() || olo.y() > ohi.y() || olo.z() > ohi.z()) {
                continue;
            }
            double inBoxMm3 = volumeInBox(o.mask(), olo, ohi);
            if (inBoxMm3 <= 0) {
                continue;
            }
            s.addRegion(SampleGroup.Kind.ORGAN, o.limit().structure(), m, o.limit().doseGy(), o.mask(), null, olo, ohi,
                    inBoxMm3, ORGAN_POINTS);
        }
        float[] x = new float[s.count];
        float[] y = new float[s.count];
        float[] z = new float[s.count];
        int n = 0;
        for (float[] c : s.coords) {
            x[n] = c[0];
            y[n] = c[1];
            z[n] = c[2];
            n++;
        }
        return new SamplePoints(x, y, z, s.groups);
    }

    /**
     * Adds the lattice points of a box that lie inside {@code region} (and, when {@code excludeTargets}
     * is given, outside its targets), with the pitch that puts about {@code want} points in a region
     * of {@code volumeMm3}; halves the pitch while fewer than a quarter of {@code want} land inside.
     */
    private void addRegion(SampleGroup.Kind kind, String name, int index, double refGy, MaskLookup region,
                           PlanningGeometry excludeTargets, Vec3 lo, Vec3 hi, double volumeMm3, int want) {
        double pitch = Math.max(0.5, Math.cbrt(volumeMm3 / want));
        for (int attempt = 0; attempt < 4; attempt++) {
            List<float[]> pts = new ArrayList<>();
            for (double z = lo.z() + pitch / 2; z <= hi.z() + pitch / 2; z += pitch) {
                for (double y = lo.y() + pitch / 2; y <= hi.y() + pitch / 2; y += pitch) {
                    for (double x = lo.x() + pitch / 2; x <= hi.x() + pitch / 2; x += pitch) {
                        if (region.fractionAt(x, y, z) < 0.5) {
                            continue;
                        }
                        if (excludeTargets != null && inAnyTarget(excludeTargets, x, y, z)) {
                            continue;
                        }
                        pts.add(new float[] {(float) x, (float) y, (float) z});
                    }
                }
            }
            if (pts.size() >= want / 4 || pitch <= 0.5) {
                groups.add(new SampleGroup(kind, name, index, refGy, count, count + pts.size(), pitch * pitch * pitch / 1000));
                coords.addAll(pts);
                count += pts.size();
                return;
            }
            pitch /= 2;
        }
        throw new IllegalStateException("could not sample region '" + name + "'");
    }

    private static boolean inAnyTarget(PlanningGeometry g, double x, double y, double z) {
        for (PlanningGeometry.Target t : g.targets()) {
            if (t.mask().fractionAt(x, y, z) >= 0.5) {
                return true;
            }
        }
        return false;
    }

    private static double volumeInBox(MaskLookup m, Vec3 lo, Vec3 hi) {
        double pitch = 2;
        double n = 0;
        for (double z = lo.z(); z <= hi.z(); z += pitch) {
            for (double y = lo.y(); y <= hi.y(); y += pitch) {
                for (double x = lo.x(); x <= hi.x(); x += pitch) {
                    n += m.fractionAt(x, y, z);
                }
            }
        }
        return n * pitch * pitch * pitch;
    }

    private static Vec3 max(Vec3 a, Vec3 b) {
        return new Vec3(Math.max(a.x(), b.x()), Math.max(a.y(), b.y()), Math.max(a.z(), b.z()));
    }

    private static Vec3 min(Vec3 a, Vec3 b) {
        return new Vec3(Math.min(a.x(), b.x()), Math.min(a.y(), b.y()), Math.min(a.z(), b.z()));
    }
}
