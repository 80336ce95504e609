package org.seedplan.dicom.rtstruct;

import java.util.ArrayList;
import java.util.List;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.ct.CtReference;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.io.Uids;
import org.seedplan.structure.Contour;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;

/**
 * Writes seedplan structures (including derived CTV/PTV) as an RT Structure Set (PS3.3 A.19)
 * drawn on a CT series: ROI numbers 1…n in list order, CLOSED_PLANAR contours each referencing the
 * CT slice in its plane (a contour too long for one explicit-VR Contour Data element, 65534 bytes of text, is written
 * as several contours that tile it, {@link ContourSplitter}), RT ROI Interpreted Type from {@link StructureType} (OTHER
 * is written empty).
 */
public final class RtStructWriter {

    /** Largest value an explicit-VR DS element can hold, bytes. */
    private static final int MAX_VALUE_BYTES = 65534;


    private RtStructWriter() {
    }

    public static DataSet write(List<Structure> structures, CtReference ct, StudyContext study, String sopInstanceUid,
                                String seriesInstanceUid, String label) {
        List<DataSet> contourImages = new ArrayList<>();
        for (String uid : ct.sliceSopInstanceUids()) {
            contourImages.add(imageRef(uid));
        }
        DataSet series = item().put(Tag.SERIES_INSTANCE_UID, ct.seriesInstanceUid())
                .sequence(Tag.CONTOUR_IMAGE_SEQUENCE, contourImages).build();
        DataSet studyRef = item().put(Tag.REFERENCED_SOP_CLASS_UID, "1.2.840.10008.3.1.2.3.1") // Detached Study Management (retired), as PS3.3 C.8.8.5 examples use
                .put(Tag.REFERENCED_SOP_INSTANCE_UID, ct.studyInstanceUid())
                .sequence(Tag.RT_REFERENCED_SERIES_SEQUENCE, series).build();
        DataSet frame = item().put(Tag.FRAME_OF_REFERENCE_UID, study.frameOfReferenceUid())
                .sequence(Tag.RT_REFERENCED_STUDY_SEQUENCE, studyRef).build();
        List<DataSet> roiItems = new ArrayList<>();
        List<DataSet> contourItems = new ArrayList<>();
        List<DataSet> observations = new ArrayList<>();
        for (int r = 0; r < structures.size(); r++) {
            Structure s = structures.get(r);
            int number = r + 1;
            roiItems.add(item().numbers(Tag.ROI_NUMBER, number)
                    .put(Tag.REFERENCED_FRAME_OF_REFERENCE_UID, study.frameOfReferenceUid())
                    .put(Tag.ROI_NAME, s.name())
                    .put(Tag.ROI_GENERATION_ALGORITHM, s.type() == StructureType.CTV || s.type() == StructureType.PTV ? "SEMIAUTOMATIC" : "MANUAL")
                    .build());
            List<DataSet> contours = new ArrayList<>();
            int cn = 1;
            for (Contour whole : s.contours()) {
                DataSet item = contourItem(whole, ct, cn);
                long bytes = item.element(Tag.CONTOUR_DATA).length();
                if (bytes <= MAX_VALUE_BYTES) {
                    contours.add(item);
                    cn++;
                    continue;
                }
                // too long for one explicit-VR element: pieces of at most 90 % of the points that fit
                int maxPoints = (int) Math.max(3, whole.size() * (MAX_VALUE_BYTES * 0.9 / bytes));
                for (Contour piece : ContourSplitter.split(whole, maxPoints)) {
                    DataSet p = contourItem(piece, ct, cn++);
                    if (p.element(Tag.CONTOUR_DATA).length() > MAX_VALUE_BYTES) {
                        throw new IllegalStateException("structure '" + s.name() + "': a contour piece of " + piece.size()
                                + " points still exceeds " + MAX_VALUE_BYTES + " bytes of Contour Data");
                    }
                    contours.add(p);
                }
            }
            int rgb = s.colorRgb();
            contourItems.add(item().numbers(Tag.ROI_DISPLAY_COLOR, (rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF)
                    .numbers(Tag.REFERENCED_ROI_NUMBER, number)
                    .sequence(Tag.CONTOUR_SEQUENCE, contours).build());
            observations.add(item().numbers(Tag.OBSERVATION_NUMBER, number)
                    .numbers(Tag.REFERENCED_ROI_NUMBER, number)
                    .put(Tag.RT_ROI_INTERPRETED_TYPE, s.type() == StructureType.OTHER ? "" : s.type().name())
                    .put(Tag.ROI_INTERPRETER, "")
                    .build());
        }
        return study.start("RTSTRUCT", Uids.RT_STRUCTURE_SET_STORAGE, sopInstanceUid, "RTSTRUCT", seriesInstanceUid, 2)
                .put(Tag.SERIES_DESCRIPTION, "seedplan structures")
                .put(Tag.STRUCTURE_SET_LABEL, label)
                .put(Tag.STRUCTURE_SET_DATE, study.date())
                .put(Tag.STRUCTURE_SET_TIME, study.time())
                .sequence(Tag.REFERENCED_FRAME_OF_REFERENCE_SEQUENCE, frame)
                .sequence(Tag.STRUCTURE_SET_ROI_SEQUENCE, roiItems)
                .sequence(Tag.ROI_CONTOUR_SEQUENCE, contourItems)
                .sequence(Tag.RT_ROI_OBSERVATIONS_SEQUENCE, observations)
                .put(Tag.APPROVAL_STATUS, "UNAPPROVED")
                .build();
    }

    private static DataSet contourItem(Contour c, CtReference ct, int number) {
        double[] xyz = new double[3 * c.size()];
        for (int i = 0; i < c.size(); i++) {
            xyz[3 * i] = micrometres(c.xMm()[i]);
            xyz[3 * i + 1] = micrometres(c.yMm()[i]);
            xyz[3 * i + 2] = micrometres(c.zMm());
        }
        DataSet.Builder b = item();
        b.numbers(Tag.CONTOUR_DATA, xyz);
        int k = ct.sliceAt(c.zMm());
        if (k >= 0) {
            b.sequence(Tag.CONTOUR_IMAGE_SEQUENCE, imageRef(ct.sliceSopInstanceUids().get(k)));
        }
        return b.put(Tag.CONTOUR_GEOMETRIC_TYPE, "CLOSED_PLANAR")
                .numbers(Tag.NUMBER_OF_CONTOUR_POINTS, c.size())
                .numbers(Tag.CONTOUR_NUMBER, number)
                .build();
    }

    /** Rounds to 0.001 mm, keeping Contour Data short (its explicit-VR length field holds at most 65534 bytes). */
    private static double micrometres(double mm) {
        return Math.round(mm * 1000) / 1000.0;
    }

    private static DataSet imageRef(String sopInstanceUid) {
        return item().put(Tag.REFERENCED_SOP_CLASS_UID, Uids.CT_IMAGE_STORAGE)
                .put(Tag.REFERENCED_SOP_INSTANCE_UID, sopInstanceUid).build();
    }

    private static DataSet.Builder item() {
        return DataSet.builder("item");
    }
}
