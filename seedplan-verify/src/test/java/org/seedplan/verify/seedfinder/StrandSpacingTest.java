package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;

/**
 * The seeds of one object lying in line as a needle's strand, put down again evenly spaced between its end seeds
 * ({@link SliceCentring#evenAlongStrand}; docs/seed-finder.md, twenty-ninth round, seedneedle11). Synthetic seeds on a steep line
 * along (0.1, 0, 1); the places are exact (a straight line), so the tolerance is rounding only.
 */
class StrandSpacingTest {

    /** The strand's direction, steep as 18330's and 18531's (axis z 0.96-0.98). */
    private static final Vec3 DIR = new Vec3(0.1, 0, 1).normalized();

    /** A fitted seed {@code alongMm} along the strand from the origin, {@code acrossMm} off it along y, its axis tilted off the line. */
    private static FoundSeed at(double alongMm, double acrossMm) {
        return new FoundSeed(DIR.times(alongMm).plus(new Vec3(0, acrossMm, 0)), new Vec3(0.4, -0.7, 0.6).normalized(), 0.2, 3);
    }

    @Test
    void threeSeedsFittedWithTwoBunchedAreOfferedTheirEvenSpacing() {
        // 18531's fit: gaps 11.12 and 4.58 mm along the line; even, the middle seed lies halfway, 7.85 mm from each end.
        List<FoundSeed> fitted = List.of(at(0, 0), at(11.12, 0.5), at(15.70, 0));
        List<FoundSeed> even = SliceCentring.evenAlongStrand(fitted, 3);
        assertThat(even).hasSize(3);
        assertThat(even.get(0).centreMm().minus(DIR.times(0)).norm()).isCloseTo(0, within(1e-9));
        assertThat(even.get(1).centreMm().minus(DIR.times(7.85)).norm()).isCloseTo(0, within(1e-9));
        assertThat(even.get(2).centreMm().minus(DIR.times(15.70)).norm()).isCloseTo(0, within(1e-9));
        assertThat(even.get(1).axis().dot(DIR)).as("each along the line").isCloseTo(1, within(1e-9));
        assertThat(SliceCentring.evenAlongStrand(fitted, 4)).as("one more: 5.23 mm apart, closer than a needle lays them").isNull();
        assertThat(SliceCentring.evenAlongStrand(List.of(at(0, 0), at(9.5, 0), at(18.0, 0)), 3)).as("no gap under 6 mm: as fitted").isNull();
    }

    @Test
    void threeSeedsFittedASpacingAndAHalfApartAreOfferedAFourth() {
        // 18330's fit: 10.61 and 10.87 mm apart; four evenly spaced lie 7.16 mm apart, a needle's spacing.
        List<FoundSeed> fitted = List.of(at(0, 0), at(10.61, 0.3), at(21.48, 0));
        List<FoundSeed> four = SliceCentring.evenAlongStrand(fitted, 4);
        assertThat(four).hasSize(4);
        assertThat(four.get(1).centreMm().minus(DIR.times(7.16)).norm()).isCloseTo(0, within(1e-9));
        assertThat(four.get(2).centreMm().minus(DIR.times(14.32)).norm()).isCloseTo(0, within(1e-9));
        assertThat(four.get(3).centreMm().minus(DIR.times(21.48)).norm()).isCloseTo(0, within(1e-9));
        assertThat(SliceCentring.evenAlongStrand(List.of(at(0, 0), at(9.0, 0), at(17.9, 0)), 4)).as("four 5.97 mm apart: no").isNull();
        assertThat(SliceCentring.evenAlongStrand(List.of(at(0, 0), at(9.0, 0), at(18.1, 0)), 4)).as("four 6.03 mm apart: yes").isNotNull();
        assertThat(SliceCentring.evenAlongStrand(List.of(at(0, 0), at(4.0, 0), at(21.48, 0)), 4)).as("two bunched: not one more").isNull();
        assertThat(SliceCentring.evenAlongStrand(List.of(at(0, 0), at(21.48, 0)), 3)).as("two seeds: no line of its own").isNull();
    }

    @Test
    void theSeedsMustLieInLineAndAtANeedlesSpacing() {
        assertThat(SliceCentring.evenAlongStrand(List.of(at(0, 0), at(11.12, 0.9), at(15.70, 0)), 3)).as("0.9 mm off the line").isNotNull();
        assertThat(SliceCentring.evenAlongStrand(List.of(at(0, 0), at(11.12, 1.1), at(15.70, 0)), 3)).as("1.1 mm off the line").isNull();
        assertThat(SliceCentring.evenAlongStrand(List.of(at(0, 0), at(2.0, 0), at(11.8, 0)), 3)).as("even 5.9 mm apart").isNull();
        assertThat(SliceCentring.evenAlongStrand(List.of(at(0, 0), at(2.0, 0), at(12.2, 0)), 3)).as("even 6.1 mm apart").isNotNull();
        assertThat(SliceCentring.evenAlongStrand(List.of(at(0, 0), at(20.0, 0), at(24.2, 0)), 3)).as("even 12.1 mm apart").isNull();
        assertThat(SliceCentring.evenAlongStrand(List.of(at(0, 0), at(0.6, 0.4), at(0.3, -0.4)), 3)).as("a clump").isNull();
    }
}
