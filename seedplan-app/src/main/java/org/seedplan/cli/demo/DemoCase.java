package org.seedplan.cli.demo;

import java.util.ArrayList;
import java.util.List;
import org.seedplan.cases.CaseRois;
import org.seedplan.cases.PatientCase;
import org.seedplan.demo.DemoPatient;
import org.seedplan.dicom.rtstruct.MaskContours;
import org.seedplan.dvh.RoiMask;

/**
 * The demo patient as the planner sees it: the CTV (GTV + 5 mm, a margin mask on the CT grid) is
 * outlined once into axial contours on the CT slices, and those contours are the CTV the plan is
 * made, evaluated, exported (RTSTRUCT) and re-read by {@code dvh} with — one structure on every side,
 * so the exported study reproduces the plan's numbers (docs/plan-numbers.md).
 */
public final class DemoCase {

    /** Colour of the contoured CTV in the RT Structure Set (magenta). */
    static final int CTV_COLOUR = 0xFF00FF;

    private DemoCase() {
    }

    /** The demo case with every derived structure replaced by the contours of its mask on the CT grid. */
    public static PatientCase withDrawnCtv(DemoPatient demo) {
        PatientCase c = demo.asCase();
        List<org.seedplan.structure.Structure> drawn = new ArrayList<>(c.structures());
        for (RoiMask roi : CaseRois.of(c)) {
            if (c.derived().stream().anyMatch(d -> d.name().equals(roi.name()))) {
                drawn.add(MaskContours.of(roi.mask(), roi.type(), CTV_COLOUR));
            }
        }
        return new PatientCase(c.name(), c.doseGrid(), drawn, List.of(), c.prescriptionGy(), c.sourceKey(), c.halfLifeDays(),
                c.seedStrength(), c.seeds());
    }
}
