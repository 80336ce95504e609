package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.seedplan.geometry.Vec3;
import org.seedplan.verify.matching.SeedMatcher;
import org.seedplan.verify.matching.SeedMatching;
import org.seedplan.verify.scanner.BenchScanSpec;
import org.seedplan.verify.scanner.DenseObject;
import org.seedplan.verify.scanner.HuScale;
import org.seedplan.verify.scanner.ScannerModel;
import org.seedplan.verify.scanner.SimulatedPostOpScan;
import org.seedplan.verify.scanner.SliceProfile;
import org.seedplan.verify.scanner.TrueSeed;

/**
 * The tuning run of the seed finder, by hand only (its name is no test's, so a build runs it only when named:
 * {@code mvn … -pl seedplan-verify test -Dtest=SeedFinderTuningRun -Dseedfinder.tuning=100
 * -Dseedfinder.tuning.scans=54}; the tuning sets of docs/seed-finder.md are 100–153 and 200–253): the scan matrix of
 * {@link SeedFinderOnIndependentScansTest} (slice thickness × profile × HU scale, a screw on even random seeds and a
 * stent on odd ones) made from other random seeds (from the given one, 18 scans unless told), printing each miss
 * and false seed with the situation of the nearest true seed. The acceptance scans (9000–9017) are refused, and so is
 * any part of the fresh acceptance sets 9100–9135, 9200–9235 and 9300–9335 except a whole set ({@code -Dseedfinder.tuning=9100
 * -Dseedfinder.tuning.scans=36}, printed as ACCEPTANCE: each run once, on the finder of its time, never to tune), and the
 * third round's fresh sets 9400–9635 altogether ({@link SeedFinderFreshSetRun} runs them).
 */
@EnabledIfSystemProperty(named = "seedfinder.tuning", matches = "\\d+")
class SeedFinderTuningRun {

    @Test
    void printsMissesAndFalseSeedsOnTheTuningScans() {
        long from = Long.parseLong(System.getProperty("seedfinder.tuning"));
        int scans = Integer.parseInt(System.getProperty("seedfinder.tuning.scans", "18"));
        boolean fresh = (from == 9100 || from == 9200 || from == 9300) && scans == 36;
        if ((from < 9018 && from + scans > 9000) || (!fresh && from < 9336 && from + scans > 9100)
                || (from < 9636 && from + scans > 9400)) {
            throw new IllegalArgumentException("random seeds " + from + "… overlap the acceptance scans 9000–9017,"
                    + " 9100–9135, 9200–9235, 9300–9335 or 9400–9635: tune on others");
        }
        int truth = 0;
        int found = 0;
        int falses = 0;
        long nanos = 0;
        double errorSumMm = 0;
        double angleSumDeg = 0;
        int isolated = 0;
        for (int n = 0; n < scans; n++) {
            long randomSeed = from + n;
            int cell = n % 18;
            double slice = new double[] {1.25, 2.5, 5}[cell / 6];
            SliceProfile profile = SliceProfile.values()[(cell / 2) % 3];
            HuScale scale = HuScale.values()[cell % 2];
            Set<DenseObject.Kind> metal = Set.of(randomSeed % 2 == 0 ? DenseObject.Kind.SCREW : DenseObject.Kind.STENT);
            SimulatedPostOpScan s = SimulatedPostOpScan.generate(
                    BenchScanSpec.test(slice, ScannerModel.typical(profile, scale), metal, randomSeed));
            long t0 = cpuNanos();
            SeedFinding f = new SeedFinder().find(s.ct());
            nanos += cpuNanos() - t0;
            List<Vec3> t = s.seeds().stream().map(TrueSeed::centreMm).toList();
            List<Vec3> fc = f.seeds().stream().map(FoundSeed::centreMm).toList();
            SeedMatching m = new SeedMatcher(2.5).match(t, fc);
            truth += t.size();
            found += m.matches().size();
            falses += m.extraFound().size();
            for (var x : m.matches()) {
                errorSumMm += x.distanceMm();
                TrueSeed ts = s.seeds().get(x.planned());
                FoundSeed fs = f.seeds().get(x.found());
                if (ts.isolated() && fs.seedsInBlob() == 1) {
                    isolated++;
                    angleSumDeg += Math.toDegrees(Math.acos(Math.min(1, Math.abs(ts.axis().dot(fs.axis())))));
                }
            }
            String label = String.format(Locale.ROOT, "%d %.2f mm %s %s", randomSeed, slice, profile, scale);
            if (!m.missingPlanned().isEmpty() || !m.extraFound().isEmpty()) {
                System.out.println(label + ": " + m.matches().size() + "/" + t.size() + ", " + m.extraFound().size()
                        + " false  (sigmaXY " + r(f.calibration().psfSigmaInPlaneMm()) + " sigmaZ "
                        + r(f.calibration().psfSigmaAxialMm()) + " len " + r(f.calibration().seedImageLengthMm()) + ")");
            }
            for (int i : m.missingPlanned()) {
                TrueSeed ts = s.seeds().get(i);
                int near = nearest(fc, ts.centreMm());
                System.out.println("   MISS " + ts.situation() + " at " + v(ts.centreMm()) + " axis " + v(ts.axis())
                        + (near < 0 ? "" : "; nearest found " + r(fc.get(near).minus(ts.centreMm()).norm())
                        + " mm, in blob of " + f.seeds().get(near).seedsInBlob()));
            }
            for (int i : m.extraFound()) {
                FoundSeed fs = f.seeds().get(i);
                int near = nearest(t, fs.centreMm());
                System.out.println("   FALSE at " + v(fs.centreMm()) + " in blob of " + fs.seedsInBlob() + " conf "
                        + fs.confidence() + "; nearest true " + s.seeds().get(near).situation() + " "
                        + r(t.get(near).minus(fs.centreMm()).norm()) + " mm; nearest other metal " + nearestOther(s, fs.centreMm()));
            }
        }
        System.out.printf(Locale.ROOT, "%s %d..%d: %d of %d found (%.2f %%), %d false (%.2f per 100), mean centre error"
                + " %.3f mm, isolated seeds' axis error %.1f°, %.0f ms process CPU per scan%n", fresh ? "ACCEPTANCE" : "TUNING", from,
                from + scans - 1, found, truth, 100.0 * found / truth, falses, 100.0 * falses / truth, errorSumMm / found,
                angleSumDeg / isolated, nanos / 1e6 / scans);
        // The 54-scan tuning sets measured 99.46 % and 99.62 % found, 0.45 and 0.38 false per 100 (docs/seed-finder.md,
        // third round; after the second 99.36 % and 99.55 %, 0.54 and 0.35; before it 99.30 % and 99.49 %, 0.86 and 0.83;
        // 18-scan subsets vary more: 100–117 gives 1.05). Below the finder before the z scan and the unclipped content
        // (99.11 % found, 1.25 false per 100 on 100–153) a change has made it worse.
        assertThat(found / (double) truth).as("share found on the tuning scans").isGreaterThanOrEqualTo(0.9911);
        assertThat(100.0 * falses / truth).as("false seeds per 100 on the tuning scans").isLessThanOrEqualTo(1.25);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String nearestOther(SimulatedPostOpScan s, Vec3 p) {
        String best = "none";
        double d = Double.POSITIVE_INFINITY;
        for (DenseObject o : s.others()) {
            double e = o.centreMm().minus(p).norm();
            if (e < d) {
                d = e;
                best = o.kind() + " " + r(e) + " mm";
            }
        }
        return best;
    }

    private static int nearest(List<Vec3> pts, Vec3 p) {
        int best = -1;
        double d = Double.POSITIVE_INFINITY;
        for (int i = 0; i < pts.size(); i++) {
            double e = pts.get(i).minus(p).norm();
            if (e < d) {
                d = e;
                best = i;
            }
        }
        return best;
    }

    private static String r(double x) {
        return String.format(Locale.ROOT, "%.2f", x);
    }

    private static String v(Vec3 p) {
        return String.format(Locale.ROOT, "(%.1f, %.1f, %.1f)", p.x(), p.y(), p.z());
    }
}
