package org.seedplan.dicom.rtplan;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DecimalString;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.io.Uids;
import org.seedplan.dose.Seed;
import org.seedplan.geometry.Vec3;

/**
 * Writes a permanent seed implant as a brachytherapy RT Plan (PS3.3 A.20): Brachy Treatment
 * Technique PERMANENT, Type LDR, one Source Sequence item per distinct seed strength (Reference Air
 * Kerma Rate = S_K at the certificate's calibration date-time, Source Strength Reference Date/Time,
 * decayed back from the planned strength at implant), the manufacturer's model name as Source Model
 * ID, the active length as Active Source Length and the capsule diameter in Source Description; one
 * application setup, one channel per needle (a needle whose seeds differ in strength is split into
 * one channel per run of equal strength), and per seed a pair of control points at its centre
 * (cumulative weights i and i + 1) with the seed axis as Control Point Orientation and, as Control
 * Point Relative Position, its distance from the needle tip (the channel's distal end, PS3.3
 * C.8.8.15; for loose seeds without a needle the channel's first seed stands for the tip).
 * Source Movement Type is FIXED: implanted seeds do not move (STEPWISE would also demand a
 * Source Applicator Step Size, which a strand with free spacing does not have).
 * Channel Total Time is the seeds' number times the mean life τ = T½/ln 2 (a permanent seed
 * delivers Ḋ₀·τ), and Total Reference Air Kerma is Σ S_K · τ (µGy at 1 m).
 */
public final class RtPlanWriter {

    private RtPlanWriter() {
    }

    public static DataSet write(SeedPlanExport plan, StudyContext study, String sopInstanceUid, String seriesInstanceUid,
                                String structureSetSopInstanceUid) {
        SeedSourceInfo src = plan.source();
        double tauS = src.halfLifeDays() * 86400.0 / Math.log(2);
        Map<Double, Integer> sourceNumbers = new LinkedHashMap<>();
        for (List<Seed> needle : plan.needles()) {
            for (Seed s : needle) {
                sourceNumbers.putIfAbsent(s.skU(), sourceNumbers.size() + 1);
            }
        }
        List<DataSet> sources = new ArrayList<>();
        String refDate = DateTimeFormatter.BASIC_ISO_DATE.format(src.calibration());
        String refTime = DateTimeFormatter.ofPattern("HHmmss", Locale.ROOT).format(src.calibration());
        for (Map.Entry<Double, Integer> e : sourceNumbers.entrySet()) {
            double atCalibration = Double.parseDouble(DecimalString.format(src.atCalibrationU(e.getKey())));
            DataSet.Builder b = item().numbers(Tag.SOURCE_NUMBER, e.getValue())
                    .put(Tag.SOURCE_TYPE, "LINE")
                    .put(Tag.SOURCE_MANUFACTURER, truncate(src.manufacturer(), 64))
                    .numbers(Tag.ACTIVE_SOURCE_LENGTH, src.activeLengthMm())
                    .put(Tag.SOURCE_MODEL_ID, truncate(src.modelId(), 16));
            if (src.capsuleDiameterMm() > 0) {
                b.put(Tag.SOURCE_DESCRIPTION, String.format(Locale.ROOT, "capsule outer diameter %s mm",
                        DecimalString.format(src.capsuleDiameterMm())));
            }
            sources.add(b.put(Tag.SOURCE_ISOTOPE_NAME, src.isotope())
                    .numbers(Tag.SOURCE_ISOTOPE_HALF_LIFE, src.halfLifeDays())
                    .put(Tag.SOURCE_STRENGTH_UNITS, "AIR_KERMA_RATE")
                    .numbers(Tag.REFERENCE_AIR_KERMA_RATE, atCalibration)
                    .numbers(Tag.SOURCE_STRENGTH, atCalibration)
                    .put(Tag.SOURCE_STRENGTH_REFERENCE_DATE, refDate)
                    .put(Tag.SOURCE_STRENGTH_REFERENCE_TIME, refTime)
                    .build());
        }
        List<DataSet> channels = new ArrayList<>();
        double totalKerma = 0;
        for (List<Seed> needle : plan.needles()) {
            int start = 0;
            while (start < needle.size()) {
                int end = start + 1;
                while (end < needle.size() && needle.get(end).skU() == needle.get(start).skU()) {
                    end++;
                }
                List<Seed> run = needle.subList(start, end);
                channels.add(channel(channels.size() + 1, sourceNumbers.get(run.get(0).skU()), run, plan.tipOf(needle), tauS));
                for (Seed s : run) {
                    totalKerma += s.skU() * tauS / 3600.0;
                }
                start = end;
            }
        }
        DataSet setup = item().put(Tag.APPLICATION_SETUP_TYPE, "OTHER")
                .numbers(Tag.APPLICATION_SETUP_NUMBER, 1)
                .put(Tag.APPLICATION_SETUP_NAME, "Seed implant")
                .numbers(Tag.TOTAL_REFERENCE_AIR_KERMA, totalKerma)
                .sequence(Tag.CHANNEL_SEQUENCE, channels)
                .build();
        DataSet.Builder setupRef = item().numbers(Tag.REFERENCED_BRACHY_APPLICATION_SETUP_NUMBER, 1);
        boolean rx = Double.isFinite(plan.prescriptionGy());
        if (rx) {
            setupRef.numbers(Tag.BRACHY_APPLICATION_SETUP_DOSE, plan.prescriptionGy());
        }
        DataSet fraction = item().numbers(Tag.FRACTION_GROUP_NUMBER, 1)
                .numbers(Tag.NUMBER_OF_FRACTIONS_PLANNED, 1)
                .numbers(Tag.NUMBER_OF_BEAMS, 0)
                .numbers(Tag.NUMBER_OF_BRACHY_APPLICATION_SETUPS, 1)
                .sequence(Tag.REFERENCED_BRACHY_APPLICATION_SETUP_SEQUENCE, setupRef.build())
                .build();
        DataSet.Builder b = study.start("RTPLAN", Uids.RT_PLAN_STORAGE, sopInstanceUid, "RTPLAN", seriesInstanceUid, 3)
                .put(Tag.SERIES_DESCRIPTION, "seedplan seed plan")
                .put(Tag.RT_PLAN_LABEL, truncate(plan.label(), 16))
                .put(Tag.RT_PLAN_NAME, truncate(plan.label(), 64))
                .put(Tag.RT_PLAN_DATE, study.date())
                .put(Tag.RT_PLAN_TIME, study.time())
                .put(Tag.RT_PLAN_GEOMETRY, "PATIENT")
                .sequence(Tag.REFERENCED_STRUCTURE_SET_SEQUENCE, item()
                        .put(Tag.REFERENCED_SOP_CLASS_UID, Uids.RT_STRUCTURE_SET_STORAGE)
                        .put(Tag.REFERENCED_SOP_INSTANCE_UID, structureSetSopInstanceUid).build())
                .sequence(Tag.FRACTION_GROUP_SEQUENCE, fraction)
                .put(Tag.BRACHY_TREATMENT_TECHNIQUE, "PERMANENT")
                .put(Tag.BRACHY_TREATMENT_TYPE, "LDR")
                .sequence(Tag.TREATMENT_MACHINE_SEQUENCE, item().put(Tag.TREATMENT_MACHINE_NAME, "MANUAL SEEDS").build())
                .sequence(Tag.SOURCE_SEQUENCE, sources)
                .sequence(Tag.APPLICATION_SETUP_SEQUENCE, setup)
                .put(Tag.APPROVAL_STATUS, "UNAPPROVED");
        if (rx) {
            b.sequence(Tag.DOSE_REFERENCE_SEQUENCE, item()
                    .numbers(Tag.REFERENCED_ROI_NUMBER, plan.targetRoiNumber())
                    .numbers(Tag.DOSE_REFERENCE_NUMBER, 1)
                    .put(Tag.DOSE_REFERENCE_UID, Uids.newUid())
                    .put(Tag.DOSE_REFERENCE_STRUCTURE_TYPE, "VOLUME")
                    .put(Tag.DOSE_REFERENCE_DESCRIPTION, truncate(plan.targetRoiName(), 64))
                    .put(Tag.DOSE_REFERENCE_TYPE, "TARGET")
                    .numbers(Tag.TARGET_PRESCRIPTION_DOSE, plan.prescriptionGy())
                    .build());
        }
        return b.build();
    }

    private static DataSet channel(int number, int sourceNumber, List<Seed> seeds, Vec3 tipMm, double tauS) {
        List<DataSet> cps = new ArrayList<>();
        Vec3 first = tipMm;
        for (int i = 0; i < seeds.size(); i++) {
            Seed s = seeds.get(i);
            for (int w = i; w <= i + 1; w++) {
                cps.add(item().numbers(Tag.CONTROL_POINT_INDEX, cps.size())
                        .numbers(Tag.CONTROL_POINT_RELATIVE_POSITION, round(s.centreMm().distanceTo(first)))
                        .numbers(Tag.CONTROL_POINT_3D_POSITION, round(s.centreMm().x()), round(s.centreMm().y()), round(s.centreMm().z()))
                        .numbers(Tag.CUMULATIVE_TIME_WEIGHT, w)
                        .fl(Tag.CONTROL_POINT_ORIENTATION, s.axis().x(), s.axis().y(), s.axis().z())
                        .build());
            }
        }
        return item().numbers(Tag.NUMBER_OF_CONTROL_POINTS, cps.size())
                .numbers(Tag.CHANNEL_NUMBER, number)
                .empty(Tag.CHANNEL_LENGTH)
                .numbers(Tag.CHANNEL_TOTAL_TIME, Math.round(seeds.size() * tauS * 10) / 10.0)
                .put(Tag.SOURCE_MOVEMENT_TYPE, "FIXED")
                .empty(Tag.TRANSFER_TUBE_NUMBER)
                .numbers(Tag.FINAL_CUMULATIVE_TIME_WEIGHT, seeds.size())
                .sequence(Tag.BRACHY_CONTROL_POINT_SEQUENCE, cps)
                .numbers(Tag.REFERENCED_SOURCE_NUMBER, sourceNumber)
                .build();
    }

    /** Rounds to 0.001 mm. */
    private static double round(double mm) {
        return Math.round(mm * 1000) / 1000.0;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static DataSet.Builder item() {
        return DataSet.builder("item");
    }
}
