package org.seedplan.server.plans;

import java.util.ArrayList;
import java.util.List;
import org.seedplan.geometry.Vec3;
import org.seedplan.planning.intent.PlanIntent;
import org.seedplan.storage.plan.PlanContent;

/**
 * The operating-room needle table of a stored plan revision: one row per needle in insertion order (plan numbering), with
 * the template hole it goes through (or none), its entry, direction and depth from the entry (template plane or skin) to
 * the tip, and its loading from the tip: seeds and 5 mm spacers in steps of the planner's seed step, and each seed's
 * centre measured from the tip along the needle.
 *
 * @param rows            the needles
 * @param unassignedSeeds seeds of the revision on no needle (e.g. found seeds of a post-implant plan)
 * @param stepMm          the loading step: a pattern position and a spacer are this long
 */
public record NeedleTable(List<Row> rows, int unassignedSeeds, double stepMm) {

    /** How far a seed centre may lie from a whole number of steps and still be read as a pattern position, mm. */
    static final double ON_STEP_MM = 0.25;

    /**
     * One needle.
     *
     * @param number              needle number from 1, insertion order
     * @param hole                template hole label ("C4"), or null for a needle through no hole of the recorded template
     * @param depthMm             from the entry (template plane or skin) to the tip, mm
     * @param seedFromTipMm       each seed centre's distance from the tip along the needle, ascending, mm
     * @param pattern             from the tip, one character per step: 'S' a seed, '-' a spacer; null when a seed is off the steps
     * @param spacers             spacers between the tip and the last seed (the '-' of the pattern), or -1 when there is no pattern
     */
    public record Row(int number, String hole, Vec3 entryMm, Vec3 tipMm, Vec3 direction, double depthMm, List<Double> seedFromTipMm,
                      String pattern, int spacers) {

        public int seeds() {
            return seedFromTipMm.size();
        }
    }

    /** The table of {@code c}; {@code template} (or null) names the holes; the step is the plan screen's seed step (5 mm). */
    public static NeedleTable of(PlanContent c, TemplateHoles template) {
        double step = PlanIntent.DEFAULT_SEED_STEP_MM;
        List<List<Double>> distances = new ArrayList<>();
        for (int i = 0; i < c.needles().size(); i++) {
            distances.add(new ArrayList<>());
        }
        int unassigned = 0;
        for (PlanContent.PlannedSeed s : c.seeds()) {
            if (s.needle() < 0 || s.needle() >= c.needles().size()) {
                unassigned++;
                continue;
            }
            PlanContent.Needle n = c.needles().get(s.needle());
            Vec3 d = n.tipMm().minus(n.entryMm()).normalized();
            distances.get(s.needle()).add(n.tipMm().minus(s.centreMm()).dot(d));
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < c.needles().size(); i++) {
            PlanContent.Needle n = c.needles().get(i);
            List<Double> fromTip = distances.get(i);
            fromTip.sort(Double::compare);
            String pattern = pattern(fromTip, step);
            int spacers = pattern == null ? -1 : (int) pattern.chars().filter(ch -> ch == '-').count();
            rows.add(new Row(i + 1, template == null ? null : template.label(n.entryMm(), n.tipMm()), n.entryMm(), n.tipMm(),
                    n.tipMm().minus(n.entryMm()).normalized(), n.entryMm().distanceTo(n.tipMm()), List.copyOf(fromTip), pattern, spacers));
        }
        return new NeedleTable(List.copyOf(rows), unassigned, step);
    }

    /** "SS-S": from the tip, 'S' where a seed centre lies on the step, '-' where none; null if a seed lies between steps. */
    static String pattern(List<Double> fromTipMm, double stepMm) {
        if (fromTipMm.isEmpty()) {
            return "";
        }
        int positions = (int) Math.round(fromTipMm.get(fromTipMm.size() - 1) / stepMm) + 1;
        char[] p = new char[Math.max(positions, 1)];
        java.util.Arrays.fill(p, '-');
        for (double d : fromTipMm) {
            long k = Math.round(d / stepMm);
            if (k < 0 || Math.abs(d - k * stepMm) > ON_STEP_MM || p[(int) k] == 'S') {
                return null;
            }
            p[(int) k] = 'S';
        }
        return new String(p);
    }
}
