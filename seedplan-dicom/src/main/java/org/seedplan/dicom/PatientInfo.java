package org.seedplan.dicom;

import java.util.Optional;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.Tag;

/**
 * Who a DICOM object belongs to: patient name (DICOM PN, "Family^Given"), ID, birth date
 * (yyyymmdd, may be empty) and sex (M, F, O or empty).
 */
public record PatientInfo(String name, String id, String birthDate, String sex) {

    public PatientInfo {
        name = name == null ? "" : name;
        id = id == null ? "" : id;
        birthDate = birthDate == null ? "" : birthDate;
        sex = sex == null ? "" : sex;
        if (!birthDate.isEmpty() && !birthDate.matches("\\d{8}")) {
            throw new IllegalArgumentException("patient birth date '" + birthDate + "' must be yyyymmdd (or empty)");
        }
        if (!sex.isEmpty() && !sex.matches("[MFO]")) {
            throw new IllegalArgumentException("patient sex '" + sex + "' must be M, F, O or empty");
        }
    }

    /** An anonymous patient for demos and tests. */
    public static PatientInfo anonymous(String id) {
        return new PatientInfo("Anonymous", id, "", "");
    }

    /** The patient attributes of a data set; missing ones are empty, values DICOM would reject are dropped. */
    public static PatientInfo of(DataSet ds) {
        String birth = ds.string(Tag.PATIENT_BIRTH_DATE, "");
        String sex = ds.string(Tag.PATIENT_SEX, "");
        return new PatientInfo(ds.string(Tag.PATIENT_NAME, ""), ds.string(Tag.PATIENT_ID, ""),
                birth.matches("\\d{8}") ? birth : "", sex.matches("[MFO]") ? sex : "");
    }

    /** The patient name for display: "Given Family" from "Family^Given", when present. */
    public Optional<String> displayName() {
        if (name.isBlank()) {
            return Optional.empty();
        }
        String[] p = name.split("\\^");
        return Optional.of(p.length > 1 ? (p[1] + " " + p[0]).trim() : p[0]);
    }
}
