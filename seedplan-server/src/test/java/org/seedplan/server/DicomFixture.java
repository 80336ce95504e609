package org.seedplan.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.seedplan.structure.Contour;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;

/** A small CT series (16 × 16 × 3, 2 mm) with an RT Structure Set ("CTV", a square on each slice), written by seedplan-dicom. */
public final class DicomFixture {

    /** The files written and the CT series UID. */
    public record Written(List<Path> files, String ctSeriesUid, String studyUid) {
    }

    private DicomFixture() {
    }

    /** Writes the study of {@code patientId} into {@code dir}. */
    public static Written write(Path dir, String patientId, String name) throws IOException {
        Files.createDirectories(dir);
        Grid grid = new Grid(new Vec3(-15, -15, 0), 2, 2, 2, 16, 16, 3);
        float[] hu = new float[grid.voxelCount()];
        java.util.Arrays.fill(hu, 40f);
        StudyContext study = StudyContext.newStudy(new PatientInfo(name, patientId, "19600101", "M"));
        String series = Uids.newUid();
        List<DataSet> slices = CtSeriesWriter.slices(new Volume(grid, hu), study, series);
        List<Path> files = new ArrayList<>();
        List<String> sops = new ArrayList<>();
        for (int k = 0; k < slices.size(); k++) {
            Path f = dir.resolve("CT" + k + ".dcm");
            Files.write(f, DicomWriter.encode(slices.get(k)));
            files.add(f);
            sops.add(slices.get(k).requireString(Tag.SOP_INSTANCE_UID));
        }
        List<Contour> contours = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            contours.add(new Contour(2.0 * k, new double[] {-6, 6, 6, -6}, new double[] {-6, -6, 6, 6}));
        }
        DataSet rs = RtStructWriter.write(List.of(new Structure("CTV", StructureType.CTV, contours)),
                new CtReference(study.studyInstanceUid(), series, study.frameOfReferenceUid(), grid, sops), study, Uids.newUid(), Uids.newUid(), "fixture");
        Path rsFile = dir.resolve("RS.dcm");
        Files.write(rsFile, DicomWriter.encode(rs));
        files.add(rsFile);
        return new Written(files, series, study.studyInstanceUid());
    }
}
