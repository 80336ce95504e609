package org.seedplan.dicom.rtdose;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DecimalString;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.io.Uids;
import org.seedplan.dicom.io.VR;
import org.seedplan.dose.DoseGrid;
import org.seedplan.geometry.Grid;

/**
 * Writes a dose grid as an RT Dose object (PS3.3 A.18): total physical dose of the plan in Gy,
 * unsigned integers times Dose Grid Scaling (max dose / largest integer), frames at the grid's z
 * planes with a relative Grid Frame Offset Vector (first value 0), referencing the RT Plan.
 * 32 bits is the default; 16 bits suits tools that cannot read 32-bit pixels (Debian 12's dciodvfy).
 */
public final class RtDoseWriter {

    /** Bits per dose value. */
    public enum Bits { SIXTEEN, THIRTY_TWO }

    private RtDoseWriter() {
    }

    public static DataSet write(DoseGrid dose, Bits bits, StudyContext study, String sopInstanceUid, String seriesInstanceUid,
                                String planSopInstanceUid) {
        Grid g = dose.grid();
        float[] d = dose.doseGy();
        double max = 0;
        for (float v : d) {
            if (!Float.isFinite(v) || v < 0) {
                throw new IllegalArgumentException("dose grid holds " + v + " Gy: dose must be finite and ≥ 0 to be written as RT Dose");
            }
            max = Math.max(max, v);
        }
        boolean wide = bits == Bits.THIRTY_TWO;
        double top = wide ? 4294967295.0 : 65535.0;
        double scaling = max > 0 ? Double.parseDouble(DecimalString.format(max / top * 1.000001)) : 1.0;
        ByteBuffer px = ByteBuffer.allocate(d.length * (wide ? 4 : 2)).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : d) {
            long q = Math.min((long) top, Math.round(v / scaling));
            if (wide) {
                px.putInt((int) q);
            } else {
                px.putShort((short) q);
            }
        }
        double[] offsets = new double[g.nz()];
        for (int k = 0; k < g.nz(); k++) {
            offsets[k] = k * g.dzMm();
        }
        int nbits = wide ? 32 : 16;
        return study.start("RTDOSE", Uids.RT_DOSE_STORAGE, sopInstanceUid, "RTDOSE", seriesInstanceUid, 4)
                .put(Tag.SERIES_DESCRIPTION, "seedplan dose")
                .put(Tag.CONTENT_DATE, study.date())
                .put(Tag.CONTENT_TIME, study.time())
                .numbers(Tag.SLICE_THICKNESS, g.dzMm())
                .numbers(Tag.INSTANCE_NUMBER, 1)
                .numbers(Tag.IMAGE_POSITION_PATIENT, g.x(0), g.y(0), g.z(0))
                .numbers(Tag.IMAGE_ORIENTATION_PATIENT, 1, 0, 0, 0, 1, 0)
                .us(Tag.SAMPLES_PER_PIXEL, 1)
                .put(Tag.PHOTOMETRIC_INTERPRETATION, "MONOCHROME2")
                .numbers(Tag.NUMBER_OF_FRAMES, g.nz())
                .at(Tag.FRAME_INCREMENT_POINTER, Tag.GRID_FRAME_OFFSET_VECTOR)
                .us(Tag.ROWS, g.ny())
                .us(Tag.COLUMNS, g.nx())
                .numbers(Tag.PIXEL_SPACING, g.dyMm(), g.dxMm())
                .us(Tag.BITS_ALLOCATED, nbits)
                .us(Tag.BITS_STORED, nbits)
                .us(Tag.HIGH_BIT, nbits - 1)
                .us(Tag.PIXEL_REPRESENTATION, 0)
                .put(Tag.DOSE_UNITS, "GY")
                .put(Tag.DOSE_TYPE, "PHYSICAL")
                .put(Tag.DOSE_SUMMATION_TYPE, "PLAN")
                .numbers(Tag.GRID_FRAME_OFFSET_VECTOR, offsets)
                .numbers(Tag.DOSE_GRID_SCALING, scaling)
                .sequence(Tag.REFERENCED_RT_PLAN_SEQUENCE, DataSet.builder("item")
                        .put(Tag.REFERENCED_SOP_CLASS_UID, Uids.RT_PLAN_STORAGE)
                        .put(Tag.REFERENCED_SOP_INSTANCE_UID, planSopInstanceUid).build())
                .bytes(Tag.PIXEL_DATA, VR.OW, px.array())
                .build();
    }
}
