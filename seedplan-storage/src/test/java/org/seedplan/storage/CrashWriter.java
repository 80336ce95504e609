package org.seedplan.storage;

import java.nio.file.Path;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.storage.dicom.DicomStoreTest;
import org.seedplan.storage.registry.Centre;
import org.seedplan.storage.registry.CentreRepository;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientData;
import org.seedplan.storage.registry.PatientRepository;

/**
 * The child process of {@link CrashRecoveryTest}: writes records (a patient, one lesion and one DICOM file each,
 * one transaction per record) until it is killed, printing "ACK n" after each commit.
 * Arguments: data folder, then optionally a PostgreSQL URL.
 */
public final class CrashWriter {

    private CrashWriter() {
    }

    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        Database db = Database.open(data, args.length > 1 ? args[1] : null);
        Centre c = new CentreRepository(db).create(Actor.SYSTEM, "KILL", "Crash test centre");
        PatientRepository patients = new PatientRepository(db);
        DicomStore store = DicomStore.open(db);
        System.out.println("READY");
        System.out.flush();
        for (int i = 1; ; i++) {
            String pid = "K-" + i;
            int n = i;
            db.inTransaction(tx -> {
                Patient p = patients.create(Actor.SYSTEM, PatientData.of(c.id(), pid).withName("Crash", "Test " + n));
                tx.insert("INSERT INTO lesion (patient_id, label, organ, nodal, target, baseline_longest_mm, version)"
                        + " VALUES (?, 'L1', 'liver', FALSE, TRUE, ?, 1)", p.id(), 10.0 + n);
                return store.store(Actor.SYSTEM, p.id(), DicomStoreTest.ct(pid, "1.2.826.0.1.3680043.9.7777.5." + n, 1,
                        "1.2.826.0.1.3680043.9.7777.4." + n, "1.2.826.0.1.3680043.9.7777.3." + n), pid + ".dcm");
            });
            System.out.println("ACK " + i);
            System.out.flush();
        }
    }
}
