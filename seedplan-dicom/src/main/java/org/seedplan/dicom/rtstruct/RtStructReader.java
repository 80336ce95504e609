package org.seedplan.dicom.rtstruct;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.Tag;
import org.seedplan.geometry.Vec3;
import org.seedplan.structure.Contour;
import org.seedplan.structure.StructureType;

/**
 * Reads an RT Structure Set (PS3.3 C.8.8.5–C.8.8.8): ROI numbers and names, RT ROI Interpreted
 * Type, display colour, CLOSED_PLANAR contours (holes are contours inside others, even-odd rule)
 * and POINT ROIs. Open contours and closed ones with fewer than 3 distinct points are skipped and
 * counted. A closed contour must be axial (one z within 0.05 mm).
 */
public final class RtStructReader {

    /** Largest z spread within one closed contour accepted as axial, mm. */
    public static final double PLANE_TOLERANCE_MM = 0.05;

    private RtStructReader() {
    }

    public static RtStructureSet read(Path file) {
        return read(DicomReader.read(file).dataSet());
    }

    public static RtStructureSet read(DataSet ds) {
        String modality = ds.string(Tag.MODALITY, "");
        if (!modality.equals("RTSTRUCT")) {
            throw new IllegalArgumentException(ds.source() + ": Modality is '" + modality
                    + "', not RTSTRUCT: give an RT Structure Set file");
        }
        record Header(String name, String algorithm) {
        }
        Map<Integer, Header> headers = new LinkedHashMap<>();
        List<FrameReference> frames = new ArrayList<>();
        for (DataSet item : ds.requireSequence(Tag.STRUCTURE_SET_ROI_SEQUENCE)) {
            int n = item.requireInteger(Tag.ROI_NUMBER);
            Header h = new Header(item.string(Tag.ROI_NAME, "ROI " + n), item.string(Tag.ROI_GENERATION_ALGORITHM, ""));
            if (headers.put(n, h) != null) {
                throw new IllegalArgumentException(ds.source() + ": ROI Number " + n + " is given to two ROIs of the Structure Set"
                        + " ROI Sequence: contours cannot be told apart; the file is corrupt, renumber the ROIs");
            }
            frames.add(new FrameReference("Referenced Frame of Reference UID of ROI " + n + " '" + h.name() + "'",
                    item.string(Tag.REFERENCED_FRAME_OF_REFERENCE_UID, "")));
        }
        Map<Integer, String> types = new HashMap<>();
        for (DataSet item : ds.sequence(Tag.RT_ROI_OBSERVATIONS_SEQUENCE)) {
            item.integer(Tag.REFERENCED_ROI_NUMBER).ifPresent(n -> types.put(n, item.string(Tag.RT_ROI_INTERPRETED_TYPE, "")));
        }
        Map<Integer, DataSet> contourItems = new HashMap<>();
        for (DataSet item : ds.sequence(Tag.ROI_CONTOUR_SEQUENCE)) {
            int n = item.requireInteger(Tag.REFERENCED_ROI_NUMBER);
            if (!headers.containsKey(n)) {
                throw new IllegalArgumentException(ds.source() + ": the ROI Contour Sequence holds contours of ROI number " + n
                        + ", which the Structure Set ROI Sequence does not define (it defines " + headers.keySet()
                        + "): those contours belong to no ROI; correct the structure set");
            }
            if (contourItems.put(n, item) != null) {
                throw new IllegalArgumentException(ds.source() + ": the ROI Contour Sequence holds two items for ROI number " + n
                        + ": merge them into one; the file is corrupt");
            }
        }
        List<Roi> rois = new ArrayList<>();
        for (Map.Entry<Integer, Header> e : headers.entrySet()) {
            int number = e.getKey();
            String name = e.getValue().name();
            String type = types.getOrDefault(number, "");
            DataSet c = contourItems.get(number);
            int color = 0xFF0000;
            List<Contour> contours = new ArrayList<>();
            List<Vec3> points = new ArrayList<>();
            int skipped = 0;
            if (c != null) {
                double[] rgb = c.numbers(Tag.ROI_DISPLAY_COLOR);
                if (rgb.length == 3) {
                    color = (clamp(rgb[0]) << 16) | (clamp(rgb[1]) << 8) | clamp(rgb[2]);
                }
                for (DataSet k : c.sequence(Tag.CONTOUR_SEQUENCE)) {
                    String geometry = k.string(Tag.CONTOUR_GEOMETRIC_TYPE, "");
                    double[] xyz = k.requireFinite(Tag.CONTOUR_DATA, k.numbers(Tag.CONTOUR_DATA));
                    if (xyz.length % 3 != 0) {
                        throw new IllegalArgumentException(k.source() + ": Contour Data of ROI '" + name + "' holds "
                                + xyz.length + " numbers, not x\\y\\z triplets: the file is corrupt");
                    }
                    switch (geometry) {
                        case "POINT" -> {
                            for (int i = 0; i + 2 < xyz.length; i += 3) {
                                points.add(new Vec3(xyz[i], xyz[i + 1], xyz[i + 2]));
                            }
                        }
                        case "CLOSED_PLANAR" -> {
                            Contour contour = closed(k, name, xyz);
                            if (contour == null) {
                                skipped++;
                            } else {
                                contours.add(contour);
                            }
                        }
                        default -> skipped++;
                    }
                }
            }
            rois.add(new Roi(number, name, type, StructureType.parse(type), color, contours, points, skipped));
        }
        String series = "";
        String study = "";
        String frame = ds.string(Tag.FRAME_OF_REFERENCE_UID, "");
        int fi = 0;
        for (DataSet f : ds.sequence(Tag.REFERENCED_FRAME_OF_REFERENCE_SEQUENCE)) {
            fi++;
            if (frame.isEmpty()) {
                frame = f.string(Tag.FRAME_OF_REFERENCE_UID, "");
            }
            frames.add(new FrameReference("Frame of Reference UID of Referenced Frame of Reference Sequence item " + fi,
                    f.string(Tag.FRAME_OF_REFERENCE_UID, "")));
            for (DataSet st : f.sequence(Tag.RT_REFERENCED_STUDY_SEQUENCE)) {
                if (study.isEmpty()) {
                    study = st.string(Tag.REFERENCED_SOP_INSTANCE_UID, "");
                }
                for (DataSet se : st.sequence(Tag.RT_REFERENCED_SERIES_SEQUENCE)) {
                    if (series.isEmpty()) {
                        series = se.string(Tag.SERIES_INSTANCE_UID, "");
                    }
                }
            }
        }
        frames.removeIf(f -> f.uid().isEmpty());
        return new RtStructureSet(ds.source(), ds.string(Tag.SOP_INSTANCE_UID, ""), ds.string(Tag.PATIENT_ID, ""),
                ds.string(Tag.STUDY_INSTANCE_UID, ""), frame, frames, ds.string(Tag.STRUCTURE_SET_LABEL, ""), study, series, rois);
    }

    /** A closed axial contour, or null when it has fewer than 3 distinct points. */
    private static Contour closed(DataSet item, String roi, double[] xyz) {
        int n = xyz.length / 3;
        double[] x = new double[n];
        double[] y = new double[n];
        double zMin = Double.POSITIVE_INFINITY;
        double zMax = Double.NEGATIVE_INFINITY;
        double zSum = 0;
        for (int i = 0; i < n; i++) {
            x[i] = xyz[3 * i];
            y[i] = xyz[3 * i + 1];
            double z = xyz[3 * i + 2];
            zMin = Math.min(zMin, z);
            zMax = Math.max(zMax, z);
            zSum += z;
        }
        if (zMax - zMin > PLANE_TOLERANCE_MM) {
            throw new IllegalArgumentException(item.source() + ": a closed contour of ROI '" + roi + "' spans z from " + zMin
                    + " to " + zMax + " mm: seedplan reads axial contours only (one z per contour)");
        }
        int distinct = 0;
        for (int i = 0; i < n && distinct < 3; i++) {
            boolean repeat = false;
            for (int j = 0; j < i; j++) {
                if (x[i] == x[j] && y[i] == y[j]) {
                    repeat = true;
                    break;
                }
            }
            if (!repeat) {
                distinct++;
            }
        }
        if (distinct < 3) {
            return null;
        }
        return new Contour(zSum / n, x, y);
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
