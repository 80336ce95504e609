package org.seedplan.cases;

import java.util.List;
import org.seedplan.dose.DecayIntegral;
import org.seedplan.dose.DoseGrid;
import org.seedplan.dose.DoseModel;
import org.seedplan.dose.FastDoseEngine;
import org.seedplan.dose.Tg43Kernel;
import org.seedplan.dvh.DoseMetricsCalculator;
import org.seedplan.dvh.Dvh;
import org.seedplan.dvh.PlanMetrics;
import org.seedplan.dvh.RoiMask;
import org.seedplan.geometry.MemoryBudget;
import org.seedplan.source.SourceLibrary;

/** The main road for one case: masks → total dose of the seeds (fast engine) → DVHs → metrics. */
public final class CaseDosimetry {

    /** What one evaluation produced. */
    public record Result(List<RoiMask> rois, DoseGrid dose, List<Dvh> dvhs, PlanMetrics metrics) {
    }

    private CaseDosimetry() {
    }

    public static Result evaluate(PatientCase c, SourceLibrary library, DoseModel model) {
        if (c.seeds().isEmpty()) {
            throw new IllegalArgumentException("case '" + c.name() + "' has no seeds: add seeds to compute a dose");
        }
        Tg43Kernel kernel = new Tg43Kernel(library.model(c.sourceKey()), model);
        // each structure's mask holds a fraction and a centroid per voxel (16 bytes); the dose 12 more
        MemoryBudget.require(c.doseGrid(), 12 + 16L * (c.structures().size() + c.derived().size()),
                "case '" + c.name() + "': dose_grid with " + (c.structures().size() + c.derived().size()) + " structures");
        List<RoiMask> rois = CaseRois.of(c);
        DoseGrid dose = new FastDoseEngine(kernel).dose(c.seeds(), c.doseGrid(), DecayIntegral.permanent(c.halfLifeDays()));
        DoseMetricsCalculator calc = new DoseMetricsCalculator(rois, c.doseGrid(), c.prescriptionGy());
        return new Result(rois, dose, calc.dvhs(dose), calc.compute(dose));
    }
}
