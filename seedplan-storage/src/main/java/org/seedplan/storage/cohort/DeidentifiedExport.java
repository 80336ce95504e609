package org.seedplan.storage.cohort;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Database;
import org.seedplan.storage.Tx;
import org.seedplan.storage.audit.AuditTrail;

/**
 * The statistician's export: every registry table a statistician analyses, with each patient replaced by a keyed
 * pseudonym (HMAC-SHA256 of centre and patient ID under a random key made for this export and then discarded, so
 * pseudonyms of two exports cannot be linked), every date given as days from the patient's first implant, ages in
 * whole years at the implant, and free text (names, birth date, site descriptions, prior treatments, plan intent)
 * dropped. Rows are ordered by pseudonym, which hides the order of entry. The export is logged once per centre it covers
 * (entity {@code centre}), so each centre's audit trail shows who exported its patients.
 */
public final class DeidentifiedExport {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final AuditTrail audit;

    /** Exports from {@code db}. */
    public DeidentifiedExport(Database db) {
        this.db = db;
        this.audit = new AuditTrail(db);
    }

    /** The de-identified tables of the patients of {@code centreIds}, with a fresh key; logged as an EXPORT of each centre by {@code actor}. */
    public DeidentifiedDataset export(Actor actor, Collection<Long> centreIds) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        DeidentifiedDataset d = export(centreIds, key);
        String detail = "de-identified export of centres " + centreIds + ": " + d.rows("patients").size() + " patients; "
                + d.excludedNoImplant() + " without implant left out";
        db.inTransaction(tx -> {
            centreIds.forEach(c -> audit.event(actor, "EXPORT", "centre", c, detail));
            return null;
        });
        return d;
    }

    /** The export under a given key (tests; callers use {@link #export(Actor, Collection)}). */
    DeidentifiedDataset export(Collection<Long> centreIds, byte[] key) {
        if (centreIds.isEmpty()) {
            throw new IllegalArgumentException("de-identified export: no centre given; name at least one centre");
        }
        String in = String.join(", ", java.util.Collections.nCopies(centreIds.size(), "?"));
        Object[] ids = centreIds.toArray();
        return db.read(tx -> {
            Map<Long, String> pseudonym = new HashMap<>();
            Map<Long, LocalDate> day0 = new HashMap<>();
            List<List<String>> patients = new ArrayList<>();
            int[] excluded = {0};
            tx.query("SELECT p.*, c.code AS centre_code, (SELECT MIN(implant_date) FROM implant i WHERE i.patient_id = p.id) AS day0"
                    + " FROM patient p JOIN centre c ON c.id = p.centre_id WHERE p.centre_id IN (" + in + ")", r -> {
                        LocalDate d0 = r.date("day0");
                        if (d0 == null) {
                            excluded[0]++;
                            return null;
                        }
                        long id = r.longValue("id");
                        String ps = hmac(key, r.string("centre_code") + "\u0000" + r.string("patient_id"));
                        pseudonym.put(id, ps);
                        day0.put(id, d0);
                        LocalDate birth = r.date("birth_date");
                        patients.add(cells(ps, birth == null ? null : Period.between(birth, d0).getYears(), r.string("sex"),
                                r.string("diagnosis"), r.string("stage"), r.string("tnm_t"), r.string("tnm_n"), r.string("tnm_m"),
                                r.string("cnlc_stage"), r.string("bclc_stage"), r.string("child_pugh"), r.intOrNull("kps"),
                                r.intOrNull("ecog"), days(d0, r.date("death_date"))));
                        return null;
                    }, ids);
            Map<String, List<List<String>>> tables = new LinkedHashMap<>();
            tables.put("patients", table(List.of("pseudonym", "age_years", "sex", "diagnosis", "stage", "tnm_t", "tnm_n", "tnm_m",
                    "cnlc_stage", "bclc_stage", "child_pugh", "kps", "ecog", "death_day"), patients));
            tables.put("implants", table(List.of("pseudonym", "day", "age_years", "seed_count", "seed_activity_mci", "hyperthermia",
                    "baseline_tumour_marker", "planned_d90_gy", "planned_v100_percent", "planned_metrics_structure", "post_d90_gy", "post_d100_gy",
                    "post_v100_percent", "post_v150_percent", "post_hi", "post_seed_count", "post_ptv_cc", "post_metrics_structure"),
                    rows(tx, "SELECT i.* FROM implant i JOIN patient p ON p.id = i.patient_id WHERE p.centre_id IN (" + in + ")", ids,
                            pseudonym, r -> cells(null, days(day0.get(r.longValue("patient_id")), r.date("implant_date")),
                                    r.doubleOrNull("age_years"), r.intOrNull("seed_count"), r.doubleOrNull("seed_activity_mci"),
                                    r.boolOrNull("hyperthermia"), r.doubleOrNull("baseline_tumour_marker"), r.doubleOrNull("planned_d90_gy"),
                                    r.doubleOrNull("planned_v100_percent"), r.string("planned_metrics_structure"), r.doubleOrNull("post_d90_gy"),
                                    r.doubleOrNull("post_d100_gy"),
                                    r.doubleOrNull("post_v100_percent"), r.doubleOrNull("post_v150_percent"), r.doubleOrNull("post_hi"),
                                    r.intOrNull("post_seed_count"), r.doubleOrNull("post_ptv_cc"),
                                    r.string("post_metrics_structure")))));
            tables.put("lesions", table(List.of("pseudonym", "lesion", "organ", "nodal", "target", "baseline_longest_mm",
                    "baseline_short_axis_mm", "baseline_viable_mm"),
                    rows(tx, "SELECT l.* FROM lesion l JOIN patient p ON p.id = l.patient_id WHERE p.centre_id IN (" + in + ")", ids,
                            pseudonym, r -> cells(null, r.string("label"), r.string("organ"), r.bool("nodal"), r.bool("target"),
                                    r.doubleOrNull("baseline_longest_mm"), r.doubleOrNull("baseline_short_axis_mm"),
                                    r.doubleOrNull("baseline_viable_mm")))));
            List<String> visitHeader = new ArrayList<>(List.of("pseudonym", "day", "nrs_pain", "kps", "new_lesion", "non_target"));
            for (int i = 1; i <= 30; i++) {
                visitHeader.add("q" + i);
            }
            tables.put("visits", table(visitHeader, rows(tx, "SELECT v.* FROM visit v JOIN patient p ON p.id = v.patient_id"
                    + " WHERE p.centre_id IN (" + in + ")", ids, pseudonym, r -> {
                        Integer[] q = new Integer[30];
                        tx.query("SELECT item, score FROM qlq_c30_item WHERE visit_id = ?", x -> q[x.intValue("item") - 1] = x.intValue("score"),
                                r.longValue("id"));
                        List<String> c = cells(null, days(day0.get(r.longValue("patient_id")), r.date("visit_date")), r.intOrNull("nrs_pain"),
                                r.intOrNull("kps"), r.boolOrNull("new_lesion"), r.string("non_target"));
                        for (Integer s : q) {
                            c.add(s == null ? "" : s.toString());
                        }
                        return c;
                    })));
            tables.put("measurements", table(List.of("pseudonym", "lesion", "day", "longest_mm", "short_axis_mm", "viable_mm"),
                    rows(tx, "SELECT v.patient_id, v.visit_date, l.label, m.* FROM lesion_measurement m JOIN visit v ON v.id = m.visit_id"
                            + " JOIN lesion l ON l.id = m.lesion_id JOIN patient p ON p.id = v.patient_id WHERE p.centre_id IN (" + in + ")",
                            ids, pseudonym, r -> cells(null, r.string("label"), days(day0.get(r.longValue("patient_id")), r.date("visit_date")),
                                    r.doubleOrNull("longest_mm"), r.doubleOrNull("short_axis_mm"), r.doubleOrNull("viable_mm")))));
            tables.put("labs", table(List.of("pseudonym", "day", "name", "value", "unit"),
                    rows(tx, "SELECT v.patient_id, v.visit_date, x.* FROM lab_value x JOIN visit v ON v.id = x.visit_id"
                            + " JOIN patient p ON p.id = v.patient_id WHERE p.centre_id IN (" + in + ")", ids, pseudonym,
                            r -> cells(null, days(day0.get(r.longValue("patient_id")), r.date("visit_date")), r.string("name"),
                                    r.doubleOrNull("value"), r.string("unit")))));
            tables.put("adverse_events", table(List.of("pseudonym", "day", "term", "grade", "scale", "attribution"),
                    rows(tx, "SELECT a.* FROM adverse_event a JOIN patient p ON p.id = a.patient_id WHERE p.centre_id IN (" + in + ")",
                            ids, pseudonym, r -> cells(null, days(day0.get(r.longValue("patient_id")), r.date("onset_date")),
                                    r.string("term"), r.intValue("grade"), r.string("scale"), r.string("attribution")))));
            tables.put("progressions", table(List.of("pseudonym", "day", "type"),
                    rows(tx, "SELECT g.* FROM progression g JOIN patient p ON p.id = g.patient_id WHERE p.centre_id IN (" + in + ")",
                            ids, pseudonym, r -> cells(null, days(day0.get(r.longValue("patient_id")), r.date("progression_date")),
                                    r.string("progression_type")))));
            tables.put("study_values", table(List.of("pseudonym", "variable", "level", "lesion", "visit_day", "instance", "value", "value_day",
                    "value_precision"), rows(tx, "SELECT x.*, v.name, v.record_level, v.value_type, l.label, vi.visit_date FROM study_value x"
                    + " JOIN study_variable v ON v.id = x.variable_id JOIN patient p ON p.id = x.patient_id"
                    + " LEFT JOIN lesion l ON v.record_level = 'LESION' AND l.id = x.record_id"
                    + " LEFT JOIN visit vi ON v.record_level = 'VISIT' AND vi.id = x.record_id WHERE p.centre_id IN (" + in + ")", ids, pseudonym,
                    r -> {
                        // a date value, like every date here, becomes days from the first implant (of the first day of its period)
                        boolean date = "DATE".equals(r.string("value_type"));
                        LocalDate d0 = day0.get(r.longValue("patient_id"));
                        return cells(null, r.string("name"), r.string("record_level"), r.string("label"), days(d0, r.date("visit_date")),
                                r.intValue("instance"), date ? null : "NUMBER".equals(r.string("value_type"))
                                        ? org.seedplan.storage.studyvars.VariableDefinition.text(r.doubleOrNull("number_value")) : r.string("text_value"),
                                date ? days(d0, r.date("date_value")) : null, date ? r.string("date_precision") : null);
                    })));
            return new DeidentifiedDataset(tables, excluded[0]);
        });
    }

    /** Rows of a query about patients, each starting with the patient's pseudonym (patients without one are skipped). */
    private static List<List<String>> rows(Tx tx, String sql, Object[] ids, Map<Long, String> pseudonym, Tx.RowMapper<List<String>> mapper) {
        List<List<String>> out = new ArrayList<>();
        tx.query(sql, r -> {
            String ps = pseudonym.get(r.longValue("patient_id"));
            if (ps != null) {
                List<String> row = mapper.map(r);
                row.set(0, ps);
                out.add(row);
            }
            return null;
        }, ids);
        return out;
    }

    private static List<List<String>> table(List<String> header, List<List<String>> rows) {
        List<List<String>> t = new ArrayList<>();
        t.add(header);
        rows.sort(Comparator.<List<String>, String>comparing(r -> r.get(0)).thenComparing(DeidentifiedExport::secondCell));
        t.addAll(rows);
        return t;
    }

    /** Orders by the second cell, numerically when it is a number (days), else as text. */
    private static int secondCell(List<String> a, List<String> b) {
        String x = a.size() > 1 ? a.get(1) : "";
        String y = b.size() > 1 ? b.get(1) : "";
        if (x.matches("-?\\d+") && y.matches("-?\\d+")) {
            return Long.compare(Long.parseLong(x), Long.parseLong(y));
        }
        return x.compareTo(y);
    }

    private static List<String> cells(Object... values) {
        List<String> out = new ArrayList<>();
        for (Object v : values) {
            out.add(v == null ? "" : v instanceof Boolean b ? (b ? "yes" : "no") : v.toString());
        }
        return out;
    }

    private static Long days(LocalDate day0, LocalDate date) {
        return date == null ? null : date.toEpochDay() - day0.toEpochDay();
    }

    static String hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
