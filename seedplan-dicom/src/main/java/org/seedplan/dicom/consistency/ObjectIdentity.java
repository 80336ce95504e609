package org.seedplan.dicom.consistency;

import java.util.ArrayList;
import java.util.List;
import org.seedplan.dicom.ct.CtSeries;
import org.seedplan.dicom.rtdose.RtDose;
import org.seedplan.dicom.rtplan.BrachyPlan;
import org.seedplan.dicom.rtstruct.FrameReference;
import org.seedplan.dicom.rtstruct.RtStructureSet;

/**
 * Who and where a DICOM object is, as far as combining it with others is concerned: its file (for
 * messages), what it is, Patient ID, Study Instance UID, and every Frame of Reference UID it names
 * (the top-level one first, then nested references) with the attribute that names it. Empty
 * strings mean "not stated" and are not compared.
 */
public record ObjectIdentity(String file, String kind, String patientId, String studyInstanceUid,
                             List<FrameReference> frames) {

    public ObjectIdentity {
        frames = frames.stream().filter(f -> !f.uid().isEmpty()).toList();
    }

    /** A CT series read from {@code folder}. */
    public static ObjectIdentity of(CtSeries ct, String folder) {
        return new ObjectIdentity(folder, "CT", ct.patient().id(), ct.studyInstanceUid(),
                List.of(new FrameReference("Frame of Reference UID", ct.frameOfReferenceUid())));
    }

    /** An RT Structure Set: its top-level frame and every nested one. */
    public static ObjectIdentity of(RtStructureSet rs) {
        List<FrameReference> frames = new ArrayList<>();
        frames.add(new FrameReference("Frame of Reference UID", rs.frameOfReferenceUid()));
        frames.addAll(rs.nestedFrames());
        return new ObjectIdentity(rs.fileName(), "RT Structure Set", rs.patientId(), rs.studyInstanceUid(), frames);
    }

    public static ObjectIdentity of(BrachyPlan plan) {
        return new ObjectIdentity(plan.fileName(), "RT Plan", plan.patientId(), plan.studyInstanceUid(),
                List.of(new FrameReference("Frame of Reference UID", plan.frameOfReferenceUid())));
    }

    public static ObjectIdentity of(RtDose dose) {
        return new ObjectIdentity(dose.fileName(), "RT Dose", dose.patientId(), dose.studyInstanceUid(),
                List.of(new FrameReference("Frame of Reference UID", dose.frameOfReferenceUid())));
    }
}
