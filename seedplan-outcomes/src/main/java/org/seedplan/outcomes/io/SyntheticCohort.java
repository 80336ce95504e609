package org.seedplan.outcomes.io;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.seedplan.outcomes.registry.AdverseEvent;
import org.seedplan.outcomes.registry.AdverseEventScale;
import org.seedplan.outcomes.registry.Cohort;
import org.seedplan.outcomes.registry.Dosimetry;
import org.seedplan.outcomes.registry.FollowUp;
import org.seedplan.outcomes.registry.HyperthermiaSession;
import org.seedplan.outcomes.registry.Implant;
import org.seedplan.outcomes.registry.Lesion;
import org.seedplan.outcomes.registry.LesionMeasurement;
import org.seedplan.outcomes.registry.NonTargetStatus;
import org.seedplan.outcomes.registry.Patient;
import org.seedplan.outcomes.registry.Sex;
import org.seedplan.outcomes.registry.TemperatureSample;

/**
 * A deterministic synthetic cohort for demonstrations and tests: patients treated with I-125 seeds, a baseline
 * visit, monthly imaging visits for six months, then a status visit every three months until death or the
 * end of the study, with pain, QLQ-C30 answers, adverse events, dosimetry and hyperthermia logs.
 *
 * <p>The numbers are invented, not drawn from any study. Local progression and death times are exponential
 * with hazards that depend on ECOG, post-implant D90 ≥ 120 Gy and hyperthermia, so that the prognostic-factor
 * analysis has something to find. The same seed always gives the same cohort.
 */
public final class SyntheticCohort {

    /** Mean month length, days. */
    private static final double MONTH = 30.4375;
    private static final LocalDate FIRST_IMPLANT = LocalDate.of(2019, 1, 7);
    private static final LocalDate STUDY_END = LocalDate.of(2023, 6, 30);

    private final Random rnd;
    private final List<HyperthermiaSession> sessions = new ArrayList<>();
    private final int loggedHyperthermiaPatients;

    private SyntheticCohort(long seed, int loggedHyperthermiaPatients) {
        this.rnd = new Random(seed);
        this.loggedHyperthermiaPatients = loggedHyperthermiaPatients;
    }

    /** A cohort and the hyperthermia session logs of some of its hyperthermia patients. */
    public record Result(Cohort cohort, List<HyperthermiaSession> sessions) {
    }

    /** Most patients a synthetic cohort has: registries of seed implants hold hundreds to thousands; 100 000 is plenty. */
    public static final int MAX_PATIENTS = 100_000;

    /**
     * Generates {@code patients} patients from {@code seed}; temperature logs are generated for the first
     * {@code loggedHyperthermiaPatients} patients who had hyperthermia.
     */
    public static Result generate(int patients, long seed, int loggedHyperthermiaPatients) {
        if (patients < 1 || patients > MAX_PATIENTS) {
            throw new IllegalArgumentException("synthetic cohort: " + patients + " patients requested; ask for 1 to " + MAX_PATIENTS);
        }
        SyntheticCohort g = new SyntheticCohort(seed, loggedHyperthermiaPatients);
        List<Patient> list = new ArrayList<>();
        for (int i = 0; i < patients; i++) {
            list.add(g.patient(i));
        }
        return new Result(new Cohort(list), List.copyOf(g.sessions));
    }

    private Patient patient(int index) {
        String id = String.format("P%03d", index + 1);
        double age = clamp(Math.round(62 + 10 * rnd.nextGaussian()), 32, 86);
        Sex sex = rnd.nextDouble() < 0.62 ? Sex.MALE : Sex.FEMALE;
        double u = rnd.nextDouble();
        String type = u < 0.4 ? "HCC" : u < 0.75 ? "NSCLC" : "Pancreas";
        String stage = rnd.nextDouble() < 0.55 ? "III" : "IV";
        double e = rnd.nextDouble();
        int ecog = e < 0.35 ? 0 : e < 0.8 ? 1 : 2;
        int kps = (int) Math.min(100, 90 - 10 * ecog + (rnd.nextDouble() < 0.3 ? 10 : 0));
        String childPugh = type.equals("HCC") ? (rnd.nextDouble() < 0.7 ? "A" : "B") : null;
        Double marker = rnd.nextDouble() < 0.05 ? null : round(Math.exp((type.equals("HCC") ? 4.0 : 1.5) + 1.2 * rnd.nextGaussian()), 1);
        List<String> prior = new ArrayList<>();
        for (String t : List.of("chemotherapy", "EBRT", "surgery", type.equals("HCC") ? "TACE" : "targeted therapy")) {
            if (rnd.nextDouble() < 0.3) {
                prior.add(t);
            }
        }
        boolean hyperthermia = rnd.nextDouble() < 0.4;
        LocalDate implantDate = FIRST_IMPLANT.plusDays(rnd.nextInt(900));
        Dosimetry pre = prePlan();
        Dosimetry post = postPlan(pre);
        Implant implant = new Implant(implantDate, pre, post, new double[] {0.6, 0.7, 0.8}[rnd.nextInt(3)]);

        boolean goodDose = post.d90Gy() >= 120;
        double lpfsHazard = Math.log(2) / (13 * MONTH) * Math.exp(0.45 * ecog - 0.75 * (goodDose ? 1 : 0)
                - 0.35 * (hyperthermia ? 1 : 0) + 0.02 * (age - 62));
        double osHazard = Math.log(2) / (26 * MONTH) * Math.exp(0.4 * ecog - 0.3 * (goodDose ? 1 : 0)
                + 0.35 * (type.equals("Pancreas") ? 1 : 0));
        long progressionDay = Math.max(20, Math.round(-Math.log(1 - rnd.nextDouble()) / lpfsHazard));
        long deathDay = Math.max(25, Math.round(-Math.log(1 - rnd.nextDouble()) / osHazard));
        long lossDay = 30 + Math.round(-Math.log(1 - rnd.nextDouble()) / (Math.log(2) / (70 * MONTH)));
        long endDay = Math.min(STUDY_END.toEpochDay() - implantDate.toEpochDay(), lossDay);
        boolean dies = deathDay <= endDay;
        long lastDay = dies ? deathDay : Math.max(endDay, 1);

        List<Lesion> lesions = lesions(type);
        double depth = clamp(0.42 + 0.18 * (goodDose ? 1 : 0) + 0.25 * rnd.nextGaussian(), -0.15, 1.0);
        double relief = clamp(0.5 + 0.25 * rnd.nextGaussian(), -0.2, 1.0);
        double health = rnd.nextGaussian();
        int baselinePain = 2 + rnd.nextInt(7);

        List<FollowUp> visits = new ArrayList<>();
        visits.add(new FollowUp(implantDate, List.of(), null, null, baselinePain, qlq(health), false, false));
        boolean progressionFlagged = false;
        double[] nadir = new double[lesions.size()];
        for (int k = 0; k < lesions.size(); k++) {
            nadir[k] = lesions.get(k).baselineDiameterMm() == null ? 0 : lesions.get(k).baselineDiameterMm();
        }
        List<Long> days = new ArrayList<>();
        for (int m = 1; m <= 6; m++) {
            days.add(Math.round(MONTH * m) + rnd.nextInt(7) - 3);
        }
        for (int m = 9; MONTH * m < lastDay; m += 3) {
            days.add(Math.round(MONTH * m) + rnd.nextInt(11) - 5);
        }
        for (int vi = 0; vi < days.size(); vi++) {
            long day = days.get(vi);
            if (day >= lastDay) {
                break;
            }
            boolean progressed = day >= progressionDay;
            boolean flag = progressed && !progressionFlagged;
            progressionFlagged |= flag;
            double months = day / MONTH;
            boolean imaging = vi < 6;
            Integer pain = nrs(baselinePain, relief, months, progressed);
            if (!imaging) {
                visits.add(new FollowUp(implantDate.plusDays(day), List.of(), null, null, pain, List.of(), flag, false));
                continue;
            }
            List<LesionMeasurement> ms = new ArrayList<>();
            for (int k = 0; k < lesions.size(); k++) {
                Lesion l = lesions.get(k);
                if (!l.target() || rnd.nextDouble() < 0.01) {
                    continue;
                }
                double d = diameter(l, depth, months, progressed, nadir[k]);
                if (!progressed) {
                    nadir[k] = Math.min(nadir[k], d);
                }
                Double viable = l.baselineViableDiameterMm() == null ? null
                        : viable(l, d, depth, months, progressed);
                ms.add(new LesionMeasurement(l.id(), d, viable));
            }
            NonTargetStatus nt = lesions.stream().anyMatch(l -> !l.target())
                    ? (progressed && rnd.nextDouble() < 0.3 ? NonTargetStatus.PD
                    : depth > 0.75 && months > 2 ? NonTargetStatus.CR : NonTargetStatus.NON_CR_NON_PD)
                    : null;
            boolean newLesion = rnd.nextDouble() < (progressed ? 0.15 : 0.015);
            List<Integer> items = vi == 0 || vi == 2 || vi == 5 ? qlq(health + 0.6 * depth * (1 - Math.exp(-months / 2)) - (progressed ? 0.5 : 0)) : List.of();
            visits.add(new FollowUp(implantDate.plusDays(day), ms, nt, newLesion, pain, items, flag, false));
        }
        if (!progressionFlagged && progressionDay < lastDay) {
            visits.add(new FollowUp(implantDate.plusDays(progressionDay), List.of(), null, null, null, List.of(), true, false));
        }
        if (dies) {
            visits.add(new FollowUp(implantDate.plusDays(deathDay), List.of(), null, null, null, List.of(), false, true));
        } else if (visits.stream().noneMatch(v -> v.date().equals(implantDate.plusDays(lastDay)))) {
            visits.add(new FollowUp(implantDate.plusDays(lastDay), List.of(), null, null, null, List.of(), false, false));
        }
        visits = mergeSameDay(visits);
        if (hyperthermia && countHyperthermia() < loggedHyperthermiaPatients) {
            hyperthermiaSessions(id, implantDate);
        }
        return new Patient(id, age, sex, type, stage, ecog, kps, childPugh, marker, prior, hyperthermia, implant,
                lesions, visits, adverseEvents(type, implantDate));
    }

    private int countHyperthermia() {
        return (int) sessions.stream().map(HyperthermiaSession::patientId).distinct().count();
    }

    private static List<FollowUp> mergeSameDay(List<FollowUp> visits) {
        List<FollowUp> out = new ArrayList<>();
        for (FollowUp v : visits.stream().sorted(java.util.Comparator.comparing(FollowUp::date)).toList()) {
            if (!out.isEmpty() && out.get(out.size() - 1).date().equals(v.date())) {
                FollowUp a = out.remove(out.size() - 1);
                out.add(new FollowUp(a.date(), a.measurements(), a.nonTarget(), a.newLesion(),
                        a.nrsPain() != null ? a.nrsPain() : v.nrsPain(), a.qlqItems().isEmpty() ? v.qlqItems() : a.qlqItems(),
                        a.localProgression() || v.localProgression(), a.died() || v.died()));
            } else {
                out.add(v);
            }
        }
        return out;
    }

    private Dosimetry prePlan() {
        double d90 = round(138 + 9 * rnd.nextGaussian(), 1);
        double v100 = round(clamp(96 + 1.5 * rnd.nextGaussian(), 88, 100), 1);
        double v150 = round(clamp(62 + 7 * rnd.nextGaussian(), 30, v100 - 5), 1);
        double ptv = round(clamp(Math.exp(3.4 + 0.6 * rnd.nextGaussian()), 3, 250), 1);
        int seeds = (int) Math.round(5 * Math.pow(ptv, 0.6));
        return new Dosimetry(d90, round(d90 * (0.56 + 0.05 * rnd.nextGaussian()), 1), v100, v150,
                round((v100 - v150) / v100, 3), seeds, ptv, null);
    }

    private Dosimetry postPlan(Dosimetry pre) {
        double d90 = round(pre.d90Gy() - 10 - 14 * rnd.nextGaussian(), 1);
        double v100 = round(clamp(pre.v100Pct() - Math.abs(4 + 3 * rnd.nextGaussian()), 70, 100), 1);
        double v150 = round(clamp(pre.v150Pct() - 3 + 6 * rnd.nextGaussian(), 20, v100 - 3), 1);
        int seeds = pre.seedCount() + new int[] {0, 0, 1, 2}[rnd.nextInt(4)];
        return new Dosimetry(d90, round(d90 * (0.5 + 0.06 * rnd.nextGaussian()), 1), v100, v150,
                round((v100 - v150) / v100, 3), seeds, round(pre.ptvCc() * (1.04 + 0.06 * rnd.nextGaussian()), 1), null);
    }

    private List<Lesion> lesions(String type) {
        String organ = switch (type) {
            case "HCC" -> "liver";
            case "NSCLC" -> "lung";
            default -> "pancreas";
        };
        boolean hcc = type.equals("HCC");
        List<Lesion> out = new ArrayList<>();
        double d1 = round(20 + 50 * rnd.nextDouble(), 1);
        out.add(new Lesion("L1", organ, false, true, d1, hcc ? round(d1 * (0.7 + 0.3 * rnd.nextDouble()), 1) : null));
        double u = rnd.nextDouble();
        if (u < 0.15) {
            out.add(new Lesion("N1", "lymph node", true, true, round(15 + 10 * rnd.nextDouble(), 1), null));
        } else if (u < 0.45) {
            double d2 = round(12 + 23 * rnd.nextDouble(), 1);
            out.add(new Lesion("L2", organ, false, true, d2, hcc ? round(d2 * (0.7 + 0.3 * rnd.nextDouble()), 1) : null));
        }
        if (rnd.nextDouble() < 0.4) {
            out.add(new Lesion("NT1", hcc ? "portal vein" : "bone", false, false, null, null));
        }
        return out;
    }

    private double diameter(Lesion l, double depth, double months, boolean progressed, double nadir) {
        if (progressed) {
            return round(Math.max(nadir, 8) * (1.35 + 0.05 * rnd.nextDouble()), 1);
        }
        double d = l.baselineDiameterMm() * (1 - depth * (1 - Math.exp(-months / 1.5))) * (1 + 0.03 * rnd.nextGaussian());
        if (l.nodal()) {
            return round(Math.max(d, 4), 1);
        }
        if (depth > 0.95 && months > 3) {
            return 0.0;
        }
        return d < 5 ? 5.0 : round(d, 1);
    }

    private Double viable(Lesion l, double d, double depth, double months, boolean progressed) {
        if (progressed) {
            return round(d * 0.6, 1);
        }
        double fraction = l.baselineViableDiameterMm() / l.baselineDiameterMm();
        double v = d * fraction * (1 - Math.min(1, depth * 1.3) * (1 - Math.exp(-months / 1.2)));
        return v < 3 ? 0.0 : round(v, 1);
    }

    private Integer nrs(int baseline, double relief, double months, boolean progressed) {
        if (rnd.nextDouble() < 0.03) {
            return null;
        }
        double v = baseline * (1 - relief * (1 - Math.exp(-months / 1.5))) + 0.8 * rnd.nextGaussian() + (progressed ? 2 : 0);
        return (int) clamp(Math.round(v), 0, 10);
    }

    private List<Integer> qlq(double health) {
        List<Integer> items = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            if (rnd.nextDouble() < 0.03) {
                items.add(null);
            } else if (i <= 28) {
                items.add((int) clamp(Math.round(2.2 - 0.6 * health + 0.7 * rnd.nextGaussian()), 1, 4));
            } else {
                items.add((int) clamp(Math.round(4.3 + 0.9 * health + 0.8 * rnd.nextGaussian()), 1, 7));
            }
        }
        return items;
    }

    private List<AdverseEvent> adverseEvents(String type, LocalDate implantDate) {
        List<AdverseEvent> out = new ArrayList<>();
        boolean lung = type.equals("NSCLC");
        add(out, implantDate, "Pneumothorax", lung ? 0.25 : 0.0, new double[] {0.7, 0.2, 0.1}, AdverseEventScale.CTCAE_5);
        add(out, implantDate, "Hemoptysis", lung ? 0.12 : 0.0, new double[] {0.8, 0.2}, AdverseEventScale.CTCAE_5);
        add(out, implantDate, "Fever", 0.15, new double[] {0.8, 0.2}, AdverseEventScale.CTCAE_5);
        add(out, implantDate, "Pain", 0.3, new double[] {0.6, 0.35, 0.05}, AdverseEventScale.CTCAE_5);
        add(out, implantDate, "Nausea", 0.1, new double[] {0.7, 0.3}, AdverseEventScale.CTCAE_5);
        add(out, implantDate, "Fatigue", 0.2, new double[] {0.75, 0.25}, AdverseEventScale.CTCAE_5);
        add(out, implantDate, "Seed migration", 0.04, new double[] {1.0}, AdverseEventScale.CTCAE_5);
        add(out, implantDate, "Radiation pneumonitis", lung ? 0.08 : 0.0, new double[] {0.5, 0.35, 0.15}, AdverseEventScale.RTOG);
        add(out, implantDate, "Skin", 0.05, new double[] {1.0}, AdverseEventScale.RTOG);
        return out;
    }

    private void add(List<AdverseEvent> out, LocalDate implantDate, String term, double p, double[] gradeProbs, AdverseEventScale scale) {
        if (p == 0.0 || rnd.nextDouble() >= p) {
            return;
        }
        double u = rnd.nextDouble();
        int grade = 1;
        double acc = 0;
        for (int g = 0; g < gradeProbs.length; g++) {
            acc += gradeProbs[g];
            if (u < acc) {
                grade = g + 1;
                break;
            }
        }
        out.add(new AdverseEvent(implantDate.plusDays(1 + rnd.nextInt(30)), term, grade, scale));
    }

    private void hyperthermiaSessions(String patientId, LocalDate implantDate) {
        LocalDateTime start = implantDate.plusDays(1).atTime(9, 0);
        int count = 6 + rnd.nextInt(5);
        int channels = 4 + rnd.nextInt(5);
        double[] offset = new double[channels];
        for (int c = 0; c < channels; c++) {
            offset[c] = 0.6 * rnd.nextGaussian();
        }
        for (int s = 1; s <= count; s++) {
            double plateau = rnd.nextDouble() < 0.15 ? 40.3 + 0.3 * rnd.nextGaussian() : 42.0 + 0.3 * rnd.nextGaussian();
            int hotChannel = rnd.nextDouble() < 0.1 ? rnd.nextInt(channels) : -1;
            List<TemperatureSample> samples = new ArrayList<>();
            for (int t = 0; t <= 50; t += 2) {
                for (int c = 0; c < channels; c++) {
                    double level = plateau + offset[c] + (c == hotChannel ? 1.8 : 0);
                    double temp = t < 10 ? 37 + (level - 37) * t / 10.0 : level + 0.15 * rnd.nextGaussian();
                    samples.add(new TemperatureSample(t, c + 1, round(temp, 2)));
                }
            }
            sessions.add(new HyperthermiaSession(patientId, s, start, samples));
            int hours = rnd.nextDouble() < 0.15 ? 96 : 48 + 24 * rnd.nextInt(2);
            start = start.plusHours(hours).plusMinutes(rnd.nextInt(121) - 60);
        }
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
