package org.seedplan.planning.edit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.seedplan.dose.FastDoseEngine;
import org.seedplan.dose.Seed;
import org.seedplan.geometry.Vec3;
import org.seedplan.planning.Plan;
import org.seedplan.planning.PlanEvaluator;
import org.seedplan.planning.PlannedNeedle;
import org.seedplan.planning.PlanningGeometry;
import org.seedplan.planning.PlanningSession;
import org.seedplan.planning.ProgressListener;
import org.seedplan.planning.intent.FixedNeedle;
import org.seedplan.planning.intent.PlanIntent;
import org.seedplan.planning.intent.TargetGoal;
import org.seedplan.planning.needle.Needle;

/**
 * Manual editing of one plan: seeds and whole needles moved, added and deleted, needles locked and the
 * rest re-optimised (the intra-operative re-plan), each edit updating the 3D dose incrementally
 * ({@link IncrementalDose}) and, on demand, the DVH, metrics and goal checks of every structure (the
 * plan's {@link PlanEvaluator}, so the numbers are those of a fresh evaluation) and the isodose lines of
 * a plane ({@link IsodoseLines}). Seeds carry a stable id; needles keep their plan number. Thread-safe
 * (one edit at a time).
 */
public final class EditSession {

    /** A seed of the session: its id, the number of the needle that carries it, and the seed. */
    public record EditSeed(int id, int needle, Seed seed) {
    }

    /**
     * A needle of the session.
     *
     * @param locked placed already: kept with its seeds by a re-plan, not editable
     * @param edited changed by hand since the last optimisation (locked, a re-plan keeps it as a needle in the patient)
     */
    public record EditNeedle(int number, Needle path, boolean locked, boolean edited) {
    }

    /** Isodose levels drawn: these percentages of each target's prescription (those {@link IsodoseLineStyle} draws). */
    public static final double[] ISODOSE_PERCENTS = IsodoseLineStyle.LEVELS.stream().mapToDouble(IsodoseLineStyle::percent).toArray();
    /** How far a locked needle's seed may lie from the needle's axis for a re-plan to keep it there, mm (rounding of a Shift-drag). */
    public static final double ON_AXIS_MM = 0.01;

    /** The planning session the plan was made in (with its intent's own fixed needles); null for a stored plan. */
    private final PlanningSession base;
    /** The session of the last optimisation: {@link #base}, or one made around needles locked after hand edits. */
    private PlanningSession planning;
    private final PlanIntent intent;
    private final PlanEvaluator evaluator;
    private final FastDoseEngine engine;
    private final PlanningGeometry geometry;
    private final double skU;
    private final TreeMap<Integer, Needle> needles = new TreeMap<>();
    private final Map<Integer, EditSeed> seeds = new LinkedHashMap<>();
    private final Set<Integer> locked = new HashSet<>();
    private final Set<Integer> edited = new HashSet<>();
    private IncrementalDose dose;
    private PlanEvaluator.Evaluation evaluation;
    private int nextSeedId = 1;
    /** Needle number → its number in the last optimisation's plan, for needles as that optimisation made them. */
    private final Map<Integer, Integer> planNumbers = new HashMap<>();
    /** Needles that {@link #planning} holds as fixed needles because they were locked (none in {@link #base}). */
    private final Set<Integer> heldFixed = new HashSet<>();
    private List<String> statements = List.of();

    /**
     * A session on a plan of {@code planning}: edits use the plan's source model, engine tables and
     * decay; {@link #reoptimise} and {@link #uniformBaseline} use {@code planning}.
     */
    public static EditSession of(PlanningSession planning, Plan plan) {
        return new EditSession(planning, planning.geometry(), plan.intent(), new FastDoseEngine(planning.kernel()), plan.needles(),
                plan.intent().seed().skU(), plan);
    }

    /** A session on needles and seeds without a planning session (no re-optimisation), e.g. a stored plan. */
    public EditSession(PlanningGeometry geometry, PlanIntent intent, FastDoseEngine engine, List<PlannedNeedle> planned, double skU) {
        this(null, geometry, intent, engine, planned, skU, null);
    }

    private EditSession(PlanningSession planning, PlanningGeometry geometry, PlanIntent intent, FastDoseEngine engine, List<PlannedNeedle> planned,
                        double skU, Plan evaluated) {
        this.base = planning;
        this.planning = planning;
        this.geometry = geometry;
        this.intent = intent;
        this.engine = engine;
        this.skU = skU;
        this.evaluator = new PlanEvaluator(engine, geometry, intent);
        load(planned, evaluated);
    }

    /**
     * Loads needles and seeds; {@code evaluated}, when given, is the plan they come from, whose dose,
     * DVHs, metrics and goals (the planner's evaluation on this grid) are taken over instead of recomputed.
     */
    private void load(List<PlannedNeedle> planned, Plan evaluated) {
        needles.clear();
        seeds.clear();
        edited.clear();
        planNumbers.clear();
        heldFixed.clear();
        for (PlannedNeedle n : planned) {
            needles.put(n.number(), n.needle());
            planNumbers.put(n.number(), n.number());
            for (Seed s : n.seeds(skU)) {
                int id = nextSeedId++;
                seeds.put(id, new EditSeed(id, n.number(), s));
            }
        }
        statements = evaluated == null ? List.of() : evaluated.statements();
        holdDose(evaluated);
    }

    /**
     * The dose of the current seeds: {@code evaluated}'s own when it is of these seeds on this grid (in double precision
     * too when it is the planning session's last plan), else computed.
     */
    private void holdDose(Plan evaluated) {
        if (evaluated != null && evaluated.dose().grid().equals(geometry.grid())) {
            double[] exact = planning == null ? null : planning.doseGyOf(evaluated);
            dose = exact != null ? new IncrementalDose(engine, evaluated.dose(), exact, intent.decay())
                    : new IncrementalDose(engine, evaluated.dose(), intent.decay());
            evaluation = new PlanEvaluator.Evaluation(evaluated.dose(), evaluated.structures(), evaluated.metrics(), evaluated.goals());
        } else {
            dose = new IncrementalDose(engine, geometry.grid(), intent.decay(), seedList());
            evaluation = null;
        }
    }

    public PlanIntent intent() {
        return intent;
    }

    public PlanningGeometry geometry() {
        return geometry;
    }

    /** Air-kerma strength of every seed, U. */
    public double skU() {
        return skU;
    }

    /** The seeds, in needle order as loaded, then added ones. */
    public synchronized List<EditSeed> seeds() {
        return List.copyOf(seeds.values());
    }

    /** The seeds as dose sources. */
    public synchronized List<Seed> seedList() {
        return seeds.values().stream().map(EditSeed::seed).toList();
    }

    public synchronized List<EditNeedle> needles() {
        List<EditNeedle> out = new ArrayList<>();
        needles.forEach((number, path) -> out.add(new EditNeedle(number, path, locked.contains(number), edited.contains(number))));
        return out;
    }

    /** Moves seed {@code id} to {@code toMm} (its axis and strength kept). */
    public synchronized void moveSeed(int id, Vec3 toMm) {
        EditSeed s = seed(id);
        editable(s.needle());
        Seed moved = s.seed().withCentre(toMm);
        dose.move(s.seed(), moved);
        seeds.put(id, new EditSeed(id, s.needle(), moved));
        changed(s.needle());
    }

    /**
     * Adds a seed to needle {@code needle} at the point of its axis nearest to {@code nearMm} (between tip
     * and entry), along the needle; returns its id.
     */
    public synchronized int addSeed(int needle, Vec3 nearMm) {
        Needle path = needle(needle);
        editable(needle);
        double fromTip = Math.max(0, Math.min(path.depthMm(), path.tipMm().minus(nearMm).dot(path.direction())));
        Seed s = new Seed(path.pointFromTip(fromTip), path.direction(), skU);
        int id = nextSeedId++;
        seeds.put(id, new EditSeed(id, needle, s));
        dose.add(s);
        changed(needle);
        return id;
    }

    /** Deletes seed {@code id}. */
    public synchronized void deleteSeed(int id) {
        EditSeed s = seed(id);
        editable(s.needle());
        seeds.remove(id);
        dose.remove(s.seed());
        changed(s.needle());
    }

    /** Moves needle {@code number} and its seeds by {@code shiftMm} (its template hole label no longer applies). */
    public synchronized void moveNeedle(int number, Vec3 shiftMm) {
        Needle path = needle(number);
        editable(number);
        if (!shiftMm.isFinite()) {
            throw new IllegalArgumentException("needle shift must be finite [x, y, z] mm, got " + shiftMm);
        }
        needles.put(number, new Needle(path.entryMm().plus(shiftMm), path.tipMm().plus(shiftMm), null, path.fixed()));
        for (EditSeed s : List.copyOf(seeds.values())) {
            if (s.needle() == number) {
                Seed moved = s.seed().withCentre(s.seed().centreMm().plus(shiftMm));
                dose.move(s.seed(), moved);
                seeds.put(s.id(), new EditSeed(s.id(), number, moved));
            }
        }
        changed(number);
    }

    /** Deletes needle {@code number} with its seeds. */
    public synchronized void deleteNeedle(int number) {
        needle(number);
        editable(number);
        for (EditSeed s : List.copyOf(seeds.values())) {
            if (s.needle() == number) {
                seeds.remove(s.id());
                dose.remove(s.seed());
            }
        }
        needles.remove(number);
        changed(number);
    }

    /** Adds an empty needle from {@code entryMm} to {@code tipMm}; returns its number. */
    public synchronized int addNeedle(Vec3 entryMm, Vec3 tipMm) {
        if (!entryMm.isFinite() || !tipMm.isFinite() || !(entryMm.distanceTo(tipMm) > 1)) {
            throw new IllegalArgumentException("new needle: entryMm " + entryMm + " and tipMm " + tipMm
                    + " must be finite points more than 1 mm apart");
        }
        int number = needles.isEmpty() ? 1 : needles.lastKey() + 1;
        needles.put(number, new Needle(entryMm, tipMm, null, false));
        changed(number);
        return number;
    }

    /** Locks or unlocks needles (a locked needle is placed: re-plans keep it, edits refuse it). */
    public synchronized void lock(Collection<Integer> numbers, boolean lock) {
        for (int n : numbers) {
            needle(n);
        }
        if (lock) {
            locked.addAll(numbers);
        } else {
            locked.removeAll(numbers);
        }
    }

    /**
     * Re-optimises the seeds of the unlocked needles keeping the locked ones with their paths and seeds (the
     * intra-operative re-plan); hand edits of unlocked needles are replaced by the optimiser's loading. Locked
     * needles keep their numbers (the others are numbered around them) and their seeds their ids. When every
     * locked needle is as the last optimisation made it, that optimisation is re-run keeping them (the same
     * candidates and influence matrix); when a locked needle was moved, loaded or added by hand, a planning session
     * is made around the locked needles as fixed needles in the patient (path and seeds as they are, see
     * {@link #placed}) and the rest planned anew from the seeds they carry (the influence matrix rows of the candidates
     * the new session shares with the last one are reused, and the dose held here is updated by the seeds that change).
     */
    public synchronized void reoptimise(ProgressListener progress) {
        requirePlanning("re-optimise");
        List<Integer> kept = new ArrayList<>(new TreeSet<>(locked));
        boolean asOptimised = locked.containsAll(heldFixed)
                && kept.stream().allMatch(n -> planNumbers.containsKey(n) && !edited.contains(n));
        Map<Integer, Integer> numberOfPlanNumber = new HashMap<>();
        if (asOptimised) {
            kept.forEach(n -> numberOfPlanNumber.put(planNumbers.get(n), n));
            Plan p = planning.reoptimiseKeeping(kept.stream().map(planNumbers::get).toList(), progress);
            adopt(p, numberOfPlanNumber);
            return;
        }
        List<FixedNeedle> fixed = new ArrayList<>();
        for (int n : kept) {
            numberOfPlanNumber.put(fixed.size() + 1, n);
            fixed.add(placed(n));
        }
        for (FixedNeedle own : base.intent().fixedNeedles()) {
            if (fixed.stream().noneMatch(f -> f.entryMm().equals(own.entryMm()) && f.tipMm().equals(own.tipMm()))) {
                fixed.add(own);
            }
        }
        PlanningSession around = base.withFixedNeedles(fixed, progress);
        around.knowDose(seedList(), dose.doseGyCopy());
        // from the seeds the other needles carry now: those where the optimiser put them are candidates of the new session too
        List<Vec3> start = seeds.values().stream().filter(x -> !locked.contains(x.needle())).map(x -> x.seed().centreMm()).toList();
        Plan p = around.optimiseFrom(start, progress);
        planning = around;
        adopt(p, numberOfPlanNumber);
        heldFixed.addAll(kept);
    }

    /**
     * Locked needle {@code number} as a fixed needle in the patient: its path, and its seeds at their distances from the
     * tip. A seed must lie on its needle's axis (within {@value #ON_AXIS_MM} mm) between tip and entry: a re-plan keeps a
     * needle's seeds as a loading along it.
     */
    private FixedNeedle placed(int number) {
        Needle path = needles.get(number);
        List<Double> distances = new ArrayList<>();
        for (EditSeed s : seeds.values()) {
            if (s.needle() != number) {
                continue;
            }
            double d = path.tipMm().minus(s.seed().centreMm()).dot(path.direction());
            double off = path.pointFromTip(d).distanceTo(s.seed().centreMm());
            if (off > ON_AXIS_MM || d < -ON_AXIS_MM || d > path.depthMm() + ON_AXIS_MM) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "seed %d of locked needle %d lies %.2f mm off the"
                        + " needle between its tip and entry: a re-plan keeps a locked needle's seeds along it; move the seed onto the needle"
                        + " (Shift-drag) or unlock needle %d", s.id(), number, Math.max(off, Math.max(-d, d - path.depthMm())), number));
            }
            distances.add(Math.max(0, Math.min(path.depthMm(), d)));
        }
        distances.sort(null);
        return new FixedNeedle(path.entryMm(), path.tipMm(), distances, true);
    }

    /**
     * Takes the plan of a re-plan over: the needles of {@code numberOfPlanNumber} (plan number → needle number) are the
     * locked ones and keep their path, seeds and number; the plan's other needles are numbered around them. The plan's dose
     * and evaluation are taken over: its seeds are these (on a locked needle moved or added by hand, the planner's seed lies
     * at the kept seed's distance from the tip, within rounding, 1e-12 mm).
     */
    private void adopt(Plan p, Map<Integer, Integer> numberOfPlanNumber) {
        Map<Integer, Needle> keptPaths = new HashMap<>();
        List<EditSeed> keptSeeds = new ArrayList<>();
        for (int n : numberOfPlanNumber.values()) {
            keptPaths.put(n, needles.get(n));
            seeds.values().stream().filter(s -> s.needle() == n).forEach(keptSeeds::add);
        }
        needles.clear();
        seeds.clear();
        edited.clear();
        planNumbers.clear();
        heldFixed.clear();
        int next = 1;
        for (PlannedNeedle pn : p.needles()) {
            Integer number = numberOfPlanNumber.get(pn.number());
            if (number != null) {
                int lockedNumber = number;
                needles.put(number, keptPaths.get(number));
                List<EditSeed> own = keptSeeds.stream().filter(s -> s.needle() == lockedNumber).toList();
                if (own.size() != pn.seedCount()) {
                    throw new IllegalStateException("the re-plan loaded " + pn.seedCount() + " seeds on locked needle " + number + ", not its " + own.size());
                }
                own.forEach(s -> seeds.put(s.id(), s));
            } else {
                while (keptPaths.containsKey(next)) {
                    next++;
                }
                number = next++;
                needles.put(number, pn.needle());
                for (Seed s : pn.seeds(skU)) {
                    int id = nextSeedId++;
                    seeds.put(id, new EditSeed(id, number, s));
                }
            }
            planNumbers.put(number, pn.number());
        }
        if (!needles.keySet().containsAll(keptPaths.keySet())) {
            throw new IllegalStateException("the re-plan dropped a locked needle: kept " + needles.keySet() + ", locked " + keptPaths.keySet());
        }
        statements = p.statements();
        holdDose(p);
    }

    /** Optimises afresh (all needles unlocked, hand edits replaced). */
    public synchronized void optimise(ProgressListener progress) {
        requirePlanning("optimise");
        planning = base;
        Plan p = planning.optimise(progress);
        locked.clear();
        load(p.needles(), p);
    }

    /** The uniform-loading plan on the last optimisation's needles, for comparison. */
    public synchronized Plan uniformBaseline() {
        requirePlanning("make the uniform-loading baseline");
        return planning.uniformBaseline();
    }

    /**
     * The fixed needles of the last optimisation's intent: the intent's own, or, after a re-plan around needles locked
     * after hand edits, those needles in the patient with their loading (and the intent's own not among them).
     */
    public synchronized List<FixedNeedle> fixedNeedles() {
        return planning == null ? intent.fixedNeedles() : planning.intent().fixedNeedles();
    }

    /** What the last optimisation said of each goal it did not meet, and why (empty when all were met). */
    public synchronized List<String> planStatements() {
        return statements;
    }

    /** The DVHs, metrics and goal checks of the current seeds (computed once per edit). */
    public synchronized PlanEvaluator.Evaluation evaluation() {
        if (evaluation == null) {
            evaluation = evaluator.evaluate(dose.toDoseGrid());
        }
        return evaluation;
    }

    /** The isodose lines (50, 100, 150, 200 % of each target's prescription) of the current dose on a plane. */
    public synchronized List<IsodoseLines.Line> isodoseLines(SlicePlane plane, double atMm) {
        List<IsodoseLines.Level> levels = new ArrayList<>();
        List<Double> percents = new ArrayList<>();
        for (TargetGoal t : intent.targets()) {
            for (double pct : ISODOSE_PERCENTS) {
                levels.add(new IsodoseLines.Level(pct / 100 * t.prescriptionGy(),
                        IsodoseLines.percentLabel(pct) + " of " + t.structure()));
                percents.add(pct);
            }
        }
        return IsodoseLines.of(evaluation().dose(), plane, atMm, levels, percents);
    }

    /** The current dose on a plane (for a colour wash), or null when the plane lies outside the dose grid. */
    public synchronized IsodoseLines.Plane dosePlane(SlicePlane plane, double atMm) {
        return IsodoseLines.plane(evaluation().dose(), plane, atMm);
    }

    private void changed(int needle) {
        edited.add(needle);
        evaluation = null;
    }

    private EditSeed seed(int id) {
        EditSeed s = seeds.get(id);
        if (s == null) {
            throw new IllegalArgumentException("seed " + id + " is not in the plan being edited: give the id of one of its seeds");
        }
        return s;
    }

    private Needle needle(int number) {
        Needle n = needles.get(number);
        if (n == null) {
            throw new IllegalArgumentException("needle " + number + " is not in the plan being edited (it has " + needles.keySet()
                    + "): give the number of one of its needles");
        }
        return n;
    }

    private void editable(int needle) {
        if (locked.contains(needle)) {
            throw new IllegalArgumentException("needle " + needle + " is locked (placed): unlock it before editing it");
        }
    }

    private void requirePlanning(String what) {
        if (planning == null) {
            throw new IllegalStateException("this edit session has no planning session: cannot " + what);
        }
    }
}
