package org.seedplan.server.structures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
import org.seedplan.server.TestServer;
import org.seedplan.server.World;
import org.seedplan.storage.Actor;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.storage.dicom.ImportLimits;
import org.seedplan.storage.registry.Centre;
import org.seedplan.storage.registry.Patient;
import org.seedplan.structure.Contour;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;

/**
 * A patient of a centre with a stored CT of 41 × 41 × 11 voxels (1 × 1 × 2 mm: x and y from -20 to 20 mm, slices at
 * z = -10, -8, … 10 mm), an RTSTRUCT of the same study holding {@link #gtv()}, and a structure set of that GTV saved
 * at version 1.
 */
public record ImagingFixture(Patient patient, String ctSeriesUid, String frameOfReferenceUid, Path rtStructFile, long structureSetId) {

    /** The fixture CT's grid. */
    public static final Grid GRID = new Grid(new Vec3(-20, -20, -10), 1, 1, 2, 41, 41, 11);

    /**
     * A square GTV of half-width 4.5 mm centred on the axis (its sides on voxel edges) on the five slices z = -4 … 4 mm,
     * so that under the slab model it fills x, y −4.5 … 4.5 mm and z −5 … 5 mm.
     */
    public static Structure gtv() {
        List<Contour> cs = List.of(-4.0, -2.0, 0.0, 2.0, 4.0).stream()
                .map(z -> new Contour(z, new double[] {-4.5, 4.5, 4.5, -4.5}, new double[] {-4.5, -4.5, 4.5, 4.5})).toList();
        return new Structure("GTV", StructureType.GTV, 0xFF0000, cs);
    }

    /** Stores the fixture for a new patient of {@code centre}. */
    public static ImagingFixture create(TestServer t, World w, Centre centre) throws Exception {
        Patient p = w.patient(centre);
        Path dir = t.folder("imaging-fixture");
        float[] hu = new float[GRID.voxelCount()];
        Arrays.fill(hu, 40f);
        StudyContext study = StudyContext.newStudy(new PatientInfo("TEST^IMAGING", p.patientId(), "19600101", "F"));
        String series = Uids.newUid();
        List<DataSet> slices = CtSeriesWriter.slices(new Volume(GRID, hu), study, series);
        List<Path> files = new ArrayList<>();
        List<String> sops = new ArrayList<>();
        for (int k = 0; k < slices.size(); k++) {
            Path f = dir.resolve("CT" + k + ".dcm");
            Files.write(f, DicomWriter.encode(slices.get(k)));
            files.add(f);
            sops.add(slices.get(k).requireString(Tag.SOP_INSTANCE_UID));
        }
        DataSet rs = RtStructWriter.write(List.of(gtv()), new CtReference(study.studyInstanceUid(), series, study.frameOfReferenceUid(),
                GRID, sops), study, Uids.newUid(), Uids.newUid(), "fixture");
        Path rsFile = dir.resolve("RS.dcm");
        Files.write(rsFile, DicomWriter.encode(rs));
        DicomStore.open(t.db).importForPatient(Actor.SYSTEM, p.id(), files, ImportLimits.DEFAULT);
        long set = new StructureSetStore(t.db, t.services.audit()).create(Actor.SYSTEM, p.id(), series, study.frameOfReferenceUid(),
                "Fixture", "drawn", StructureJson.write(List.of(gtv())).toString(), t.clock.instant());
        return new ImagingFixture(p, series, study.frameOfReferenceUid(), rsFile, set);
    }

    /** The request body of a derivation: GTV + {@code marginMm} as "CTV". */
    public static String expandBody(double marginMm) {
        return "{\"operation\":\"expand\",\"marginMm\":" + marginMm + ",\"name\":\"CTV\",\"type\":\"CTV\",\"colour\":\"#ff8800\",\"a\":"
                + StructureJson.write(gtv()) + "}";
    }
}
