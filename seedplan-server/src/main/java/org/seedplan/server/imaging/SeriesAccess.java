package org.seedplan.server.imaging;

import org.seedplan.server.api.ApiProblem;
import org.seedplan.server.api.Caller;
import org.seedplan.server.security.Permission;
import org.seedplan.storage.Database;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientRepository;

/** Opens a stored CT series for a caller: 404 when it is unknown or of another centre, 403 without the permission. */
public final class SeriesAccess {

    private final Database db;
    private final DicomStore store;
    private final PatientRepository patients;
    private final CtVolumeCache cache;

    public SeriesAccess(Database db, CtVolumeCache cache) {
        this.db = db;
        this.store = DicomStore.open(db);
        this.patients = new PatientRepository(db);
        this.cache = cache;
    }

    /** The patient of series {@code seriesUid}, after checking that the caller holds {@code p} in its centre. */
    public Patient patient(Caller c, String seriesUid, Permission p) {
        long patientDbId = store.patientOfSeries(seriesUid).orElseThrow(() -> ApiProblem.notFound("series " + seriesUid));
        Patient patient = patients.find(patientDbId).orElseThrow(() -> ApiProblem.notFound("series " + seriesUid));
        c.require(p, patient.centreId(), "series " + seriesUid);
        return patient;
    }

    /** The role the caller acts in for {@code p} on series {@code seriesUid}'s patient. */
    public Role role(Caller c, Patient patient, Permission p) {
        return c.require(p, patient.centreId(), "patient " + patient.id());
    }

    /** The CT volume of series {@code seriesUid}, after the access check. */
    public BrowserVolume volume(Caller c, String seriesUid, Permission p) {
        Patient patient = patient(c, seriesUid, p);
        String fingerprint = SeriesFingerprint.of(db, seriesUid);
        return cache.get(seriesUid, patient.id(), fingerprint, store.seriesFiles(seriesUid));
    }

    /** The file store. */
    public DicomStore store() {
        return store;
    }
}
