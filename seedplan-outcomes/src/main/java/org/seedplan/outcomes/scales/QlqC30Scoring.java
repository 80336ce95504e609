package org.seedplan.outcomes.scales;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Scale scores of one EORTC QLQ-C30 v3.0 questionnaire (Fayers et al., EORTC QLQ-C30 Scoring Manual,
 * 3rd ed., 2001; notes in shared/reference/clinical/qlq_c30_scoring.md).
 *
 * <p>Raw score = mean of the answered items; functional scales S = (1 − (RS − 1)/range)·100, symptom
 * scales and global QoL S = (RS − 1)/range·100. A scale with fewer than half of its items answered is
 * missing. Answers outside the item's codes (1–4 for items 1–28, 1–7 for items 29–30) are treated as
 * missing before the half-items rule (a data-cleaning choice the manual leaves to the user). The summary
 * score (Giesinger et al., J Clin Epidemiol 2016;69:79–88) is the mean of PF2, RF2, EF, CF, SF and the
 * reversed (100 − S) FA, NV, PA, DY, SL, AP, CO, DI, computed only when all 13 exist.
 */
public final class QlqC30Scoring {

    private QlqC30Scoring() {
    }

    /**
     * Scores all 15 scales.
     *
     * @param items answers to items 1–30 in order (size 30; null = not answered)
     * @return score 0–100 per scale; a scale with too few answers maps to {@code null}
     */
    public static Map<QlqScale, Double> score(List<Integer> items) {
        if (items.size() != 30) {
            throw new IllegalArgumentException("QLQ-C30: " + items.size() + " item answers given; give 30 (null for missing)");
        }
        Map<QlqScale, Double> out = new EnumMap<>(QlqScale.class);
        for (QlqScale s : QlqScale.values()) {
            out.put(s, score(s, items));
        }
        return out;
    }

    /** The score of one scale, or {@code null} when fewer than half of its items are validly answered. */
    public static Double score(QlqScale scale, List<Integer> items) {
        double sum = 0;
        int answered = 0;
        for (int item : scale.items()) {
            Integer a = items.get(item - 1);
            if (a != null && valid(item, a)) {
                sum += a;
                answered++;
            }
        }
        if (answered == 0 || 2 * answered < scale.items().size()) {
            return null;
        }
        double rs = sum / answered;
        double fraction = (rs - 1.0) / scale.range();
        return scale.kind() == QlqScale.Kind.FUNCTIONAL ? (1.0 - fraction) * 100.0 : fraction * 100.0;
    }

    /** The QLQ-C30 summary score, or {@code null} unless all 13 component scales are scored. */
    public static Double summary(Map<QlqScale, Double> scores) {
        double sum = 0;
        for (QlqScale s : QlqScale.values()) {
            if (s == QlqScale.QL2 || s == QlqScale.FI) {
                continue;
            }
            Double v = scores.get(s);
            if (v == null) {
                return null;
            }
            sum += s.kind() == QlqScale.Kind.FUNCTIONAL ? v : 100.0 - v;
        }
        return sum / 13.0;
    }

    /** True when {@code answer} is a valid code for {@code item} (1–4 for items 1–28, 1–7 for items 29–30). */
    public static boolean valid(int item, int answer) {
        int max = item >= 29 ? 7 : 4;
        return answer >= 1 && answer <= max;
    }
}
