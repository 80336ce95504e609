package org.seedplan.cli.planning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seedplan.cli.dose.ModelBasedOptions;
import org.seedplan.dose.DecayIntegral;
import org.seedplan.dose.modelbased.PatientModelBasedDose;
import org.seedplan.dvh.DoseMetricsCalculator;
import org.seedplan.dvh.MetricLevels;
import org.seedplan.dvh.RoiMask;
import org.seedplan.planning.Plan;
import org.seedplan.planning.PlanningGeometry;
import org.seedplan.structure.Structure;

/**
 * {@code seedplan plan --model-based}: the plan's model-based dose on its own dose grid and structure masks (the ones
 * every plan number is read on), each target against its own prescription, beside the plan's TG-43 dose.
 */
final class PlanModelBased {

    private PlanModelBased() {
    }

    static PatientModelBasedDose.Evaluation evaluate(Plan plan, PlanningGeometry geometry, List<Structure> drawn, String patientSex,
                                                     ModelBasedOptions options) {
        if (geometry.ct() == null) {
            throw new IllegalArgumentException("--model-based needs the CT: plan with --ct and --rtstruct (a case file has no tissues)");
        }
        List<RoiMask> rois = new ArrayList<>();
        Map<String, Double> targetRx = new LinkedHashMap<>();
        for (PlanningGeometry.Target t : geometry.targets()) {
            rois.add(t.roi());
            targetRx.put(t.roi().name(), t.goal().prescriptionGy());
        }
        geometry.organs().forEach(o -> rois.add(o.roi()));
        var grid = plan.dose().grid();
        DoseMetricsCalculator calculator = new DoseMetricsCalculator(rois, grid, plan.metrics().prescriptionGy(), targetRx,
                MetricLevels.DEFAULT);
        return PatientModelBasedDose.evaluate(new PatientModelBasedDose.Request(geometry.ct(), drawn, options.overrides(), options.curve(),
                plan.source(), plan.seeds(), DecayIntegral.permanent(plan.intent().halfLifeDays()), options.specification(),
                options.settings(), options.softTissue(patientSex)), grid, calculator, ModelBasedOptions.progressLine(), () -> false);
    }
}
