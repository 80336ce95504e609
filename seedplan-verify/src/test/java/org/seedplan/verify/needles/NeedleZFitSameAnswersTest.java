package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The z fit's work cut where the answer cannot move (docs/needles.md, twenty-ninth round, needlespeed11), compared bit for bit
 * with the computation it replaces (no tolerance: the finder's answers must not move): the refined grid without its coarse
 * points against the refined grid with them; the mass's simplex on a line whose steel is kept against each trial summed afresh;
 * the interval's answer read from the least value its search met against the returned point's misfit summed again. The voxels
 * are drawn about a line of steel in 5 mm box slices whose edge is the steel's own section (the narrowest minima), 12-bit clip,
 * with noise and a seed's bright voxels, the line's ends 0-2.4 mm off the slice centre.
 */
class NeedleZFitSameAnswersTest {

    private static final double[][] ENDS = {{0, 0}, {2.1, 1.6}, {2.35, 2.2}, {-2.2, -1.3}, {-0.6, 2.3}, {1.1, 1.4}};

    @Test
    void theRefinedGridLeavingOutItsCoarsePointsFindsTheSamePoints() {
        for (int e = 0; e < ENDS.length; e++) {
            NeedleZFit.Misfit misfit = DrawnZLine.drawn(ENDS[e][0], ENDS[e][1], 4261 + e, true);
            double lnMass = Math.log(6000);
            double[] start = {lnMass, 0, 0};
            double least = misfit.of(start);
            List<Double> steps = DrawnZLine.gridSteps();
            List<Integer> coarse = new ArrayList<>();
            for (int k = 0; k < steps.size(); k += NeedleZFit.COARSE_EVERY) {
                coarse.add(k);
            }
            NeedleZFit.GridBest grid = new NeedleZFit.GridBest(misfit, lnMass, steps, coarse, coarse, List.of(), true, true, start, least,
                    start, least);
            for (boolean held : new boolean[] {true, false}) {
                double[] from = held ? grid.held : grid.own;
                double fromLeast = held ? grid.leastHeld : grid.leastOwn;
                List<Integer> rows = around(steps, from[1]);
                List<Integer> columns = around(steps, from[2]);
                NeedleZFit.GridBest every = new NeedleZFit.GridBest(misfit, lnMass, steps, rows, columns, List.of(), held, !held,
                        held ? from : start, held ? fromLeast : least, held ? start : from, held ? least : fromLeast);
                NeedleZFit.GridBest fewer = new NeedleZFit.GridBest(misfit, lnMass, steps, rows, columns, coarse, held, !held,
                        held ? from : start, held ? fromLeast : least, held ? start : from, held ? least : fromLeast);
                String which = "ends " + ENDS[e][0] + ", " + ENDS[e][1] + (held ? ", mass held" : ", own mass");
                assertThat(held ? fewer.held : fewer.own).as(which).containsExactly(held ? every.held : every.own);
                assertThat(held ? fewer.leastHeld : fewer.leastOwn).as(which).isEqualTo(held ? every.leastHeld : every.leastOwn);
            }
        }
    }

    @Test
    void theMassOnAKeptLinesSteelIsTheMisfitSummedAfresh() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int e = 0; e < ENDS.length; e++) {
            NeedleZFit.Misfit misfit = DrawnZLine.drawn(ENDS[e][0], ENDS[e][1], 4361 + e, true);
            int n = misfit.riseAt(0).length;
            double[] kept = new double[n];
            Arrays.fill(kept, Double.NaN);
            double[] ratio = new double[n];
            double full0 = misfit.of(new double[] {Math.log(6000), 0, 0});
            for (int trial = 0; trial < 40; trial++) {
                double[] x = {Math.log(6000) + rnd.nextDouble(-1, 1), 0, 0};
                double bound = trial % 4 == 0 ? Double.POSITIVE_INFINITY : full0 * rnd.nextDouble(0.5, 1.5);
                double afresh = misfit.at(x, bound);
                double fromKept = misfit.at(x, null, kept, ratio, bound);
                assertThat(Double.doubleToRawLongBits(fromKept)).as("ends %s, trial %d", Arrays.toString(ENDS[e]), trial)
                        .isEqualTo(Double.doubleToRawLongBits(afresh));
            }
        }
    }

    @Test
    void theLeastValueASearchMeetsIsItsPointsMisfit() {
        SplittableRandom rnd = new SplittableRandom(13);
        int enoughs = 0;
        int notEnoughs = 0;
        for (int e = 0; e < ENDS.length; e++) {
            NeedleZFit.Misfit misfit = DrawnZLine.drawn(ENDS[e][0], ENDS[e][1], 4461 + e, true);
            for (int trial = 0; trial < 12; trial++) {
                double heldZ = rnd.nextDouble(-2.5, 2.5);
                double[] met = {Double.POSITIVE_INFINITY};
                NelderMead.Bounded f = (y, bound) -> {
                    double m = misfit.at(new double[] {y[0], y[1], heldZ}, bound);
                    met[0] = Math.min(met[0], m);
                    return m;
                };
                double[] start = {Math.log(6000) + rnd.nextDouble(-0.3, 0.3), rnd.nextDouble(-2, 2)};
                double least = misfit.of(new double[] {start[0], start[1], heldZ});
                double enough = least * rnd.nextDouble(0.8, 1.05);
                double[] y = NelderMead.minimise(f, start, new double[] {0.1, 0.2}, 60, 1e-4, enough);
                double whole = misfit.of(new double[] {y[0], y[1], heldZ});
                assertThat(met[0]).isEqualTo(whole);
                boolean asBefore = misfit.at(new double[] {y[0], y[1], heldZ}, enough) <= enough;
                assertThat(met[0] <= enough).isEqualTo(asBefore);
                if (asBefore) {
                    enoughs++;
                } else {
                    notEnoughs++;
                }
            }
        }
        assertThat(enoughs).isGreaterThan(5);
        assertThat(notEnoughs).isGreaterThan(5);
    }

    /** Steps within {@link NeedleZFit#REFINE_STEPS} of the step nearest {@code off}. */
    private static List<Integer> around(List<Double> steps, double off) {
        int at = 0;
        for (int k = 1; k < steps.size(); k++) {
            if (Math.abs(steps.get(k) - off) < Math.abs(steps.get(at) - off)) {
                at = k;
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int k = Math.max(0, at - NeedleZFit.REFINE_STEPS); k <= Math.min(steps.size() - 1, at + NeedleZFit.REFINE_STEPS); k++) {
            out.add(k);
        }
        return out;
    }
}
