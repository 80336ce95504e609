package org.seedplan.verify.seedfinder;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.seedplan.geometry.Vec3;
import org.seedplan.verify.scanner.DenseObject;

/**
 * Synthetic scenes of single seeds, side-by-side pairs and clumps of three for the seed-finder tests: the true places of a group's
 * seeds around its centre (parallel seeds along {@code dir}, {@code apartMm} apart across it) and a scene laid on a grid of spots.
 */
final class SeedGroups {

    /** Two seeds touching: 0.8 mm capsules 0.85 mm apart, axis to axis. */
    static final double APART_MM = 0.85;

    private SeedGroups() {
    }

    /** What a spot of a laid scene holds. */
    enum Kind { SINGLE, PAIR, CLUMP }

    /**
     * A laid scene: every seed's true centre and dense object, and the spots' centres by kind ({@code clumpSpots} gives each
     * clump's spot number, in the order of {@code clumps}).
     */
    record Laid(List<Vec3> truth, List<DenseObject> objects, List<Vec3> singles, List<Vec3> pairs, List<Vec3> clumps,
                List<Integer> clumpSpots) {
    }

    /**
     * Lays a scene on spots 10 mm apart in-plane (x −42 … −2 mm, y −18 and −2 mm) at each of {@code zsMm}: spot {@code i} holds
     * what {@code kindAt} says, its seeds along {@code dirs[i % dirs.length]}.
     */
    static Laid lay(double[] zsMm, Vec3[] dirs, IntFunction<Kind> kindAt) {
        Laid laid = new Laid(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>());
        int spot = 0;
        for (double z : zsMm) {
            for (double y : new double[] {-18, -2}) {
                for (double x : new double[] {-42, -32, -22, -12, -2}) {
                    Vec3 c = new Vec3(x, y, z);
                    Vec3 dir = dirs[spot % dirs.length].normalized();
                    List<Vec3> group = switch (kindAt.apply(spot)) {
                        case CLUMP -> {
                            laid.clumps().add(c);
                            laid.clumpSpots().add(spot);
                            yield clumpOfThree(c, dir, APART_MM);
                        }
                        case PAIR -> {
                            laid.pairs().add(c);
                            yield sideBySide(c, dir, APART_MM);
                        }
                        case SINGLE -> {
                            laid.singles().add(c);
                            yield List.of(c);
                        }
                    };
                    for (Vec3 p : group) {
                        laid.truth().add(p);
                        laid.objects().add(DenseObject.seed(p, dir));
                    }
                    spot++;
                }
            }
        }
        return laid;
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
