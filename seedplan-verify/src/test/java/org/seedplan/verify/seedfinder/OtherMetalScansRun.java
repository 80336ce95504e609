package org.seedplan.verify.seedfinder;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.seedplan.verify.matching.MatchTally;
import org.seedplan.geometry.SegmentDistance;
import org.seedplan.geometry.Vec3;
import org.seedplan.verify.matching.SeedMatching;
import org.seedplan.verify.scanner.DenseObject;
import org.seedplan.verify.scanner.Primitive;
import org.seedplan.verify.scanner.SimulatedPostOpScan;
import org.seedplan.verify.scanner.TrueSeed;

/**
 * The seed finder on bench scans holding every kind of other metal the generator draws at once (screw, stent, coil, clip and a
 * 0.8 mm steel wire 78 mm long), by hand only ({@code mvn … -pl seedplan-verify test -Dtest=OtherMetalScansRun
 * -Dseedfinder.othermetal=300}, or several sets: {@code =300,600}): the 18 cells of {@link IndependentScanMatrix} (slice thickness × profile × HU scale) from
 * consecutive random seeds ({@link IndependentScanMatrix#allImplants}), printing per scan the seeds found and false, and the
 * other-metal objects listed. It asserts nothing: it measures how often the implants are read as seeds (docs/seed-finder.md,
 * sixth to eighth rounds). 300–317 and 600–617 (fresh in the seventh round) are tuning scans; 900–917 were drawn after the
 * eighth round's last change and run once. With {@code -Dseedfinder.othermetal.failures=true} it prints each miss and false seed
 * as {@link SeedFinderTuningRun} does. Each false seed is put down to a cause ({@link #cause}) and the causes are counted by
 * slice thickness at the end (docs/seed-finder.md, eleventh round).
 */
@EnabledIfSystemProperty(named = "seedfinder.othermetal", matches = "\\d+(,\\d+)*")
class OtherMetalScansRun {

    @Test
    void printsSeedsAndFalseSeedsOnScansWithEveryImplant() {
        MatchTally all = new MatchTally();
        Map<String, int[]> causes = new TreeMap<>();
        String[] sets = System.getProperty("seedfinder.othermetal").split(",");
        for (String set : sets) {
            run(Long.parseLong(set), all, causes);
        }
        if (sets.length > 1) {
            System.out.println(String.format(Locale.ROOT, "ALL SETS: %d of %d found (%.2f %%), %d false (%.2f per 100)", all.found(),
                    all.truth(), 100 * all.foundShare(), all.falses(), all.falsePer100()));
        }
        causes.forEach((c, k) -> System.out.println(String.format(Locale.ROOT, "CAUSE %s: %d (1.25 mm %d, 2.5 mm %d, 5 mm %d)", c,
                k[0] + k[1] + k[2], k[0], k[1], k[2])));
    }

    private static void run(long from, MatchTally all, Map<String, int[]> causes) {
        MatchTally total = new MatchTally();
        for (int n = 0; n < 18; n++) {
            SimulatedPostOpScan s = IndependentScanMatrix.allImplants(from + n, n);
            SeedFinding f = new SeedFinder().find(s.ct());
            MatchTally one = new MatchTally();
            SeedMatching m = IndependentScanMatrix.score(s, f, one, total, all);
            long other = f.rejected().stream().filter(o -> o.reason() == RejectedObject.Reason.OTHER_METAL).count();
            System.out.println(String.format(Locale.ROOT, "%d %s: %d of %d found, %d false, %d other-metal objects, %d METAL MAY HOLD"
                    + " SEEDS or HIDE A SEED lines", from + n, IndependentScanMatrix.label(n), m.matches().size(), s.seeds().size(), m.extraFound().size(),
                    other, SeedsAtOtherMetalScenes.metalHoldingLines(f)));
            for (String l : f.selfCheck()) {
                if (l.startsWith("METAL MAY HIDE A SEED: a small object near")) {
                    TrueSeed at = SeedFinderTuningRun.nearestMissed(l, s, m);
                    System.out.println("   " + l.substring(0, 90) + " ..." + (at == null ? " (no missed seed there)"
                            : " (a missed seed " + at.situation() + ")"));
                }
            }
            for (int i : m.extraFound()) {
                FoundSeed x = f.seeds().get(i);
                String c = cause(s, x.centreMm());
                causes.computeIfAbsent(c, k -> new int[3])[n / 6]++;
                System.out.println(String.format(Locale.ROOT, "   false seed on %s at (%.1f, %.1f, %.1f) mm, %d in its object", c,
                        x.centreMm().x(), x.centreMm().y(), x.centreMm().z(), x.seedsInBlob()));
            }
            if (Boolean.getBoolean("seedfinder.othermetal.failures")) {
                SeedFinderTuningRun.printFailures(Long.toString(from + n), s, f, m);
            }
        }
        System.out.println(String.format(Locale.ROOT, "ALL %d..%d: %d of %d found (%.2f %%), %d false (%.2f per 100)", from,
                from + 17, total.found(), total.truth(), 100 * total.foundShare(), total.falses(), total.falsePer100()));
    }

    /**
     * What a false seed sits on: the kind of the implant whose metal (a primitive's surface) lies nearest it within the scoring
     * gate ({@value IndependentScanMatrix#MATCH_GATE_MM} mm), else a true seed within twice the gate (a seed counted twice, or one
     * of a group counted once too often), else nothing the bench placed (noise, bone).
     */
    static String cause(SimulatedPostOpScan s, Vec3 p) {
        String best = null;
        double d = IndependentScanMatrix.MATCH_GATE_MM;
        for (DenseObject o : s.others()) {
            for (Primitive q : o.primitives()) {
                double e = SegmentDistance.between(p, p, q.a(), q.b()) - q.outerRadiusMm();
                if (e <= d) {
                    d = e;
                    best = o.kind().name().toLowerCase(Locale.ROOT);
                }
            }
        }
        if (best != null) {
            return best;
        }
        TrueSeed near = null;
        double e = 2 * IndependentScanMatrix.MATCH_GATE_MM;
        for (TrueSeed t : s.seeds()) {
            if (t.centreMm().distanceTo(p) <= e) {
                e = t.centreMm().distanceTo(p);
                near = t;
            }
        }
        return near == null ? "nothing placed" : "beside a true seed (" + near.situation().name().toLowerCase(Locale.ROOT) + ")";
    }
}
