package org.seedplan.stats.tests;

import java.util.List;
import org.apache.commons.statistics.inference.OneWayAnova;

/** One-way analysis of variance (F test of equal means, R's {@code oneway.test(var.equal = TRUE)} / {@code aov}), via Apache Commons Statistics. */
public final class Anova {

    private Anova() {
    }

    /** Tests equality of the group means. */
    public static GroupTestResult oneWay(List<double[]> groups) {
        List<double[]> used = groups.stream().filter(g -> g.length > 0).toList();
        if (used.size() < 2) {
            throw new IllegalArgumentException("ANOVA needs at least 2 non-empty groups, got " + used.size()
                    + "; fix: check the group column");
        }
        int n = 0;
        for (double[] g : used) {
            Checks.atLeast(g, 1, "group");
            n += g.length;
        }
        if (n - used.size() < 1) {
            throw new IllegalArgumentException("ANOVA needs more values than groups; fix: add data");
        }
        var r = OneWayAnova.withDefaults().test(used);
        return new GroupTestResult("One-way analysis of means", r.getStatistic(), used.size() - 1.0,
                n - (double) used.size(), r.getPValue(), n);
    }
}
