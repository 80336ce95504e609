package org.seedplan.stats.data;

import java.util.Collection;
import java.util.Locale;

/** Finds the column a misspelt name was meant to be (Levenshtein edit distance), for "did you mean" messages. */
public final class ColumnNames {

    private ColumnNames() {
    }

    /** Edit distance (insertions, deletions, substitutions) between {@code a} and {@code b}. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The message part for an unknown column: "did you mean 'x'?" when one is within 2 edits (case ignored), then the columns there are. */
    public static String unknown(String column, Collection<String> available) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String c : available) {
            int d = distance(column.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d < bestD) {
                best = c;
                bestD = d;
            }
        }
        String hint = best != null && bestD <= 2 ? "did you mean '" + best + "'? " : "";
        return "no column '" + column + "'; " + hint + "fix: use one of " + available;
    }
}
