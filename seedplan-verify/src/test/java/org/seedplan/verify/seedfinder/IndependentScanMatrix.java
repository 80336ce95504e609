package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.seedplan.geometry.Vec3;
import org.seedplan.verify.matching.MatchTally;
import org.seedplan.verify.matching.SeedMatch;
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
 * The scan matrix of issue 15 on the independent bench and its scoring, shared by {@link SeedFinderOnIndependentScansTest},
 * {@link SeedFinderTuningRun} and {@link SeedFinderFreshSetRun}: scan n of a set is cell n mod 18 (slice thickness 1.25,
 * 2.5, 5 mm × box, triangle, Gaussian profile × 12-bit, extended scale), with a screw on even random seeds and a stent
 * on odd ones; a found seed is the true one within {@value #MATCH_GATE_MM} mm.
 */
final class IndependentScanMatrix {

    /** The gate: half a seed length, well beyond the centre errors measured. */
    static final double MATCH_GATE_MM = 2.5;

    private IndependentScanMatrix() {
    }

    /** Scan {@code n} of a set, drawn from {@code randomSeed}. */
    static SimulatedPostOpScan scan(long randomSeed, int n) {
        return scan(randomSeed, n, hardening());
    }

    /** Scan {@code n} of a set, drawn from {@code randomSeed}, its beam hardening drawn the given way. */
    static SimulatedPostOpScan scan(long randomSeed, int n, ScannerModel.Hardening hardening) {
        Set<DenseObject.Kind> metal = Set.of(randomSeed % 2 == 0 ? DenseObject.Kind.SCREW : DenseObject.Kind.STENT);
        return SimulatedPostOpScan.generate(BenchScanSpec.test(sliceMm(n), ScannerModel.typical(profile(n), scale(n)).withHardening(hardening),
                metal, randomSeed));
    }

    /**
     * Scan {@code n} of a set with every kind of other metal the generator draws at once (screw, stent, coil, clip and a 0.8 mm
     * steel wire 78 mm long), as {@link OtherMetalScansRun} runs them: the tuning scans 300–317, the fresh ones 600–617.
     */
    static SimulatedPostOpScan allImplants(long randomSeed, int n) {
        Set<DenseObject.Kind> all = Set.of(DenseObject.Kind.SCREW, DenseObject.Kind.STENT, DenseObject.Kind.COIL,
                DenseObject.Kind.CLIP, DenseObject.Kind.WIRE);
        return SimulatedPostOpScan.generate(BenchScanSpec.test(sliceMm(n), ScannerModel.typical(profile(n), scale(n)).withHardening(hardening()), all,
                randomSeed));
    }

    /**
     * Scan {@code n} of a set of overlapping reconstructions, cell n mod 12: slices twice as thick as their spacing (5 mm every
     * 2.5 mm, 2.5 mm every 1.25 mm) × box, triangle, Gaussian profile × 12-bit, extended scale, with a screw on even random
     * seeds and a stent on odd ones.
     */
    static SimulatedPostOpScan overlapping(long randomSeed, int n) {
        int cell = n % 12;
        double spacing = overlappingSpacingMm(n);
        Set<DenseObject.Kind> metal = Set.of(randomSeed % 2 == 0 ? DenseObject.Kind.SCREW : DenseObject.Kind.STENT);
        ScannerModel scanner = ScannerModel.typical(SliceProfile.values()[(cell % 6) / 2], HuScale.values()[cell % 2]);
        return SimulatedPostOpScan.generate(BenchScanSpec.test(spacing, scanner.withSliceThickness(2 * spacing), metal, randomSeed));
    }

    /** The slice spacing of overlapping scan {@code n}, mm (its slices are twice as thick). */
    static double overlappingSpacingMm(int n) {
        return (n % 12) < 6 ? 2.5 : 1.25;
    }

    static String overlappingLabel(int n) {
        int cell = n % 12;
        double spacing = overlappingSpacingMm(n);
        return 2 * spacing + " mm every " + spacing + " mm " + SliceProfile.values()[(cell % 6) / 2] + " " + HuScale.values()[cell % 2];
    }

    /**
     * How the scans draw beam hardening between two objects of a slice: the bench's bands unless a run is given
     * {@code -Dseedfinder.hardening=streaks_through} ({@link ScannerModel.Hardening}, docs/seed-finder.md, sixteenth round).
     */
    static ScannerModel.Hardening hardening() {
        return ScannerModel.Hardening.valueOf(System.getProperty("seedfinder.hardening", "bands_between").toUpperCase(java.util.Locale.ROOT));
    }

    static double sliceMm(int n) {
        return new double[] {1.25, 2.5, 5}[(n % 18) / 6];
    }

    static SliceProfile profile(int n) {
        return SliceProfile.values()[((n % 18) / 2) % 3];
    }

    static HuScale scale(int n) {
        return HuScale.values()[(n % 18) % 2];
    }

    static String label(int n) {
        return sliceMm(n) + " mm " + profile(n) + " " + scale(n);
    }

    /** The true seeds' centres, mm. */
    static List<Vec3> truth(SimulatedPostOpScan s) {
        return s.seeds().stream().map(TrueSeed::centreMm).toList();
    }

    /** The found seeds' centres, mm. */
    static List<Vec3> found(SeedFinding f) {
        return f.seeds().stream().map(FoundSeed::centreMm).toList();
    }

    /**
     * Asserts, for each row {random seed, found, false seeds}, what the finder gives on the matrix scan drawn from that random seed
     * (its place in its set from the last two digits), whose label starts with {@code labelPrefix}: the seen scans a change was
     * made for, pinned whole (no tolerance: the scans are drawn from their random seeds).
     */
    static void assertFoundAndFalse(String labelPrefix, long[][] expected) {
        for (long[] e : expected) {
            int n = (int) (e[0] % 100);
            SimulatedPostOpScan s = scan(e[0], n);
            assertThat(label(n)).startsWith(labelPrefix);
            SeedMatching m = score(s, new SeedFinder().find(s.ct()), new MatchTally());
            assertThat(m.matches()).as("%d: found", e[0]).hasSize((int) e[1]);
            assertThat(m.extraFound()).as("%d: false seeds", e[0]).hasSize((int) e[2]);
        }
    }

    /**
     * Matches the found seeds to the true ones within the gate and adds the counts, centre errors and (isolated seeds
     * found alone) axis errors to each tally.
     */
    static SeedMatching score(SimulatedPostOpScan s, SeedFinding f, MatchTally... tallies) {
        SeedMatching m = new SeedMatcher(MATCH_GATE_MM).match(truth(s), found(f));
        for (MatchTally t : tallies) {
            t.addCounts(s.seeds().size(), m.matches().size(), m.extraFound().size());
            for (SeedMatch x : m.matches()) {
                t.addError(x.displacementMm());
                TrueSeed ts = s.seeds().get(x.planned());
                FoundSeed fs = f.seeds().get(x.found());
                if (ts.isolated() && fs.seedsInBlob() == 1) {
                    t.addAngle(MatchTally.axisAngleDeg(ts.axis(), fs.axis()));
                }
            }
        }
        return m;
    }
}
