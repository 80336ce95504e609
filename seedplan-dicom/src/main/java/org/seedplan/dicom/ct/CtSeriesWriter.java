package org.seedplan.dicom.ct;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.io.Uids;
import org.seedplan.dicom.io.VR;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Volume;

/**
 * Writes a volume in HU as a CT Image Storage series (PS3.3 A.3): one axial slice per grid plane,
 * identity orientation, head-first supine, signed 16-bit pixels with Rescale Slope 1 and Intercept
 * 0 (HU rounded to integers and clamped to the 16-bit range). Slice Thickness is the volume's, or the slice spacing when
 * it records none.
 */
public final class CtSeriesWriter {

    private CtSeriesWriter() {
    }

    /** The slices as data sets, grid order (slice k at z(k)), with fresh SOP Instance UIDs. */
    public static List<DataSet> slices(Volume ct, StudyContext study, String seriesInstanceUid) {
        Grid g = ct.grid();
        List<DataSet> out = new ArrayList<>(g.nz());
        int plane = g.nx() * g.ny();
        for (int k = 0; k < g.nz(); k++) {
            ByteBuffer px = ByteBuffer.allocate(2 * plane).order(ByteOrder.LITTLE_ENDIAN);
            int base = k * plane;
            for (int n = 0; n < plane; n++) {
                float v = ct.hu()[base + n];
                int s = Float.isNaN(v) ? -1024 : (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
                px.putShort((short) s);
            }
            String sop = Uids.newUid();
            DataSet ds = study.start("CT slice " + (k + 1), Uids.CT_IMAGE_STORAGE, sop, "CT", seriesInstanceUid, 1)
                    .put(Tag.IMAGE_TYPE, "ORIGINAL", "PRIMARY", "AXIAL")
                    .put(Tag.CONTENT_DATE, study.date())
                    .put(Tag.CONTENT_TIME, study.time())
                    .put(Tag.SERIES_DESCRIPTION, "seedplan CT")
                    .put(Tag.SERIES_DATE, study.date())
                    .empty(Tag.KVP)
                    .put(Tag.LATERALITY, "") // Type 2C: body part unknown, so possibly paired (dciodvfy asks for it)
                    .numbers(Tag.SLICE_THICKNESS, ct.sliceProfileFwhmMm())
                    .put(Tag.PATIENT_POSITION, "HFS")
                    .numbers(Tag.ACQUISITION_NUMBER, 1)
                    .numbers(Tag.INSTANCE_NUMBER, k + 1)
                    .numbers(Tag.IMAGE_POSITION_PATIENT, g.x(0), g.y(0), g.z(k))
                    .numbers(Tag.IMAGE_ORIENTATION_PATIENT, 1, 0, 0, 0, 1, 0)
                    .numbers(Tag.SLICE_LOCATION, g.z(k))
                    .us(Tag.SAMPLES_PER_PIXEL, 1)
                    .put(Tag.PHOTOMETRIC_INTERPRETATION, "MONOCHROME2")
                    .us(Tag.ROWS, g.ny())
                    .us(Tag.COLUMNS, g.nx())
                    .numbers(Tag.PIXEL_SPACING, g.dyMm(), g.dxMm())
                    .us(Tag.BITS_ALLOCATED, 16)
                    .us(Tag.BITS_STORED, 16)
                    .us(Tag.HIGH_BIT, 15)
                    .us(Tag.PIXEL_REPRESENTATION, 1)
                    .numbers(Tag.WINDOW_CENTER, 40)
                    .numbers(Tag.WINDOW_WIDTH, 400)
                    .numbers(Tag.RESCALE_INTERCEPT, 0)
                    .numbers(Tag.RESCALE_SLOPE, 1)
                    .put(Tag.RESCALE_TYPE, "HU")
                    .bytes(Tag.PIXEL_DATA, VR.OW, px.array())
                    .build();
            out.add(ds);
        }
        return out;
    }
}
