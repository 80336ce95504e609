package org.seedplan.outcomes.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.seedplan.outcomes.registry.Patient;
import org.seedplan.outcomes.registry.Sex;
import org.seedplan.stats.data.DataTable;

/**
 * The one-row-per-patient analysis table that the survival analysis runs on (and that the report writes as
 * {@code analysis_dataset.csv}, so that the numbers can be re-run in R or SPSS): endpoints in days and 0/1
 * prognostic factors. Missing values stay missing (complete cases are taken per model).
 */
final class AnalysisDataset {

    /** Threshold of the dosimetry factor, Gy (post-implant D90 ≥ 120 Gy). */
    static final double D90_THRESHOLD_GY = 120.0;
    /** Threshold of the target-volume factor, cm³. */
    static final double PTV_THRESHOLD_CC = 50.0;

    /** A prognostic factor: table column, label for the tables, categorical or 0/1. */
    record Factor(String column, String label, boolean categorical) {
    }

    /** Factors screened in the prognostic-factor table, in table order. */
    static final List<Factor> FACTORS = List.of(
            new Factor("age_ge65", "Age ≥ 65 years", false),
            new Factor("male", "Male sex", false),
            new Factor("ecog_ge1", "ECOG ≥ 1", false),
            new Factor("tumour_type", "Tumour type", true),
            new Factor("prior_treatment", "Prior treatment", false),
            new Factor("hyperthermia", "Hyperthermia", false),
            new Factor("ptv_ge50", "PTV ≥ " + (int) PTV_THRESHOLD_CC + " cm³", false),
            new Factor("post_d90_ge120", "Post-implant D90 ≥ " + (int) D90_THRESHOLD_GY + " Gy", false));

    private AnalysisDataset() {
    }

    static DataTable of(List<Patient> patients) {
        List<String> names = new ArrayList<>();
        List<String[]> cols = new ArrayList<>();
        add(names, cols, patients, "patient_id", Patient::id);
        add(names, cols, patients, "lpfs_days", p -> Long.toString(Endpoints.of(p).lpfsDays()));
        add(names, cols, patients, "lpfs_event", p -> Endpoints.of(p).lpfsEvent() ? "1" : "0");
        add(names, cols, patients, "os_days", p -> Long.toString(Endpoints.of(p).osDays()));
        add(names, cols, patients, "os_event", p -> Endpoints.of(p).osEvent() ? "1" : "0");
        add(names, cols, patients, "age_years", p -> num(p.ageYears()));
        add(names, cols, patients, "age_ge65", p -> p.ageYears() == null ? null : bit(p.ageYears() >= 65));
        add(names, cols, patients, "male", p -> p.sex() == null ? null : bit(p.sex() == Sex.MALE));
        add(names, cols, patients, "ecog_ge1", p -> p.ecog() == null ? null : bit(p.ecog() >= 1));
        add(names, cols, patients, "tumour_type", Patient::tumourType);
        add(names, cols, patients, "prior_treatment", p -> bit(!p.priorTreatments().isEmpty()));
        add(names, cols, patients, "hyperthermia", p -> p.hyperthermia() == null ? null : bit(p.hyperthermia()));
        add(names, cols, patients, "ptv_cc", p -> num(p.implant().prePlan().ptvCc()));
        add(names, cols, patients, "ptv_ge50", p -> p.implant().prePlan().ptvCc() == null ? null
                : bit(p.implant().prePlan().ptvCc() >= PTV_THRESHOLD_CC));
        add(names, cols, patients, "post_d90_gy", p -> num(p.implant().postPlan().d90Gy()));
        add(names, cols, patients, "post_d90_ge120", p -> p.implant().postPlan().d90Gy() == null ? null
                : bit(p.implant().postPlan().d90Gy() >= D90_THRESHOLD_GY));
        add(names, cols, patients, "d90_group", p -> p.implant().postPlan().d90Gy() == null ? null
                : p.implant().postPlan().d90Gy() >= D90_THRESHOLD_GY ? "D90 >= 120 Gy" : "D90 < 120 Gy");
        int[] rows = new int[patients.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i + 2;
        }
        return new DataTable("analysis dataset", names, cols.toArray(String[][]::new), rows);
    }

    private static void add(List<String> names, List<String[]> cols, List<Patient> ps, String name, Function<Patient, String> f) {
        names.add(name);
        cols.add(ps.stream().map(f).toArray(String[]::new));
    }

    private static String bit(boolean b) {
        return b ? "1" : "0";
    }

    private static String num(Number n) {
        return n == null ? null : n.toString();
    }

    /** True when at least one row has a value in {@code column}. */
    static boolean hasValues(DataTable data, String column) {
        for (int r = 0; r < data.rowCount(); r++) {
            if (!data.isMissing(r, column)) {
                return true;
            }
        }
        return false;
    }

    /** The table as a report {@link Table} (for the CSV/XLSX export). */
    static Table export(DataTable d) {
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < d.rowCount(); r++) {
            List<String> row = new ArrayList<>();
            for (String c : d.columnNames()) {
                String v = d.cell(r, c);
                row.add(v == null ? "NA" : v);
            }
            rows.add(row);
        }
        return new Table("analysis_dataset", "Analysis dataset (one row per patient; times in days)", d.columnNames(), rows,
                List.of("lpfs = local progression-free survival (event: local progression or death); os = overall survival "
                        + "(event: death); censored at the last follow-up record. NA = missing."));
    }
}
