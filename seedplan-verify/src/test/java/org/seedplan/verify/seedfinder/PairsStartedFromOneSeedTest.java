package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;
import org.seedplan.verify.matching.MatchTally;
import org.seedplan.verify.matching.SeedMatching;
import org.seedplan.verify.scanner.HuScale;
import org.seedplan.verify.scanner.SimulatedPostOpScan;
import org.seedplan.verify.scanner.TrueSeed;

/**
 * The fit of two seeds with beam hardening's bands also starts from the fit of one: two seeds parallel to it, one seed's diameter
 * apart across its axis (docs/seed-finder.md, twenty-sixth round, seedstart7). On seen matrix scan 17328 (2.5 mm Gaussian 12-bit)
 * a flat side-by-side pair (axis z 0.04) whose metal reads 1.88 seeds was fitted as two from the blob's starts with the second seed
 * steep (axis z 0.95), and with the bands that pair gained only 0.033 of a seed's energy over one seed: counted one, no line.
 */
class PairsStartedFromOneSeedTest {

    @Test
    void aFlatPairWhoseFirstStartFailsIsFoundAsTwoFromTheOneSeedStart() {
        // From the one-seed start the pair with its bands gained 0.0749 of a seed's energy (the bar 0.07: seedstart7); from that start
        // settled on the plain image first it gains 0.1083, 0.22 mm apart across its axes (within 1.2): counted two, each seed
        // 0.41 / 0.44 mm from its truth (second part, seedstart8). Before seedstart7 57 of 58 and 0 false (the pair's second seed
        // missed). No tolerance on the counts: the bench scan is drawn from its random seed, so the finder's
        // answer is exact; the places within the bench's 2.5 mm match gate.
        long randomSeed = 17328;
        int n = (int) (randomSeed % 100);
        assertThat(IndependentScanMatrix.scale(n)).isEqualTo(HuScale.CLIPPED_12_BIT);
        assertThat(IndependentScanMatrix.sliceMm(n)).isEqualTo(2.5);
        SimulatedPostOpScan s = IndependentScanMatrix.scan(randomSeed, n);
        List<Vec3> told = Collections.synchronizedList(new ArrayList<>());
        List<Double> gains = Collections.synchronizedList(new ArrayList<>());
        SeedFinding f = new SeedFinder().tellingPairsFromOneSeed((c, gain) -> {
            told.add(c);
            gains.add(gain);
        }).find(s.ct());
        SeedMatching m = IndependentScanMatrix.score(s, f, new MatchTally());
        assertThat(m.matches()).as("seeds found").hasSize(58);
        assertThat(m.extraFound()).as("false seeds").isEmpty();
        List<Vec3> pair = s.seeds().stream().filter(t -> t.situation() == TrueSeed.Situation.SIDE_BY_SIDE).map(TrueSeed::centreMm).toList();
        assertThat(pair).hasSize(2);
        Vec3 mid = pair.get(0).plus(pair.get(1)).times(0.5);
        // The start that won: the pair's object, and nothing else on the scan, was counted two from the one-seed fit.
        assertThat(told).as("objects counted two from the one-seed start").hasSize(1);
        assertThat(told.get(0).minus(mid).norm()).as("the object told, from the pair's middle, mm").isLessThan(1.0);
        // The margin over the bar 0.07: 0.1083 measured (the scan is drawn from its random seed, so the fit is exact to rounding);
        // 0.10 asks the settled start's 0.03 over the bar, which the raw one-seed start (0.0749) does not give.
        assertThat(gains.get(0)).as("the pair's gain with the bands, in one seed's energy").isGreaterThan(0.10);
        // Single seeds are left as they were: no other object is told, and every seed of the scan is found.
        assertThat(m.missingPlanned()).as("seeds not found").isEmpty();
    }
}
