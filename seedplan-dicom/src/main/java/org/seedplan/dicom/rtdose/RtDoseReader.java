package org.seedplan.dicom.rtdose;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.seedplan.dicom.ct.AxisAlignedFrame;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.Element;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dose.DoseGrid;
import org.seedplan.geometry.Vec3;

/**
 * Reads an RT Dose object (PS3.3 C.8.8.3) into a {@link DoseGrid} in Gy: 16- or 32-bit pixels
 * times Dose Grid Scaling; frames placed by the Grid Frame Offset Vector (relative offsets, first
 * value 0, or absolute plane positions, first value non-zero: both are taken relative to the first
 * frame), which must be evenly spaced; axis-aligned orientations are reordered onto the grid
 * ({@link AxisAlignedFrame}). Dose Units GY or RELATIVE (see {@link RtDose#requireGy}).
 */
public final class RtDoseReader {

    private RtDoseReader() {
    }

    public static RtDose read(Path file) {
        return read(DicomReader.read(file).dataSet());
    }

    public static RtDose read(DataSet ds) {
        String src = ds.source();
        String modality = ds.string(Tag.MODALITY, "");
        if (!modality.equals("RTDOSE")) {
            throw new IllegalArgumentException(src + ": Modality is '" + modality + "', not RTDOSE: give an RT Dose file");
        }
        String units = ds.string(Tag.DOSE_UNITS, "");
        if (!units.equals("GY") && !units.equals("RELATIVE")) {
            throw new IllegalArgumentException(src + ": Dose Units '" + units + "' are neither GY nor RELATIVE: the file is corrupt");
        }
        int rows = ds.requireInteger(Tag.ROWS);
        int cols = ds.requireInteger(Tag.COLUMNS);
        int frames = ds.integer(Tag.NUMBER_OF_FRAMES).orElse(1);
        int bits = ds.requireInteger(Tag.BITS_ALLOCATED);
        boolean signed = ds.integer(Tag.PIXEL_REPRESENTATION).orElse(0) == 1;
        double scaling = ds.requireNumber(Tag.DOSE_GRID_SCALING);
        if (rows < 1 || cols < 1 || frames < 1) {
            throw new IllegalArgumentException(src + ": dose grid of " + cols + " × " + rows + " × " + frames + " is empty: the file is corrupt");
        }
        if (bits != 16 && bits != 32) {
            throw new IllegalArgumentException(src + ": " + bits + "-bit dose pixels: RT Dose uses 16 or 32 bits; the file is corrupt");
        }
        if (!(scaling > 0) || !Double.isFinite(scaling)) {
            throw new IllegalArgumentException(src + ": Dose Grid Scaling " + scaling + " must be a positive number");
        }
        double[] orient = ds.requireNumbers(Tag.IMAGE_ORIENTATION_PATIENT, 6);
        double[] ipp = ds.requireNumbers(Tag.IMAGE_POSITION_PATIENT, 3);
        double[] ps = ds.requireNumbers(Tag.PIXEL_SPACING, 2);
        if (!(ps[0] > 0 && ps[1] > 0)) {
            throw new IllegalArgumentException(src + ": Pixel Spacing must be positive, got " + ps[0] + "\\" + ps[1]);
        }
        Vec3 colDir = new Vec3(orient[0], orient[1], orient[2]).normalized();
        Vec3 rowDir = new Vec3(orient[3], orient[4], orient[5]).normalized();
        Vec3 normal = colDir.cross(rowDir).normalized();
        double spacing;
        Vec3 sliceDir = normal;
        if (frames == 1) {
            spacing = ds.number(Tag.SLICE_THICKNESS).orElse(1.0);
            if (!(spacing > 0)) {
                spacing = 1.0;
            }
        } else {
            double[] off = ds.requireFinite(Tag.GRID_FRAME_OFFSET_VECTOR, ds.numbers(Tag.GRID_FRAME_OFFSET_VECTOR));
            if (off.length != frames) {
                throw new IllegalArgumentException(src + ": Grid Frame Offset Vector has " + off.length + " values for "
                        + frames + " frames: the file is corrupt");
            }
            double step = off[1] - off[0];
            for (int k = 1; k < frames; k++) {
                double d = off[k] - off[k - 1];
                if (Math.abs(d - step) > 0.01 || Math.abs(step) < 1e-3) {
                    throw new IllegalArgumentException(src + ": Grid Frame Offset Vector is not evenly spaced (" + step + " mm then "
                            + d + " mm at frame " + (k + 1) + "): seedplan needs a regular dose grid");
                }
            }
            spacing = Math.abs(step);
            if (step < 0) {
                sliceDir = normal.times(-1);
            }
        }
        AxisAlignedFrame frame = new AxisAlignedFrame(src, new Vec3(ipp[0], ipp[1], ipp[2]), colDir, rowDir, sliceDir,
                new double[] {ps[1], ps[0], spacing}, cols, rows, frames);
        int bytes = bits / 8;
        long need = (long) rows * cols * frames * bytes;
        Element px = ds.element(Tag.PIXEL_DATA);
        if (px == null || px.isSequence() || px.length() < need) {
            throw new IllegalArgumentException(src + ": Pixel Data holds " + (px == null ? 0 : px.length()) + " bytes but "
                    + cols + " × " + rows + " × " + frames + " " + bits + "-bit values need " + need + ": the file is truncated or corrupt");
        }
        ByteBuffer b = px.buffer();
        float[] gy = new float[frame.grid().voxelCount()];
        int n = 0;
        for (int k = 0; k < frames; k++) {
            int start = frame.sliceStart(k);
            for (int r = 0; r < rows; r++) {
                int dst = start + r * frame.rowStride();
                for (int c = 0; c < cols; c++, n++) {
                    double v;
                    if (bytes == 2) {
                        short s = b.getShort(2 * n);
                        v = signed ? s : s & 0xFFFF;
                    } else {
                        int s = b.getInt(4 * n);
                        v = signed ? s : s & 0xFFFFFFFFL;
                    }
                    gy[dst + c * frame.columnStride()] = (float) (v * scaling);
                }
            }
        }
        String plan = ds.sequence(Tag.REFERENCED_RT_PLAN_SEQUENCE).stream().findFirst()
                .map(r -> r.string(Tag.REFERENCED_SOP_INSTANCE_UID, "")).orElse("");
        return new RtDose(src, new DoseGrid(frame.grid(), gy), units, ds.string(Tag.SOP_INSTANCE_UID, ""),
                ds.string(Tag.PATIENT_ID, ""), ds.string(Tag.STUDY_INSTANCE_UID, ""), ds.string(Tag.FRAME_OF_REFERENCE_UID, ""), plan,
                ds.string(Tag.DOSE_SUMMATION_TYPE, ""));
    }
}
