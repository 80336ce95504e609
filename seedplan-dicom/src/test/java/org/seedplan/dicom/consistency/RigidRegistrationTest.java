package org.seedplan.dicom.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.io.Uids;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.structure.Contour;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;

/** A registration is applied only when it is rigid, and maps the post-op CT's frame into the plan's. */
class RigidRegistrationTest {

    @TempDir
    Path tmp;

    /** 90° about z, then (10, −5, 2) mm. */
    static final double[] TURN = {0, -1, 0, 10, 1, 0, 0, -5, 0, 0, 1, 2, 0, 0, 0, 1};

    @Test
    void textMatrixIsReadAndApplied() throws Exception {
        Path f = tmp.resolve("m.txt");
        Files.writeString(f, "# post-op to plan\n0 -1 0 10\n1 0 0 -5\n0 0 1 2\n0 0 0 1\n");
        double[] m = RigidRegistration.read(f).matrix("1.2.3", "1.2.4");
        Vec3 p = RigidRegistration.applyToPoint(m, new Vec3(1, 2, 3));
        assertThat(p.x()).isCloseTo(8, within(1e-12));
        assertThat(p.y()).isCloseTo(-4, within(1e-12));
        assertThat(p.z()).isCloseTo(5, within(1e-12));
        Vec3 back = RigidRegistration.applyToPoint(RigidRegistration.inverse(m), p);
        assertThat(back.distanceTo(new Vec3(1, 2, 3))).isLessThan(1e-12);
    }

    @Test
    void nonRigidOrMalformedMatricesAreRefused() throws Exception {
        Path scaled = tmp.resolve("scaled.txt");
        Files.writeString(scaled, "1.01 0 0 0  0 1 0 0  0 0 1 0  0 0 0 1");
        assertThatThrownBy(() -> RigidRegistration.read(scaled)).hasMessageContaining("scaled.txt").hasMessageContaining("not rigid");
        Path mirrored = tmp.resolve("mirror.txt");
        Files.writeString(mirrored, "-1 0 0 0  0 1 0 0  0 0 1 0  0 0 0 1");
        assertThatThrownBy(() -> RigidRegistration.read(mirrored)).hasMessageContaining("determinant -1");
        Path shortFile = tmp.resolve("short.txt");
        Files.writeString(shortFile, "1 0 0 0 0 1 0 0 0 0 1 0");
        assertThatThrownBy(() -> RigidRegistration.read(shortFile)).hasMessageContaining("holds 12 numbers");
        Path projective = tmp.resolve("proj.txt");
        Files.writeString(projective, "1 0 0 0  0 1 0 0  0 0 1 0  0.1 0 0 1");
        assertThatThrownBy(() -> RigidRegistration.read(projective)).hasMessageContaining("not 0 0 0 1");
    }

    @Test
    void spatialRegistrationObjectGivesTheMatrixOfTheMovingFrame() throws Exception {
        DataSet matrix = DataSet.builder("item").put(Tag.FRAME_OF_REFERENCE_TRANSFORMATION_MATRIX_TYPE, "RIGID")
                .numbers(Tag.FRAME_OF_REFERENCE_TRANSFORMATION_MATRIX, TURN).build();
        DataSet moving = DataSet.builder("item").put(Tag.FRAME_OF_REFERENCE_UID, "1.2.840.99.2")
                .sequence(Tag.MATRIX_REGISTRATION_SEQUENCE, DataSet.builder("item").sequence(Tag.MATRIX_SEQUENCE, matrix).build())
                .build();
        DataSet reg = DataSet.builder("reg").put(Tag.SOP_CLASS_UID, "1.2.840.10008.5.1.4.1.1.66.1")
                .put(Tag.SOP_INSTANCE_UID, Uids.newUid()).put(Tag.MODALITY, "REG").put(Tag.FRAME_OF_REFERENCE_UID, "1.2.840.99.1")
                .sequence(Tag.REGISTRATION_SEQUENCE, moving).build();
        Path f = tmp.resolve("reg.dcm");
        DicomWriter.write(reg, f);
        RigidRegistration r = RigidRegistration.read(f);
        assertThat(r.matrix("1.2.840.99.2", "1.2.840.99.1")).containsExactly(TURN);
        assertThatThrownBy(() -> r.matrix("1.2.840.99.3", "1.2.840.99.1")).hasMessageContaining("no matrix for Frame of Reference 1.2.840.99.3");
        assertThatThrownBy(() -> r.matrix("1.2.840.99.2", "1.2.840.99.7")).hasMessageContaining("maps into Frame of Reference 1.2.840.99.1");
    }

    /** A Spatial Registration written by pydicom (implicit VR, as many systems send it) reads to the same matrix. */
    @Test
    void spatialRegistrationWrittenByPydicomIsRead() {
        Path f = tmp.resolve("pydicom-reg.dcm");
        org.seedplan.dicom.ExternalTools.pydicom("""
                import sys
                from pydicom.dataset import Dataset, FileMetaDataset
                from pydicom.uid import ImplicitVRLittleEndian, generate_uid
                meta = FileMetaDataset()
                meta.MediaStorageSOPClassUID = '1.2.840.10008.5.1.4.1.1.66.1'
                meta.MediaStorageSOPInstanceUID = generate_uid()
                meta.TransferSyntaxUID = ImplicitVRLittleEndian
                ds = Dataset()
                ds.file_meta = meta
                ds.SOPClassUID = meta.MediaStorageSOPClassUID
                ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
                ds.Modality = 'REG'
                ds.PatientID = 'P1'
                ds.FrameOfReferenceUID = '1.2.840.99.1'
                fixed = Dataset()
                fixed.FrameOfReferenceUID = '1.2.840.99.1'
                m0 = Dataset()
                m0.FrameOfReferenceTransformationMatrixType = 'RIGID'
                m0.FrameOfReferenceTransformationMatrix = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]
                r0 = Dataset()
                r0.MatrixSequence = [m0]
                fixed.MatrixRegistrationSequence = [r0]
                moving = Dataset()
                moving.FrameOfReferenceUID = '1.2.840.99.2'
                m1 = Dataset()
                m1.FrameOfReferenceTransformationMatrixType = 'RIGID'
                m1.FrameOfReferenceTransformationMatrix = [0, -1, 0, 10, 1, 0, 0, -5, 0, 0, 1, 2, 0, 0, 0, 1]
                r1 = Dataset()
                r1.MatrixSequence = [m1]
                moving.MatrixRegistrationSequence = [r1]
                ds.RegistrationSequence = [fixed, moving]
                ds.save_as(sys.argv[1], write_like_original=False)
                """, f.toString());
        RigidRegistration r = RigidRegistration.read(f);
        assertThat(r.matrix("1.2.840.99.2", "1.2.840.99.1")).containsExactly(TURN);
        assertThat(RigidRegistration.isIdentity(r.matrix("1.2.840.99.1", "1.2.840.99.1"))).isTrue();
    }

    @Test
    void resamplingByAWholeVoxelShiftKeepsEveryValue() {
        Grid g = new Grid(new Vec3(-10, -8, -5), 2, 2, 2.5, 11, 9, 5);
        float[] hu = new float[g.voxelCount()];
        for (int n = 0; n < hu.length; n++) {
            hu[n] = (float) (n % 97) - 40;
        }
        Volume v = new Volume(g, hu, 2 * g.dzMm()); // an overlapping reconstruction: slices twice as thick as their spacing
        double[] shift = {1, 0, 0, 4, 0, 1, 0, -2, 0, 0, 1, 5, 0, 0, 0, 1}; // (2, −1, 2) voxels
        Volume r = FrameResampler.resample(v, shift);
        assertThat(r.grid().nx()).isEqualTo(11);
        assertThat(r.grid().x(0)).isCloseTo(-6, within(1e-9));
        assertThat(r.hu()).containsExactly(hu);
        assertThat(r.sliceThicknessMm()).as("the scanner's slice thickness kept").isEqualTo(2 * g.dzMm());
    }

    @Test
    void resamplingA90DegreeTurnMovesEachVoxelWhereTheMatrixSays() {
        Grid g = new Grid(new Vec3(-10, -8, -5), 2, 2, 2.5, 11, 9, 5);
        float[] hu = new float[g.voxelCount()];
        for (int n = 0; n < hu.length; n++) {
            hu[n] = (float) (n % 89);
        }
        Volume v = new Volume(g, hu);
        Volume r = FrameResampler.resample(v, TURN);
        for (int n = 0; n < g.voxelCount(); n += 7) {
            Vec3 p = RigidRegistration.applyToPoint(TURN, g.centre(n));
            int i = (int) Math.round((p.x() - r.grid().x(0)) / r.grid().dxMm());
            int j = (int) Math.round((p.y() - r.grid().y(0)) / r.grid().dyMm());
            int k = (int) Math.round((p.z() - r.grid().z(0)) / r.grid().dzMm());
            assertThat(r.at(i, j, k)).as("voxel " + n).isCloseTo(hu[n], within(1e-3f));
        }
    }

    @Test
    void contoursFollowARotationAboutZAndRefuseATilt() {
        Structure s = new Structure("GTV", StructureType.GTV, java.util.List.of(new Contour(2.5, new double[] {0, 10, 10},
                new double[] {0, 0, 10})));
        Structure t = ContourTransfer.transfer(s, TURN, "m.txt");
        assertThat(t.contours().get(0).zMm()).isCloseTo(4.5, within(1e-12));
        assertThat(t.contours().get(0).xMm()).containsExactly(10, 10, 0);
        assertThat(t.contours().get(0).yMm()).containsExactly(-5, 5, 5);
        double c = Math.cos(0.1);
        double sn = Math.sin(0.1);
        double[] tilt = {1, 0, 0, 0, 0, c, -sn, 0, 0, sn, c, 0, 0, 0, 0, 1};
        assertThatThrownBy(() -> ContourTransfer.transfer(s, tilt, "m.txt")).hasMessageContaining("tilts the axial planes");
    }
}
