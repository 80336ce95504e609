package org.seedplan.planning.template;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.SegmentDistance;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/**
 * Designs a 3D-printed non-coplanar template from the planning CT and the planned needles: a shell
 * following the skin at a clearance over the entry points grown by a margin, a sleeve and a guide
 * channel along every needle, the needle numbers embossed beside the channels, three registration
 * holes, two ridges in patient coordinate planes for the room lasers and an arrow towards the head.
 *
 * <p>The solid is one signed distance field sampled on a regular grid, (shell ∪ sleeves ∪ marks)
 * minus (channels ∪ holes) as max/min of the parts' distances, meshed by {@link MarchingTetrahedra}:
 * closed and manifold by construction. Needles crossing bone before their tip are refused, channels
 * closer than {@value TemplateOptions#MIN_WALL_BETWEEN_CHANNELS_MM} mm of plastic too; channels
 * meeting the skin flatter than the options allow are reported.
 */
public final class TemplateDesigner {

    private static final double MAX_VOXELS = 30e6;
    private static final double BONE_RUN_MM = 1.0;
    private static final double RIM_BAND_MM = 7;
    private static final double RIDGE_WIDTH_MM = 1.0;
    private static final double EMBOSS_DEPTH_MM = 0.4;
    private static final double HUB_SPACE_MM = 20;

    private TemplateDesigner() {
    }

    /** Builds the template with the skin from the CT; refuses (IllegalArgumentException naming the needle) what cannot be built safely. */
    public static TemplateDesign design(Volume ct, List<TemplateNeedle> needles, TemplateOptions o) {
        return design(ct, ct, needles, o);
    }

    /**
     * Builds the template with the skin where {@code skinCt} reaches the options' skin threshold (the CT
     * itself, or a body contour as {@link BodyContourSkin} gives it) and bone from {@code ct}.
     */
    public static TemplateDesign design(Volume ct, Volume skinCt, List<TemplateNeedle> needles, TemplateOptions o) {
        long t0 = System.nanoTime();
        if (needles.isEmpty()) {
            throw new IllegalArgumentException("the plan has no needles: a template needs at least one");
        }
        Set<String> names = new HashSet<>();
        for (TemplateNeedle n : needles) {
            if (!names.add(n.name())) {
                throw new IllegalArgumentException("two needles are both called '" + n.name() + "': every needle needs its own name");
            }
        }
        HuSampler hu = new HuSampler(ct);
        HuSampler skinHu = new HuSampler(skinCt);
        List<Vec3> entries = new ArrayList<>();
        for (TemplateNeedle n : needles) {
            Vec3 e = skinEntry(skinHu, n, o.skinHu());
            checkBone(hu, n, e, o.boneHu());
            entries.add(e);
        }
        Vec3 axis = Vec3.ZERO;
        Vec3 centre = Vec3.ZERO;
        for (int i = 0; i < needles.size(); i++) {
            axis = axis.plus(needles.get(i).direction());
            centre = centre.plus(entries.get(i).times(1.0 / needles.size()));
        }
        if (axis.norm() < 0.3 * needles.size()) {
            throw new IllegalArgumentException("the needles point in too many directions (their mean direction is " + fmt(axis.normalized())
                    + "): one template cannot guide them all; make one template per group of needles from the same side");
        }
        Frame f = Frame.of(axis.normalized(), centre);
        List<double[]> pts = new ArrayList<>();
        for (Vec3 e : entries) {
            pts.add(f.uv(e));
        }
        RegionOutline region = new RegionOutline(pts, o.regionMarginMm());
        List<Vec3> skin = skinOverRegion(skinHu, o, f, region);

        double ro = o.sleeveRadiusMm();
        double h = o.voxelMm();
        double topReach = 3 * (o.clearanceMm() + o.thicknessMm()) + o.sleeveLengthMm() + 2;
        Vec3 lo = new Vec3(Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE);
        Vec3 hi = lo.times(-1);
        for (Vec3 p : skin) {
            lo = min(lo, p);
            hi = max(hi, p);
        }
        for (int i = 0; i < needles.size(); i++) {
            Vec3 top = entries.get(i).minus(needles.get(i).direction().times(topReach));
            Vec3 r = new Vec3(ro + 2, ro + 2, ro + 2);
            lo = min(lo, min(top.minus(r), entries.get(i).minus(r)));
            hi = max(hi, max(top.plus(r), entries.get(i).plus(r)));
        }
        double pad = o.clearanceMm() + o.thicknessMm() + TemplateOptions.EMBOSS_MM + 3 * h + 1;
        Vec3 padV = new Vec3(pad, pad, pad);
        lo = lo.minus(padV);
        hi = hi.plus(padV);
        Vec3 size = hi.minus(lo);
        double voxels = (size.x() / h + 1) * (size.y() / h + 1) * (size.z() / h + 1);
        if (voxels > MAX_VOXELS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the template spans %.0f × %.0f × %.0f mm: %.0f million voxels of"
                    + " %.2f mm are too many; give a larger --voxel-mm or a smaller --region-margin-mm", size.x(), size.y(), size.z(),
                    voxels / 1e6, h));
        }
        Grid grid = Grid.covering(lo, hi, h, h, h);
        float[] d = SkinDistance.compute(skinCt, o.skinHu(), grid, centre, f.axis().times(-1));

        List<String> warnings = new ArrayList<>();
        List<Channel> channels = new ArrayList<>();
        for (int i = 0; i < needles.size(); i++) {
            channels.add(Channel.of(needles.get(i), entries.get(i), grid, d, o, topReach - 1, warnings));
        }
        checkChannelSpacing(channels, o);

        List<Vec3> holes = registrationHoles(channels, f, region, grid, d, o, skin);
        Vec3 arrowAt = f.point(region.pointInside(Math.toRadians(75), 5.5));
        List<Plane> planes = laserPlanes(f.axis(), centre);
        List<Label> labels = labels(channels, f, region, o);

        float[] field = field(grid, d, o, f, region, channels, holes, planes, labels, arrowAt);
        TriangleMesh raw = MarchingTetrahedra.extract(grid, field);
        TriangleMesh mesh = raw.largestPart();
        if (mesh.triangleCount() < raw.triangleCount()) {
            warnings.add(String.format(Locale.ROOT, "left out %d triangles in %d loose pieces apart from the template (skin folds or"
                    + " noise at the region's edge)", raw.triangleCount() - mesh.triangleCount(), raw.partCount() - 1));
        }
        List<String> problems = mesh.topologyProblems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("template mesh is not a closed manifold: " + problems);
        }
        List<TemplateChannel> out = channels.stream().map(Channel::result).toList();
        List<String> laser = planes.stream().map(Plane::text).toList();
        return new TemplateDesign(mesh, out, holes, f.axis(), laser, arrowAt, warnings, h, (System.nanoTime() - t0) / 1e9);
    }

    /** Where the needle's path, followed from outside the CT towards the tip, first meets the skin. */
    private static Vec3 skinEntry(HuSampler hu, TemplateNeedle n, double skinHu) {
        Vec3 dir = n.direction();
        if (!hu.inside(n.tipMm())) {
            throw new IllegalArgumentException(n.name() + ": its tip " + fmt(n.tipMm()) + " mm lies outside the CT: give the CT the plan"
                    + " was made on");
        }
        double step = 0.5;
        double s = 0;
        while (hu.inside(n.tipMm().minus(dir.times(s + step)))) {
            s += step;
        }
        Vec3 start = n.tipMm().minus(dir.times(s));
        if (hu.hu(start) >= skinHu) {
            throw new IllegalArgumentException(n.name() + ": the CT ends at " + fmt(start) + " mm before the needle's path leaves the"
                    + " body: give a CT that covers the skin where the needle enters");
        }
        double fine = 0.1;
        for (double t = 0; t <= s; t += fine) {
            Vec3 p = start.plus(dir.times(t));
            if (hu.hu(p) >= skinHu) {
                double a = Math.max(0, t - fine);
                double b = t;
                for (int it = 0; it < 30; it++) {
                    double m = (a + b) / 2;
                    if (hu.hu(start.plus(dir.times(m))) >= skinHu) {
                        b = m;
                    } else {
                        a = m;
                    }
                }
                return start.plus(dir.times(b));
            }
        }
        throw new IllegalArgumentException(n.name() + ": its path never enters the body (no CT value of " + skinHu + " HU or more"
                + " before its tip " + fmt(n.tipMm()) + " mm): check that the plan belongs to this CT");
    }

    /** Refuses a needle whose path from the skin to its tip crosses at least {@value #BONE_RUN_MM} mm of bone. */
    private static void checkBone(HuSampler hu, TemplateNeedle n, Vec3 entry, double boneHu) {
        double step = 0.25;
        double length = entry.distanceTo(n.tipMm());
        double run = 0;
        for (double t = 0; t <= length; t += step) {
            Vec3 p = entry.plus(n.direction().times(t));
            double v = hu.hu(p);
            run = v >= boneHu ? run + step : 0;
            if (run >= BONE_RUN_MM) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%s passes through bone (CT ≥ %.0f HU) %.1f mm below the"
                        + " skin, at %s mm, before its tip: re-plan this needle; a template must not guide it there", n.name(), boneHu,
                        t - run + step, fmt(entry.plus(n.direction().times(t - run + step)))));
            }
        }
    }

    /** Skin points under the region, seen along the template's axis; refuses a region the CT does not cover. */
    private static List<Vec3> skinOverRegion(HuSampler hu, TemplateOptions o, Frame f, RegionOutline region) {
        double step = 1.5;
        double umin = Double.MAX_VALUE;
        double umax = -Double.MAX_VALUE;
        double vmin = Double.MAX_VALUE;
        double vmax = -Double.MAX_VALUE;
        for (int a = 0; a < 360; a += 5) {
            double[] p = region.pointInside(Math.toRadians(a), 0);
            umin = Math.min(umin, p[0]);
            umax = Math.max(umax, p[0]);
            vmin = Math.min(vmin, p[1]);
            vmax = Math.max(vmax, p[1]);
        }
        List<Vec3> out = new ArrayList<>();
        for (double u = umin - step; u <= umax + step; u += step) {
            for (double v = vmin - step; v <= vmax + step; v += step) {
                if (region.signedDistance(u, v) > step) {
                    continue;
                }
                Vec3 base = f.point(new double[] {u, v});
                Vec3 s = skinAlong(hu, base, f.axis(), o.skinHu());
                if (s == null) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "the template region (the entries grown by %.0f mm)"
                            + " reaches beyond the CT's skin near %s mm: give a smaller --region-margin-mm or a CT that covers it",
                            o.regionMarginMm(), fmt(base)));
                }
                out.add(s);
            }
        }
        return out;
    }

    /** The first skin point on the line through {@code base} along {@code axis}, coming from outside; null when the CT does not show one. */
    private static Vec3 skinAlong(HuSampler hu, Vec3 base, Vec3 axis, double skinHu) {
        double step = 0.5;
        boolean entered = false;
        for (double s = -500; s <= 500; s += step) {
            Vec3 p = base.plus(axis.times(s));
            if (!hu.inside(p)) {
                if (entered) {
                    return null;
                }
                continue;
            }
            double v = hu.hu(p);
            if (!entered && v >= skinHu) {
                return null;
            }
            entered = true;
            if (v >= skinHu) {
                return p;
            }
        }
        return null;
    }

    private static void checkChannelSpacing(List<Channel> channels, TemplateOptions o) {
        double need = 2 * o.channelRadiusMm() + TemplateOptions.MIN_WALL_BETWEEN_CHANNELS_MM;
        for (int i = 0; i < channels.size(); i++) {
            for (int j = i + 1; j < channels.size(); j++) {
                Channel a = channels.get(i);
                Channel b = channels.get(j);
                double dist = SegmentDistance.between(a.bottom, a.hub, b.bottom, b.hub);
                if (dist < need) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "the channels of %s and %s come within %.1f mm of each"
                            + " other in the template (axis to axis; %.1f mm are needed for %.1f mm of plastic between them): re-plan one"
                            + " of them", a.needle.name(), b.needle.name(), dist, need, TemplateOptions.MIN_WALL_BETWEEN_CHANNELS_MM));
                }
            }
        }
    }

    /** Three holes through the shell in the rim, at angles that are not symmetric, clear of every sleeve. */
    private static List<Vec3> registrationHoles(List<Channel> channels, Frame f, RegionOutline region, Grid grid, float[] d,
                                                TemplateOptions o, List<Vec3> skin) {
        double r = TemplateOptions.REGISTRATION_HOLE_DIAMETER_MM / 2;
        List<Vec3> out = new ArrayList<>();
        for (int base : new int[] {35, 155, 260}) {
            Vec3 chosen = null;
            for (int step = 0; step < 36 && chosen == null; step++) {
                double[] uv = region.pointInside(Math.toRadians(base + 7 * step), RIM_BAND_MM / 2);
                Vec3 mid = midShell(f.point(uv), f.axis(), grid, d, o);
                if (mid == null) {
                    continue;
                }
                boolean clear = true;
                for (Channel c : channels) {
                    double dist = SegmentDistance.between(mid.minus(f.axis().times(20)), mid.plus(f.axis().times(20)), c.bottom, c.hub);
                    clear &= dist >= r + o.sleeveRadiusMm() + 1;
                }
                for (Vec3 other : out) {
                    clear &= other.distanceTo(mid) > 10;
                }
                if (clear) {
                    chosen = mid;
                }
            }
            if (chosen != null) {
                out.add(chosen);
            }
        }
        return out;
    }

    /** The point of the line through {@code base} along {@code axis} half-way through the shell, coming from outside. */
    private static Vec3 midShell(Vec3 base, Vec3 axis, Grid grid, float[] d, TemplateOptions o) {
        double target = o.clearanceMm() + o.thicknessMm() / 2;
        double step = o.voxelMm() / 4;
        boolean outside = false;
        for (double s = -300; s <= 300; s += step) {
            Vec3 p = base.plus(axis.times(s));
            if (!grid.contains(p)) {
                continue;
            }
            double v = SkinDistance.sample(grid, d, p);
            if (v > target) {
                outside = true;
            } else if (outside) {
                return p;
            }
        }
        return null;
    }

    /** The two patient coordinate planes (x, y or z = const) most nearly containing the template axis, through its centre. */
    private static List<Plane> laserPlanes(Vec3 axis, Vec3 centre) {
        Vec3[] normals = {new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1)};
        String[] names = {"x", "y", "z"};
        Integer[] order = {0, 1, 2};
        java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(i -> Math.abs(axis.dot(normals[i]))));
        List<Plane> out = new ArrayList<>();
        for (int m = 0; m < 2; m++) {
            int i = order[m];
            double at = Math.round(centre.dot(normals[i]) * 2) / 2.0;
            out.add(new Plane(names[i], normals[i], at));
        }
        return out;
    }

    private static List<Label> labels(List<Channel> channels, Frame f, RegionOutline region, TemplateOptions o) {
        List<Label> out = new ArrayList<>();
        for (Channel c : channels) {
            String text = Integer.toString(c.needle.label());
            double halfW = Glyphs.textWidthMm(text) / 2;
            double halfH = Glyphs.DIGIT_HEIGHT_MM / 2;
            double[] at = f.uv(c.exit);
            double best = -Double.MAX_VALUE;
            double[] chosen = null;
            for (int k = 0; k < 8; k++) {
                double ang = Math.toRadians(-90 + 45 * k);
                double ext = Math.abs(Math.cos(ang)) * halfW + Math.abs(Math.sin(ang)) * halfH;
                double reach = o.sleeveRadiusMm() + 0.8 + ext;
                double[] p = {at[0] + reach * Math.cos(ang), at[1] + reach * Math.sin(ang)};
                double score = -region.signedDistance(p[0], p[1]) - Math.hypot(halfW, halfH);
                for (Channel other : channels) {
                    if (other != c) {
                        double[] q = f.uv(other.exit);
                        score = Math.min(score, Math.hypot(p[0] - q[0], p[1] - q[1]) - o.sleeveRadiusMm() - Math.hypot(halfW, halfH));
                    }
                }
                for (Label l : out) {
                    score = Math.min(score, Math.hypot(p[0] - l.u, p[1] - l.v) - 2 * Math.hypot(halfW, halfH));
                }
                if (score > best + 1e-9) {
                    best = score;
                    chosen = p;
                }
            }
            out.add(new Label(text, chosen[0], chosen[1], halfW + 0.5, halfH + 0.5));
        }
        return out;
    }

    /** The signed distance field of the whole template on the grid (negative inside the plastic). */
    private static float[] field(Grid grid, float[] d, TemplateOptions o, Frame f, RegionOutline region, List<Channel> channels,
                                 List<Vec3> holes, List<Plane> planes, List<Label> labels, Vec3 arrowAt) {
        double h = grid.dxMm();
        double near = 3 * h;
        double c = o.clearanceMm();
        double t = o.thicknessMm();
        double rc = o.channelRadiusMm();
        double ro = o.sleeveRadiusMm();
        double rHole = TemplateOptions.REGISTRATION_HOLE_DIAMETER_MM / 2;
        double[] arrowUv = f.uv(arrowAt);
        int nc = channels.size();
        double[] cs = new double[3 * nc];
        double[] cd = new double[3 * nc];
        double[] top = new double[nc];
        for (int m = 0; m < nc; m++) {
            Channel ch = channels.get(m);
            cs[3 * m] = ch.skin.x();
            cs[3 * m + 1] = ch.skin.y();
            cs[3 * m + 2] = ch.skin.z();
            cd[3 * m] = ch.dir.x();
            cd[3 * m + 1] = ch.dir.y();
            cd[3 * m + 2] = ch.dir.z();
            top[m] = ch.uTop;
        }
        double[] ax = {f.axis().x(), f.axis().y(), f.axis().z()};
        double[] e1 = {f.e1().x(), f.e1().y(), f.e1().z()};
        double[] e2 = {f.e2().x(), f.e2().y(), f.e2().z()};
        double[] org = {f.origin().x(), f.origin().y(), f.origin().z()};
        float[] out = new float[grid.voxelCount()];
        IntStream.range(0, grid.nz()).parallel().forEach(k -> {
            double[] rho = new double[nc];
            double[] along = new double[nc];
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++) {
                    int idx = grid.index(i, j, k);
                    if (i == 0 || j == 0 || k == 0 || i == grid.nx() - 1 || j == grid.ny() - 1 || k == grid.nz() - 1) {
                        out[idx] = (float) h;
                        continue;
                    }
                    double px = grid.x(i);
                    double py = grid.y(j);
                    double pz = grid.z(k);
                    double dd = d[idx];
                    double ox = px - org[0];
                    double oy = py - org[1];
                    double oz = pz - org[2];
                    double u = ox * e1[0] + oy * e1[1] + oz * e1[2];
                    double w = ox * e2[0] + oy * e2[1] + oz * e2[2];
                    double rs = region.signedDistance(u, w);
                    double v = Math.max(Math.max(c - dd, dd - (c + t)), rs);
                    double emboss = Math.max(c + t - EMBOSS_DEPTH_MM - dd, dd - (c + t + TemplateOptions.EMBOSS_MM));
                    if (emboss < near) {
                        double marks = Double.MAX_VALUE;
                        for (Label l : labels) {
                            if (Math.abs(u - l.u) < l.halfW + near && Math.abs(w - l.v) < l.halfH + near) {
                                marks = Math.min(marks, Glyphs.text(l.text, u - l.u, w - l.v));
                            }
                        }
                        for (Plane pl : planes) {
                            double off = px * pl.normal.x() + py * pl.normal.y() + pz * pl.normal.z() - pl.at;
                            marks = Math.min(marks, Math.max(Math.abs(off) - RIDGE_WIDTH_MM / 2, -rs - RIM_BAND_MM));
                        }
                        marks = Math.min(marks, Glyphs.arrow(u - arrowUv[0], w - arrowUv[1]));
                        v = Math.min(v, Math.max(Math.max(marks, emboss), rs));
                    }
                    for (int m = 0; m < nc; m++) {
                        double wx = px - cs[3 * m];
                        double wy = py - cs[3 * m + 1];
                        double wz = pz - cs[3 * m + 2];
                        double a = -(wx * cd[3 * m] + wy * cd[3 * m + 1] + wz * cd[3 * m + 2]);
                        double rx = wx + cd[3 * m] * a;
                        double ry = wy + cd[3 * m + 1] * a;
                        double rz = wz + cd[3 * m + 2] * a;
                        along[m] = a;
                        rho[m] = Math.sqrt(rx * rx + ry * ry + rz * rz);
                        if (rho[m] < ro + near) {
                            v = Math.min(v, Math.max(Math.max(rho[m] - ro, a - top[m]), Math.max(c - dd, -a - 5)));
                        }
                    }
                    for (int m = 0; m < nc; m++) {
                        if (rho[m] < rc + near) {
                            v = Math.max(v, -Math.max(rho[m] - rc, -along[m] - 30));
                        }
                    }
                    for (Vec3 hole : holes) {
                        double wx = px - hole.x();
                        double wy = py - hole.y();
                        double wz = pz - hole.z();
                        double a = wx * ax[0] + wy * ax[1] + wz * ax[2];
                        double r2 = (wx - a * ax[0]) * (wx - a * ax[0]) + (wy - a * ax[1]) * (wy - a * ax[1]) + (wz - a * ax[2]) * (wz - a * ax[2]);
                        if (r2 < (rHole + near) * (rHole + near)) {
                            v = Math.max(v, rHole - Math.sqrt(r2));
                        }
                    }
                    out[idx] = (float) v;
                }
            }
        });
        return out;
    }

    private static Vec3 min(Vec3 a, Vec3 b) {
        return new Vec3(Math.min(a.x(), b.x()), Math.min(a.y(), b.y()), Math.min(a.z(), b.z()));
    }

    private static Vec3 max(Vec3 a, Vec3 b) {
        return new Vec3(Math.max(a.x(), b.x()), Math.max(a.y(), b.y()), Math.max(a.z(), b.z()));
    }

    static String fmt(Vec3 p) {
        return String.format(Locale.ROOT, "(%.1f, %.1f, %.1f)", p.x(), p.y(), p.z());
    }

    /** The template's own frame: axis (into the patient), u to the right and v towards the head as seen from outside. */
    private record Frame(Vec3 axis, Vec3 e1, Vec3 e2, Vec3 origin) {

        static Frame of(Vec3 axis, Vec3 origin) {
            Vec3 up = Vec3.UNIT_Z.minus(axis.times(axis.z()));
            if (up.norm() < 0.3) {
                Vec3 anterior = new Vec3(0, -1, 0);
                up = anterior.minus(axis.times(axis.dot(anterior)));
            }
            Vec3 e2 = up.normalized();
            return new Frame(axis, axis.cross(e2).normalized(), e2, origin);
        }

        double[] uv(Vec3 p) {
            Vec3 w = p.minus(origin);
            return new double[] {w.dot(e1), w.dot(e2)};
        }

        Vec3 point(double[] uv) {
            return origin.plus(e1.times(uv[0])).plus(e2.times(uv[1]));
        }
    }

    private record Plane(String name, Vec3 normal, double at) {
        String text() {
            return String.format(Locale.ROOT, "%s = %.1f", name, at);
        }
    }

    private record Label(String text, double u, double v, double halfW, double halfH) {
    }

    /** A channel's geometry while the template is built. */
    private static final class Channel {
        TemplateNeedle needle;
        Vec3 dir;
        Vec3 skin;
        Vec3 bottom;
        Vec3 exit;
        Vec3 top;
        Vec3 hub;
        double uTop;
        double skinAngleDeg;

        static Channel of(TemplateNeedle n, Vec3 skin, Grid grid, float[] d, TemplateOptions o, double maxTop,
                          List<String> warnings) {
            Channel ch = new Channel();
            ch.needle = n;
            ch.dir = n.direction();
            ch.skin = skin;
            double step = o.voxelMm() / 8;
            double c = o.clearanceMm();
            double uIn = Double.NaN;
            double uOut = Double.NaN;
            for (double u = 0; u <= maxTop; u += step) {
                double v = SkinDistance.sample(grid, d, skin.minus(ch.dir.times(u)));
                if (Double.isNaN(uIn) && v >= c) {
                    uIn = u;
                }
                if (v >= c + o.thicknessMm()) {
                    uOut = u;
                    break;
                }
            }
            if (Double.isNaN(uIn)) {
                uIn = maxTop - o.sleeveLengthMm();
            }
            if (Double.isNaN(uOut) || uOut + o.sleeveLengthMm() > maxTop) {
                warnings.add(String.format(Locale.ROOT, "%s: its channel runs so flat along the skin that its sleeve is cut to %.0f mm above"
                        + " the skin", n.name(), maxTop));
                uOut = Double.isNaN(uOut) ? maxTop - o.sleeveLengthMm() : uOut;
            }
            ch.uTop = Math.min(uOut + o.sleeveLengthMm(), maxTop);
            ch.bottom = skin.minus(ch.dir.times(uIn));
            ch.exit = skin.minus(ch.dir.times(uOut));
            ch.top = skin.minus(ch.dir.times(ch.uTop));
            ch.hub = ch.top.minus(ch.dir.times(HUB_SPACE_MM));
            Vec3 normal = ch.dir.times(-1);
            for (int it = 0; it < 3; it++) {
                normal = gradient(grid, d, skin.plus(normal.times(c + o.thicknessMm())), 1.0);
            }
            double cos = normal.isFinite() ? Math.max(-1, Math.min(1, normal.normalized().dot(ch.dir.times(-1)))) : 1;
            ch.skinAngleDeg = 90 - Math.toDegrees(Math.acos(cos));
            if (ch.skinAngleDeg < o.minEntryAngleDeg()) {
                warnings.add(String.format(Locale.ROOT, "%s meets the skin at %.0f° (less than %.0f°): its channel may not guide it well;"
                        + " consider re-planning it steeper", n.name(), ch.skinAngleDeg, o.minEntryAngleDeg()));
            }
            return ch;
        }

        /**
         * The unit gradient of the skin distance at {@code q}, by central differences ± {@code g}: the
         * outward normal of its nearest skin point, smoothed over the shell's thickness so that the CT's
         * voxel-scale ripples of the skin do not tilt it.
         */
        private static Vec3 gradient(Grid grid, float[] d, Vec3 q, double g) {
            Vec3 n = new Vec3(
                    SkinDistance.sample(grid, d, q.plus(new Vec3(g, 0, 0))) - SkinDistance.sample(grid, d, q.minus(new Vec3(g, 0, 0))),
                    SkinDistance.sample(grid, d, q.plus(new Vec3(0, g, 0))) - SkinDistance.sample(grid, d, q.minus(new Vec3(0, g, 0))),
                    SkinDistance.sample(grid, d, q.plus(new Vec3(0, 0, g))) - SkinDistance.sample(grid, d, q.minus(new Vec3(0, 0, g))));
            return n.normalized();
        }

        TemplateChannel result() {
            double toSeed = needle.deepestSeedMm().minus(top).dot(dir);
            double toTip = needle.tipMm().minus(top).dot(dir);
            return new TemplateChannel(needle.name(), needle.label(), top, bottom, skin, needle.tipMm(), needle.deepestSeedMm(), toSeed,
                    toTip, skinAngleDeg);
        }
    }
}
