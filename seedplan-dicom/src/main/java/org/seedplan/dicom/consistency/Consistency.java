package org.seedplan.dicom.consistency;

import org.seedplan.dicom.ct.CtSeries;
import org.seedplan.dicom.rtdose.RtDose;
import org.seedplan.dicom.rtplan.BrachyPlan;
import org.seedplan.dicom.rtstruct.FrameReference;
import org.seedplan.dicom.rtstruct.RtStructureSet;

/**
 * Checks that DICOM objects given together belong together before anything is computed from them:
 * the same patient (Patient ID), one Frame of Reference (the top-level UID and every nested
 * reference), a structure set drawn on the CT's study, and a plan combined with the structure set
 * it references. Each refusal is one line naming both files, the attribute, both values and the fix.
 */
public final class Consistency {

    private Consistency() {
    }

    /** Same patient and one Frame of Reference everywhere in {@code other} as in {@code base}. */
    public static void requireTogether(ObjectIdentity base, ObjectIdentity other) {
        requireSamePatient(base, other);
        requireSameFrame(base, other);
    }

    /** Patient IDs must agree where both are stated. */
    public static void requireSamePatient(ObjectIdentity a, ObjectIdentity b) {
        if (!a.patientId().isEmpty() && !b.patientId().isEmpty() && !a.patientId().equals(b.patientId())) {
            throw new IllegalArgumentException(b.file() + " (" + b.kind() + ") and " + a.file() + " (" + a.kind() + ") belong to"
                    + " different patients: Patient ID is '" + b.patientId() + "' in the first and '" + a.patientId()
                    + "' in the second; give files of one patient");
        }
    }

    /** Every Frame of Reference UID {@code b} names must be {@code a}'s (its first, top-level one). */
    public static void requireSameFrame(ObjectIdentity a, ObjectIdentity b) {
        if (a.frames().isEmpty()) {
            return;
        }
        String frame = a.frames().get(0).uid();
        for (FrameReference f : b.frames()) {
            if (!f.uid().equals(frame)) {
                throw new IllegalArgumentException(b.file() + " (" + b.kind() + ") and " + a.file() + " (" + a.kind() + ") lie in"
                        + " different Frames of Reference: " + f.attribute() + " is " + f.uid() + " in the first but "
                        + a.frames().get(0).attribute() + " is " + frame + " in the second; give the files of one study"
                        + " (for a post-op CT of another session, verify takes --registration FILE)");
            }
        }
    }

    /** A structure set drawn on this CT: same patient, one frame, and (where stated) the CT's study. */
    public static void requireDrawnOn(RtStructureSet rs, CtSeries ct, String ctFolder) {
        ObjectIdentity c = ObjectIdentity.of(ct, ctFolder);
        ObjectIdentity s = ObjectIdentity.of(rs);
        requireTogether(c, s);
        if (!rs.referencedStudyUid().isEmpty() && !ct.studyInstanceUid().isEmpty()
                && !rs.referencedStudyUid().equals(ct.studyInstanceUid())) {
            throw new IllegalArgumentException(rs.fileName() + " (RT Structure Set) and " + ctFolder + " (CT) do not belong"
                    + " together: the structure set's RT Referenced Study Sequence names study " + rs.referencedStudyUid()
                    + " but the CT's Study Instance UID is " + ct.studyInstanceUid() + "; give the CT the contours were drawn on");
        }
    }

    /** A plan combined with a structure set: same patient, one frame, and the plan's referenced structure set (where stated). */
    public static void requirePlanOn(BrachyPlan plan, RtStructureSet rs) {
        requireTogether(ObjectIdentity.of(rs), ObjectIdentity.of(plan));
        String ref = plan.referencedStructureSetUid();
        if (!ref.isEmpty() && !rs.sopInstanceUid().isEmpty() && !ref.equals(rs.sopInstanceUid())) {
            throw new IllegalArgumentException(plan.fileName() + " (RT Plan) and " + rs.fileName() + " (RT Structure Set) do not"
                    + " belong together: the plan's Referenced Structure Set Sequence names " + ref + " but the structure set's"
                    + " SOP Instance UID is " + rs.sopInstanceUid() + "; give the structure set the plan was made on");
        }
    }

    /** A dose laid over a structure set: same patient and one frame. */
    public static void requireDoseOn(RtDose dose, RtStructureSet rs) {
        requireTogether(ObjectIdentity.of(rs), ObjectIdentity.of(dose));
    }
}
