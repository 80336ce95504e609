package org.seedplan.planning.robustness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.seedplan.dvh.Dvh;
import org.seedplan.geometry.Vec3;
import org.seedplan.planning.Plan;
import org.seedplan.planning.PlannedNeedle;
import org.seedplan.planning.PlanningSession;
import org.seedplan.planning.intent.PlanIntent;
import org.seedplan.planning.intent.TargetGoal;
import org.seedplan.planning.optimiser.SampleGroup;
import org.seedplan.planning.optimiser.SamplePoints;
import org.seedplan.planning.optimiser.UnitDoseTable;

/**
 * Monte Carlo simulation of placement errors: perturbs the plan's needles and seeds as
 * {@link PlacementErrors} describes, recomputes the dose at the target sample points (TG-43 kernel,
 * no cutoff) and reports the 5th, 50th and 95th percentiles of D90 and V100 (percentiles by linear
 * interpolation between order statistics, Hyndman &amp; Fan type 7).
 *
 * <p>One number per quantity: the planned (nominal) values are the plan's own, read from its DVH on
 * the planning grid — the values of the goals table. The sample points estimate D90 and V100 a
 * little differently from the grid's partial-volume DVH; that difference, measured on the
 * unperturbed plan, is added to every simulated value so that the percentiles lie on the same scale
 * as the planned value (an implant without errors then gives exactly the planned value).
 */
public final class RobustnessSimulation {

    private RobustnessSimulation() {
    }

    /** Simulates {@code errors.samples()} implants of {@code plan}; {@code seed} makes the run repeatable. */
    public static RobustnessResult run(PlanningSession session, Plan plan, PlacementErrors errors, long seed) {
        PlanIntent intent = plan.intent();
        SamplePoints points = session.points();
        UnitDoseTable table = session.table();
        double scale = intent.seed().skU() * intent.decay().gyPerCGyPerH();
        List<SampleGroup> targets = points.groups().stream().filter(g -> g.kind() == SampleGroup.Kind.TARGET).toList();
        int nt = targets.size();
        double[][] d90 = new double[nt][errors.samples()];
        double[][] v100 = new double[nt][errors.samples()];
        long[] seeds = new SplittableRandom(seed).longs(errors.samples()).toArray();
        IntStream.range(0, errors.samples()).parallel().forEach(s -> {
            double[][] implant = perturb(plan, errors, new Random(seeds[s]));
            for (int t = 0; t < nt; t++) {
                double[] dose = dose(implant, targets.get(t), points, table, scale);
                double rx = targets.get(t).referenceGy();
                d90[t][s] = d90(dose);
                v100[t][s] = v100(dose, rx);
            }
        });
        double[][] nominal = perturb(plan, new PlacementErrors(0, 0, 10), new Random(0));
        List<RobustnessResult.TargetSpread> out = new ArrayList<>();
        for (int t = 0; t < nt; t++) {
            SampleGroup g = targets.get(t);
            TargetGoal goal = intent.targets().get(g.index());
            double[] dn = dose(nominal, g, points, table, scale);
            Dvh planned = plan.structure(goal.structure()).dvh();
            double d90Planned = planned.doseAtPercent(90);
            double v100Planned = planned.volumeAtLeastPercent(goal.prescriptionGy());
            double d90Offset = d90Planned - d90(dn);
            double v100Offset = v100Planned - v100(dn, goal.prescriptionGy());
            for (int s = 0; s < errors.samples(); s++) {
                d90[t][s] += d90Offset;
                v100[t][s] = Math.max(0, Math.min(100, v100[t][s] + v100Offset));
            }
            Arrays.sort(d90[t]);
            Arrays.sort(v100[t]);
            out.add(new RobustnessResult.TargetSpread(goal.structure(), goal.prescriptionGy(), d90Planned, percentile(d90[t], 5),
                    percentile(d90[t], 50), percentile(d90[t], 95), v100Planned, percentile(v100[t], 5),
                    percentile(v100[t], 50), percentile(v100[t], 95)));
        }
        return new RobustnessResult(errors, out);
    }

    /** Seed centres and axes {x, y, z, ux, uy, uz} of one simulated implant. */
    static double[][] perturb(Plan plan, PlacementErrors e, Random random) {
        List<double[]> out = new ArrayList<>();
        double tipSigma = e.needleTipErrorMm() / Math.sqrt(3);
        for (PlannedNeedle n : plan.needles()) {
            Vec3 entry = n.needle().entryMm();
            Vec3 tip = n.needle().tipMm();
            Vec3 shift = new Vec3(random.nextGaussian() * tipSigma, random.nextGaussian() * tipSigma, random.nextGaussian() * tipSigma);
            Vec3 newTip = tip.plus(shift);
            Vec3 axis = newTip.minus(entry).normalized();
            double depth = n.needle().depthMm();
            for (double d : n.seedDistancesFromTipMm()) {
                double along = depth - d;
                Vec3 p = entry.plus(axis.times(along));
                p = p.plus(new Vec3(random.nextGaussian() * e.seedSigmaMm(), random.nextGaussian() * e.seedSigmaMm(),
                        random.nextGaussian() * e.seedSigmaMm()));
                out.add(new double[] {p.x(), p.y(), p.z(), axis.x(), axis.y(), axis.z()});
            }
        }
        return out.toArray(new double[0][]);
    }

    private static double[] dose(double[][] implant, SampleGroup g, SamplePoints points, UnitDoseTable table, double scale) {
        double[] dose = new double[g.size()];
        for (int i = g.from(); i < g.to(); i++) {
            double sum = 0;
            for (double[] s : implant) {
                double dx = points.x()[i] - s[0];
                double dy = points.y()[i] - s[1];
                double dz = points.z()[i] - s[2];
                sum += table.doseRatePerU(dx * dx + dy * dy + dz * dz, dx * s[3] + dy * s[4] + dz * s[5]);
            }
            dose[i - g.from()] = sum * scale;
        }
        return dose;
    }

    /** D90 on equal-volume points: the dose that 90 % of the points reach (the 10th percentile). */
    static double d90(double[] dose) {
        double[] sorted = dose.clone();
        Arrays.sort(sorted);
        return percentile(sorted, 10);
    }

    static double v100(double[] dose, double rxGy) {
        int n = 0;
        for (double d : dose) {
            n += d >= rxGy ? 1 : 0;
        }
        return 100.0 * n / dose.length;
    }

    /** Type-7 percentile of sorted values: linear between order statistics at (n − 1)·p. */
    static double percentile(double[] sorted, double pct) {
        double h = (sorted.length - 1) * pct / 100;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
