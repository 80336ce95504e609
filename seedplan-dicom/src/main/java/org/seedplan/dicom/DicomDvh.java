package org.seedplan.dicom;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.seedplan.dicom.ct.CtSeries;
import org.seedplan.dicom.rtdose.RtDose;
import org.seedplan.dicom.rtstruct.Roi;
import org.seedplan.dicom.rtstruct.RtStructureSet;
import org.seedplan.dose.DoseGrid;
import org.seedplan.dvh.DoseMetricsCalculator;
import org.seedplan.dvh.Dvh;
import org.seedplan.dvh.PlanMetrics;
import org.seedplan.dvh.RoiMask;
import org.seedplan.structure.Mask;
import org.seedplan.structure.MaskRasterizer;
import org.seedplan.structure.Structure;

/**
 * Dose-volume histograms and metrics of an RT Structure Set under an RT Dose: each chosen ROI with
 * closed contours is rasterised on the dose grid ({@link MaskRasterizer}, partial volumes) and
 * evaluated by {@link DoseMetricsCalculator}. The CT, structure set and dose must share one Frame
 * of Reference UID (when the files state it): dose and contours from different frames do not overlay.
 */
public final class DicomDvh {

    /** What one evaluation produced: the structures used, their DVHs and the metrics. */
    public record Result(List<Structure> structures, List<Dvh> dvhs, PlanMetrics metrics) {
    }

    private DicomDvh() {
    }

    /**
     * @param roiNames ROIs to evaluate (exact or case-insensitive names); empty for every ROI with closed contours
     */
    public static Result evaluate(CtSeries ct, RtStructureSet rs, RtDose rd, String doseSource, double prescriptionGy,
                                  List<String> roiNames) {
        sameFrame("RT Structure Set", rs.frameOfReferenceUid(), ct.frameOfReferenceUid());
        sameFrame("RT Dose", rd.frameOfReferenceUid(), ct.frameOfReferenceUid());
        DoseGrid dose = rd.requireGy(doseSource);
        List<Structure> structures = new ArrayList<>();
        if (roiNames.isEmpty()) {
            structures.addAll(rs.structures());
        } else {
            for (String name : roiNames) {
                Roi roi = rs.roi(name).orElseThrow(() -> new IllegalArgumentException("ROI '" + name
                        + "' is not in the structure set; it holds " + rs.rois().stream().map(Roi::name).toList()));
                structures.add(roi.structure().orElseThrow(() -> new IllegalArgumentException("ROI '" + name
                        + "' has no closed contours: it has no volume for a DVH")));
            }
        }
        if (structures.isEmpty()) {
            throw new IllegalArgumentException("the structure set holds no ROI with closed contours: nothing to evaluate");
        }
        Mask[] masks = new Mask[structures.size()];
        IntStream.range(0, masks.length).parallel()
                .forEach(n -> masks[n] = MaskRasterizer.rasterize(structures.get(n), dose.grid()));
        List<RoiMask> rois = new ArrayList<>();
        for (int n = 0; n < masks.length; n++) {
            rois.add(RoiMask.of(structures.get(n), masks[n]));
        }
        DoseMetricsCalculator calc = new DoseMetricsCalculator(rois, dose.grid(), prescriptionGy);
        return new Result(structures, calc.dvhs(dose), calc.compute(dose));
    }

    private static void sameFrame(String what, String uid, String ctUid) {
        if (!uid.isEmpty() && !ctUid.isEmpty() && !uid.equals(ctUid)) {
            throw new IllegalArgumentException(what + " lies in Frame of Reference " + uid + " but the CT in " + ctUid
                    + ": they do not belong together; give the files of one study");
        }
    }
}
