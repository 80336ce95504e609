package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.verify.matching.MatchTally;
import org.seedplan.verify.matching.SeedMatching;
import org.seedplan.verify.scanner.SimulatedPostOpScan;

/**
 * One seed's metal content where the first estimate is several seeds' ({@link SeedFinder#singleSeedContent}), and the self-check's
 * first line where most objects of a single seed's size are rejected as far lighter than a seed
 * ({@link SelfCheck#withSeedContentUnsure}), and a first estimate the single seeds read at under 0.75 of replaced by their
 * median (all-implant 4717; docs/seed-finder.md, forty-third round: seedcalib25, seedclip25).
 */
class SingleSeedContentTest {

    @Test
    void theSingleSeedsGiveTheContentWhereTheFirstEstimateLeavesOutObjectsAtTheSeedsLevel() {
        // Scan 4715's objects in numbers: the first estimate 243 000 HU·mm³ (three seeds'); 16 of 53 objects hold 0.35 of it
        // (pairs, clumps, merged needle seeds and the wire's pieces of 11-38 voxels, and 6 heavy single seeds of 5-8 voxels) and
        // 37 single seeds of 7 voxels hold 76-80 000, 25 of them peaking at the seeds' level (3071 HU). Before: the typical
        // object was taken among the 16 (14 voxels) and the estimate stood. Now the 25 count too: the median of the 31 objects of
        // 5-8 voxels among the 41 is returned, exactly (the contents are given: no tolerance).
        Scene scene = new Scene();
        for (int n = 0; n < 37; n++) {
            scene.add(7, n < 25 ? 3071 : 2600, 76_000.0 + 100 * n);
        }
        int[] heavySizes = {11, 14, 14, 17, 18, 19, 19, 21, 38, 38, 8, 7, 7, 6, 5, 5};
        for (int k = 0; k < heavySizes.length; k++) {
            scene.add(heavySizes[k], k < 8 || k > 9 ? 3071 : 2700, k < 10 ? 160_000.0 + 20_000 * k : 86_000.0 + 2_000 * k);
        }
        assertThat(scene.singleSeedContent(243_000)).isEqualTo(77_500.0);
    }

    @Test
    void theFirstEstimateStandsWhereTheLightObjectsPeakUnderTheSeedsLevel() {
        // Scan 4700 (1.25 mm box, 12-bit) in numbers: 67 objects hold a seed's share of the estimate, one seed's, and 71 of a
        // stent's struts (1-4 voxels, 0.1-0.35 of a seed's metal) do not; 2 of the struts peak at the seeds' level. The struts
        // outnumber the seeds, but peak under their level: the estimate stands.
        Scene scene = new Scene();
        for (int n = 0; n < 67; n++) {
            scene.add(16, 3071, 78_000.0 + 100 * n);
        }
        for (int n = 0; n < 71; n++) {
            scene.add(1 + n % 4, n < 2 ? 3071 : 2400, 8_000.0 + 200 * n);
        }
        assertThat(scene.singleSeedContent(81_000)).isEqualTo(81_000.0);
    }

    @Test
    void allImplantScan4715FindsItsSeedsNotTheWire() {
        // 4715 (5 mm triangle, extended; this round's fresh all-implant set, seen now): the first estimate of one seed's content was
        // three seeds' and the isolated seeds were pairs and the wire's pieces: 9 of 59 found, 8 false seeds on the wire, and no
        // line said so. Now 59 of 59, none false (measured on the branch; bounds: at most 2 lost and 1 false, as the seen 5 mm
        // extended all-implant scans lose 0-2), and the line stays silent.
        SimulatedPostOpScan s = IndependentScanMatrix.allImplants(4715, 15);
        SeedFinding f = new SeedFinder().find(s.ct());
        SeedMatching m = IndependentScanMatrix.score(s, f, new MatchTally());
        assertThat(m.matches()).as("4715: seeds found of %d", s.seeds().size()).hasSizeGreaterThanOrEqualTo(57);
        assertThat(m.extraFound()).as("4715: false seeds").hasSizeLessThanOrEqualTo(1);
        assertThat(f.calibration().singleSeedVolumeMm3()).as("4715: one seed's volume, mm³ (7 voxels of 3.2)").isLessThan(30);
        assertThat(f.selfCheck()).noneMatch(l -> l.startsWith("SEED CONTENT UNSURE"));
    }

    @Test
    void mostObjectsOfASeedsSizeRejectedAsLighterComesFirst() {
        List<String> lines = List.of("OTHER METAL: 36 object(s) not shaped like seeds, not counted");
        // 4715 read with the content the forty-second round's finder learned: 34 of the 41 objects of a single seed's size rejected
        // (measured with the rule switched off in a scratch build; on the 252 seen scans run none is).
        List<String> out = SelfCheck.withSeedContentUnsure(lines, 34, 41, 243_363);
        assertThat(out).hasSize(2).endsWith(lines.get(0));
        assertThat(out.get(0)).startsWith("SEED CONTENT UNSURE: 34 of the 41 objects of a single seed's size").contains("243363 HU·mm³");
        // Half of them is not most: silent (the bar is strict).
        assertThat(SelfCheck.withSeedContentUnsure(lines, 25, 50, 80_000)).isSameAs(lines);
        assertThat(SelfCheck.withSeedContentUnsure(lines, 0, 0, 80_000)).isSameAs(lines);
    }

    @Test
    void aFirstEstimateTheSinglesReadAt0618OfIsReplacedByTheirMedian() {
        // 4717 (5 mm Gaussian, extended): the single seeds' median 0.618 of the first estimate (126 771 HU·mm³, drawn up by merged
        // needle pairs): over the eighth round's 0.6, under 0.75. 21 singles of 7 voxels spread ±5 % about 78 300 as they did there,
        // 6 pairs of 14 voxels; the answer is the singles' median, exactly (a median of given numbers). They peak under the seeds'
        // level, so only the share of the estimate decides (seedclip25).
        Scene scene = new Scene();
        for (int n = 0; n <= 20; n++) {
            scene.add(7, 2600, 78_300 * (1 + 0.05 * (n - 10) / 10.0));
        }
        for (int n = 0; n < 6; n++) {
            scene.add(14, 2600, 2 * 78_300.0);
        }
        assertThat(scene.singleSeedContent(126_771)).isEqualTo(78_300.0);
    }

    @Test
    void aFirstEstimateTheSinglesMeetIsKept() {
        // 4716 (5 mm Gaussian 12-bit), the least share seen where the first estimate is one seed's: 0.897. It stands.
        Scene scene = new Scene();
        for (int n = 0; n <= 20; n++) {
            scene.add(7, 2600, 0.897 * 80_755 * (1 + 0.05 * (n - 10) / 10.0));
        }
        for (int n = 0; n < 6; n++) {
            scene.add(14, 2600, 2 * 80_755.0);
        }
        assertThat(scene.singleSeedContent(80_755)).isEqualTo(80_755.0);
    }

    /** Objects as runs of voxels along x, one per row of the grid, each with its peak and its metal content. */
    private static final class Scene {
        private static final Grid GRID = new Grid(new Vec3(0, 0, 0), 0.8, 0.8, 5, 40, 50, 4);
        private final float[] ct = new float[GRID.nx() * GRID.ny() * GRID.nz()];
        private final List<Blob> blobs = new ArrayList<>();
        private final List<Double> contents = new ArrayList<>();

        void add(int size, float peakHu, double content) {
            int row = blobs.size();
            int[] v = new int[size];
            for (int i = 0; i < size; i++) {
                v[i] = GRID.index(i, row % GRID.ny(), 1 + row / GRID.ny());
                ct[v[i]] = peakHu;
            }
            blobs.add(new Blob(GRID, v, ct));
            contents.add(content);
        }

        double singleSeedContent(double firstEstimate) {
            return SeedFinder.singleSeedContent(blobs, contents.stream().mapToDouble(Double::doubleValue).toArray(), firstEstimate, 3071);
        }
    }
}
