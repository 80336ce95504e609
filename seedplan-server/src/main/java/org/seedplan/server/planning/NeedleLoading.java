package org.seedplan.server.planning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.seedplan.geometry.Vec3;
import org.seedplan.planning.PlanningGeometry;
import org.seedplan.planning.edit.EditSession;
import org.seedplan.planning.intent.PlanIntent;
import org.seedplan.planning.needle.Needle;

/**
 * A needle added by hand in the plan screen, loaded the way a physicist loads an extra needle: seeds at the plan's
 * spacing from the deepest point of the needle where the planner may place a seed (the far edge of the target and its
 * allowed margin, not beyond the tip) back towards the entry, wherever a seed may go; the other needles keep their
 * seeds. The plan's spacing is the most common centre-to-centre distance of neighbouring seeds on its needles.
 */
public final class NeedleLoading {

    /** Spacing used when the plan has no two seeds on one needle, mm (the usual 1 cm loading). */
    static final double DEFAULT_SPACING_MM = 10;

    /**
     * What was added.
     *
     * @param needle    the new needle's number
     * @param seeds     seeds loaded on it
     * @param spacingMm centre-to-centre distance of its seeds, mm
     * @param warning   why the path may not be safe (an organ at risk's keep-out region or bone it crosses), or null
     */
    public record Result(int needle, int seeds, double spacingMm, String warning) {
    }

    private NeedleLoading() {
    }

    /**
     * Adds the needle from {@code entryMm} to {@code tipMm} to {@code edit}, loaded at {@code spacingMm} (null: the plan's
     * spacing) unless {@code load} is false.
     */
    public static Result add(EditSession edit, Vec3 entryMm, Vec3 tipMm, Double spacingMm, boolean load) {
        PlanningGeometry g = edit.geometry();
        PlanIntent intent = edit.intent();
        double spacing = spacingMm != null ? spacingMm : planSpacingMm(edit);
        if (!(spacing >= intent.minSeedGapMm() && spacing <= 30)) {
            throw new IllegalArgumentException("spacingMm must lie between " + intent.minSeedGapMm() + " mm (the plan's smallest seed gap) and 30 mm, got "
                    + spacing);
        }
        int number = edit.addNeedle(entryMm, tipMm);
        String blocked = g.pathBlocked(entryMm, tipMm, g.pathStepMm());
        String warning = blocked == null ? null : "needle " + number + " crosses " + blocked + ": check the path before inserting it";
        int seeds = 0;
        if (load) {
            for (Vec3 p : positions(g, new Needle(entryMm, tipMm, null, false), spacing)) {
                edit.addSeed(number, p);
                seeds++;
            }
        }
        return new Result(number, seeds, spacing, warning);
    }

    /** Seed centres on {@code n}: from its deepest allowed point back to the entry every {@code spacingMm}, where a seed may go. */
    static List<Vec3> positions(PlanningGeometry g, Needle n, double spacingMm) {
        double step = Math.min(0.5, g.pathStepMm());
        double deepest = -1;
        for (double d = 0; d <= n.depthMm(); d += step) {
            if (g.seedAllowed(n.pointFromTip(d))) {
                deepest = d;
                break;
            }
        }
        List<Vec3> out = new ArrayList<>();
        if (deepest < 0) {
            return out;
        }
        for (double d = deepest; d <= n.depthMm() + 1e-9; d += spacingMm) {
            Vec3 p = n.pointFromTip(d);
            if (g.seedAllowed(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * The most common distance between neighbouring seeds of one needle in the plan, in whole seed steps (at least the
     * smallest seed gap); {@link #DEFAULT_SPACING_MM} when no needle has two seeds.
     */
    static double planSpacingMm(EditSession edit) {
        PlanIntent intent = edit.intent();
        double stepMm = intent.seedStepMm();
        Map<Integer, List<Vec3>> byNeedle = new TreeMap<>();
        edit.seeds().forEach(s -> byNeedle.computeIfAbsent(s.needle(), k -> new ArrayList<>()).add(s.seed().centreMm()));
        Map<Long, Integer> counts = new TreeMap<>();
        for (EditSession.EditNeedle n : edit.needles()) {
            List<Double> along = new ArrayList<>();
            for (Vec3 p : byNeedle.getOrDefault(n.number(), List.of())) {
                along.add(n.path().tipMm().minus(p).dot(n.path().direction()));
            }
            along.sort(Double::compare);
            for (int i = 1; i < along.size(); i++) {
                counts.merge(Math.round((along.get(i) - along.get(i - 1)) / stepMm), 1, Integer::sum);
            }
        }
        long steps = counts.entrySet().stream().filter(e -> e.getKey() > 0).max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse(0L);
        if (steps == 0) {
            return DEFAULT_SPACING_MM;
        }
        return Math.max(steps * stepMm, Math.ceil(intent.minSeedGapMm() / stepMm - 1e-9) * stepMm);
    }
}
