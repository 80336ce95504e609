package org.seedplan.cli.demo;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.seedplan.cases.CaseDosimetry;
import org.seedplan.cases.PatientCase;
import org.seedplan.dicom.DicomExport;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.rtplan.SeedSourceInfo;
import org.seedplan.dicom.rtstruct.MaskContours;
import org.seedplan.dose.Tg43Kernel;
import org.seedplan.dvh.RoiMask;
import org.seedplan.geometry.Volume;
import org.seedplan.source.SourceModel;
import org.seedplan.structure.Structure;

/** Writes a case with its CT and dose as a DICOM RT study (CT, RTSTRUCT, RTPLAN, RTDOSE). */
final class DemoDicom {

    private static final int DERIVED_COLOUR = 0xFF00FF;

    private DemoDicom() {
    }

    static DicomExport.Written write(Path dir, Volume ct, PatientCase c, CaseDosimetry.Result r, SourceModel source, String targetName) {
        List<Structure> structures = new ArrayList<>(c.structures());
        for (RoiMask roi : r.rois()) {
            if (c.derived().stream().anyMatch(d -> d.name().equals(roi.name()))) {
                structures.add(MaskContours.of(roi.mask(), roi.type(), DERIVED_COLOUR));
            }
        }
        SeedSourceInfo info = new SeedSourceInfo("I-125", source.description(), source.key(), c.halfLifeDays(),
                source.activeLengthCm() * 10, 2 * Tg43Kernel.CAPSULE_RADIUS_CM * 10, LocalDate.now());
        return DicomExport.writePlanSet(dir, ct, structures, c.seeds(), info, c.prescriptionGy(), targetName, r.dose(),
                PatientInfo.anonymous("SEEDPLAN-DEMO"));
    }
}
