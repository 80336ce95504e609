package org.seedplan.dicom.consistency;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.Tag;
import org.seedplan.geometry.Vec3;

/**
 * A rigid transform between two Frames of Reference given by the user: a DICOM Spatial
 * Registration object (PS3.3 C.20.2: each Registration Sequence item's Frame of Reference
 * Transformation Matrix maps that item's frame into the registration's own Frame of Reference
 * UID) or a text file of 16 numbers, the 4×4 matrix row by row, mapping the moving (post-op CT)
 * coordinates in mm into the fixed (plan) frame. The matrix must be rigid: rotation part
 * orthonormal with determinant +1 (within 1e-4), last row 0 0 0 1.
 */
public final class RigidRegistration {

    private static final double RIGID_TOLERANCE = 1e-4;

    private final String source;
    private final String fixedFrameUid;
    private final Map<String, double[]> byMovingFrame;

    private RigidRegistration(String source, String fixedFrameUid, Map<String, double[]> byMovingFrame) {
        this.source = source;
        this.fixedFrameUid = fixedFrameUid;
        this.byMovingFrame = Map.copyOf(byMovingFrame);
    }

    /** Reads a DICOM Spatial Registration object (a Part 10 file) or a text file of 16 numbers. */
    public static RigidRegistration read(Path file) {
        byte[] head;
        try {
            head = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": registration file not found: give the DICOM Spatial Registration or the"
                    + " 4×4 matrix file");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        boolean dicom = head.length > 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M';
        return dicom ? ofDicom(DicomReader.read(file).dataSet()) : ofText(file.toString(), new String(head, StandardCharsets.UTF_8));
    }

    /** A text matrix: 16 numbers (spaces, commas or line breaks between them; lines starting with # are comments). */
    static RigidRegistration ofText(String source, String text) {
        List<Double> v = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (line.strip().startsWith("#")) {
                continue;
            }
            for (String t : line.split("[\\s,;]+")) {
                if (t.isEmpty()) {
                    continue;
                }
                try {
                    v.add(Double.parseDouble(t));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(source + ": '" + t + "' is not a number: a transform file holds the 16 numbers"
                            + " of a 4×4 matrix, row by row");
                }
            }
        }
        if (v.size() != 16) {
            throw new IllegalArgumentException(source + ": holds " + v.size() + " numbers, not the 16 of a 4×4 matrix (row by row,"
                    + " mapping post-op CT mm into the plan's frame)");
        }
        double[] m = v.stream().mapToDouble(Double::doubleValue).toArray();
        requireRigid(source, m);
        Map<String, double[]> one = new LinkedHashMap<>();
        one.put("", m);
        return new RigidRegistration(source, "", one);
    }

    /** A Spatial Registration object: every RIGID matrix, by the frame it maps from. */
    static RigidRegistration ofDicom(DataSet ds) {
        String src = ds.source();
        if (!ds.string(Tag.MODALITY, "").equals("REG")) {
            throw new IllegalArgumentException(src + ": Modality is '" + ds.string(Tag.MODALITY, "") + "', not REG: give a Spatial"
                    + " Registration object or a text file with the 4×4 matrix");
        }
        String fixed = ds.string(Tag.FRAME_OF_REFERENCE_UID, "");
        Map<String, double[]> by = new LinkedHashMap<>();
        for (DataSet item : ds.requireSequence(Tag.REGISTRATION_SEQUENCE)) {
            String moving = item.string(Tag.FRAME_OF_REFERENCE_UID, "");
            double[] m = identity();
            for (DataSet reg : item.sequence(Tag.MATRIX_REGISTRATION_SEQUENCE)) {
                for (DataSet mat : reg.sequence(Tag.MATRIX_SEQUENCE)) {
                    String type = mat.string(Tag.FRAME_OF_REFERENCE_TRANSFORMATION_MATRIX_TYPE, "");
                    if (!type.equals("RIGID")) {
                        throw new IllegalArgumentException(src + ": the registration of frame " + moving + " is of type '" + type
                                + "', not RIGID: seedplan applies rigid registrations only");
                    }
                    double[] next = mat.requireNumbers(Tag.FRAME_OF_REFERENCE_TRANSFORMATION_MATRIX, 16);
                    requireRigid(src, next);
                    m = multiply(next, m); // the matrices of one item apply in sequence order
                }
            }
            by.put(moving, m);
        }
        return new RigidRegistration(src, fixed, by);
    }

    /**
     * The matrix that maps {@code movingFrame} into {@code fixedFrame}; refuses a registration
     * object whose frames are not these two.
     */
    public double[] matrix(String movingFrame, String fixedFrame) {
        return matrix(movingFrame, fixedFrame, "the post-op CT", "the planning CT");
    }

    /**
     * As {@link #matrix(String, String)}, with the messages naming what lies in each frame (e.g. "an earlier
     * implant's plan", "this CT").
     */
    public double[] matrix(String movingFrame, String fixedFrame, String movingWhat, String fixedWhat) {
        if (!fixedFrameUid.isEmpty() && !fixedFrame.isEmpty() && !fixedFrameUid.equals(fixedFrame)) {
            throw new IllegalArgumentException(source + ": the registration maps into Frame of Reference " + fixedFrameUid
                    + " but " + fixedWhat + " lies in " + fixedFrame + ": give the registration made to " + fixedWhat);
        }
        if (byMovingFrame.containsKey("")) {
            return byMovingFrame.get("").clone();
        }
        double[] m = byMovingFrame.get(movingFrame);
        if (m == null) {
            throw new IllegalArgumentException(source + ": the registration holds no matrix for Frame of Reference " + movingFrame
                    + " (" + movingWhat + "'s); it registers " + byMovingFrame.keySet() + ": give the registration of " + movingWhat);
        }
        return m.clone();
    }

    /** p' = M·p for a point (homogeneous coordinate 1). */
    public static Vec3 applyToPoint(double[] m, Vec3 p) {
        return new Vec3(m[0] * p.x() + m[1] * p.y() + m[2] * p.z() + m[3], m[4] * p.x() + m[5] * p.y() + m[6] * p.z() + m[7],
                m[8] * p.x() + m[9] * p.y() + m[10] * p.z() + m[11]);
    }

    /** The inverse of a rigid matrix: rotation transposed, translation −Rᵀt. */
    public static double[] inverse(double[] m) {
        double[] r = identity();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                r[4 * i + j] = m[4 * j + i];
            }
        }
        for (int i = 0; i < 3; i++) {
            r[4 * i + 3] = -(r[4 * i] * m[3] + r[4 * i + 1] * m[7] + r[4 * i + 2] * m[11]);
        }
        return r;
    }

    /** True when the matrix is the identity within 1e-9 (nothing to apply). */
    public static boolean isIdentity(double[] m) {
        double[] id = identity();
        for (int i = 0; i < 16; i++) {
            if (Math.abs(m[i] - id[i]) > 1e-9) {
                return false;
            }
        }
        return true;
    }

    static void requireRigid(String source, double[] m) {
        for (double x : m) {
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException(source + ": the matrix holds a non-finite number: give a rigid 4×4 matrix");
            }
        }
        if (Math.abs(m[12]) > 1e-6 || Math.abs(m[13]) > 1e-6 || Math.abs(m[14]) > 1e-6 || Math.abs(m[15] - 1) > 1e-6) {
            throw new IllegalArgumentException(source + ": the last row of the matrix is " + fmt(m[12]) + " " + fmt(m[13]) + " "
                    + fmt(m[14]) + " " + fmt(m[15]) + ", not 0 0 0 1: give a rigid 4×4 matrix, row by row");
        }
        double worst = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double dot = m[i] * m[j] + m[4 + i] * m[4 + j] + m[8 + i] * m[8 + j];
                worst = Math.max(worst, Math.abs(dot - (i == j ? 1 : 0)));
            }
        }
        double det = m[0] * (m[5] * m[10] - m[6] * m[9]) - m[1] * (m[4] * m[10] - m[6] * m[8]) + m[2] * (m[4] * m[9] - m[5] * m[8]);
        if (worst > RIGID_TOLERANCE || Math.abs(det - 1) > RIGID_TOLERANCE) {
            throw new IllegalArgumentException(source + ": the matrix is not rigid (its rotation part departs from orthonormal by "
                    + fmt(worst) + ", determinant " + fmt(det) + "): seedplan applies rotations and translations only; give a rigid"
                    + " registration");
        }
    }

    private static double[] identity() {
        return new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
    }

    private static double[] multiply(double[] a, double[] b) {
        double[] c = new double[16];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                for (int k = 0; k < 4; k++) {
                    c[4 * i + j] += a[4 * i + k] * b[4 * k + j];
                }
            }
        }
        return c;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
