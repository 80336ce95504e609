package org.seedplan.storage.registry;

/**
 * A stored patient record.
 *
 * @param id      database id
 * @param version optimistic-locking version (an update must name it)
 * @param data    the fields
 */
public record Patient(long id, long version, PatientData data) {

    /** The patient's centre. */
    public long centreId() {
        return data.centreId();
    }

    /** The hospital's patient ID. */
    public String patientId() {
        return data.patientId();
    }
}
