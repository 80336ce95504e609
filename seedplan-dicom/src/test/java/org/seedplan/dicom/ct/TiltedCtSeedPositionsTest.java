package org.seedplan.dicom.ct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.io.Uids;
import org.seedplan.dicom.io.VR;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.verify.seedfinder.FoundSeed;
import org.seedplan.verify.seedfinder.SeedFinder;

/**
 * Acceptance for tilted and rotated CT (issue 9 item 5): seeds drawn at known patient positions
 * into CT stacks acquired with a gantry tilt (image planes axial, positions drifting in y along the
 * stack, Gantry/Detector Tilt recorded) or an in-plane rotation are read, resampled, and found by
 * the seed finder within 0.3 mm of the truth. The same stacks read by a reader that ignored the
 * drift would put the seeds up to (stack length × tan tilt) off, e.g. 16 mm at 15°.
 *
 * <p>Each pixel is the analytic image of the seeds at the pixel's true patient position (from its
 * own slice's Image Position and Orientation): a 4.5 mm segment blurred by an isotropic Gaussian
 * (σ 0.55 mm: 1 mm FWHM in-plane and the 0.8 mm seed diameter), 9000 HU peak clipped at 3071 HU as
 * on a 12-bit scanner, on 40 HU tissue (a 35 mm radius cylinder in air) with 10 HU noise.
 */
class TiltedCtSeedPositionsTest {

    /** Tolerance of the acceptance criterion: 0.3 mm, well under a 0.6 mm pixel and 1.25 mm slice. */
    private static final double TOLERANCE_MM = 0.3;
    private static final double SIGMA_MM = 0.55;
    private static final double SEED_LENGTH_MM = 4.5;
    private static final int SIZE = 128;
    private static final double PIXEL_MM = 0.6;
    private static final int SLICES = 48;
    private static final double SLICE_MM = 1.25;

    @TempDir
    Path tmp;

    private record Seed(Vec3 centre, Vec3 axis) {
    }

    private static List<Seed> seeds() {
        List<Seed> out = new ArrayList<>();
        Random r = new Random(9);
        for (int a = -1; a <= 1; a++) {
            for (int b = -1; b <= 1; b++) {
                Vec3 c = new Vec3(11 * a + r.nextDouble() - 0.5, 11 * b + r.nextDouble() - 0.5, 10 * ((a + b + 3) % 3) - 10 + r.nextDouble());
                Vec3 axis = (a + b) % 2 == 0 ? new Vec3(0.1, 0.05, 1).normalized() : new Vec3(1, 0.2, 0.3).normalized();
                out.add(new Seed(c, axis));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "gantry tilt {0}°, in-plane rotation {1}°")
    @CsvSource({"0, 0", "1, 0", "2, 0", "15, 0", "0, 0.2", "-2, 0"})
    void seedsFoundWithinTolerance(double tiltDeg, double rotationDeg) throws Exception {
        List<Seed> truth = seeds();
        Path dir = render(truth, tiltDeg, rotationDeg);
        CtSeries ct = CtSeriesReader.read(dir);
        boolean straight = tiltDeg == 0 && rotationDeg == 0;
        assertThat(ct.geometry().resampled()).isEqualTo(!straight);
        if (!straight) {
            assertThat(ct.geometry().tiltDegrees()).isCloseTo(Math.abs(tiltDeg), org.assertj.core.api.Assertions.within(0.01));
            assertThat(ct.geometry().inPlaneRotationDegrees()).isCloseTo(rotationDeg, org.assertj.core.api.Assertions.within(0.01));
            assertThat(ct.geometry().describe()).contains("resampled").contains(String.format(java.util.Locale.ROOT, "%.2f°", Math.abs(tiltDeg)));
        }
        List<FoundSeed> found = new SeedFinder().find(ct.volume()).seeds();
        assertThat(found).hasSize(truth.size());
        double worst = 0;
        for (Seed s : truth) {
            double best = found.stream().mapToDouble(f -> f.centreMm().distanceTo(s.centre())).min().orElseThrow();
            worst = Math.max(worst, best);
        }
        assertThat(worst).as("largest seed position error, mm").isLessThanOrEqualTo(TOLERANCE_MM);
    }

    /**
     * A scanner that writes the tilt into the Image Orientation (image planes tilted about x, slices
     * stepping along z) gives oblique planes: refused with a message naming the angle, never sheared.
     */
    @Test
    void tiltedImagePlanesAreRefusedNotSheared() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("tilted-planes"));
        double t = Math.toRadians(15);
        Grid headerGrid = new Grid(new Vec3(-20, -20, -10), 1, 1, 2, 41, 41, 10);
        List<DataSet> headers = CtSeriesWriter.slices(new Volume(headerGrid, new float[headerGrid.voxelCount()]),
                StudyContext.newStudy(PatientInfo.anonymous("TILT")), Uids.newUid());
        for (int k = 0; k < headers.size(); k++) {
            DataSet ds = headers.get(k).toBuilder()
                    .numbers(Tag.IMAGE_ORIENTATION_PATIENT, 1, 0, 0, 0, Math.cos(t), Math.sin(t))
                    .numbers(Tag.GANTRY_DETECTOR_TILT, 15).build();
            DicomWriter.write(ds, dir.resolve(String.format("ct%03d.dcm", k)));
        }
        assertThatThrownBy(() -> CtSeriesReader.read(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("oblique").hasMessageContaining("15.000° from the patient z axis")
                .hasMessageContaining("Gantry/Detector Tilt 15.000°");
    }

    /** Writes the stack: slice k at z = −30 + 1.25 k, its first pixel drifting in y by z·tan(tilt), rows rotated in-plane. */
    private Path render(List<Seed> seeds, double tiltDeg, double rotationDeg) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("tilt" + tiltDeg + "rot" + rotationDeg));
        double t = Math.tan(Math.toRadians(tiltDeg));
        double a = Math.toRadians(rotationDeg);
        Vec3 colDir = new Vec3(Math.cos(a), Math.sin(a), 0);
        Vec3 rowDir = new Vec3(-Math.sin(a), Math.cos(a), 0);
        double half = (SIZE - 1) * PIXEL_MM / 2;
        Grid headerGrid = new Grid(new Vec3(-half, -half, -30), PIXEL_MM, PIXEL_MM, SLICE_MM, SIZE, SIZE, SLICES);
        List<DataSet> headers = CtSeriesWriter.slices(new Volume(headerGrid, new float[headerGrid.voxelCount()]),
                StudyContext.newStudy(PatientInfo.anonymous("TILT")), Uids.newUid());
        Random noise = new Random(42);
        for (int k = 0; k < SLICES; k++) {
            double z = -30 + k * SLICE_MM;
            Vec3 centre = new Vec3(0, z * t, z);
            Vec3 first = centre.minus(colDir.times(half)).minus(rowDir.times(half));
            ByteBuffer px = ByteBuffer.allocate(2 * SIZE * SIZE).order(ByteOrder.LITTLE_ENDIAN);
            for (int r = 0; r < SIZE; r++) {
                for (int c = 0; c < SIZE; c++) {
                    Vec3 p = first.plus(colDir.times(c * PIXEL_MM)).plus(rowDir.times(r * PIXEL_MM));
                    boolean body = p.x() * p.x() + p.y() * p.y() < 35 * 35;
                    double hu = (body ? 40 : -1000) + 10 * noise.nextGaussian();
                    for (Seed s : seeds) {
                        hu += 9000 * seedImage(p, s);
                    }
                    px.putShort((short) Math.round(Math.min(hu, 3071)));
                }
            }
            DataSet ds = headers.get(k).toBuilder()
                    .numbers(Tag.IMAGE_POSITION_PATIENT, first.x(), first.y(), first.z())
                    .numbers(Tag.IMAGE_ORIENTATION_PATIENT, colDir.x(), colDir.y(), colDir.z(), rowDir.x(), rowDir.y(), rowDir.z())
                    .numbers(Tag.GANTRY_DETECTOR_TILT, tiltDeg)
                    .bytes(Tag.PIXEL_DATA, VR.OW, px.array()).build();
            DicomWriter.write(ds, dir.resolve(String.format("ct%03d.dcm", k)));
        }
        return dir;
    }

    /** A seed-long segment blurred by an isotropic Gaussian, 1 at the centre of a long segment. */
    private static double seedImage(Vec3 p, Seed s) {
        Vec3 d = p.minus(s.centre());
        double along = d.dot(s.axis());
        double r2 = d.dot(d) - along * along;
        if (r2 > 16 * SIGMA_MM * SIGMA_MM || Math.abs(along) > SEED_LENGTH_MM / 2 + 4 * SIGMA_MM) {
            return 0;
        }
        double k = SIGMA_MM * Math.sqrt(2);
        return Math.exp(-r2 / (2 * SIGMA_MM * SIGMA_MM)) * 0.5 * (erf((SEED_LENGTH_MM / 2 - along) / k) + erf((SEED_LENGTH_MM / 2 + along) / k));
    }

    /** Error function (Abramowitz and Stegun 7.1.26, absolute error below 1.5e-7). */
    private static double erf(double x) {
        double s = Math.signum(x);
        double ax = Math.abs(x);
        double u = 1 / (1 + 0.3275911 * ax);
        double y = 1 - (((((1.061405429 * u - 1.453152027) * u) + 1.421413741) * u - 0.284496736) * u + 0.254829592) * u * Math.exp(-ax * ax);
        return s * y;
    }
}
