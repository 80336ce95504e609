package org.seedplan.verify.needles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.planning.needle.Needle;

/**
 * The generalisation run of the needle finder, by hand only ({@code -Dseedplan.needles.generalisation=1601}, optionally
 * {@code -Dseedplan.needles.scans=16}, {@code -Dseedplan.needles.bevel=2.2} and {@code -Dseedplan.needles.slices=3} or
 * {@code =5}: the slice spacings drawn from, default 1.25,2.5,3; {@code -Dseedplan.needles.finderBevel=3.5}: the finder is given
 * the bevel length instead of estimating it; {@code -Dseedplan.needles.profiles=BOX}: only the scans of the draw with these
 * slice profiles, the others skipped so that every scan stays the one the full draw makes; {@code -Dseedplan.needles.onlySeeds=2639,2641}:
 * only these seeds of the draw, likewise; {@code -Dseedplan.needles.guidance=COPLANAR_TEMPLATE}: the template needles pivot at a
 * coplanar template instead of about their tips, {@link IntraOpScenario.Guidance}; {@code -Dseedplan.needles.thickness=5}: slices
 * that thick (the profile's FWHM) whatever their spacing, an overlapping reconstruction when thicker, drawn after the rest of
 * the scanner so that the draw is the same; {@code -Dseedplan.needles.noHeaderThickness=true}: the volume given to the finder
 * without its slice thickness, as a series without Slice Thickness would be read): new random scenarios that neither the
 * tuning (1401–1408) nor the acceptance (1501–1508) used, each on a scanner drawn at random from every slice profile
 * (box, Gaussian, triangle), 1.25 / 2.5 / 3 mm slices, both HU scales (12-bit clip at 3071, extended to 30 710), in-plane
 * FWHM 0.6–1.2 mm, noise 10–40 HU and streaks 0–350 HU; the tip error distribution (max, 95th percentile, mean) is printed
 * for the clipped and the unclipped scans, each needle's line with its tip's stated uncertainty along z, along the axis
 * ({@link FoundNeedle#tipAxisUncertaintyMm}), its tilt's and across the axis in the slices' plane
 * ({@link FoundNeedle#tipInPlaneUncertaintyMm}; how many in-plane errors exceed it, printed at the end) and, in brackets, the parts of its errors each statement is to be read against
 * (the tip's error across the axis in the slices' plane, which no statement names; the axis's error in its tilt out of that
 * plane, signed, and its turn within it; docs/needles.md, thirty-sixth round, needlehonest18), and how many right tips that
 * statement widens and wrong ones it covers. It asserts
 * nothing and is no part of the suite.
 */
class NeedleFinderGeneralisationRun {

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    @Test
    void printTheTipErrorDistributionOnNewScenarios() {
        String from = System.getProperty("seedplan.needles.generalisation");
        Assumptions.assumeTrue(from != null, "generalisation run: give -Dseedplan.needles.generalisation=FIRST_SEED to run it");
        long first = Long.parseLong(from);
        int scans = Integer.parseInt(System.getProperty("seedplan.needles.scans", "16"));
        double bevel = Double.parseDouble(System.getProperty("seedplan.needles.bevel", String.valueOf(IntraOpCtGenerator.BEVEL_LENGTH_MM)));
        IntraOpScanner.SliceProfile[] profiles = IntraOpScanner.SliceProfile.values();
        double[] slices = Arrays.stream(System.getProperty("seedplan.needles.slices", "1.25,2.5,3").split(","))
                .mapToDouble(Double::parseDouble).toArray();
        String only = System.getProperty("seedplan.needles.profiles");
        List<Double> clippedTips = new ArrayList<>();
        List<Double> unclippedTips = new ArrayList<>();
        List<Double> steepTips = new ArrayList<>();
        List<Double> angles = new ArrayList<>();
        java.util.Map<Double, List<Double>> tipsBySlice = new java.util.TreeMap<>();
        java.util.Map<Double, List<Double>> axesBySlice = new java.util.TreeMap<>();
        java.util.Map<Double, int[]> foundBySlice = new java.util.TreeMap<>();
        int missed = 0;
        int falseNeedles = 0;
        // The statement along the axis: right tips (within 0.5 mm along it) stated beyond 1 mm, and tips more than 1 mm off along
        // it, how many of them stated at least that far.
        int axisFalseAlarms = 0;
        int axisOff = 0;
        int axisCovered = 0;
        List<Double> tiltStatements = new ArrayList<>();
        int axesBeyond2 = 0;
        int axesBeyond2Covered = 0;
        int axesWithin2StatedBeyond2 = 0;
        // The tip's error across the axis in the slices' plane against its statement (FoundNeedle#tipInPlaneUncertaintyMm).
        List<Double> inPlaneErrors = new ArrayList<>();
        List<Double> inPlaneStatements = new ArrayList<>();
        int inPlaneOver = 0;
        double seconds = 0;
        for (int n = 0; n < scans; n++) {
            long seed = first + n;
            SplittableRandom rnd = new SplittableRandom(seed * 7919);
            // Every profile and both HU scales in turn; slice spacing and the rest at random.
            IntraOpScanner.SliceProfile profile = profiles[n % 3];
            double maxHu = (n / 3) % 2 == 0 ? 3071 : 30710;
            double sliceMm = slices[rnd.nextInt(slices.length)];
            if (only != null && !only.contains(profile.name())) {
                continue;
            }
            String onlySeeds = System.getProperty("seedplan.needles.onlySeeds");
            if (onlySeeds != null && !java.util.Arrays.asList(onlySeeds.split(",")).contains(String.valueOf(seed))) {
                continue;
            }
            IntraOpScanner scanner = new IntraOpScanner(rnd.nextDouble(0.6, 1.2), profile, rnd.nextDouble(10, 40), rnd.nextDouble(0, 350),
                    maxHu);
            String thickness = System.getProperty("seedplan.needles.thickness");
            if (thickness != null) {
                scanner = scanner.withSliceThickness(Double.parseDouble(thickness));
            }
            int nz = (int) Math.round(100 / sliceMm);
            Grid grid = new Grid(new Vec3(-191.6, -191.6, -sliceMm * (nz - 1) / 2), 0.75, 0.75, sliceMm, 512, 512, nz);
            IntraOpScenario scenario = IntraOpScenario.generate(grid, seed,
                    IntraOpScenario.Guidance.valueOf(System.getProperty("seedplan.needles.guidance", "TIP_AIMED")));
            Volume ct = new IntraOpCtGenerator(scanner, bevel).render(grid, scenario.placed(), scenario.seeds(), seed);
            if (Boolean.getBoolean("seedplan.needles.noHeaderThickness")) {
                ct = new Volume(grid, ct.hu());
            }
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            String given = System.getProperty("seedplan.needles.finderBevel");
            NeedleFinding finding = (given == null ? new NeedleFinder() : new NeedleFinder(Double.parseDouble(given))).find(ct);
            double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9;
            seconds += cpuSeconds;
            List<Needle> truth = scenario.placed().stream().map(p -> new Needle(p.hubMm(), p.tipMm(), null, false)).toList();
            NeedleMatching m = new NeedleMatcher(5, 10).match(truth, finding.needles());
            int[] counts = foundBySlice.computeIfAbsent(sliceMm, key -> new int[3]);
            counts[0] += m.matches().size();
            counts[1] += truth.size();
            counts[2] += m.unmatchedFound().size();
            missed += m.unmatchedPlanned().size();
            falseNeedles += m.unmatchedFound().size();
            String name = String.format(Locale.ROOT, "%s %.2f mm (%.2f thick%s) %s FWHM %.2f noise %.0f streaks %.0f", profile, sliceMm,
                    scanner.sliceThicknessMm(sliceMm), ct.hasSliceThickness() ? "" : ", not in the header",
                    maxHu < 5000 ? "12-bit" : "extended", scanner.inPlaneFwhmMm(), scanner.noiseSdHu(), scanner.streakHu());
            System.out.printf(Locale.ROOT, "seed %d %s: %d found, %d missed, %d false, %.2f s (%.2f s CPU)%n", seed, name,
                    m.matches().size(), m.unmatchedPlanned().size(), m.unmatchedFound().size(), finding.seconds(), cpuSeconds);
            for (int i : m.unmatchedPlanned()) {
                SimulatedNeedle tn = scenario.placed().get(i);
                System.out.printf(Locale.ROOT, "  %d n%2d MISSED, true tip %s hub %s tiltz %.1f bend %.1f%n", seed, i + 1, tn.tipMm(), tn.hubMm(),
                        Math.toDegrees(Math.asin(Math.abs(tn.axisAtTip(10).z()))), tn.bendMm());
            }
            for (int j : m.unmatchedFound()) {
                System.out.printf(Locale.ROOT, "  %d FALSE needle, tip %s, length %.1f mm%n", seed, m.found().get(j).tipMm(),
                        m.found().get(j).visibleLengthMm());
            }
            for (NeedleMatch x : m.matches()) {
                SimulatedNeedle t = scenario.placed().get(x.planned());
                FoundNeedle f = m.found().get(x.found());
                Vec3 axis = t.axisAtTip(10);
                Vec3 e = f.tipMm().minus(t.tipMm());
                double depth = e.dot(axis);
                double angle = NeedleMatcher.angleDeg(f.axisAtTip(), t.axisAtTip(NeedleFinder.AXIS_CHORD_MM));
                double tiltDeg = Math.toDegrees(Math.asin(Math.abs(axis.z())));
                (maxHu < 5000 ? clippedTips : unclippedTips).add(e.norm());
                if (Math.abs(depth) <= 0.5 && f.tipAxisUncertaintyMm() > 1) {
                    axisFalseAlarms++;
                }
                if (Math.abs(depth) > 1) {
                    axisOff++;
                    axisCovered += f.tipAxisUncertaintyMm() >= Math.abs(depth) ? 1 : 0;
                }
                if (tiltDeg > 20) {
                    steepTips.add(e.norm());
                }
                angles.add(angle);
                tiltStatements.add(f.axisUncertaintyDeg());
                if (angle > 2) {
                    axesBeyond2++;
                    axesBeyond2Covered += f.axisUncertaintyDeg() >= angle ? 1 : 0;
                } else if (f.axisUncertaintyDeg() > 2) {
                    axesWithin2StatedBeyond2++;
                }
                tipsBySlice.computeIfAbsent(sliceMm, key -> new ArrayList<>()).add(e.norm());
                axesBySlice.computeIfAbsent(sliceMm, key -> new ArrayList<>()).add(angle);
                // The parts no statement of the line above names: the tip's error across the axis in the slices' plane, and the
                // axis's error split into its tilt out of that plane and its turn within it (out of the vertical plane through the
                // true axis).
                Vec3 trueChord = t.axisAtTip(NeedleFinder.AXIS_CHORD_MM);
                Vec3 level = axis.cross(new Vec3(0, 0, 1));
                Vec3 levelChord = trueChord.cross(new Vec3(0, 0, 1));
                double inPlaneAcross = level.norm() < 1e-9 ? 0 : Math.abs(e.dot(level.times(1 / level.norm())));
                double tiltError = Math.toDegrees(Math.asin(Math.abs(f.axisAtTip().z())) - Math.asin(Math.abs(trueChord.z())));
                double inPlaneTurn = levelChord.norm() < 1e-9 ? 0
                        : Math.toDegrees(Math.asin(Math.min(1, Math.abs(f.axisAtTip().dot(levelChord.times(1 / levelChord.norm()))))));
                System.out.printf(Locale.ROOT, "  %d n%2d tip %.2f depth %+.2f across %.2f (z %+.2f) axis %.2f° tiltz %.1f° (found %.1f°) tip in slice %+.2f, z uncertainty %.2f, axis uncertainty %.2f, tilt ±%.2f°, in-plane ±%.2f%s"
                        + " [in-plane across %.2f, tilt error %+.2f°, in-plane turn %.2f°]%n", seed,
                        x.planned() + 1, e.norm(), depth, e.minus(axis.times(depth)).norm(), e.z(), angle, tiltDeg,
                        Math.toDegrees(Math.asin(Math.abs(f.axisAtTip().z()))),
                        (t.tipMm().z() - grid.z(0)) / sliceMm - Math.rint((t.tipMm().z() - grid.z(0)) / sliceMm), f.tipZUncertaintyMm(),
                        f.tipAxisUncertaintyMm(), f.axisUncertaintyDeg(), f.tipInPlaneUncertaintyMm(),
                        e.norm() > 1 || angle > 2 ? "  <<<" : "", inPlaneAcross, tiltError, inPlaneTurn);
                inPlaneErrors.add(inPlaneAcross);
                inPlaneStatements.add(f.tipInPlaneUncertaintyMm());
                inPlaneOver += inPlaneAcross > f.tipInPlaneUncertaintyMm() ? 1 : 0;
            }
        }
        List<Double> all = new ArrayList<>(clippedTips);
        all.addAll(unclippedTips);
        System.out.printf(Locale.ROOT, "bevel %.1f mm; %d scans, %d missed, %d false, %.2f s CPU per scan%n", bevel, scans, missed, falseNeedles,
                seconds / scans);
        System.out.println("all tips:       " + summary(all));
        System.out.println("12-bit tips:    " + summary(clippedTips));
        System.out.println("extended tips:  " + summary(unclippedTips));
        System.out.println("steep (>20°):   " + summary(steepTips));
        System.out.println("axes (°):       " + summary(angles));
        System.out.printf(Locale.ROOT, "along the axis: %d right tips (≤ 0.5 mm) stated beyond 1 mm; %d of %d tips beyond 1 mm stated at"
                + " least their error%n", axisFalseAlarms, axisCovered, axisOff);
        System.out.printf(Locale.ROOT, "tilt statement: %d of %d axes beyond 2° stated at least their error; %d axes within 2° stated"
                + " beyond 2°; statements (°) %s%n", axesBeyond2Covered, axesBeyond2, axesWithin2StatedBeyond2, quantiles(tiltStatements));
        System.out.printf(Locale.ROOT, "in-plane statement: %d of %d tips' in-plane error over it; statements (mm) %s; errors (mm) %s%n",
                inPlaneOver, inPlaneErrors.size(), quantiles(inPlaneStatements), quantiles(inPlaneErrors));
        for (double slice : tipsBySlice.keySet()) {
            int[] c = foundBySlice.get(slice);
            System.out.printf(Locale.ROOT, "%.2f mm slices: %d of %d found, %d false; tips %s; axes (°) %s%n", slice, c[0], c[1], c[2],
                    summary(tipsBySlice.get(slice)), summary(axesBySlice.get(slice)));
        }
    }

    /** Median, 90th, 95th percentile (nearest rank), max, and how many above 1 and 2. */
    private static String quantiles(List<Double> v) {
        if (v.isEmpty()) {
            return "none";
        }
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(Locale.ROOT, "median %.2f, p90 %.2f, p95 %.2f, max %.2f, above 1: %d, above 2: %d of %d", a[(a.length - 1) / 2],
                a[(int) Math.ceil(0.9 * a.length) - 1], a[(int) Math.ceil(0.95 * a.length) - 1], a[a.length - 1],
                Arrays.stream(a).filter(x -> x > 1).count(), Arrays.stream(a).filter(x -> x > 2).count(), a.length);
    }

    /** Count, how many within 1, max, 95th percentile (nearest rank) and mean. */
    private static String summary(List<Double> v) {
        if (v.isEmpty()) {
            return "none";
        }
        double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        long within = Arrays.stream(a).filter(x -> x <= 1).count();
        return String.format(Locale.ROOT, "%d of %d within 1, max %.2f, p95 %.2f, mean %.2f", within, a.length, a[a.length - 1],
                a[(int) Math.ceil(0.95 * a.length) - 1], Arrays.stream(a).average().orElse(0));
    }
}
