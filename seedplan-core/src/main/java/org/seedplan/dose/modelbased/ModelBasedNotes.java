package org.seedplan.dose.modelbased;

/**
 * The words under a TG-43 vs model-based table, one wording for every output of a result: the workstation's panel (the result's
 * {@code uncertaintyNote}, seedplan-server), report.pdf (seedplan-app {@code report.ModelBasedSection}, in its ASCII spelling) and
 * the command line ({@code dose --engine mc}, {@code plan --model-based}, {@code verify --model-based}, by {@link #terminal}): what ±
 * is, how it was estimated, what noise does to DVH metrics and what * means ({@link MetricUncertainty#BIAS_NOTE}), and which
 * metrics carry the * ({@link ModelBasedComparison#biasNote()}).
 */
public final class ModelBasedNotes {

    private ModelBasedNotes() {
    }

    /**
     * "± is 1σ of the Monte Carlo statistics only (spread of the run's 10 independent groups of histories); noise biases DVH
     * metrics (…); * marks a metric whose bias …; * estimated noise bias above 1σ (…): GTV D2cc +2.1 Gy (σ 1.0)".
     */
    public static String uncertainty(PatientModelBasedDose.Evaluation e) {
        return "± is 1σ of the Monte Carlo statistics only (" + MetricUncertainty.method(e.modelBased()) + "); "
                + MetricUncertainty.BIAS_NOTE + "; " + e.comparison().biasNote();
    }

    /** The comparison as the command line prints it: the table ({@link ModelBasedComparison#render()}) and the note under it. */
    public static String terminal(PatientModelBasedDose.Evaluation e) {
        return e.comparison().render() + uncertainty(e) + ".\n";
    }
}
