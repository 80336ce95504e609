package org.seedplan.verify.seedfinder;

import java.util.ArrayList;
import java.util.List;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;

/**
 * Which objects of other metal are pieces of one wire. A thin wire at a slant to thick slices shows one piece per slice, each
 * lying in its slice (on 5 mm slices the bench's 0.8 mm steel wire, rising 30 mm over 70 mm, leaves 6-7 pieces 5-12 mm long);
 * each piece is rejected on its own, and the self-check listed every piece. Two pieces are one wire where
 * <ul>
 * <li>both are thin and elongated: at most {@value MetalShape#MAX_WIRE_SECTION_MM2} mm² of mean cross-section (volume over
 *     length, as {@link MetalShape} tells a wire) and at least {@value #ELONGATION} times as long as wide;</li>
 * <li>their voxels come within one slice spacing and one pixel diagonal of each other (they touch in neighbouring slices);</li>
 * <li>their in-plane directions, and the in-plane step from one's centre to the other's, agree within {@value #MAX_TURN_DEG}°
 *     (the pieces follow each other along one line, as a staircase does, not side by side).</li>
 * </ul>
 * The pieces joined so, directly or through others, are listed as one wire whose length is the extent of all their voxels
 * along their first principal axis (a straight wire's length; a bent wire reads shorter). Pieces lying along z have no
 * in-plane direction and are not joined: such a wire is one object through the slices anyway.
 */
final class WirePieces {

    /** Least ratio of a piece's length to its width (extents along its first and second principal axes). */
    static final double ELONGATION = 2;
    /** Largest angle between two pieces' in-plane directions, and between them and the step from one to the other, degrees. */
    static final double MAX_TURN_DEG = 30;

    private WirePieces() {
    }

    /**
     * The groups of two or more pieces that make one wire, as indices into {@code pieces}, each group in the order the pieces
     * were given; pieces joined to no other are in no group.
     */
    static List<List<Integer>> groups(Grid g, List<Blob> pieces) {
        double voxelMm3 = g.dxMm() * g.dyMm() * g.dzMm();
        int n = pieces.size();
        Vec3[] dir = new Vec3[n];
        Vec3[] centre = new Vec3[n];
        for (int q = 0; q < n; q++) {
            Blob b = pieces.get(q);
            PrincipalAxes pa = PrincipalAxes.of(b.x, b.y, b.z, BlobSplitter.ones(b.size()), null, b.size());
            double length = Math.sqrt(12 * pa.variances()[0]);
            double width = Math.sqrt(12 * pa.variances()[1]);
            if (length > 0 && b.size() * voxelMm3 / length <= MetalShape.MAX_WIRE_SECTION_MM2 && length >= ELONGATION * width) {
                dir[q] = ChainProfile.inPlaneAxis(b);
                centre[q] = pa.meanMm();
            }
        }
        int[] root = new int[n];
        for (int q = 0; q < n; q++) {
            root[q] = q;
        }
        double cos = Math.cos(Math.toRadians(MAX_TURN_DEG));
        double reach = g.dzMm() + Math.hypot(g.dxMm(), g.dyMm());
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                if (dir[a] == null || dir[b] == null || Math.abs(dir[a].dot(dir[b])) < cos) {
                    continue;
                }
                Vec3 step = centre[b].minus(centre[a]);
                double h = Math.hypot(step.x(), step.y());
                if (h == 0 || Math.abs(step.x() * dir[a].x() + step.y() * dir[a].y()) < cos * h
                        || Math.abs(step.x() * dir[b].x() + step.y() * dir[b].y()) < cos * h
                        || !within(pieces.get(a), pieces.get(b), reach)) {
                    continue;
                }
                root[find(root, a)] = find(root, b);
            }
        }
        java.util.Map<Integer, List<Integer>> byRoot = new java.util.LinkedHashMap<>();
        for (int q = 0; q < n; q++) {
            if (dir[q] != null) {
                byRoot.computeIfAbsent(find(root, q), k -> new ArrayList<>()).add(q);
            }
        }
        return byRoot.values().stream().filter(l -> l.size() >= 2).toList();
    }

    /** The pieces' voxels as one object. */
    static Blob merged(Grid g, List<Blob> pieces, float[] hu) {
        int[] voxels = pieces.stream().flatMapToInt(b -> java.util.Arrays.stream(b.voxels)).toArray();
        return new Blob(g, voxels, hu);
    }

    private static int find(int[] root, int q) {
        while (root[q] != q) {
            root[q] = root[root[q]];
            q = root[q];
        }
        return q;
    }

    /** Whether a voxel of {@code a} lies within {@code reachMm} of a voxel of {@code b} (centres). */
    private static boolean within(Blob a, Blob b, double reachMm) {
        double r2 = reachMm * reachMm;
        for (int p = 0; p < a.size(); p++) {
            for (int q = 0; q < b.size(); q++) {
                double dx = a.x[p] - b.x[q];
                double dy = a.y[p] - b.y[q];
                double dz = a.z[p] - b.z[q];
                if (dx * dx + dy * dy + dz * dz <= r2) {
                    return true;
                }
            }
        }
        return false;
    }
}
