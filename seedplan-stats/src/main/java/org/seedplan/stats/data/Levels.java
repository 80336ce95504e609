package org.seedplan.stats.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Ordering of category labels as R orders factor levels: numerically when all are numbers, else alphabetically. */
public final class Levels {

    private Levels() {
    }

    /** The labels sorted as R's {@code factor()} would order them. */
    public static List<String> sorted(Collection<String> labels) {
        List<String> out = new ArrayList<>(labels);
        boolean numeric = out.stream().allMatch(Levels::isNumber);
        if (numeric) {
            out.sort(Comparator.comparingDouble(Double::parseDouble));
        } else {
            out.sort(Comparator.naturalOrder());
        }
        return out;
    }

    private static boolean isNumber(String s) {
        try {
            return Double.isFinite(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
