package org.seedplan.server.planning;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.ct.CtReference;
import org.seedplan.dicom.ct.CtSeriesWriter;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.io.Uids;
import org.seedplan.dicom.rtstruct.RtStructWriter;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.planning.Phantom;
import org.seedplan.server.ApiClient;
import org.seedplan.server.TestServer;
import org.seedplan.storage.Actor;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.storage.dicom.ImportLimits;
import org.seedplan.storage.registry.Centre;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientData;
import org.seedplan.storage.registry.PatientRepository;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;

/**
 * Planning sessions for the API tests: a patient with a small planning CT (a soft-tissue body with a vertebra)
 * and a structure set (GTV of 4 cc, an organ at risk beside it), planned through the API as the centre's physicist.
 */
public final class PlanningFixture {

    /** The intent form of the fixture: GTV 120 Gy, 0.5 mCi 6711 seeds, coplanar template from the front. */
    public static final String FORM = "{\"targets\":[{\"structure\":\"GTV\",\"prescriptionGy\":120}],"
            + "\"organs\":[{\"structure\":\"Bowel\",\"kind\":\"d2cc\",\"doseGy\":100,\"needleMarginMm\":3}],"
            + "\"seed\":{\"sourceModelKey\":\"amersham6711\",\"strength\":0.5,\"unit\":\"mCi\",\"calibrationDate\":\"2026-11-26\",\"implantDate\":\"2026-12-03\"},"
            + "\"approach\":{\"type\":\"coplanar\",\"direction\":\"anterior\"}}";

    private final TestServer t;
    private final Map<Long, String> sessions = new HashMap<>();
    private final Map<Long, Patient> patients = new HashMap<>();

    public PlanningFixture(TestServer t) {
        this.t = t;
    }

    /** A patient of {@code centre} with the fixture's CT and structures (one per centre, made once). */
    public synchronized Patient patient(Centre centre) throws IOException {
        Patient p = patients.get(centre.id());
        if (p == null) {
            String id = "PL" + UUID.randomUUID().toString().substring(0, 8);
            p = new PatientRepository(t.db).create(Actor.SYSTEM, PatientData.of(centre.id(), id).withName("Plan", "Pat " + id));
            DicomStore.open(t.db).importForPatient(Actor.SYSTEM, p.id(), write(t.folder("planfix"), id), ImportLimits.DEFAULT);
            patients.put(centre.id(), p);
        }
        return p;
    }

    /** A ready planning session of {@code centre} (the last one if it is still open). */
    public synchronized String session(Centre centre, boolean centreA) throws IOException {
        ApiClient c = t.signedIn(Role.PHYSICIST, centreA);
        String id = sessions.get(centre.id());
        if (id != null && c.get("/api/planning/" + id).status() == 200) {
            awaitReady(c, id);
            return id;
        }
        ApiClient.Answer a = c.post("/api/patients/" + patient(centre).id() + "/planning", FORM);
        if (a.status() != 202) {
            throw new AssertionError("planning did not start: " + a.body());
        }
        id = a.json().get("id").asText();
        awaitReady(c, id);
        sessions.put(centre.id(), id);
        return id;
    }

    /** Polls the session until it is ready; its state. */
    public static JsonNode awaitReady(ApiClient c, String id) {
        long end = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < end) {
            JsonNode s = c.get("/api/planning/" + id).json();
            if (!s.get("status").asText().equals("RUNNING")) {
                if (!s.get("status").asText().equals("READY") || !s.get("error").isNull()) {
                    throw new AssertionError("planning failed: " + s);
                }
                return s;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("planning session " + id + " not ready after 180 s");
    }

    /** Writes the CT (2 mm, 90 × 70 × 56 mm) and the structure set into {@code dir}. */
    static List<Path> write(Path dir, String patientId) throws IOException {
        Grid grid = new Grid(new Vec3(-44, -34, -26), 2, 2, 2, 45, 35, 27);
        Volume ct = Phantom.ct(grid, new Vec3(0, 0, 0), new double[] {42, 32}, new Vec3(0, 25, 0), 5);
        StudyContext study = StudyContext.newStudy(new PatientInfo("PLAN^FIXTURE", patientId, "19600101", "F"));
        String series = Uids.newUid();
        List<DataSet> slices = CtSeriesWriter.slices(ct, study, series);
        List<Path> files = new ArrayList<>();
        List<String> sops = new ArrayList<>();
        for (int k = 0; k < slices.size(); k++) {
            Path f = dir.resolve("CT" + k + ".dcm");
            Files.write(f, DicomWriter.encode(slices.get(k)));
            files.add(f);
            sops.add(slices.get(k).requireString(Tag.SOP_INSTANCE_UID));
        }
        Structure gtv = Phantom.ellipsoid("GTV", StructureType.GTV, new Vec3(0, -4, 0), new Vec3(10, 9, 10), 2.0);
        Structure bowel = Phantom.ellipsoid("Bowel", StructureType.ORGAN, new Vec3(24, -4, 0), new Vec3(5, 6, 10), 2.0);
        DataSet rs = RtStructWriter.write(List.of(gtv, bowel), new CtReference(study.studyInstanceUid(), series, study.frameOfReferenceUid(),
                grid, sops), study, Uids.newUid(), Uids.newUid(), "planning fixture");
        Path rsFile = dir.resolve("RS.dcm");
        Files.write(rsFile, DicomWriter.encode(rs));
        files.add(rsFile);
        return files;
    }
}
