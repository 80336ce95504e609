package org.seedplan.verify.seedfinder;

import java.util.List;
import java.util.stream.IntStream;
import org.seedplan.geometry.Vec3;

/**
 * The true places of the seeds of a clump of three and of a side-by-side pair, laid in synthetic scenes around a centre: parallel
 * seeds along {@code dir}, {@code apartMm} apart across it (0.85 mm in the scenes: two capsules of 0.8 mm touching).
 */
final class SeedGroups {

    private SeedGroups() {
    }

    /**
     * Three seeds at the corners of an equilateral triangle of side {@code apartMm} across the axis, each 0.2 mm further along it
     * than the last: a clump as strands leave it.
     */
    static List<Vec3> clumpOfThree(Vec3 centre, Vec3 dir, double apartMm) {
        Vec3[] across = across(dir);
        double r = apartMm / Math.sqrt(3);
        return IntStream.range(0, 3).mapToObj(k -> {
            double a = 2 * Math.PI * k / 3;
            return centre.plus(across[0].times(r * Math.cos(a))).plus(across[1].times(r * Math.sin(a))).plus(dir.times(0.2 * (k - 1)));
        }).toList();
    }

    /** Two seeds side by side, {@code apartMm} apart across the axis. */
    static List<Vec3> sideBySide(Vec3 centre, Vec3 dir, double apartMm) {
        Vec3 half = across(dir)[0].times(apartMm / 2);
        return List.of(centre.minus(half), centre.plus(half));
    }

    /** Two unit vectors across an axis, at right angles to it and to each other. */
    static Vec3[] across(Vec3 axis) {
        Vec3 u = axis.cross(Math.abs(axis.z()) < 0.9 ? Vec3.UNIT_Z : new Vec3(1, 0, 0)).normalized();
        return new Vec3[] {u, axis.cross(u).normalized()};
    }
}
