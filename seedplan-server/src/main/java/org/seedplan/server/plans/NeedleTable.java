package org.seedplan.server.plans;

import java.util.ArrayList;
import java.util.List;
import org.seedplan.geometry.Vec3;
import org.seedplan.dose.Tg43Kernel;
import org.seedplan.storage.plan.PlanContent;

/**
 * The operating-room needle table of a stored plan revision: one row per needle in insertion order (plan numbering), with
 * the template hole it goes through (or none), its entry, direction, depth from the entry (template plane or skin) to the
 * tip and to the deepest seed, and its loading: each seed's centre measured from the tip along the needle, and the spacer
 * between neighbouring seeds (centre distance less one seed length, {@link #SEED_LENGTH_MM}).
 *
 * @param rows            the needles
 * @param unassignedSeeds seeds of the revision on no needle (e.g. found seeds of a post-implant plan)
 */
public record NeedleTable(List<Row> rows, int unassignedSeeds) {

    /** Length of an I-125 seed capsule (6711, 6702, IAI-125A: 0.8 mm × 4.5 mm; {@link Tg43Kernel#CAPSULE_HALF_LENGTH_CM}), mm. */
    public static final double SEED_LENGTH_MM = 20 * Tg43Kernel.CAPSULE_HALF_LENGTH_CM;
    /** A gap between two seed capsules shorter than this needs no spacer (seeds loaded touching), mm. */
    static final double NO_SPACER_MM = 0.05;

    /**
     * One needle.
     *
     * @param number              needle number from 1, insertion order
     * @param hole                template hole label ("C4"), or null for a needle through no hole of the recorded template
     * @param depthMm             from the entry (template plane or skin) to the tip, mm
     * @param seedFromTipMm       each seed centre's distance from the tip along the needle, ascending, mm
     */
    public record Row(int number, String hole, Vec3 entryMm, Vec3 tipMm, Vec3 direction, double depthMm, List<Double> seedFromTipMm) {

        public int seeds() {
            return seedFromTipMm.size();
        }

        /** From the entry to the deepest seed's centre (where the needle is inserted to before the seeds are released), mm. */
        public double insertMm() {
            return seedFromTipMm.isEmpty() ? depthMm : depthMm - seedFromTipMm.get(0);
        }

        /** The spacer between each seed and the next towards the entry (centre distance less one seed length; 0 when touching), mm. */
        public List<Double> spacersMm() {
            List<Double> out = new ArrayList<>();
            for (int i = 1; i < seedFromTipMm.size(); i++) {
                out.add(Math.max(0, seedFromTipMm.get(i) - seedFromTipMm.get(i - 1) - SEED_LENGTH_MM));
            }
            return out;
        }

        /** Spacers to load (gaps of at least {@link #NO_SPACER_MM}). */
        public int spacers() {
            return (int) spacersMm().stream().filter(g -> g >= NO_SPACER_MM).count();
        }
    }

    /** The table of {@code c}; {@code template} (or null) names the holes. */
    public static NeedleTable of(PlanContent c, TemplateHoles template) {
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
            rows.add(new Row(i + 1, template == null ? null : template.label(n.entryMm(), n.tipMm()), n.entryMm(), n.tipMm(),
                    n.tipMm().minus(n.entryMm()).normalized(), n.entryMm().distanceTo(n.tipMm()), List.copyOf(fromTip)));
        }
        return new NeedleTable(List.copyOf(rows), unassigned);
    }
}
