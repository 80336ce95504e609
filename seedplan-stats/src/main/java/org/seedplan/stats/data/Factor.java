package org.seedplan.stats.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A categorical variable: one integer code per row indexing {@link #levels()} (R's factor).
 *
 * @param name   the column name (used in labels such as {@code rx=1})
 * @param codes  level index per row, 0-based
 * @param levels level labels in factor order
 */
public record Factor(String name, int[] codes, List<String> levels) {

    /** Builds a factor from labels (no nulls) with levels in R's order ({@link Levels#sorted}). */
    public static Factor of(String name, String[] labels) {
        List<String> levels = Levels.sorted(new java.util.LinkedHashSet<>(List.of(labels)));
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < levels.size(); i++) {
            idx.put(levels.get(i), i);
        }
        int[] codes = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            codes[i] = idx.get(labels[i]);
        }
        return new Factor(name, codes, List.copyOf(levels));
    }

    /** Number of levels. */
    public int levelCount() {
        return levels.size();
    }

    /** R's stratum label {@code name=level}. */
    public String label(int level) {
        return name + "=" + levels.get(level);
    }

    /** Number of rows in each level. */
    public int[] counts() {
        int[] n = new int[levels.size()];
        for (int c : codes) {
            n[c]++;
        }
        return n;
    }
}
