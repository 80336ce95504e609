package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/**
 * The z fit's grid of end heights searched coarse to fine ({@link NeedleZFit#gridBest} with
 * {@link NeedleZFit#COARSE_EVERY}: every other step, then every step about each coarse best) against every point of it (1): the
 * same grid point with the mass held, a point within 1 % of the least misfit with each point's own mass, and the refitted line
 * within 0.05 mm at both ends on drawn scans. The voxels are drawn about a line of steel in 5 mm
 * box slices whose edge is the steel's own section (σ 0.3 mm, the sharpest edge and so the narrowest minima the grid meets),
 * 12-bit clip, with noise; the line's ends placed 0-2.4 mm off the slice centre (the centroids' line), on coarse points and
 * between them, within and beyond the neighbouring slice's reach.
 */
class NeedleZFitCoarseGridTest {

    @Test
    void theCoarseToFineGridReachesEveryPointsBest() {
        double[][] ends = {{0, 0}, {2.1, 1.6}, {2.35, 2.2}, {1.85, 2.4}, {-2.2, -1.3}, {-0.6, 2.3}, {1.1, 1.4}, {-2.4, -2.4}};
        for (int e = 0; e < ends.length; e++) {
            NeedleZFit.Misfit misfit = DrawnZLine.drawn(ends[e][0], ends[e][1], 4261 + e, false);
            double lnMass = Math.log(6000);
            double[] start = {lnMass, 0, 0};
            double least = misfit.of(start);
            List<Double> steps = DrawnZLine.gridSteps();
            NeedleZFit.GridBest every = NeedleZFit.gridBest(misfit, lnMass, steps, start, least, 1);
            NeedleZFit.GridBest coarse = NeedleZFit.gridBest(misfit, lnMass, steps, start, least, NeedleZFit.COARSE_EVERY);
            // With the mass held, the same grid point (its end heights exactly: both are the grid's numbers).
            String which = "ends " + ends[e][0] + ", " + ends[e][1];
            System.out.printf(java.util.Locale.ROOT, "%s: held %.2f %.2f / %.2f %.2f (%.4f / %.4f); own %.2f %.2f / %.2f %.2f (%.4f / %.4f)%n",
                    which, coarse.held[1], coarse.held[2], every.held[1], every.held[2], coarse.leastHeld, every.leastHeld,
                    coarse.own[1], coarse.own[2], every.own[1], every.own[2], coarse.leastOwn, every.leastOwn);
            assertThat(coarse.held).as(which + ", held mass").containsExactly(every.held);
            // The own mass: inside a slice's flat top the misfit is flat along the end that lies there (only the weak pull
            // towards the centroids' line curves it), and the coarse best can lie more than the refinement's two steps from
            // every point's best along that valley (ends −2.2 and −1.3: the second end −1.0 against −0.75). Its misfit is
            // what the simplex then starts from: within 1 % of every point's best.
            assertThat(coarse.leastOwn).as(which).isLessThanOrEqualTo(every.leastOwn * 1.01);
            // And the line's ends found within a grid step (0.25 mm) of the drawn ones with the own mass where the neighbouring
            // slice shows the steel along the whole line (both ends within the edge's σ, 0.3 mm, of the boundary): the narrow
            // minimum is found at all. Deeper inside the slice the neighbour shows too little to outweigh the weak pull
            // towards the centroids' line (ends 2.1 and 1.6 mm: the start, 0 and 0, stays best with every point searched too).
            if (Math.abs(ends[e][0]) >= 2.2 && Math.abs(ends[e][1]) >= 2.2) {
                assertThat(Math.abs(coarse.own[1] - ends[e][0])).as(which).isLessThanOrEqualTo(0.25 + 1e-9);
                assertThat(Math.abs(coarse.own[2] - ends[e][1])).as(which).isLessThanOrEqualTo(0.25 + 1e-9);
            }
        }
    }

    @Test
    void theRefittedLineMovesLessThanTheBound() {
        // NeedleZFitTest's drawn needles (IntraOpCtGenerator, box slices, 12-bit) refitted with the coarse-to-fine grid and with
        // every point: the line's z at both ends of the fit within 0.05 mm (the round's bound on a tip's move).
        double[][] cases = {{3, 1.2, 1.2}, {3, 0, 0}, {5, 2.0, 1.0}, {5, -2.1, 0.4}, {5, 0.8, 0}};
        for (double[] c : cases) {
            double sliceMm = c[0];
            Vec3 tip = new Vec3(0, 0, c[1]);
            Vec3 axis = new Vec3(0.05, 1, Math.tan(Math.toRadians(c[2]))).normalized();
            SimulatedNeedle n = new SimulatedNeedle(tip.minus(axis.times(100)), tip, new Vec3(1, 0, 0), 0);
            int nz = 9;
            Grid grid = new Grid(new Vec3(-30.1, -110.2, -sliceMm * (nz - 1) / 2), 0.75, 0.75, sliceMm, 80, 160, nz);
            Volume ct = new IntraOpCtGenerator(new IntraOpScanner(0.9, IntraOpScanner.SliceProfile.BOX, 20, 0, 3071))
                    .render(grid, List.of(n), List.of(), 11);
            Vec3 middle = n.tipMm().minus(axis.times(50));
            Vec3 flat = new Vec3(axis.x(), axis.y(), 0).normalized();
            Vec3 centre = new Vec3(middle.x(), middle.y(), 0);
            SpaceCurve atSliceCentre = new SpaceCurve(centre, flat, 1, new double[] {centre.x(), flat.x()},
                    new double[] {centre.y(), flat.y()}, new double[] {0, 0});
            double sxy = Math.sqrt(Math.pow(0.9 / 2.3548, 2) + Math.pow(IntraOpCtGenerator.NEEDLE_RADIUS_MM / 2, 2) + 0.75 * 0.75 / 12);
            double sz = IntraOpCtGenerator.NEEDLE_RADIUS_MM / 2;
            java.util.function.DoubleUnaryOperator profile = d -> NeedleEndFit.sliceProfile(d, sliceMm, sz);
            SpaceCurve every = NeedleZFit.refit(ct, atSliceCentre, -49, 49, sxy, profile, 3071, List.of(), new NeedleZFit.Shafts(ct), 1)
                    .curve();
            SpaceCurve coarse = NeedleZFit.refit(ct, atSliceCentre, -49, 49, sxy, profile, 3071, List.of()).curve();
            for (double t : new double[] {-46, 46}) {
                double dz = coarse.at(t).z() - every.at(t).z();
                System.out.printf(java.util.Locale.ROOT, "slice %.0f tip z %.1f tilt %.1f: t %.0f z %.3f / %.3f%n", sliceMm, c[1], c[2], t,
                        coarse.at(t).z(), every.at(t).z());
                assertThat(Math.abs(dz)).as("slice %s, tip z %s, tilt %s, t %s", sliceMm, c[1], c[2], t).isLessThanOrEqualTo(0.05);
            }
        }
    }
}
