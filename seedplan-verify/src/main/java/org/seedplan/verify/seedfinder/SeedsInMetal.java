package org.seedplan.verify.seedfinder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.seedplan.geometry.ConnectedComponents;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;

/**
 * Seed-shaped metal inside or protruding from an object of other metal, read from the object's own symmetry. A screw, a rod
 * and a stent are bodies of revolution about their principal axis (a stent's rings of an even number of zig-zag struts turn into
 * themselves by half a turn), and so are their images where the scanner's point-spread function is the same in every in-plane
 * direction and the slices are parallel: mirrored within one slice, the object falls on itself. A seed beside it does not (a
 * seed lying in the mirror's own plane excepted). Mirrored within the slice (no interpolation across slices):
 * <ul>
 * <li>a screw or rod, by the reflection in the plane through its axis and the z axis, which keeps every point's distance from
 *     the axis and the point-spread function exactly, at any tilt;</li>
 * <li>a stent, by half a turn about its axis, taken in each slice as the point reflection about where the axis crosses it (exact
 *     for an axis along z, approximate for one tilted from it).</li>
 * </ul>
 * The mirror starts from the object's principal axis and is moved and turned a little to where the object matches its image best
 * (bone the object crosses and a seed beside it pull the principal axis). The object's voxels that rise above their mirror image
 * by a set height are its asymmetric part; each connected piece of it, widened by a voxel, is one {@link Excess}: its metal
 * content above its mirror image (or the local background, whichever is higher). The seed finder decides what a piece is
 * (docs/seed-finder.md, eighth round).
 */
final class SeedsInMetal {

    /** Least |z-component| of an axis that is along z for the reflection (any vertical plane through it is then a mirror). */
    private static final double ALONG_Z = 0.99;
    /**
     * Least |z-component| of a stent's axis for half a turn taken slice by slice (the point reflection about the axis's crossing
     * departs from the turn by the slice's share of the tilt); a flatter stent is mirrored through its axis like a rod.
     */
    private static final double STEEP = 0.7;

    private SeedsInMetal() {
    }

    /**
     * Metal of an object its symmetry does not explain: the asymmetric piece, its core (the piece's voxels rising the significant
     * height, which it grew from) and the widened piece's voxels on the full grid, the residual of each widened voxel (its content
     * above the mirror image or the local background), their sum, HU·mm³, the largest of them, HU, and the mirror.
     */
    record Excess(int[] piece, int[] core, int[] voxels, double[] residualHu, double contentHuMm3, double contentPeakHu, Mirror mirror) {

        /** Centre of the residual (weighted by it), mm. */
        Vec3 centreMm(Grid g) {
            double s = 0;
            double x = 0;
            double y = 0;
            double z = 0;
            for (int q = 0; q < voxels.length; q++) {
                Vec3 c = g.centre(voxels[q]);
                s += residualHu[q];
                x += residualHu[q] * c.x();
                y += residualHu[q] * c.y();
                z += residualHu[q] * c.z();
            }
            return s > 0 ? new Vec3(x / s, y / s, z / s) : g.centre(piece[0]);
        }

        /**
         * Centre of the residual of the piece's core (weighted by it), mm: of the voxels it was started from, those rising the
         * significant height above their mirror images, not of the voxels it grew through. Where a screw crosses a vertebra's
         * cortex obliquely the cortex stands on one side of the screw and not on the other and rises about 0.58 of the way from the
         * background to the metal level above its mirror image (about 1750 HU on a 12-bit scan): above the growing height of a
         * screw's pieces ({@value #GROWN_SHARE} of 0.7), under the significant height. A seed touching the screw's head where the
         * screw enters the bone grows into that cortex, and the cortex, spread over many voxels, holds most of the piece's residual
         * and draws its centre 2-3 mm off the seed (draw 2068; docs/seed-finder.md, thirtieth round); the core is the seed's.
         * {@link #centreMm} where the core holds no residual.
         */
        Vec3 coreCentreMm(Grid g) {
            java.util.Set<Integer> inCore = new java.util.HashSet<>();
            for (int v : core) {
                inCore.add(v);
            }
            double s = 0;
            double x = 0;
            double y = 0;
            double z = 0;
            for (int q = 0; q < voxels.length; q++) {
                if (inCore.contains(voxels[q])) {
                    Vec3 c = g.centre(voxels[q]);
                    s += residualHu[q];
                    x += residualHu[q] * c.x();
                    y += residualHu[q] * c.y();
                    z += residualHu[q] * c.z();
                }
            }
            return s > 0 ? new Vec3(x / s, y / s, z / s) : centreMm(g);
        }

        /**
         * One seed fitted to the residual image around the piece (the CT number above the mirror image or the background, on the
         * background), by the scan's learned seed image: its pose and the share of the residual's energy it explains.
         */
        Located locate(Grid g, float[] hu, int[] labels, int own, double localHu, SeedImageModel model) {
            Blob box = new Blob(g, piece, hu);
            int mxy = (int) Math.ceil(2 * model.sigmaXyMm() / Math.min(g.dxMm(), g.dyMm())) + 2;
            int mz = Math.max(1, (int) Math.ceil(2 * model.sigmaZMm() / g.dzMm()));
            int i0 = Math.max(0, box.i0 - mxy);
            int j0 = Math.max(0, box.j0 - mxy);
            int k0 = Math.max(0, box.k0 - mz);
            int i1 = Math.min(g.nx() - 1, box.i1 + mxy);
            int j1 = Math.min(g.ny() - 1, box.j1 + mxy);
            int k1 = Math.min(g.nz() - 1, box.k1 + mz);
            Grid sub = new Grid(g.centre(i0, j0, k0), g.dxMm(), g.dyMm(), g.dzMm(), i1 - i0 + 1, j1 - j0 + 1, k1 - k0 + 1);
            float[] image = new float[sub.voxelCount()];
            int[] subLabels = new int[sub.voxelCount()];
            boolean[] inPiece = new boolean[g.voxelCount()];
            for (int v : piece) {
                inPiece[v] = true;
            }
            List<Integer> own0 = new ArrayList<>();
            for (int k = k0; k <= k1; k++) {
                for (int j = j0; j <= j1; j++) {
                    for (int i = i0; i <= i1; i++) {
                        int v = g.index(i, j, k);
                        int w = sub.index(i - i0, j - j0, k - k0);
                        double[] xy = mirror.image(g.x(i), g.y(j), g.z(k));
                        double mirrored = Math.min(sample(g, hu, xy[0], xy[1], k, localHu), model.clipHu());
                        double r = Math.max(0, Math.min(hu[v], model.clipHu()) - Math.max(mirrored, localHu));
                        image[w] = (float) (model.backgroundHu() + r);
                        int l = labels[v];
                        subLabels[w] = inPiece[v] ? 1 : l == ImageFitter.EXCLUDED ? ImageFitter.EXCLUDED : l != 0 && l != own ? 2 : 0;
                        if (inPiece[v]) {
                            own0.add(w);
                        }
                    }
                }
            }
            Blob blob = new Blob(sub, own0.stream().mapToInt(Integer::intValue).toArray(), image);
            ImageFitter fitter = new ImageFitter(sub, image, subLabels, model);
            ImageFitter.Region region = fitter.region(blob);
            double[] w = new double[blob.size()];
            for (int q = 0; q < w.length; q++) {
                w[q] = Math.max(1e-3, blob.hu[q] - model.backgroundHu());
            }
            PrincipalAxes pa = PrincipalAxes.of(blob.x, blob.y, blob.z, w, null, blob.size());
            ImageFitter.Fit fit = fitter.fit(region, new SeedImageModel.Placed[] {model.place(pa.meanMm(), pa.axes()[0])});
            double energy = 0;
            for (int q = 0; q < region.size(); q++) {
                double d = region.hu[q] - model.backgroundHu();
                energy += d * d;
            }
            return new Located(fit.seeds()[0], energy > 0 ? Math.max(0, 1 - fit.ssr() / energy) : 0);
        }

        /**
         * Whether what the piece holds beyond the object's symmetry is bone or a beam-hardening band rather than metal: on a 12-bit
         * scan bone beside metal saturates with it, so the residual's height cannot tell them apart (docs/seed-finder.md, "Other
         * metal: false alarms at the cortex"). Sampled in the piece's own slice on the line through its centre perpendicular to the
         * mirror:
         * <ul>
         * <li><b>bone beyond</b>: {@value #TAIL_SIGMAS} in-plane σ of a seed's image beyond the piece's centre, away from the axis
         *     (where a seed's own image has fallen to e<sup>-8</sup> of its peak), the CT number stands at least {@value #BONE_SHARE}
         *     of the way from the background to the metal level: dense tissue lies against the piece, as where a screw crosses a
         *     vertebra's cortex obliquely and the cortex lies on one side of it and not on the other;</li>
         * <li><b>a dark band on the mirror's side</b>: within {@value #BEYOND_MM} mm beyond the piece's mirror image a CT number lies
         *     {@value #BAND_SHARE} of that way or more below the local background: a beam-hardening band between the metal and
         *     dense tissue darkens the mirror image, and the metal's own edge rises above it.</li>
         * </ul>
         *
         * @param spanHu    the metal level above the background, HU
         * @param sigmaXyMm the in-plane σ of the scan's seed image, mm
         */
        boolean boneOrDarkBand(Grid g, float[] hu, double localHu, double spanHu, double sigmaXyMm) {
            Across a = across(g);
            if (a == null) {
                return false;
            }
            return a.outward(g, hu, TAIL_SIGMAS * sigmaXyMm, localHu) >= localHu + BONE_SHARE * spanHu || darkBand(g, hu, localHu, spanHu);
        }

        /** The first half of {@link #boneOrDarkBand}: bone lies beyond the piece. */
        boolean boneBeyond(Grid g, float[] hu, double localHu, double spanHu, double sigmaXyMm) {
            Across a = across(g);
            return a != null && a.outward(g, hu, TAIL_SIGMAS * sigmaXyMm, localHu) >= localHu + BONE_SHARE * spanHu;
        }

        /** The second half of {@link #boneOrDarkBand}: a beam-hardening band darkens the piece's mirror image. */
        boolean darkBand(Grid g, float[] hu, double localHu, double spanHu) {
            return bandDepth(g, hu, localHu, spanHu) >= BAND_SHARE;
        }

        /**
         * How deep the darkest CT number within {@value #BEYOND_MM} mm beyond the piece's mirror image (every {@value
         * #SAMPLE_STEP_MM} mm) lies below the local background, as a share of the metal level above the background; 0 where the
         * line cannot be drawn.
         */
        double bandDepth(Grid g, float[] hu, double localHu, double spanHu) {
            Across a = across(g);
            if (a == null) {
                return 0;
            }
            double depth = 0;
            for (double d = SAMPLE_STEP_MM; d <= BEYOND_MM + 1e-9; d += SAMPLE_STEP_MM) {
                depth = Math.max(depth, (localHu - a.beyondMirror(g, hu, d, localHu)) / spanHu);
            }
            return depth;
        }

        /**
         * How far the CT number dips between the piece and the bone beyond it, as a share of the metal level above the background:
         * the highest CT number {@value #TAIL_SIGMAS}–{@value #TAIL_SIGMAS} σ + {@value #BEYOND_MM} mm beyond the piece's centre
         * (where {@link #boneOrDarkBand} looks for bone), less the lowest from {@value #DIP_FROM_MM} mm to {@value #TAIL_SIGMAS} σ,
         * sampled every {@value #DIP_STEP_MM} mm on the same line. Where the piece is the metal's blur into cortex it lies against
         * (a screw crossing a vertebra's cortex) the CT number stays at the cortex's level up to it: the dip is small; a seed lying
         * beside the metal with soft tissue between it and the cortex shows that tissue as a dip (docs/seed-finder.md, twelfth round,
         * the 2029 scenes). 0 where the line cannot be drawn.
         */
        double dipBeforeBone(Grid g, float[] hu, double localHu, double spanHu, double sigmaXyMm) {
            Across a = across(g);
            if (a == null) {
                return 0;
            }
            double beyond = TAIL_SIGMAS * sigmaXyMm;
            double low = Double.POSITIVE_INFINITY;
            for (double d = DIP_FROM_MM; d <= beyond + 1e-9; d += DIP_STEP_MM) {
                low = Math.min(low, a.outward(g, hu, d, localHu));
            }
            double high = Double.NEGATIVE_INFINITY;
            for (double d = beyond; d <= beyond + BEYOND_MM + 1e-9; d += DIP_STEP_MM) {
                high = Math.max(high, a.outward(g, hu, d, localHu));
            }
            return low == Double.POSITIVE_INFINITY ? 0 : (high - low) / spanHu;
        }

        /**
         * Whether the piece holds a seed-long saturated ridge along the object's axis: at least {@code voxels} of its voxels stand at
         * the clip {@code clipHu} (a 12-bit scan's top) and reach at least {@code lengthMm} along the mirror's axis. A seed lying
         * beside a screw's shaft, parallel to it, saturates along most of its 4.5 mm capsule; where a screw's blur meets a vertebra's
         * cortex the piece saturates only where the cortex crosses it (docs/seed-finder.md, thirteenth round).
         */
        boolean saturatedRidge(Grid g, float[] hu, double clipHu, int voxels, double lengthMm) {
            double from = Double.POSITIVE_INFINITY;
            double to = Double.NEGATIVE_INFINITY;
            int n = 0;
            for (int v : piece) {
                if (hu[v] >= (float) clipHu) {
                    double t = g.centre(v).minus(mirror.centre()).dot(mirror.axis());
                    from = Math.min(from, t);
                    to = Math.max(to, t);
                    n++;
                }
            }
            return n >= voxels && to - from >= lengthMm;
        }

        /**
         * How many of the piece's voxels stand at the clip {@code clipHu} (a 12-bit scan's top) while their mirror images lie low
         * enough for the voxel to rise {@code share} of {@code spanHu} (the metal level above the background) above them, or above
         * the local background where that is higher: voxels that saturate on their own beside the metal. The object's own metal and
         * its blur are mirrored, so where a voxel saturates because the screw's blur and bone beside it add up, its mirror image holds
         * that blur; bone alone (a vertebra's cortex, about 1 700 HU) does not reach the clip. Metal denser than bone lying beside the
         * screw, a seed, does (docs/seed-finder.md, twenty-first round).
         */
        int saturatedAlone(Grid g, float[] hu, double clipHu, double localHu, double spanHu, double share) {
            int n = 0;
            for (int v : piece) {
                if (hu[v] >= (float) clipHu && residual(g, hu, v, localHu, Double.POSITIVE_INFINITY, mirror) >= share * spanHu) {
                    n++;
                }
            }
            return n;
        }

        /** The line through the piece's centre perpendicular to the mirror, in the piece's slice; null where it has no direction. */
        private Across across(Grid g) {
            Vec3 c = centreMm(g);
            int k = (int) Math.round((c.z() - g.z(0)) / g.dzMm());
            double[] im = mirror.image(c.x(), c.y(), c.z());
            double nx = c.x() - im[0];
            double ny = c.y() - im[1];
            double len = Math.hypot(nx, ny);
            if (len < 1e-6 || k < 0 || k >= g.nz()) {
                return null;
            }
            return new Across(c.x(), c.y(), im[0], im[1], nx / len, ny / len, k);
        }

        /**
         * How much wider the object is where the piece lies than along most of its length: the object's radius about the mirror's
         * axis (the {@value #RADIUS_CENTILE} centile of its voxels' distances from it, the widened piece's voxels left out) within
         * {@value #HEAD_BIN_MM} mm along the axis of the piece's centre, over the median of that radius taken every {@value
         * #HEAD_BIN_MM} mm along the object. Beside a screw's head (10 mm across against a 6.5 mm thread on the bench's pedicle
         * screw) it is 1.10-1.31, beside the shaft 0.5-0.9; NaN where the piece's part of the object holds no voxel.
         */
        double widthBeside(Grid g, Blob b) {
            java.util.TreeMap<Long, List<Double>> radii = radiiAlong(g, b);
            List<Double> here = radii.get(0L);
            return here == null ? Double.NaN : centile(here) / medianRadius(radii);
        }

        /**
         * How far the piece's centre lies from the mirror's axis, over the object's median radius along its length (as {@link
         * #widthBeside} takes it): under 1 for a piece of the object's own edge, about 1 or more for metal beside it. A seed beside
         * a screw's shaft gives 0.98-1.30 (scenes drawn from 2031, 5 mm slices the least, their radius widened by the screw's tilt
         * through the slice), the screw's own edge beside a dark band 0.41-0.97 (docs/seed-finder.md, fourteenth round). NaN where
         * the object holds no voxel outside the widened piece.
         */
        double radiusShare(Grid g, Blob b) {
            java.util.TreeMap<Long, List<Double>> radii = radiiAlong(g, b);
            if (radii.isEmpty()) {
                return Double.NaN;
            }
            Vec3 d = centreMm(g).minus(mirror.centre());
            return d.minus(mirror.axis().times(d.dot(mirror.axis()))).norm() / medianRadius(radii);
        }

        /** The median over the object's length of its parts' radii ({@value #RADIUS_CENTILE} centile), mm. */
        private static double medianRadius(java.util.TreeMap<Long, List<Double>> radii) {
            double[] widths = radii.values().stream().mapToDouble(SeedsInMetal::centile).sorted().toArray();
            return widths[widths.length / 2];
        }

        /**
         * The object's voxels' distances from the mirror's axis (the widened piece's voxels left out), by part of {@value
         * #HEAD_BIN_MM} mm along the axis counted from the piece's centre (part 0 holds it).
         */
        private java.util.TreeMap<Long, List<Double>> radiiAlong(Grid g, Blob b) {
            Vec3 axis = mirror.axis();
            Vec3 origin = mirror.centre();
            java.util.Set<Integer> own = new java.util.HashSet<>();
            for (int v : voxels) {
                own.add(v);
            }
            double tPiece = centreMm(g).minus(origin).dot(axis);
            java.util.TreeMap<Long, List<Double>> radii = new java.util.TreeMap<>();
            for (int v : b.voxels) {
                if (!own.contains(v)) {
                    Vec3 d = g.centre(v).minus(origin);
                    double t = d.dot(axis);
                    radii.computeIfAbsent(Math.round((t - tPiece) / HEAD_BIN_MM), k -> new ArrayList<>()).add(d.minus(axis.times(t)).norm());
                }
            }
            return radii;
        }
    }

    /** A piece's centre and its mirror image in slice {@code k}, and the in-plane unit vector from the mirror image to the piece. */
    private record Across(double x, double y, double mirrorX, double mirrorY, double nx, double ny, int k) {

        /** The CT number {@code d} mm beyond the piece's centre, away from the axis. */
        double outward(Grid g, float[] hu, double d, double outside) {
            return sample(g, hu, x + d * nx, y + d * ny, k, outside);
        }

        /** The CT number {@code d} mm beyond the piece's mirror image, away from the piece. */
        double beyondMirror(Grid g, float[] hu, double d, double outside) {
            return sample(g, hu, mirrorX - d * nx, mirrorY - d * ny, k, outside);
        }
    }

    /** The {@value #RADIUS_CENTILE} centile of a part's radii, mm. */
    private static double centile(List<Double> radii) {
        double[] r = radii.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return r[Math.min(r.length - 1, (int) Math.floor(RADIUS_CENTILE * r.length))];
    }

    /** Length along the axis of the parts of an object whose radii are compared, mm. */
    static final double HEAD_BIN_MM = 2;
    /** Centile of a part's voxels' distances from the axis taken as its radius (the blur and noise at the edge left aside). */
    static final double RADIUS_CENTILE = 0.9;

    /** Where bone beside a piece is looked for, in in-plane σ of a seed's image from the piece's centre. */
    static final double TAIL_SIGMAS = 4;
    /** How far beyond a piece's mirror image a dark band is looked for, mm, and the step. */
    static final double BEYOND_MM = 2;
    static final double SAMPLE_STEP_MM = 1;
    /** Where {@link Excess#dipBeforeBone} starts looking for the dip beyond a piece's centre (past its saturated core), mm, and its step. */
    static final double DIP_FROM_MM = 0.5;
    static final double DIP_STEP_MM = 0.25;
    /**
     * Least height of bone beside a piece, as a share of the metal level above the background: about 750 HU on a 12-bit scan,
     * above soft tissue and trabecular bone, below cortical bone (the bench's vertebral cortex 1800 HU).
     */
    static final double BONE_SHARE = 0.25;
    /**
     * Least depth of a dark band below the local background, as a share of the metal level above the background: about 300 HU on
     * a 12-bit scan; beside the seeds touching a screw in the scenes of {@code SeedsAtOtherMetalRun} the mirror side lies at most
     * 230 HU below it.
     */
    static final double BAND_SHARE = 0.1;
    /**
     * A piece grows from its voxels rising {@code significantHu} above their mirror images through connected voxels rising this
     * share of it: on 5 mm slices a seed beside a screw's head rises that far in one voxel or two apart (its image peaks 2600-2900
     * HU there), and the rest of its length stands 1500-2400 HU above the mirror image.
     */
    static final double GROWN_SHARE = 0.6;

    /** A seed fitted to an object's residual, and the share of the residual's energy it explains. */
    record Located(SeedImageModel.Placed seed, double explained) {
    }

    /**
     * The asymmetric pieces of a blob of other metal: its voxels that rise above their mirror image (or the local background,
     * whichever is higher) by {@code significantHu} or more, grown through connected voxels rising {@value #GROWN_SHARE} of that,
     * each piece widened by a voxel; a piece's content is
     * the residual of its voxels that rise by {@code lowHu} or more (beam-hardening streaks, which no object's symmetry explains,
     * stay below both). The axis is taken again without the asymmetric voxels.
     *
     * @param hu            CT numbers as the finder reads them (the 12-bit window)
     * @param content       CT numbers as the content is read (unclipped on an extended-scale scan)
     * @param top           the clip for the content (infinite on an extended scale)
     * @param labels        blob labels: voxels of the blob, of no blob, or left out of fits (bone split off a seed) count
     * @param localHu       the local background of {@code hu}, HU
     * @param localContentHu the local background of {@code content}, HU
     * @param significantHu how far above its mirror image a voxel of the blob must rise to be asymmetric, HU
     * @param lowHu         how far a voxel must rise to count in the content, HU
     * @param rotation      true for half a turn about the axis (a stent), false for the reflection through the axis (a screw or rod)
     */
    static List<Excess> of(Grid g, float[] hu, float[] content, double top, int[] labels, Blob b, double localHu, double localContentHu,
                           double significantHu, double lowHu, boolean rotation) {
        PrincipalAxes pa = PrincipalAxes.of(b.x, b.y, b.z, BlobSplitter.ones(b.size()), null, b.size());
        Mirror mirror = bestMirror(g, hu, b, localHu, new Mirror(pa.meanMm(), pa.axes()[0], rotation));
        boolean[] asym = asymmetric(g, hu, b, localHu, significantHu, mirror);
        boolean[] rising = asymmetric(g, hu, b, localHu, GROWN_SHARE * significantHu, mirror);
        List<Excess> out = new ArrayList<>();
        for (int[] piece : ConnectedComponents.of(g, rising, null)) {
            if (Arrays.stream(piece).anyMatch(v -> asym[v])) {
                out.add(excess(g, hu, content, top, labels, labels[b.voxels[0]], piece,
                        Arrays.stream(piece).filter(v -> asym[v]).toArray(), localHu, localContentHu, lowHu, mirror));
            }
        }
        return out;
    }

    /** The CT number at a voxel's mirror image, HU (the background off the grid). */
    private static double mirrored(Grid g, float[] hu, int v, double localHu, Mirror m) {
        int k = v / (g.nx() * g.ny());
        int j = (v / g.nx()) % g.ny();
        int i = v % g.nx();
        double[] xy = m.image(g.x(i), g.y(j), g.z(k));
        return sample(g, hu, xy[0], xy[1], k, localHu);
    }

    /**
     * The mirror that fits the blob best: the principal axis is pulled by whatever the object holds beyond its shape (bone it
     * crosses, a seed), so its centre is moved in-plane by up to {@value #SEARCH_MM} mm in steps of {@value #STEP_MM} mm and, for
     * a reflection, its in-plane direction turned by up to {@value #SEARCH_DEG}° in steps of {@value #STEP_DEG}°, keeping the
     * least sum of absolute differences between the blob's voxels and their mirror images (robust to the asymmetric part).
     */
    private static Mirror bestMirror(Grid g, float[] hu, Blob b, double localHu, Mirror start) {
        Mirror best = start;
        double bestCost = asymmetry(g, hu, b, localHu, start);
        int nTurn = start.turns() ? (int) Math.round(SEARCH_DEG / STEP_DEG) : 0;
        int nShift = (int) Math.round(SEARCH_MM / STEP_MM);
        Vec3 u = start.axis();
        for (int t = -nTurn; t <= nTurn; t++) {
            Vec3 axis = turned(u, Math.toRadians(t * STEP_DEG));
            for (int sx = -nShift; sx <= nShift; sx++) {
                for (int sy = -nShift; sy <= nShift; sy++) {
                    if (t == 0 && sx == 0 && sy == 0) {
                        continue;
                    }
                    Mirror m = new Mirror(start.centre().plus(new Vec3(sx * STEP_MM, sy * STEP_MM, 0)), axis, start.rotation());
                    double c = asymmetry(g, hu, b, localHu, m);
                    if (c < bestCost) {
                        bestCost = c;
                        best = m;
                    }
                }
            }
        }
        return best;
    }

    /** How far the mirror search reaches from the principal axis's centre, mm, and its step. */
    private static final double SEARCH_MM = 0.8;
    private static final double STEP_MM = 0.2;
    /** How far the mirror search turns the axis in-plane, degrees, and its step. */
    private static final double SEARCH_DEG = 3;
    private static final double STEP_DEG = 0.5;

    /** The axis turned about z by the angle (its in-plane direction moved, its z-component kept). */
    private static Vec3 turned(Vec3 a, double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return new Vec3(c * a.x() - s * a.y(), s * a.x() + c * a.y(), a.z());
    }

    /** Sum over the blob's voxels of |CT number − its mirror image's|, HU. */
    private static double asymmetry(Grid g, float[] hu, Blob b, double localHu, Mirror m) {
        double sum = 0;
        for (int v : b.voxels) {
            sum += Math.abs(hu[v] - mirrored(g, hu, v, localHu, m));
        }
        return sum;
    }

    /** A voxel's CT number above its mirror image or the background, whichever is higher, both read through {@code top}, HU. */
    private static double residual(Grid g, float[] hu, int v, double localHu, double top, Mirror m) {
        int k = v / (g.nx() * g.ny());
        int j = (v / g.nx()) % g.ny();
        int i = v % g.nx();
        double[] xy = m.image(g.x(i), g.y(j), g.z(k));
        double mirrored = Math.min(sample(g, hu, xy[0], xy[1], k, localHu), top);
        return Math.min(hu[v], top) - Math.max(mirrored, localHu);
    }

    /** The blob's voxels that rise above their mirror image by at least {@code significantHu}. */
    private static boolean[] asymmetric(Grid g, float[] hu, Blob b, double localHu, double significantHu, Mirror m) {
        boolean[] out = new boolean[g.voxelCount()];
        for (int v : b.voxels) {
            out[v] = residual(g, hu, v, localHu, Double.POSITIVE_INFINITY, m) >= significantHu;
        }
        return out;
    }

    /**
     * A piece widened by one voxel (voxels of the blob, of none, or left out of fits): the residual of each voxel that rises by
     * {@code lowHu} or more above its mirror image or the background, and their sum.
     */
    private static Excess excess(Grid g, float[] hu, float[] content, double top, int[] labels, int own, int[] piece, int[] core,
                                 double localHu, double localContentHu, double lowHu, Mirror m) {
        java.util.LinkedHashSet<Integer> widened = new java.util.LinkedHashSet<>();
        for (int v : piece) {
            int k = v / (g.nx() * g.ny());
            int j = (v / g.nx()) % g.ny();
            int i = v % g.nx();
            for (int dk = -1; dk <= 1; dk++) {
                for (int dj = -1; dj <= 1; dj++) {
                    for (int di = -1; di <= 1; di++) {
                        int ii = i + di;
                        int jj = j + dj;
                        int kk = k + dk;
                        if (ii >= 0 && jj >= 0 && kk >= 0 && ii < g.nx() && jj < g.ny() && kk < g.nz()) {
                            int w = g.index(ii, jj, kk);
                            int l = labels[w];
                            if ((l == own || l == 0 || l == ImageFitter.EXCLUDED)
                                    && residual(g, hu, w, localHu, Double.POSITIVE_INFINITY, m) >= lowHu) {
                                widened.add(w);
                            }
                        }
                    }
                }
            }
        }
        int[] voxels = widened.stream().mapToInt(Integer::intValue).toArray();
        double[] residual = new double[voxels.length];
        double sum = 0;
        double contentPeak = 0;
        for (int q = 0; q < voxels.length; q++) {
            residual[q] = Math.max(0, residual(g, content, voxels[q], localContentHu, top, m));
            sum += residual[q];
            contentPeak = Math.max(contentPeak, residual[q]);
        }
        return new Excess(piece, core, voxels, residual, sum * g.dxMm() * g.dyMm() * g.dzMm(), contentPeak, m);
    }

    /** Bilinear in-plane sample of slice k at (x, y) mm; {@code outside} off the grid. */
    private static double sample(Grid g, float[] hu, double x, double y, int k, double outside) {
        double fi = (x - g.x(0)) / g.dxMm();
        double fj = (y - g.y(0)) / g.dyMm();
        int i = (int) Math.floor(fi);
        int j = (int) Math.floor(fj);
        if (i < 0 || j < 0 || i + 1 >= g.nx() || j + 1 >= g.ny() || k < 0 || k >= g.nz()) {
            return outside;
        }
        double u = fi - i;
        double w = fj - j;
        return (1 - u) * (1 - w) * hu[g.index(i, j, k)] + u * (1 - w) * hu[g.index(i + 1, j, k)]
                + (1 - u) * w * hu[g.index(i, j + 1, k)] + u * w * hu[g.index(i + 1, j + 1, k)];
    }

    /** Where a point's mirror image lies in its own slice. */
    record Mirror(Vec3 centre, Vec3 axis, boolean rotation) {

        /** Whether the mirror is a reflection through the axis (its in-plane direction matters), not a half-turn in each slice. */
        boolean turns() {
            return !((rotation && Math.abs(axis.z()) >= STEEP) || Math.abs(axis.z()) >= ALONG_Z);
        }

        double[] image(double x, double y, double z) {
            if (!turns()) {
                // Half a turn about the axis, in the slice: the point reflection about where the axis crosses the slice.
                double t = Math.abs(axis.z()) < 1e-6 ? 0 : (z - centre.z()) / axis.z();
                double cx = centre.x() + t * axis.x();
                double cy = centre.y() + t * axis.y();
                return new double[] {2 * cx - x, 2 * cy - y};
            }
            double nx = -axis.y();
            double ny = axis.x();
            double len = Math.hypot(nx, ny);
            nx /= len;
            ny /= len;
            double d = (x - centre.x()) * nx + (y - centre.y()) * ny;
            return new double[] {x - 2 * d * nx, y - 2 * d * ny};
        }
    }
}
