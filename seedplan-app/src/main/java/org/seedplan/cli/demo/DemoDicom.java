package org.seedplan.cli.demo;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.seedplan.cases.PatientCase;
import org.seedplan.dicom.DicomExport;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.rtplan.SeedSourceInfo;
import org.seedplan.dicom.rtstruct.MaskContours;
import org.seedplan.dose.Tg43Kernel;
import org.seedplan.dvh.RoiMask;
import org.seedplan.geometry.Volume;
import org.seedplan.planning.Plan;
import org.seedplan.planning.PlanningGeometry;
import org.seedplan.source.SourceModel;
import org.seedplan.structure.Structure;

/**
 * Writes the demo plan as a DICOM RT study (CT, RTSTRUCT, RTPLAN, RTDOSE): the RT Dose is the plan's
 * own dose on the planning grid, the structures are the drawn ones plus the derived ones (CTV) as
 * contours of the plan's masks.
 */
final class DemoDicom {

    private static final int DERIVED_COLOUR = 0xFF00FF;

    private DemoDicom() {
    }

    static DicomExport.Written write(Path dir, Volume ct, PatientCase c, Plan plan, PlanningGeometry geometry, SourceModel source,
                                     String targetName) {
        List<RoiMask> rois = new ArrayList<>();
        geometry.targets().forEach(t -> rois.add(t.roi()));
        geometry.organs().forEach(o -> rois.add(o.roi()));
        List<Structure> structures = new ArrayList<>(c.structures());
        for (RoiMask roi : rois) {
            if (c.derived().stream().anyMatch(d -> d.name().equals(roi.name()))) {
                structures.add(MaskContours.of(roi.mask(), roi.type(), DERIVED_COLOUR));
            }
        }
        SeedSourceInfo info = new SeedSourceInfo("I-125", source.description(), source.key(), c.halfLifeDays(),
                source.activeLengthCm() * 10, 2 * Tg43Kernel.CAPSULE_RADIUS_CM * 10, LocalDate.now());
        return DicomExport.writePlanSet(dir, ct, structures, plan.seeds(), info, c.prescriptionGy(), targetName, plan.dose(),
                PatientInfo.anonymous("SEEDPLAN-DEMO"));
    }
}
