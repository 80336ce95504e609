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
 * Target indices are computed for GTV, CTV and PTV structures, each on its own and each against its
 * own prescription when one is given ({@code targetPrescriptionsGy}: GTV 140 Gy, CTV 100 Gy gives the
 * CTV's V100, V150, HI, CI, COIN and EI relative to 100 Gy, with PIV and the organ factor taken at
 * 100 Gy too); every other structure is read against the reference prescription.
 */
public final class DoseMetricsCalculator {

    private final List<RoiMask> rois;
    private final List<MaskSampler> samplers;
    private final Grid doseGrid;
    private final double prescriptionGy;
    private final Map<String, Double> targetPrescriptionsGy;
    private final MetricLevels levels;

    /**
     * @param prescriptionGy        the reference prescription: of every structure without one of its own
     * @param targetPrescriptionsGy each target's own prescription by structure name (may be empty)
     */
    public DoseMetricsCalculator(List<RoiMask> rois, Grid doseGrid, double prescriptionGy, Map<String, Double> targetPrescriptionsGy,
                                 MetricLevels levels) {
        checkPrescription("the reference", prescriptionGy);
        targetPrescriptionsGy.forEach(DoseMetricsCalculator::checkPrescription);
        this.targetPrescriptionsGy = Map.copyOf(targetPrescriptionsGy);
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

    /** One prescription for every structure. */
    public DoseMetricsCalculator(List<RoiMask> rois, Grid doseGrid, double prescriptionGy, MetricLevels levels) {
        this(rois, doseGrid, prescriptionGy, Map.of(), levels);
    }

    /** One prescription for every structure, default levels ({@link MetricLevels#DEFAULT}). */
    public DoseMetricsCalculator(List<RoiMask> rois, Grid doseGrid, double prescriptionGy) {
        this(rois, doseGrid, prescriptionGy, Map.of(), MetricLevels.DEFAULT);
    }

    /**
     * Highest prescription accepted, Gy: permanent seed implants prescribe 60–160 Gy (TG-137, ABS);
     * 1000 Gy leaves room for any schedule without accepting cGy given as Gy.
     */
    public static final double MAX_PRESCRIPTION_GY = 1000;

    private static void checkPrescription(String structure, double gy) {
        requirePrescription("prescription of " + structure, gy);
    }

    /** Refuses a prescription that is not a positive dose of at most {@link #MAX_PRESCRIPTION_GY}; {@code what} names the input. */
    public static void requirePrescription(String what, double gy) {
        if (!(gy > 0) || !Double.isFinite(gy)) {
            throw new IllegalArgumentException(what + " must be a positive dose in Gy, got " + gy);
        }
        if (gy > MAX_PRESCRIPTION_GY) {
            throw new IllegalArgumentException(what + " is " + gy + " Gy, above " + MAX_PRESCRIPTION_GY
                    + " Gy, more than any seed implant prescribes: give the dose in Gy (not cGy)");
        }
    }

    /** The prescription a structure's relative metrics are read against: its own (targets) or the reference, Gy. */
    public double prescriptionOf(RoiMask roi) {
        Double own = roi.type().isTarget() ? targetPrescriptionsGy.get(roi.name()) : null;
        return own != null ? own : prescriptionGy;
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
        return compute(dose, dvhs(dose));
    }

    /** All metrics under {@code dose} read from the DVHs {@link #dvhs} gave for it (one DVH per structure, one number per metric). */
    public PlanMetrics compute(DoseGrid dose, List<Dvh> dvhs) {
        if (!dose.grid().equals(doseGrid)) {
            throw new IllegalArgumentException("dose grid " + dose.grid() + " differs from the grid " + doseGrid
                    + " the structures were prepared for");
        }
        if (dvhs.size() != rois.size()) {
            throw new IllegalArgumentException(dvhs.size() + " DVHs given for " + rois.size() + " structures");
        }
        // the whole-grid quantities at once: PIV at the reference and at each target's prescription, each target's MPD
        int n = rois.size();
        List<Double> levels = new ArrayList<>(List.of(prescriptionGy));
        List<Double> volumes = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            if (rois.get(r).type().isTarget()) {
                double rx = prescriptionOf(rois.get(r));
                if (!levels.contains(rx)) {
                    levels.add(rx);
                }
                volumes.add(dvhs.get(r).volumeCc());
            }
        }
        IsodoseVolume grid = IsodoseVolume.of(dose, levels.stream().mapToDouble(Double::doubleValue).toArray(),
                volumes.stream().mapToDouble(Double::doubleValue).toArray());
        List<StructureMetrics> out = new ArrayList<>(n);
        for (int r = 0, t = 0; r < n; r++) {
            double rx = prescriptionOf(rois.get(r));
            boolean target = rois.get(r).type().isTarget();
            out.add(metrics(rois.get(r), dvhs.get(r), rx, dvhs, target ? grid.volumeAtLeastCc(levels.indexOf(rx)) : Double.NaN,
                    target ? grid.levelEnclosingCc(t++) : Double.NaN));
        }
        return new PlanMetrics(prescriptionGy, grid.volumeAtLeastCc(0), out);
    }

    /** Π over organs at risk of (1 − V_OAR(≥ rx) / V_OAR), the organ factor of COIN at the dose {@code rxGy}. */
    private double organFactor(List<Dvh> dvhs, double rxGy) {
        double organFactor = 1;
        for (int n = 0; n < rois.size(); n++) {
            if (rois.get(n).isOrganAtRisk()) {
                Dvh oar = dvhs.get(n);
                if (oar.volumeCc() > 0) {
                    organFactor *= 1 - oar.volumeAtLeastCc(rxGy) / oar.volumeCc();
                }
            }
        }
        return organFactor;
    }

    /** The metrics of one structure from its DVH; {@code pivCc} and {@code mpdGy} (targets only) come from the whole grid. */
    private StructureMetrics metrics(RoiMask roi, Dvh dvh, double rx, List<Dvh> dvhs, double pivCc, double mpdGy) {
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
            vPct.put(MetricLevels.key(p), dvh.volumeAtLeastPercent(p / 100 * rx));
        }
        Map<String, Double> vGy = new LinkedHashMap<>();
        for (double d : levels.volumeDosesGy()) {
            vGy.put(MetricLevels.key(d), dvh.volumeAtLeastPercent(d));
        }
        Double hi = null, ci = null, coin = null, ei = null, mpd = null;
        if (roi.type().isTarget()) {
            double tv = dvh.volumeCc();
            double piv = pivCc;
            double tvRef = dvh.volumeAtLeastCc(rx);
            double v150 = dvh.volumeAtLeastCc(1.5 * rx);
            hi = tvRef > 0 ? (tvRef - v150) / tvRef : null;
            ci = piv > 0 ? tvRef * tvRef / (tv * piv) : 0.0;
            coin = ci * organFactor(dvhs, rx);
            ei = Math.max(0, piv - tvRef) / tv;
            mpd = Double.isNaN(mpdGy) ? null : mpdGy;
        }
        return new StructureMetrics(roi.name(), roi.type(), rx, dvh.volumeCc(), dvh.minGy(), dvh.meanGy(), dvh.maxGy(),
                dPct, dCc, vPct, vGy, hi, ci, coin, ei, mpd);
    }
}
