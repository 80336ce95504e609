package org.seedplan.dicom.rtplan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.Tag;
import org.seedplan.geometry.Vec3;

/**
 * Reads a brachytherapy RT Plan (PS3.3 C.8.8.15 RT Brachy Application Setups) into source
 * positions. In each channel, consecutive control points at the same Control Point 3D Position
 * (within 0.01 mm) form one position. For a PERMANENT implant every such position is a seed;
 * otherwise a position is a dwell position when the Cumulative Time Weight grows across it, with
 * dwell time = Channel Total Time × (weight growth) / Final Cumulative Time Weight, and positions
 * without growth (the source passing by) are dropped.
 */
public final class RtPlanReader {

    private static final double SAME_POSITION_MM = 0.01;

    private RtPlanReader() {
    }

    public static BrachyPlan read(Path file) {
        return read(DicomReader.read(file).dataSet());
    }

    /** Reads a plan and refuses anything but a permanent seed implant ({@link BrachyPlan#requirePermanentSeedImplant}). */
    public static BrachyPlan readSeedImplant(Path file) {
        return read(file).requirePermanentSeedImplant();
    }

    public static BrachyPlan read(DataSet ds) {
        String modality = ds.string(Tag.MODALITY, "");
        if (!modality.equals("RTPLAN")) {
            throw new IllegalArgumentException(ds.source() + ": Modality is '" + modality + "', not RTPLAN: give an RT Plan file");
        }
        String technique = ds.string(Tag.BRACHY_TREATMENT_TECHNIQUE, "");
        if (technique.isEmpty() && !ds.contains(Tag.APPLICATION_SETUP_SEQUENCE)) {
            throw new IllegalArgumentException(ds.source() + ": the RT Plan has no Brachy Treatment Technique or Application"
                    + " Setup Sequence: it is not a brachytherapy plan (external-beam plans hold no seeds)");
        }
        boolean permanent = technique.equals("PERMANENT");
        List<BrachySource> sources = new ArrayList<>();
        for (DataSet s : ds.sequence(Tag.SOURCE_SEQUENCE)) {
            sources.add(new BrachySource(s.requireInteger(Tag.SOURCE_NUMBER), s.string(Tag.SOURCE_TYPE, ""),
                    s.string(Tag.SOURCE_ISOTOPE_NAME, ""), s.string(Tag.SOURCE_MANUFACTURER, ""), s.string(Tag.SOURCE_MODEL_ID, ""),
                    s.number(Tag.SOURCE_ISOTOPE_HALF_LIFE).orElse(Double.NaN),
                    airKermaStrength(s),
                    s.string(Tag.SOURCE_STRENGTH_REFERENCE_DATE, ""), s.string(Tag.SOURCE_STRENGTH_REFERENCE_TIME, "")));
        }
        List<SourcePosition> positions = new ArrayList<>();
        for (DataSet setup : ds.requireSequence(Tag.APPLICATION_SETUP_SEQUENCE)) {
            for (DataSet ch : setup.sequence(Tag.CHANNEL_SEQUENCE)) {
                channel(ch, permanent, positions);
            }
        }
        String structureSet = ds.sequence(Tag.REFERENCED_STRUCTURE_SET_SEQUENCE).stream().findFirst()
                .map(r -> r.string(Tag.REFERENCED_SOP_INSTANCE_UID, "")).orElse("");
        double rx = ds.sequence(Tag.DOSE_REFERENCE_SEQUENCE).stream()
                .filter(r -> r.contains(Tag.TARGET_PRESCRIPTION_DOSE)).findFirst()
                .map(r -> r.requireNumber(Tag.TARGET_PRESCRIPTION_DOSE)).orElse(Double.NaN);
        return new BrachyPlan(ds.source(), ds.string(Tag.SOP_INSTANCE_UID, ""), ds.string(Tag.PATIENT_ID, ""),
                ds.string(Tag.STUDY_INSTANCE_UID, ""), ds.string(Tag.FRAME_OF_REFERENCE_UID, ""), ds.string(Tag.RT_PLAN_LABEL, ""), technique,
                ds.string(Tag.BRACHY_TREATMENT_TYPE, ""), structureSet, rx, sources, positions);
    }

    /**
     * Reference Air Kerma Rate, or, where a plan states it only as Source Strength with Source Strength
     * Units AIR_KERMA_RATE (PS3.3 C.8.8.15.13), that value; NaN when neither is stated.
     */
    private static double airKermaStrength(DataSet source) {
        double rakr = source.number(Tag.REFERENCE_AIR_KERMA_RATE).orElse(Double.NaN);
        if (rakr > 0 || !source.string(Tag.SOURCE_STRENGTH_UNITS, "").equals("AIR_KERMA_RATE")) {
            return rakr;
        }
        return source.number(Tag.SOURCE_STRENGTH).orElse(rakr);
    }

    private static void channel(DataSet ch, boolean permanent, List<SourcePosition> out) {
        int channel = ch.requireInteger(Tag.CHANNEL_NUMBER);
        int source = ch.requireInteger(Tag.REFERENCED_SOURCE_NUMBER);
        double totalTime = ch.number(Tag.CHANNEL_TOTAL_TIME).orElse(Double.NaN);
        List<DataSet> cps = ch.sequence(Tag.BRACHY_CONTROL_POINT_SEQUENCE);
        double finalWeight = ch.number(Tag.FINAL_CUMULATIVE_TIME_WEIGHT).orElse(Double.NaN);
        int i = 0;
        while (i < cps.size()) {
            DataSet first = cps.get(i);
            double[] p = first.requireNumbers(Tag.CONTROL_POINT_3D_POSITION, 3);
            Vec3 pos = new Vec3(p[0], p[1], p[2]);
            double w0 = first.number(Tag.CUMULATIVE_TIME_WEIGHT).orElse(Double.NaN);
            double w1 = w0;
            int j = i + 1;
            while (j < cps.size()) {
                double[] q = cps.get(j).requireNumbers(Tag.CONTROL_POINT_3D_POSITION, 3);
                if (new Vec3(q[0], q[1], q[2]).distanceTo(pos) > SAME_POSITION_MM) {
                    break;
                }
                w1 = cps.get(j).number(Tag.CUMULATIVE_TIME_WEIGHT).orElse(w1);
                j++;
            }
            Vec3 axis = orientation(first);
            if (permanent) {
                out.add(new SourcePosition(channel, source, pos, axis, Double.NaN));
            } else if (w1 - w0 > 0) {
                double dwell = finalWeight > 0 ? totalTime * (w1 - w0) / finalWeight : Double.NaN;
                out.add(new SourcePosition(channel, source, pos, axis, dwell));
            }
            i = j;
        }
    }

    private static Vec3 orientation(DataSet cp) {
        double[] o = cp.numbers(Tag.CONTROL_POINT_ORIENTATION);
        if (o.length != 3) {
            return null;
        }
        Vec3 v = new Vec3(o[0], o[1], o[2]);
        return v.isFinite() && v.norm() > 1e-6 ? v.normalized() : null;
    }
}
