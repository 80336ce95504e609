package org.seedplan.outcomes.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.seedplan.outcomes.io.CohortCsvWriter;
import org.seedplan.outcomes.io.SyntheticCohort;
import org.seedplan.outcomes.registry.Cohort;
import org.seedplan.outcomes.registry.FollowUp;
import org.seedplan.outcomes.registry.Lesion;
import org.seedplan.outcomes.registry.LesionMeasurement;
import org.seedplan.outcomes.registry.Patient;
import org.seedplan.outcomes.report.Endpoints;
import org.seedplan.stats.data.DataTable;
import org.seedplan.stats.data.DataTableReader;

/**
 * Seeded synthetic cohorts shaped like the five seed-implant papers the plan templates reproduce (invented
 * numbers, not the papers' data): the demo cohort's patients with each paper's own study variables added as
 * extra columns (PVTT, AFP, CNLC stage; thyroglobulin and week-1 visits; per-lesion D90, volume, site and imaging
 * features; pain site; grade), some of them tied to the outcome so that the tables have something to find.
 */
final class PaperCohorts {

    /** Patients per paper cohort (roughly the papers' sizes). */
    static final Map<String, Integer> SIZE = Map.of("hcc-pvtt", 100, "thyroid-nodes", 60, "lesion-dosimetry", 17, "pain-qol", 80,
            "hyperthermia-combined", 90, "default", 130);

    private PaperCohorts() {
    }

    /** Writes the cohort of {@code template} into {@code dir} as CSV files and returns {@code dir}. */
    static Path write(String template, Path dir) {
        long seed = 2024 + template.hashCode();
        Random rnd = new Random(seed);
        List<Patient> ps = SyntheticCohort.generate(SIZE.get(template), seed, 0).cohort().patients();
        Map<String, Map<String, String>> patientVars = new LinkedHashMap<>();
        Map<String, Map<String, String>> lesionVars = new LinkedHashMap<>();
        Map<String, Map<String, String>> visitVars = new LinkedHashMap<>();
        List<Patient> out = new ArrayList<>();
        for (Patient p : ps) {
            Endpoints e = Endpoints.of(p);
            boolean poor = e.osEvent() && e.osDays() < 500;
            Map<String, String> pv = new LinkedHashMap<>();
            switch (template) {
                case "hcc-pvtt" -> {
                    p = retype(p, "HCC", rnd.nextDouble() < 0.7 ? "A" : "B");
                    boolean pvtt = rnd.nextDouble() < (poor ? 0.6 : 0.25);
                    pv.put("pvtt", pvtt ? "yes" : "no");
                    pv.put("afp_ng_ml", round(Math.exp(4.5 + (pvtt ? 1.2 : 0) + 1.6 * rnd.nextGaussian()), 1));
                    double u = rnd.nextDouble();
                    pv.put("cnlc", pvtt ? (u < 0.85 ? "IIIa" : "IIIb") : u < 0.04 ? "Ia" : u < 0.45 ? "Ib" : u < 0.9 ? "IIa" : "IIb");
                    for (Lesion l : p.lesions()) {
                        lesionVars.put(p.id() + "\u0000" + l.id(), ordered("intrahepatic", "liver".equalsIgnoreCase(l.organ()) ? "yes" : "no"));
                    }
                }
                case "thyroid-nodes" -> {
                    p = month12(week1(retype(p, "DTC", null), rnd), rnd);
                    pv.put("rai_refractory", rnd.nextDouble() < 0.7 ? "yes" : "no");
                    double tg0 = Math.exp(3.5 + 1.0 * rnd.nextGaussian());
                    double fall = 0.5 + 0.4 * rnd.nextDouble();
                    for (FollowUp f : p.followUps()) {
                        double months = Math.max(0, p.day(f.date())) / PlanReader.DAYS_PER_MONTH;
                        double tg = tg0 * (1 - fall * (1 - Math.exp(-months / 3))) * Math.exp(0.1 * rnd.nextGaussian());
                        visitVars.put(p.id() + "\u0000" + f.date(), ordered("tg_ng_ml", round(tg, 2)));
                    }
                }
                case "lesion-dosimetry" -> {
                    pv.put("grade", new String[] {"G1", "G2", "G3"}[rnd.nextInt(3)]);
                    for (Lesion l : p.lesions()) {
                        double d90 = Math.max(40, 125 + 25 * rnd.nextGaussian());
                        lesionVars.put(p.id() + "\u0000" + l.id(), ordered("lesion_d90_gy", round(d90, 1),
                                "lesion_volume_cc", round(Math.exp(2.5 + 0.7 * rnd.nextGaussian()), 2),
                                "implant_site", new String[] {"neck", "chest wall", "pelvis", "retroperitoneum"}[rnd.nextInt(4)],
                                "boundary", rnd.nextDouble() < 0.6 ? "clear" : "unclear",
                                "density", rnd.nextDouble() < 0.5 ? "homogeneous" : "heterogeneous",
                                PlanDataset.LESION_PROGRESSION_DATE, lesionProgression(p, d90, rnd)));
                    }
                }
                case "pain-qol" -> {
                    p = week1(p, rnd);
                    double u = rnd.nextDouble();
                    pv.put("pain_site", u < 0.45 ? "spine" : u < 0.75 ? "pelvis" : u < 0.95 ? "ribs" : "sternum");
                    pv.put("opioid_baseline", rnd.nextDouble() < 0.55 ? "yes" : "no");
                }
                case "hyperthermia-combined" -> {
                    pv.put("grade", new String[] {"G1", "G2", "G3"}[rnd.nextInt(3)]);
                    pv.put("tumour_volume_cc", p.implant().prePlan().ptvCc() == null ? "" : round(p.implant().prePlan().ptvCc(), 1));
                }
                default -> {
                }
            }
            patientVars.put(p.id(), pv);
            out.add(p);
        }
        try {
            Files.createDirectories(dir);
            CohortCsvWriter.write(new Cohort(out), List.of(), dir);
            addColumns(dir.resolve("patients.csv"), r -> patientVars.get(r.get("patient_id")));
            addColumns(dir.resolve("lesions.csv"), r -> lesionVars.get(r.get("patient_id") + "\u0000" + r.get("lesion_id")));
            addColumns(dir.resolve("followups.csv"), r -> visitVars.get(r.get("patient_id") + "\u0000" + r.get("date")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    private static Patient retype(Patient p, String type, String childPugh) {
        return new Patient(p.id(), p.ageYears(), p.sex(), type, p.stage(), p.ecog(), p.kps(), childPugh, p.tumourMarker(),
                p.priorTreatments(), p.hyperthermia(), p.implant(), p.lesions(), p.followUps(), p.adverseEvents());
    }

    /**
     * The date a lesion's local progression is seen: an exponential time (mean 900 days, shorter for a low D90) read at the
     * first imaging visit on or after it; empty when the patient's imaging ends first.
     */
    private static String lesionProgression(Patient p, double d90Gy, Random rnd) {
        double days = -Math.log(1 - rnd.nextDouble()) * 900 * Math.exp(0.03 * (d90Gy - 125));
        LocalDate due = p.implant().date().plusDays((long) days);
        return p.visitsAfterImplant().stream().filter(FollowUp::imaged).map(FollowUp::date).filter(d -> !d.isBefore(due)).findFirst()
                .map(LocalDate::toString).orElse(null);
    }

    /**
     * Adds a 12-month imaging visit (the thyroid papers' last response time point) when the patient is still followed then and
     * alive: each target lesion's size at the last imaging visit times 0.6–1.4, non-target as then, no new lesion.
     */
    private static Patient month12(Patient p, Random rnd) {
        LocalDate d = p.implant().date().plusDays(365);
        List<FollowUp> fs = new ArrayList<>(p.followUps());
        FollowUp last = fs.get(fs.size() - 1);
        FollowUp imaged = fs.stream().filter(FollowUp::imaged).reduce((a, b) -> b).orElse(null);
        if (last.date().isBefore(d) || fs.stream().anyMatch(f -> f.died() && !f.date().isAfter(d)) || imaged == null
                || fs.stream().anyMatch(f -> f.date().equals(d))) {
            return p;
        }
        List<LesionMeasurement> m = new ArrayList<>();
        for (LesionMeasurement x : imaged.measurements()) {
            double k = 0.6 + 0.8 * rnd.nextDouble();
            m.add(new LesionMeasurement(x.lesionId(), x.diameterMm() == null ? null : Math.round(x.diameterMm() * k * 10) / 10.0,
                    x.viableDiameterMm() == null ? null : Math.round(x.viableDiameterMm() * k * 10) / 10.0));
        }
        fs.add(new FollowUp(d, m, imaged.nonTarget(), false, null, List.of(), false, false));
        return new Patient(p.id(), p.ageYears(), p.sex(), p.tumourType(), p.stage(), p.ecog(), p.kps(), p.childPugh(), p.tumourMarker(),
                p.priorTreatments(), p.hyperthermia(), p.implant(), p.lesions(), fs, p.adverseEvents());
    }

    /** Adds a week-1 visit (day 7, pain only) when the patient is still followed then. */
    private static Patient week1(Patient p, Random rnd) {
        LocalDate d = p.implant().date().plusDays(7);
        List<FollowUp> fs = new ArrayList<>(p.followUps());
        FollowUp last = fs.get(fs.size() - 1);
        if (!last.date().isAfter(d) || fs.stream().anyMatch(f -> f.date().equals(d))) {
            return p;
        }
        Integer base = p.baselineVisit().map(FollowUp::nrsPain).orElse(null);
        Integer pain = base == null ? null : Math.max(0, Math.min(10, base - 1 - rnd.nextInt(3)));
        fs.add(new FollowUp(d, List.of(), null, null, pain, List.of(), false, false));
        return new Patient(p.id(), p.ageYears(), p.sex(), p.tumourType(), p.stage(), p.ecog(), p.kps(), p.childPugh(), p.tumourMarker(),
                p.priorTreatments(), p.hyperthermia(), p.implant(), p.lesions(), fs, p.adverseEvents());
    }

    /** Rewrites a CSV with the extra columns each row's function gives (rows it gives none for get empty cells). */
    private static void addColumns(Path csv, Function<Map<String, String>, Map<String, String>> extra) throws IOException {
        if (!Files.exists(csv)) {
            return;
        }
        DataTable t = DataTableReader.read(csv);
        List<String> added = new ArrayList<>();
        List<Map<String, String>> rows = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            Map<String, String> row = new LinkedHashMap<>();
            for (String c : t.columnNames()) {
                row.put(c, t.cell(r, c));
            }
            Map<String, String> x = extra.apply(row);
            if (x != null) {
                x.keySet().stream().filter(k -> !added.contains(k)).forEach(added::add);
            }
            rows.add(row);
        }
        if (added.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder(String.join(",", t.columnNames()) + "," + String.join(",", added) + "\n");
        for (Map<String, String> row : rows) {
            List<String> cells = new ArrayList<>();
            row.values().forEach(v -> cells.add(quote(v)));
            Map<String, String> x = extra.apply(row);
            for (String a : added) {
                cells.add(quote(x == null ? null : x.get(a)));
            }
            sb.append(String.join(",", cells)).append('\n');
        }
        Files.writeString(csv, sb.toString(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static String quote(String v) {
        if (v == null) {
            return "";
        }
        return v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    private static String round(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
