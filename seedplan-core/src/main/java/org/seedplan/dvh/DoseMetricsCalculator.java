package org.seedplan.dvh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.seedplan.dose.DoseGrid;
import org.seedplan.geometry.Grid;

/**
 * Computes the dose metrics of a list of structures for dose distributions on one dose grid.
 * The structures' samples ({@link MaskSampler}) are prepared once in the constructor, so a planner
 * can call {@link #compute} for every candidate dose distribution; structures are evaluated in
 * parallel.
 *
 * <p>Definitions (prescription Rx; TV target volume; TV_ref its part receiving ≥ Rx; PIV = V_ref
 * the volume of the whole dose grid receiving ≥ Rx; V_OAR,ref the part of an organ at risk
 * receiving ≥ Rx):
 * <ul>
 * <li>Dmin, Dmean, Dmax, Dx%, Dxcc, Vx: see {@link Dvh}. Vx% of prescription = V(x/100 · Rx) as % of
 *     the structure.</li>
 * <li>HI = (V100 − V150)/V100, the dose homogeneity index of interstitial implants (Wu, Ulin &amp;
 *     Sternick, Med. Phys. 15 (1988) 104; Saw &amp; Suntharalingam, IJROBP 20 (1991) 135).</li>
 * <li>Paddick conformity index CI = TV_ref² / (TV · PIV) (Paddick, J. Neurosurg. 93 Suppl. 3 (2000)
 *     219); 0 when nothing receives Rx.</li>
 * <li>COIN = CN · Π_OAR (1 − V_OAR,ref / V_OAR) with CN = (TV_ref/TV) · (TV_ref/V_ref) (Baltas et al.,
 *     "A conformal index (COIN) to evaluate implant quality and dose specification in
 *     brachytherapy", IJROBP 40 (1998) 515); the reference dose of every organ at risk is Rx here
 *     (Baltas allows an organ-specific critical dose). Organs at risk: type ORGAN or AVOIDANCE.</li>
 * <li>External index EI = (PIV − TV_ref) / TV, the volume outside the target receiving ≥ Rx
 *     relative to the target volume (the "external volume index" of the implant-quality indices
 *     in use with CI and HI for CT-guided I-125 seed implants); floored at 0.</li>
 * <li>MPD: the dose of the isodose surface enclosing a volume equal to TV ({@link IsodoseVolume}).</li>
 * </ul>
 * Target indices are computed for GTV, CTV and PTV structures, each on its own.
 */
public final class DoseMetricsCalculator {

    private final List<RoiMask> rois;
    private final List<MaskSampler> samplers;
    private final Grid doseGrid;
    private final double prescriptionGy;
    private final MetricLevels levels;

    public DoseMetricsCalculator(List<RoiMask> rois, Grid doseGrid, double prescriptionGy, MetricLevels levels) {
        if (!(prescriptionGy > 0) || !Double.isFinite(prescriptionGy)) {
            throw new IllegalArgumentException("prescription must be a positive dose in Gy, got " + prescriptionGy);
        }
        this.rois = List.copyOf(rois);
        this.doseGrid = doseGrid;
        this.prescriptionGy = prescriptionGy;
        this.levels = levels;
        MaskSampler[] s = new MaskSampler[this.rois.size()];
        IntStream.range(0, s.length).parallel().forEach(n -> s[n] = MaskSampler.of(this.rois.get(n).mask(), doseGrid));
        for (int n = 0; n < s.length; n++) {
            if (s[n].size() == 0) {
                throw new IllegalArgumentException("structure '" + this.rois.get(n).name()
                        + "' has no volume on its grid: check its contours and the grid");
            }
        }
        this.samplers = List.of(s);
    }

    /** With the default levels ({@link MetricLevels#DEFAULT}). */
    public DoseMetricsCalculator(List<RoiMask> rois, Grid doseGrid, double prescriptionGy) {
        this(rois, doseGrid, prescriptionGy, MetricLevels.DEFAULT);
    }

    public double prescriptionGy() {
        return prescriptionGy;
    }

    public List<RoiMask> rois() {
        return rois;
    }

    /** The DVH of every structure, in the order given. */
    public List<Dvh> dvhs(DoseGrid dose) {
        Dvh[] out = new Dvh[samplers.size()];
        IntStream.range(0, out.length).parallel().forEach(n -> out[n] = samplers.get(n).dvh(dose));
        return List.of(out);
    }

    /** All metrics of all structures under {@code dose}. */
    public PlanMetrics compute(DoseGrid dose) {
        if (!dose.grid().equals(doseGrid)) {
            throw new IllegalArgumentException("dose grid " + dose.grid() + " differs from the grid " + doseGrid
                    + " the structures were prepared for");
        }
        List<Dvh> dvhs = dvhs(dose);
        double piv = IsodoseVolume.volumeAtLeastCc(dose, prescriptionGy);
        double organFactor = 1;
        for (int n = 0; n < rois.size(); n++) {
            if (rois.get(n).isOrganAtRisk()) {
                Dvh oar = dvhs.get(n);
                if (oar.volumeCc() > 0) {
                    organFactor *= 1 - oar.volumeAtLeastCc(prescriptionGy) / oar.volumeCc();
                }
            }
        }
        List<StructureMetrics> out = new ArrayList<>(rois.size());
        for (int n = 0; n < rois.size(); n++) {
            out.add(metrics(rois.get(n), dvhs.get(n), dose, piv, organFactor));
        }
        return new PlanMetrics(prescriptionGy, piv, out);
    }

    private StructureMetrics metrics(RoiMask roi, Dvh dvh, DoseGrid dose, double piv, double organFactor) {
        Map<String, Double> dPct = new LinkedHashMap<>();
        for (double p : levels.dosePercents()) {
            dPct.put(MetricLevels.key(p), dvh.doseAtPercent(p));
        }
        Map<String, Double> dCc = new LinkedHashMap<>();
        for (double v : levels.doseVolumesCc()) {
            double d = dvh.doseAtVolumeCc(v);
            dCc.put(MetricLevels.key(v), Double.isNaN(d) ? null : d);
        }
        Map<String, Double> vPct = new LinkedHashMap<>();
        for (double p : levels.volumePercentsOfPrescription()) {
            vPct.put(MetricLevels.key(p), dvh.volumeAtLeastPercent(p / 100 * prescriptionGy));
        }
        Map<String, Double> vGy = new LinkedHashMap<>();
        for (double d : levels.volumeDosesGy()) {
            vGy.put(MetricLevels.key(d), dvh.volumeAtLeastPercent(d));
        }
        Double hi = null, ci = null, coin = null, ei = null, mpd = null;
        if (roi.type().isTarget()) {
            double tv = dvh.volumeCc();
            double tvRef = dvh.volumeAtLeastCc(prescriptionGy);
            double v150 = dvh.volumeAtLeastCc(1.5 * prescriptionGy);
            hi = tvRef > 0 ? (tvRef - v150) / tvRef : null;
            ci = piv > 0 ? tvRef * tvRef / (tv * piv) : 0.0;
            coin = ci * organFactor;
            ei = Math.max(0, piv - tvRef) / tv;
            double level = IsodoseVolume.levelEnclosingCc(dose, tv);
            mpd = Double.isNaN(level) ? null : level;
        }
        return new StructureMetrics(roi.name(), roi.type(), dvh.volumeCc(), dvh.minGy(), dvh.meanGy(), dvh.maxGy(),
                dPct, dCc, vPct, vGy, hi, ci, coin, ei, mpd);
    }
}
