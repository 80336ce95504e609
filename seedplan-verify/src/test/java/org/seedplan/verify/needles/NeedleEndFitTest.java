package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/**
 * One straight needle in soft tissue drawn by {@link IntraOpCtGenerator} (written apart from the fit), its end fitted from
 * a point 1 mm short of the true tip on the true axis: the fitted tip against the drawn one.
 */
class NeedleEndFitTest {

    private static final Vec3 TIP = new Vec3(0, 0, 0);

    /** The drawn needle: 60 mm of steel ending at {@link #TIP}, 8° out of the axial plane. */
    private static SimulatedNeedle needle() {
        Vec3 axis = new Vec3(0.1, 1, Math.tan(Math.toRadians(8))).normalized();
        return new SimulatedNeedle(TIP.minus(axis.times(60)), TIP, new Vec3(1, 0, 0), 0);
    }

    private static Volume scan(double sliceMm, IntraOpScanner.SliceProfile profile, double clipHu, double bevelMm) {
        int nz = (int) Math.round(40 / sliceMm);
        Grid grid = new Grid(new Vec3(-30.1, -70.2, -sliceMm * (nz - 1) / 2 + 0.3), 0.75, 0.75, sliceMm, 80, 120, nz);
        IntraOpScanner scanner = new IntraOpScanner(0.9, profile, 20, 0, clipHu);
        return new IntraOpCtGenerator(scanner, bevelMm).render(grid, List.of(needle()), List.of(), 7);
    }

    private static double tipError(Volume ct, double clipHu, int bevel) {
        SimulatedNeedle n = needle();
        Vec3 axis = n.axisAtTip(10);
        NeedleEndFit fit = NeedleEndFit.of(ct, TIP.minus(axis.times(1.0)), axis, clipHu, 50, NeedleEndFit.BEVELS_MM, null);
        assertThat(fit).as("fit").isNotNull();
        return fit.tipOffsetMm(bevel) - 1.0;
    }

    @Test
    void findsTheTipOfAClippedNeedleOnThickBoxSlices() {
        // Tolerance 0.3 mm: a third of the 1 mm; the acceptance scans (streaks, seeds, bent needles) reach 0.66 mm along the axis.
        assertThat(Math.abs(tipError(scan(2.5, IntraOpScanner.SliceProfile.BOX, 3071, 3.5), 3071, NeedleEndFit.USUAL_BEVEL)))
                .isLessThanOrEqualTo(0.3);
    }

    @Test
    void findsTheTipOfAClippedNeedleOnThinGaussianSlices() {
        assertThat(Math.abs(tipError(scan(1.25, IntraOpScanner.SliceProfile.GAUSSIAN, 3071, 3.5), 3071, NeedleEndFit.USUAL_BEVEL)))
                .isLessThanOrEqualTo(0.3);
    }

    @Test
    void aShortBevelFitsBetterWithAShortBevelThanWithTheUsualOne() {
        // A needle ground at 30° (2.2 mm bevel), unclipped: the least misfit among the lengths tried lies at 1.5–3.0 mm.
        Volume ct = scan(1.25, IntraOpScanner.SliceProfile.TRIANGLE, 30710, 2.2);
        SimulatedNeedle n = needle();
        Vec3 axis = n.axisAtTip(10);
        NeedleEndFit fit = NeedleEndFit.of(ct, TIP.minus(axis.times(1.0)), axis, Double.POSITIVE_INFINITY, 50, NeedleEndFit.BEVELS_MM, null);
        assertThat(fit).isNotNull();
        int best = 0;
        for (int b = 1; b < NeedleEndFit.BEVELS_MM.length; b++) {
            best = fit.misfit(b) < fit.misfit(best) ? b : best;
        }
        assertThat(NeedleEndFit.BEVELS_MM[best]).isBetween(1.5, 3.0);
        assertThat(Math.abs(fit.tipOffsetMm(best) - 1.0)).as("tip error with the best bevel, mm").isLessThanOrEqualTo(0.3);
    }

    @Test
    void aBevelGivenOutsideTheEstimatesRangeFindsTheTip() {
        // A 6 mm bevel (18 G ground at about 12°, beyond the 1.5-4.5 mm the estimate tries), clipped on 2.5 mm box slices and
        // fitted with the length given: within the same 0.3 mm as the usual bevel.
        Volume ct = scan(2.5, IntraOpScanner.SliceProfile.BOX, 3071, 6.0);
        Vec3 axis = needle().axisAtTip(10);
        NeedleEndFit fit = NeedleEndFit.of(ct, TIP.minus(axis.times(1.0)), axis, 3071, 50, new double[] {6.0}, null);
        assertThat(fit).isNotNull();
        assertThat(Math.abs(fit.tipOffsetMm(0) - 1.0)).as("tip error with the bevel given, mm").isLessThanOrEqualTo(0.3);
    }

    @Test
    void aSeedOnTheShaftDoesNotShortenTheNeedleWhenTheScansMassIsGiven() {
        // The scenario's seed touching needle 5: 4.5 x 0.8 mm, 15 mm behind the tip, against the shaft (out of the axial plane),
        // 27 degrees to it; 5 mm box slices, clipped, the scan's profile given (as the finder gives it on thick slices). The fit
        // starts 1.5 mm short of the tip (the metal runs end 1.6-2.1 mm short), so the seed lies in the shaft stretch (15-7.5 mm
        // behind that end), whose steel mass per mm the tip's model uses. Measured: the shaft 1.73 times the needle's own mass, the
        // tip 0.71 mm short with it (0.19 mm short without the seed), 0.01 mm off with the needle's own mass given.
        double[] profile = {0.5, 4.8, 0.3};
        SimulatedNeedle n = needle();
        Vec3 axis = n.axisAtTip(10);
        Vec3 side = axis.cross(SimulatedNeedle.perpendicular(axis));
        IntraOpCtGenerator.ImplantedSeed seed = new IntraOpCtGenerator.ImplantedSeed(
                n.pointAt(1 - 15 / n.chordMm()).plus(side.times(IntraOpCtGenerator.NEEDLE_RADIUS_MM + IntraOpCtGenerator.SEED_RADIUS_MM + 0.05)),
                axis.plus(side.times(0.5)).normalized());
        int nz = 8;
        Grid grid = new Grid(new Vec3(-30.1, -70.2, -5.0 * (nz - 1) / 2 + 0.3), 0.75, 0.75, 5.0, 80, 120, nz);
        IntraOpCtGenerator generator = new IntraOpCtGenerator(new IntraOpScanner(0.9, IntraOpScanner.SliceProfile.BOX, 20, 0, 3071));
        Volume clean = generator.render(grid, List.of(n), List.of(), 7);
        Volume touched = generator.render(grid, List.of(n), List.of(seed), 7);
        double shortMm = 1.5;
        Vec3 start = TIP.minus(axis.times(shortMm));
        NeedleEndFit own = NeedleEndFit.of(clean, start, axis, 3071, 50, NeedleEndFit.BEVELS_MM, profile);
        NeedleEndFit fitted = NeedleEndFit.of(touched, start, axis, 3071, 50, NeedleEndFit.BEVELS_MM, profile);
        assertThat(own).isNotNull();
        assertThat(fitted).isNotNull();
        // The seed's steel read as the needle's: the shaft heavier than the finder's rule allows the scan's ends.
        assertThat(fitted.firstMassPerMm() / own.firstMassPerMm()).as("shaft mass with the seed / without")
                .isGreaterThan(NeedleFinder.HEAVY_SHAFT_SHARE);
        NeedleEndFit given = NeedleEndFit.of(touched, start, axis, 3071, 50, NeedleEndFit.BEVELS_MM, profile, s -> false, s -> false, 0,
                own.firstMassPerMm());
        assertThat(given).isNotNull();
        // The needle's own mass given (the scan's needles' in the finder): the tip within the other tests' 0.3 mm.
        assertThat(Math.abs(given.tipOffsetMm(NeedleEndFit.USUAL_BEVEL) - shortMm)).as("tip error with the mass given, mm")
                .isLessThanOrEqualTo(0.3);
    }

    @Test
    void anEndDeferredGivesTheWholeFitsAnswers() {
        // The finder's first pass on thick slices defers each end (NeedleEndFit.of, endDeferred): the profile and the first shaft's
        // steel are asked before the end is looked for, then everything else. Every answer must be the whole fit's exactly (the
        // same search on the same voxels, made later; tolerance 0): an end inside the window (1 mm short of the tip), and one
        // 12 mm short whose tip lies beyond the window (TIP_SEARCH_TO_MM, 5 mm), looked for again twice beyond it. 5 mm box
        // slices, clipped (as the seen 12-bit scans), and 3 mm triangle slices, unclipped.
        SimulatedNeedle n = needle();
        Vec3 axis = n.axisAtTip(10);
        Volume[] scans = {scan(5.0, IntraOpScanner.SliceProfile.BOX, 3071, 3.5), scan(3.0, IntraOpScanner.SliceProfile.TRIANGLE, 30710, 3.5)};
        double[] clips = {3071, Double.POSITIVE_INFINITY};
        for (int c = 0; c < scans.length; c++) {
            Volume ct = scans[c];
            double clipHu = clips[c];
            for (double shortMm : new double[] {1.0, 12.0}) {
                Vec3 start = TIP.minus(axis.times(shortMm));
                NeedleEndFit whole = NeedleEndFit.of(ct, start, axis, clipHu, 60 - shortMm, NeedleEndFit.BEVELS_MM, null, s -> false,
                        s -> false, 0, Double.NaN, false);
                NeedleEndFit deferred = NeedleEndFit.of(ct, start, axis, clipHu, 60 - shortMm, NeedleEndFit.BEVELS_MM, null, s -> false,
                        s -> false, 0, Double.NaN, true);
                assertThat(whole).isNotNull();
                assertThat(deferred).isNotNull();
                assertThat(deferred.profile()).as("profile, end not yet looked for").containsExactly(whole.profile());
                assertThat(deferred.firstMassPerMm()).isEqualTo(whole.firstMassPerMm());
                // The end 12 mm short is found beyond the first window; the one 1 mm short inside it (0.3 mm: the tests above).
                assertThat(Math.abs(whole.tipOffsetMm(NeedleEndFit.USUAL_BEVEL) - shortMm)).as("tip error, mm").isLessThanOrEqualTo(0.3);
                for (int b = 0; b < NeedleEndFit.BEVELS_MM.length; b++) {
                    assertThat(deferred.tipOffsetMm(b)).as("tip, bevel %d", b).isEqualTo(whole.tipOffsetMm(b));
                    assertThat(deferred.misfit(b)).isEqualTo(whole.misfit(b));
                    assertThat(deferred.tipAxisUncertaintyMm(b)).isEqualTo(whole.tipAxisUncertaintyMm(b));
                    assertThat(deferred.acrossAtTipMm(b)).isEqualTo(whole.acrossAtTipMm(b));
                }
                // The blind band asked once the end was looked for (asked before, it is the first window's: the test below).
                assertThat(deferred.blindHalfWidthMm(20)).isEqualTo(whole.blindHalfWidthMm(20));
                List<Vec3> path = List.of(n.pointAt(0.5), TIP);
                assertThat(deferred.tipZUncertaintyMm(path, 20)).isEqualTo(whole.tipZUncertaintyMm(path, 20));
                assertThat(deferred.profile()).as("profile, end looked for").containsExactly(whole.profile());
            }
        }
    }

    @Test
    void aDeferredEndsBlindBandIsItsFirstWindowsWithoutLookingForTheEnd() {
        // The blind band's test of the finder's first pass asks a deferred end its band before anything else; it answers from its
        // first window's steel and noise (docs/needles.md, twenty-eighth round, needlespeed8). Where the end lies inside that
        // window (1 mm short) the whole fit ends there too: the same number (tolerance 0). Where it lies 12 mm short the whole fit
        // ends two windows beyond, on the same needle's steel: the band within BAND_TOLERANCE_MM of the whole fit's. 5 mm box
        // slices, clipped (the seen 12-bit box scans, where the band is not 0), with the steel-edged box of 5 mm slices (the band's
        // profile in the finder).
        SimulatedNeedle n = needle();
        Vec3 axis = n.axisAtTip(10);
        Volume ct = scan(5.0, IntraOpScanner.SliceProfile.BOX, 3071, 3.5);
        double[] steelBox = NeedleZFit.steelEdgedBox(0.5, 5);
        for (double shortMm : new double[] {1.0, 12.0}) {
            Vec3 start = TIP.minus(axis.times(shortMm));
            NeedleEndFit whole = NeedleEndFit.of(ct, start, axis, 3071, 60 - shortMm, NeedleEndFit.BEVELS_MM, null, s -> false,
                    s -> false, 0, Double.NaN, false);
            NeedleEndFit deferred = NeedleEndFit.of(ct, start, axis, 3071, 60 - shortMm, NeedleEndFit.BEVELS_MM, null, s -> false,
                    s -> false, 0, Double.NaN, true);
            double band = deferred.blindHalfWidthMm(NeedleFinder.AXIS_CHORD_MM, steelBox);
            double wholeBand = whole.blindHalfWidthMm(NeedleFinder.AXIS_CHORD_MM, steelBox);
            assertThat(band).as("band, end %s mm short", shortMm).isBetween(1.0, 2.5);
            if (shortMm == 1.0) {
                assertThat(band).as("band, end inside the first window").isEqualTo(wholeBand);
            } else {
                assertThat(band).as("band, end beyond the first window").isNotEqualTo(wholeBand);
                assertThat(Math.abs(band - wholeBand)).as("band, end beyond the first window, mm").isLessThanOrEqualTo(BAND_TOLERANCE_MM);
            }
            // Asked after its end was looked for, the deferred fit answers as the whole fit.
            deferred.tipOffsetMm(NeedleEndFit.USUAL_BEVEL);
            assertThat(deferred.blindHalfWidthMm(NeedleFinder.AXIS_CHORD_MM, steelBox)).isEqualTo(wholeBand);
        }
    }

    /**
     * How far a deferred end's blind band may lie from its whole fit's on one needle's steel, mm: the two windows' shafts read one
     * needle's mass per mm and the noise of one scan, and differ by their fits' scatter only (0.002 mm measured here, against
     * a band of 1.6 mm); five times that.
     */
    private static final double BAND_TOLERANCE_MM = 0.01;

    @Test
    void theProfileMadeAsWideAsTheSliceKeepsItsShape() {
        // A 3.74 mm box with σ 0.77 mm (scan 2625's median of the ends' fits) made 5 mm wide at half maximum: σ kept, box widened.
        double[] box = NeedleEndFit.withFwhm(new double[] {0.5, 3.74, 0.77}, 5);
        assertThat(NeedleEndFit.fwhm(box[1], box[2])).isCloseTo(5, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(box[2]).isEqualTo(0.77);
        assertThat(box[0]).isEqualTo(0.5);
        // A Gaussian (FWHM = 2.355 σ analytically) too wide for the slice stays a Gaussian, of the slice's width.
        double[] gauss = NeedleEndFit.withFwhm(new double[] {0.5, 0, 3.0}, 5);
        assertThat(gauss[1]).isZero();
        assertThat(gauss[2]).isCloseTo(5 / 2.35482, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(NeedleEndFit.fwhm(0, 1.0)).isCloseTo(2.35482, org.assertj.core.data.Offset.offset(1e-4));
        // A box with hardly any blur: its FWHM is its width (to 1e-6 mm: the bisection's reach).
        assertThat(NeedleEndFit.fwhm(5, 0.05)).isCloseTo(5, org.assertj.core.data.Offset.offset(1e-6));
    }
}
