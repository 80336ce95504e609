package org.seedplan.dicom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.seedplan.dicom.consistency.Consistency;
import org.seedplan.dicom.ct.CtSeries;
import org.seedplan.dicom.rtdose.RtDose;
import org.seedplan.dicom.rtstruct.Roi;
import org.seedplan.dicom.rtstruct.RtStructureSet;
import org.seedplan.dose.DoseGrid;
import org.seedplan.dvh.DoseMetricsCalculator;
import org.seedplan.dvh.Dvh;
import org.seedplan.dvh.PlanMetrics;
import org.seedplan.dvh.RoiMask;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.structure.Mask;
import org.seedplan.structure.MaskRasterizer;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureBounds;
import org.seedplan.structure.VoxelCentroids;

/**
 * Dose-volume histograms and metrics of an RT Structure Set under an RT Dose: each chosen ROI with
 * closed contours is rasterised on the dose grid ({@link MaskRasterizer}, partial volumes) and
 * evaluated by {@link DoseMetricsCalculator}. CT, structure set and dose must belong together
 * ({@link Consistency}). A ROI reaching beyond the dose grid is rasterised on the grid extended by
 * whole voxels and cut back to it: its metrics describe the part inside, and a note states the
 * volume outside (cc and %); a ROI wholly outside is left out with a note.
 */
public final class DicomDvh {

    /** What one evaluation produced: the structures used, their DVHs, the metrics and notes on ROIs beyond the dose grid. */
    public record Result(List<Structure> structures, List<Dvh> dvhs, PlanMetrics metrics, List<String> notes) {
    }

    /** Largest grid a ROI beyond the dose grid is rasterised on to measure its part outside (float fractions: 160 MB). */
    static final long MAX_EXTENDED_VOXELS = 40_000_000L;

    private DicomDvh() {
    }

    /**
     * @param ctFolder where the CT was read from (for messages)
     * @param roiSelectors ROIs to evaluate (number, "number:name" or name, {@link RtStructureSet#select}); empty for
     *                     every ROI with closed contours
     */
    public static Result evaluate(CtSeries ct, String ctFolder, RtStructureSet rs, RtDose rd, double prescriptionGy,
                                  List<String> roiSelectors) {
        Consistency.requireDrawnOn(rs, ct, ctFolder);
        Consistency.requireDoseOn(rd, rs);
        DoseGrid dose = rd.requireGy(rd.fileName());
        List<Structure> chosen = new ArrayList<>();
        if (roiSelectors.isEmpty()) {
            chosen.addAll(rs.requireUniqueNames().structures());
        } else {
            for (String selector : roiSelectors) {
                Roi roi = rs.select(selector);
                chosen.add(roi.structure().orElseThrow(() -> new IllegalArgumentException(rs.fileName() + ": ROI " + roi.number()
                        + " '" + roi.name() + "' has no closed contours: it has no volume for a DVH; choose another ROI")));
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException(rs.fileName() + ": the structure set holds no ROI with closed contours: nothing to evaluate");
        }
        Mask[] masks = new Mask[chosen.size()];
        double[] outsideCc = new double[chosen.size()];
        double[] totalCc = new double[chosen.size()];
        IntStream.range(0, masks.length).parallel().forEach(n -> {
            Structure s = chosen.get(n);
            StructureBounds b = MaskRasterizer.boundsMm(s, dose.grid().dzMm());
            if (b.isInside(dose.grid(), 1e-6)) {
                masks[n] = MaskRasterizer.rasterize(s, dose.grid());
                totalCc[n] = masks[n].volumeCc();
            } else {
                Grid ext = extended(dose.grid(), b);
                if ((long) ext.nx() * ext.ny() * ext.nz() > MAX_EXTENDED_VOXELS) {
                    masks[n] = null;
                    totalCc[n] = Double.NaN;
                    return;
                }
                Mask wide = MaskRasterizer.rasterize(s, ext);
                masks[n] = crop(wide, dose.grid());
                totalCc[n] = wide.volumeCc();
                outsideCc[n] = totalCc[n] - masks[n].volumeCc();
            }
        });
        List<String> notes = new ArrayList<>();
        List<Structure> used = new ArrayList<>();
        List<RoiMask> rois = new ArrayList<>();
        for (int n = 0; n < masks.length; n++) {
            Structure s = chosen.get(n);
            if (masks[n] == null) {
                notes.add(s.name() + ": reaches so far beyond the dose grid of " + rd.fileName() + " (more than " + MAX_EXTENDED_VOXELS
                        + " voxels of its spacing) that its part outside was not measured: left out");
                continue;
            }
            if (outsideCc[n] > 0 && masks[n].volumeCc() <= 0) {
                notes.add(String.format(Locale.ROOT, "%s: all of its %.2f cc lie outside the dose grid of %s: left out", s.name(),
                        totalCc[n], rd.fileName()));
                continue;
            }
            if (outsideCc[n] > 1e-6 * totalCc[n]) {
                notes.add(String.format(Locale.ROOT, "%s: %.2f cc of %.2f cc (%.1f %%) lie outside the dose grid of %s: its metrics"
                        + " describe the %.2f cc inside", s.name(), outsideCc[n], totalCc[n], 100 * outsideCc[n] / totalCc[n],
                        rd.fileName(), totalCc[n] - outsideCc[n]));
            }
            used.add(s);
            rois.add(RoiMask.of(s, masks[n]));
        }
        if (rois.isEmpty()) {
            throw new IllegalArgumentException(rd.fileName() + ": every chosen ROI lies outside the dose grid: " + String.join("; ", notes)
                    + "; compute the dose over the structures");
        }
        DoseMetricsCalculator calc = new DoseMetricsCalculator(rois, dose.grid(), prescriptionGy);
        return new Result(used, calc.dvhs(dose), calc.compute(dose), notes);
    }

    /** The grid extended by whole voxels on each side until it covers the box (same spacing, voxels aligned). */
    static Grid extended(Grid g, StructureBounds b) {
        int[] lo = new int[3];
        int[] hi = new int[3];
        double[] min = {b.minMm().x(), b.minMm().y(), b.minMm().z()};
        double[] max = {b.maxMm().x(), b.maxMm().y(), b.maxMm().z()};
        double[] gmin = {g.minCornerMm().x(), g.minCornerMm().y(), g.minCornerMm().z()};
        double[] gmax = {g.maxCornerMm().x(), g.maxCornerMm().y(), g.maxCornerMm().z()};
        double[] d = {g.dxMm(), g.dyMm(), g.dzMm()};
        for (int a = 0; a < 3; a++) {
            lo[a] = (int) Math.max(0, Math.ceil((gmin[a] - min[a]) / d[a] - 1e-9));
            hi[a] = (int) Math.max(0, Math.ceil((max[a] - gmax[a]) / d[a] - 1e-9));
        }
        return new Grid(new Vec3(g.x(0) - lo[0] * d[0], g.y(0) - lo[1] * d[1], g.z(0) - lo[2] * d[2]), d[0], d[1], d[2],
                g.nx() + lo[0] + hi[0], g.ny() + lo[1] + hi[1], g.nz() + lo[2] + hi[2]);
    }

    /** The part of a mask on a wider, aligned grid that lies on {@code target}, centroids kept. */
    static Mask crop(Mask wide, Grid target) {
        Grid w = wide.grid();
        int oi = (int) Math.round((target.x(0) - w.x(0)) / w.dxMm());
        int oj = (int) Math.round((target.y(0) - w.y(0)) / w.dyMm());
        int ok = (int) Math.round((target.z(0) - w.z(0)) / w.dzMm());
        float[] f = new float[target.voxelCount()];
        List<int[]> kept = new ArrayList<>();
        VoxelCentroids c = wide.centroids();
        for (int k = 0; k < target.nz(); k++) {
            for (int j = 0; j < target.ny(); j++) {
                for (int i = 0; i < target.nx(); i++) {
                    int src = w.index(i + oi, j + oj, k + ok);
                    int dst = target.index(i, j, k);
                    f[dst] = wide.fraction()[src];
                    int at = c.find(src);
                    if (at >= 0) {
                        kept.add(new int[] {dst, at});
                    }
                }
            }
        }
        int[] idx = new int[kept.size()];
        float[] dx = new float[kept.size()];
        float[] dy = new float[kept.size()];
        float[] dz = new float[kept.size()];
        for (int n = 0; n < idx.length; n++) {
            idx[n] = kept.get(n)[0];
            int at = kept.get(n)[1];
            dx[n] = c.dxMm()[at];
            dy[n] = c.dyMm()[at];
            dz[n] = c.dzMm()[at];
        }
        return new Mask(wide.name(), target, f, new VoxelCentroids(idx, dx, dy, dz));
    }
}
