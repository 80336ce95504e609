package org.seedplan.server.imaging;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.seedplan.dicom.consistency.RigidRegistration;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.Tag;
import org.seedplan.server.api.ApiProblem;
import org.seedplan.storage.Database;

/**
 * Finds the stored DICOM Spatial Registration (PS3.3 C.20.2, RIGID only) that brings a CT of a patient into the Frame of
 * Reference of the patient's plan, for the needle and verification routes: the object the request names, else the one
 * object of the patient whose frames link the two; refuses another patient's object, one linking other frames, a
 * non-rigid matrix and an ambiguous choice, each as a problem naming {@link #FIELD}.
 */
public final class RegistrationLookup {

    /** The request field that names a stored registration by its SOP Instance UID. */
    public static final String FIELD = "registrationUid";

    private final Database db;

    public RegistrationLookup(Database db) {
        this.db = db;
    }

    /**
     * A registration to apply.
     *
     * @param sopInstanceUid the stored Spatial Registration object
     * @param toPlan         the 4×4 matrix, row by row, mapping the CT's patient coordinates (mm) into the plan's frame
     */
    public record Found(String sopInstanceUid, double[] toPlan) {

        /** Rotation angle of the matrix, degrees (from its trace). */
        public double rotationDeg() {
            double c = (toPlan[0] + toPlan[5] + toPlan[10] - 1) / 2;
            return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
        }

        /** One line for the user: which object, rotation and translation. */
        public String describe() {
            return String.format(Locale.ROOT, "Spatial Registration %s (rigid: rotation %.1f°, translation %.1f, %.1f, %.1f mm)",
                    sopInstanceUid, rotationDeg(), toPlan[3], toPlan[7], toPlan[11]);
        }
    }

    /** Frame of Reference UID of a stored series, or null when the series is unknown or states none. */
    public String frameOf(String seriesUid) {
        return db.read(tx -> tx.one("SELECT frame_of_reference_uid FROM dicom_series WHERE series_instance_uid = ?",
                x -> x.string("frame_of_reference_uid"), seriesUid)).orElse(null);
    }

    /**
     * The registration that maps {@code movingFrame} (the CT's) into {@code fixedFrame} (the plan's): the object
     * {@code namedUid} when given, else the patient's only stored registration linking the two frames (either way
     * round: a registration of the plan's frame into the CT's is inverted); empty when nothing is named and the frames
     * are one, or no stored registration links them.
     *
     * @param patientDbId the registry patient whose objects may be used
     * @param whose       how a message names that patient ("the patient of plan 7")
     */
    public Optional<Found> resolve(long patientDbId, String whose, String namedUid, String movingFrame, String fixedFrame) {
        if (namedUid != null) {
            return Optional.of(named(patientDbId, whose, namedUid, movingFrame, fixedFrame));
        }
        if (blank(movingFrame) || blank(fixedFrame) || movingFrame.equals(fixedFrame)) {
            return Optional.empty();
        }
        List<Found> linking = new ArrayList<>();
        for (Object[] reg : storedRegistrations(patientDbId)) {
            Path file = db.dataFolder().resolve((String) reg[1]);
            DataSet ds = read((String) reg[0], file);
            if (links(ds, movingFrame, fixedFrame)) {
                linking.add(matrix((String) reg[0], file, ds, movingFrame, fixedFrame));
            }
        }
        if (linking.size() > 1) {
            throw ApiProblem.conflict(linking.size() + " stored Spatial Registrations of " + whose + " link the CT's Frame of Reference "
                    + movingFrame + " to the plan's " + fixedFrame + " (" + String.join(", ", linking.stream().map(Found::sopInstanceUid).toList())
                    + "): name the one to use (" + FIELD + ")", FIELD);
        }
        return linking.stream().findFirst();
    }

    /** The stored object {@code uid}; refused unless it is a registration of this patient linking the two frames. */
    private Found named(long patientDbId, String whose, String uid, String movingFrame, String fixedFrame) {
        Optional<String> file = db.read(tx -> tx.one("SELECT i.file_path FROM dicom_instance i JOIN dicom_series se ON se.id = i.series_id"
                + " JOIN dicom_study st ON st.id = se.study_id WHERE i.sop_instance_uid = ? AND st.patient_id = ? AND se.modality = 'REG'",
                r -> r.string("file_path"), uid, patientDbId));
        if (file.isEmpty()) {
            // one answer for "unknown" and "another patient's": the route must not reveal other patients' objects
            throw unprocessable("registration " + uid + " is not a stored Spatial Registration of " + whose
                    + ": store the registration of this CT to the planning CT for this patient and name it");
        }
        Path path = db.dataFolder().resolve(file.get());
        DataSet ds = read(uid, path);
        if (blank(movingFrame) || blank(fixedFrame) || !links(ds, movingFrame, fixedFrame)) {
            throw unprocessable("registration " + uid + " maps " + frames(ds) + ", which does not link the CT's Frame of Reference "
                    + movingFrame + " to the plan's " + fixedFrame + ": name the registration of this CT to the planning CT");
        }
        return matrix(uid, path, ds, movingFrame, fixedFrame);
    }

    /** SOP Instance UID and file of every stored Spatial Registration of the patient, oldest first. */
    private List<Object[]> storedRegistrations(long patientDbId) {
        return db.read(tx -> tx.query("SELECT i.sop_instance_uid, i.file_path FROM dicom_instance i JOIN dicom_series se ON se.id = i.series_id"
                + " JOIN dicom_study st ON st.id = se.study_id WHERE st.patient_id = ? AND se.modality = 'REG' ORDER BY i.id",
                r -> new Object[] {r.string("sop_instance_uid"), r.string("file_path")}, patientDbId));
    }

    /** True when the object maps {@code a} into {@code b} or {@code b} into {@code a} (both stated, neither empty). */
    private static boolean links(DataSet ds, String a, String b) {
        String into = ds.string(Tag.FRAME_OF_REFERENCE_UID, "");
        List<String> from = itemFrames(ds);
        return into.equals(b) && from.contains(a) || into.equals(a) && from.contains(b);
    }

    /** The matrix from {@code moving} into {@code fixed}, read by {@link RigidRegistration} (rigid only), inverted when stored the other way. */
    private static Found matrix(String uid, Path file, DataSet ds, String moving, String fixed) {
        try {
            RigidRegistration r = RigidRegistration.read(file);
            boolean forward = ds.string(Tag.FRAME_OF_REFERENCE_UID, "").equals(fixed) && itemFrames(ds).contains(moving);
            return new Found(uid, forward ? r.matrix(moving, fixed) : RigidRegistration.inverse(r.matrix(fixed, moving)));
        } catch (IllegalArgumentException e) {
            // the reader names the file; the user knows the object by its UID
            throw unprocessable(e.getMessage().replace(file.toString(), "registration " + uid));
        }
    }

    private static DataSet read(String uid, Path file) {
        try {
            return DicomReader.read(file).dataSet();
        } catch (IllegalArgumentException e) {
            throw unprocessable("registration " + uid + " cannot be read (" + e.getMessage().replace(file.toString(), "the stored file")
                    + "): store it again from its source");
        }
    }

    private static List<String> itemFrames(DataSet ds) {
        return ds.sequence(Tag.REGISTRATION_SEQUENCE).stream().map(i -> i.string(Tag.FRAME_OF_REFERENCE_UID, "")).filter(f -> !f.isEmpty()).toList();
    }

    private static String frames(DataSet ds) {
        return "Frame(s) of Reference " + itemFrames(ds) + " into " + ds.string(Tag.FRAME_OF_REFERENCE_UID, "(none)");
    }

    private static boolean blank(String s) {
        return s == null || s.isEmpty();
    }

    /** 422: the named or found registration exists but cannot be applied. */
    private static ApiProblem unprocessable(String detail) {
        return new ApiProblem(422, "Registration not applicable", detail, FIELD);
    }
}
