package org.seedplan.stats.cox;

import java.util.Locale;

/** How a Cox model treats tied event times: Efron's approximation (R's default) or Breslow's. */
public enum Ties {
    /** Efron (1977): tied deaths leave the risk set in equal fractions. */
    EFRON,
    /** Breslow (1974): all tied deaths share the full risk set. */
    BRESLOW;

    /** Parses {@code efron} or {@code breslow}. */
    public static Ties parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ties method '" + name + "' is unknown; fix: use efron or breslow");
        }
    }

    /** R's name. */
    public String rName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
