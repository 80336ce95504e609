package org.seedplan.outcomes.io;

import java.util.ArrayList;
import java.util.List;

/**
 * The tables of a cohort and their column names (documented in docs/outcomes.md; templates in
 * docs/templates/cohort/). A cohort is a folder with one CSV or .xlsx file per table, or one .xlsx
 * workbook with one sheet per table. Empty cells and {@code NA} are missing values.
 */
public final class CohortFormat {

    /** Baseline, implant and dosimetry: one row per patient. */
    public static final String PATIENTS = "patients";
    /** Lesions recorded at baseline: one row per lesion. */
    public static final String LESIONS = "lesions";
    /** Follow-up records in long format: one row per patient and date (the baseline visit on the implant date). */
    public static final String FOLLOWUPS = "followups";
    /** Target-lesion measurements: one row per lesion and follow-up date. */
    public static final String MEASUREMENTS = "measurements";
    /** Adverse events: one row per event. */
    public static final String ADVERSE_EVENTS = "adverse_events";
    /** Hyperthermia temperature logs (optional): one row per reading. */
    public static final String HYPERTHERMIA = "hyperthermia";

    /** Columns of {@link #PATIENTS}. */
    public static final List<String> PATIENT_COLUMNS = List.of("patient_id", "age_years", "sex", "tumour_type", "stage",
            "ecog", "kps", "child_pugh", "tumour_marker", "prior_treatments", "hyperthermia", "implant_date",
            "seed_activity_mci",
            "pre_d90_gy", "pre_d100_gy", "pre_v100_pct", "pre_v150_pct", "pre_hi", "pre_seeds", "pre_ptv_cc",
            "post_d90_gy", "post_d100_gy", "post_v100_pct", "post_v150_pct", "post_hi", "post_seeds", "post_ptv_cc",
            "pre_structure", "post_structure");
    /** Columns of {@link #LESIONS}. */
    public static final List<String> LESION_COLUMNS = List.of("patient_id", "lesion_id", "organ", "nodal", "target",
            "baseline_diameter_mm", "baseline_viable_mm");
    /** Columns of {@link #FOLLOWUPS}. */
    public static final List<String> FOLLOWUP_COLUMNS = followUpColumns();
    /** Columns of {@link #MEASUREMENTS}. */
    public static final List<String> MEASUREMENT_COLUMNS = List.of("patient_id", "lesion_id", "date", "diameter_mm", "viable_mm");
    /** Columns of {@link #ADVERSE_EVENTS}. */
    public static final List<String> ADVERSE_EVENT_COLUMNS = List.of("patient_id", "date", "term", "grade", "scale");
    /** Columns of {@link #HYPERTHERMIA}. */
    public static final List<String> HYPERTHERMIA_COLUMNS = List.of("patient_id", "session", "start", "time_min", "channel", "temp_c");

    private CohortFormat() {
    }

    /** Name of the QLQ-C30 item column {@code item} (1–30). */
    public static String qlqColumn(int item) {
        return "q" + item;
    }

    private static List<String> followUpColumns() {
        List<String> c = new ArrayList<>(List.of("patient_id", "date", "new_lesion", "non_target", "nrs_pain"));
        for (int i = 1; i <= 30; i++) {
            c.add(qlqColumn(i));
        }
        c.add("local_progression");
        c.add("died");
        return List.copyOf(c);
    }
}
