package org.seedplan.planning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.IntStream;
import org.seedplan.dose.DoseGrid;
import org.seedplan.dose.FastDoseEngine;
import org.seedplan.dose.Seed;
import org.seedplan.dose.Tg43Kernel;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.planning.candidate.Candidate;
import org.seedplan.planning.intent.FixedNeedle;
import org.seedplan.planning.intent.PlanIntent;
import org.seedplan.planning.needle.Needle;
import org.seedplan.planning.needle.NeedleLayout;
import org.seedplan.planning.optimiser.InfluenceMatrix;
import org.seedplan.planning.optimiser.ObjectiveWeights;
import org.seedplan.planning.optimiser.OptimisationProblem;
import org.seedplan.planning.optimiser.SamplePoints;
import org.seedplan.planning.optimiser.SeedOptimiser;
import org.seedplan.planning.optimiser.SeedSelection;
import org.seedplan.planning.optimiser.UnitDoseTable;
import org.seedplan.source.SourceModel;

/**
 * A prepared planning problem (geometry, needles, candidates, sample points, influence matrix)
 * that can be optimised many times: the first plan, re-plans that keep some needles (the
 * intra-operative case), supplementary seeds for an implant (the post-operative case), and the
 * uniform-loading baseline. Not thread-safe: one caller at a time.
 */
public final class PlanningSession {

    /** Extra passes when the final dose misses a goal: a repair demanding more coverage, or a search weighing high doses more. */
    private static final int MAX_RETRIES = 2;

    private final PlanningCase planningCase;
    private final PlanIntent intent;
    private final SourceModel source;
    private final Tg43Kernel kernel;
    private final UnitDoseTable table;
    private final PlanningGeometry geometry;
    private final NeedleLayout.Result layout;
    private final List<Candidate> candidates;
    private final SamplePoints points;
    private final InfluenceMatrix matrix;
    private final ObjectiveWeights weights;
    private final PlanEvaluator evaluator;
    private final FastDoseEngine engine;
    private int[] lastChosen = new int[0];
    private int[] lastNeedleOfNumber = new int[0];
    /**
     * The 3D dose of {@code lastSeeds} (the last plan's, or seeds whose dose was given), Gy, each seed's rate summed in
     * double precision: a re-plan that changes few seeds updates it rather than recomputing.
     */
    private double[] lastDoseGy;
    private List<Seed> lastSeeds = List.of();
    /** The plan {@code lastDoseGy} is the dose of, or null when it was given. */
    private Plan lastPlan;

    PlanningSession(PlanningCase planningCase, PlanIntent intent, Planner.Dosimetry dosimetry, PlanningGeometry geometry,
                    NeedleLayout.Result layout, List<Candidate> candidates, SamplePoints points, InfluenceMatrix matrix,
                    ObjectiveWeights weights) {
        this.planningCase = planningCase;
        this.intent = intent;
        this.source = dosimetry.source();
        this.kernel = dosimetry.kernel();
        this.table = dosimetry.table();
        this.geometry = geometry;
        this.layout = layout;
        this.candidates = List.copyOf(candidates);
        this.points = points;
        this.matrix = matrix;
        this.weights = weights;
        this.evaluator = new PlanEvaluator(dosimetry.engine(), geometry, intent);
        this.engine = dosimetry.engine();
    }

    public PlanningGeometry geometry() {
        return geometry;
    }

    /** The intent this session plans to (with its fixed needles). */
    public PlanIntent intent() {
        return intent;
    }

    /**
     * A session on the same case, geometry and sample points whose intent keeps {@code fixed} as its fixed needles
     * instead of its own (needles placed during the implant, e.g. moved or added by hand where they really went): the
     * needle layout and candidates are made anew around them, and the influence matrix for the candidates this session
     * does not have.
     */
    public PlanningSession withFixedNeedles(List<FixedNeedle> fixed, ProgressListener progress) {
        return Planner.prepare(planningCase, intent.withFixedNeedles(fixed), new Planner.Dosimetry(source, kernel, engine, table), geometry,
                this, progress);
    }

    public List<Needle> availableNeedles() {
        return layout.needles();
    }

    public List<Candidate> candidates() {
        return candidates;
    }

    public InfluenceMatrix matrix() {
        return matrix;
    }

    public SamplePoints points() {
        return points;
    }

    /** The TG-43 kernel of the intent's source model (2D line source). */
    public Tg43Kernel kernel() {
        return kernel;
    }

    /** The kernel's per-unit-strength table (reach {@value Planner#TABLE_REACH_MM} mm). */
    public UnitDoseTable table() {
        return table;
    }

    /** Optimises the loading of all needles (the intent's fixed needles kept). */
    public Plan optimise(ProgressListener progress) {
        return optimiseFrom(null, progress);
    }

    /**
     * As {@link #optimise}, starting from the candidates at {@code startMm} (positions matched exactly; e.g. the seeds of a
     * plan re-planned around new fixed needles) rather than from none; null starts from none.
     */
    public Plan optimiseFrom(Collection<Vec3> startMm, ProgressListener progress) {
        boolean[] fixedNeedles = new boolean[layout.needles().size()];
        for (int n = 0; n < fixedNeedles.length; n++) {
            fixedNeedles[n] = layout.needles().get(n).fixed();
        }
        boolean[] locked = new boolean[candidates.size()];
        int fixedIndex = 0;
        for (int n = 0; n < fixedNeedles.length; n++) {
            if (fixedNeedles[n] && intent.fixedNeedles().get(fixedIndex++).loadingFixed()) {
                for (Candidate c : candidates) {
                    locked[c.index()] |= c.needle() == n;
                }
            }
        }
        int[] start = null;
        if (startMm != null) {
            java.util.Set<Vec3> at = new java.util.HashSet<>(startMm);
            start = candidates.stream().filter(c -> locked[c.index()] || at.contains(c.positionMm())).mapToInt(Candidate::index).toArray();
        }
        return remember(run(intent, fixedNeedles, locked, new boolean[candidates.size()], start, List.of(), progress));
    }

    /**
     * Re-plans after the needles numbered {@code keptNeedleNumbers} in the last plan have been
     * placed: those needles and their seeds stay; the other seeds are re-optimised (the
     * intra-operative case). Reuses the influence matrix, so it is fast.
     */
    public Plan reoptimiseKeeping(Collection<Integer> keptNeedleNumbers, ProgressListener progress) {
        return reoptimise(keptNeedleNumbers, List.of(), progress);
    }

    /**
     * Re-plans keeping the needles numbered {@code keptNeedleNumbers} in the last plan with their
     * seeds and giving up those numbered {@code removedNeedleNumbers} (e.g. a path found blocked
     * during the procedure); the rest is re-optimised on the same influence matrix, starting from
     * the last plan's other seeds.
     */
    public Plan reoptimise(Collection<Integer> keptNeedleNumbers, Collection<Integer> removedNeedleNumbers, ProgressListener progress) {
        if (lastNeedleOfNumber.length == 0) {
            throw new IllegalStateException("no plan yet: optimise before re-optimising");
        }
        boolean[] fixedNeedles = new boolean[layout.needles().size()];
        for (int number : keptNeedleNumbers) {
            fixedNeedles[needleIndex(number)] = true;
        }
        boolean[] removed = new boolean[layout.needles().size()];
        for (int number : removedNeedleNumbers) {
            int n = needleIndex(number);
            if (fixedNeedles[n]) {
                throw new IllegalArgumentException("needle " + number + " is both kept and removed: give it in one list only");
            }
            removed[n] = true;
        }
        boolean[] locked = new boolean[candidates.size()];
        for (int j : lastChosen) {
            locked[j] = fixedNeedles[candidates.get(j).needle()];
        }
        boolean[] forbidden = new boolean[candidates.size()];
        for (Candidate c : candidates) {
            forbidden[c.index()] = removed[c.needle()] || fixedNeedles[c.needle()] && !locked[c.index()];
        }
        int[] start = Arrays.stream(lastChosen).filter(j -> !forbidden[j]).toArray();
        return remember(run(intent, fixedNeedles, locked, forbidden, start, List.of(), progress));
    }

    /**
     * Supplementary seeds for an implant (the post-operative case): the same optimiser, objective
     * and goals as {@link #optimise}, over this session's candidates, with the dose of the
     * {@code implanted} seeds (at their found positions and strengths, through {@link #table()} at
     * the sample points) as a fixed background. Candidates closer than the intent's minimum seed
     * gap to an implanted seed are left out; at most {@code maxAdded} seeds are added, at the
     * intent's strength. The last plan of the session (for re-optimising) is not changed.
     *
     * @return a plan whose needles and seeds are the added ones only (on the layout's needles),
     *         and whose dose, DVHs, metrics and goals are those of the implant plus the added seeds
     */
    public Plan supplement(List<Seed> implanted, int maxAdded, ProgressListener progress) {
        if (maxAdded < 1) {
            throw new IllegalArgumentException("supplementary seeds: the most seeds to add must be at least 1, got " + maxAdded);
        }
        double gap = intent.minSeedGapMm();
        boolean[] forbidden = new boolean[candidates.size()];
        for (Candidate c : candidates) {
            for (Seed s : implanted) {
                if (s.centreMm().distanceTo(c.positionMm()) < gap) {
                    forbidden[c.index()] = true;
                    break;
                }
            }
        }
        PlanIntent limited = new PlanIntent(intent.targets(), intent.organs(), intent.seed(), intent.approach(), intent.seedStepMm(),
                gap, intent.maxNeedles(), maxAdded, intent.candidateMarginMm(), intent.boneHu(), intent.halfLifeDays(),
                intent.sparesPct(), intent.fixedNeedles());
        return run(limited, new boolean[layout.needles().size()], new boolean[candidates.size()], forbidden, null, List.copyOf(implanted),
                progress).plan();
    }

    private Plan remember(Outcome outcome) {
        lastChosen = outcome.chosen();
        lastSeeds = seedsOf(lastChosen);
        lastDoseGy = outcome.doseGy();
        lastPlan = outcome.plan();
        lastNeedleOfNumber = needleNumbering(lastChosen);
        return outcome.plan();
    }

    /**
     * The dose of {@code plan} in double precision (Gy, grid order; each seed's rate summed: within 1e-12 relative of the
     * exact sum), when it is this session's last plan; else null. Shared: copy it before changing it.
     */
    public double[] doseGyOf(Plan plan) {
        return plan == lastPlan ? lastDoseGy : null;
    }

    /**
     * Gives this session the dose of {@code seeds} on its grid (Gy, grid order, double precision; kept, not copied): its next
     * plan's dose is this one updated by the seeds that differ, when they are fewer than half (a re-plan around needles
     * placed by hand starts from the seeds of the plan being edited).
     */
    public void knowDose(List<Seed> seeds, double[] doseGy) {
        if (doseGy.length != geometry.grid().voxelCount()) {
            throw new IllegalArgumentException("a known dose of " + doseGy.length + " voxels is not on this session's grid of "
                    + geometry.grid().voxelCount());
        }
        lastSeeds = List.copyOf(seeds);
        lastDoseGy = doseGy;
        lastPlan = null;
    }

    private int needleIndex(int number) {
        if (number < 1 || number > lastNeedleOfNumber.length) {
            throw new IllegalArgumentException("needle number " + number + " is not in the last plan (1–"
                    + lastNeedleOfNumber.length + "): give the numbers of its needles");
        }
        return lastNeedleOfNumber[number - 1];
    }

    /**
     * The baseline for comparison: uniform loading on the needles of the last plan, every k-th
     * candidate from the tip, with the largest k (sparsest loading) whose plan reaches the coverage
     * goals (k = 1 if none does).
     */
    public Plan uniformBaseline() {
        if (lastNeedleOfNumber.length == 0) {
            throw new IllegalStateException("no plan yet: optimise before making the baseline");
        }
        boolean[] used = new boolean[layout.needles().size()];
        for (int n : lastNeedleOfNumber) {
            used[n] = true;
        }
        int minStride = (int) Math.ceil(intent.minSeedGapMm() / intent.seedStepMm() - 1e-9);
        Plan best = null;
        for (int stride = Math.max(1, minStride); stride <= 4; stride++) {
            List<Integer> chosen = new ArrayList<>();
            for (Candidate c : candidates) {
                if (used[c.needle()] && Math.round(c.distanceFromTipMm() / intent.seedStepMm()) % stride == 0) {
                    chosen.add(c.index());
                }
            }
            Plan p = assemble(chosen.stream().mapToInt(Integer::intValue).toArray(), evaluatorFor(chosen), 0, false);
            boolean covered = p.goals().stream().filter(GoalResult::isCoverage).allMatch(GoalResult::met);
            if (best == null || covered) {
                best = p;
            }
            if (!covered) {
                break;
            }
        }
        return best;
    }

    /** A plan, the candidates it loads and its dose in double precision (null with a background of fixed seeds). */
    private record Outcome(Plan plan, int[] chosen, double[] doseGy) {
    }

    /** A dose in single precision (as the DVHs read it) and in double precision. */
    private record Dose(DoseGrid grid, double[] gy) {
    }

    private PlanEvaluator.Evaluation evaluatorFor(List<Integer> chosen) {
        return evaluator.evaluate(seedsOf(chosen.stream().mapToInt(Integer::intValue).toArray()));
    }

    /**
     * Optimises under {@code optimiserIntent}'s loading rules (from {@code start} if not null) with
     * the dose of {@code fixedSeeds} as a background, checks on the full dose and retries as
     * described in docs/planning.md.
     */
    private Outcome run(PlanIntent optimiserIntent, boolean[] fixedNeedles, boolean[] locked, boolean[] forbidden, int[] start,
                        List<Seed> fixedSeeds, ProgressListener progress) {
        long t0 = System.nanoTime();
        ObjectiveWeights w = weights;
        Plan best = null;
        int[] bestChosen = null;
        double[] bestGy = null;
        int[] chosen = start;
        double[] fixedGy = fixedDose(fixedSeeds);
        double[] tail = new double[points.size()];
        boolean repairOnly = false;
        for (int attempt = 0; attempt <= MAX_RETRIES; attempt++) {
            Planner.step(progress, "seed optimisation", 0.45 + 0.15 * attempt);
            OptimisationProblem problem = new OptimisationProblem(optimiserIntent, candidates, layout.needles().size(), fixedNeedles,
                    locked, forbidden, points, matrix, w);
            SeedOptimiser optimiser = new SeedOptimiser(problem);
            SeedSelection s;
            if (repairOnly) {
                s = optimiser.optimise(chosen, sum(fixedGy, tail), false);
            } else {
                s = optimiser.optimise(chosen == null ? new int[0] : chosen, sum(fixedGy, tail), true);
                tail = tailDose(s.chosen());
                s = optimiser.optimise(s.chosen(), sum(fixedGy, tail), false);
            }
            chosen = s.chosen();
            Planner.step(progress, "dose and DVH", 0.55 + 0.15 * attempt);
            List<Seed> all = new ArrayList<>(fixedSeeds);
            all.addAll(seedsOf(chosen));
            Dose d = fixedSeeds.isEmpty() ? doseOf(seedsOf(chosen)) : null;
            PlanEvaluator.Evaluation e = d != null ? evaluator.evaluate(d.grid()) : evaluator.evaluate(all);
            Plan p = assemble(chosen, e, candidates.size(), true);
            if (best == null || better(p, best)) {
                best = p;
                bestChosen = chosen;
                bestGy = d == null ? null : d.gy();
            }
            if (p.allGoalsMet()) {
                break;
            }
            boolean coverageShort = !e.coverageMet() && s.coverageReached();
            boolean hot = p.goals().stream().anyMatch(g -> !g.met() && g.isHighDose());
            if (!coverageShort && !hot) {
                break;
            }
            // Coverage met on the sample points but not on the DVH: demand more and repair from here.
            // High-dose limits missed: weigh them more and search again from here.
            repairOnly = coverageShort;
            w = new ObjectiveWeights(w.under(), hot ? w.hot150() * 2.5 : w.hot150(), hot ? w.hot200() * 2.5 : w.hot200(),
                    w.shell(), w.organ(), w.needleCost(), coverageShort ? w.coverageMarginPct() + 1.5 : w.coverageMarginPct());
        }
        Planner.step(progress, "done", 1.0);
        return new Outcome(best.withPlanningSeconds((System.nanoTime() - t0) / 1e9), bestChosen, bestGy);
    }

    private static double[] sum(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }

    /** Dose at each sample point from {@code seeds} (each at its own position, axis and strength) through the unit-dose table, Gy. */
    private double[] fixedDose(List<Seed> seeds) {
        double factor = intent.decay().gyPerCGyPerH();
        double[] out = new double[points.size()];
        if (seeds.isEmpty()) {
            return out;
        }
        IntStream.range(0, points.size()).parallel().forEach(i -> {
            double sum = 0;
            for (Seed s : seeds) {
                double dx = points.x()[i] - s.centreMm().x();
                double dy = points.y()[i] - s.centreMm().y();
                double dz = points.z()[i] - s.centreMm().z();
                double axial = dx * s.axis().x() + dy * s.axis().y() + dz * s.axis().z();
                sum += table.doseRatePerU(dx * dx + dy * dy + dz * dz, axial) * s.skU();
            }
            out[i] = sum * factor;
        });
        return out;
    }

    /**
     * The 3D dose of {@code seeds}, each seed's rate (the values a full computation adds for it, {@link
     * FastDoseEngine#seedDoseRate}) summed in double precision: when they differ from the last known seeds in fewer than
     * half, the last dose with the seeds taken out subtracted and those put in added (a re-plan after needles are locked
     * changes a few seeds of a hundred); otherwise summed afresh. Seeds within 1e-9 mm (axes 1e-12) of each other count as
     * the same. Either way within 1e-12 relative of the exact sum, whatever the order of the seeds.
     */
    private Dose doseOf(List<Seed> seeds) {
        Grid grid = geometry.grid();
        java.util.Map<List<Long>, Integer> known = new java.util.HashMap<>();
        lastSeeds.forEach(x -> known.merge(key(x), 1, Integer::sum));
        List<Seed> in = new ArrayList<>();
        for (Seed x : seeds) {
            if (known.merge(key(x), -1, Integer::sum) < 0) {
                in.add(x);
            }
        }
        List<Seed> out = new ArrayList<>();
        for (Seed x : lastSeeds) {
            List<Long> k = key(x);
            if (known.get(k) > 0) {
                known.merge(k, -1, Integer::sum);
                out.add(x);
            }
        }
        double[] sum;
        if (lastDoseGy == null || lastDoseGy.length != grid.voxelCount() || 2 * (out.size() + in.size()) >= seeds.size()) {
            sum = new double[grid.voxelCount()];
            out = List.of();
            in = seeds;
        } else {
            sum = lastDoseGy.clone();
        }
        double factor = intent.decay().gyPerCGyPerH();
        int slice = grid.nx() * grid.ny();
        float[] buffer = null;
        for (int pass = 0; pass < 2; pass++) {
            for (Seed seed : pass == 0 ? out : in) {
                FastDoseEngine.SlabRate rate = engine.seedDoseRate(seed, grid, buffer);
                buffer = rate.rateCGyPerH();
                double f = pass == 0 ? -factor : factor;
                int offset = rate.firstSlice() * slice;
                float[] r = rate.rateCGyPerH();
                IntStream.range(0, rate.sliceCount()).parallel().forEach(k -> {
                    for (int v = k * slice, end = v + slice; v < end; v++) {
                        sum[offset + v] += r[v] * f;
                    }
                });
            }
        }
        float[] dose = new float[sum.length];
        IntStream.range(0, dose.length).parallel().forEach(n -> dose[n] = (float) Math.max(0, sum[n]));
        return new Dose(new DoseGrid(grid, dose), sum);
    }

    /** A seed's identity for matching: centre to 1e-9 mm, axis to 1e-12, strength. */
    private static List<Long> key(Seed s) {
        Vec3 c = s.centreMm();
        Vec3 a = s.axis();
        return List.of(Math.round(c.x() * 1e9), Math.round(c.y() * 1e9), Math.round(c.z() * 1e9), Math.round(a.x() * 1e12),
                Math.round(a.y() * 1e12), Math.round(a.z() * 1e12), Double.doubleToLongBits(s.skU()));
    }

    /** Fewer unmet goals first, then fewer seeds. */
    private static boolean better(Plan a, Plan b) {
        long ua = a.goals().stream().filter(g -> !g.met()).count();
        long ub = b.goals().stream().filter(g -> !g.met()).count();
        return ua != ub ? ua < ub : a.seedCount() < b.seedCount();
    }

    /** Dose at each sample point from the chosen seeds beyond the matrix cutoff (the rows' missing tails), Gy. */
    private double[] tailDose(int[] chosen) {
        double cut2 = matrix.cutoffMm() * matrix.cutoffMm();
        double scale = intent.seed().skU() * intent.decay().gyPerCGyPerH();
        double[] tail = new double[points.size()];
        IntStream.range(0, points.size()).parallel().forEach(i -> {
            double sum = 0;
            for (int j : chosen) {
                Candidate c = candidates.get(j);
                double dx = points.x()[i] - c.positionMm().x();
                double dy = points.y()[i] - c.positionMm().y();
                double dz = points.z()[i] - c.positionMm().z();
                double r2 = dx * dx + dy * dy + dz * dz;
                if (r2 > cut2) {
                    double axial = dx * c.axis().x() + dy * c.axis().y() + dz * c.axis().z();
                    sum += table.doseRatePerU(r2, axial);
                }
            }
            tail[i] = sum * scale;
        });
        return tail;
    }

    private List<Seed> seedsOf(int[] chosen) {
        List<Seed> seeds = new ArrayList<>();
        for (int j : chosen) {
            Candidate c = candidates.get(j);
            seeds.add(new Seed(c.positionMm(), c.axis(), intent.seed().skU()));
        }
        return seeds;
    }

    /** Layout needle index of each plan needle number (fixed needles and needles with seeds, in layout order). */
    private int[] needleNumbering(int[] chosen) {
        boolean[] used = new boolean[layout.needles().size()];
        for (int j : chosen) {
            used[candidates.get(j).needle()] = true;
        }
        for (int n = 0; n < used.length; n++) {
            used[n] |= layout.needles().get(n).fixed();
        }
        return IntStream.range(0, used.length).filter(n -> used[n]).toArray();
    }

    private Plan assemble(int[] chosen, PlanEvaluator.Evaluation e, int candidateCount, boolean explain) {
        int[] order = chosen.clone();
        Arrays.sort(order);
        List<PlannedNeedle> needles = new ArrayList<>();
        List<Seed> seeds = new ArrayList<>();
        int number = 1;
        for (int n : needleNumbering(order)) {
            List<Double> distances = new ArrayList<>();
            for (int j : order) {
                Candidate c = candidates.get(j);
                if (c.needle() == n) {
                    distances.add(c.distanceFromTipMm());
                    seeds.add(new Seed(c.positionMm(), c.axis(), intent.seed().skU()));
                }
            }
            needles.add(new PlannedNeedle(number++, layout.needles().get(n), distances));
        }
        int withSpares = (int) Math.ceil(seeds.size() * (1 + intent.sparesPct() / 100) - 1e-9);
        int toOrder = Math.max(0, withSpares - intent.seed().stock());
        List<String> statements = explain ? new GoalExplainer(intent, layout, points, candidates).explain(e.goals(), seeds.size(),
                needles.size()) : List.of();
        return new Plan(planningCase.patientId(), planningCase.patientName(), intent, source, needles, seeds, toOrder, e.dose(),
                e.structures(), e.metrics(), e.goals(), statements, candidateCount, layout.needles().size(), 0);
    }
}
