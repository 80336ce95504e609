package org.seedplan.verify.seedfinder;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.seedplan.geometry.Vec3;
import org.seedplan.verify.matching.MatchTally;
import org.seedplan.verify.matching.SeedMatching;
import org.seedplan.verify.scanner.SimulatedPostOpScan;

/**
 * The seed finder on the fresh acceptance sets of the ninth and eleventh rounds (docs/seed-finder.md), by hand only, for a reviewer to
 * re-run: {@code mvn … -pl seedplan-verify test -Dtest=SeedFinderFreshSetRun -Dseedfinder.fresh=21300}. Each set
 * is 36 scans of {@link IndependentScanMatrix} from random seeds nobody tuned on; it prints each set and the pooled figure
 * with its 95 % interval (Wilson score interval of a binomial proportion: the seeds are the trials), with the issue's
 * 2.5 mm gate and, beside it, with the gate argued for 5 mm slices in docs/seed-finder.md (2.5 mm in-plane, half a slice
 * + 1 mm along z on slices thicker than 4 mm). It asserts nothing about the figures: they are measurements, written down
 * once, not a gate to tune against. Earlier rounds' fresh sets (9100–9935, 10000–11835, 12600–21235) have been looked at and
 * are tuning data now ({@link SeedFinderTuningRun}).
 */
@EnabledIfSystemProperty(named = "seedfinder.fresh", matches = "\\d+(,\\d+)*")
class SeedFinderFreshSetRun {

    /**
     * The sets of the next round, to be drawn once after its last change of the finder. The earlier sets
     * (up to 21000–21235, run once on the forty-second round) have been looked at; 11900–12547 hold the overlapping-slice sets
     * (OverlappingSlicesRun).
     */
    static final Set<Long> FRESH_SETS = Set.of(21300L, 21400L, 21500L);
    static final int SCANS_PER_SET = 36;

    @Test
    void printsFoundAndFalseSeedsOnTheFreshSets() {
        MatchTally pooled = new MatchTally();
        MatchTally pooledThickGate = new MatchTally();
        for (String part : System.getProperty("seedfinder.fresh").split(",")) {
            long from = Long.parseLong(part);
            if (!FRESH_SETS.contains(from)) {
                throw new IllegalArgumentException("-Dseedfinder.fresh=" + part + " is not a fresh set of the next round:"
                        + " give 21300, 21400 or 21500 (tune on SeedFinderTuningRun's sets)");
            }
            MatchTally set = new MatchTally();
            int missZ = 0;
            int namedMisses = 0;
            for (int n = 0; n < SCANS_PER_SET; n++) {
                SimulatedPostOpScan s = IndependentScanMatrix.scan(from + n, n);
                SeedFinding f = new SeedFinder().find(s.ct());
                SeedMatching m = IndependentScanMatrix.score(s, f, set, pooled);
                missZ += missesWithZOnly(s, f, m);
                int named = namedMisses(s, f, m);
                namedMisses += named;
                thickSliceGate(s, f, IndependentScanMatrix.sliceMm(n), pooledThickGate);
                if (!m.missingPlanned().isEmpty() || !m.extraFound().isEmpty()) {
                    System.out.printf(Locale.ROOT, "   %d %s: %d missed %s (%d named by a self-check line), %d false%n", from + n,
                            IndependentScanMatrix.label(n), m.missingPlanned().size(),
                            m.missingPlanned().stream().map(i -> s.seeds().get(i).situation().toString()).toList(), named, m.extraFound().size());
                }
            }
            System.out.printf(Locale.ROOT, "FRESH %d..%d: %d of %d found (%.2f %%), %d false (%.2f per 100), %d of the misses"
                            + " found as a false seed over it with z 2.5–3.5 mm off, %d named by a self-check line at their place, mean centre error %.3f mm,"
                            + " isolated seeds' axis error %.1f°%n",
                    from, from + SCANS_PER_SET - 1, set.found(), set.truth(), 100 * set.foundShare(), set.falses(), set.falsePer100(),
                    missZ, namedMisses, set.meanErrorMm(), set.meanAngleDeg());
        }
        print("POOLED", pooled);
        print("POOLED, gate T/2 + 1 mm along z on slices > 4 mm", pooledThickGate);
    }

    private static void print(String label, MatchTally t) {
        double[] ci = MatchTally.wilson95(t.found(), t.truth());
        double[] fi = MatchTally.wilson95(t.falses(), t.truth());
        System.out.printf(Locale.ROOT, "%s: %d of %d found (%.2f %%, 95 %% interval %.2f–%.2f %%), %d false (%.2f per 100,"
                        + " 95 %% interval %.2f–%.2f), mean centre error %.3f mm%s%n", label, t.found(), t.truth(), 100 * t.foundShare(),
                100 * ci[0], 100 * ci[1], t.falses(), t.falsePer100(), 100 * fi[0], 100 * fi[1], t.meanErrorMm(),
                t.angleCount() == 0 ? "" : String.format(Locale.ROOT, ", isolated seeds' axis error %.1f°", t.meanAngleDeg()));
    }

    /**
     * Misses within the match gate of a place a self-check line names (METAL MAY HOLD SEEDS, METAL MAY HIDE A SEED, TWO SEEDS OR
     * THREE, ONE SEED OR TWO), or, for a SEED PLACE ALONG Z UNSURE line (twentieth round), within the gate in-plane and along z within the distance
     * the line states: the seeds the physicist is sent to look for; the rest are lost without a line of their own (the count
     * against the number implanted, not asked here, would still show them).
     */
    static int namedMisses(SimulatedPostOpScan s, SeedFinding f, SeedMatching m) {
        List<Vec3> named = f.selfCheck().stream()
                .filter(l -> l.startsWith("METAL MAY HOLD SEEDS") || l.startsWith("METAL MAY HIDE A SEED") || l.startsWith("TWO SEEDS OR THREE")
                        || l.startsWith("ONE SEED OR TWO"))
                .map(BundlesOnClippedScansTest::near).toList();
        List<String> unsure = f.selfCheck().stream().filter(l -> l.startsWith("SEED PLACE ALONG Z UNSURE")).toList();
        return (int) m.missingPlanned().stream().map(i -> s.seeds().get(i).centreMm())
                .filter(t -> named.stream().anyMatch(at -> t.minus(at).norm() <= IndependentScanMatrix.MATCH_GATE_MM)
                        || unsure.stream().anyMatch(l -> namesAlongZ(l, t))).count();
    }

    /** Whether a SEED PLACE ALONG Z UNSURE line reaches {@code t}: within the gate in-plane, along z within the reach it states. */
    static boolean namesAlongZ(String line, Vec3 t) {
        Vec3 at = BundlesOnClippedScansTest.near(line);
        java.util.regex.Matcher reach = java.util.regex.Pattern.compile("up to ([\\d.]+) mm").matcher(line);
        return reach.find() && Math.hypot(at.x() - t.x(), at.y() - t.y()) <= IndependentScanMatrix.MATCH_GATE_MM
                && Math.abs(at.z() - t.z()) <= Double.parseDouble(reach.group(1));
    }

    /** Misses with an unmatched found seed over them in-plane (within 1 mm), beyond the gate in z only (thick slices). */
    static int missesWithZOnly(SimulatedPostOpScan s, SeedFinding f, SeedMatching m) {
        List<Vec3> t = IndependentScanMatrix.truth(s);
        List<Vec3> fc = IndependentScanMatrix.found(f);
        int n = 0;
        for (int i : m.missingPlanned()) {
            Vec3 p = t.get(i);
            if (m.extraFound().stream().map(fc::get).anyMatch(c -> Math.hypot(c.x() - p.x(), c.y() - p.y()) < 1
                    && Math.abs(c.z() - p.z()) < 3.5)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Scores with the gate argued for thick slices: on slices thicker than 4 mm, a miss whose false seed lies within
     * 2.5 mm in-plane and half a slice + 1 mm along z counts as found (one-to-one, nearest first); otherwise the issue's.
     */
    static void thickSliceGate(SimulatedPostOpScan s, SeedFinding f, double sliceMm, MatchTally tally) {
        SeedMatching m = IndependentScanMatrix.score(s, f, new MatchTally());
        int found = m.matches().size();
        int falses = m.extraFound().size();
        if (sliceMm > 4) {
            List<Vec3> t = IndependentScanMatrix.truth(s);
            List<Vec3> fc = IndependentScanMatrix.found(f);
            java.util.Set<Integer> used = new java.util.HashSet<>();
            for (int i : m.missingPlanned()) {
                Vec3 p = t.get(i);
                for (int j : m.extraFound()) {
                    Vec3 c = fc.get(j);
                    if (!used.contains(j) && Math.hypot(c.x() - p.x(), c.y() - p.y()) <= 2.5
                            && Math.abs(c.z() - p.z()) <= sliceMm / 2 + 1) {
                        used.add(j);
                        found++;
                        falses--;
                        break;
                    }
                }
            }
        }
        tally.addCounts(s.seeds().size(), found, falses);
        for (var x : m.matches()) {
            tally.addError(x.displacementMm());
        }
    }
}
