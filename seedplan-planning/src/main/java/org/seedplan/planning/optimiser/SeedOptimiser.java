package org.seedplan.planning.optimiser;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.stream.IntStream;
import org.seedplan.planning.candidate.Candidate;
import org.seedplan.planning.intent.PlanIntent;
import org.seedplan.planning.intent.TargetGoal;

/**
 * Chooses discrete seeds (present or absent) among candidate positions: a greedy construction
 * followed by local search, on a convex piecewise-linear dose objective evaluated on sample points
 * through the sparse influence matrix, with incremental dose updates.
 *
 * <p>Objective (per sample point, averaged per group, dose relative to its reference): target dose
 * below the prescription, target dose above 150 % and 200 %, shell dose above the prescription,
 * organ dose above its limit — the penalty form of inverse planning for brachytherapy (Lessard &amp;
 * Pouliot, Med Phys 28:773, 2001, IPSA), here with discrete seeds instead of dwell times.
 *
 * <ol>
 * <li><b>Greedy</b>: add the seed that lowers the objective most (minus a cost for opening a new
 *     needle), until every target's V100 reaches its goal. The objective is convex in dose and a
 *     seed only adds dose, so a candidate's gain can only shrink as seeds are added: stale gains
 *     are upper bounds, and the lazy greedy of Minoux (1978) re-evaluates only the top of a heap
 *     (accepting a re-evaluated candidate within {@value #LAZY_TOLERANCE} of the next bound).</li>
 * <li><b>Local search</b> (first-improvement moves, as in the simulated-annealing
 *     and greedy seed planners of Pouliot et al., Med Phys 23:1379, 1996, and Yu &amp; Schell, Med
 *     Phys 23:1527, 1996): remove every seed whose removal keeps coverage; move seeds to a nearby
 *     candidate when that lowers the objective; empty sparsely loaded needles and re-fill the gap
 *     on open needles when that does not add seeds; finally remove the weakest seed and let moves
 *     restore coverage, as long as they can (destroy and repair).</li>
 * </ol>
 * Loading rules: at most one seed per candidate, no two seeds on a needle closer than the minimum
 * gap, at most {@code max_needles} needles and {@code max_seeds} seeds. Locked seeds never move.
 */
public final class SeedOptimiser {

    /** Candidates within this distance of a seed are tried when moving it, mm. */
    private static final double MOVE_RADIUS_MM = 7.5;
    private static final int MAX_ROUNDS = 4;
    private static final int SPARSE_NEEDLE_SEEDS = 2;
    private static final int MAX_SQUEEZES = 10;
    /** Seeds tried for removal (weakest first) before the destroy-and-repair step gives up. */
    private static final int SQUEEZE_TRIES = 3;
    /** After removing a seed, only seeds this close to it are moved to repair coverage, mm. */
    private static final double REPAIR_RADIUS_MM = 15;
    /**
     * A re-evaluated candidate is taken when its gain is within this fraction of the best stale
     * bound left in the heap ("lazier" greedy: trades a few per cent of one step's gain, which the
     * local search recovers, for far fewer re-evaluations).
     */
    private static final double LAZY_TOLERANCE = 0.05;

    private final OptimisationProblem problem;
    private final PlanIntent intent;
    private final InfluenceMatrix m;
    private final List<Candidate> cands;
    private final int nPoints;
    private final int nTargets;

    // per-point objective parameters: f(d) = cu·max(0, u − d) + c1·max(0, d − h1) + c2·max(0, d − h2)
    private final double[] u, cu, h1, c1, h2, c2;
    /** Target group of each point, or −1. */
    private final int[] targetOf;
    private final int[] coverageNeed, targetSize;

    // state
    private final double[] dose;
    /** Slope of f at each point's dose and the breakpoints around it: f is linear on [prev, next]. */
    private final double[] slope, prev, next;
    private final boolean[] selected;
    private final int[] conflicts;
    private final int[] seedsOnNeedle;
    private final int[][] sameNeedleNear;
    private final int[][] nearby;
    private final int[] coverage;
    private int openNeedles;
    private int seedCount;
    private double objective;

    public SeedOptimiser(OptimisationProblem problem) {
        this.problem = problem;
        this.intent = problem.intent();
        this.m = problem.matrix();
        this.cands = problem.candidates();
        SamplePoints pts = problem.points();
        this.nPoints = pts.size();
        this.nTargets = intent.targets().size();
        u = new double[nPoints];
        cu = new double[nPoints];
        h1 = new double[nPoints];
        c1 = new double[nPoints];
        h2 = new double[nPoints];
        c2 = new double[nPoints];
        targetOf = new int[nPoints];
        Arrays.fill(targetOf, -1);
        coverageNeed = new int[nTargets];
        targetSize = new int[nTargets];
        ObjectiveWeights w = problem.weights();
        for (SampleGroup g : pts.groups()) {
            int n = Math.max(1, g.size());
            double r = g.referenceGy();
            for (int i = g.from(); i < g.to(); i++) {
                switch (g.kind()) {
                    case TARGET -> {
                        u[i] = r;
                        cu[i] = w.under() / (n * r);
                        h1[i] = 1.5 * r;
                        c1[i] = w.hot150() / (n * r);
                        h2[i] = 2.0 * r;
                        c2[i] = w.hot200() / (n * r);
                        targetOf[i] = g.index();
                    }
                    case SHELL -> {
                        h1[i] = r;
                        c1[i] = w.shell() / (n * r);
                        h2[i] = 1.5 * r;
                        c2[i] = w.shell() / (n * r);
                    }
                    case ORGAN -> {
                        h1[i] = r;
                        c1[i] = w.organ() / (n * r);
                        h2[i] = 1.2 * r;
                        c2[i] = w.organ() / (n * r);
                    }
                }
            }
            if (g.kind() == SampleGroup.Kind.TARGET) {
                TargetGoal goal = intent.targets().get(g.index());
                double pct = Math.min(100, Math.max(goal.v100GoalPct(), 90) + w.coverageMarginPct());
                targetSize[g.index()] = g.size();
                coverageNeed[g.index()] = (int) Math.ceil(g.size() * pct / 100 - 1e-9);
            }
        }
        dose = new double[nPoints];
        slope = new double[nPoints];
        prev = new double[nPoints];
        next = new double[nPoints];
        selected = new boolean[cands.size()];
        conflicts = new int[cands.size()];
        seedsOnNeedle = new int[problem.needleCount()];
        coverage = new int[nTargets];
        sameNeedleNear = neighboursOnNeedle();
        nearby = new int[cands.size()][];
    }

    /** Optimises from scratch: locked seeds first, then greedy and local search. */
    public SeedSelection optimise() {
        return optimise(new int[0], new double[nPoints], true);
    }

    /**
     * Optimises starting from {@code start} (candidate indices) with a fixed {@code backgroundGy}
     * added at every sample point (dose the matrix rows do not hold, e.g. their tails beyond the
     * cutoff). Without {@code localSearch} it only repairs: adds seeds until coverage is met and
     * removes those not needed.
     */
    public SeedSelection optimise(int[] start, double[] backgroundGy, boolean localSearch) {
        System.arraycopy(backgroundGy, 0, dose, 0, nPoints);
        for (int i = 0; i < nPoints; i++) {
            locate(i);
        }
        Arrays.fill(selected, false);
        Arrays.fill(conflicts, 0);
        Arrays.fill(seedsOnNeedle, 0);
        seedCount = 0;
        openNeedles = 0;
        for (int n = 0; n < seedsOnNeedle.length; n++) {
            if (problem.needleFixed()[n]) {
                openNeedles++;
            }
        }
        recountCoverage();
        objective = totalObjective();
        for (int j = 0; j < cands.size(); j++) {
            if (problem.locked()[j]) {
                apply(j, +1);
            }
        }
        for (int j : start) {
            if (!selected[j] && feasible(j)) {
                apply(j, +1);
            }
        }
        greedy(null);
        if (!localSearch) {
            removeRedundant();
            return new SeedSelection(chosen(), dose.clone(), coverageMet());
        }
        for (int round = 0; round < MAX_ROUNDS; round++) {
            boolean changed = removeRedundant();
            changed |= moveSeeds();
            changed |= removeRedundant();
            if (round < 2) {
                changed |= closeSparseNeedles();
            }
            if (!changed) {
                break;
            }
        }
        squeeze();
        return new SeedSelection(chosen(), dose.clone(), coverageMet());
    }

    // ---- greedy -----------------------------------------------------------------------------

    /**
     * Adds seeds by lazy greedy until coverage is met, even when the best gain turns negative
     * (coverage is a goal, the penalties only rank the ways to reach it); {@code allowedNeedles}
     * null means all needles.
     */
    private void greedy(boolean[] allowedNeedles) {
        if (coverageMet()) {
            return;
        }
        double[] gain = new double[cands.size()];
        IntStream.range(0, cands.size()).parallel().forEach(j -> gain[j] = allowed(j, allowedNeedles) && feasible(j)
                ? gain(j) : Double.NEGATIVE_INFINITY);
        PriorityQueue<double[]> heap = new PriorityQueue<>((a, b) -> Double.compare(b[0], a[0]));
        int time = 0;
        for (int j = 0; j < cands.size(); j++) {
            if (gain[j] > Double.NEGATIVE_INFINITY) {
                heap.add(new double[] {gain[j], j, time});
            }
        }
        while (!coverageMet() && !heap.isEmpty() && seedCount < intent.maxSeeds()) {
            double[] top = heap.poll();
            int j = (int) top[1];
            if (selected[j] || !feasible(j)) {
                continue;
            }
            if ((int) top[2] != time) {
                double fresh = gain(j);
                double[] rival = heap.peek();
                if (rival != null && fresh < rival[0] - LAZY_TOLERANCE * Math.abs(rival[0])) {
                    heap.add(new double[] {fresh, j, time});
                    continue;
                }
            }
            boolean opens = seedsOnNeedle[cands.get(j).needle()] == 0 && !problem.needleFixed()[cands.get(j).needle()];
            apply(j, +1);
            time++;
            if (opens) {
                int needle = cands.get(j).needle();
                for (Candidate c : cands) {
                    if (c.needle() == needle && !selected[c.index()] && feasible(c.index())) {
                        heap.add(new double[] {gain(c.index()), c.index(), time});
                    }
                }
            }
        }
    }

    private boolean allowed(int j, boolean[] allowedNeedles) {
        return allowedNeedles == null || allowedNeedles[cands.get(j).needle()];
    }

    /** Objective decrease from adding candidate j, minus the needle cost if it opens a needle. */
    private double gain(int j) {
        int needle = cands.get(j).needle();
        double cost = seedsOnNeedle[needle] == 0 && !problem.needleFixed()[needle] ? problem.weights().needleCost() : 0;
        return -delta(j, +1, null) - cost;
    }

    // ---- local search -----------------------------------------------------------------------

    /** Removes seeds whose removal keeps every target's coverage, cheapest loss first. */
    private boolean removeRedundant() {
        boolean changed = false;
        boolean again = true;
        int[] dc = new int[3 * nTargets];
        while (again) {
            again = false;
            List<double[]> order = new ArrayList<>();
            for (int j = 0; j < cands.size(); j++) {
                if (selected[j] && !problem.locked()[j]) {
                    order.add(new double[] {delta(j, -1, null), j});
                }
            }
            order.sort((a, b) -> Double.compare(a[0], b[0]));
            for (double[] o : order) {
                int j = (int) o[1];
                Arrays.fill(dc, 0);
                double d = delta(j, -1, dc);
                if (keepsCoverage(dc) && d < problem.weights().needleCost() * 0.5 + 1e-4) {
                    apply(j, -1);
                    changed = true;
                    again = true;
                }
            }
        }
        return changed;
    }

    /** Moves each seed to the nearby candidate that lowers the objective most, if any does. */
    private boolean moveSeeds() {
        return moveSeeds(null);
    }

    /**
     * Moves each seed (only those within {@value #REPAIR_RADIUS_MM} mm of {@code around}, unless it
     * is null) to the nearby candidate that lowers the objective most, if any does.
     */
    private boolean moveSeeds(org.seedplan.geometry.Vec3 around) {
        boolean changed = false;
        int[] dc = new int[3 * nTargets];
        for (int a = 0; a < cands.size(); a++) {
            if (!selected[a] || problem.locked()[a]
                    || around != null && cands.get(a).positionMm().distanceTo(around) > REPAIR_RADIUS_MM) {
                continue;
            }
            double before = objective;
            int[] coverageBefore = coverage.clone();
            int openBefore = openNeedles;
            apply(a, -1);
            int best = a;
            double bestObjective = before - 1e-9;
            for (int b : near(a)) {
                if (b == a || selected[b] || !feasible(b)) {
                    continue;
                }
                int needle = cands.get(b).needle();
                int open = openNeedles + (seedsOnNeedle[needle] == 0 && !problem.needleFixed()[needle] ? 1 : 0);
                if (open > openBefore) {
                    continue;
                }
                Arrays.fill(dc, 0);
                double d = delta(b, +1, dc);
                if (objective + d < bestObjective && coverageNotWorse(dc, coverageBefore)) {
                    bestObjective = objective + d;
                    best = b;
                }
            }
            apply(best, +1);
            changed |= best != a;
        }
        return changed;
    }

    /**
     * Destroy and repair: removes the seed whose loss is smallest even though coverage drops, lets
     * the moves of the seeds around it restore it, and keeps the result if coverage is met again with one seed fewer;
     * tries the {@value #SQUEEZE_TRIES} weakest seeds in turn, and stops when none can go or after
     * {@value #MAX_SQUEEZES} successes.
     */
    private void squeeze() {
        int successes = 0;
        while (successes < MAX_SQUEEZES && coverageMet()) {
            List<double[]> order = new ArrayList<>();
            for (int j = 0; j < cands.size(); j++) {
                if (selected[j] && !problem.locked()[j]) {
                    order.add(new double[] {delta(j, -1, null), j});
                }
            }
            order.sort((a, b) -> Double.compare(a[0], b[0]));
            boolean removed = false;
            for (int t = 0; t < Math.min(SQUEEZE_TRIES, order.size()) && !removed; t++) {
                int[] snapshot = chosen();
                int weak = (int) order.get(t)[1];
                apply(weak, -1);
                for (int sweep = 0; sweep < 2 && !coverageMet(); sweep++) {
                    if (!moveSeeds(cands.get(weak).positionMm())) {
                        break;
                    }
                }
                if (coverageMet()) {
                    removeRedundant();
                    removed = true;
                    successes++;
                } else {
                    restore(snapshot);
                }
            }
            if (!removed) {
                return;
            }
        }
    }

    /**
     * Tries to empty each needle carrying at most {@value #SPARSE_NEEDLE_SEEDS} seeds and restore
     * coverage on the other open needles; keeps the change if it needs no more seeds.
     */
    private boolean closeSparseNeedles() {
        boolean changed = false;
        for (int needle = 0; needle < seedsOnNeedle.length; needle++) {
            if (problem.needleFixed()[needle] || seedsOnNeedle[needle] == 0 || seedsOnNeedle[needle] > SPARSE_NEEDLE_SEEDS) {
                continue;
            }
            int[] snapshot = chosen();
            double objectiveBefore = objective;
            int seedsBefore = seedCount;
            for (Candidate c : cands) {
                if (c.needle() == needle && selected[c.index()]) {
                    apply(c.index(), -1);
                }
            }
            boolean[] allowedNeedles = new boolean[seedsOnNeedle.length];
            for (int n = 0; n < allowedNeedles.length; n++) {
                allowedNeedles[n] = n != needle && (seedsOnNeedle[n] > 0 || problem.needleFixed()[n]);
            }
            greedy(allowedNeedles);
            removeRedundant();
            boolean better = coverageMet() && seedCount <= seedsBefore
                    && objective <= objectiveBefore + problem.weights().needleCost();
            if (better) {
                changed = true;
            } else {
                restore(snapshot);
            }
        }
        return changed;
    }

    private void restore(int[] snapshot) {
        boolean[] want = new boolean[cands.size()];
        for (int j : snapshot) {
            want[j] = true;
        }
        for (int j = 0; j < cands.size(); j++) {
            if (selected[j] && !want[j]) {
                apply(j, -1);
            }
        }
        for (int j : snapshot) {
            if (!selected[j]) {
                apply(j, +1);
            }
        }
    }

    // ---- incremental state ------------------------------------------------------------------

    /** Objective change from adding (sign +1) or removing (−1) candidate j; counts coverage changes into dc if given. */
    private double delta(int j, int sign, int[] dc) {
        int[] idx = m.indices(j);
        float[] val = m.doses(j);
        double df = 0;
        if (dc == null) {
            // fast path: within [prev, next] f is linear, so the change is slope × dose change
            for (int k = 0; k < idx.length; k++) {
                int i = idx[k];
                double d0 = dose[i];
                double d1 = d0 + sign * val[k];
                if (sign > 0 ? d1 <= next[i] : d1 >= prev[i]) {
                    df += slope[i] * (d1 - d0);
                } else {
                    df += f(i, d1) - f(i, d0);
                }
            }
            return df;
        }
        for (int k = 0; k < idx.length; k++) {
            int i = idx[k];
            double d0 = dose[i];
            double d1 = d0 + sign * val[k];
            df += f(i, d1) - f(i, d0);
            if (dc != null && targetOf[i] >= 0) {
                int t = 3 * targetOf[i];
                dc[t] += cross(d0, d1, u[i]);
                dc[t + 1] += cross(d0, d1, h1[i]);
                dc[t + 2] += cross(d0, d1, h2[i]);
            }
        }
        return df;
    }

    private static int cross(double d0, double d1, double level) {
        boolean was = d0 >= level;
        boolean is = d1 >= level;
        return was == is ? 0 : is ? 1 : -1;
    }

    /** Sets the slope of f at the point's dose and the breakpoints around it (u ≤ h1 ≤ h2 for every kind of point). */
    private void locate(int i) {
        double d = dose[i];
        if (d < u[i]) {
            slope[i] = -cu[i];
            prev[i] = Double.NEGATIVE_INFINITY;
            next[i] = u[i];
        } else if (d < h1[i]) {
            slope[i] = 0;
            prev[i] = u[i];
            next[i] = h1[i];
        } else if (d < h2[i]) {
            slope[i] = c1[i];
            prev[i] = h1[i];
            next[i] = h2[i];
        } else {
            slope[i] = c1[i] + c2[i];
            prev[i] = h2[i];
            next[i] = Double.POSITIVE_INFINITY;
        }
    }

    private double f(int i, double d) {
        double v = 0;
        if (d < u[i]) {
            v += cu[i] * (u[i] - d);
        }
        if (d > h1[i]) {
            v += c1[i] * (d - h1[i]);
            if (d > h2[i]) {
                v += c2[i] * (d - h2[i]);
            }
        }
        return v;
    }

    private void apply(int j, int sign) {
        int[] dc = new int[3 * nTargets];
        objective += delta(j, sign, dc);
        int[] idx = m.indices(j);
        float[] val = m.doses(j);
        for (int k = 0; k < idx.length; k++) {
            int i = idx[k];
            dose[i] += sign * val[k];
            if (dose[i] > next[i] || dose[i] < prev[i]) {
                locate(i);
            }
        }
        for (int t = 0; t < nTargets; t++) {
            coverage[t] += dc[3 * t];
        }
        selected[j] = sign > 0;
        seedCount += sign;
        int needle = cands.get(j).needle();
        int before = seedsOnNeedle[needle];
        seedsOnNeedle[needle] += sign;
        if (!problem.needleFixed()[needle]) {
            if (before == 0 && sign > 0) {
                openNeedles++;
            } else if (before == 1 && sign < 0) {
                openNeedles--;
            }
        }
        for (int o : sameNeedleNear[j]) {
            conflicts[o] += sign;
        }
    }

    private boolean feasible(int j) {
        if (selected[j] || conflicts[j] > 0 || problem.forbidden()[j] || seedCount >= intent.maxSeeds()) {
            return false;
        }
        int needle = cands.get(j).needle();
        return seedsOnNeedle[needle] > 0 || problem.needleFixed()[needle] || openNeedles < intent.maxNeedles();
    }

    private boolean coverageMet() {
        for (int t = 0; t < nTargets; t++) {
            if (coverage[t] < coverageNeed[t]) {
                return false;
            }
        }
        return true;
    }

    private boolean keepsCoverage(int[] dc) {
        for (int t = 0; t < nTargets; t++) {
            int after = coverage[t] + dc[3 * t];
            if (after < Math.min(coverageNeed[t], coverage[t])) {
                return false;
            }
        }
        return true;
    }

    private boolean coverageNotWorse(int[] dc, int[] before) {
        for (int t = 0; t < nTargets; t++) {
            int after = coverage[t] + dc[3 * t];
            if (after < Math.min(coverageNeed[t], before[t])) {
                return false;
            }
        }
        return true;
    }

    private void recountCoverage() {
        Arrays.fill(coverage, 0);
        for (int i = 0; i < nPoints; i++) {
            if (targetOf[i] >= 0 && dose[i] >= u[i]) {
                coverage[targetOf[i]]++;
            }
        }
    }

    private double totalObjective() {
        double s = 0;
        for (int i = 0; i < nPoints; i++) {
            s += f(i, dose[i]);
        }
        return s;
    }

    private int[] chosen() {
        int[] out = new int[seedCount];
        int n = 0;
        for (int j = 0; j < selected.length; j++) {
            if (selected[j]) {
                out[n++] = j;
            }
        }
        return out;
    }

    /** For each candidate, the other candidates of its needle closer than the minimum seed gap. */
    private int[][] neighboursOnNeedle() {
        int[][] out = new int[cands.size()][];
        double gap = intent.minSeedGapMm() - 1e-6;
        for (Candidate c : cands) {
            List<Integer> list = new ArrayList<>();
            for (int o = c.index() - 1; o >= 0 && cands.get(o).needle() == c.needle(); o--) {
                if (Math.abs(cands.get(o).distanceFromTipMm() - c.distanceFromTipMm()) < gap) {
                    list.add(o);
                }
            }
            for (int o = c.index() + 1; o < cands.size() && cands.get(o).needle() == c.needle(); o++) {
                if (Math.abs(cands.get(o).distanceFromTipMm() - c.distanceFromTipMm()) < gap) {
                    list.add(o);
                }
            }
            out[c.index()] = list.stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    /** The candidates within {@value #MOVE_RADIUS_MM} mm of candidate a (itself excluded), computed once per candidate. */
    private int[] near(int a) {
        if (nearby[a] == null) {
            List<Integer> list = new ArrayList<>();
            var pa = cands.get(a).positionMm();
            double r2 = MOVE_RADIUS_MM * MOVE_RADIUS_MM;
            for (Candidate c : cands) {
                var d = c.positionMm().minus(pa);
                if (c.index() != a && d.dot(d) <= r2) {
                    list.add(c.index());
                }
            }
            nearby[a] = list.stream().mapToInt(Integer::intValue).toArray();
        }
        return nearby[a];
    }
}
