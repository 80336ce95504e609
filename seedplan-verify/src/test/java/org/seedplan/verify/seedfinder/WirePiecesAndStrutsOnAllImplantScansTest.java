package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;
import org.seedplan.verify.matching.MatchTally;
import org.seedplan.verify.matching.SeedMatching;
import org.seedplan.verify.scanner.SimulatedPostOpScan;

/**
 * The all-implant scans 1800-1817 (seen since the sixteenth round) lost seeds and counted false ones on the wire and the stent
 * (docs/seed-finder.md, seventeenth round). A wire crossing thick slices at a slant rises to the seeds' peak level in short pieces,
 * which are split off the wire's object; a piece too short for the rod tests was counted as a seed. A stent's struts crossing make
 * faint objects holding a seed's metal; one with no other faint object within 5 mm was counted, though at the low level it joins
 * struts reaching 10 mm and more from it, where a seed's image reaches under 7 mm. A needle seed split by a 5 mm slice boundary
 * stands alone and faint on an extended scale, and was taken for light metal (a strut or a wire) by its low peak.
 */
class WirePiecesAndStrutsOnAllImplantScansTest {

    @Test
    void aPieceOfTheWireIsNamedNotCounted() {
        // 1812 (5 mm box, 12-bit) and 1813 (5 mm box, extended): one piece of 3 and of 5 voxels split off the wire at the peak level,
        // 0.47 and 0.71 seeds' metal, fitted as one seed explaining 0.80 and 0.70: each a false seed before. Now the wire's, named.
        for (int n = 12; n <= 13; n++) {
            Scored r = scored(1800 + n, n);
            assertThat(r.falseOn("wire")).as("%d: false seeds on the wire", 1800 + n).isZero();
            assertThat(r.finding().selfCheck()).as("%d: the piece named", 1800 + n)
                    .anyMatch(l -> l.startsWith("METAL MAY HIDE A SEED: a piece of a wire"));
            assertThat(r.matching().matches()).as("%d: seeds found", 1800 + n).hasSize(n == 12 ? 58 : 59);
        }
    }

    @Test
    void aFaintCrossingOfTheStentsStrutsIsNotASeed() {
        // 1810 (2.5 mm Gaussian, 12-bit): a faint object of 3 voxels, 0.68 seeds' metal, explained 0.33, joins at the low level metal
        // reaching 11.3 mm from it; a false seed on the stent before. 1812's (5 mm box) reaches 11.9 mm.
        for (int n : new int[] {10, 12}) {
            Scored r = scored(1800 + n, n);
            assertThat(r.falseOn("stent")).as("%d: false seeds on the stent", 1800 + n).isZero();
        }
    }

    @Test
    void aFaintNeedleSeedStandingAloneOnAnExtendedScaleIsFound() {
        // 1815 (5 mm triangle, extended): the needle seed at (-14.3, -4.3, 0.2) mm lies 2.3 mm from its slice's centre, at the boundary;
        // its object is one voxel peaking at 1500 HU (0.39 of the single seeds' 3834 HU), 0.82 seeds' metal, explained 0.30, and at
        // the low level it reaches 4.3 mm. Rejected as light metal before (57 of 59 found); found now.
        Scored r = scored(1815, 15);
        Vec3 needle = new Vec3(-14.3, -4.3, 0.2);
        assertThat(r.finding().seeds()).as("1815: the needle seed found within the scoring gate")
                .anyMatch(x -> x.centreMm().minus(needle).norm() <= IndependentScanMatrix.MATCH_GATE_MM);
        assertThat(r.matching().matches()).as("1815: seeds found").hasSize(58);
        assertThat(r.matching().extraFound()).as("1815: false seeds").isEmpty();
    }

    private record Scored(SimulatedPostOpScan scan, SeedFinding finding, SeedMatching matching) {
        long falseOn(String kind) {
            return matching.extraFound().stream().filter(i -> OtherMetalScansRun.cause(scan, finding.seeds().get(i).centreMm()).equals(kind))
                    .count();
        }
    }

    private static Scored scored(long randomSeed, int n) {
        SimulatedPostOpScan s = IndependentScanMatrix.allImplants(randomSeed, n);
        SeedFinding f = new SeedFinder().find(s.ct());
        return new Scored(s, f, IndependentScanMatrix.score(s, f, new MatchTally()));
    }
}
