package org.seedplan.verify.seedfinder;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.seedplan.verify.matching.MatchTally;
import org.seedplan.verify.matching.SeedMatching;
import org.seedplan.verify.scanner.SimulatedPostOpScan;

/**
 * The seed finder on bench scans holding every kind of other metal the generator draws at once (screw, stent, coil, clip and a
 * 0.8 mm steel wire 78 mm long), by hand only ({@code mvn … -pl seedplan-verify test -Dtest=OtherMetalScansRun
 * -Dseedfinder.othermetal=300}): the 18 cells of {@link IndependentScanMatrix} (slice thickness × profile × HU scale) from
 * consecutive random seeds ({@link IndependentScanMatrix#allImplants}), printing per scan the seeds found and false, and the
 * other-metal objects listed. It asserts nothing: it measures how often the implants are read as seeds (docs/seed-finder.md,
 * sixth to eighth rounds). 300–317 and 600–617 (fresh in the seventh round) are tuning scans; 900–917 were drawn after the
 * eighth round's last change and run once. With {@code -Dseedfinder.othermetal.failures=true} it prints each miss and false seed
 * as {@link SeedFinderTuningRun} does.
 */
@EnabledIfSystemProperty(named = "seedfinder.othermetal", matches = "\\d+")
class OtherMetalScansRun {

    @Test
    void printsSeedsAndFalseSeedsOnScansWithEveryImplant() {
        long from = Long.parseLong(System.getProperty("seedfinder.othermetal"));
        MatchTally total = new MatchTally();
        for (int n = 0; n < 18; n++) {
            SimulatedPostOpScan s = IndependentScanMatrix.allImplants(from + n, n);
            SeedFinding f = new SeedFinder().find(s.ct());
            MatchTally one = new MatchTally();
            SeedMatching m = IndependentScanMatrix.score(s, f, one, total);
            long other = f.rejected().stream().filter(o -> o.reason() == RejectedObject.Reason.OTHER_METAL).count();
            System.out.println(String.format(Locale.ROOT, "%d %s: %d of %d found, %d false, %d other-metal objects, %d METAL MAY HOLD"
                    + " SEEDS lines", from + n, IndependentScanMatrix.label(n), m.matches().size(), s.seeds().size(), m.extraFound().size(),
                    other, SeedsAtOtherMetalScenes.metalHoldingLines(f)));
            if (Boolean.getBoolean("seedfinder.othermetal.failures")) {
                SeedFinderTuningRun.printFailures(Long.toString(from + n), s, f, m);
            }
        }
        System.out.println(String.format(Locale.ROOT, "ALL %d..%d: %d of %d found (%.2f %%), %d false (%.2f per 100)", from,
                from + 17, total.found(), total.truth(), 100 * total.foundShare(), total.falses(), total.falsePer100()));
    }
}
